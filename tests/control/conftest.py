"""The control corpus (eventatlas/evaluate/corpora/control/) ingested end to end: the real pipeline into a
real SQLite file, once per session."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from eventatlas import Atlas, Settings

CORPUS = Path(str(resources.files("eventatlas.evaluate").joinpath("corpora"))) / "control"


def corpus_articles() -> list[str]:
    return sorted(str(p) for p in (CORPUS / "articles").glob("*.json"))


def golden() -> dict:
    return json.loads((CORPUS / "golden" / "control.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("control") / "control.db")
    with Atlas(Settings(db=path)) as atlas:
        summary = atlas.ingest(corpus_articles())
    assert summary.documents == len(corpus_articles()) and not summary.rejected
    return path
