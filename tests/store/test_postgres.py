"""What only the PostgreSQL back-end has: a server, its schema versions and upgrades, writers in several
processes at once, and a database that psql and PostGIS read as they are."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import psycopg
import pytest

from eventatlas.errors import StoreError
from eventatlas.records import Actor, ArticleResult, Document
from eventatlas.store import open_store
from eventatlas.store.postgres import schema as pg_schema
from eventatlas.store.synthetic import event, place


def test_an_unreachable_server_is_one_line_that_hides_the_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://analyst:s3cret@127.0.0.1:1/events")
    message = str(err.value)
    assert "127.0.0.1:1/events" in message and "cannot connect" in message
    assert "s3cret" not in message and "\n" not in message


def test_a_new_database_gets_the_schema_and_its_version(postgres_database):
    with psycopg.connect(postgres_database) as conn:
        version = conn.execute("SELECT value FROM eventatlas_meta WHERE key = 'schema_version'").fetchone()[0]
        extensions = {r[0] for r in conn.execute("SELECT extname FROM pg_extension")}
    assert int(version) == pg_schema.VERSION
    assert {"postgis", "unaccent"} <= extensions


def test_an_older_schema_is_upgraded_by_its_steps_and_a_newer_one_refused(postgres_database, monkeypatch, articles):
    with open_store(postgres_database) as s:
        s.add_result(articles["sudan"]())
    # a later eventatlas whose next version adds a column: the step runs once, on the first writable open
    monkeypatch.setattr(pg_schema, "VERSION", pg_schema.VERSION + 1)
    monkeypatch.setitem(pg_schema.UPGRADES, pg_schema.VERSION - 1, "ALTER TABLE events ADD COLUMN verified boolean")
    monkeypatch.setattr("eventatlas.store.postgres.store.VERSION", pg_schema.VERSION)
    with pytest.raises(StoreError, match="earlier eventatlas .*eventatlas upgrade --db"):
        open_store(postgres_database, read_only=True)
    with open_store(postgres_database) as s:
        assert s.counts()["events"] == 2
        s.add_result(articles["kharkiv"]())
    with psycopg.connect(postgres_database) as conn:
        assert conn.execute("SELECT count(verified) FROM events").fetchone() == (0,)
        assert conn.execute("SELECT value FROM eventatlas_meta WHERE key = 'schema_version'").fetchone() == (
            str(pg_schema.VERSION),)
    monkeypatch.undo()
    with pytest.raises(StoreError, match="newer than this eventatlas"):
        open_store(postgres_database)


def test_a_version_1_database_gains_the_control_tables(postgres_database, articles):
    with open_store(postgres_database) as s:
        s.add_result(articles["sudan"]())
    with psycopg.connect(postgres_database, autocommit=True) as conn:  # as version 1 left it
        conn.execute("DROP TABLE control_evidence, control_periods, control_names")
        conn.execute("UPDATE eventatlas_meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(postgres_database) as s:
        assert s.control_periods() == [] and s.counts()["documents"] == 1
    with psycopg.connect(postgres_database) as conn:
        assert conn.execute("SELECT value FROM eventatlas_meta WHERE key = 'schema_version'").fetchone() == ("3",)
        assert conn.execute("SELECT to_regclass('control_periods') IS NOT NULL").fetchone() == (True,)


def test_a_version_2_database_gains_incident_records_by_regrouping_every_report(postgres_database, articles):
    with open_store(postgres_database) as s:
        s.add_result(articles["sudan"]())
    with psycopg.connect(postgres_database, autocommit=True) as conn:
        conn.execute("DROP TABLE incidents")
        conn.execute("UPDATE events SET incident_id = 'old-' || id")
        conn.execute("UPDATE eventatlas_meta SET value = '2' WHERE key = 'schema_version'")
    with open_store(postgres_database) as s:
        assert s.count_incidents() == 2
        assert {e["incident_id"] for e in s.iter_events()} == {"doc-sudan-e1", "doc-sudan-e2"}
        assert s.get_incident("doc-sudan-e1")["number_of_reports"] == 1


def test_a_database_with_someone_elses_events_table_is_refused(postgres):
    url = postgres.create_database("foreign_events")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE events (id int)")
    with pytest.raises(StoreError, match="has an 'events' table but no eventatlas schema"):
        open_store(url)


def _incident_report(side: str, i: int) -> ArticleResult:
    """Report i of side a or b: the two sides describe the same 20 strikes, far apart from each other."""
    sentence = f"Drones struck a depot near the checkpoint number {i}."
    doc = Document(id=f"{side}{i:02d}", text=sentence, outlet=f"Outlet {side}", published="2025-06-03")
    where = place(f"Depot {i}", -60.0 + 6 * i, 20.0, "XX", admin1=f"Region {i}")
    actor = Actor(role="agent", text="drones", name="drones")
    return ArticleResult(document=doc, events=[event(doc, 1, sentence, day="2025-06-02", where=where,
                                                      actors=[actor])])


def _write_side(url: str, side: str, barrier) -> None:
    with open_store(url) as store:
        barrier.wait()
        for i in range(20):
            store.add_result(_incident_report(side, i))


def test_two_writers_at_once_still_put_two_reports_of_one_incident_together(postgres_database):
    open_store(postgres_database).close()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    writers = [ctx.Process(target=_write_side, args=(postgres_database, side, barrier)) for side in "ab"]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=300)
        assert w.exitcode == 0
    with open_store(postgres_database, read_only=True) as store:
        for i in range(20):
            a, b = store.get_event(f"a{i:02d}-e1"), store.get_event(f"b{i:02d}-e1")
            assert a["incident_id"] == b["incident_id"], f"strike {i} was split in two"


KILLED_WRITER = """
import sys, time
from eventatlas.store import open_store
from eventatlas.store.postgres import store as pg
from tests.store.conftest import kharkiv_article

inserted = pg._Write.insert_rows
def insert_then_stall(self, table, columns, rows):
    inserted(self, table, columns, rows)
    if table == "events":
        print("events written, not committed", flush=True)
        time.sleep(600)
pg._Write.insert_rows = insert_then_stall
with open_store(sys.argv[1]) as s:
    s.add_result(kharkiv_article())
"""


def test_a_writer_killed_mid_article_leaves_nothing_of_it_and_no_lock(postgres_database, articles):
    open_store(postgres_database).close()
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, postgres_database], stdout=subprocess.PIPE,
                              text=True)
    assert writer.stdout.readline().startswith("events written")
    writer.kill()
    writer.wait()
    with open_store(postgres_database) as store:
        assert store.counts() == {"documents": 0, "events": 0, "claims": 0, "opinions": 0, "rejected": 0}
        assert store.add_result(articles["kharkiv"]())  # the write lock went with the killed connection
        assert store.counts()["events"] == 2


def test_the_tables_read_with_plain_sql_and_postgis(filled_postgres):
    with psycopg.connect(filled_postgres) as conn:
        near_kharkiv = conn.execute(
            "SELECT id FROM events WHERE ST_DWithin(geog, ST_MakePoint(36.23, 49.99)::geography, 30000)").fetchall()
        words = conn.execute("SELECT id FROM events WHERE words @@ to_tsquery('eventatlas_english', 'shelling')"
                             " ORDER BY id").fetchall()
        indexes = {r[0] for r in conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'events'")}
    assert near_kharkiv == [("doc-kharkiv-e1",)]
    assert words == [("doc-kharkiv-e1",)]  # "shelled" and "shelling" share a stem
    assert any("USING gist (geog)" in i for i in indexes) and any("USING gin (words)" in i for i in indexes)


@pytest.fixture
def filled_postgres(postgres_database, articles):
    with open_store(postgres_database) as s:
        for make in articles.values():
            s.add_result(make())
    return postgres_database


def test_serve_takes_a_postgresql_url_and_answers_the_page_and_the_api(filled_postgres):
    import os
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventatlas.cli", "serve", "--db", filled_postgres, "--port",
                               str(port)], env=dict(os.environ, PYTHONUNBUFFERED="1"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                stats = httpx.get(f"{base}/api/stats", timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert stats["total"] == 5 and stats["by_country"] == {"SD": 2, "UA": 2, "FJ": 1}
        page = httpx.get(f"{base}/api/events", params={"q": "protest*", "country": "SD"}, timeout=5).json()
        assert [e["id"] for e in page["events"]] == ["doc-sudan-e2"]
        assert "<title>eventatlas</title>" in httpx.get(base + "/", timeout=5).text
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_query_past_its_time_limit_is_stopped_by_the_server(postgres_database):
    from eventatlas.errors import QueryTimeout

    with open_store(postgres_database) as store:
        with pytest.raises(QueryTimeout, match="longer than 0.05 s"):
            with store.time_limit(0.05):
                store._rows("SELECT pg_sleep(2)")  # as a scan of every event would take
        assert store.counts()["events"] == 0, "the connection works on, without the limit"
        assert store._rows("SELECT current_setting('statement_timeout') AS t") == [{"t": "0"}]
