"""The Store interface: what every back-end (SQLite, PostgreSQL, one you add) offers, and what they share.

A back-end subclasses Store, implements the abstract methods below (the reads, and `writing()`, a
transaction offering the few WriteTransaction primitives), and registers under its URL scheme:

    @STORES.register("mydb")
    class MyStore(Store):
        def __init__(self, location: str, settings=None, *, read_only=False, incidents: IncidentRules): ...

What is the same for every back-end is written once here: how an article becomes rows and when incident
matching runs (add_results), iter_events, incident. Each back-end keeps its own schema.py (tables, indexes,
a VERSION and the steps that upgrade an older database); a feature that adds a table (first-class incidents,
territorial control) adds a version with its step to each, and its writes go through a primitive here.

Shapes. An event comes back as its records.py Event JSON plus "document" ({id, title, outlet, url,
published}) and "incident_id". Pages run newest first: by start date (undated events last), then by the
order events were stored; a cursor is an opaque string the same store hands out (filters.encode_cursor).
`EventFilter` says what a query may ask; every back-end answers it with the same events.

Incidents. Every report belongs to one incident, a record of its own (resolve.summary.incident_record:
type, place, the span its reports allow, actors, every report and source, figures) kept in the store and
queried with the same filters as events (on the incident's own type, place, dates and actors; words in any
of its reports), newest first by its first day.

Writing. An article goes in whole or not at all (one transaction), and an article already stored (same
document id, or same URL) is refused without change, so re-running an ingest stores nothing twice, however
many writers run at once. Incident matching is the store's job at write time, with the decisions taken
by the rules it was given (resolve.IncidentRules): the store fetches the stored reports inside each new
event's `incidents.window(event)` through its own indexes and the incidents they belong to, and
`incidents.regroup(...)` groups that neighbourhood afresh (store/grouping.py does this for every
back-end). Concurrent writers must not see each other half-way: two reports of one incident written at
once still end up in one incident.
"""

from __future__ import annotations

import dataclasses
import contextlib
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Protocol

from eventatlas.records import ArticleResult, ControlEvidence, ControlPeriod, ControlPlace, Rejection
from eventatlas.registry import Registry
from eventatlas.store.filters import ControlFilter, EventFilter
from eventatlas.store.grouping import group_reports, rebuild_incidents
from eventatlas.store.rows import EVENT_COLUMNS, claim_row, document_row, event_row

MAX_LIMIT = 10_000  # the largest page query_events hands out
CLAIM_COLUMNS = ("id", "document_id", "kind", "evidence", "json")
OPINION_COLUMNS = ("document_id", "text", "start", "end")
REJECTED_COLUMNS = ("input", "stage", "reason", "at")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class IncidentRules(Protocol):
    """What the store needs from the resolve stage (resolve.IncidentRules implements it)."""

    def window(self, event: dict[str, Any], document_id: str) -> Any | None:
        """A resolve.IncidentWindow: where the reports lie that `event` could join; None: none can."""

    def compatible(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Whether two reports could be one incident: what links a report to its neighbourhood."""

    def regroup(self, reports: list[dict[str, Any]]) -> dict[str, str]:
        """{event id: incident id} for a neighbourhood of reports (Event JSON with "document")."""

    def record(self, incident_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
        """The record of one incident made from its reports."""

    def figures(self, reports: list[dict[str, Any]]) -> dict[str, Any]:
        """What the reports of one incident say side by side."""


class WriteTransaction(Protocol):
    """A back-end's writing primitives, inside one transaction (Store.writing). Rows are the tuples
    store.rows builds; the Store turns an article into them and runs incident matching in between."""

    def insert_document(self, row: tuple) -> bool:
        """Insert a documents row; False (and nothing inserted) when its id or URL is stored already."""

    def window_rows(self, windows: list[Any]) -> list[list[dict[str, Any]]]:
        """For each incident window, the stored reports inside it (Event JSON plus "incident_id" and
        "document_id"), read through indexes that lead with place and date."""

    def incident_members(self, incident_ids: list[str]) -> list[dict[str, Any]]:
        """Every stored report of these incidents, as query_events gives them (with "document")."""

    def set_incident_ids(self, moves: dict[str, str]) -> None:
        """Give these stored events ({event id: incident id}) their new incident."""

    def put_incidents(self, rows: list[tuple], gone: list[str]) -> None:
        """Insert or replace these incident rows (store.rows.incident_row) and delete the incidents `gone`."""

    def clear_incidents(self) -> None:
        """Take every event out of its incident (incident_id NULL) and delete every incident: a rebuild's start."""

    def documents_after(self, after: tuple[str, str] | None, limit: int) -> list[tuple[str, str]]:
        """Up to `limit` (publication key, document id) pairs after `after`, in that order; the key is the
        publication date, or "~" for an article without one (so those come last)."""

    def document_reports(self, document_id: str) -> list[dict[str, Any]]:
        """The stored reports of one document, as query_events gives them."""

    conn: Any  # the back-end's connection, for the statements a feature keeps in its own module (control.py)

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert rows into events, claims or opinions; ValueError naming the id when an event id is taken."""


class Store(ABC):
    """One event database. Safe to share between threads (the HTTP API serves from a pool)."""

    incidents: IncidentRules

    # -- writing -------------------------------------------------------------------------------------

    @abstractmethod
    def writing(self) -> AbstractContextManager[WriteTransaction]:
        """One writing transaction: committed when the block ends, rolled back (nothing kept) when it raises
        or the process dies. Concurrent writers must be serialised or isolated so that each transaction's
        incident matching sees every report committed before it. StoreError when opened read-only."""

    def add_result(self, result: ArticleResult) -> bool:
        """Store one article and everything found in it, atomically; False (and no change) if already stored.
        ValueError (and no change) for an article that contradicts itself or the store (an event id twice)."""
        return self.add_results([result])[0]

    def add_results(self, results: list[ArticleResult]) -> list[bool]:
        """Store several articles in one transaction, in order (each sees the incidents of those before);
        one True/False per article as add_result. A ValueError from one article leaves none stored."""
        for result in results:
            check_article(result)
        with self.writing() as tx:
            return [self._write_article(tx, result) for result in results]

    def _write_article(self, tx: WriteTransaction, result: ArticleResult) -> bool:
        doc = result.document
        if not tx.insert_document(document_row(doc, _now())):
            return False
        as_dicts = [dataclasses.asdict(e) for e in result.events]
        header = {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url or None,
                  "published": doc.published}
        reports = [dict(d, document=header, document_id=doc.id) for d in as_dicts]
        incident_of = group_reports(self.incidents, tx, reports, stored=False)
        tx.insert_rows("events", EVENT_COLUMNS, [event_row(e, doc.id, incident_of[e.id], d)
                                                 for e, d in zip(result.events, as_dicts)])
        tx.insert_rows("claims", CLAIM_COLUMNS, [claim_row(c, doc.id) for c in result.claims])
        tx.insert_rows("opinions", OPINION_COLUMNS, [(doc.id, o.text, o.start, o.end) for o in result.opinions])
        return True

    def add_rejection(self, rej: Rejection) -> None:
        """Record an input that could not be processed (kept, listed by rejections())."""
        with self.writing() as tx:
            tx.insert_rows("rejected", REJECTED_COLUMNS, [(rej.input, rej.stage, rej.reason, _now())])

    # -- reading -------------------------------------------------------------------------------------

    @abstractmethod
    def has_document(self, doc_id: str | None = None, url: str | None = None) -> bool:
        """Whether an article with this id, or at this URL, is stored."""

    @abstractmethod
    def stored_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Those of these document ids that are stored (one query, for resuming a batch)."""

    @abstractmethod
    def query_events(self, f: EventFilter | None = None, limit: int = 100,
                     cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """One page of matching events, newest first, and the cursor of the next page (None: last page).
        FilterError for a limit outside 1..MAX_LIMIT or a cursor this store did not hand out."""

    def iter_events(self, f: EventFilter | None = None, page: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching event, newest first, a page at a time. Each page is its own query so a consumer
        may pull from any thread (a streaming HTTP response does) and memory stays flat."""
        return every_page(self.query_events, f, page)

    @abstractmethod
    def get_event(self, event_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """{id, title, url, outlet, published, language, credits, text, events, claims, opinions}."""

    @abstractmethod
    def document_text(self, doc_id: str) -> str | None: ...

    @abstractmethod
    def incident_events(self, incident_id: str) -> list[dict[str, Any]]:
        """Every report of one incident, first stored first; [] for an unknown id."""

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """{"incident_id", "events": every report, first first, "figures": what they say side by side}."""
        events = self.incident_events(incident_id)
        if not events:
            return None
        return {"incident_id": incident_id, "events": events, "figures": self.incidents.figures(events)}

    @abstractmethod
    def query_incidents(self, f: EventFilter | None = None, limit: int = 100,
                        cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """One page of incident records matching the filters, newest first (by their first day), and the
        next page's cursor. The filters read the incident's own type, ACLED type, status, place, dates and
        actors; `q` matches words in any of its reports."""

    def iter_incidents(self, f: EventFilter | None = None, page: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching incident record, newest first, a page at a time (as iter_events)."""
        return every_page(self.query_incidents, f, page)

    @abstractmethod
    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident record (resolve.summary.incident_record), or None."""

    @abstractmethod
    def count_incidents(self) -> int: ...

    def rebuild_incidents(self, progress=None) -> dict[str, int]:
        """Regroup every stored report and rewrite every incident (store/grouping.py)."""
        return rebuild_incidents(self, progress)

    @abstractmethod
    def stats(self, f: EventFilter | None = None) -> dict[str, Any]:
        """{"total", "by_type", "by_country", "by_day"} over the matching events; counts largest first
        (ties by name), days in date order."""

    @abstractmethod
    def rejections(self) -> list[Rejection]:
        """Every recorded rejection, first first."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table: documents, events, claims, opinions, rejected."""

    # -- territorial control: eventatlas/control/ derives the periods, the store keeps them -------------
    # (the three tables and the SQL they share: store/control_sql.py; each back-end's own: its control.py)

    # the back-end's control.py: add_evidence(conn, found), replace_periods(conn, keys, periods), clear(conn),
    # each run on a writing transaction's connection
    control_statements: Any

    def add_control_evidence(self, found: list[tuple[ControlPlace, ControlEvidence]]) -> None:
        """Keep what one article says about control, by place (a claim stored twice is kept once)."""
        if found:
            with self.writing() as tx:
                self.control_statements.add_evidence(tx.conn, found)

    @abstractmethod
    def control_evidence(self, place_keys: Iterable[str]) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
        """For each of these place keys that has any: the place (every spelling seen) and all its evidence."""

    def replace_control_periods(self, place_keys: Iterable[str], periods: list[ControlPeriod]) -> None:
        """The periods of these places become `periods`, atomically (readers see the old or the new ones)."""
        with self.writing() as tx:
            self.control_statements.replace_periods(tx.conn, list(place_keys), periods)

    def clear_control(self) -> None:
        """Forget every control evidence and period (before a rebuild)."""
        with self.writing() as tx:
            self.control_statements.clear(tx.conn)

    @abstractmethod
    def control_sources(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
        """Every stored article with a control claim: (its header {id, title, outlet, url, published}, its
        claims, its events), for a rebuild."""

    @abstractmethod
    def control_periods(self, f: ControlFilter | None = None, limit: int = 1000, *,
                        evidence: bool = True) -> list[dict[str, Any]]:
        """Periods (the records.ControlPeriod JSON) matching the filter, by place then start, at most limit;
        evidence=False: without their evidence, with its count as evidence_count (a map layer's needs)."""

    def control_lock(self) -> AbstractContextManager[None]:
        """Held while one article's control evidence is added and its places re-derived, so that writers
        running at once do not each derive a place from the evidence without the other's (a back-end with
        concurrent writers serialises them here)."""
        return contextlib.nullcontext()

    def time_limit(self, seconds: float | None) -> AbstractContextManager[None]:
        """A context in which this thread's queries stop after `seconds` with errors.QueryTimeout (the API
        bounds each request with it). A back-end without a way to stop a query may leave it unbounded."""
        return contextlib.nullcontext()

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


STORES: Registry[type[Store]] = Registry("store")


def every_page(query, f: EventFilter | None, page: int) -> Iterator[dict[str, Any]]:
    """Every row a paged query (query_events, query_incidents) gives, one page per call."""
    cursor: str | None = None
    while True:
        rows, cursor = query(f, limit=page, cursor=cursor)
        yield from rows
        if cursor is None:
            return


def indexed_stats(f: EventFilter) -> bool:
    """Whether the filter is only type, country and dates, whose indexes hold every column stats count:
    then each figure is counted on its own, walking an index in order (2-4 times faster on 1M events than
    one grouping of the rows by all three)."""
    return dataclasses.replace(f, type=None, country=None, since=None, until=None).is_empty()


def stats_answer(by_type: dict[str, int], by_country: dict[str, int], by_day: dict[str, int]) -> dict[str, Any]:
    """The stats() shape: counts largest first (ties by name), days in date order."""
    return {
        "total": sum(by_type.values()),
        "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_country": dict(sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_day": dict(sorted(by_day.items())),
    }


def check_article(result: ArticleResult) -> None:
    """ValueError for an article no store can hold as given (one event id twice)."""
    seen: set[str] = set()
    for event in result.events:
        if event.id in seen:
            raise ValueError(f"document {result.document.id}: event id {event.id!r} appears twice")
        seen.add(event.id)
