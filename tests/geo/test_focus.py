"""An article's Geography: the place it was filed from, every place it names, and the one it is about."""

from eventatlas.ingest import make_document


def _geography(atlas, text):
    document = make_document(text)
    return atlas.geocoder.geography(atlas.nlp(atlas.pipeline.parse_text(document)), document)


def test_the_focus_is_the_most_mentioned_city(atlas):
    geo = _geography(atlas, "MOSUL, Iraq (Reuters) - Fighting flared again in Mosul on Sunday. Residents of "
                            "Mosul said militants fired mortars from Tal Afar. Officials condemned the attack.")
    assert (geo.focus.geonames_id, geo.focus.precision) == (99072, "city")


def test_the_dateline_place_comes_first_and_is_marked(atlas):
    geo = _geography(atlas, "KHARKIV, Ukraine - Missiles hit an apartment block in Izium overnight, officials said.")
    assert geo.dateline is not None and geo.dateline.place.name == "Kharkiv"
    assert geo.toponyms[0] is geo.dateline
    assert [t.place.text for t in geo.toponyms[1:]] == ["Izium"]


def test_a_tie_goes_to_the_first_mentioned_place(atlas):
    geo = _geography(atlas, "Talks between delegations from Goma and Bukavu resumed on Monday.")
    assert geo.focus.name == "Goma"


def test_countries_alone_give_no_focus(atlas):
    assert _geography(atlas, "Officials from Sudan and Chad met on Monday.").focus is None
    assert _geography(atlas, "Officials met on Monday.").focus is None
