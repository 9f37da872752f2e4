"""The control tables (eventatlas/control/ writes them, `eventatlas control` and /api/control read them):
their SQLite schema and statements, and the filter conditions any SQL back-end shares.

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
import sqlite3
from typing import Any, Iterator

from eventatlas.geo.normalize import norm_key
from eventatlas.records import ControlEvidence, ControlPeriod, ControlPlace
from eventatlas.store.filters import ControlFilter

OPEN_START, OPEN_END = "", "9999-12-31"

SQLITE_CONTROL_SCHEMA = """
CREATE TABLE IF NOT EXISTS control_evidence (
    rowid       INTEGER PRIMARY KEY,
    place_key   TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim_id    TEXT NOT NULL,
    place       TEXT NOT NULL,   -- ControlPlace JSON
    json        TEXT NOT NULL,   -- ControlEvidence JSON
    UNIQUE (place_key, document_id, claim_id)
);
CREATE INDEX IF NOT EXISTS control_evidence_by_document ON control_evidence(document_id);
CREATE TABLE IF NOT EXISTS control_periods (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    place_key  TEXT NOT NULL,
    country    TEXT,
    latitude   REAL,
    longitude  REAL,
    since      TEXT NOT NULL DEFAULT '',
    until      TEXT NOT NULL DEFAULT '9999-12-31',
    controller TEXT,
    status     TEXT NOT NULL,
    json       TEXT NOT NULL,    -- ControlPeriod JSON
    brief      TEXT NOT NULL     -- the same without its evidence (and with evidence_count), for map layers
);
CREATE INDEX IF NOT EXISTS control_periods_by_place ON control_periods(place_key, since);
CREATE INDEX IF NOT EXISTS control_periods_by_country ON control_periods(country, since, until);
CREATE INDEX IF NOT EXISTS control_periods_by_day ON control_periods(since, until);
CREATE INDEX IF NOT EXISTS control_periods_by_point ON control_periods(latitude, longitude);
CREATE TABLE IF NOT EXISTS control_names (
    name      TEXT NOT NULL,
    place_key TEXT NOT NULL,
    PRIMARY KEY (name, place_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS control_names_by_place ON control_names(place_key);
-- the rebuild reads every article that has a control claim
CREATE INDEX IF NOT EXISTS claims_by_kind ON claims(kind, document_id);
"""


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


# -- SQLite ------------------------------------------------------------------------------------------------

def sqlite_add_evidence(conn: sqlite3.Connection, found: list[tuple[ControlPlace, ControlEvidence]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO control_evidence (place_key, document_id, claim_id, place, json)"
                     " VALUES (?,?,?,?,?)", evidence_rows(found))


def sqlite_evidence(conn: sqlite3.Connection, keys: list[str]
                    ) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
    places: dict[str, list[ControlPlace]] = {}
    evidence: dict[str, list[ControlEvidence]] = {}
    # in index order, not storing order: the derivation orders evidence itself
    for key, place, data in conn.execute(
            "SELECT place_key, place, json FROM control_evidence WHERE place_key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(keys)),)):
        places.setdefault(key, []).append(ControlPlace(**json.loads(place)))
        evidence.setdefault(key, []).append(ControlEvidence(**json.loads(data)))
    return {k: (merge_places(places[k]), evidence[k]) for k in places}


def sqlite_replace_periods(conn: sqlite3.Connection, keys: list[str], periods: list[ControlPeriod]) -> None:
    """Only the periods that differ from the stored ones are written: a new article changes one or two
    periods of a place that may have hundreds."""
    listed = json.dumps(sorted(keys))
    stored = {i: data for i, data in conn.execute("SELECT id, json FROM control_periods WHERE place_key IN "
                                                  "(SELECT value FROM json_each(?))", (listed,))}
    rows = {row[0]: row for row in map(period_row, periods)}
    whole = PERIOD_COLUMNS.index("json")
    gone = [i for i, data in stored.items() if i not in rows or rows[i][whole] != data]
    conn.executemany("DELETE FROM control_periods WHERE id = ?", [(i,) for i in gone])
    conn.executemany(f"INSERT INTO control_periods ({', '.join(PERIOD_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(PERIOD_COLUMNS))})",
                     [row for i, row in rows.items() if stored.get(i) != row[whole]])
    names = name_rows(periods)
    known = {(n, k) for n, k in conn.execute("SELECT name, place_key FROM control_names WHERE place_key IN "
                                             "(SELECT value FROM json_each(?))", (listed,))}
    conn.executemany("DELETE FROM control_names WHERE name = ? AND place_key = ?", sorted(known - names))
    conn.executemany("INSERT INTO control_names (name, place_key) VALUES (?, ?)", sorted(names - known))


def sqlite_clear(conn: sqlite3.Connection) -> None:
    for table in ("control_evidence", "control_periods", "control_names"):
        conn.execute(f"DELETE FROM {table}")


def sqlite_sources(conn: sqlite3.Connection) -> Iterator[tuple[dict, list, list]]:
    """Every article with a control claim: its header, its claims and its events."""
    ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT c.document_id FROM claims c WHERE c.kind = 'control' ORDER BY c.document_id")]
    for doc_id in ids:
        row = conn.execute("SELECT id, title, outlet, url, published FROM documents WHERE id = ?", (doc_id,)).fetchone()
        header = dict(zip(("id", "title", "outlet", "url", "published"), row))
        claims = [json.loads(j) for (j,) in conn.execute(
            "SELECT json FROM claims WHERE document_id = ? ORDER BY rowid", (doc_id,))]
        events = [json.loads(j) for (j,) in conn.execute(
            "SELECT json FROM events WHERE document_id = ? ORDER BY rowid", (doc_id,))]
        yield header, claims, events


def sqlite_periods(conn: sqlite3.Connection, f: ControlFilter, limit: int, evidence: bool = True
                   ) -> list[dict[str, Any]]:
    from eventatlas.store.query import near_box

    args: list = []
    conds = control_conditions(f, args)
    if f.near:
        lat, lon, km = f.near
        lat_lo, lat_hi, ranges = near_box(lat, lon, km)
        spans = " OR ".join("c.longitude BETWEEN ? AND ?" for _ in ranges)
        conds.append(f"c.latitude BETWEEN ? AND ? AND ({spans}) AND distance_km(c.latitude, c.longitude, ?, ?) <= ?")
        args.extend([lat_lo, lat_hi, *[x for r in ranges for x in r], lat, lon, km])
    sql = (f"SELECT c.{'json' if evidence else 'brief'} FROM control_periods c WHERE {' AND '.join(conds) or '1'} "
           "ORDER BY c.place_key, c.since LIMIT ?")
    return [json.loads(j) for (j,) in conn.execute(sql, [*args, limit])]
