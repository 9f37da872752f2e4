"""Places in today's conflict zones as wire services spell them, each in a sentence written for the test:
every spelling must land within 25 km of the place it names. Coordinates are the towns' centres."""

import math

import pytest

# (sentence with the place between brackets, country, lat, lon)
CASES = [
    ("Clashes erupted near [Dayr az Zawr] on Monday, a monitor said.", "SY", 35.336, 40.141),
    ("Fighters shelled villages east of [Deir Ezzor] overnight.", "SY", 35.336, 40.141),
    ("An air strike hit a bakery in [Deir al-Zor], residents said.", "SY", 35.336, 40.141),
    ("Protesters gathered in [Raqqa] after the raid.", "SY", 35.95, 39.01),
    ("Families fled [Ar-Raqqah] as the fighting spread.", "SY", 35.95, 39.01),
    ("Government forces bombed towns south of [Idlib] on Sunday.", "SY", 35.93, 36.63),
    ("A car bomb exploded at a checkpoint in [Mosul], police said.", "IQ", 36.34, 43.13),
    ("Troops entered [Falluja] after weeks of siege.", "IQ", 33.35, 43.78),
    ("Gunmen attacked a convoy north of [Tikrit].", "IQ", 34.61, 43.68),
    ("Missiles struck an apartment block in [Kharkiv] on Friday.", "UA", 49.99, 36.23),
    ("Shelling continued around [Kharkov], the regional governor said.", "UA", 49.99, 36.23),
    ("Residents were evacuated from [Mariupol] by bus.", "UA", 47.10, 37.55),
    ("Heavy fighting was reported on the outskirts of [Bakhmut].", "UA", 48.60, 38.00),
    ("A drone hit an energy plant in [Zaporizhzhia] overnight.", "UA", 47.84, 35.14),
    ("Jihadists attacked an army camp near [Gao] in Mali.", "ML", 16.27, -0.04),
    ("A blockade of [Timbuktu] by armed groups entered its third month.", "ML", 16.77, -3.01),
    ("Gunmen killed 12 villagers near [Djibo], Burkina Faso's army said.", "BF", 14.10, -1.63),
    ("A suicide bomber struck a market in [Maiduguri], Borno state.", "NG", 11.85, 13.16),
    ("Tanks advanced into eastern [Khan Younis] on Tuesday.", "PS", 31.34, 34.31),
    ("An air strike hit a house in [Khan Yunis], medics said.", "PS", 31.34, 34.31),
    ("Thousands sheltered in tents in [Rafah] in the southern Gaza Strip.", "PS", 31.29, 34.25),
    ("Strikes pounded the [Jabalia] refugee camp in northern Gaza.", "PS", 31.53, 34.48),
]


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("marked,country,lat,lon", CASES, ids=[c[0].split("[")[1].split("]")[0] for c in CASES])
def test_a_wire_spelling_resolves_to_its_place(geoparse, marked, country, lat, lon):
    start = marked.index("[")
    name = marked[start + 1:marked.index("]")]
    text = marked.replace("[", "").replace("]", "")
    hits = [t for t in geoparse(text) if t.start <= start < t.end]
    assert hits, f"{name!r} was not recognised as a place"
    place = hits[0].place
    assert place.country_code == country, (name, place)
    assert place.latitude is not None and km(lat, lon, place.latitude, place.longitude) <= 25, (name, place)
