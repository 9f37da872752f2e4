"""Every bundled demo article yields the events its hand-checked golden file lists.

A golden file (tests/golden/demo/NN-slug.json) names, for each main event, the sentence it is stated in and
the fields a careful reader is sure of; the extractor must produce a matching event for each one, no more than
`max_events` events in all, the listed claims, and at least `opinions` opinion spans."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from eventatlas.schema import validate_article

GOLDEN = Path(__file__).parent / "golden" / "demo"
CORPUS = Path(str(resources.files("eventatlas.demo").joinpath("corpus")))
CASES = sorted(GOLDEN.glob("*.json"))


def _norm(s: str | None) -> str:
    return (s or "").lower().replace("-", " ").replace("'", "")


def mismatches(gold: dict, event: dict) -> list[str]:
    """What keeps `event` from matching the golden event; empty when it matches."""
    out = []
    if gold["evidence"] not in event["evidence"]["text"]:
        return ["evidence"]
    for key in ("type", "status"):
        if key in gold and gold[key] != event[key]:
            out.append(f"{key}: {event[key]} != {gold[key]}")
    if "acled" in gold:
        got = (event["acled"] or {}).get("sub_event_type")
        if got != gold["acled"]:
            out.append(f"acled: {got} != {gold['acled']}")
    loc = event["location"] or {}
    if gold.get("place") and _norm(gold["place"]) not in (_norm(loc.get("text")) + "|" + _norm(loc.get("name"))):
        out.append(f"place: {loc.get('text')}/{loc.get('name')} != {gold['place']}")
    if gold.get("country") and loc.get("country_code") != gold["country"]:
        out.append(f"country: {loc.get('country_code')} != {gold['country']}")
    if gold.get("date") and event["date"]["start"] != gold["date"]:
        out.append(f"date: {event['date']['start']} != {gold['date']}")
    for role in ("agent", "target"):
        if gold.get(role):
            names = [_norm(a["name"]) + "|" + _norm(a["text"]) for a in event["actors"] if a["role"] == role]
            if not any(_norm(gold[role]) in n for n in names):
                out.append(f"{role}: {names} lacks {gold[role]}")
    for q in gold.get("quantities", []):
        got = [(x["category"], x["low"], x["high"]) for x in event["quantities"]]
        if (q["category"], q.get("low"), q.get("high")) not in got:
            out.append(f"quantity: {got} lacks {q}")
    if "speaker" in gold:
        speaker = (event["attribution"] or {}).get("speaker")
        if gold["speaker"] is None and speaker is not None:
            out.append(f"speaker: {speaker} != outlet's own voice")
        elif gold["speaker"] is not None and _norm(gold["speaker"]) not in _norm(speaker):
            out.append(f"speaker: {speaker} lacks {gold['speaker']}")
    return out


@pytest.fixture(scope="module")
def results(pipeline):
    from eventatlas.ingest import read_inputs
    docs = {Path(d.source).stem: d for d in read_inputs([str(CORPUS)]) if hasattr(d, "text")}
    return {stem: r.to_dict() for stem, r in zip(docs, pipeline.process_many(docs.values()))}


def test_there_is_a_golden_file_for_every_demo_article():
    articles = {p.stem for p in CORPUS.glob("*.json")}
    assert len(articles) >= 25
    assert articles == {p.stem for p in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_demo_article_matches_its_golden_file(case, results):
    gold = json.loads(case.read_text("utf-8"))
    out = results[case.stem]
    validate_article(out)
    problems = []
    free = list(out["events"])
    for g in gold.get("events", []):
        candidates = [(mismatches(g, e), e) for e in free]
        exact = [e for m, e in candidates if not m]
        if exact:
            free.remove(exact[0])
            continue
        near = [m for m, e in candidates if m != ["evidence"]]
        problems.append(f"no event for {g['evidence']!r}: " + (
            "; ".join(min(near, key=len)) if near else "no event from that sentence"))
    if len(out["events"]) > gold.get("max_events", 99):
        problems.append(f"{len(out['events'])} events > max_events {gold['max_events']}")
    for c in gold.get("claims", []):
        ok = [x for x in out["claims"] if c["evidence"] in x["evidence"]["text"] and x["kind"] == c["kind"]
              and ("share" not in c or x["share"] == c["share"])]
        if not ok:
            problems.append(f"no {c['kind']} claim for {c['evidence']!r}")
    if len(out["opinions"]) < gold.get("opinions", 0):
        problems.append(f"{len(out['opinions'])} opinions < {gold['opinions']}")
    assert not problems, "\n".join(problems)
