"""Names the gazetteer lacks (institutions, buildings, streets, local names): where they are placed.

Given spans, as in the gold-span setting; every sentence is made up for the rule it exercises."""

def test_an_institution_named_after_a_city_is_placed_in_that_city(resolve_names):
    (hospital,) = resolve_names("Doctors at the Herat Regional Hospital treated the wounded.",
                           ["Herat Regional Hospital"], outlet=None)
    assert (hospital.geonames_id, hospital.precision) == (1140026, "city")


def test_a_country_inside_a_name_beats_the_local_place_nearest_in_the_text(resolve_names):
    text = "Traders in London waited for the Bank of Ghana to act."
    london, bank = resolve_names(text, ["London", "Bank of Ghana"], outlet=None)
    assert london.country_code == "GB"
    assert (bank.country_code, bank.precision) == ("GH", "country")


def test_a_small_town_sharing_a_word_of_a_local_name_does_not_carry_it_off(resolve_names):
    # Royal Oak is a Michigan town; a diner of that name in a Tulsa story is in Tulsa.
    text = "Police in Tulsa, Oklahoma, said a man robbed the Royal Oak Diner on Sunday."
    tulsa, _, diner = resolve_names(text, ["Tulsa", "Oklahoma", "Royal Oak Diner"])
    assert diner.admin1 == "Oklahoma" and diner.geonames_id is None
    assert (diner.latitude, diner.longitude) == (tulsa.latitude, tulsa.longitude)


def test_a_street_named_after_a_town_stays_in_the_story_town(resolve_names):
    text = "A water main broke in Tulsa, Oklahoma, under Fresno Street on Friday."
    tulsa, _, street = resolve_names(text, ["Tulsa", "Oklahoma", "Fresno Street"])
    assert tulsa.geonames_id == 4553433
    assert (street.latitude, street.longitude) == (tulsa.latitude, tulsa.longitude)


def test_a_spelling_variant_of_a_far_small_town_gives_way_to_the_story_town(resolve_names):
    # "Wallam" folds to the key of Ouallam in Niger: right in a Niger story, wrong in an Oklahoma one.
    text = "Deputies in Tulsa, Oklahoma, searched the woods near Wallam for the missing hiker."
    tulsa, _, local = resolve_names(text, ["Tulsa", "Oklahoma", "Wallam"])
    assert local.geonames_id is None and (local.latitude, local.longitude) == (tulsa.latitude, tulsa.longitude)
    text = "Soldiers in Niamey said gunmen attacked a market near Wallam."
    _, ouallam = resolve_names(text, ["Niamey", "Wallam"], outlet=None)
    assert ouallam.geonames_id == 2440371
