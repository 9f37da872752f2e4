"""PLOVER gold-standard records (openeventdata/PLOVER, a JSON array): one sentence each, its PLOVER event,
source and target actors. Scores: type accuracy and macro-F1 over the gold types; whether the top event's
agent (target) matches a gold source (target) actor. Baseline: the majority type, and for actors the first
(second) capitalised phrase of the sentence."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import majority, read_tsv
from eventatlas.evaluate.metrics import accuracy, macro_f1, rounded
from eventatlas.evaluate.runner import top_event
from eventatlas.evaluate.textmatch import loose_match
from eventatlas.extract.ontology import plover_as_coded
from eventatlas.records import PLOVER_TYPES
from eventatlas.errors import GoldFormatError  # noqa: F401  (raised here; callers catch it from here)


@dataclass
class PloverRecord:
    id: str
    text: str
    label: str
    sources: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)


def label_map() -> dict[str, str]:
    return {row[0].strip(): row[1].strip() for row in read_tsv("plover_labels.tsv")}


def _actors(value) -> list[dict]:
    # the records hold a list of actor objects, but a few hold an empty or free-text string instead
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict) and a.get("actorText")]
    return []


def read_plover(path: str | Path) -> list[PloverRecord]:
    path = Path(path)
    if path.is_dir():
        path = path / "PLOVER_GSR_CAMEO.txt"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"{path}: not a readable JSON array of PLOVER records ({exc})") from None
    if not isinstance(data, list):
        raise GoldFormatError(f"{path}: expected a JSON array of PLOVER records")
    mapping = label_map()
    out = []
    for rec in data:
        if not isinstance(rec, dict) or not rec.get("text") or not rec.get("event"):
            continue  # the documentation record and anything without a sentence
        label = mapping.get(rec["event"], rec["event"])
        if label not in PLOVER_TYPES:
            continue
        out.append(PloverRecord(rec.get("id", str(len(out))), rec["text"], label,
                                _actors(rec.get("source")), _actors(rec.get("target"))))
    if not out:
        raise GoldFormatError(f"{path}: no PLOVER records with a sentence and a known event type")
    return out


def _country_alpha2(code: str | None) -> str | None:
    if not code or len(code) != 3:
        return None
    import pycountry
    c = pycountry.countries.get(alpha_3=code.upper())
    return c.alpha_2 if c else None


def actor_matches(gold: dict, actor) -> bool:
    if loose_match(gold["actorText"], actor.text) or loose_match(gold["actorText"], actor.name):
        return True
    iso2 = _country_alpha2(gold.get("code"))
    # a country-level actor ("Jordan", "the Jordanian government") matches on its country code
    return iso2 is not None and actor.country_code == iso2 and gold.get("sector") in (None, "GOV")


_INITIAL = {"the", "on", "in", "a", "an", "after", "at", "for", "last"}
_CAPS = re.compile(r"\b[A-Z][\w.'-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'-]*)*")


def capitalised_phrases(text: str) -> list[str]:
    """Capitalised word runs, without a sentence-initial function word ("The", "On")."""
    phrases = []
    for m in _CAPS.finditer(text):
        phrase = m.group(0)
        first, _, rest = phrase.partition(" ")
        if m.start() == 0 and first.lower() in _INITIAL:
            phrase = rest
        if phrase:
            phrases.append(phrase)
    return phrases


def score(path: Path, runner, limit: int | None = None) -> dict:
    records = read_plover(path)[:limit]
    results = runner.run([(r.text, None) for r in records], desc="plover")
    gold = [r.label for r in records]
    pred, src_hits, tar_hits, base_src, base_tar = [], [], [], [], []
    for rec, res in zip(records, results):
        ev = top_event(res)
        # a gold coder types a sentence by what it says happened: a promise to help is AGREE, a denied
        # meeting is REJECT, a threatened strike is THREATEN
        pred.append(plover_as_coded(ev) if ev else "none")
        agents = [a for a in ev.actors if a.role == "agent"] if ev else []
        targets = [a for a in ev.actors if a.role == "target"] if ev else []
        phrases = capitalised_phrases(rec.text)
        if rec.sources:
            src_hits.append(any(actor_matches(g, a) for g in rec.sources for a in agents))
            base_src.append(bool(phrases) and any(loose_match(g["actorText"], phrases[0]) for g in rec.sources))
        if rec.targets:
            tar_hits.append(any(actor_matches(g, a) for g in rec.targets for a in targets))
            base_tar.append(len(phrases) > 1 and any(loose_match(g["actorText"], phrases[1]) for g in rec.targets))
    labels = sorted(set(gold))
    base = [majority(gold)] * len(gold)
    share = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return rounded({
        "n": len(records),
        "type_accuracy": accuracy(gold, pred), "baseline_type_accuracy": accuracy(gold, base),
        "type_macro_f1": macro_f1(gold, pred, labels), "baseline_type_macro_f1": macro_f1(gold, base, labels),
        "source_match": share(src_hits), "baseline_source_match": share(base_src),
        "target_match": share(tar_hits), "baseline_target_match": share(base_tar),
        "no_event": pred.count("none") / len(pred),
    })


SETS.register("plover")(GoldSet(
    "plover", "plover_gsr/PLOVER_GSR_CAMEO.txt", "fresh",
    "majority type; first/second capitalised phrase as source/target", score,
    "PLOVER gold-standard records: type accuracy, macro-F1, actor match"))
