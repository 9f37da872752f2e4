"""Reports of one real event across articles: which stored events are one incident, and what the sources
say about it side by side.

The store applies `IncidentRules` to each new event (incrementally, at insert time): it fetches the stored
reports inside the event's `IncidentWindow` and lets `IncidentRules.choose` pick the incident; an incident's
id is the id of the first event reported for it."""

from __future__ import annotations

from typing import Any

from eventatlas.resolve.figures import incident_figures
from eventatlas.resolve.incidents import MAX_SPAN_DAYS, IncidentRules, IncidentWindow
from eventatlas.resolve.match import DAY_SLACK, MAX_KM, distance_km, same_incident


def choose_incident(event: dict[str, Any], document_id: str, candidates: list[dict[str, Any]],
                    sizes: dict[str, int]) -> str | None:
    """IncidentRules().choose, as a function."""
    return IncidentRules().choose(event, document_id, candidates, sizes)


__all__ = ["IncidentRules", "IncidentWindow", "choose_incident", "incident_figures", "same_incident",
           "distance_km", "MAX_KM", "DAY_SLACK", "MAX_SPAN_DAYS"]
