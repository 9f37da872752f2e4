"""What the store holds after an ingest killed with SIGKILL at random points and resumed, and after two
ingests write into one database at once while it is being read: an intact file, no article twice, every
article stored with all of its events, as a clean run stores them."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventatlas.store import EventFilter, open_store
from tests.reliability.corpus import story

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kills process groups")

ARTICLES = 60


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("articles")
    for i in range(ARTICLES):
        (root / f"a{i:02d}.txt").write_text(f"Report {i}\n\n{story(i)}\n")
    return root


def start_ingest(paths, db: Path) -> subprocess.Popen:
    # a session of its own, so that SIGKILL reaches the ingest and its pipeline workers at once, as a power
    # cut would; four articles a transaction (32 by default), so that a kill a few articles in falls mid-run
    # and may fall inside a transaction of several
    return subprocess.Popen([sys.executable, "-m", "eventatlas.cli", "ingest", *map(str, paths), "--db", str(db),
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "EVENTATLAS_WRITE_BATCH": "4"})


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def contents(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = [r[0] for r in conn.execute("SELECT source FROM documents")]
        events = sorted(r[0] for r in conn.execute("SELECT id FROM events"))
    assert len(docs) == len(set(docs)), "an article stored twice"
    return {"documents": sorted(Path(d).name for d in docs), "events": events}


@pytest.fixture(scope="module")
def clean(folder, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("clean") / "events.db"
    proc = start_ingest([folder], db)
    _out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-2000:]
    return contents(db)


def test_an_ingest_killed_at_random_points_and_resumed_stores_everything_once(folder, clean, tmp_path):
    db = tmp_path / "events.db"
    rng = random.Random(14)
    kills = []
    for _ in range(3):
        target = stored(db) + rng.randint(1, 6)  # some way into what is left, far from the end
        proc = start_ingest([folder], db)
        deadline = time.monotonic() + 300
        while stored(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.0, 0.02))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kills.append(stored(db))
        contents(db)  # intact after every kill
    proc = start_ingest([folder], db)
    _out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert kills == sorted(kills) and kills[-1] < ARTICLES, kills  # each kill came mid-run
    assert kills[0] > 0, kills  # and after some articles were stored
    assert contents(db) == clean


def test_two_ingests_at_once_while_the_store_is_read(folder, clean, tmp_path):
    db = tmp_path / "events.db"
    files = sorted(folder.iterdir())
    first = start_ingest(files[:25], db)   # the two share ten articles
    second = start_ingest(files[15:], db)
    errors: list[BaseException] = []
    done = threading.Event()

    def read_while_writing() -> None:
        while not done.is_set():
            if db.exists():
                try:
                    with open_store(str(db), read_only=True) as store:
                        store.query_events(EventFilter(type="ASSAULT"), limit=50)
                        store.stats()
                except Exception as exc:  # noqa: BLE001 - collected, the test fails on it below
                    if "no such database" not in str(exc) and "schema version 0" not in str(exc):
                        errors.append(exc)
            time.sleep(0.05)

    reader = threading.Thread(target=read_while_writing, daemon=True)
    reader.start()
    results = [p.communicate(timeout=600) + (p.returncode,) for p in (first, second)]
    done.set()
    reader.join(timeout=30)
    for _out, err, rc in results:
        assert rc == 0, err.decode()[-2000:]
    assert not errors, errors
    assert contents(db) == clean
