"""An event's place: its own clause first, then the article's focus at a coarser precision."""

from eventatlas.geo import article_focus, event_focus_place


def test_event_takes_the_place_in_its_own_clause(nlp, geocoder):
    text = ("KYIV (Reuters) - Ukrainian officials said on Tuesday that Russian missiles struck Kharkiv "
            "overnight. Separately, talks resumed in Geneva.")
    doc = nlp(text)
    toponyms = geocoder.geoparse(doc)
    struck = next(t for t in doc if t.text == "struck")
    resumed = next(t for t in doc if t.text == "resumed")
    assert event_focus_place(toponyms, trigger=struck).geonames_id == 706483
    assert event_focus_place(toponyms, trigger=resumed).name == "Geneva"


def test_without_a_place_in_the_clause_the_article_focus_is_used_coarser(nlp, geocoder):
    text = ("MOSUL, Iraq (Reuters) - Fighting flared again in Mosul on Sunday. Residents of Mosul said "
            "militants fired mortars. Officials condemned the attack.")
    doc = nlp(text)
    toponyms = geocoder.geoparse(doc)
    focus = article_focus(toponyms)
    assert (focus.geonames_id, focus.precision) == (99072, "city")
    condemned = next(t for t in doc if t.text == "condemned")
    place = event_focus_place(toponyms, trigger=condemned)
    assert (place.geonames_id, place.precision) == (99072, "admin1")


def test_no_resolved_place_means_no_focus(nlp, geocoder):
    assert article_focus(geocoder.geoparse(nlp("Officials met on Monday."))) is None
