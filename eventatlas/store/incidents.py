"""Finding, at insert time, the stored reports a new event could share an incident with. SQL narrows the
field (compatible type and status, a date window, the R*Tree box or the same admin1); resolve/ decides."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from typing import Any

from eventatlas.resolve import DAY_SLACK, MAX_KM, choose_incident
from eventatlas.resolve.match import compatibility, day_range
from eventatlas.store.query import near_box

# Reports spanning more than a month (a "year" date) are too vague to seek partners for.
MAX_SPAN_DAYS = 31


def _type_clause(event: dict[str, Any], args: list) -> str:
    c = compatibility()
    types = {event["type"]}
    group = c.plover.get(event["type"])
    if group is not None:
        types |= {t for t, g in c.plover.items() if g == group}
    parts = [f"e.type IN ({', '.join('?' * len(types))})"]
    args.extend(sorted(types))
    acled = ((event.get("acled") or {}).get("event_type") or "").lower()
    if acled in c.acled:
        family = sorted(t for t, g in c.acled.items() if g == c.acled[acled])
        parts.append(f"lower(e.acled_type) IN ({', '.join('?' * len(family))})")
        args.extend(family)
    return "(" + " OR ".join(parts) + ")"


def _status_clause(status: str, args: list) -> str:
    groups = compatibility().status
    statuses = {status} | ({s for s, g in groups.items() if g == groups[status]} if status in groups else set())
    args.extend(sorted(statuses))
    return f"e.status IN ({', '.join('?' * len(statuses))})"


def _place_clause(loc: dict[str, Any], args: list) -> str | None:
    precision = loc.get("precision")
    parts = []
    if precision in ("point", "city") and loc.get("latitude") is not None and loc.get("longitude") is not None:
        lat_lo, lat_hi, ranges = near_box(loc["latitude"], loc["longitude"], MAX_KM)
        boxes = []
        for lo, hi in ranges:
            boxes.append("(min_lon >= ? AND max_lon <= ? AND min_lat >= ? AND max_lat <= ?)")
            args.extend([lo, hi, lat_lo, lat_hi])
        parts.append(f"e.rowid IN (SELECT id FROM events_rtree WHERE {' OR '.join(boxes)})")
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
    place = _place_clause(event.get("location") or {}, args)
    if span is None or place is None or (span[1] - span[0]).days > MAX_SPAN_DAYS:
        return event["id"]
    slack = timedelta(days=DAY_SLACK)
    conds = [place, _type_clause(event, args), _status_clause(event["status"], args),
             "e.sort_date >= ? AND e.sort_date <= ?", "e.document_id <> ?"]
    args += [(span[0] - slack - timedelta(days=MAX_SPAN_DAYS)).isoformat(), (span[1] + slack).isoformat(),
             document_id]
    rows = conn.execute(
        f"SELECT e.json, e.incident_id, e.document_id FROM events e WHERE {' AND '.join(conds)}", args
    ).fetchall()
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
