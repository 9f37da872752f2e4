"""The control tables (eventatlas/control/ writes them, `eventatlas control` and /api/control read them):
what every SQL back-end shares, the filter conditions and the rows; each back-end's schema and statements
are in its own control.py (store/sqlite/control.py, store/postgres/control.py).

    control_evidence  one row per control claim and place: the ControlEvidence the periods are derived from,
                      by place key, so a new article re-derives only the places it speaks of
    control_periods   the derived periods; `since` '' when not known, `until` '9999-12-31' while it lasts,
                      so "in force at D" is since <= D < until on plain columns
    control_names     every name a place goes by (folded), for --place NAME
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from eventatlas.geo.normalize import norm_key
from eventatlas.records import ControlEvidence, ControlPeriod, ControlPlace
from eventatlas.store.filters import ControlFilter

OPEN_START, OPEN_END = "", "9999-12-31"


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def control_conditions(f: ControlFilter, args: list, param: str = "?") -> list[str]:
    """The filter as conditions over `control_periods c` (the place's box and the exact distance are the
    caller's: each back-end computes distances its own way), appending their parameters to args."""
    conds = []
    if f.key:
        conds.append(f"c.place_key = {param}")
        args.append(f.key)
    if f.place:
        conds.append(f"c.place_key IN (SELECT place_key FROM control_names WHERE name = {param})")
        args.append(norm_key(f.place))
    if f.country:
        conds.append(f"c.country = {param}")
        args.append(f.country.upper())
    if f.at:
        conds.append(f"c.since <= {param} AND c.until > {param}")
        args.extend([f.at, f.at])
    return conds


def period_row(period: ControlPeriod) -> tuple:
    p = period.place
    whole = period.to_dict()
    brief = {k: v for k, v in whole.items() if k != "evidence"} | {"evidence_count": len(period.evidence)}
    return (period.id, p.key, p.country_code, p.latitude, p.longitude, period.since or OPEN_START,
            period.until or OPEN_END, period.controller, period.status, _dumps(whole), _dumps(brief))


PERIOD_COLUMNS = ("id", "place_key", "country", "latitude", "longitude", "since", "until", "controller", "status",
                  "json", "brief")


def name_rows(periods: list[ControlPeriod]) -> set[tuple[str, str]]:
    return {(norm_key(n), p.place.key) for p in periods for n in {p.place.name, *p.place.names} if n}


def evidence_rows(found: list[tuple[ControlPlace, ControlEvidence]]) -> list[tuple]:
    return [(place.key, e.document_id, e.claim_id, _dumps(dataclasses.asdict(place)), _dumps(dataclasses.asdict(e)))
            for place, e in found]


def merge_places(places: list[ControlPlace]) -> ControlPlace:
    """One place from the several articles that name it: named as most of them name it, with every spelling
    any of them used."""
    counts = Counter(p.name for p in places)
    name = max(counts, key=lambda n: (counts[n], -[p.name for p in places].index(n)))
    return dataclasses.replace(places[0], name=name,
                               names=sorted({n for p in places for n in (p.name, *p.names) if n}))
