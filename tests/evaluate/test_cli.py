"""`eventatlas eval` as a user runs it: the real binary, the real pipeline, gold-format fixture files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from eventatlas.evaluate.cli import render
from eventatlas.evaluate.geo import flatten as flatten_geo


def run_eval(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONUNBUFFERED="1", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "eventatlas.cli", "eval", *args], text=True,
                          capture_output=True, env=env, timeout=300)


def test_path_points_a_set_at_another_file_and_json_is_one_object(fixtures):
    proc = run_eval("plover", "--path", str(fixtures / "plover_mini.json"), "--json", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    card = json.loads(proc.stdout)
    assert list(card) == ["plover"]
    scores = card["plover"]
    assert scores["n"] == 3 and scores["era"] == "fresh"
    for metric in ("type_accuracy", "type_macro_f1", "source_match", "target_match"):
        assert 0.0 <= scores[metric] <= 1.0
        assert f"baseline_{metric}" in scores
    # the majority label of three distinct labels is the first: right once in three
    assert scores["baseline_type_accuracy"] == round(1 / 3, 4)


def test_text_output_shows_scores_beside_the_baseline(fixtures):
    proc = run_eval("acled", "--path", str(fixtures / "case_mini.tsv"), "--jobs", "1", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "== Fresh sets ==" in proc.stdout
    assert "sub_event_macro_f1" in proc.stdout and "target >= 0.50" in proc.stdout
    assert "baseline: keyword lookup" in proc.stdout


def test_muc_fixture_is_reported_with_the_older_sets(fixtures):
    proc = run_eval("muc", "--path", str(fixtures / "muc"), "--json", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)["muc"]
    assert scores["era"] == "older" and scores["n"] == 2 and scores["n_with_incident"] == 1
    # "DYNAMITED" is no keyword of the baseline, but the message says "KILLING" -> ATTACK, not BOMBING
    assert scores["baseline_incident_type_f1"] == 0.0
    assert "mini_incident_type_f1" in scores
    # beside the message-level slots, the incident level: one key template, mapped or not
    assert 0.0 <= scores["incident_f1"] <= 1.0 and "baseline_incident_slot_f1" in scores


def test_the_new_sets_run_on_their_fixtures_with_a_baseline_each(fixtures):
    for name, path in (("wikievents", fixtures / "wikievents" / "mini.jsonl"),
                       ("location", fixtures / "event_location_mini.json"), ("events", fixtures / "events")):
        proc = run_eval(name, "--path", str(path), "--json", "--jobs", "1")
        assert proc.returncode == 0, proc.stderr
        scores = json.loads(proc.stdout)[name]
        assert scores["era"] == "fresh"
        assert any(k.startswith("baseline_") for k in scores)


def test_unknown_set_is_a_usage_error_naming_it():
    proc = run_eval("nosuchset")
    assert proc.returncode == 2
    assert "unknown set(s) nosuchset" in proc.stderr


def test_path_needs_exactly_one_set(fixtures):
    proc = run_eval("plover", "acled", "--path", str(fixtures / "plover_mini.json"))
    assert proc.returncode == 2
    assert "name exactly one SET" in proc.stderr


def test_a_bad_gold_file_is_one_line_and_the_other_sets_go_on(tmp_path, fixtures):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    proc = run_eval("plover", "--path", str(bad), "--json", "--jobs", "1")
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == {}
    assert "broken.json: not a readable JSON array" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_missing_gold_names_where_it_looked(tmp_path):
    proc = run_eval("cameo", "--json", env_extra={"EVENTATLAS_GOLD": str(tmp_path / "nowhere")})
    assert proc.returncode == 1
    assert "EVENTATLAS_GOLD is set but is not a directory" in proc.stderr


def test_geo_report_is_flattened_with_its_baseline():
    flat = flatten_geo({"set": "gwn", "articles": 3, "gold_spans": {"n": 10, "acc_161km": 0.8},
                        "population_baseline": {"acc_161km": 0.6}, "end_to_end": {"f1": 0.7, "seconds_parse": 2.0}})
    assert flat == {"n": 3, "n_toponyms": 10, "acc_161km": 0.8, "baseline_acc_161km": 0.6, "e2e_f1": 0.7}


def test_render_marks_targets_met_and_missed():
    card = {"plover": {"era": "fresh", "n": 5, "type_macro_f1": 0.7, "baseline_type_macro_f1": 0.1},
            "muc": {"era": "older", "n": 5, "incident_type_f1": 0.5, "baseline_incident_type_f1": 0.6}}
    text = render(card)
    assert "target >= 0.60: met" in text and "target >= 0.60: MISSED" in text
    assert text.index("Fresh sets") < text.index("plover") < text.index("Older sets") < text.index("muc")
    assert "+0.6000" in text and "-0.1000" in text
