"""Reports of one real event across articles: which stored events are one incident, the incident as a
record of its own, and what the sources say about it side by side.

The store applies `IncidentRules` to each new event at insert time: it fetches the stored reports inside
the event's `IncidentWindow`, and every report of the incidents those belong to, and lets
`IncidentRules.regroup` group that neighbourhood afresh (resolve.cluster), which is how a later report
merges incidents or splits one, and why the grouping does not depend on the order articles came in. An
incident is named after its first report (the earliest published)."""

from __future__ import annotations

from eventatlas.resolve.cluster import cluster, incident_ids
from eventatlas.resolve.figures import incident_figures
from eventatlas.resolve.incidents import MAX_SPAN_DAYS, IncidentRules, IncidentWindow
from eventatlas.resolve.match import DAY_SLACK, MAX_KM, distance_km, same_incident
from eventatlas.resolve.summary import incident_record

__all__ = ["IncidentRules", "IncidentWindow", "cluster", "incident_ids", "incident_figures", "incident_record",
           "same_incident", "distance_km", "MAX_KM", "DAY_SLACK", "MAX_SPAN_DAYS"]
