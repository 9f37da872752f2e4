"""Loading the extraction lexicons and ontology tables, which live as data files in extract/data/."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from eventatlas.data import read_table, read_words, read_yaml

_PACKAGE = "eventatlas.extract"


def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV table in extract/data, keyed by its header."""
    return read_table(_PACKAGE, name)


@functools.cache
def words(name: str) -> frozenset[str]:
    """A named word set of extract/data/words.yaml."""
    return frozenset(str(w) for w in read_yaml(_PACKAGE, "words.yaml")[name])


@functools.cache
def phrases(name: str) -> frozenset[tuple[str, ...]]:
    """A named set of phrases of words.yaml, each as its tuple of words ("at least" -> ("at", "least"))."""
    return frozenset(tuple(p.split()) for p in words(name))


@functools.cache
def type_group(name: str) -> frozenset[str]:
    """A named group of PLOVER types (extract/data/type_groups.yaml)."""
    return frozenset(read_yaml(_PACKAGE, "type_groups.yaml")[name])


@functools.cache
def number_words(kind: str) -> dict[str, int]:
    """Number words of one kind (unit, scale, vague) from extract/data/numbers.tsv, with their values."""
    return {r["word"]: int(r["value"]) for r in rows("numbers.tsv") if r["kind"] == kind}


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
    for r in rows("triggers.tsv"):
        trig = _trigger(r)
        for pos in (("VERB", "NOUN") if trig.pos == "ANY" else (trig.pos,)):
            table.setdefault((trig.lemma, pos), trig)
    return table


def _trigger(r: dict[str, str]) -> Trigger:
    return Trigger(lemma=r["lemma"], pos=r["pos"], type=r["type"], mode=r["mode"] or None,
                   acled_sub=None if r["acled_sub_event_type"] in ("", "-") else r["acled_sub_event_type"],
                   weight=float(r["weight"]))


@functools.cache
def trigger_rules() -> dict[str, Trigger]:
    """The trigger entries context rules assign (extract/data/trigger_rules.tsv), by name."""
    return {r["name"]: _trigger(r) for r in rows("trigger_rules.tsv")}


@functools.cache
def plover() -> dict[str, dict]:
    return read_yaml(_PACKAGE, "plover.yaml")


@functools.cache
def acled_event_type_of() -> dict[str, str]:
    return {r["sub_event_type"]: r["event_type"] for r in rows("acled_types.tsv")}


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
        for r in rows("acled_cues.tsv")
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
    for r in rows("actors.tsv"):
        entry = ActorEntry(r["name"], r["type"], r["country"] or None)
        for alias in [r["name"], *r["aliases"].split("|")]:
            alias = alias.strip()
            if alias:
                by_alias.setdefault(alias.lower(), entry)
    # Short all-caps aliases (IS, UN, AU) only count when written in capitals: "is" and "au" are words.
    parts = sorted(by_alias, key=len, reverse=True)
    # every alias starts with a word character: the lookahead skips a run of spaces or newlines at once,
    # where the alternation would otherwise try each of its hundreds of branches at every position
    pattern = re.compile(r"(?=\w)(?<![\w-])(" + "|".join(re.escape(p) for p in parts) + r")(?![\w-])", re.I)
    return pattern, by_alias


@functools.cache
def generic_actor_types() -> dict[str, str]:
    return {r["head"]: r["type"] for r in rows("generic_actors.tsv")}


def word_list(name: str) -> frozenset[str]:
    """A word list file of extract/data, one entry a line."""
    return read_words(_PACKAGE, name)


@functools.cache
def control_words() -> dict:
    """The words of territorial control (extract/data/control_words.yaml), for extract/control_claims.py."""
    return read_yaml(_PACKAGE, "control_words.yaml")
