"""The PostgreSQL queries behind incidents: the reports of given incidents, the writes that keep the
incidents table current (store/grouping.py), and incident pages with the events' filter semantics (boxes
as planar lon/lat boxes, radii with ST_DWithin on the sphere, words in any of an incident's reports)."""

from __future__ import annotations

import json
from typing import Any

from eventatlas.store.filters import EventFilter, decode_cursor, encode_cursor
from eventatlas.store.postgres.query import ts_query
from eventatlas.store.postgres.schema import TEXT_CONFIG
from eventatlas.store.rows import INCIDENT_COLUMNS, event_dict
from eventatlas.store.sql import POSTGRES, incident_conditions

_EVENT_SELECT = (
    "SELECT e.rowid AS rowid, e.sort_date, e.json::text AS json, e.incident_id, d.id AS doc_id,"
    " d.title AS doc_title, d.outlet AS doc_outlet, d.url AS doc_url, d.published AS doc_published"
    " FROM events e JOIN documents d ON d.id = e.document_id"
)


def _reports(conn, where: str, args: list) -> list[dict[str, Any]]:
    out = []
    for r in conn.execute(f"{_EVENT_SELECT} WHERE {where} ORDER BY e.rowid", args).fetchall():
        e = event_dict(r)
        e["document_id"] = r["doc_id"]
        out.append(e)
    return out


def incident_members(conn, ids: list[str]) -> list[dict[str, Any]]:
    return _reports(conn, "e.incident_id = ANY(%s)", [ids])


def document_reports(conn, document_id: str) -> list[dict[str, Any]]:
    return _reports(conn, "e.document_id = %s", [document_id])


def set_incident_ids(conn, moves: dict[str, str]) -> None:
    with conn.cursor() as cur:
        cur.executemany("UPDATE events SET incident_id = %s WHERE id = %s", [(inc, eid) for eid, inc in moves.items()])


def put_incidents(conn, rows: list[tuple], gone: list[str]) -> None:
    if gone:
        conn.execute("DELETE FROM incidents WHERE id = ANY(%s)", (gone,))
    if not rows:
        return
    names = ", ".join(INCIDENT_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in INCIDENT_COLUMNS[1:])
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO incidents ({names}) VALUES ({POSTGRES.marks(len(INCIDENT_COLUMNS))})"
                        f" ON CONFLICT (id) DO UPDATE SET {updates}", rows)


def clear_incidents(conn) -> None:
    conn.execute("UPDATE events SET incident_id = NULL")
    conn.execute("DELETE FROM incidents")


def documents_after(conn, after: tuple[str, str] | None, limit: int) -> list[tuple[str, str]]:
    key = "coalesce(published, '~') COLLATE \"C\""
    where, args = ("", []) if after is None else (f"WHERE ({key}, id COLLATE \"C\") > (%s, %s)", list(after))
    return [(r["k"], r["id"]) for r in conn.execute(
        f"SELECT {key} AS k, id FROM documents {where} ORDER BY {key}, id COLLATE \"C\" LIMIT %s",
        [*args, limit]).fetchall()]


def query_incidents(conn, f: EventFilter, limit: int, cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    args: list = []
    conds = incident_conditions(f, POSTGRES, args)
    if f.near:
        lat, lon, km = f.near
        conds.append("ST_DWithin(e.geog, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s, false)")
        args.extend([lon, lat, km * 1000.0])
    if f.q:  # words in any of the incident's reports
        conds.append(f"e.id IN (SELECT v.incident_id FROM events v WHERE v.words @@ to_tsquery('{TEXT_CONFIG}', %s))")
        args.append(ts_query(f.q))
    if cursor:
        sort_date, rowid = decode_cursor(cursor)
        conds.append("(e.sort_date, e.rowid) < (%s, %s)")
        args.extend([sort_date, rowid])
    rows = conn.execute(f"SELECT e.rowid, e.sort_date, e.json::text AS json FROM incidents e"
                        f" WHERE {' AND '.join(conds) or 'TRUE'} ORDER BY e.sort_date DESC, e.rowid DESC LIMIT %s",
                        [*args, limit + 1]).fetchall()
    next_cursor = None
    if len(rows) > limit:
        next_cursor = encode_cursor(rows[limit - 1]["sort_date"], rows[limit - 1]["rowid"])
    return [json.loads(r["json"]) for r in rows[:limit]], next_cursor


def get_incident(conn, incident_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT json::text AS json FROM incidents WHERE id = %s", (incident_id,)).fetchone()
    return json.loads(row["json"]) if row else None
