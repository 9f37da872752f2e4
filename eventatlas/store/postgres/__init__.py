"""The PostgreSQL back-end (psycopg 3, PostGIS): store.py (PostgresStore), schema.py (tables, indexes,
upgrades), query.py (filters and incident windows as SQL). Registered as postgresql:// and postgres://."""

from eventatlas.store.base import STORES
from eventatlas.store.postgres.store import PostgresStore

STORES.register("postgres")(PostgresStore)

__all__ = ["PostgresStore"]
