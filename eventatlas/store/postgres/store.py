"""The PostgreSQL store: one database on a server that many writers (ingest --jobs, Dask workers) and
readers (the API) share. Writes are one transaction per batch of articles, taken under one advisory lock,
so incident matching sees every report committed before it and two writers never split an incident."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections import Counter
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.records import ControlEvidence, ControlPlace, Rejection
from eventatlas.errors import QueryTimeout, StoreError
from eventatlas.store.base import MAX_LIMIT, STORES, IncidentRules, Store, indexed_stats, stats_answer
from eventatlas.store.filters import ControlFilter, EventFilter, FilterError, encode_cursor
from eventatlas.store.grouping import IncidentWrites
from eventatlas.store.postgres import control
from eventatlas.store.postgres import incidents as incident_sql
from eventatlas.store.postgres.query import where_clause, window_query
from eventatlas.store.postgres.schema import SCHEMA_LOCK, VERSION, upgrade_steps
from eventatlas.store.rows import event_dict

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - the driver is the [postgres] extra
    psycopg = None

WRITE_LOCK = 0x6561_7772  # "eawr": held by each writing transaction until it commits
_TEXT_FIRST_BUDGET = 4000  # newest events a text query tests word by word before the text index leads
_EVENT_SELECT = (
    "SELECT e.rowid AS rowid, e.sort_date, e.json::text AS json, e.incident_id, d.id AS doc_id,"
    " d.title AS doc_title, d.outlet AS doc_outlet, d.url AS doc_url, d.published AS doc_published"
    " FROM events e JOIN documents d ON d.id = e.document_id"
)
_TABLES = ("documents", "events", "claims", "opinions", "rejected")
_INCIDENTS_VERSION = 3  # the first schema with an incidents table: an upgrade past it regroups every report


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


@STORES.register("postgresql")
class PostgresStore(Store):
    control_statements = control

    def __init__(self, url: str, settings: Settings | None = None, *, read_only: bool = False,
                 incidents: IncidentRules):
        if psycopg is None:
            raise StoreError(redact(url), "the PostgreSQL store needs psycopg "
                             "(pip install 'eventatlas[postgres]')")
        self.url = url.replace("postgres://", "postgresql://", 1)
        self.name = redact(self.url)
        self.settings = settings
        self.read_only = read_only
        self.incidents = incidents
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self._closed = False
        self._stats_cache: tuple[str, dict[str, Any]] | None = None  # (write generation, unfiltered stats)
        self._init_schema(self._conn())

    # -- connections -------------------------------------------------------------------------------

    def _conn(self):
        """One connection per thread, in autocommit: each read sees what is committed when it runs."""
        if self._closed:
            raise StoreError(self.name, "store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed:
            return conn
        options = "-c default_transaction_read_only=on" if self.read_only else None
        try:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row, options=options,
                                   connect_timeout=30, application_name="eventatlas")
        except psycopg.Error as exc:
            raise StoreError(self.name, f"cannot connect ({_reason(exc)})") from None
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    def _init_schema(self, conn) -> None:
        version = self._version(conn)
        if version > VERSION:
            raise StoreError(self.name, f"schema version {version} is newer than this eventatlas ({VERSION})")
        if version == VERSION:
            return
        if self.read_only:
            if version == 0:
                raise StoreError(self.name, "not an eventatlas database (no schema yet)")
            raise StoreError(self.name, f"written by an earlier eventatlas (schema version {version}); "
                                        f"upgrade it with `eventatlas upgrade --db {self.name}`")
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                version = self._version(conn)  # another process may have done it while we waited
                if version == 0 and conn.execute("SELECT to_regclass('events') IS NOT NULL AS t").fetchone()["t"]:
                    raise StoreError(self.name, "has an 'events' table but no eventatlas schema version")
                if version < VERSION:
                    for step in upgrade_steps(version):
                        conn.execute(step, {"version": str(VERSION)} if "%(version)s" in step else None)
            if 0 < version < _INCIDENTS_VERSION:
                self.rebuild_incidents()
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(self.name, f"cannot create the schema ({_reason(exc)}); a superuser must run "
                             "CREATE EXTENSION postgis; CREATE EXTENSION unaccent; in this database once") from None
        except psycopg.Error as exc:
            raise StoreError(self.name, f"cannot create the schema ({_reason(exc)})") from None

    @staticmethod
    def _version(conn) -> int:
        if conn.execute("SELECT to_regclass('eventatlas_meta') IS NOT NULL AS t").fetchone()["t"]:
            row = conn.execute("SELECT value FROM eventatlas_meta WHERE key = 'schema_version'").fetchone()
            return int(row["value"]) if row else 0
        return 0

    @contextmanager
    def writing(self) -> Iterator["_Write"]:
        """Holds the write lock until it commits: writers take turns, and each sees every article committed
        before it, so incident matching never misses a concurrent report."""
        if self.read_only:
            raise StoreError(self.name, "opened read-only")
        conn = self._conn()
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                tx = _Write(conn)
                yield tx
                tx.finish()
                conn.execute("UPDATE eventatlas_meta SET value = (value::bigint + 1)::text WHERE key = 'writes'")
        except psycopg.OperationalError as exc:
            raise StoreError(self.name, f"write failed ({_reason(exc)})") from None

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except psycopg.Error:
                pass
        self._closed = True

    # -- writing -----------------------------------------------------------------------------------

    # -- reading -----------------------------------------------------------------------------------

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        try:
            return self._conn().execute(sql, list(args)).fetchall()
        except psycopg.errors.QueryCanceled:
            raise  # past a time_limit, which says so
        except psycopg.OperationalError as exc:
            raise StoreError(self.name, f"query failed ({_reason(exc)})") from None

    def has_document(self, doc_id: str | None = None, url: str | None = None) -> bool:
        if doc_id is None and not url:
            raise ValueError("has_document needs a doc_id or a url")
        return bool(self._rows("SELECT 1 FROM documents WHERE id = %s OR url = %s LIMIT 1", (doc_id, url or None)))

    def stored_documents(self, doc_ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(doc_ids))
        return {r["id"] for r in self._rows("SELECT id FROM documents WHERE id = ANY(%s)", (wanted,))}

    def query_events(self, f: EventFilter | None = None, limit: int = 100,
                     cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        f = f or EventFilter()
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise FilterError(f"limit={limit!r}: must be a whole number from 1 to {MAX_LIMIT}")
        rows = self._text_first(f, cursor, limit) if f.q else None
        if rows is None:
            where, args = where_clause(f, cursor)
            rows = self._rows(f"{_EVENT_SELECT} WHERE {where} ORDER BY e.sort_date DESC, e.rowid DESC LIMIT %s",
                              [*args, limit + 1])
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor(rows[-1]["sort_date"], rows[-1]["rowid"])
        return [event_dict(r) for r in rows], next_cursor

    def _text_first(self, f: EventFilter, cursor: str | None, limit: int) -> list[dict[str, Any]] | None:
        """A page of a text query read newest first, testing the words on each of the newest
        _TEXT_FIRST_BUDGET events the other filters allow; None when the page did not fill, the words being
        rarer than that: the text index then leads. The planner cannot tell on its own: it takes the words
        of "Port-au-Prince" for three independent words, expects almost no match and collects every one."""
        where, args = where_clause(dataclasses.replace(f, q=None), cursor)
        text, text_args = where_clause(EventFilter(q=f.q))
        keys = [r["rowid"] for r in self._rows(
            f"SELECT e.rowid FROM (SELECT e.rowid, e.sort_date, e.words FROM events e WHERE {where}"
            f" ORDER BY e.sort_date DESC, e.rowid DESC LIMIT %s) e WHERE {text}"
            " ORDER BY e.sort_date DESC, e.rowid DESC LIMIT %s", [*args, _TEXT_FIRST_BUDGET, *text_args, limit + 1])]
        if len(keys) <= limit:
            return None
        return self._rows(f"{_EVENT_SELECT} WHERE e.rowid = ANY(%s) ORDER BY e.sort_date DESC, e.rowid DESC",
                          [keys])

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        rows = self._rows(f"{_EVENT_SELECT} WHERE e.id = %s", (event_id,))
        return event_dict(rows[0]) if rows else None

    def incident_events(self, incident_id: str) -> list[dict[str, Any]]:
        return [event_dict(r) for r in self._rows(
            f"{_EVENT_SELECT} WHERE e.incident_id = %s ORDER BY e.rowid", (incident_id,))]

    def query_incidents(self, f: EventFilter | None = None, limit: int = 100,
                        cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise FilterError(f"limit={limit!r}: must be a whole number from 1 to {MAX_LIMIT}")
        try:
            return incident_sql.query_incidents(self._conn(), f or EventFilter(), limit, cursor)
        except psycopg.OperationalError as exc:
            raise StoreError(self.name, f"query failed ({_reason(exc)})") from None

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        return incident_sql.get_incident(self._conn(), incident_id)

    def count_incidents(self) -> int:
        return self._rows("SELECT count(*) AS n FROM incidents")[0]["n"]

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        docs = self._rows("SELECT id, title, url, outlet, published, language, credits::text AS credits, text"
                          " FROM documents WHERE id = %s", (doc_id,))
        if not docs:
            return None
        out = dict(docs[0])
        out["credits"] = json.loads(out["credits"])
        out["events"] = [event_dict(r) for r in self._rows(
            f"{_EVENT_SELECT} WHERE e.document_id = %s ORDER BY e.rowid", (doc_id,))]
        out["claims"] = [json.loads(r["json"]) for r in self._rows(
            "SELECT json::text AS json FROM claims WHERE document_id = %s ORDER BY rowid", (doc_id,))]
        out["opinions"] = [{"text": r["text"], "start": r["start"], "end": r["end"]} for r in self._rows(
            'SELECT text, start, "end" FROM opinions WHERE document_id = %s ORDER BY rowid', (doc_id,))]
        return out

    def document_text(self, doc_id: str) -> str | None:
        rows = self._rows("SELECT text FROM documents WHERE id = %s", (doc_id,))
        return rows[0]["text"] if rows else None

    def stats(self, f: EventFilter | None = None) -> dict[str, Any]:
        f = f or EventFilter()
        # Unfiltered figures (what the map asks for first) change only when a write commits: each write
        # bumps the 'writes' counter, which tells whether the cached figures are still right.
        generation = self._rows("SELECT value FROM eventatlas_meta WHERE key = 'writes'")[0]["value"]
        if f.is_empty() and self._stats_cache and self._stats_cache[0] == generation:
            return {k: dict(v) if isinstance(v, dict) else v for k, v in self._stats_cache[1].items()}
        where, args = where_clause(f)
        by_type: Counter[str] = Counter()
        by_country: Counter[str] = Counter()
        by_day: Counter[str] = Counter()
        if indexed_stats(f):
            def grouped(column: str) -> list[dict[str, Any]]:
                return self._rows(f"SELECT {column} AS k, count(*) AS n FROM events e WHERE {where} GROUP BY 1", args)

            by_type.update({r["k"]: r["n"] for r in grouped("e.type")})
            if f.country:
                if by_type:
                    by_country[f.country.upper()] = sum(by_type.values())
            else:
                by_country.update({r["k"]: r["n"] for r in grouped("e.country") if r["k"]})
            for r in grouped("e.sort_date"):  # grouped as the index orders it, folded into days here
                if r["k"]:
                    by_day[r["k"][:10]] += r["n"]
        else:
            for r in self._rows(f"SELECT e.type, e.country, left(e.sort_date, 10) AS day, count(*) AS n"
                                f" FROM events e WHERE {where} GROUP BY 1, 2, 3", args):
                by_type[r["type"]] += r["n"]
                if r["country"]:
                    by_country[r["country"]] += r["n"]
                if r["day"]:
                    by_day[r["day"]] += r["n"]
        out = stats_answer(by_type, by_country, by_day)
        if f.is_empty():
            self._stats_cache = (generation, out)
        return out

    def rejections(self) -> list[Rejection]:
        return [Rejection(input=r["input"], stage=r["stage"], reason=r["reason"]) for r in self._rows(
            "SELECT input, stage, reason FROM rejected ORDER BY rowid")]

    def counts(self) -> dict[str, int]:
        sql = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in _TABLES)
        return {r["t"]: r["n"] for r in self._rows(sql)}

    # -- territorial control (the statements are in store/postgres/control.py) -------------------------

    def control_evidence(self, place_keys: Iterable[str]) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
        return self._reading(control.evidence_of, list(place_keys))

    def control_sources(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
        yield from control.sources(self._conn())

    def control_periods(self, f: ControlFilter | None = None, limit: int = 1000, *,
                        evidence: bool = True) -> list[dict[str, Any]]:
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise FilterError(f"limit={limit!r}: must be a whole number from 1 to {MAX_LIMIT}")
        return self._reading(control.periods, f or ControlFilter(), limit, evidence)

    @contextmanager
    def time_limit(self, seconds: float | None) -> Iterator[None]:
        """The server stops this thread's queries past `seconds` (statement_timeout on its connection), and
        that becomes QueryTimeout, as on SQLite."""
        if not seconds:
            yield
            return
        conn = self._conn()
        conn.execute(f"SET statement_timeout = {max(1, int(seconds * 1000))}")
        try:
            yield
        except psycopg.errors.QueryCanceled:
            raise QueryTimeout(self.name, f"the query took longer than {seconds:g} s and was stopped; "
                                          "narrow the filters") from None
        finally:
            conn.execute("SET statement_timeout = 0")

    @contextmanager
    def control_lock(self) -> Iterator[None]:
        """Writers on other machines update control at once: one place's periods are derived by one of them
        at a time, from the evidence of both (a session lock: the writes inside take their own transactions)."""
        conn = self._conn()
        conn.execute("SELECT pg_advisory_lock(%s)", (control.CONTROL_LOCK,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (control.CONTROL_LOCK,))

    def _reading(self, query, *args):
        try:
            return query(self._conn(), *args)
        except psycopg.errors.QueryCanceled:
            raise
        except psycopg.OperationalError as exc:
            raise StoreError(self.name, f"query failed ({_reason(exc)})") from None


class _Write(IncidentWrites):
    """PostgreSQL's writing primitives (base.WriteTransaction) inside a transaction holding WRITE_LOCK.
    Claims, opinions and rejections wait until the commit (nothing reads them meanwhile), so a batch of
    articles sends them in one go."""

    incident_sql = incident_sql

    def __init__(self, conn):
        self.conn = conn
        self._later: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}

    def insert_document(self, row: tuple) -> bool:
        inserted = self.conn.execute(
            "INSERT INTO documents (id, url, title, outlet, published, language, credits, source, text, added_at)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT DO NOTHING RETURNING rowid", row).fetchone()
        return inserted is not None  # None: this id or this URL is stored already

    def window_rows(self, windows: list[Any]) -> list[list[dict[str, Any]]]:
        """The stored reports inside each window: one prepared statement a window, sent in one pipeline."""
        out: list[list[dict[str, Any]]] = []
        with self.conn.pipeline():
            cursors = [self.conn.cursor() for _ in windows]
            for cur, w in zip(cursors, windows):
                sql, args = window_query(w)
                cur.execute(sql, args, prepare=True)  # one statement text per shape: each prepared once
        for cur in cursors:
            with cur:
                seen: set[int] = set()
                rows = []
                for r in cur.fetchall():
                    if r["rowid"] in seen:
                        continue  # inside the window both by distance and by admin1
                    seen.add(r["rowid"])
                    c = json.loads(r["json"])
                    c["incident_id"], c["document_id"] = r["incident_id"], r["document_id"]
                    rows.append(c)
                out.append(rows)
        return out

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if table != "events":
            self._later.setdefault((table, columns), []).extend(rows)
            return
        try:
            self._insert(table, columns, rows)
        except psycopg.errors.UniqueViolation as exc:
            raise ValueError(f"document {rows[0][1]}: an event id is already stored for another document "
                             f"({exc.diag.message_detail or _reason(exc)})") from None

    def finish(self) -> None:
        """Before the commit: what waited."""
        for (table, columns), rows in self._later.items():
            self._insert(table, columns, rows)
        self._later = {}

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if rows:
            names = ", ".join(f'"{c}"' for c in columns)
            with self.conn.cursor() as cur:
                cur.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
