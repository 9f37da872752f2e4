"""The pipeline in a worker process: each article under a wall-clock budget, the batch going on."""

from __future__ import annotations

import pytest

from eventatlas.config import Settings
from eventatlas.ingest import make_document
from eventatlas.records import ArticleResult, Rejection
from eventatlas.worker import GuardedPipeline, budget_seconds
from tests.slow_pipeline import HOSTILE_LINE

GAO = "Gunmen attacked a police station near Gao on Saturday, killing four officers, the governor said."
KYIV = "Police detained 40 protesters in central Kyiv on Monday, witnesses said."


def doc(text: str, name: str):
    d = make_document(text, published="2026-03-14")
    d.source = name
    return d


def test_the_budget_grows_with_the_text():
    settings = Settings(article_seconds=30)
    assert budget_seconds(2_000, settings) == 30
    assert budget_seconds(117_000, settings) == pytest.approx(351)


def test_an_article_over_its_budget_is_rejected_and_the_rest_of_its_batch_is_analysed(pipeline):
    """The worker runs a real pipeline whose extraction also runs a pattern that never finishes on the
    hostile article (tests/slow_pipeline.py): it is stopped, and the articles around it come out as the
    pipeline in this process makes them."""
    import tests.slow_pipeline as slow

    docs = [doc(GAO, "gao.txt"), doc(GAO + "\n\n" + HOSTILE_LINE, "hostile.txt"), doc(KYIV, "kyiv.txt")]
    with GuardedPipeline(Settings(article_seconds=3, batch_size=8), build=slow.build) as guarded:
        out = list(guarded.process_safely(docs))
    assert [d.source for d, _ in out] == ["gao.txt", "hostile.txt", "kyiv.txt"]
    gao, hostile, kyiv = (outcome for _, outcome in out)
    assert isinstance(hostile, Rejection) and hostile.stage == "budget"
    assert hostile.reason == "took longer than its 3 s budget to analyse (settings.article_seconds)"
    for outcome, text in ((gao, GAO), (kyiv, KYIV)):
        assert isinstance(outcome, ArticleResult) and outcome.events
        assert outcome.to_dict() == pipeline.process(doc(text, "x")).to_dict()
