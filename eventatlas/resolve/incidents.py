"""Incident rules as the store uses them when it adds an event: which stored reports could share an
incident with it (an IncidentWindow, plain data any back-end turns into its own query), how a set of
reports falls into incidents (resolve.cluster: the same whatever order they came in), and the record of
one incident (resolve.summary) with what its reports say side by side.

The store is handed these rules (`open_store(..., incidents=IncidentRules())`); it never decides itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from eventatlas.resolve.cluster import incident_ids
from eventatlas.resolve.figures import incident_figures
from eventatlas.resolve.match import (
    COARSE, DAY_SLACK, MAX_KM, MAX_SPAN_DAYS, compatibility, day_range, is_statement, placed_only_to_country,
    same_incident,
)
from eventatlas.resolve.summary import incident_record



@dataclass(frozen=True)
class IncidentWindow:
    """Where in the store the reports lie that a new event could share an incident with. A store must
    return every stored report inside it (it may return more: `IncidentRules.compatible` tests each one).

    A report is inside when all of these hold:
      its PLOVER type is in `types`, or its ACLED event type is in `acled_types`;
      its status is in `statuses`;
      its start date (sort_date) lies in [first_day, last_day] and its end date is absent, partial
      (shorter than YYYY-MM-DD) or on or after `ends_from`;
      it lies within `near` = (lat, lon, km) of the event (a lat/lon box around that circle will do),
      or, when `admin1` = (country, admin1) is given, it lies in that admin1 with one of `admin1_precisions`,
      or, when `country` is given, it lies in that country with one of `country_precisions` (any when
      empty): a report placed only to its country finds those placed better, and the reverse;
      or, for a statement (`statement`: one per speaker and day anywhere), it lies in `country` or has no
      country, or anywhere when `country` is None;
      it comes from another document than `document_id`, and it has been given an incident."""
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
    country: str | None = None
    country_precisions: tuple[str, ...] = ()
    statement: bool = False


class IncidentRules:
    """The default rules: windows of MAX_KM (or one admin1, or for statements one country) and a day
    around each report; reports grouped by resolve.cluster (resolve.match decides which two can be one);
    incident records by resolve.summary."""

    def window(self, event: dict[str, Any], document_id: str) -> IncidentWindow | None:
        """The window for a new event (Event JSON), or None when it cannot match anything stored (undated,
        placed to no country, or dated to more than MAX_SPAN_DAYS): it is then its own incident."""
        span = day_range(event)
        if span is None or (span[1] - span[0]).days > MAX_SPAN_DAYS:
            return None
        loc = event.get("location") or {}
        precision = loc.get("precision")
        slack = timedelta(days=DAY_SLACK)
        types, acled_types = _compatible_types(event)
        common = dict(types=types, acled_types=acled_types, statuses=_compatible_statuses(event["status"]),
                      first_day=(span[0] - slack - timedelta(days=MAX_SPAN_DAYS)).isoformat(),
                      last_day=(span[1] + slack).isoformat(), ends_from=(span[0] - slack).isoformat(),
                      document_id=document_id)
        country = (loc.get("country_code") or "").upper() or None
        if is_statement(event):
            return IncidentWindow(near=None, admin1=None, admin1_precisions=(), country=country, statement=True,
                                  **common)
        if placed_only_to_country(event):
            return IncidentWindow(near=None, admin1=None, admin1_precisions=(), country=country, **common)
        near = None
        if precision in ("point", "city") and loc.get("latitude") is not None and loc.get("longitude") is not None:
            near = (float(loc["latitude"]), float(loc["longitude"]), MAX_KM)
        elif precision != "admin1":
            return None
        admin1 = None
        if loc.get("admin1") and country:
            admin1 = (country, loc["admin1"])
        if near is None and admin1 is None:
            return None
        # a report known only to admin1 precision matches any precise report in that admin1, and the
        # reverse; a report placed only to its country may match either (match.loosely_placed_compatible)
        return IncidentWindow(near=near, admin1=admin1, **common, country=country, country_precisions=COARSE,
                              admin1_precisions=("admin1", "city", "point") if precision == "admin1" else ("admin1",))

    def compatible(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Whether two reports could be one incident (resolve.match.same_incident)."""
        return same_incident(a, b)

    def regroup(self, reports: list[dict[str, Any]]) -> dict[str, str]:
        """{event id: incident id} for a neighbourhood of reports (Event JSON with "document"), grouped
        afresh (resolve.cluster): the same whatever order the reports were stored in."""
        return incident_ids(reports)

    def record(self, incident_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
        """The incident's own record (resolve.summary.incident_record)."""
        return incident_record(incident_id, reports)

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
    acled_types: set[str] = set()
    if acled in c.acled:
        acled_types = {c.acled_names[t] for t, g in c.acled.items() if g == c.acled[acled]}
    # a sub-event of a family across event types (looting and a riot): every event type of that family
    sub = ((event.get("acled") or {}).get("sub_event_type") or "").lower()
    if sub in c.acled_sub:
        from eventatlas.extract.lexicon import acled_event_type_of
        family = {s for s, g in c.acled_sub.items() if g == c.acled_sub[sub]}
        acled_types |= {t for s, t in acled_event_type_of().items() if s.lower() in family}
    return tuple(sorted(types)), tuple(sorted(acled_types))


def _compatible_statuses(status: str) -> tuple[str, ...]:
    groups = compatibility().status
    same = {status} | ({s for s, g in groups.items() if g == groups[status]} if status in groups else set())
    return tuple(sorted(same))
