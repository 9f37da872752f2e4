"""WikiEvents: the reader lays an article out from its token offsets, maps KAIROS types to PLOVER through the
data table, and scores lines and attack arguments (any mention of a coreference cluster counts)."""

from __future__ import annotations

import json

import pytest

from eventatlas.evaluate.gold import gold_available, gold_root
from eventatlas.evaluate.wikievents import (Tally, baseline_lines, kairos_map, plover_of, predicted_lines,
                                            read_wikievents)
from eventatlas.records import PLOVER_TYPES

from .conftest import make_event, make_result


@pytest.fixture
def doc(fixtures):
    docs, unknown = read_wikievents(fixtures / "wikievents" / "mini.jsonl")
    assert unknown == set()
    return docs[0]


def test_the_article_keeps_its_lines_apart_at_the_offsets_the_tokens_give(doc):
    assert doc.text.splitlines() == ["Gunmen attacked a checkpoint in Tarvana on Monday.",
                                     "The Ostrel Front said it carried out the raid.", "Officials met in the capital."]
    start, end = doc.lines[1]
    assert doc.text[start:end] == "The Ostrel Front said it carried out the raid."


def test_an_argument_carries_every_mention_of_its_cluster(doc):
    raid = doc.events[1]
    assert raid.line == 1 and raid.plover == "ASSAULT"
    assert raid.arguments[0].mentions == ["it", "Gunmen", "Ostrel Front"]


def test_a_statement_is_no_plover_event_and_an_unlisted_subtype_takes_its_parents_row(doc):
    assert doc.events[3].kind == "Contact.Contact.Broadcast" and doc.events[3].plover is None
    assert plover_of("Contact.RequestCommand.Meet") == (True, "REQUEST")
    assert plover_of("Picnic.Lunch.Unspecified") == (False, None)


def test_every_mapped_type_is_a_plover_type():
    assert set(kairos_map().values()) <= set(PLOVER_TYPES) | {None}


def test_a_predicted_attacker_matching_a_coreferent_mention_is_right(doc):
    # the pipeline names the Ostrel Front as the raid's agent: gold says "it", which the cluster resolves
    raid = make_event(doc.text, *doc.lines[1], agents=[("The Ostrel Front", "rebel")], place=("Tarvana", "XX"))
    meeting = make_event(doc.text, *doc.lines[2], type="CONSULT")
    lines, fillers = predicted_lines(doc, make_result(doc.text, [raid, meeting]))
    assert lines == {1: {"ASSAULT"}, 2: {"CONSULT"}}
    tally = Tally()
    tally.add(doc, lines, fillers)
    scores = tally.scores(["ASSAULT", "CONSULT"])
    assert scores["attacker_precision"] == 1.0 and scores["attacker_recall"] == 1.0  # one gunmen entity
    assert scores["place_f1"] == 1.0 and scores["target_recall"] == 0.0
    # gold lines: 0 ASSAULT, 1 ASSAULT, 2 CONSULT; predicted 1 ASSAULT, 2 CONSULT
    assert scores["event_precision"] == 1.0 and scores["event_recall"] == pytest.approx(2 / 3)
    assert scores["attack_line_f1"] == pytest.approx(2 / 3)


def test_the_keyword_baseline_reads_each_line(doc):
    lines, fillers = baseline_lines(doc)
    assert lines[0] == {"ASSAULT"} and lines[2] == {"CONSULT"}
    assert fillers["attacker"][0] == "Gunmen" and "Tarvana" in fillers["place"]


def test_a_line_that_is_not_json_is_named(tmp_path):
    bad = tmp_path / "dev.jsonl"
    bad.write_text('{"doc_id": "x"}\nnot json\n')
    with pytest.raises(ValueError, match=r"dev.jsonl: line 1: not a WikiEvents document"):
        read_wikievents(bad)


@pytest.mark.gold
def test_the_mapping_lists_every_type_of_the_kairos_ontology():
    if not gold_available():
        pytest.skip("gold data not found")
    ontology = json.loads((gold_root() / "wikievents" / "event_role_KAIROS.json").read_text("utf-8"))
    assert set(ontology) == set(kairos_map())
