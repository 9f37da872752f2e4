"""Whether two event reports (Event JSON dicts) can describe the same real incident.

Rules: compatible types (equal PLOVER type, or ACLED types of one family), compatible statuses, date ranges
that overlap or lie within a day of each other, places within 25 km (or the same admin1 when either place
is only known to admin1 precision), and actors that do not contradict each other."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from eventatlas.data import read_yaml
from eventatlas.geodesy import haversine_km

MAX_KM = 25.0
DAY_SLACK = 1


@dataclass(frozen=True)
class Compatibility:
    plover: dict[str, int]
    acled: dict[str, int]       # lower-cased ACLED event type -> family
    acled_names: dict[str, str]  # lower-cased -> as ACLED spells it
    status: dict[str, int]


@lru_cache(maxsize=1)
def compatibility() -> Compatibility:
    raw = read_yaml("eventatlas.resolve", "compatible.yaml")

    def groups(key: str, fold=lambda s: s) -> dict[str, int]:
        return {fold(name): i for i, group in enumerate(raw.get(key) or []) for name in group}

    names = {name.lower(): name for group in raw.get("acled_groups") or [] for name in group}
    return Compatibility(plover=groups("plover_groups", str.upper), acled=groups("acled_groups", str.lower),
                         acled_names=names, status=groups("status_groups"))


def types_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["type"] == b["type"]:
        return True
    c = compatibility()
    pa, pb = c.plover.get(a["type"]), c.plover.get(b["type"])
    if pa is not None and pa == pb:
        return True
    aa, ab = _acled_type(a), _acled_type(b)
    return aa is not None and ab is not None and c.acled.get(aa, -1) == c.acled.get(ab, -2)


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


def dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ra, rb = day_range(a), day_range(b)
    if ra is None or rb is None:
        return False  # an undated report cannot be placed next to another one
    slack = timedelta(days=DAY_SLACK)
    return ra[0] <= rb[1] + slack and rb[0] <= ra[1] + slack


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        return haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    except (KeyError, TypeError):
        return None


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


_NOISE = re.compile(r"\b(the|a|an)\b|[^\w\s]")


def _norm(name: str) -> str:
    return " ".join(_NOISE.sub(" ", name.lower()).split())


def _names(e: dict[str, Any], roles: tuple[str, ...]) -> set[str]:
    return {_norm(a.get("name") or a.get("text") or "") for a in e.get("actors") or []
            if a.get("role") in roles} - {""}


def _same_actor(x: str, y: str) -> bool:
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return re.search(rf"\b{re.escape(short)}\b", long_) is not None


def actors_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Reports conflict when both name who acted and neither's actors appear among the other's. Roles may
    swap between outlets (who attacked whom in a clash), so an agent may match the other's target."""
    agents_a, agents_b = _names(a, ("agent",)), _names(b, ("agent",))
    if not agents_a or not agents_b:
        return True
    all_a, all_b = _names(a, ("agent", "target", "other")), _names(b, ("agent", "target", "other"))
    return (any(_same_actor(x, y) for x in agents_a for y in all_b)
            or any(_same_actor(x, y) for x in agents_b for y in all_a))


def same_incident(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (types_compatible(a, b) and statuses_compatible(a["status"], b["status"])
            and dates_compatible(a, b) and places_compatible(a, b) and actors_compatible(a, b))
