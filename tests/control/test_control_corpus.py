"""The control corpus through the real pipeline into a real store (SQLite and PostgreSQL): the periods the
store holds after ingest are the golden ones (to the day where the articles give the day; contested periods keep the
evidence of both sides), and they do not depend on the order the articles arrived in."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventatlas import Atlas, Settings
from eventatlas.evaluate.control import score_periods, summary
from eventatlas.store import ControlFilter, open_store

from .conftest import corpus_articles, document_stems, golden, new_store


def derived(path: str) -> list[dict]:
    with open_store(path, read_only=True) as store:
        return store.control_periods(ControlFilter(), limit=1000)


def test_every_golden_period_is_derived_exactly(corpus_db):
    scores = score_periods(golden()["periods"], derived(corpus_db), document_stems())
    wrong = [(s.golden["place"]["name"], s.golden["since"], s.why) for s in scores if s.verdict != "exact"]
    assert wrong == []
    assert summary(scores)["evidence_recall"] >= 0.7, "most golden evidence sentences are the period's evidence"


def test_each_place_has_no_period_the_golden_file_lacks(corpus_db):
    assert len(derived(corpus_db)) == len(golden()["periods"])


def test_the_contested_town_keeps_both_outlets_side_by_side(corpus_db):
    sake = [p for p in derived(corpus_db) if p["place"]["name"] == "Sake"]
    contested = next(p for p in sake if p["status"] == "contested")
    assert contested["controller"] is None
    assert {"The Equator Tribune", "Kivu Morning Post"} <= set(contested["sources"])
    claimed = {e["controller"] for e in contested["evidence"] if e["controller"]}
    assert claimed == {"M23", "Military Forces of the Democratic Republic of Congo"}, "both sides' evidence"


def test_a_withdrawal_with_no_taker_is_contested_and_its_evidence_says_so(corpus_db):
    mangina = [p for p in derived(corpus_db) if p["place"]["name"] == "Mangina"]
    assert [p["status"] for p in mangina] == ["held", "contested"]
    assert any("withdrew" in e["text"] for e in mangina[1]["evidence"])


def test_surrender_and_handover_change_the_holder_and_show_how(corpus_db):
    periods = derived(corpus_db)
    kirumba = [p for p in periods if p["place"]["name"] == "Kirumba"][-1]
    oicha = [p for p in periods if p["place"]["geonames_id"] == 8329635][-1]
    assert any("surrendered" in e["text"] for e in kirumba["evidence"])
    assert any("handed" in e["text"] for e in oicha["evidence"])


def test_periods_of_a_place_follow_one_another(corpus_db):
    by_place: dict[str, list[dict]] = {}
    for p in derived(corpus_db):
        by_place.setdefault(p["place"]["key"], []).append(p)
    for periods in by_place.values():
        for a, b in zip(periods, periods[1:]):
            assert a["until"] == b["since"]


def test_a_rebuild_gives_the_periods_ingest_kept_current(corpus_db, tmp_path):
    before = derived(corpus_db)
    target = corpus_db
    if "://" not in corpus_db:  # a copy of the file; a server's database is rebuilt where it is
        target = str(tmp_path / "copy.db")
        Path(target).write_bytes(Path(corpus_db).read_bytes())
    with Atlas(Settings(db=target)) as atlas:
        atlas.control.rebuild(atlas.store())
    assert derived(target) == before


@pytest.mark.slow
def test_the_periods_do_not_depend_on_the_order_articles_arrive_in(corpus_db, request, tmp_path_factory):
    path = new_store("postgresql" if "://" in corpus_db else "sqlite", tmp_path_factory, request, "reversed")
    with Atlas(Settings(db=path)) as atlas:
        atlas.ingest(list(reversed(corpus_articles())))
    strip = lambda ps: [(p["id"], p["controller"], p["since"], p["until"], p["status"]) for p in ps]  # noqa: E731
    assert strip(derived(path)) == strip(derived(corpus_db))
