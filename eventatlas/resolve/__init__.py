"""Reports of one real event across articles: which stored events are one incident, and what the sources
say about it side by side.

The store calls `choose_incident` for each new event (incrementally, at insert time) with the stored events
that could match; an incident's id is the id of the first event reported for it."""

from __future__ import annotations

from typing import Any

from eventatlas.resolve.figures import incident_figures
from eventatlas.resolve.match import MAX_KM, DAY_SLACK, distance_km, same_incident


def choose_incident(event: dict[str, Any], document_id: str, candidates: list[dict[str, Any]],
                    sizes: dict[str, int]) -> str | None:
    """The incident `event` belongs to, or None for a new one.

    candidates: stored events near in time and place, each with "incident_id" and "document_id".
    sizes: how many events each candidate incident has in all.
    An incident qualifies only when the event matches every one of its reports (no chaining of loosely
    similar reports) and none of them comes from the same document (one article, one report per incident).
    Among qualifying incidents the one with the most reports wins, then the nearest.
    """
    members: dict[str, list[dict[str, Any]]] = {}
    for c in candidates:
        members.setdefault(c["incident_id"], []).append(c)
    best: tuple[int, float, str] | None = None
    for incident_id, reports in members.items():
        if len(reports) != sizes.get(incident_id, 0):
            continue  # some report lies outside the window, so it cannot match
        if any(r["document_id"] == document_id for r in reports):
            continue
        if not all(same_incident(event, r) for r in reports):
            continue
        km = min((distance_km(event.get("location") or {}, r.get("location") or {}) or 0.0) for r in reports)
        key = (-len(reports), km, incident_id)
        if best is None or key < best:
            best = key
    return best[2] if best else None


__all__ = ["choose_incident", "incident_figures", "same_incident", "MAX_KM", "DAY_SLACK"]
