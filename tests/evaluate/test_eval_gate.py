"""The scorecard gate: the pipeline's scores on the gold sets may not fall below the floors measured when
they were last raised. A floor may only go up. Skipped when ../shared/gold (or EVENTATLAS_GOLD) is absent.

All sets are scored once per session. MUC-4 is scored on its two test sets (tst1, tst2: 200 messages) to
keep the gate within minutes on two cores; `eventatlas eval muc` scores dev as well."""

from __future__ import annotations

import pytest

from eventatlas.evaluate.gold import gold_available, gold_root

pytestmark = [pytest.mark.gold, pytest.mark.slow]

# (set, metric) -> floor, as measured; raise a floor when a change lifts the score, never lower it.
FLOORS = {  # measured 2026-12-01 (in brackets), less up to 0.005 of slack for platform noise in the parser
    ("plover", "type_macro_f1"): 0.621,        # 0.6261
    ("plover", "type_accuracy"): 0.637,        # 0.6429
    ("plover", "source_match"): 0.621,         # 0.6262
    ("plover", "target_match"): 0.317,         # 0.3194
    ("acled", "sub_event_macro_f1"): 0.590,    # 0.592
    ("acled", "event_type_macro_f1"): 0.685,   # 0.6892
    ("cameo", "quad_accuracy"): 0.565,         # 0.5708
    ("cameo", "quad_macro_f1"): 0.566,         # 0.5712
    ("ucdp", "deaths_in_range_stated"): 0.092, # 0.0979
    ("ucdp", "side_a_match"): 0.121,           # 0.126 (was 0.132 before the side map read only pipeline actors)
    ("muc_test", "incident_type_f1"): 0.626,   # 0.6312 (0.6622 while the scorer read instruments itself)
    ("muc_test", "location_f1"): 0.254,        # 0.2594
    ("muc_test", "perpetrator_f1"): 0.276,     # 0.2816
    ("muc_test", "effect_f1"): 0.573,          # 0.5789 (0.7011 while the scorer read effect words itself)
    # article-level sets, measured 2026-12-02
    ("muc_test", "incident_f1"): 0.540,        # 0.5459 (incidents matched to key templates)
    ("muc_test", "incident_slot_f1"): 0.306,   # 0.3117
    ("events", "event_f1"): 0.643,             # 0.648 (the events corpus written here: 24 articles, 133 events)
    ("events", "every_field_right"): 0.020,    # 0.0222
    ("wikievents", "event_f1"): 0.469,         # 0.4747 (the keyword baseline: 0.556)
    ("wikievents", "attack_argument_f1"): 0.258,  # 0.2639
    ("location", "place_f1"): 0.482,           # 0.4872 on the first 1,500 items (0.4731 on all 9,684)
}
LOCATION_ITEMS = 1500
# Scores that must beat their baseline outright (a gain over the baseline is the point of each number).
# MUC-4 incident type and effect no longer do once the scorer maps only what the pipeline outputs (issue 9):
# the keyword baseline reads the whole message (0.6545 and 0.6449 on tst1+tst2).
MUST_BEAT_BASELINE = [("plover", "type_macro_f1"), ("acled", "sub_event_macro_f1"), ("cameo", "quad_macro_f1"),
                      ("location", "place_f1")]


@pytest.fixture(scope="session")
def scorecard(tmp_path_factory) -> dict[str, dict]:
    if not gold_available():
        pytest.skip("gold data not found: set EVENTATLAS_GOLD or place it in ../shared/gold")
    from eventatlas.evaluate import score_set
    from eventatlas.evaluate.runner import Runner

    card = {}
    with Runner(progress=False) as runner:
        for name in ("plover", "acled", "cameo", "ucdp"):
            card[name] = score_set(name, runner)
        # tst1 and tst2 pooled: a folder linking to their texts and keys is a set of the same format
        tests = tmp_path_factory.mktemp("muc_test")
        for split in ("tst1", "tst2"):
            for f in (gold_root() / "muc4" / "CORPORA" / split).iterdir():
                (tests / f.name).symlink_to(f)
        card["muc_test"] = score_set("muc", runner, tests)
        # article-level sets: whole articles, events assembled across sentences (issue 10)
        card["events"] = score_set("events", runner)
        card["wikievents"] = score_set("wikievents", runner)
        # the first LOCATION_ITEMS sentences keep the gate within minutes; `eventatlas eval location` scores all
        card["location"] = score_set("location", runner, limit=LOCATION_ITEMS)
        card["rejected"] = {"n": len(runner.rejections)}
    return card


@pytest.mark.parametrize("set_name,metric", sorted(FLOORS))
def test_score_holds_its_floor(scorecard, set_name, metric):
    value = scorecard[set_name][metric]
    assert value >= FLOORS[(set_name, metric)], f"{set_name} {metric} fell to {value}"


@pytest.mark.parametrize("set_name,metric", MUST_BEAT_BASELINE)
def test_score_beats_its_baseline(scorecard, set_name, metric):
    scores = scorecard[set_name]
    assert scores[metric] > scores[f"baseline_{metric}"]


def test_the_pipeline_rejects_no_gold_text(scorecard):
    assert scorecard["rejected"]["n"] == 0
