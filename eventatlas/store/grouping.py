"""Incidents kept current as reports arrive, the same way on every back-end.

For each article, before its events are stored, the store fetches the stored reports inside each new
event's window (resolve.IncidentWindow) that it could share an incident with, then every report of the
incidents those belong to, then what lies in their windows, and so on: the neighbourhood, the connected part
of the store around the new events. The rules (resolve.IncidentRules.regroup) group the neighbourhood and the
new events afresh;
reports that change incident are moved, and the records of the incidents that gained or lost a report are
written again (an incident renamed or emptied is deleted). So a later report can merge two incidents (the
report that kept them apart goes elsewhere) or split one, and since the grouping of a set does not depend
on the order it came in, and the neighbourhood is closed, neither does the store's. The work is bounded by
the size of the neighbourhood (MAX_NEIGHBOURHOOD at most), not by the size of the store.

`rebuild_incidents` does the same for a whole store, article by article in a fixed order (publication
date, then id), so that it gives one answer whatever order the articles were ingested in."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

from eventatlas.store.rows import incident_row

REBUILD_BATCH = 64  # articles regrouped per transaction in a rebuild
# The most stored reports one write regroups: past it (a city whose every day joins the next), the
# neighbourhood stops growing, and the grouping is only as independent of order as that allows.
MAX_NEIGHBOURHOOD = 256


class IncidentWrites:
    """A back-end's WriteTransaction methods for incidents, taken from its module of incident SQL
    (`incident_sql`, functions over a connection) on its connection (`conn`)."""

    incident_sql: Any
    conn: Any

    def incident_members(self, incident_ids: list[str]) -> list[dict[str, Any]]:
        return self.incident_sql.incident_members(self.conn, incident_ids)

    def set_incident_ids(self, moves: dict[str, str]) -> None:
        self.incident_sql.set_incident_ids(self.conn, moves)

    def put_incidents(self, rows: list[tuple], gone: list[str]) -> None:
        self.incident_sql.put_incidents(self.conn, rows, gone)

    def clear_incidents(self) -> None:
        self.incident_sql.clear_incidents(self.conn)

    def documents_after(self, after: tuple[str, str] | None, limit: int) -> list[tuple[str, str]]:
        return self.incident_sql.documents_after(self.conn, after, limit)

    def document_reports(self, document_id: str) -> list[dict[str, Any]]:
        return self.incident_sql.document_reports(self.conn, document_id)


def neighbourhood(rules, tx, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored reports connected to the new ones: those inside a new report's window that it could be
    one incident with, every report of their incidents, and so on from those, as far as MAX_NEIGHBOURHOOD
    reports. Grouping such a closed set gives what grouping the whole store would: the result does not
    depend on which report came first."""
    seen = {r["id"] for r in reports}
    incidents: set[str] = set()
    found: list[dict[str, Any]] = []
    frontier = reports
    while frontier and len(found) < MAX_NEIGHBOURHOOD:
        pairs = [(r, w) for r in frontier if (w := rules.window(r, document_of(r))) is not None]
        rows = tx.window_rows([w for _r, w in pairs]) if pairs else []
        linked = {c["incident_id"] for (r, _w), cands in zip(pairs, rows) for c in cands
                  if c.get("incident_id") and c["incident_id"] not in incidents and rules.compatible(r, c)}
        if not linked:
            break
        incidents |= linked
        frontier = [m for m in tx.incident_members(sorted(linked)) if m["id"] not in seen]
        seen.update(m["id"] for m in frontier)
        found += frontier
    return found


def document_of(report: dict[str, Any]) -> str:
    return report.get("document_id") or report["document"]["id"]


def group_reports(rules, tx, reports: list[dict[str, Any]], *, stored: bool) -> dict[str, str]:
    """The incident of each of one article's reports (Event JSON with "document"), regrouped with their
    neighbourhood; moves and incident records are written through `tx` (a WriteTransaction). stored: the
    reports are in the store already (a rebuild), so their own incident ids are written too."""
    if not reports:
        return {}
    members = neighbourhood(rules, tx, reports)
    new = {r["id"] for r in reports}
    before = {m["id"]: m["incident_id"] for m in members}
    everyone = {m["id"]: m for m in members}
    everyone.update({r["id"]: r for r in reports})
    assigned = rules.regroup(list(everyone.values()))
    moved = {eid: inc for eid, inc in assigned.items() if eid in before and before[eid] != inc}
    if stored:
        moved.update({eid: assigned[eid] for eid in new})
    if moved:
        tx.set_incident_ids(moved)
    members_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for eid, inc in assigned.items():
        members_of[inc].append(dict(everyone[eid], incident_id=inc))
    touched = {assigned[eid] for eid in new} | set(moved.values()) | \
        {before[eid] for eid in moved if eid in before and before[eid] in members_of}
    records = [incident_row(rules.record(inc, members_of[inc])) for inc in sorted(touched)]
    tx.put_incidents(records, sorted(set(before.values()) - set(members_of)))
    return {eid: assigned[eid] for eid in new}


def rebuild_incidents(store, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Group every stored report afresh, article by article in publication order (then id), and write every
    incident record again. Runs in transactions of REBUILD_BATCH articles; readers meanwhile see reports
    not yet regrouped without an incident. Returns {"documents", "events", "incidents"}."""
    with store.writing() as tx:
        tx.clear_incidents()
    after: tuple[str, str] | None = None
    documents = events = 0
    while True:
        with store.writing() as tx:
            batch = tx.documents_after(after, REBUILD_BATCH)
            for key in batch:
                reports = tx.document_reports(key[1])
                group_reports(store.incidents, tx, reports, stored=True)
                events += len(reports)
        if not batch:
            break
        documents += len(batch)
        after = batch[-1]
        if progress:
            progress(len(batch))
    return {"documents": documents, "events": events, "incidents": store.count_incidents()}
