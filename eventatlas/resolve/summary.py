"""One incident as a record of its own, made from its reports (Event JSON dicts with their "document"):
what happened (the type most reports give), where (the most precise place a report gives), when (the span
every report allows), who (every party any report names, once), every report and source, and the figures
side by side (resolve.figures). The store keeps these records current as reports arrive; the API and the
exports at incident level hand them out."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from eventatlas.resolve.actors import same_party
from eventatlas.resolve.figures import incident_figures
from eventatlas.resolve.match import day_range

_PRECISION = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}


def _published(r: dict[str, Any]) -> str:
    return (r.get("document") or {}).get("published") or "~"


def _commonest(values: list[Any]) -> Any:
    """The value most reports give; on a tie, the first report's (reports come first published first)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in values if v is not None and counts[v] == top)


def span(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The days every report allows (the overlap of their ranges); when reports a day apart leave no
    overlap, the days from the first to the last."""
    ranges = [r for r in (day_range(e) for e in reports) if r is not None]
    if not ranges:
        return {"start": None, "end": None, "precision": None}
    start, end = max(r[0] for r in ranges), min(r[1] for r in ranges)
    if start > end:
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
    days = (end - start).days
    precision = "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"
    return {"start": date.isoformat(start), "end": date.isoformat(end), "precision": precision}


def place(reports: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most precise place a report gives; among equally precise ones, the one most reports name."""
    places = [r.get("location") for r in reports if r.get("location")]
    if not places:
        return None
    finest = min(_PRECISION.get(p.get("precision"), 5) for p in places)
    candidates = [p for p in places if _PRECISION.get(p.get("precision"), 5) == finest]
    key = _commonest([p.get("geonames_id") or p.get("name") or p.get("text") for p in candidates])
    return next(p for p in candidates if (p.get("geonames_id") or p.get("name") or p.get("text")) == key)


def parties(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every party the reports name, once per role: a canonical or proper name before a generic one."""
    out: list[dict[str, Any]] = []
    for r in reports:
        for a in r.get("actors") or []:
            same = next((i for i, b in enumerate(out) if b["role"] == a.get("role") and same_party(a, b)), None)
            if same is None:
                out.append({k: a.get(k) for k in ("role", "name", "text", "type", "country_code")})
            elif out[same]["name"][:1].islower() and (a.get("name") or "")[:1].isupper():
                out[same] = {k: a.get(k) for k in ("role", "name", "text", "type", "country_code")}
    return out


def _acled_pair(r: dict[str, Any]) -> tuple[str, str] | None:
    acled = r.get("acled") or {}
    return (acled["event_type"], acled.get("sub_event_type")) if acled.get("event_type") else None


def report_entry(r: dict[str, Any]) -> dict[str, Any]:
    doc = r.get("document") or {}
    return {"event_id": r["id"], "document_id": doc.get("id"), "title": doc.get("title"),
            "outlet": doc.get("outlet"), "url": doc.get("url"), "published": doc.get("published"),
            "evidence": r.get("evidence"), "speaker": (r.get("attribution") or {}).get("speaker")}


def incident_record(incident_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The record of one incident from its reports (in any order)."""
    reports = sorted(reports, key=lambda r: (_published(r), r["id"]))
    acled = _commonest([_acled_pair(r) for r in reports])
    outlets = list(dict.fromkeys(o for o in ((r.get("document") or {}).get("outlet") for r in reports) if o))
    return {
        "id": incident_id,
        "type": _commonest([r["type"] for r in reports]),
        "mode": _commonest([r.get("mode") for r in reports]),
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        "status": _commonest([r["status"] for r in reports]),
        "date": span(reports),
        "location": place(reports),
        "actors": parties(reports),
        "number_of_reports": len(reports),
        "number_of_sources": len({(r.get("document") or {}).get("id") for r in reports}),
        "outlets": outlets,
        "reports": [report_entry(r) for r in reports],
        "figures": incident_figures(reports),
    }
