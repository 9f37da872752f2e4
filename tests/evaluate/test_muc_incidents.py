"""MUC-4 at the incident level: predicted incidents map one-to-one to key templates whose type they share, the
mapping that matches the most fillers wins, and unmapped incidents and templates cost precision and recall."""

from __future__ import annotations

import datetime as dt

from eventatlas.evaluate.muc_gold import DateRange, MucGold
from eventatlas.evaluate.muc_incidents import IncidentTally, baseline_incidents

DAY = dt.date(1990, 3, 10)


def template(kind: str, target: str, optional: bool = False) -> MucGold:
    return MucGold(types={kind}, dates=[DateRange(DAY, DAY)], targets=[[target]], optional=optional)


def incident(kind: str, target: str) -> dict[str, list]:
    return {"incident_type": [kind], "date": [DAY], "location": [], "perpetrator": [], "human_target": [target],
            "effect": []}


def message(*templates: MucGold) -> MucGold:
    gold = MucGold()
    for t in templates:
        gold.pool(t)
    return gold


def test_each_incident_maps_to_the_template_whose_fillers_it_matches():
    gold = message(template("BOMBING", "MAYOR"), template("BOMBING", "JUDGE"))
    tally = IncidentTally()
    tally.add(gold, [incident("BOMBING", "judge"), incident("BOMBING", "the mayor")])
    scores = tally.scores()
    assert scores["incident_f1"] == 1.0
    assert scores["incident_human_target_f1"] == 1.0  # crossed pairs would have matched no target


def test_a_type_that_disagrees_maps_nothing():
    tally = IncidentTally()
    tally.add(message(template("KIDNAPPING", "MAYOR")), [incident("BOMBING", "mayor")])
    scores = tally.scores()
    assert scores["incident_precision"] == 0.0 and scores["incident_recall"] == 0.0
    # the unmapped incident's fillers are spurious and the template's missing
    assert scores["incident_human_target_f1"] == 0.0


def test_two_incidents_for_one_template_leave_one_spurious():
    tally = IncidentTally()
    tally.add(message(template("ATTACK", "MAYOR")), [incident("ATTACK", "mayor"), incident("ATTACK", "mayor")])
    scores = tally.scores()
    assert scores["incident_precision"] == 0.5 and scores["incident_recall"] == 1.0
    assert scores["incident_slot_precision"] == 0.5


def test_an_optional_template_is_credited_when_matched_and_never_missed():
    gold = message(template("ARSON", "SHOP"), template("ATTACK", "MAYOR", optional=True))
    tally = IncidentTally()
    tally.add(gold, [incident("ARSON", "shop")])
    assert tally.scores()["incident_recall"] == 1.0
    tally.add(gold, [incident("ARSON", "shop"), incident("ATTACK", "mayor")])
    assert tally.scores()["incident_recall"] == 1.0 and tally.keys == 3


def test_the_baseline_makes_one_incident_per_keyword_type():
    pooled = {"incident_type": ["ATTACK", "BOMBING"], "date": [DAY], "location": ["LIMA"], "perpetrator": ["FMLN"],
              "human_target": [], "effect": ["DEATH"]}
    made = baseline_incidents(pooled)
    assert [m["incident_type"] for m in made] == [["ATTACK"], ["BOMBING"]]
    assert all(m["perpetrator"] == ["FMLN"] for m in made)


def test_the_reader_keeps_each_template_as_an_incident_and_none_for_a_message_without_one(fixtures):
    from eventatlas.evaluate.muc_gold import read_muc

    msgs = {m.id: m for m in read_muc(fixtures / "muc")}
    first, second = msgs["MINI-MUC3-0001"].gold, msgs["MINI-MUC3-0002"].gold
    assert [t.types for t in first.incidents] == [{"BOMBING"}]
    assert first.incidents[0].locations == first.locations and not first.incidents[0].optional
    assert second.incidents == []
