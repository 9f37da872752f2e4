"""Writing to the SQLite store: articles go in whole or not at all, duplicates are refused, rejections kept."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from eventatlas.records import Rejection
from eventatlas.store import STORES, EventFilter, open_store
from eventatlas.store.sqlite import SQLiteStore, StoreError


def test_an_article_is_stored_with_its_events_claims_and_opinions(store, articles):
    assert store.add_result(articles["kharkiv"]()) is True
    assert store.counts() == {"documents": 1, "events": 2, "claims": 1, "opinions": 1, "rejected": 0}
    assert store.has_document(doc_id="doc-kharkiv")
    assert store.has_document(url="https://example.org/kharkiv")
    assert not store.has_document(doc_id="doc-other", url="https://example.org/other")


def test_the_same_document_twice_is_refused_without_change(store, articles):
    assert store.add_result(articles["kharkiv"]())
    assert store.add_result(articles["kharkiv"]()) is False
    assert store.counts()["events"] == 2


def test_another_document_at_a_known_url_is_a_duplicate(store, articles):
    assert store.add_result(articles["kharkiv"]())
    again = articles["sudan"]()
    again.document.url = "https://example.org/kharkiv"
    assert store.add_result(again) is False
    assert not store.has_document(doc_id="doc-sudan")


def test_documents_without_url_are_told_apart_by_id(store, articles):
    a, b = articles["fiji"](), articles["fiji"]()
    b.document = dataclasses.replace(b.document, id="doc-fiji-2")
    b.events[0].id = "doc-fiji-2-e1"
    assert store.add_result(a) and store.add_result(b)
    assert store.counts()["documents"] == 2


def test_a_broken_article_leaves_nothing_behind(store, articles):
    art = articles["kharkiv"]()
    art.events[1].id = art.events[0].id
    with pytest.raises(ValueError, match="doc-kharkiv.*appears twice"):
        store.add_result(art)
    assert store.counts() == {"documents": 0, "events": 0, "claims": 0, "opinions": 0, "rejected": 0}
    # and the store still works afterwards
    assert store.add_result(articles["sudan"]())


def test_an_event_id_taken_by_another_document_rolls_back_the_article(store, articles):
    assert store.add_result(articles["kharkiv"]())
    art = articles["sudan"]()
    art.events[0].id = "doc-kharkiv-e1"
    with pytest.raises(ValueError, match="doc-sudan"):
        store.add_result(art)
    assert not store.has_document(doc_id="doc-sudan")
    assert store.counts()["events"] == 2


def test_rejections_are_recorded_with_stage_reason_and_time(store, db_path):
    store.add_rejection(Rejection(input="feeds/broken.xml", stage="ingest", reason="not a feed"))
    store.add_rejection(Rejection(input="a.txt", stage="extract", reason="empty text"))
    assert store.rejections() == [Rejection("feeds/broken.xml", "ingest", "not a feed"),
                                  Rejection("a.txt", "extract", "empty text")]
    at = sqlite3.connect(db_path).execute("SELECT at FROM rejected ORDER BY rowid").fetchall()
    assert all(row[0].startswith("20") for row in at)


def test_data_survives_reopening(db_path, articles):
    with open_store(db_path) as s:
        s.add_result(articles["kharkiv"]())
    with open_store(f"sqlite:///{db_path}") as s:
        assert s.counts()["events"] == 2
        assert s.add_result(articles["kharkiv"]()) is False


def test_store_urls_pick_the_backend(db_path):
    assert "sqlite" in STORES
    with open_store(db_path) as s:
        assert isinstance(s, SQLiteStore)
    with pytest.raises(KeyError, match="unknown store 'postgresql'"):
        open_store("postgresql://localhost/events")


def test_read_only_store_refuses_writes_and_missing_files(db_path, articles, tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(tmp_path / "missing.db"), read_only=True)
    with open_store(db_path) as s:
        s.add_result(articles["sudan"]())
    with open_store(db_path, read_only=True) as ro:
        assert ro.counts()["events"] == 2
        with pytest.raises(StoreError, match="read-only"):
            ro.add_result(articles["kharkiv"]())


def test_a_store_from_schema_version_1_is_upgraded_when_opened_for_writing(db_path, articles):
    with open_store(db_path) as s:
        s.add_result(articles["kharkiv"]())
    # what version 1 looked like: events searched through events_fts, keyed by rowid
    conn = sqlite3.connect(db_path)
    conn.executescript("DROP TABLE events_text; CREATE VIRTUAL TABLE events_fts USING fts5(evidence);"
                       "DROP TRIGGER events_ai; CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN"
                       " INSERT INTO events_fts(rowid, evidence) VALUES (new.rowid, new.evidence); END;"
                       "PRAGMA user_version = 1;")
    conn.close()
    with pytest.raises(StoreError, match="earlier eventatlas .*eventatlas upgrade --db"):
        open_store(db_path, read_only=True)
    with open_store(db_path) as s:
        assert [e["id"] for e in s.query_events(EventFilter(q="shelled"))[0]] == ["doc-kharkiv-e1"]
        s.add_result(articles["sudan"]())
        assert [e["id"] for e in s.query_events(EventFilter(q="killing"))[0]] == ["doc-kharkiv-e1", "doc-sudan-e1"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_fts'").fetchall()


def test_a_file_that_is_not_a_database_is_named_in_the_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(str(bad))


def test_the_file_opens_with_plain_sqlite_as_datasette_would(filled, db_path):
    # No custom functions: FTS5 and R*Tree are built into SQLite, the rest is plain tables.
    conn = sqlite3.connect(db_path)
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
