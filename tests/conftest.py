"""Shared fixtures: the real spaCy pipeline and the real gazetteer, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def gold_dir() -> Path | None:
    """../shared/gold beside the checkout (CI), or EVENTATLAS_GOLD; None in a user's clone."""
    env = os.environ.get("EVENTATLAS_GOLD")
    for cand in ([Path(env)] if env else []) + [REPO.parent / "shared" / "gold"]:
        if cand.is_dir():
            return cand
    return None


@pytest.fixture(scope="session")
def nlp():
    from eventatlas.nlp import load_model
    return load_model()


@pytest.fixture(scope="session")
def pipeline():
    from eventatlas.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """Run the full pipeline on one text with a publication date: extract(text, published=...)."""
    from eventatlas.ingest import make_document

    def run(text: str, published: str | None = "2026-03-14", **meta):
        return pipeline.process(make_document(text, published=published, **meta))

    return run
