"""What only the SQLite back-end has: a file that plain sqlite3 (or datasette) reads, and its upgrades."""

from __future__ import annotations

import sqlite3

import pytest

from eventatlas.records import Rejection
from eventatlas.store import EventFilter, StoreError, open_store
from eventatlas.store.sqlite import SQLiteStore
from eventatlas.store.sqlite.schema import VERSION


@pytest.fixture
def filled_file(sqlite_path, articles):
    with open_store(sqlite_path) as s:
        for make in articles.values():
            assert s.add_result(make())
    return sqlite_path


def test_a_path_or_a_sqlite_url_opens_the_same_file(sqlite_path, articles):
    with open_store(sqlite_path) as s:
        assert isinstance(s, SQLiteStore)
        s.add_result(articles["kharkiv"]())
    with open_store(f"sqlite:///{sqlite_path}") as s:
        assert s.counts()["events"] == 2


def test_rejections_carry_the_time_they_were_recorded(sqlite_path):
    with open_store(sqlite_path) as s:
        s.add_rejection(Rejection("a.txt", "extract", "empty text"))
    at = sqlite3.connect(sqlite_path).execute("SELECT at FROM rejected ORDER BY rowid").fetchall()
    assert all(row[0].startswith("20") for row in at)


def test_a_missing_file_is_not_created_by_a_reader(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(tmp_path / "missing.db"), read_only=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_store_from_schema_version_1_is_upgraded_when_opened_for_writing(sqlite_path, articles):
    with open_store(sqlite_path) as s:
        s.add_result(articles["kharkiv"]())
    # what version 1 looked like: events searched through events_fts, keyed by rowid
    conn = sqlite3.connect(sqlite_path)
    conn.executescript("DROP TABLE events_text; CREATE VIRTUAL TABLE events_fts USING fts5(evidence);"
                       "DROP TRIGGER events_ai; CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN"
                       " INSERT INTO events_fts(rowid, evidence) VALUES (new.rowid, new.evidence); END;"
                       "PRAGMA user_version = 1;")
    conn.close()
    with pytest.raises(StoreError, match="earlier eventatlas .*eventatlas upgrade --db"):
        open_store(sqlite_path, read_only=True)
    with open_store(sqlite_path) as s:
        assert [e["id"] for e in s.query_events(EventFilter(q="shelled"))[0]] == ["doc-kharkiv-e1"]
        s.add_result(articles["sudan"]())
        assert [e["id"] for e in s.query_events(EventFilter(q="killing"))[0]] == ["doc-kharkiv-e1", "doc-sudan-e1"]
    conn = sqlite3.connect(sqlite_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_fts'").fetchall()


def test_a_store_from_schema_version_2_gains_the_incident_indexes(sqlite_path, articles):
    with open_store(sqlite_path) as s:
        s.add_result(articles["sudan"]())
    conn = sqlite3.connect(sqlite_path)
    conn.executescript("DROP INDEX events_by_cell_date; DROP INDEX events_by_admin1_date; PRAGMA user_version = 2;")
    conn.close()
    with open_store(sqlite_path) as s:
        s.add_result(articles["kharkiv"]())
    conn = sqlite3.connect(sqlite_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION == 5
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_by_cell_date", "events_by_admin1_date"} <= names


def test_a_store_from_schema_version_3_gains_the_control_tables(sqlite_path, articles):
    with open_store(sqlite_path) as s:
        s.add_result(articles["sudan"]())
    conn = sqlite3.connect(sqlite_path)
    conn.executescript("DROP TABLE control_evidence; DROP TABLE control_periods; DROP TABLE control_names;"
                       "PRAGMA user_version = 3;")
    conn.close()
    with pytest.raises(StoreError, match="earlier eventatlas .*eventatlas upgrade --db"):
        open_store(sqlite_path, read_only=True)
    with open_store(sqlite_path) as s:
        assert s.control_periods() == []
        assert s.counts()["documents"] == 1
    conn = sqlite3.connect(sqlite_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"control_evidence", "control_periods", "control_names"} <= tables


def test_a_store_from_schema_version_4_gains_incident_records_by_regrouping_every_report(sqlite_path, articles):
    with open_store(sqlite_path) as s:
        s.add_result(articles["sudan"]())
        s.add_result(articles["kharkiv"]())
    # version 4 had no incidents table, and its incident ids came from the rules of the day
    conn = sqlite3.connect(sqlite_path)
    conn.executescript("DROP TABLE incidents; UPDATE events SET incident_id = 'old-' || id; PRAGMA user_version = 4;")
    conn.close()
    with open_store(sqlite_path) as s:
        assert s.count_incidents() == 4
        assert s.get_incident("doc-sudan-e1")["reports"][0]["event_id"] == "doc-sudan-e1"
        assert {e["incident_id"] for e in s.iter_events()} == {e["id"] for e in s.iter_events()}
    conn = sqlite3.connect(sqlite_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION == 5


def test_incident_candidates_are_read_by_place_then_date(filled_file):
    # the indexes that keep adding an event as fast at 1M events as at the start (bench/api.py)
    from eventatlas.resolve import IncidentRules
    from eventatlas.store.sqlite.incidents import window_rows

    conn = sqlite3.connect(filled_file)
    store = open_store(filled_file, read_only=True)
    window = IncidentRules().window(store.get_event("doc-kharkiv-e1"), "another-document")
    plan = []
    original = conn.execute

    class Explaining:
        def execute(self, sql, args):
            plan.extend(r[3] for r in original("EXPLAIN QUERY PLAN " + sql, args))
            return original(sql, args)

    rows = window_rows(Explaining(), window)
    assert [r["id"] for r in rows] == ["doc-kharkiv-e1"]
    searches = [p for p in plan if p.startswith("SEARCH")]
    indexes = ("events_by_cell_date", "events_by_admin1_date", "events_by_coarse_date")
    assert searches and all(any(i in p for i in indexes) for p in searches), plan
    # by cell, by admin1 for the reports known only to admin1 precision, and by country for those known only
    # to their country (partial indexes: each holds just those reports)
    assert len(searches) == 3
    store.close()


def test_a_file_that_is_not_a_database_is_named_in_the_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(str(bad))


def test_the_file_opens_with_plain_sqlite_as_datasette_would(filled_file):
    # No custom functions: FTS5 and R*Tree are built into SQLite, the rest is plain tables.
    conn = sqlite3.connect(filled_file)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "events", "claims", "opinions", "rejected", "documents_fts", "events_text",
            "events_rtree"} <= tables
    # events_text keys carry the rowid in their low 32 bits (and the date above them)
    hits = conn.execute("SELECT e.id FROM events_text JOIN events e ON e.rowid = events_text.rowid & 4294967295 "
                        "WHERE events_text MATCH 'shelled'").fetchall()
    assert hits == [("doc-kharkiv-e1",)]
    inside = conn.execute("SELECT e.id FROM events_rtree r JOIN events e ON e.rowid = r.id "
                          "WHERE r.min_lon >= 20 AND r.max_lon <= 40 AND r.min_lat >= 10 AND r.max_lat <= 20"
                          ).fetchall()
    assert sorted(inside) == [("doc-sudan-e1",), ("doc-sudan-e2",)]
