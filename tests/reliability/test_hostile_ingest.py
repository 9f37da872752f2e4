"""A real `eventatlas ingest` over a folder of hostile inputs mixed with good articles (corpus.py), under a
time limit: no traceback, every good article stored, every bad input rejected with a sentence a person can
read, and the memory it took bounded although the folder holds a 50 MB file, a 6 MB one, a FIFO and a
symlink to /dev/zero."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.corpus import build

pytestmark = pytest.mark.skipif(os.name != "posix", reason="builds FIFOs and symlinks")

TIME_LIMIT_S = 300   # the whole run; it needs well under a minute
PEAK_MB = 2_000      # the model and the parser's buffers; reading a 50 MB file whole would show

# What a reason a user reads must not look like: a Python class name, a traceback, a bug report.
UNREADABLE = re.compile(r"Traceback|\b[A-Z]\w*(?:Error|Exception)\b|internal error|File \"")
REJECTED = re.compile(r"^rejected: (.*?): (.*) \[(\w+)\]$")


@pytest.fixture(scope="module")
def ingest(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "inputs"
    root.mkdir()
    inputs = build(root)
    db = root.parent / "events.db"
    measure = Path(__file__).with_name("run_measured.py")
    try:
        proc = subprocess.run([sys.executable, str(measure), sys.executable, "-m", "eventatlas.cli", "ingest",
                               str(root), "--db", str(db), "--quiet"], capture_output=True, text=True,
                              timeout=TIME_LIMIT_S, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    finally:
        (root / "bad" / "locked").chmod(0o755)
    rejected = {}
    for line in proc.stderr.splitlines():
        if m := REJECTED.match(line):
            rejected.setdefault(os.path.relpath(m[1], root), []).append((m[2], m[3]))
    with sqlite3.connect(db) as conn:
        sources = [os.path.relpath(s, root) for (s,) in conn.execute("SELECT source FROM documents")]
    return {"proc": proc, "inputs": inputs, "rejected": rejected, "sources": sources}


def _of(name: str, names) -> list[str]:
    """The names that belong to input `name`: itself, its records (name:3, name[0]) and pages (name#1)."""
    return [n for n in names if n == name or re.match(re.escape(name) + r"([:#\[/]|$)", n)]


def test_the_run_ends_in_time_without_a_traceback(ingest):
    proc = ingest["proc"]
    assert proc.returncode == 1, proc.stderr[-3000:]  # 1: some inputs were rejected, the rest went on
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert re.search(r"^\d+ documents stored", proc.stdout, re.M), proc.stdout


def test_every_good_article_is_stored(ingest):
    missing = [f"{i.name} ({len(_of(i.name, ingest['sources']))} of {i.records})"
               for i in ingest["inputs"] if i.expect == "good" and len(_of(i.name, ingest["sources"])) != i.records]
    assert not missing, (missing, ingest["rejected"])


def test_every_bad_input_is_rejected_with_a_readable_reason(ingest):
    problems = []
    for i in ingest["inputs"]:
        found = [r for name in _of(i.name, ingest["rejected"]) for r in ingest["rejected"][name]]
        stored = _of(i.name, ingest["sources"])
        if i.expect == "bad" and (stored or not found):
            problems.append(f"{i.name}: stored {stored}, rejected {found}")
        if i.expect == "either" and not (stored or found):
            problems.append(f"{i.name}: neither stored nor rejected")
        problems += [f"{i.name}: unreadable reason {reason!r}" for reason, _stage in found
                     if UNREADABLE.search(reason) or len(reason) > 300]
    assert not problems, "\n".join(problems)


def test_nothing_is_read_that_was_not_given_and_hidden_files_are_skipped(ingest):
    names = {i.name for i in ingest["inputs"]}
    strays = [n for n in [*ingest["rejected"], *ingest["sources"]]
              if not any(n == i or re.match(re.escape(i) + r"([:#\[/]|$)", n) for i in names)]
    # a folder symlinked back up the tree is walked once, under its first name
    assert not [s for s in strays if not s.startswith("bad/up")], strays
    assert not any(".hidden" in n for n in [*ingest["rejected"], *ingest["sources"]])


def test_peak_memory_is_bounded(ingest):
    peak = int(re.search(r"peak-rss-mb (\d+)", ingest["proc"].stderr)[1])
    assert peak < PEAK_MB, f"{peak} MB"
