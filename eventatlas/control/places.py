"""Which place a control claim is about, at which level, and who, canonically, holds it.

A claim's place may be resolved already (the geography found it) or be a name the geography left alone
("Lubero" tagged a person's name); such names are looked up in the gazetteer, within the country the
article is about. The town of Lubero and Lubero territory are two places: the level is part of the key."""

from __future__ import annotations

from typing import Any

from eventatlas.extract.control_places import national_forces
from eventatlas.extract.lexicon import actor_aliases, control_words, generic_actor_types
from eventatlas.geo.normalize import norm_key
from eventatlas.records import ControlPlace

_PRECISION_LEVEL = {"point": "town", "city": "town", "admin1": "admin1", "region": "admin1", "country": "country"}


def place_key(level: str, geonames_id: int | None, country: str | None, name: str) -> str:
    """"town:211069" for a gazetteer entry at the level asked; else level, country and folded name."""
    if geonames_id is not None:
        return f"{level}:{geonames_id}"
    return f"{level}:{country or '-'}:{norm_key(name)}"


def control_place(location: dict[str, Any] | None, level: str | None, geocoder, country_hint: str | None
                  ) -> ControlPlace | None:
    """The place a claim's location (records.Place as a dict) stands for, or None when it is no place the
    gazetteer knows."""
    if not location:
        return None
    text = (location.get("text") or "").strip()
    found = location if location.get("name") else None
    # A name the geography left bare, placed only near a place it knew, or resolved at another level than
    # the text gives it ("the town of Oicha" resolved to a district of that name): the gazetteer's entry of
    # that name in the article's country, when it has one at the level wanted, so that every article's
    # "Oicha" is one place.
    def level_of(entry: dict[str, Any]) -> str:
        return _PRECISION_LEVEL.get(entry.get("precision") or "", "town")

    unsure = found is None or found.get("geonames_id") is None or (level is not None and level_of(found) != level)
    if unsure and text and geocoder is not None:
        country = (found or {}).get("country_code") or country_hint
        resolved = geocoder.resolve_name(text, country_hint=country)
        if resolved is not None and resolved.geonames_id is not None and (
                country is None or resolved.country_code in (None, country)):
            entry = {k: getattr(resolved, k) for k in ("name", "geonames_id", "latitude", "longitude",
                                                        "country_code", "admin1", "precision")}
            if found is None or found.get("geonames_id") is None or level is None or level_of(entry) == level:
                found = entry
    if found is None:
        return None
    own_level = _PRECISION_LEVEL.get(found.get("precision") or "", "town")
    level = level or own_level
    # "Lubero territory" resolves to the town of Lubero: the district keeps the town's point, not its id
    same_entry = level == own_level
    # the spelling the articles use ("Oicha", where the gazetteer has Hyosha), without a level word after it
    levels = control_words()["levels"]
    plain = text and text.split()[-1].lower() not in levels
    name = text if plain else found["name"] if same_entry else " ".join(text.split()[:-1]) or found["name"]
    gid = found.get("geonames_id") if same_entry else None
    return ControlPlace(key=place_key(level, gid, found.get("country_code"), name), name=name, level=level,
                        country_code=found.get("country_code"), admin1=found.get("admin1"), geonames_id=gid,
                        latitude=found.get("latitude"), longitude=found.get("longitude"),
                        names=sorted({n for n in (name, text, found.get("name")) if n}))


def canonical_controller(name: str | None, country: str | None) -> str | None:
    """"army", "troops", "the government" of a place in the DR Congo: that country's forces, as actors.tsv
    names them; any other name as it is."""
    if not name:
        return None
    if name in {e.name for e in actor_aliases()[1].values()}:
        return name  # "Rapid Support Forces" is listed as itself, whatever its last word
    last = name.split()[-1].lower()
    kinds = generic_actor_types()
    if kinds.get(last) == "state" or kinds.get(last.rstrip("s")) == "state":
        return national_forces(country) or name
    return name
