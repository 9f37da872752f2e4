"""The events corpus scorer on two fixture articles written for these tests: golden events are located in the
text, predictions are paired with them one-to-one, and each field, phantom, duplicate and violation is counted."""

from __future__ import annotations

import json

import pytest

from eventatlas.evaluate.events import Prediction, Tally, baseline, canonical_date, field_right, from_event, score
from eventatlas.evaluate.events_gold import read_corpus

from .conftest import make_event


@pytest.fixture
def corpus(fixtures):
    return {a.name: a for a in read_corpus(fixtures / "events")}


def _span(article, needle: str) -> tuple[int, int]:
    start = article.text.index(needle)
    return start, start + len(needle)


def test_the_pipeline_is_given_what_a_users_article_has_and_no_gold(corpus):
    doc = corpus["01-dosso-market"].document()
    assert sorted(doc) == ["outlet", "published", "text", "title", "url"]
    assert doc["published"] == "2026-03-12"


def test_every_evidence_string_is_located_in_the_text(corpus):
    attack = corpus["01-dosso-market"].events[0]
    assert len(attack.spans) == 2
    assert corpus["02-mombasa-port"].furniture == [_span(corpus["02-mombasa-port"], "Share this article")]


def test_evidence_missing_from_the_text_is_named(fixtures, tmp_path):
    for sub in ("articles", "golden"):
        (tmp_path / sub).mkdir()
    (tmp_path / "articles" / "01-x.json").write_text(json.dumps({"text": "Troops left the town."}))
    (tmp_path / "golden" / "01-x.json").write_text(json.dumps(
        {"events": [{"evidence": ["Troops entered"], "type": "RETREAT", "status": "occurred"}]}))
    with pytest.raises(ValueError, match=r"01-x.json: event 1: 'Troops entered' is not a substring"):
        read_corpus(tmp_path)


def test_a_date_reads_at_the_precision_it_claims():
    from eventatlas.records import EventDate

    assert canonical_date(EventDate("on Tuesday", "2026-03-10", "2026-03-10", "day")) == "2026-03-10"
    assert canonical_date(EventDate("in March", "2026-03-01", "2026-03-31", "month")) == "2026-03"
    assert canonical_date(EventDate("this week", "2026-03-09", "2026-03-15", "week")) == "2026-03-09..2026-03-15"
    assert canonical_date(EventDate(None, "2026-03-10", "2026-03-10", None)) is None  # the record does not know


def test_a_right_prediction_a_duplicate_and_a_phantom(corpus):
    art = corpus["01-dosso-market"]
    attack_sentence = _span(art, "Gunmen on motorbikes attacked a cattle market in Dosso on Tuesday")
    right = from_event(make_event(
        art.text, *attack_sentence, date=("2026-03-10", "day"), place=("Dosso", "NE"), acled="Attack",
        agents=[("Gunmen", "rebel")], targets=[("civilians", "civilians")],
        quantities=[("fatalities", 7, 7, "seven traders")]))
    again = from_event(make_event(art.text, *_span(art, "set fire to four trucks"), quantities=[
        ("other", 4, 4, "four trucks")]))
    statistic = from_event(make_event(art.text, *_span(art, "Attacks in the region have killed more than 200")))
    tally = Tally()
    tally.add(art, [right, again, statistic])
    scores = tally.scores()
    assert (tally.matched, scores["duplicates"], scores["phantoms"]) == (1, 1, 1)
    assert scores["every_field_right"] == pytest.approx(1 / 3)   # of the predicted events
    assert scores["event_recall"] == 0.5                          # the planned march was missed
    assert scores["not_events_violated"] == 1.0
    assert scores["not_figures_violated"] == 0.0                  # "four trucks" was read as things, not people
    assert scores["figures_accuracy"] == 1.0 and scores["place_precision"] == 1.0


def test_the_gunmen_type_is_not_checked_where_the_golden_file_leaves_it_open(corpus):
    attack = corpus["01-dosso-market"].events[0]
    assert field_right("agent", attack, Prediction([], "ASSAULT", agents=[(["Gunmen"], "rebel")]))
    assert not field_right("agent", attack, Prediction([], "ASSAULT", agents=[(["traders"], None)]))
    assert not field_right("target", attack, Prediction([], "ASSAULT"))


def test_mentions_decide_the_match_when_the_record_has_them(corpus):
    art = corpus["02-mombasa-port"]
    whole = (0, len(art.text))
    arrest = make_event(art.text, *whole, type="COERCE", mentions=[{"start": art.text.index("arrested 12"),
                                                                   "end": art.text.index("arrested 12") + 11}])
    prediction = from_event(arrest)
    assert prediction.spans == [_span(art, "arrested 12")]
    tally = Tally()
    tally.add(art, [prediction])
    assert tally.matched == 1 and tally.scores()["furniture_violated"] == 0.0


def test_a_figure_any_source_gives_is_right_and_a_sum_is_not(corpus):
    attack = corpus["01-dosso-market"].events[0]
    attack.sources = [{"speaker": "residents", "figures": {"fatalities": {"low": 9, "high": 9}}}]
    said_by_residents = Prediction([], "ASSAULT", figures={"fatalities": {(9, 9)}})
    summed = Prediction([], "ASSAULT", figures={"fatalities": {(16, 16)}})
    assert field_right("figures", attack, said_by_residents)
    assert not field_right("figures", attack, summed)


def test_the_baseline_makes_one_event_a_keyword_sentence(corpus):
    made = baseline(corpus["01-dosso-market"])
    # the statistic is a sentence with a keyword like any other: the baseline cannot tell
    assert [p.type for p in made] == ["ASSAULT", "ASSAULT", "ASSAULT", "PROTEST"]
    assert {p.date for p in made} == {"2026-03-12"}


def test_the_whole_set_runs_the_real_pipeline(fixtures):
    from eventatlas.evaluate.runner import Runner

    with Runner(jobs=1, progress=False) as runner:
        scores = score(fixtures / "events", runner)
    assert scores["n"] == 2 and scores["n_golden"] == 5
    assert 0.0 <= scores["event_f1"] <= 1.0 and "baseline_every_field_right" in scores
    assert "trap:text:furniture:event_f1" in scores
