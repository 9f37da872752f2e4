"""What an event's fields become once all its mentions are in: its ACLED type from the agent and target
the whole article gives it, the background flag, a place the article established for it, and canonical
actor names."""

from __future__ import annotations

import dataclasses

from eventatlas.assemble.events import is_force, riot
from eventatlas.extract.acled import acled_for
from eventatlas.records import Actor, Event, Geography, Mention, Place

# Events that happen somewhere on the ground, as opposed to statements (accusations, calls, threats).
MATERIAL = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "AID", "CONCEDE"}

_HOW = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb",
        "Grenade", "Chemical weapon", "Abduction/forced disappearance", "Sexual violence"}
_PROTEST_FORCE = ("Violent demonstration", "Excessive force against protesters", "Protest with intervention")


def acled_of(e: Event, parts: list[Mention]) -> dict[str, str] | None:
    """ACLED's type from the event's final actors; a protest reads the cues of every mention of it."""
    main = parts[0]
    agent = next((a for a in e.actors if a.role == "agent"), None)
    target = next((a for a in e.actors if a.role == "target"), None)
    if e.type == "PROTEST" and len(parts) > 1 and any(is_force(p) or riot(p) for p in parts):
        found = {(acled_for("PROTEST", None, p.cue_text, agent, target, e.status) or {}).get("sub_event_type")
                 for p in parts}
        found |= {(p.acled or {}).get("sub_event_type") for p in parts}
        # Demonstrators who storm or burn make a riot even when police open fire on them (ACLED's rule).
        sub = next((s for s in _PROTEST_FORCE if s in found), None)
        if sub is not None:
            return {"event_type": "Riots" if sub == "Violent demonstration" else "Protests", "sub_event_type": sub}
    if e.type == "COERCE" and main.trigger_acled == "Arrests" and e.status == "occurred":
        # arrests made at a protest are an event of their own; the tear gas in the sentence is the protest's
        return {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    found = acled_for(e.type, main.trigger_acled, main.cue_text, agent, target, e.status)
    if e.type == "ASSAULT" and found is not None and found["sub_event_type"] in ("Attack", "Armed clash"):
        # another mention may say how it was done: "a bomb was thrown at the shop"
        for p in parts[1:]:
            other = acled_for(e.type, p.trigger_acled, p.cue_text, agent, target, e.status)
            if other is not None and other["sub_event_type"] in _HOW:
                return other
    return found


def background(e: Event, published: str | None) -> bool:
    """History the text dates to a year before the one it was published in ("seized the town in 2014")."""
    if published is None or e.date.end is None or e.status != "occurred":
        return False
    return e.date.end[:4] < published[:4]


def country_of(geography: Geography) -> Place:
    """The country the article's story is in, as a place of country precision: the country as the article
    names it when it does, else its name without coordinates."""
    code = geography.focus.country_code
    named = next((t.place for t in geography.toponyms if t.place.precision == "country" and
                  t.place.country_code == code and t.place.latitude is not None), None)
    if named is not None:
        return named
    return Place(text=code, name=_country_name(code), country_code=code, precision="country")


def _country_name(code: str | None) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(found, "common_name", None) or (found.name if found else None)


def protest_sides(e: Event, parts: list[Mention]) -> None:
    """A protest met with force is coded with the force that intervened as agent and the protesters as its
    target; the size of the crowd is no figure of what happened to it."""
    if e.type != "PROTEST":
        return
    force = next((a for p in parts if is_force(p) for a in p.actors if a.role == "agent" and a.type == "state"),
                 None)
    if force is not None and not any(a.role == "agent" and a.type == "state" for a in e.actors):
        e.actors = [a for a in e.actors if a.role != "agent"] + [dataclasses.replace(force)]
        if not any(a.role == "target" for a in e.actors):
            e.actors.append(Actor(role="target", text="protesters", name="protesters", type="protesters"))
    e.quantities = [dataclasses.replace(q, category="other") if q.category == "civilians" else q
                    for q in e.quantities]
