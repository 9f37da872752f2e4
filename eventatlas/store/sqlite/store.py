"""The SQLite store: one file, WAL so readers (the API) never wait for a writer (an ingest run)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.errors import QueryTimeout, StoreError
from eventatlas.records import ControlEvidence, ControlPlace, Rejection
from eventatlas.store.base import MAX_LIMIT, STORES, IncidentRules, Store, indexed_stats, stats_answer
from eventatlas.store.filters import ControlFilter, EventFilter, FilterError, encode_cursor
from eventatlas.store.grouping import IncidentWrites
from eventatlas.store.rows import distance_or_none, event_dict
from eventatlas.store.sqlite import control
from eventatlas.store.sqlite import incidents as incident_sql
from eventatlas.store.sqlite.incidents import window_rows
from eventatlas.store.sqlite.query import ROWID_MASK, text_key_range, text_match, where_clause
from eventatlas.store.sqlite.schema import SCHEMA, VERSION, upgrade_script

_TEXT_FIRST_BUDGET = 2000  # text matches read before letting a rarer filter's index lead
# Pages of cache per connection (negative: KiB). The default 2 MB holds few of the index pages a write
# touches once the file passes a few hundred MB; 64 MB keeps their upper levels at hand.
_CACHE_KIB = 65536
_EVENT_SELECT = (
    "SELECT e.rowid AS rowid, e.sort_date, e.json, e.incident_id, d.id AS doc_id, d.title AS doc_title,"
    " d.outlet AS doc_outlet, d.url AS doc_url, d.published AS doc_published"
    " FROM events e JOIN documents d ON d.id = e.document_id"
)


@STORES.register("sqlite")
class SQLiteStore(Store):
    control_statements = control

    def __init__(self, path: str | Path, settings: Settings | None = None, *, read_only: bool = False,
                 incidents: IncidentRules):
        self.path = Path(path)
        self.settings = settings
        self.read_only = read_only
        self.incidents = incidents
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database")
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._stats_cache: tuple[int, dict[str, Any]] | None = None  # (max event rowid, unfiltered stats)
        self._init_schema(self._conn())

    # -- connections -------------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        """One connection per thread: sqlite3 connections must not cross threads, and the API serves
        requests from a thread pool."""
        if self._closed:
            raise StoreError(f"{self.path}: store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            if self.read_only:
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                       isolation_level=None, check_same_thread=False, timeout=30)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            if not self.read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.create_function("distance_km", 4, distance_or_none, deterministic=True)
        except sqlite3.DatabaseError as exc:
            what = "not an eventatlas database" if "not a database" in str(exc) else "cannot open database"
            raise StoreError(f"{self.path}: {what} ({exc})") from None
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    def _init_schema(self, conn: sqlite3.Connection) -> None:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an eventatlas database ({exc})") from None
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'events'").fetchone()[0]:
            # another process may have created the schema since the version was read (two ingests starting
            # on one new file): its tables and its version are committed together
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                raise StoreError(f"{self.path}: has an 'events' table but no eventatlas schema version")
        if version > VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this eventatlas ({VERSION})")
        if version == VERSION:
            if not self.read_only:
                # every statement is IF NOT EXISTS: files made by an earlier build gain indexes added since
                conn.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}\nCOMMIT;")
            return
        if self.read_only:
            if version == 0:
                raise StoreError(f"{self.path}: not an eventatlas database (schema version {version})")
            raise StoreError(f"{self.path}: written by an earlier eventatlas (schema version {version}); "
                             f"upgrade it with `eventatlas upgrade --db {self.path}`")
        if version == 0:
            conn.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}\nPRAGMA user_version = {VERSION};\nCOMMIT;")
        else:
            conn.executescript(f"BEGIN IMMEDIATE;\n{upgrade_script(version)}\nCOMMIT;")
            if version < 5:
                self.rebuild_incidents()  # version 5 keeps incidents as records: group every report anew

    @contextmanager
    def writing(self) -> Iterator["_Write"]:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        conn = self._conn()
        # IMMEDIATE takes the write lock up front, so the duplicate check and the insert cannot interleave
        # with another process adding the same article, and incident matching sees every report before it.
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield _Write(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            # "database or disk is full", "attempt to write a readonly database", "database is locked"
            raise StoreError(f"{self.path}: cannot write ({exc})") from None

    @contextmanager
    def time_limit(self, seconds: float | None) -> Iterator[None]:
        """SQLite calls a progress handler every few thousand steps of a query; past the deadline it answers
        'stop', the query ends with 'interrupted', and that becomes QueryTimeout. Per connection, so per
        thread: one slow request stops itself, not the others."""
        if not seconds:
            yield
            return
        conn = self._conn()
        deadline = time.monotonic() + seconds
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 20_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            raise QueryTimeout(str(self.path), f"the query took longer than {seconds:g} s and was stopped; "
                                               "narrow the filters") from None
        finally:
            conn.set_progress_handler(None, 0)

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                if not self.read_only:
                    conn.execute("PRAGMA optimize")
                conn.close()
            except sqlite3.Error:
                pass
        self._closed = True

    # -- writing -----------------------------------------------------------------------------------

    # -- reading -----------------------------------------------------------------------------------

    def has_document(self, doc_id: str | None = None, url: str | None = None) -> bool:
        if doc_id is None and not url:
            raise ValueError("has_document needs a doc_id or a url")
        return _has_document(self._conn(), doc_id, url or None)

    def stored_documents(self, doc_ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(doc_ids))
        return {i for (i,) in self._conn().execute(
            "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),))}

    def query_events(self, f: EventFilter | None = None, limit: int = 100,
                     cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        f = f or EventFilter()
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise FilterError(f"limit={limit!r}: must be a whole number from 1 to {MAX_LIMIT}")
        rows = self._text_first(f, cursor, limit) if f.q else None
        if rows is None:
            where, args = where_clause(f, cursor)
            sql = f"{_EVENT_SELECT} WHERE {where} ORDER BY e.sort_date DESC, e.rowid DESC LIMIT ?"
            rows = self._conn().execute(sql, [*args, limit + 1]).fetchall()
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor(rows[-1]["sort_date"], rows[-1]["rowid"])
        return [event_dict(r) for r in rows], next_cursor

    def _text_first(self, f: EventFilter, cursor: str | None, limit: int) -> list[sqlite3.Row] | None:
        """A page of a text query read off events_text, whose keys put the newest match first: the words,
        type, country, status and dates are one FTS5 query; the filters left (place, actor, ACLED type)
        are tested on each match. None when _TEXT_FIRST_BUDGET matches went by without filling the page:
        those filters are then rarer than the words, and collecting every match first is cheaper."""
        conn = self._conn()
        match, rest = text_match(f)
        lo, hi = text_key_range(f, cursor)
        want = limit + 1
        where, args = where_clause(rest, rows_known=True)
        # with nothing left to test, the first `want` matches are the page
        budget = want if rest.is_empty() else max(_TEXT_FIRST_BUDGET, want)
        rows: list[sqlite3.Row] = []
        seen, batch = 0, 2 * want
        while True:
            # batches grow, so a page that fills early reads few matches and a sparse one few queries
            asked = min(batch, budget - seen)
            keys = [k for (k,) in conn.execute(
                "SELECT rowid FROM events_text WHERE events_text MATCH ? AND rowid BETWEEN ? AND ? "
                "ORDER BY rowid DESC LIMIT ?", (match, lo, hi, asked))]
            if keys:
                rows += conn.execute(
                    f"{_EVENT_SELECT} WHERE e.rowid IN (SELECT value FROM json_each(?)) AND {where} "
                    "ORDER BY e.sort_date DESC, e.rowid DESC LIMIT ?",
                    [json.dumps([k & ROWID_MASK for k in keys]), *args, want - len(rows)]).fetchall()
            seen += len(keys)
            if len(rows) == want or len(keys) < asked:
                return rows
            if seen >= budget:
                return None
            hi, batch = keys[-1] - 1, batch * 2

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        row = self._conn().execute(f"{_EVENT_SELECT} WHERE e.id = ?", (event_id,)).fetchone()
        return event_dict(row) if row else None

    def incident_events(self, incident_id: str) -> list[dict[str, Any]]:
        rows = self._conn().execute(
            f"{_EVENT_SELECT} WHERE e.incident_id = ? ORDER BY e.rowid", (incident_id,)).fetchall()
        return [event_dict(r) for r in rows]

    def query_incidents(self, f: EventFilter | None = None, limit: int = 100,
                        cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise FilterError(f"limit={limit!r}: must be a whole number from 1 to {MAX_LIMIT}")
        return incident_sql.query_incidents(self._conn(), f or EventFilter(), limit, cursor)

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        return incident_sql.get_incident(self._conn(), incident_id)

    def count_incidents(self) -> int:
        return self._conn().execute("SELECT count(*) FROM incidents").fetchone()[0]

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        conn = self._conn()
        doc = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if doc is None:
            return None
        out: dict[str, Any] = {
            "id": doc["id"], "title": doc["title"], "url": doc["url"], "outlet": doc["outlet"],
            "published": doc["published"], "language": doc["language"], "credits": json.loads(doc["credits"]),
            "text": doc["text"],
        }
        rows = conn.execute(f"{_EVENT_SELECT} WHERE e.document_id = ? ORDER BY e.rowid", (doc_id,)).fetchall()
        out["events"] = [event_dict(r) for r in rows]
        out["claims"] = [json.loads(r["json"]) for r in conn.execute(
            "SELECT json FROM claims WHERE document_id = ? ORDER BY rowid", (doc_id,))]
        out["opinions"] = [{"text": r["text"], "start": r["start"], "end": r["end"]} for r in conn.execute(
            'SELECT text, start, "end" FROM opinions WHERE document_id = ? ORDER BY rowid', (doc_id,))]
        return out

    def document_text(self, doc_id: str) -> str | None:
        row = self._conn().execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def stats(self, f: EventFilter | None = None) -> dict[str, Any]:
        f = f or EventFilter()
        conn = self._conn()
        # The unfiltered figures (what a map page asks for first) only change when events are added, and
        # events are never removed: the newest rowid tells whether they are still right.
        newest = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
        if f.is_empty() and self._stats_cache and self._stats_cache[0] == newest:
            return {k: dict(v) if isinstance(v, dict) else v for k, v in self._stats_cache[1].items()}
        where, args = where_clause(f)
        by_type: Counter[str] = Counter()
        by_country: Counter[str] = Counter()
        by_day: Counter[str] = Counter()
        # Type, country and dates have indexes that hold the columns counted; any other filter reads the
        # rows themselves, and then once is cheaper than three times.
        if not indexed_stats(f):
            for etype, country, day, n in conn.execute(
                    f"SELECT e.type, e.country, substr(e.sort_date, 1, 10), count(*) FROM events e WHERE {where} "
                    "GROUP BY 1, 2, 3", args):
                by_type[etype] += n
                if country:
                    by_country[country] += n
                if day:
                    by_day[day] += n
        else:
            # One grouping per figure, each walking an index in its own order: grouping by all three at
            # once sorted every matching entry first (2-4 times slower on 1M events).
            def grouped(column: str) -> Iterator[tuple[str, int]]:
                return conn.execute(f"SELECT {column}, count(*) FROM events e WHERE {where} GROUP BY 1", args)

            by_type.update(dict(grouped("e.type")))
            if f.country:
                if by_type:
                    by_country[f.country.upper()] = sum(by_type.values())
            else:
                by_country.update({c: n for c, n in grouped("e.country") if c})
            for day, n in grouped("e.sort_date"):
                if day:
                    by_day[day[:10]] += n
        out = stats_answer(by_type, by_country, by_day)
        if f.is_empty():
            self._stats_cache = (newest, out)
        return out

    # -- territorial control (the statements are in store/sqlite/control.py) ---------------------------

    def control_evidence(self, place_keys: Iterable[str]) -> dict[str, tuple[ControlPlace, list[ControlEvidence]]]:
        with self._control_tables():
            return control.evidence_of(self._conn(), list(place_keys))

    def control_sources(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
        with self._control_tables():
            yield from control.sources(self._conn())

    def control_periods(self, f: ControlFilter | None = None, limit: int = 1000, *,
                        evidence: bool = True) -> list[dict[str, Any]]:
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise FilterError(f"limit={limit!r}: must be a whole number from 1 to {MAX_LIMIT}")
        with self._control_tables():
            return control.periods(self._conn(), f or ControlFilter(), limit, evidence)

    @contextmanager
    def _control_tables(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            raise StoreError(self.path, "holds no control periods yet (written by an earlier eventatlas); run "
                                        f"`eventatlas control --rebuild --db {self.path}`") from None

    def rejections(self) -> list[Rejection]:
        return [Rejection(input=r["input"], stage=r["stage"], reason=r["reason"]) for r in self._conn().execute(
            "SELECT input, stage, reason FROM rejected ORDER BY rowid")]

    def counts(self) -> dict[str, int]:
        conn = self._conn()
        return {table: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for table, name in (("documents", "documents"), ("events", "events"), ("claims", "claims"),
                                    ("opinions", "opinions"), ("rejected", "rejected"))}


def _has_document(conn: sqlite3.Connection, doc_id: str | None, url: str | None) -> bool:
    row = conn.execute("SELECT 1 FROM documents WHERE id = ? OR (? IS NOT NULL AND url = ?) LIMIT 1",
                       (doc_id, url, url)).fetchone()
    return row is not None


class _Write(IncidentWrites):
    """SQLite's writing primitives (base.WriteTransaction) on a connection inside BEGIN IMMEDIATE."""

    incident_sql = incident_sql

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def insert_document(self, row: tuple) -> bool:
        if _has_document(self.conn, row[0], row[1]):
            return False
        self.conn.execute("INSERT INTO documents (id, url, title, outlet, published, language, credits, source,"
                          " text, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)", row)
        return True

    def window_rows(self, windows: list) -> list[list[dict[str, Any]]]:
        return [window_rows(self.conn, w) for w in windows]

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        try:
            self.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
        except sqlite3.IntegrityError as exc:
            if table != "events":
                raise
            ids = json.dumps([r[0] for r in rows])
            taken = [i for (i,) in self.conn.execute(
                "SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))", (ids,))]
            raise ValueError(f"document {rows[0][1]}: event id {', '.join(map(repr, taken))} is already stored "
                             f"for another document ({exc})") from None
