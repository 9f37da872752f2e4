"""The control tables on PostgreSQL (what they hold: store/control_sql.py): their schema, part of the
store's (schema.py, from version 2), and the statements the store's control methods run. As on SQLite but
for a PostGIS point on each period, which a radius query reads through its GiST index (ST_DWithin)."""

from __future__ import annotations

import json
from typing import Any, Iterator

from eventatlas.records import ControlEvidence, ControlPeriod, ControlPlace
from eventatlas.store.control_sql import (
    PERIOD_COLUMNS, control_conditions, evidence_rows, merge_places, name_rows, period_row,
)
from eventatlas.store.filters import ControlFilter

# Taken (pg_advisory_lock, for the session) while one article's evidence is added and its places re-derived.
CONTROL_LOCK = 0x6561_6374  # "eact"

# Keys and days compare as the strings they are (C collation), so periods come in the SQLite store's order.
CONTROL_SCHEMA = """
CREATE TABLE IF NOT EXISTS control_evidence (
    rowid       bigserial PRIMARY KEY,
    place_key   text COLLATE "C" NOT NULL,
    document_id text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim_id    text COLLATE "C" NOT NULL,
    place       text NOT NULL,   -- ControlPlace JSON
    json        text NOT NULL,   -- ControlEvidence JSON
    UNIQUE (place_key, document_id, claim_id)
);
CREATE INDEX IF NOT EXISTS control_evidence_by_document ON control_evidence (document_id);
CREATE TABLE IF NOT EXISTS control_periods (
    rowid      bigserial PRIMARY KEY,
    id         text NOT NULL UNIQUE,
    place_key  text COLLATE "C" NOT NULL,
    country    text,
    latitude   double precision,
    longitude  double precision,
    since      text COLLATE "C" NOT NULL DEFAULT '',
    until      text COLLATE "C" NOT NULL DEFAULT '9999-12-31',
    controller text,
    status     text NOT NULL,
    json       text NOT NULL,    -- ControlPeriod JSON, compared as written when periods are replaced
    brief      text NOT NULL,    -- the same without its evidence (and with evidence_count), for map layers
    geog geography(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED
);
CREATE INDEX IF NOT EXISTS control_periods_by_place ON control_periods (place_key, since);
CREATE INDEX IF NOT EXISTS control_periods_by_country ON control_periods (country, since, until);
CREATE INDEX IF NOT EXISTS control_periods_by_day ON control_periods (since, until);
CREATE INDEX IF NOT EXISTS control_periods_by_point ON control_periods USING gist (geog);
CREATE TABLE IF NOT EXISTS control_names (
    name      text NOT NULL,
    place_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (name, place_key)
);
CREATE INDEX IF NOT EXISTS control_names_by_place ON control_names (place_key);
-- the rebuild reads every article that has a control claim
CREATE INDEX IF NOT EXISTS claims_by_kind ON claims (kind, document_id);
"""


def add_evidence(conn, found: list[tuple[ControlPlace, ControlEvidence]]) -> None:
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO control_evidence (place_key, document_id, claim_id, place, json)"
                        " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (place_key, document_id, claim_id)"
                        " DO UPDATE SET place = excluded.place, json = excluded.json", evidence_rows(found))


def evidence_of(conn, keys: list[str]) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
    places: dict[str, list[ControlPlace]] = {}
    evidence: dict[str, list[ControlEvidence]] = {}
    # in key order, as the SQLite store reads them: a place's name is the one most of its articles use, the
    # first of those on a tie
    for row in conn.execute("SELECT place_key, place, json FROM control_evidence WHERE place_key = ANY(%s)"
                            " ORDER BY place_key, document_id, claim_id", (sorted(keys),)):
        places.setdefault(row["place_key"], []).append(ControlPlace(**json.loads(row["place"])))
        evidence.setdefault(row["place_key"], []).append(ControlEvidence(**json.loads(row["json"])))
    return {k: (merge_places(places[k]), evidence[k]) for k in places}


def replace_periods(conn, keys: list[str], periods: list[ControlPeriod]) -> None:
    """Only the periods that differ from the stored ones are written (as on SQLite)."""
    listed = sorted(keys)
    stored = {r["id"]: r["json"] for r in conn.execute(
        "SELECT id, json FROM control_periods WHERE place_key = ANY(%s)", (listed,))}
    rows = {row[0]: row for row in map(period_row, periods)}
    whole = PERIOD_COLUMNS.index("json")
    gone = [i for i, data in stored.items() if i not in rows or rows[i][whole] != data]
    names = name_rows(periods)
    known = {(r["name"], r["place_key"]) for r in conn.execute(
        "SELECT name, place_key FROM control_names WHERE place_key = ANY(%s)", (listed,))}
    with conn.cursor() as cur:
        cur.execute("DELETE FROM control_periods WHERE id = ANY(%s)", (gone,))
        cur.executemany(f"INSERT INTO control_periods ({', '.join(PERIOD_COLUMNS)}) VALUES "
                        f"({', '.join(['%s'] * len(PERIOD_COLUMNS))})",
                        [row for i, row in rows.items() if stored.get(i) != row[whole]])
        cur.executemany("DELETE FROM control_names WHERE name = %s AND place_key = %s", sorted(known - names))
        cur.executemany("INSERT INTO control_names (name, place_key) VALUES (%s, %s)", sorted(names - known))


def clear(conn) -> None:
    conn.execute("TRUNCATE control_evidence, control_periods, control_names")


def sources(conn) -> Iterator[tuple[dict, list, list]]:
    """Every article with a control claim: its header, its claims and its events."""
    ids = [r["document_id"] for r in conn.execute(
        "SELECT document_id FROM claims WHERE kind = 'control' GROUP BY document_id"
        " ORDER BY document_id COLLATE \"C\"")]
    for doc_id in ids:
        header = conn.execute("SELECT id, title, outlet, url, published FROM documents WHERE id = %s",
                              (doc_id,)).fetchone()
        claims = [json.loads(r["json"]) for r in conn.execute(
            "SELECT json::text AS json FROM claims WHERE document_id = %s ORDER BY rowid", (doc_id,))]
        events = [json.loads(r["json"]) for r in conn.execute(
            "SELECT json::text AS json FROM events WHERE document_id = %s ORDER BY rowid", (doc_id,))]
        yield dict(header), claims, events


def periods(conn, f: ControlFilter, limit: int, evidence: bool = True) -> list[dict[str, Any]]:
    args: list = []
    conds = control_conditions(f, args, "%s")
    if f.near:
        lat, lon, km = f.near
        conds.append("ST_DWithin(c.geog, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s)")
        args.extend([lon, lat, km * 1000])
    sql = (f"SELECT c.{'json' if evidence else 'brief'} AS data FROM control_periods c"
           f" WHERE {' AND '.join(conds) or 'true'} ORDER BY c.place_key, c.since LIMIT %s")
    return [json.loads(r["data"]) for r in conn.execute(sql, [*args, limit])]
