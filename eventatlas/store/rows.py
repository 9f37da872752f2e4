"""Turning records into table rows and stored rows back into the JSON shapes callers get."""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

from eventatlas.geodesy import haversine_km
from eventatlas.records import Claim, Document, Event

EVENT_COLUMNS = (
    "id", "document_id", "incident_id", "type", "acled_type", "acled_sub_type", "status", "date_start",
    "date_end", "sort_date", "country", "admin1", "place", "precision", "latitude", "longitude", "actors",
    "evidence", "confidence", "json",
)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def document_row(doc: Document, added_at: str) -> tuple:
    return (doc.id, doc.url or None, doc.title, doc.outlet, doc.published, doc.language,
            _dumps(list(doc.credits)), doc.source, doc.text, added_at)


def event_row(event: Event, document_id: str, incident_id: str | None,
              as_dict: dict[str, Any] | None = None) -> tuple:
    """as_dict: dataclasses.asdict(event) when the caller already made it (it is the costly part)."""
    loc = event.location
    acled = event.acled or {}
    names: list[str] = []
    for actor in event.actors:
        for value in (actor.name, actor.text):
            if value and value not in names:
                names.append(value)
    place_words = [w for w in ((loc.name, loc.text, loc.admin1) if loc else ()) if w]
    lat = loc.latitude if loc else None
    lon = loc.longitude if loc else None
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        lat = lon = None
    row = {
        "id": event.id, "document_id": document_id, "incident_id": incident_id, "type": event.type.upper(),
        "acled_type": acled.get("event_type"), "acled_sub_type": acled.get("sub_event_type"),
        "status": event.status, "date_start": event.date.start, "date_end": event.date.end,
        "sort_date": event.date.start or "",
        "country": (loc.country_code or "").upper() or None if loc else None,
        "admin1": loc.admin1 if loc else None, "place": " | ".join(dict.fromkeys(place_words)),
        "precision": loc.precision if loc else None, "latitude": lat, "longitude": lon,
        "actors": " | ".join(names), "evidence": event.evidence.text, "confidence": event.confidence,
        "json": _dumps(as_dict if as_dict is not None else dataclasses.asdict(event)),
    }
    return tuple(row[c] for c in EVENT_COLUMNS)


def claim_row(claim: Claim, document_id: str) -> tuple:
    return (claim.id, document_id, claim.kind, claim.evidence.text, _dumps(dataclasses.asdict(claim)))


def document_header(row) -> dict[str, Any]:
    """The short document reference every event carries."""
    return {"id": row["doc_id"], "title": row["doc_title"], "outlet": row["doc_outlet"],
            "url": row["doc_url"], "published": row["doc_published"]}


def event_dict(row) -> dict[str, Any]:
    out = json.loads(row["json"])
    out["document"] = document_header(row)
    out["incident_id"] = row["incident_id"]
    return out


def distance_or_none(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    """The SQL function distance_km: None for an event without coordinates."""
    if lat1 is None or lon1 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


# An incident (resolve.summary.incident_record) as a row of `incidents`: the columns the event filters read,
# under the events table's names, so one filter means the same on both tables.
INCIDENT_COLUMNS = (
    "id", "type", "acled_type", "acled_sub_type", "status", "date_start", "date_end", "sort_date", "country",
    "admin1", "place", "precision", "latitude", "longitude", "actors", "n_reports", "n_sources", "json",
)


def incident_row(record: dict[str, Any]) -> tuple:
    loc = record.get("location") or {}
    acled = record.get("acled") or {}
    date = record.get("date") or {}
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        lat = lon = None
    names: list[str] = []
    for actor in record.get("actors") or []:
        for value in (actor.get("name"), actor.get("text")):
            if value and value not in names:
                names.append(value)
    row = {
        "id": record["id"], "type": record["type"], "acled_type": acled.get("event_type"),
        "acled_sub_type": acled.get("sub_event_type"), "status": record["status"],
        "date_start": date.get("start"), "date_end": date.get("end"), "sort_date": date.get("start") or "",
        "country": (loc.get("country_code") or "").upper() or None, "admin1": loc.get("admin1"),
        "place": " | ".join(dict.fromkeys(w for w in (loc.get("name"), loc.get("text"), loc.get("admin1")) if w)),
        "precision": loc.get("precision"), "latitude": lat, "longitude": lon, "actors": " | ".join(names),
        "n_reports": record["number_of_reports"], "n_sources": record["number_of_sources"], "json": _dumps(record),
    }
    return tuple(row[c] for c in INCIDENT_COLUMNS)
