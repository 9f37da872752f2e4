"""Event location (Halterman 2019, labeled_text_dev.json): sentences with one event verb marked (VERB) and the
place names where that event happened (LOCATION, none when the sentence does not say where).

The pipeline reads each sentence alone (a sentence recurs once per marked verb; it is read once). The event
scored is the pipeline's event on the marked verb: one whose mention or trigger spans cover it where the record
has them, else the most confident event whose evidence holds it. Scores: how often an event is found on the
verb; place precision (the place given is one of the gold places; any place given where the gold has none is
wrong), recall (over verbs with a gold place) and F1;
and over verbs without a gold place, how often no place is given. Baseline: of the capitalised names after a
place preposition (in, at, near, ...), the one nearest the verb."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.gold import read_gold_json
from eventatlas.evaluate.matching import Interval, field_of, mention_spans, overlap, spans_of
from eventatlas.evaluate.metrics import f1_of, rounded
from eventatlas.evaluate.textmatch import loose_match
from eventatlas.errors import GoldFormatError

_PLACE_AFTER = re.compile(
    r"\b(?:in|at|near|outside|from|into|across|around|of)\s+(?:the\s+)?([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*)")


@dataclass
class LocatedVerb:
    id: str
    text: str
    verb: Interval
    places: list[str]  # the gold place names of the event; empty when the sentence names none


def _item(rec: dict) -> LocatedVerb | None:
    spans = rec.get("spans") or []
    verbs = [(s["start"], s["end"]) for s in spans if s.get("label") == "VERB"]
    if len(verbs) != 1:
        return None  # two marked verbs with one set of places: which place is whose is not said
    text = rec["text"]
    places = [text[s["start"]:s["end"]] for s in spans if s.get("label") == "LOCATION"]
    return LocatedVerb(str(rec.get("_id", "")).strip(), text, verbs[0], places)


def read_locations(path: str | Path) -> tuple[list[LocatedVerb], int]:
    """The items with exactly one marked verb, and how many others were left out."""
    path = Path(path)
    if path.is_dir():
        path = path / "labeled_text_dev.json"
    data = read_gold_json(path, GoldFormatError, list, "a JSON array of labelled sentences")
    items, skipped = [], 0
    for n, rec in enumerate(data, start=1):
        if rec.get("answer") not in (None, "accept"):
            skipped += 1
            continue
        try:
            item = _item(rec)
        except (KeyError, TypeError) as exc:
            raise GoldFormatError(f"{path}: item {n}: not a labelled sentence (missing {exc})") from None
        if item is None:
            skipped += 1
        else:
            items.append(item)
    if not items:
        raise GoldFormatError(f"{path}: no sentences with one marked verb")
    return items, skipped


def event_on(result, verb: Interval):
    """The pipeline's event on the marked verb, or None."""
    events = result.events if result is not None else []
    on_mention = [e for e in events if any(overlap(s, verb) for s in mention_spans(e))]
    held = on_mention or [e for e in events if not mention_spans(e) and any(overlap(s, verb) for s in spans_of(e))]
    return max(held, key=lambda e: field_of(e, "confidence", 0.0)) if held else None


def place_names(place) -> list[str]:
    return [n for n in (getattr(place, "text", None), getattr(place, "name", None)) if n] if place else []


def place_right(gold: list[str], names: list[str]) -> bool:
    return any(loose_match(g, n) for g in gold for n in names)


def nearest_place(text: str, verb: Interval) -> str | None:
    """The baseline: the capitalised name after a place preposition nearest the verb."""
    found = [(m.start(1), m.end(1), m.group(1)) for m in _PLACE_AFTER.finditer(text)]
    if not found:
        return None
    distance = lambda c: max(c[0] - verb[1], verb[0] - c[1], 0)  # noqa: E731
    return min(found, key=distance)[2]


class Tally:
    def __init__(self):
        self.found = self.given = self.right = self.located = 0
        self.unlocated = self.unlocated_found = self.unlocated_silent = 0

    def add(self, item: LocatedVerb, found: bool, names: list[str]) -> None:
        self.found += found
        self.given += bool(names)  # a place given where the gold names none is a wrong place
        if not item.places:
            self.unlocated += 1
            self.unlocated_found += found
            self.unlocated_silent += found and not names
            return
        self.located += 1
        self.right += place_right(item.places, names)

    def scores(self, n: int) -> dict:
        precision = self.right / self.given if self.given else 0.0
        recall = self.right / self.located if self.located else 0.0
        return {"event_found": self.found / n if n else 0.0, "place_precision": precision, "place_recall": recall,
                "place_f1": f1_of(precision, recall),
                "unlocated_no_place": self.unlocated_silent / self.unlocated_found if self.unlocated_found else 0.0}


def score(path: Path, runner, limit: int | None = None) -> dict:
    items, skipped = read_locations(path)
    items = items[:limit]
    texts = list(dict.fromkeys(i.text for i in items))
    results = dict(zip(texts, runner.run([(t, None) for t in texts], desc="location")))
    ours, base = Tally(), Tally()
    for item in items:
        ev = event_on(results[item.text], item.verb)
        ours.add(item, ev is not None, place_names(field_of(ev, "location")) if ev else [])
        guess = nearest_place(item.text, item.verb)
        base.add(item, True, [guess] if guess else [])
    out: dict = {"n": len(items), "n_located": ours.located, "n_sentences": len(texts), "n_skipped": skipped}
    b = base.scores(len(items))
    for metric, value in ours.scores(len(items)).items():
        out[metric] = value
        if metric != "event_found":
            out[f"baseline_{metric}"] = b[metric]
    return rounded(out)


SETS.register("location")(GoldSet(
    "location", "event_location/labeled_text_dev.json", "fresh",
    "the capitalised name after a place preposition nearest the verb", score,
    "Event location (Halterman 2019) dev: is the event's place the one the gold links to its verb"))
