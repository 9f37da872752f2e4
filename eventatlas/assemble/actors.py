"""Canonical actor names once the article is read: the unnamed "soldiers" of an article set in Burkina Faso
are the Military Forces of Burkina Faso, "police" of any country the Police, every civilian victim
"civilians", and the people a protest is made of "protesters" (ACLED's actor names and classes)."""

from __future__ import annotations

import dataclasses
import functools

from eventatlas.data import read_rows
from eventatlas.extract.lexicon import actor_aliases, words
from eventatlas.records import Actor, Event

_FORCES = words("forces_heads")
_POLICE = words("police_heads")
_GOVERNMENT = words("government_heads")


@functools.cache
def _state_names() -> dict[tuple[str, str], str]:
    """(kind, ISO2) -> the actor table's name for that country's forces, police or government."""
    out: dict[tuple[str, str], str] = {}
    for entry in actor_aliases()[1].values():
        if entry.type != "state" or not entry.country:
            continue
        for kind, prefix in (("forces", "Military Forces of "), ("police", "Police Forces of "),
                             ("government", "Government of ")):
            if entry.name.startswith(prefix):
                out.setdefault((kind, entry.country), entry.name)
    return out


def _country_name(code: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return (getattr(found, "common_name", None) or found.name) if found else None


def state_name(kind: str, country: str | None) -> str | None:
    """'Military Forces of Mali', 'Police', 'Government of Kenya' (None when the country is unknown)."""
    if kind == "police":
        return _state_names().get(("police", country or ""), "Police")
    if not country:
        return None
    known = _state_names().get((kind, country))
    if known:
        return known
    forces = _state_names().get(("forces", country))
    if forces is not None:  # the country as the actor table spells it
        return forces.replace("Military Forces of ", "Government of ") if kind == "government" else forces
    name = _country_name(country)
    if name is None:
        return None
    return f"{'Military Forces' if kind == 'forces' else 'Government'} of {name}"


def _head(actor: Actor) -> str:
    last = actor.name.split()[-1].lower() if actor.name else ""
    return last[:-1] if last.endswith("s") and last[:-1] in _FORCES | _POLICE | _GOVERNMENT else last


def _generic(actor: Actor) -> bool:
    """Named by a common noun ("troops", "the army", "security officers"), not by the actor table."""
    return actor.name not in {e.name for e in actor_aliases()[1].values()} or actor.name == "Police"


@functools.cache
def _country_names() -> dict[str, str]:
    """lower-cased name or alias of a country -> ISO2 ("russia", "the u.s.", "us" -> ...)."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), c.alpha_2):
            if n:
                out.setdefault(n.lower(), c.alpha_2)
    for row in read_rows("eventatlas.geo", "country_aliases.tsv", header=False):
        if len(row) >= 2:
            out.setdefault(row[1].strip().lower(), row[0].strip())
    return out


def _names_a_country(actor: Actor) -> str | None:
    name = actor.name.lower().removeprefix("the ").strip()
    return _country_names().get(name)


def canonical(actor: Actor, country: str | None, protest: bool = False, acting: bool = False) -> Actor:
    """The actor under its canonical name; `country`: where the event is, for unnamed state forces;
    `acting`: the event is one of force, so a country that does it is its military."""
    name, kind = actor.name, actor.type
    state = _names_a_country(actor) if kind == "state" else None
    if state is not None:
        # "Russia launched ...", "the US said ...": the state acts through its forces or its government
        name = state_name("forces" if acting else "government", state) or name
    elif kind == "civilians" and protest and actor.role == "agent":
        name, kind = "protesters", "protesters"  # "thousands of traders rallied": they are the protesters
    elif kind in ("civilians", "protesters", "rioters"):
        name = kind
    elif kind == "state" and _generic(actor):
        head, all_words = _head(actor), {w.lower().rstrip("s") for w in actor.name.split()}
        where = actor.country_code or country
        # "army officers" are soldiers; "riot police" and "security officers" the police
        group = "forces" if head in _FORCES or all_words & {w.rstrip("s") for w in _FORCES} else (
            "police" if head in _POLICE else "government" if head in _GOVERNMENT else None)
        if group is not None:
            name = state_name(group, where) or name
    if (name, kind) == (actor.name, actor.type):
        return actor
    return dataclasses.replace(actor, name=name, type=kind)


def canonical_actors(e: Event, country: str | None) -> None:
    """Name every actor of `e` canonically; a protest met with force has the protesters as its target."""
    where = (e.location.country_code if e.location is not None else None) or country
    acting = e.type in ("ASSAULT", "MOBILIZE", "COERCE", "RETREAT")
    e.actors = [canonical(a, where, protest=e.type == "PROTEST", acting=acting) for a in e.actors]
    # A force named by kind alone ("regime helicopters", "the police") is the state where the event happens, as
    # conflict data code it; a named foreign force keeps its own country.
    e.actors = [dataclasses.replace(a, country_code=where) if a.type == "state" and a.country_code is None and where
                else a for a in e.actors]
    # "an army convoy ..., killing nine soldiers": two words for one canonical party are one actor
    seen: set[tuple[str, str | None]] = set()
    e.actors = [a for a in e.actors if (a.role, a.name) not in seen and not seen.add((a.role, a.name))]
    roles = {a.role for a in e.actors}
    if e.type == "PROTEST" and "target" not in roles and \
            any(a.role == "agent" and a.type == "state" for a in e.actors):
        e.actors.append(Actor(role="target", text="protesters", name="protesters", type="protesters"))
