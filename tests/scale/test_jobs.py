"""`ingest --jobs N`: worker processes parse and extract, one writer writes, and the store ends up exactly
as one process leaves it, whichever worker finishes first, even when a worker dies on the way."""

from __future__ import annotations

import os
import signal
import sqlite3
import time

from tests.scale.conftest import CORPUS, cli, start_cli, stored


def test_two_jobs_store_the_documents_events_and_incidents_of_one_process(tmp_path, one_process):
    db = str(tmp_path / "two.db")
    proc = cli("ingest", str(CORPUS), "--db", db, "--jobs", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "56 documents stored" in proc.stdout
    two = stored(db)
    assert two["counts"] == one_process["counts"]
    # the same events, word for word, in the same incidents (incident ids are the first report's id)
    assert two["events"] == one_process["events"]
    assert len({e["incident_id"] for e in two["events"]}) < len(two["events"])  # some reports were joined
    assert two["control"] == one_process["control"] and one_process["control"], "control kept by the writer"


def _workers(parent: int) -> list[int]:
    """The worker processes of an ingest (spawned interpreters; not multiprocessing's resource tracker)."""
    out = []
    for child in open(f"/proc/{parent}/task/{parent}/children").read().split():
        cmdline = open(f"/proc/{child}/cmdline", "rb").read().replace(b"\0", b" ")
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            out.append(int(child))
    return out


def _documents(db: str) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_worker_killed_mid_run_is_replaced_and_the_store_is_still_complete(tmp_path, one_process):
    db = str(tmp_path / "killed.db")
    run = start_cli("ingest", str(CORPUS), "--db", db, "--jobs", "2", "--quiet")
    deadline = time.monotonic() + 600
    while _documents(db) < 8 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = _workers(run.pid)
    assert run.poll() is None and len(workers) == 2, "the run ended before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err
    assert stored(db)["events"] == one_process["events"]
