"""The SQLite queries behind incidents: the stored reports inside an IncidentWindow, the reports of given
incidents, the writes that keep the incidents table current (store/grouping.py), and incident pages.
Each window is read through indexes that lead with the place (a grid cell, the admin1, or for a statement
the country) and then the date, so the entries read are those near the event in space and time, however
large the store grows."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventatlas.store.boxes import incident_cells, near_box
from eventatlas.store.filters import EventFilter, decode_cursor, encode_cursor
from eventatlas.store.rows import INCIDENT_COLUMNS, event_dict
from eventatlas.store.sql import SQLITE, columns_box, incident_conditions, window_conditions
from eventatlas.store.sqlite.query import ROWID_MASK, text_match
from eventatlas.store.sqlite.schema import INCIDENT_CELL_SQL

_MAX_CELLS = 64  # a window needing more cells than this (near a pole) reads the date index instead


def _near_arm(w, args: list) -> tuple[str, str]:
    lat_lo, lat_hi, ranges = near_box(*w.near)
    cells = incident_cells(lat_lo, lat_hi, ranges)
    conds = []
    index = "events_by_date_at"
    if len(cells) <= _MAX_CELLS:
        conds.append(f"{INCIDENT_CELL_SQL} IN ({', '.join(map(str, cells))})")
        index = "events_by_cell_date"
    conds.append("e.sort_date BETWEEN ? AND ?")
    args.extend([w.first_day, w.last_day])
    conds.append(columns_box(lat_lo, lat_hi, ranges, SQLITE, args))
    return index, " AND ".join(conds)


def _admin1_arm(w, args: list) -> tuple[str, str]:
    args.extend([w.admin1[0], w.admin1[1]])
    if w.admin1_precisions == ("admin1",):
        # the partial index holds exactly these reports
        args.extend([w.first_day, w.last_day])
        return "events_by_admin1_date", ("e.country = ? AND e.admin1 = ? AND e.precision = 'admin1'"
                                         " AND e.sort_date BETWEEN ? AND ?")
    # a report known only to admin1 precision: every precise report of its admin1 (fewer new events are)
    args.extend([*w.admin1_precisions, w.first_day, w.last_day])
    return "events_by_country_date_at", (f"e.country = ? AND e.admin1 = ? AND e.precision IN "
                                         f"({', '.join('?' * len(w.admin1_precisions))})"
                                         " AND e.sort_date BETWEEN ? AND ?")


def _country_arm(w, args: list) -> tuple[str, str]:
    if w.country_precisions:
        # the reports placed no finer than their country: no admin1, which a partial index holds alone
        precisions = w.country_precisions
        args.extend([w.country, *precisions, w.first_day, w.last_day])
        return "events_by_coarse_date", (f"e.country = ? AND e.admin1 IS NULL AND e.precision IN "
                                         f"({', '.join('?' * len(precisions))}) AND e.sort_date BETWEEN ? AND ?")
    args.extend([w.country, w.first_day, w.last_day])
    return "events_by_country_date_at", "e.country = ? AND e.sort_date BETWEEN ? AND ?"


def _statement_arm(w, args: list) -> tuple[str, str]:
    args.extend([w.first_day, w.last_day])
    where = "e.sort_date BETWEEN ? AND ?"
    if w.country is not None:
        where += " AND (e.country = ? OR e.country IS NULL)"
        args.append(w.country)
    return "events_by_type_date_at", where


def window_rows(conn: sqlite3.Connection, w) -> list[dict[str, Any]]:
    """The stored reports inside one window, as Event JSON with "incident_id" and "document_id".

    Each arm names its index: without statistics (no ANALYZE on a young file) the planner would rather
    walk every event of the type through the OR of type and ACLED type."""
    selects, args = [], []
    for arm, present in ((_near_arm, w.near is not None), (_admin1_arm, w.admin1 is not None),
                         (_country_arm, w.country is not None and not w.statement), (_statement_arm, w.statement)):
        if present:
            index, place = arm(w, args)
            selects.append(f"SELECT e.rowid, e.json, e.incident_id, e.document_id FROM events e INDEXED BY {index} "
                           f"WHERE {place} AND {window_conditions(w, SQLITE, args)}")
    out = []
    for _rowid, js, incident_id, doc_id in conn.execute(" UNION ".join(selects), args):
        c = json.loads(js)
        c["incident_id"], c["document_id"] = incident_id, doc_id
        out.append(c)
    return out


_EVENT_SELECT = (
    "SELECT e.rowid AS rowid, e.sort_date, e.json, e.incident_id, d.id AS doc_id, d.title AS doc_title,"
    " d.outlet AS doc_outlet, d.url AS doc_url, d.published AS doc_published"
    " FROM events e JOIN documents d ON d.id = e.document_id"
)


def _reports(conn: sqlite3.Connection, where: str, args: list) -> list[dict[str, Any]]:
    out = []
    for r in conn.execute(f"{_EVENT_SELECT} WHERE {where} ORDER BY e.rowid", args):
        e = event_dict(r)
        e["document_id"] = r["doc_id"]
        out.append(e)
    return out


def incident_members(conn: sqlite3.Connection, ids: list[str]) -> list[dict[str, Any]]:
    return _reports(conn, "e.incident_id IN (SELECT value FROM json_each(?))", [json.dumps(ids)])


def document_reports(conn: sqlite3.Connection, document_id: str) -> list[dict[str, Any]]:
    return _reports(conn, "e.document_id = ?", [document_id])


def set_incident_ids(conn: sqlite3.Connection, moves: dict[str, str]) -> None:
    conn.executemany("UPDATE events SET incident_id = ? WHERE id = ?", [(inc, eid) for eid, inc in moves.items()])


def put_incidents(conn: sqlite3.Connection, rows: list[tuple], gone: list[str]) -> None:
    if gone:
        conn.execute("DELETE FROM incidents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(gone),))
    names = ", ".join(INCIDENT_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in INCIDENT_COLUMNS[1:])
    conn.executemany(f"INSERT INTO incidents ({names}) VALUES ({', '.join('?' * len(INCIDENT_COLUMNS))})"
                     f" ON CONFLICT(id) DO UPDATE SET {updates}", rows)


def clear_incidents(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE events SET incident_id = NULL")
    conn.execute("DELETE FROM incidents")


def documents_after(conn: sqlite3.Connection, after: tuple[str, str] | None, limit: int) -> list[tuple[str, str]]:
    key = "coalesce(published, '~')"
    where, args = ("", []) if after is None else (f"WHERE ({key} > ? OR ({key} = ? AND id > ?))",
                                                  [after[0], after[0], after[1]])
    return [(k, i) for k, i in conn.execute(
        f"SELECT {key}, id FROM documents {where} ORDER BY {key}, id LIMIT ?", [*args, limit])]


def query_incidents(conn: sqlite3.Connection, f: EventFilter, limit: int,
                    cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    args: list = []
    conds = incident_conditions(f, SQLITE, args)
    if f.near:
        conds.append("distance_km(e.latitude, e.longitude, ?, ?) <= ?")
        args.extend(f.near)
    if f.q:
        # words in any of the incident's reports
        conds.append(f"e.id IN (SELECT v.incident_id FROM events v WHERE v.rowid IN"
                     f" (SELECT rowid & {ROWID_MASK} FROM events_text WHERE events_text MATCH ?))")
        args.append(text_match(EventFilter(q=f.q))[0])
    if cursor:
        sort_date, rowid = decode_cursor(cursor)
        conds.append("(e.sort_date < ? OR (e.sort_date = ? AND e.rowid < ?))")
        args.extend([sort_date, sort_date, rowid])
    rows = conn.execute(f"SELECT e.rowid, e.sort_date, e.json FROM incidents e WHERE {' AND '.join(conds) or '1'}"
                        " ORDER BY e.sort_date DESC, e.rowid DESC LIMIT ?", [*args, limit + 1]).fetchall()
    next_cursor = encode_cursor(rows[limit - 1][1], rows[limit - 1][0]) if len(rows) > limit else None
    return [json.loads(r[2]) for r in rows[:limit]], next_cursor


def get_incident(conn: sqlite3.Connection, incident_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT json FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return json.loads(row[0]) if row else None
