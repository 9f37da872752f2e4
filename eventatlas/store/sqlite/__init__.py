"""The SQLite back-end: store.py (SQLiteStore), schema.py (tables, indexes, upgrades), query.py (filters as
SQL over FTS5 and R*Tree), incidents.py (the queries behind incident matching)."""

from eventatlas.errors import StoreError
from eventatlas.store.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore", "StoreError"]
