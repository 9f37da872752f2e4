"""Finding, at insert time, the stored reports a new event could share an incident with. SQL narrows the
field (compatible type and status, a date window, a 25 km box or the same admin1); resolve/ decides."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from typing import Any

from eventatlas.resolve import DAY_SLACK, MAX_KM, choose_incident
from eventatlas.resolve.match import compatibility, day_range, is_statement
from eventatlas.store.query import near_box

# Reports dated only to a month or a year are too vague to call the same incident as another report.
MAX_SPAN_DAYS = 7


def _type_selectors(event: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(column, values) pairs, one query each: kept apart (UNION, not OR) so each can use its index."""
    c = compatibility()
    types = {event["type"]}
    group = c.plover.get(event["type"])
    if group is not None:
        types |= {t for t, g in c.plover.items() if g == group}
    out = [("type", sorted(types))]
    acled = ((event.get("acled") or {}).get("event_type") or "").lower()
    if acled in c.acled:
        out.append(("acled_type", sorted(c.acled_names[t] for t, g in c.acled.items() if g == c.acled[acled])))
    return out


def _status_clause(status: str, args: list) -> str:
    groups = compatibility().status
    statuses = {status} | ({s for s, g in groups.items() if g == groups[status]} if status in groups else set())
    args.extend(sorted(statuses))
    return f"e.status IN ({', '.join('?' * len(statuses))})"


def _place_clause(loc: dict[str, Any], args: list) -> str | None:
    precision = loc.get("precision")
    parts = []
    if precision in ("point", "city") and loc.get("latitude") is not None and loc.get("longitude") is not None:
        # plain column ranges, checked row by row on the few rows the type/date index yields
        lat_lo, lat_hi, ranges = near_box(loc["latitude"], loc["longitude"], MAX_KM)
        boxes = []
        for lo, hi in ranges:
            boxes.append("(e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?)")
            args.extend([lo, hi, lat_lo, lat_hi])
        parts.extend(boxes)
    elif precision != "admin1":
        return None
    if loc.get("admin1") and loc.get("country_code"):
        # a report known only to admin1 precision may match anything in that admin1, and vice versa
        if precision == "admin1":
            parts.append("(e.country = ? AND e.admin1 = ?)")
        else:
            parts.append("(e.country = ? AND e.admin1 = ? AND e.precision = 'admin1')")
        args.extend([loc["country_code"].upper(), loc["admin1"]])
    return "(" + " OR ".join(parts) + ")" if parts else None


def find_incident(conn: sqlite3.Connection, event: dict[str, Any], document_id: str) -> str:
    """The incident id for a new event: an existing incident's, or the event's own id."""
    span = day_range(event)
    args: list = []
    loc = event.get("location") or {}
    if is_statement(event) and loc.get("country_code"):
        # a statement is one per speaker and day wherever outlets place it in the country
        place = "e.country = ?"
        args.append(loc["country_code"].upper())
    else:
        place = _place_clause(loc, args)
    if span is None or place is None or (span[1] - span[0]).days > MAX_SPAN_DAYS:
        return event["id"]
    slack = timedelta(days=DAY_SLACK)
    conds = [place, _status_clause(event["status"], args), "e.sort_date >= ? AND e.sort_date <= ?",
             # a partial end date ("2024-03") does not compare as a day; let resolve/ judge those
             "(e.date_end IS NULL OR length(e.date_end) < 10 OR e.date_end >= ?)", "e.document_id <> ?"]
    args += [(span[0] - slack - timedelta(days=MAX_SPAN_DAYS)).isoformat(), (span[1] + slack).isoformat(),
             (span[0] - slack).isoformat(), document_id]
    selects, all_args = [], []
    for column, values in _type_selectors(event):
        selects.append(f"SELECT e.json, e.incident_id, e.document_id FROM events e WHERE e.{column} IN "
                       f"({', '.join('?' * len(values))}) AND {' AND '.join(conds)}")
        all_args += [*values, *args]
    rows = conn.execute(" UNION ".join(selects), all_args).fetchall()
    if not rows:
        return event["id"]
    candidates = []
    for js, incident_id, doc_id in rows:
        c = json.loads(js)
        c["incident_id"], c["document_id"] = incident_id, doc_id
        candidates.append(c)
    ids = sorted({c["incident_id"] for c in candidates})
    sizes = dict(conn.execute(
        f"SELECT incident_id, count(*) FROM events WHERE incident_id IN ({', '.join('?' * len(ids))})"
        " GROUP BY incident_id", ids).fetchall())
    # Reports from this same document are left out of the query but still count against an incident.
    return choose_incident(event, document_id, candidates, sizes) or event["id"]
