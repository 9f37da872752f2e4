"""Ingest keeps control current article by article, and a failure after an article is stored (in the control
stage) is recorded against that article without stopping the batch."""

from __future__ import annotations

from eventatlas.ingest import make_document
from eventatlas.pipeline import ingest_into
from eventatlas.store import ControlFilter, open_store

TEXTS = [
    ("The Sudanese army still holds Sennar, residents said.", "2026-05-02"),
    ("Fighters of the Rapid Support Forces seized the town of Sinja on Sunday, residents said.", "2026-05-05"),
    ("The Sudanese army recaptured Sinja on Tuesday, a military spokesman said.", "2026-05-14"),
]


def test_each_stored_article_updates_the_places_it_names(pipeline, tmp_path, atlas):
    docs = [make_document(text, published=day) for text, day in TEXTS]
    with open_store(str(tmp_path / "events.db")) as store:
        summary = ingest_into(store, docs, pipeline, after_store=lambda r: atlas.control.update(store, r))
        assert summary.documents == 3 and summary.rejected == 0
        sinja = store.control_periods(ControlFilter(place="Sinja"))
        assert [(p["controller"], p["since"]) for p in sinja] == [
            ("Rapid Support Forces", "2026-05-03"), ("Sudanese Armed Forces", "2026-05-12")]
        assert [p["controller"] for p in store.control_periods(ControlFilter(place="Sennar"))] == [
            "Sudanese Armed Forces"]


def test_a_failing_control_update_is_recorded_and_the_batch_goes_on(pipeline, tmp_path):
    docs = [make_document(text, published=day) for text, day in TEXTS]

    def fails_on_the_second(result):
        if result.document.id == docs[1].id:
            raise RuntimeError("the control stage broke")

    with open_store(str(tmp_path / "events.db")) as store:
        summary = ingest_into(store, docs, pipeline, after_store=fails_on_the_second)
        assert summary.documents == 3, "every article is stored"
        assert [(r.stage, r.reason) for r in summary.rejections] == [
            ("control", "the control stage failed on it (an internal error: the control stage broke); "
                        "please report it")]
        assert [r.stage for r in store.rejections()] == ["control"]
