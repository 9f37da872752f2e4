"""Incident rules as the store uses them when it adds an event: which stored reports could share an
incident with it (an IncidentWindow, plain data any back-end turns into its own query), which incident it
joins among those, and what the reports of one incident say side by side.

The store is handed these rules (`open_store(..., incidents=IncidentRules())`); it never decides itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from eventatlas.resolve.figures import incident_figures
from eventatlas.resolve.match import DAY_SLACK, MAX_KM, compatibility, day_range, distance_km, same_incident

# Reports dated only to a month or a year are too vague to call the same incident as another report.
MAX_SPAN_DAYS = 7


@dataclass(frozen=True)
class IncidentWindow:
    """Where in the store the reports lie that a new event could share an incident with. A store must
    return every stored report inside it (it may return more: `IncidentRules.choose` tests each one).

    A report is inside when all of these hold:
      its PLOVER type is in `types`, or its ACLED event type is in `acled_types`;
      its status is in `statuses`;
      its start date (sort_date) lies in [first_day, last_day] and its end date is absent, partial
      (shorter than YYYY-MM-DD) or on or after `ends_from`;
      it lies within `near` = (lat, lon, km) of the event (a lat/lon box around that circle will do),
      or, when `admin1` = (country, admin1) is given, it lies in that admin1 with one of `admin1_precisions`;
      it comes from another document than `document_id`."""
    types: tuple[str, ...]
    acled_types: tuple[str, ...]
    statuses: tuple[str, ...]
    first_day: str
    last_day: str
    ends_from: str
    near: tuple[float, float, float] | None
    admin1: tuple[str, str] | None
    admin1_precisions: tuple[str, ...]
    document_id: str


class IncidentRules:
    """The default rules (resolve.match): compatible types and statuses, dates within a day, places within
    MAX_KM or one admin1, actors that do not contradict each other, and no chaining of loose matches."""

    def window(self, event: dict[str, Any], document_id: str) -> IncidentWindow | None:
        """The window for a new event (Event JSON), or None when it cannot match anything stored (undated,
        placed only to a country, or dated to more than MAX_SPAN_DAYS): it is then its own incident."""
        span = day_range(event)
        if span is None or (span[1] - span[0]).days > MAX_SPAN_DAYS:
            return None
        loc = event.get("location") or {}
        precision = loc.get("precision")
        near = None
        if precision in ("point", "city") and loc.get("latitude") is not None and loc.get("longitude") is not None:
            near = (float(loc["latitude"]), float(loc["longitude"]), MAX_KM)
        elif precision != "admin1":
            return None
        admin1 = None
        if loc.get("admin1") and loc.get("country_code"):
            admin1 = (loc["country_code"].upper(), loc["admin1"])
        if near is None and admin1 is None:
            return None
        slack = timedelta(days=DAY_SLACK)
        types, acled_types = _compatible_types(event)
        return IncidentWindow(
            types=types, acled_types=acled_types, statuses=_compatible_statuses(event["status"]),
            first_day=(span[0] - slack - timedelta(days=MAX_SPAN_DAYS)).isoformat(),
            last_day=(span[1] + slack).isoformat(), ends_from=(span[0] - slack).isoformat(),
            near=near, admin1=admin1, document_id=document_id,
            # a report known only to admin1 precision matches any precise report in that admin1, and the
            # reverse; coarser reports match nothing (match.places_compatible)
            admin1_precisions=("admin1", "city", "point") if precision == "admin1" else ("admin1",))

    def choose(self, event: dict[str, Any], document_id: str, candidates: list[dict[str, Any]],
               sizes: dict[str, int]) -> str | None:
        """The incident `event` belongs to, or None for a new one.

        candidates: the stored reports inside the event's window, each with "incident_id" and "document_id".
        sizes: how many reports each candidate incident has in all.
        An incident qualifies only when the event matches every one of its reports (no chaining of loosely
        similar reports) and none of them comes from the same document (one article, one report per
        incident). Among qualifying incidents the one with the most reports wins, then the nearest."""
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

    def figures(self, reports: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """What the reports of one incident say, category by category (resolve.figures)."""
        return incident_figures(reports)


def _compatible_types(event: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    c = compatibility()
    types = {event["type"]}
    group = c.plover.get(event["type"])
    if group is not None:
        types |= {t for t, g in c.plover.items() if g == group}
    acled = ((event.get("acled") or {}).get("event_type") or "").lower()
    acled_types: tuple[str, ...] = ()
    if acled in c.acled:
        acled_types = tuple(sorted(c.acled_names[t] for t, g in c.acled.items() if g == c.acled[acled]))
    return tuple(sorted(types)), acled_types


def _compatible_statuses(status: str) -> tuple[str, ...]:
    groups = compatibility().status
    same = {status} | ({s for s, g in groups.items() if g == groups[status]} if status in groups else set())
    return tuple(sorted(same))
