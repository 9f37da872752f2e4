"""Which place a control claim is about, against the real packaged gazetteer, and who canonically holds it."""

from __future__ import annotations

from eventatlas.control.places import canonical_controller, control_place

FARDC = "Military Forces of the Democratic Republic of Congo"


def test_a_name_the_geography_left_bare_is_looked_up_in_the_articles_country(geocoder):
    place = control_place({"text": "Lubero"}, None, geocoder, "CD")
    assert (place.key, place.level, place.country_code) == ("town:211069", "town", "CD")


def test_a_district_named_like_its_town_is_a_place_of_its_own_at_the_towns_point(geocoder):
    town = control_place({"text": "Lubero"}, None, geocoder, "CD")
    district = control_place({"text": "Lubero"}, "district", geocoder, "CD")
    assert (district.key, district.name, district.geonames_id) == ("district:CD:lubero", "Lubero", None)
    assert (district.latitude, district.longitude) == (town.latitude, town.longitude)


def test_a_town_resolved_as_a_region_of_its_name_is_the_town(geocoder):
    region = {"text": "Oicha", "name": "Oicha", "geonames_id": 8260605, "latitude": 0.65, "longitude": 29.41,
              "country_code": "CD", "admin1": "Nord Kivu", "precision": "admin1"}
    place = control_place(region, "town", geocoder, "CD")
    assert (place.key, place.name) == ("town:8329635", "Oicha"), "the article's spelling, the gazetteer's town"
    assert "Hyosha" in place.names


def test_no_place_the_gazetteer_knows_is_no_place(geocoder):
    assert control_place({"text": "Overview"}, None, geocoder, "CD") is None
    assert control_place(None, None, geocoder, "CD") is None


def test_the_army_of_a_place_is_its_countrys_forces_and_a_listed_actor_stays_itself():
    assert canonical_controller("army", "CD") == FARDC
    assert canonical_controller("Congolese soldiers", "CD") == FARDC
    assert canonical_controller("Rapid Support Forces", "SD") == "Rapid Support Forces"
    assert canonical_controller("Wazalendo", "CD") == "Wazalendo"
    assert canonical_controller("army", None) == "army", "no country: nothing to name it by"
