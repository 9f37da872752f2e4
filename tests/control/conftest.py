"""The control corpus (eventatlas/evaluate/corpora/control/) ingested end to end: the real pipeline into a
real store, once per session and back-end (a SQLite file, a database on a PostgreSQL server)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from eventatlas import Atlas, Settings
from eventatlas.records import Document
from tests.conftest import STORE_BACKENDS

CORPUS = Path(str(resources.files("eventatlas.evaluate").joinpath("corpora"))) / "control"


def corpus_articles() -> list[str]:
    return sorted(str(p) for p in (CORPUS / "articles").glob("*.json"))


def golden() -> dict:
    return json.loads((CORPUS / "golden" / "control.json").read_text("utf-8"))


def new_store(backend: str, tmp_path_factory, request, name: str) -> str:
    """An empty store of this back-end: a SQLite path, or a database of its own on the scratch server."""
    if backend == "sqlite":
        return str(tmp_path_factory.mktemp(name) / f"{name}.db")
    from tests.conftest import StoreLocations
    return StoreLocations("postgresql", None, request.getfixturevalue("postgres")).new(name, pristine=True)


@pytest.fixture(scope="session", params=STORE_BACKENDS)
def corpus_db(request, tmp_path_factory) -> str:
    location = new_store(request.param, tmp_path_factory, request, "control")
    with Atlas(Settings(db=location)) as atlas:
        summary = atlas.ingest(corpus_articles())
    assert summary.documents == len(corpus_articles()) and not summary.rejected
    return location


def document_stems() -> dict[str, str]:
    """Each corpus article's document id and its file's name (what the golden file names articles by)."""
    with Atlas(Settings()) as atlas:
        return {d.id: Path(d.source).stem for d in atlas.read(corpus_articles()) if isinstance(d, Document)}
