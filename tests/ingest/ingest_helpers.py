"""Helpers for the ingest tests: the fixture folder, and read_inputs split into documents and rejections.

A plain module (not conftest) so test files can import it; pytest puts this folder on sys.path."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

from eventatlas.config import Settings
from eventatlas.ingest import read_inputs
from eventatlas.records import Document, Rejection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def read_all(*paths, settings: Settings | None = None) -> tuple[list[Document], list[Rejection]]:
    items = list(read_inputs([str(p) for p in paths], settings or Settings()))
    docs = [i for i in items if isinstance(i, Document)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(docs) + len(rejections) == len(items), "read_inputs yields only Documents and Rejections"
    return docs, rejections


def read_one(path, settings: Settings | None = None) -> Document:
    docs, rejections = read_all(path, settings=settings)
    assert not rejections, [r.line() for r in rejections]
    assert len(docs) == 1
    return docs[0]


def reject_one(path, settings: Settings | None = None) -> Rejection:
    docs, rejections = read_all(path, settings=settings)
    assert not docs, [d.source for d in docs]
    assert len(rejections) == 1
    assert rejections[0].stage == "ingest"
    return rejections[0]


class Hung(Exception):
    """The code under test did not finish in the time a test allows it (it would otherwise hang the suite)."""


@contextmanager
def within(seconds: float):
    """Fail with Hung instead of hanging: SIGALRM interrupts Python code, blocking system calls and the
    regex engine alike. Not a speed test: the bound is many times what the code needs."""
    def expire(*_):
        raise Hung(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
