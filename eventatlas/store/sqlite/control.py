"""The control tables in SQLite (what they hold: store/control_sql.py): their schema, part of the store's
(schema.py, from version 4), and the statements the store's control methods run."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterator

from eventatlas.records import ControlEvidence, ControlPeriod, ControlPlace
from eventatlas.store.boxes import near_box
from eventatlas.store.control_sql import (
    PERIOD_COLUMNS, control_conditions, evidence_rows, merge_places, name_rows, period_row,
)
from eventatlas.store.filters import ControlFilter

CONTROL_SCHEMA = """
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


def add_evidence(conn: sqlite3.Connection, found: list[tuple[ControlPlace, ControlEvidence]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO control_evidence (place_key, document_id, claim_id, place, json)"
                     " VALUES (?,?,?,?,?)", evidence_rows(found))


def evidence_of(conn: sqlite3.Connection, keys: list[str]
                    ) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
    places: dict[str, list[ControlPlace]] = {}
    evidence: dict[str, list[ControlEvidence]] = {}
    # in key order (the unique index's), not storing order: the derivation orders evidence itself, and a
    # place's name is the one most of its articles use, the first of those on a tie
    for key, place, data in conn.execute(
            "SELECT place_key, place, json FROM control_evidence WHERE place_key IN (SELECT value FROM json_each(?))"
            " ORDER BY place_key, document_id, claim_id", (json.dumps(sorted(keys)),)):
        places.setdefault(key, []).append(ControlPlace(**json.loads(place)))
        evidence.setdefault(key, []).append(ControlEvidence(**json.loads(data)))
    return {k: (merge_places(places[k]), evidence[k]) for k in places}


def replace_periods(conn: sqlite3.Connection, keys: list[str], periods: list[ControlPeriod]) -> None:
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


def clear(conn: sqlite3.Connection) -> None:
    for table in ("control_evidence", "control_periods", "control_names"):
        conn.execute(f"DELETE FROM {table}")


def sources(conn: sqlite3.Connection) -> Iterator[tuple[dict, list, list]]:
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


def periods(conn: sqlite3.Connection, f: ControlFilter, limit: int, evidence: bool = True
                   ) -> list[dict[str, Any]]:
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
