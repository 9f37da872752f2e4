"""What the API shows beside one event or incident: every report of the incident, each with the sentence
and the paragraph it rests on, and the figures the sources give side by side."""

from __future__ import annotations

import re
from typing import Any

_BREAK = re.compile(r"\n\s*\n|\n")


def paragraph(text: str, start: int, end: int) -> dict[str, Any]:
    """The paragraph (the lines between line breaks) of `text` that holds [start, end), trimmed."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = 0
    for m in _BREAK.finditer(text, 0, start):
        left = m.end()
    m = _BREAK.search(text, max(end, start))
    right = m.start() if m else len(text)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return {"text": text[left:right], "start": left, "end": right}


def report_sources(store, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each report with its article's headline, outlet and address, its sentence and the paragraph it sits in."""
    texts: dict[str, str] = {}
    sources = []
    for r in reports:
        doc = r["document"]
        if doc["id"] not in texts:
            texts[doc["id"]] = store.document_text(doc["id"]) or ""
        ev = r["evidence"]
        sources.append({
            "event_id": r["id"], "document_id": doc["id"], "title": doc.get("title"), "outlet": doc.get("outlet"),
            "url": doc.get("url"), "published": doc.get("published"), "evidence": ev,
            "paragraph": paragraph(texts[doc["id"]], ev["start"], ev["end"]),
            "attribution": r.get("attribution"), "quantities": r.get("quantities") or [],
        })
    return sources


def event_detail(store, event: dict[str, Any]) -> dict[str, Any]:
    incident = store.incident(event["incident_id"]) if event.get("incident_id") else None
    reports = incident["events"] if incident else [event]
    # the event asked for comes first, the other reports in the order they were stored
    reports = [event] + [r for r in reports if r["id"] != event["id"]]
    if incident is not None:
        figures = incident["figures"]  # the store computed them with the incident: once per request
    else:
        from eventatlas.resolve import incident_figures
        figures = incident_figures(reports)
    return {**event, "sources": report_sources(store, reports), "figures": figures}


def incident_detail(store, record: dict[str, Any]) -> dict[str, Any]:
    """An incident record with every report's sentence and paragraph, first published first."""
    order = {r["event_id"]: i for i, r in enumerate(record.get("reports") or [])}
    reports = sorted(store.incident_events(record["id"]), key=lambda r: order.get(r["id"], len(order)))
    return {**record, "sources": report_sources(store, reports)}
