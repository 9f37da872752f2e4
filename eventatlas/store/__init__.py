"""Where results live: a registry of store back-ends behind one interface.

`open_store("events.db")` or `open_store("sqlite:///events.db")` gives the SQLite store; another back-end
(say PostgreSQL) registers under its URL scheme with `@STORES.register("postgresql")` and subclasses Store.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from typing import Any, Iterator

from eventatlas.config import Settings
from eventatlas.records import ArticleResult, Rejection
from eventatlas.registry import Registry
from eventatlas.store.filters import EventFilter, FilterError

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

__all__ = ["STORES", "Store", "EventFilter", "FilterError", "open_store"]
