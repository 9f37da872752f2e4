"""Loading the extraction lexicons and ontology tables, which live as data files in extract/data/."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eventatlas.extract").joinpath("data").joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # VERB | NOUN | ANY
    type: str
    mode: str | None
    acled_sub: str | None
    weight: float


@functools.cache
def triggers() -> dict[tuple[str, str], Trigger]:
    """Trigger entries keyed by (lemma, pos); ANY entries are stored under both VERB and NOUN."""
    table: dict[tuple[str, str], Trigger] = {}
    for r in _rows("triggers.tsv"):
        trig = Trigger(
            lemma=r["lemma"], pos=r["pos"], type=r["type"], mode=r["mode"] or None,
            acled_sub=None if r["acled_sub_event_type"] in ("", "-") else r["acled_sub_event_type"],
            weight=float(r["weight"]),
        )
        for pos in (("VERB", "NOUN") if trig.pos == "ANY" else (trig.pos,)):
            table.setdefault((trig.lemma, pos), trig)
    return table


@functools.cache
def plover() -> dict[str, dict]:
    text = resources.files("eventatlas.extract").joinpath("data").joinpath("plover.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def acled_event_type_of() -> dict[str, str]:
    return {r["sub_event_type"]: r["event_type"] for r in _rows("acled_types.tsv")}


@dataclass(frozen=True)
class AcledCue:
    type: str
    cue: re.Pattern
    agent: str
    sub_event_type: str


@functools.cache
def acled_cues() -> list[AcledCue]:
    return [
        AcledCue(r["type"], re.compile(r["cue"], re.I), r["agent"], r["sub_event_type"])
        for r in _rows("acled_cues.tsv")
    ]


@dataclass(frozen=True)
class ActorEntry:
    name: str
    type: str
    country: str | None


@functools.cache
def actor_aliases() -> tuple[re.Pattern, dict[str, ActorEntry]]:
    """One alternation over every alias (longest first) and a map from lower-cased alias to its actor."""
    by_alias: dict[str, ActorEntry] = {}
    for r in _rows("actors.tsv"):
        entry = ActorEntry(r["name"], r["type"], r["country"] or None)
        for alias in [r["name"], *r["aliases"].split("|")]:
            alias = alias.strip()
            if alias:
                by_alias.setdefault(alias.lower(), entry)
    # Short all-caps aliases (IS, UN, AU) only count when written in capitals: "is" and "au" are words.
    parts = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in parts) + r")(?![\w-])", re.I)
    return pattern, by_alias


@functools.cache
def generic_actor_types() -> dict[str, str]:
    return {r["head"]: r["type"] for r in _rows("generic_actors.tsv")}


@functools.cache
def time_relations() -> dict:
    """How dates relative to another event read (data/time_relations.yaml)."""
    text = resources.files("eventatlas.extract").joinpath("data").joinpath("time_relations.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def word_list(name: str) -> frozenset[str]:
    text = resources.files("eventatlas.extract").joinpath("data").joinpath(name).read_text("utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
