"""The SQLite queries behind incident matching: the stored reports inside an IncidentWindow, and incident
sizes. Each window is read through indexes that lead with the place (a grid cell, or the admin1) and then
the date, so the entries read are those near the event in space and time, however large the store grows."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventatlas.store.boxes import incident_cells, near_box
from eventatlas.store.sql import SQLITE, columns_box, window_conditions
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
    precisions = w.admin1_precisions
    args.extend([w.admin1[0], w.admin1[1], *precisions, w.first_day, w.last_day])
    return "events_by_admin1_date", (f"e.country = ? AND e.admin1 = ? AND e.precision IN "
                                     f"({', '.join('?' * len(precisions))}) AND e.sort_date BETWEEN ? AND ?")


def window_rows(conn: sqlite3.Connection, w) -> list[dict[str, Any]]:
    """The stored reports inside one window, as Event JSON with "incident_id" and "document_id".

    Each arm names its index: without statistics (no ANALYZE on a young file) the planner would rather
    walk every event of the type through the OR of type and ACLED type."""
    selects, args = [], []
    for arm, present in ((_near_arm, w.near is not None), (_admin1_arm, w.admin1 is not None)):
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


def incident_sizes(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    return dict(conn.execute(
        f"SELECT incident_id, count(*) FROM events WHERE incident_id IN ({', '.join('?' * len(ids))})"
        " GROUP BY incident_id", ids).fetchall())
