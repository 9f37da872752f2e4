"""`eventatlas control`, run as a user runs it: a real process over a real store (a SQLite file, a database on
a PostgreSQL server) holding hand-built articles with control claims (tests/control/control_articles.py)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from eventatlas.store import open_store

from tests.control.control_articles import RSF, SAF, fill_control_store
from tests.test_cli import cli


@pytest.fixture
def control_db(store_locations) -> str:
    """A SQLite path or a postgresql:// URL."""
    location = store_locations.new("control")
    with open_store(location) as store:
        fill_control_store(store)
    return location


@pytest.fixture
def sqlite_control_db(tmp_path) -> str:
    path = str(tmp_path / "control.db")
    with open_store(path) as store:
        fill_control_store(store)
    return path


def test_the_periods_of_a_place_as_json(control_db):
    proc = cli("control", "--db", control_db, "--place", "Sinja", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert [(p["controller"], p["since"], p["until"]) for p in found] == [
        (SAF, None, "2026-01-11"), (RSF, "2026-01-11", "2026-02-02"), (None, "2026-02-02", None)]


def test_who_held_a_place_at_a_date_as_a_table(control_db):
    proc = cli("control", "--db", control_db, "--place", "Sinja", "--at", "2026-01-20")
    assert proc.returncode == 0, proc.stderr
    header, rule, *rows = proc.stdout.splitlines()
    assert header.split()[:4] == ["place", "level", "cc", "holder"] and len(rows) == 1
    assert "Rapid Support Forces" in rows[0] and "2026-01-11" in rows[0] and "2026-02-02" in rows[0]


def test_control_of_a_country_at_a_date_as_geojson(control_db):
    proc = cli("control", "--db", control_db, "--country", "SD", "--at", "2026-03-15", "--format", "geojson")
    assert proc.returncode == 0, proc.stderr
    features = json.loads(proc.stdout)["features"]
    assert {f["properties"]["place"]: f["properties"]["status"] for f in features} == {
        "Sinja": "contested", "Sennar": "held", "Wad Madani": "held"}


def test_a_bad_date_is_a_usage_error_in_one_line(control_db):
    proc = cli("control", "--db", control_db, "--at", "15/03/2026")
    assert proc.returncode == 2 and "--at='15/03/2026': not a YYYY-MM-DD date" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_database_is_named(tmp_path):
    proc = cli("control", "--db", str(tmp_path / "none.db"), "--place", "Sinja")
    assert proc.returncode == 3 and "none.db: no such database" in proc.stderr


def test_a_rebuild_derives_the_periods_ingest_kept(control_db):
    # (the rebuild has the gazetteer, which gives 'Sennar', left bare in the hand-built article, its GeoNames
    # key: the places are compared by name)
    def timelines(periods):
        return sorted(json.dumps([p["place"]["name"], p["controller"], p["since"], p["until"], p["status"]])
                      for p in periods)

    before = json.loads(cli("control", "--db", control_db, "--format", "json").stdout)
    proc = cli("control", "--db", control_db, "--rebuild", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "rebuilt 5 control periods of 3 places from 5 articles" in proc.stderr
    assert timelines(json.loads(proc.stdout)) == timelines(before) and len(before) == 5


def test_a_store_without_control_tables_says_to_rebuild_and_the_rebuild_mends_it(sqlite_control_db):
    control_db = sqlite_control_db
    with sqlite3.connect(control_db) as conn:  # as a store written before the control stage existed
        for table in ("control_periods", "control_names", "control_evidence"):
            conn.execute(f"DROP TABLE {table}")
    proc = cli("control", "--db", control_db, "--place", "Sinja")
    assert proc.returncode == 3 and "eventatlas control --rebuild" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("control", "--db", control_db, "--rebuild", "--place", "Sinja", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "rebuilt 5 control periods of 3 places from 5 articles" in proc.stderr
    assert len(json.loads(proc.stdout)) == 3


def test_upgrading_a_store_from_before_the_control_tables_derives_its_periods(sqlite_control_db):
    with sqlite3.connect(sqlite_control_db) as conn:  # schema version 3: control claims, no control tables
        for table in ("control_periods", "control_names", "control_evidence"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("PRAGMA user_version = 3")
    proc = cli("upgrade", "--db", sqlite_control_db)
    assert proc.returncode == 0, proc.stderr
    assert "derived 5 control periods of 3 places from 5 articles" in proc.stdout
    proc = cli("control", "--db", sqlite_control_db, "--place", "Sinja", "--format", "json")
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 3
