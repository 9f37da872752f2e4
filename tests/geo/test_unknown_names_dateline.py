"""Names the gazetteer lacks, or knows only under another spelling, in whole short articles written for the
test: where the geography places them (geocoder.geography, as the pipeline calls it)."""

from __future__ import annotations

from eventatlas.ingest import make_document


def places(atlas, text: str) -> dict[str, object]:
    document = make_document(text, published="2026-03-14")
    geography = atlas.geocoder.geography(atlas.nlp(document.text), document)
    return {text[t.start:t.end]: t.place for t in geography.toponyms}


def place_named(found: dict[str, object], word: str):
    return next(place for surface, place in found.items() if word in surface)


def test_a_spelling_variant_stands_when_the_article_names_its_province(atlas):
    # "Kootum" is only a spelling variant of Kutum, a small town: far from the dateline's city it would be
    # taken for a street there, but the story says it is in North Darfur
    text = ("PORT SUDAN, March 14 (Nile Wire) - Fighters looted the market in Kootum, in North Darfur, on "
            "Friday, residents said. Officials in Port Sudan said aid convoys had been stopped.")
    kutum = place_named(places(atlas, text), "Kootum")
    assert (kutum.name, kutum.admin1) == ("Kutum", "Northern Darfur")


def test_a_variant_the_article_does_not_support_is_still_placed_near_the_story(atlas):
    text = ("PORT SUDAN, March 14 (Nile Wire) - Fighters looted the market in Kootum on Friday, residents "
            "said. Officials in Port Sudan said aid convoys had been stopped.")
    kootum = place_named(places(atlas, text), "Kootum")
    assert kootum.name is None and kootum.admin1 == "Red Sea"


def test_an_unknown_district_of_the_capital_is_placed_in_the_dateline_s_city(atlas):
    # "Bakaraaha" is no place the gazetteer knows; the only place the body names is a province
    text = ("MOGADISHU, March 14 (Coast Wire) - Police raided houses in the capital's Bakaraaha district on "
            "Friday. The district lies on the road towards the Middle Shabelle region.")
    district = place_named(places(atlas, text), "Bakaraaha")
    assert district.name is None
    assert (district.admin1, district.precision) == ("Banaadir", "city")


