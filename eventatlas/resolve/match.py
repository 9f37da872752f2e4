"""Whether two event reports (Event JSON dicts) can describe the same real incident.

Actions (an attack, a protest, arrests): compatible types (equal PLOVER type, or ACLED types of one family),
compatible statuses, date ranges that overlap or lie within a day of each other, places within 25 km (or the
same admin1 when either place is only known to admin1 precision), and actors that do not contradict each
other (resolve.actors); a report placed only to its country may be one with a report in that country of the
same ACLED sub-event type (resolve.cluster lets it join only an unambiguous incident). Statements (an
accusation, a denial, a demand, a meeting, an agreement) are one per
speaker and day: the same PLOVER type, the same named speaker, overlapping days, one country, and, for an
accusation or a denial, the same party accused where both name one."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from eventatlas.data import read_yaml
from eventatlas.geodesy import haversine_km
from eventatlas.resolve.actors import kind_of_name, norm, same_party

MAX_KM = 25.0
DAY_SLACK = 1
# Reports dated only to a month or a year are too vague to call the same incident as another report.
MAX_SPAN_DAYS = 7


@dataclass(frozen=True)
class Compatibility:
    plover: dict[str, int]
    acled: dict[str, int]       # lower-cased ACLED event type -> family
    acled_names: dict[str, str]  # lower-cased -> as ACLED spells it
    acled_sub: dict[str, int]    # lower-cased ACLED sub-event type -> family across event types
    status: dict[str, int]
    statement_types: frozenset[str]  # PLOVER types of the statement quad classes
    two_sided_acled: frozenset[str]  # lower-cased
    two_sided_plover: frozenset[str]
    institutions: tuple[frozenset[str], ...]
    indistinct: frozenset[str]
    umbrella: frozenset[str]  # "security forces": any state security body
    state_body_words: frozenset[str]


@lru_cache(maxsize=1)
def compatibility() -> Compatibility:
    from eventatlas.extract.lexicon import plover

    raw = read_yaml("eventatlas.resolve", "compatible.yaml")

    def groups(key: str, fold=lambda s: s) -> dict[str, int]:
        return {fold(name): i for i, group in enumerate(raw.get(key) or []) for name in group}

    names = {name.lower(): name for group in raw.get("acled_groups") or [] for name in group}
    quads = set(raw.get("statement_quads") or [])
    return Compatibility(
        plover=groups("plover_groups", str.upper), acled=groups("acled_groups", str.lower), acled_names=names,
        acled_sub=groups("acled_sub_groups", str.lower),
        status=groups("status_groups"),
        statement_types=frozenset(t for t, entry in plover().items() if entry.get("quad") in quads),
        two_sided_acled=frozenset(t.lower() for t in raw.get("two_sided_acled") or []),
        two_sided_plover=frozenset(t.upper() for t in raw.get("two_sided_plover") or []),
        institutions=tuple(frozenset(g) for g in raw.get("institution_words") or []),
        indistinct=frozenset(raw.get("indistinct_words") or []),
        umbrella=frozenset(w.lower() for w in raw.get("umbrella_state_actors") or []),
        state_body_words=frozenset(raw.get("state_body_words") or []))


def is_statement(e: dict[str, Any]) -> bool:
    """An accusation, a denial, a demand, a meeting, an agreement: one incident per speaker and day."""
    return e["type"] in compatibility().statement_types


def types_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["type"] == b["type"]:
        return True
    if is_statement(a) or is_statement(b):
        return False  # an accusation and a denial are two statements, and neither is the act it names
    c = compatibility()
    pa, pb = c.plover.get(a["type"]), c.plover.get(b["type"])
    if pa is not None and pa == pb:
        return True
    aa, ab = _acled_type(a), _acled_type(b)
    if aa is not None and ab is not None and c.acled.get(aa, -1) == c.acled.get(ab, -2):
        return True
    sa, sb = (((e.get("acled") or {}).get("sub_event_type") or "").lower() for e in (a, b))
    return c.acled_sub.get(sa, -1) == c.acled_sub.get(sb, -2)


def _acled_type(e: dict[str, Any]) -> str | None:
    acled = e.get("acled") or {}
    t = acled.get("event_type")
    return t.lower() if t else None


def statuses_compatible(a: str, b: str) -> bool:
    groups = compatibility().status
    return a == b or (a in groups and groups.get(a) == groups.get(b))


def parse_day(value: str | None, *, last: bool = False) -> date | None:
    """A YYYY-MM-DD, YYYY-MM or YYYY date as its first (or last) day; None when absent or unreadable."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, calendar.monthrange(y, m)[1] if last else 1)
        if len(value) == 4:
            return date(int(value), 12, 31) if last else date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def day_range(e: dict[str, Any]) -> tuple[date, date] | None:
    d = e.get("date") or {}
    start = parse_day(d.get("start"))
    end = parse_day(d.get("end") or d.get("start"), last=True)
    if start is None:
        return None
    return start, max(start, end or start)


def dates_compatible(a: dict[str, Any], b: dict[str, Any], slack_days: int = DAY_SLACK) -> bool:
    ra, rb = day_range(a), day_range(b)
    if ra is None or rb is None:
        return False  # an undated report cannot be placed next to another one
    if (ra[1] - ra[0]).days > MAX_SPAN_DAYS or (rb[1] - rb[0]).days > MAX_SPAN_DAYS:
        return False  # "in March" could be any of a month's incidents
    slack = timedelta(days=slack_days)
    return ra[0] <= rb[1] + slack and rb[0] <= ra[1] + slack


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        return haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    except (KeyError, TypeError):
        return None


COARSE = ("country", "region")


def placed_only_to_country(e: dict[str, Any]) -> bool:
    """A report whose place is no finer than its country ("in Somalia"): it can join an incident that
    reports placed better have formed, and only one that is unambiguous (resolve.cluster)."""
    loc = e.get("location") or {}
    return bool(loc.get("country_code")) and loc.get("precision") in COARSE


# A report dated to a span longer than this ("last week", "this week") could be one of several days' events.
VAGUE_SPAN_DAYS = 1


def vague(e: dict[str, Any]) -> bool:
    """A report placed only to its country, or dated only to a span of days ("last week"): it joins an
    incident that better-told reports formed only when exactly one could take it (resolve.cluster)."""
    span = day_range(e)
    return placed_only_to_country(e) or (span is not None and (span[1] - span[0]).days > VAGUE_SPAN_DAYS)


def places_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    la, lb = a.get("location") or {}, b.get("location") or {}
    coarse = {"country", "region", None}
    if la.get("precision") in coarse or lb.get("precision") in coarse:
        return False  # "in Sudan" says too little to call two reports one incident
    if "admin1" in (la.get("precision"), lb.get("precision")):
        return (bool(la.get("admin1")) and la.get("admin1") == lb.get("admin1")
                and la.get("country_code") == lb.get("country_code"))
    km = distance_km(la, lb)
    return km is not None and km <= MAX_KM


def _actors(e: dict[str, Any], roles: tuple[str, ...]) -> list[dict[str, Any]]:
    return [a for a in e.get("actors") or [] if a.get("role") in roles and norm(a.get("name") or a.get("text") or "")]


def _two_sided(e: dict[str, Any]) -> bool:
    c = compatibility()
    return e["type"] in c.two_sided_plover or (_acled_type(e) or "") in c.two_sided_acled


def actors_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Reports conflict when both name who acted and no agent of one is an agent of the other. In a clash,
    a protest or a meeting outlets may name the sides either way round, so there an agent may match the
    other's target."""
    agents_a, agents_b = _actors(a, ("agent",)), _actors(b, ("agent",))
    if not agents_a or not agents_b:
        return True
    if any(same_party(x, y) for x in agents_a for y in agents_b):
        return True
    if not (_two_sided(a) or _two_sided(b)):
        return False
    sides_a, sides_b = _actors(a, ("agent", "target")), _actors(b, ("agent", "target"))
    return any(same_party(x, y) for x in agents_a for y in sides_b) or \
        any(same_party(x, y) for x in agents_b for y in sides_a)


def speakers(e: dict[str, Any]) -> list[dict[str, Any]]:
    """Who made a statement: its agents, else the source it is attributed to."""
    found = _actors(e, ("agent",))
    speaker = (e.get("attribution") or {}).get("speaker")
    if not found and speaker:
        found = [{"role": "agent", "name": speaker, "text": speaker}]
    return found


def statements_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One statement: the same speaker, no slack on the day, one country unless the speaker is named (a
    statement's place is where it was made or what it is about, and outlets differ); an accusation or a
    denial aimed at the same party where both name one. A meeting or an agreement that one report tells
    without its parties is the other's when both place it in one city on one day."""
    sa, sb = speakers(a), speakers(b)
    if _two_sided(a):  # a meeting or an agreement: its parties, whoever outlets name as host
        sa, sb = sa + _actors(a, ("target",)), sb + _actors(b, ("target",))
        if not sa or not sb:
            # a report that names no party ("the truce signed in Jeddah"): the same place and day
            return dates_compatible(a, b, slack_days=0) and places_compatible(a, b)
    pairs = [(x, y) for x in sa for y in sb if same_party(x, y)]
    if not pairs or not dates_compatible(a, b, slack_days=0):
        return False
    ca, cb = ((e.get("location") or {}).get("country_code") for e in (a, b))
    named = any(kind_of_name(x) != "generic" and kind_of_name(y) != "generic" for x, y in pairs)
    if ca and cb and ca.upper() != cb.upper() and not named:
        return False  # "the government" of two countries; a named speaker is one wherever outlets place it
    if _two_sided(a):
        return True
    ta, tb = _actors(a, ("target",)), _actors(b, ("target",))
    return not ta or not tb or any(same_party(x, y) for x in ta for y in tb)


def loosely_placed_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two actions one of which is placed only to its country: the same country, and the same ACLED
    sub-event type where both give one (what the place cannot tell apart, the kind of event must)."""
    ca, cb = ((e.get("location") or {}).get("country_code") for e in (a, b))
    if not ca or not cb or ca.upper() != cb.upper():
        return False
    sa, sb = ((e.get("acled") or {}).get("sub_event_type") for e in (a, b))
    return not sa or not sb or sa == sb


def same_incident(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if not (types_compatible(a, b) and statuses_compatible(a["status"], b["status"])):
        return False
    if is_statement(a):
        return statements_compatible(a, b)
    if not (dates_compatible(a, b) and actors_compatible(a, b)):
        return False
    if placed_only_to_country(a) or placed_only_to_country(b):
        return loosely_placed_compatible(a, b)
    return places_compatible(a, b)
