"""`ingest --dask`: a real Dask scheduler and worker processes on loopback. With SQLite the results come
back to one writer, in input order; with PostgreSQL each worker writes, concurrently. A worker killed
mid-run costs nothing: its partitions run again elsewhere, and the store ends complete, each article once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from eventatlas.store import open_store
from tests.scale.conftest import CORPUS, cli, start_cli, stored

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'eventatlas[dask]')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_local_cluster_streams_results_back_to_one_sqlite_writer(tmp_path, one_process):
    db = str(tmp_path / "dask.db")
    proc = cli("ingest", str(CORPUS), "--db", db, "--dask", "local:2", "--partition-size", "4", "--quiet")
    assert proc.returncode == 0, proc.stderr
    streamed = stored(db)
    assert streamed["events"] == one_process["events"]
    assert streamed["control"] == one_process["control"]


@pytest.fixture
def cluster():
    """A scheduler and two single-threaded workers, each its own process, on loopback."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                 "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
    yield address, workers
    for proc in [*workers, scheduler]:
        proc.kill()
        proc.wait()


def _without_incidents(events: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "incident_id"} for e in events]


def _assert_incidents_hold(events: list[dict]) -> None:
    """Writers commit in any order, so which report names an incident may differ from one process; what
    must hold is the rule itself: every report of an incident matches every other, from another article."""
    from itertools import combinations

    from eventatlas.resolve import same_incident

    incidents: dict[str, list[dict]] = {}
    for e in events:
        incidents.setdefault(e["incident_id"], []).append(e)
    assert any(len(reports) > 1 for reports in incidents.values())
    for reports in incidents.values():
        assert len({r["document"]["id"] for r in reports}) == len(reports)
        assert all(same_incident(a, b) for a, b in combinations(reports, 2))


def _documents(url: str) -> int:
    try:
        with open_store(url, read_only=True) as store:
            return store.counts()["documents"]
    except Exception:  # noqa: BLE001 - the schema may not be there yet
        return 0


def test_a_worker_killed_mid_run_leaves_postgres_complete_and_each_article_once(cluster, postgres_database,
                                                                                one_process):
    address, workers = cluster
    url = postgres_database
    run = start_cli("ingest", str(CORPUS), "--db", url, "--dask", address, "--partition-size", "4", "--quiet")
    deadline = time.monotonic() + 600
    while _documents(url) < 8 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert run.poll() is None, "the run ended before a worker could be killed"
    os.kill(workers[0].pid, signal.SIGKILL)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err
    after = stored(url)
    assert after["documents"] == one_process["documents"]  # every article of the corpus...
    assert after["counts"] == one_process["counts"]          # ...each once, with all it holds
    assert _without_incidents(after["events"]) == _without_incidents(one_process["events"])
    _assert_incidents_hold(after["events"])
    assert after["control"] == one_process["control"], "each worker kept control current as it wrote"
    # a second run finds everything stored and stores nothing
    again = cli("ingest", str(CORPUS), "--db", url, "--dask", address, "--partition-size", "4", "--quiet")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 documents stored, 56 already stored")
    assert stored(url)["counts"] == after["counts"]


def test_an_unreachable_scheduler_is_one_line_and_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("Protesters marched through Bamako on Friday, witnesses said.")
    proc = cli("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--dask", f"tcp://127.0.0.1:{_free_port()}")
    assert proc.returncode == 2, proc.stderr
    assert "cannot reach the Dask scheduler" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.db").exists()
