"""Who published an article: the country its web address names, and the region its earlier articles
were set in, which tells a local paper's "Richmond" from the larger one elsewhere."""

import pytest

from eventatlas.geo.outlets import OutletProfiles, country_of_url, outlet_key


@pytest.mark.parametrize("url, country", [
    ("https://www.thisisoxfordshire.co.uk/news/1", "GB"),
    ("http://lfpress.ca/story", "CA"),
    ("civil.ge", "GE"),
    ("https://www.dailystar.com.lb/News.aspx", "LB"),
    ("https://www.richmond.com/news/", None),    # .com says nothing
    ("https://news.example.tv/a", None),         # sold worldwide as a vanity name
    ("", None),
    (None, None),
])
def test_a_country_domain_names_the_outlets_country(url, country):
    assert country_of_url(url) == country


def test_an_outlet_is_known_by_its_host_or_else_its_name():
    assert outlet_key("Richmond Register", "https://www.richmondregister.com/news/x") == "richmondregister.com"
    assert outlet_key(" Kyiv Post ", None) == "kyiv post"
    assert outlet_key(None, None) is None


def _richmond(geocoder, outlet):
    text = "Richmond police arrested two men on Friday."
    return geocoder.resolve_mentions(text, [(0, 8)], outlet_country="US", outlet=outlet)[0]


def test_a_local_paper_teaches_the_geocoder_which_richmond_it_means(geocoder):
    profiles = OutletProfiles()
    paper = profiles.of("richmondregister.com")
    # with nothing learnt yet, the largest US Richmond (Virginia) wins
    assert _richmond(geocoder, paper).admin1 == "Virginia"
    for text in ("The Kentucky State Police closed the road.", "Flooding hit eastern Kentucky on Monday."):
        start = text.index("Kentucky")
        geocoder.resolve_mentions(text, [(start, start + 8)], outlet_country="US", outlet=paper)
    assert paper.home() == {("US", "Kentucky"): pytest.approx(2 / 3)}
    assert _richmond(geocoder, paper).admin1 == "Kentucky"
    # another outlet, and another run, learnt nothing
    assert _richmond(geocoder, profiles.of("timesdispatch.com")).admin1 == "Virginia"
    assert _richmond(geocoder, OutletProfiles().of("richmondregister.com")).admin1 == "Virginia"


def test_only_names_with_one_possible_region_are_learnt(geocoder):
    paper = OutletProfiles().of("example-gazette.com")
    for _ in range(3):  # there are Springfields in a dozen states: no lesson in any of them
        geocoder.resolve_mentions("Springfield voters went to the polls.", [(0, 11)], outlet_country="US",
                                  outlet=paper)
    assert paper.home() == {}
