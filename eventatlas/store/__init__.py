"""Where results live: a registry of store back-ends behind one interface.

`open_store("events.db")` or `open_store("sqlite:///events.db")` gives the SQLite store; another back-end
(say PostgreSQL) registers under its URL scheme with `@STORES.register("postgresql")` and subclasses Store.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from typing import Any, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.records import ArticleResult, ControlEvidence, ControlPeriod, ControlPlace, Rejection
from eventatlas.registry import Registry
from eventatlas.store.filters import ControlFilter, EventFilter, FilterError

STORES: Registry[type["Store"]] = Registry("store")


class Store(ABC):
    """What every back-end offers. Event dicts have the records.py Event JSON shape plus "document"
    ({id, title, outlet, url, published}) and "incident_id"."""

    @abstractmethod
    def add_result(self, result: ArticleResult) -> bool:
        """Store one article and everything found in it, atomically; False (and no change) if already stored."""

    @abstractmethod
    def add_rejection(self, rej: Rejection) -> None: ...

    @abstractmethod
    def has_document(self, doc_id: str | None = None, url: str | None = None) -> bool: ...

    @abstractmethod
    def query_events(self, f: EventFilter, limit: int = 100,
                     cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]: ...

    @abstractmethod
    def iter_events(self, f: EventFilter) -> Iterator[dict[str, Any]]: ...

    @abstractmethod
    def get_event(self, event_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def get_document(self, doc_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def document_text(self, doc_id: str) -> str | None: ...

    @abstractmethod
    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """{"incident_id", "events": every report, first first, "figures": resolve.incident_figures}."""

    @abstractmethod
    def stats(self, f: EventFilter | None = None) -> dict[str, Any]: ...

    @abstractmethod
    def rejections(self) -> list[Rejection]: ...

    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    # -- territorial control: eventatlas/control/ derives the periods, the store keeps them -------------

    @abstractmethod
    def add_control_evidence(self, found: list[tuple[ControlPlace, ControlEvidence]]) -> None:
        """Keep what one article says about control, by place (a claim stored twice is kept once)."""

    @abstractmethod
    def control_evidence(self, place_keys: Iterable[str]) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
        """For each of these place keys that has any: the place (every spelling seen) and all its evidence."""

    @abstractmethod
    def replace_control_periods(self, place_keys: Iterable[str], periods: list[ControlPeriod]) -> None:
        """The periods of these places become `periods`, atomically (readers see the old or the new ones)."""

    @abstractmethod
    def clear_control(self) -> None:
        """Forget every control evidence and period (before a rebuild)."""

    @abstractmethod
    def control_sources(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
        """Every stored article with a control claim: (its header {id, title, outlet, url, published}, its
        claims, its events), for a rebuild."""

    @abstractmethod
    def control_periods(self, f: ControlFilter | None = None, limit: int = 1000, *,
                        evidence: bool = True) -> list[dict[str, Any]]:
        """Periods (the records.ControlPeriod JSON) matching the filter, by place then start, at most limit;
        evidence=False: without their evidence, with its count as evidence_count (a map layer's needs)."""

    @abstractmethod
    def close(self) -> None: ...

    def time_limit(self, seconds: float | None):
        """A context in which this thread's queries stop after `seconds` with errors.QueryTimeout (the API
        bounds each request with it). A back-end without a way to stop a query may leave it unbounded."""
        return contextlib.nullcontext()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(path_or_url: str, settings: Settings | None = None, *, read_only: bool = False) -> Store:
    """Open (creating if needed, unless read_only) the store a path or URL names."""
    target = str(path_or_url)
    if "://" in target:
        scheme, _, rest = target.partition("://")
        # sqlite:///relative.db and sqlite:////abs/path.db, as SQLAlchemy spells them
        location = rest[1:] if scheme == "sqlite" and rest.startswith("/") else rest
    else:
        scheme, location = (settings.store if settings else "sqlite"), target
    backend = STORES.get(scheme)
    return backend(location, settings=settings, read_only=read_only)


from eventatlas.store import sqlite as _sqlite  # noqa: E402,F401  registers "sqlite"

__all__ = ["STORES", "Store", "ControlFilter", "EventFilter", "FilterError", "open_store"]
