"""Where results live: a registry of store back-ends behind one interface (base.Store).

`open_store("events.db")` or `open_store("sqlite:///events.db")` gives the SQLite store,
`open_store("postgresql://user@host/db")` the PostgreSQL one; another back-end registers under its URL
scheme with `@STORES.register("scheme")` and subclasses Store (see base.py for what it must offer).
"""

from __future__ import annotations

from eventatlas.config import Settings
from eventatlas.errors import StoreError
from eventatlas.store.base import STORES, IncidentRules, Store
from eventatlas.store.filters import ControlFilter, EventFilter, FilterError

# Back-ends whose module is imported only when a URL asks for them (their driver is an optional extra).
_LAZY = {"postgresql": "eventatlas.store.postgres", "postgres": "eventatlas.store.postgres"}


def open_store(path_or_url: str, settings: Settings | None = None, *, read_only: bool = False,
               incidents: IncidentRules | None = None) -> Store:
    """Open (creating if needed, unless read_only) the store a path or URL names.

    incidents: the rules the store matches incidents with when it adds events; resolve.IncidentRules
    unless the caller (the Atlas) hands others."""
    target = str(path_or_url)
    if "://" in target:
        scheme, _, rest = target.partition("://")
        # sqlite:///relative.db and sqlite:////abs/path.db, as SQLAlchemy spells them
        location = rest[1:] if scheme == "sqlite" and rest.startswith("/") else rest
        if scheme not in ("sqlite",):
            location = target  # a server's URL is its own connection string
    else:
        scheme, location = (settings.store if settings else "sqlite"), target
    if scheme in _LAZY and scheme not in STORES:
        import importlib
        importlib.import_module(_LAZY[scheme])
    backend = STORES.get(scheme)
    if incidents is None:
        from eventatlas.resolve import IncidentRules as DefaultRules
        incidents = DefaultRules()
    return backend(location, settings=settings, read_only=read_only, incidents=incidents)


from eventatlas.store import sqlite as _sqlite  # noqa: E402,F401  registers "sqlite"

__all__ = ["STORES", "Store", "StoreError", "ControlFilter", "EventFilter", "FilterError", "IncidentRules",
           "open_store"]
