"""The incidents corpus (56 articles, 7 outlets, reports of one incident spread over outlets) ingested once
in one process: what every parallel path must store too."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from eventatlas.store import EventFilter, open_store

CORPUS = Path(str(resources.files("eventatlas.evaluate").joinpath("corpora", "incidents", "articles")))


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, "-m", "eventatlas.cli", *args], text=True, capture_output=True,
                          env=env, timeout=900, **kw)


def start_cli(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "eventatlas.cli", *args], text=True, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored(location: str) -> dict:
    """Everything a store holds that ingest decides: documents, each event with its incident, and the
    control periods kept current after each article (each with the claims it rests on)."""
    with open_store(location, read_only=True) as store:
        events = sorted(store.iter_events(EventFilter()), key=lambda e: e["id"])
        counts = store.counts()
        control = [(p["id"], p["controller"], p["since"], p["until"], p["status"],
                    sorted(e["claim_id"] for e in p["evidence"])) for p in store.control_periods()]
    documents = {e["document"]["id"] for e in events}
    return {"counts": {k: counts[k] for k in ("documents", "events", "claims", "opinions")},
            "documents": documents, "events": events, "control": control}


@pytest.fixture(scope="session")
def one_process(tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("one") / "one.db")
    proc = cli("ingest", str(CORPUS), "--db", db, "--jobs", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return stored(db)
