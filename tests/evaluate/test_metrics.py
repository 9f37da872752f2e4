"""Metrics and baselines, checked against hand-computed values."""

from __future__ import annotations

import pytest

from eventatlas.evaluate.baselines import KeywordBaseline, majority
from eventatlas.evaluate.metrics import SlotTally, accuracy, bcubed, macro_f1, pairwise, per_class


def test_accuracy_counts_exact_matches():
    assert accuracy(["A", "B", "C", "A"], ["A", "B", "A", "none"]) == 0.5


def test_accuracy_refuses_unequal_lengths():
    with pytest.raises(ValueError, match="3 gold labels but 2 predictions"):
        accuracy(["A", "B", "C"], ["A", "B"])


def test_per_class_treats_abstaining_as_a_miss_only():
    scores = per_class(["A", "A", "B", "B"], ["A", "none", "A", "B"], labels=["A", "B"])
    # A: 1 right of 2 predicted, 1 of 2 gold; B: 1 of 1 predicted, 1 of 2 gold
    assert scores["A"].precision == 0.5 and scores["A"].recall == 0.5 and scores["A"].f1 == 0.5
    assert scores["B"].precision == 1.0 and scores["B"].recall == 0.5
    assert scores["B"].f1 == pytest.approx(2 / 3)
    assert "none" not in scores


def test_macro_f1_averages_over_the_gold_label_set():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "A", "C", "C"]
    # A: 1.0; B: 0.0; C: P=0.5 R=1 F=2/3
    assert macro_f1(gold, pred) == pytest.approx((1 + 0 + 2 / 3) / 3)
    # a label the gold never uses still counts when named: its F1 is 0
    assert macro_f1(gold, pred, ["A", "B", "C", "D"]) == pytest.approx((1 + 0 + 2 / 3) / 4)


def test_slot_tally_matches_loosely_in_both_directions():
    t = SlotTally()
    t.add(["FMLN", "TERRORISTS"], ["the fmln", "army"], lambda g, p: g.lower() in p.lower())
    t.add(["PEASANTS"], [])
    assert (t.pred_matched, t.pred_total, t.gold_matched, t.gold_total) == (1, 2, 1, 3)
    assert t.precision == 0.5 and t.recall == pytest.approx(1 / 3)
    assert t.f1 == pytest.approx(0.4)


def test_empty_tally_scores_zero_not_an_error():
    assert SlotTally().f1 == 0.0


def test_majority_breaks_ties_by_first_occurrence():
    assert majority(["B", "A", "A", "B", "C"]) == "B"


def test_keyword_baseline_first_match_wins_and_all_collects():
    kw = KeywordBaseline.from_file("muc_keywords.tsv")
    text = "A CAR BOMB EXPLODED; TWO POLICEMEN WERE KILLED AND FIVE WOUNDED"
    assert kw.first(text) == "BOMBING"
    assert {"BOMBING", "ATTACK", "effect:DEATH", "effect:INJURY"} <= kw.all(text)
    assert kw.first("THE MINISTER MET THE PRESS") is None


def test_pairwise_merge_precision_and_recall_count_the_pairs_put_together():
    # gold: {1,2,3} and {4}; predicted: {1,2} and {3,4}
    gold, pred = ["a", "a", "a", "b"], ["x", "x", "y", "y"]
    # predicted pairs (1,2) right, (3,4) wrong; gold pairs (1,2) (1,3) (2,3), one of them found
    assert pairwise(gold, pred) == (0.5, pytest.approx(1 / 3))
    assert pairwise(["a", "b"], ["x", "y"]) == (1.0, 1.0)  # no pair to judge is no error


def test_bcubed_averages_each_items_share_of_its_clusters():
    gold, pred = ["a", "a", "a", "b"], ["x", "x", "y", "y"]
    precision, recall, f1 = bcubed(gold, pred)
    # precision per item: 1, 1, 1/2, 1/2; recall per item: 2/3, 2/3, 1/3, 1
    assert precision == pytest.approx(0.75) and recall == pytest.approx(2.666 / 4, abs=1e-3)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert bcubed(["a", "a"], ["x", "x"]) == (1.0, 1.0, 1.0)
