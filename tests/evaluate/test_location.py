"""Event location: the reader keeps sentences with one marked verb; the scorer takes the pipeline's event on
that verb and asks whether its place is one the gold links to the verb."""

from __future__ import annotations

import pytest

from eventatlas.evaluate.location import Tally, event_on, nearest_place, read_locations

from .conftest import make_event, make_result


@pytest.fixture
def items(fixtures):
    found, skipped = read_locations(fixtures / "event_location_mini.json")
    assert skipped == 1  # two marked verbs share one set of places: not scored
    return found


def test_the_reader_keeps_each_verb_with_its_places(items):
    assert [(i.text[i.verb[0]:i.verb[1]], i.places) for i in items] == [
        ("shelled", ["Korvel"]), ("said", ["Brana"]), ("condemned", [])]


def test_the_event_on_a_mention_of_the_verb_wins_over_a_more_confident_one(items):
    text = items[0].text
    shelling = make_event(text, 0, len(text), place=("Korvel", "XX"), confidence=0.3,
                          mentions=[{"start": 9, "end": 16}])
    statement = make_event(text, 0, len(text), type="CONSULT", confidence=0.9, mentions=[{"start": 71, "end": 75}])
    assert event_on(make_result(text, [statement, shelling]), items[0].verb) is shelling
    assert event_on(make_result(text, [statement, shelling]), items[1].verb) is statement


def test_without_mentions_the_most_confident_event_of_the_sentence_is_taken(items):
    text = items[0].text
    weak, strong = make_event(text, 0, len(text), confidence=0.2), make_event(text, 0, len(text), confidence=0.8)
    assert event_on(make_result(text, [weak, strong]), items[0].verb) is strong
    assert event_on(None, items[0].verb) is None


def test_a_place_where_the_gold_has_none_costs_precision(items):
    tally = Tally()
    tally.add(items[0], True, ["Korvel"])      # right
    tally.add(items[1], True, ["Korvel"])      # wrong place
    tally.add(items[2], True, ["Brana"])       # the gold names no place
    scores = tally.scores(3)
    assert scores["place_precision"] == pytest.approx(1 / 3) and scores["place_recall"] == 0.5
    assert scores["unlocated_no_place"] == 0.0


def test_the_baseline_takes_the_name_after_a_preposition_nearest_the_verb(items):
    first = items[0]
    assert nearest_place(first.text, first.verb) == "Korvel"
    assert nearest_place(first.text, items[1].verb) == "Brana"
    assert nearest_place("Nobody was hurt.", (0, 6)) is None


def test_a_file_that_is_not_a_json_array_is_named(tmp_path):
    bad = tmp_path / "labeled.json"
    bad.write_text('{"text": "x"}')
    with pytest.raises(ValueError, match="labeled.json: expected a JSON array"):
        read_locations(bad)
