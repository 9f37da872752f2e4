"""Dates told against another event rather than the calendar, read from the dependency parse.

- "Police dispersed mourners on Sunday, two days after a bombing": the bombing lies in the complement of
  "after", so it is not Sunday's event; it is two days before the date the rest of the sentence gives
  (or, without one, the date the story was telling). "before" counts forward.
- "Six days earlier, he had accused ...": an event two sentences on from Sunday's is six days before it.
- "Investigators said on Monday that the market was hit last week": Monday is when it was said; the
  event's own clause has its date.
- "the deadliest attack this year": "this year" bounds the superlative, it does not date the attack.

The words (connectors, adverbs, units, reporting verbs) are data: data/time_relations.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan, Token

from eventatlas.extract.lexicon import time_relations
from eventatlas.records import EventDate

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


@dataclass(frozen=True)
class TemporalLink:
    """Where an event lies against the one its sentence (or story) dates: sign -1 before, +1 after;
    `connector` is the word that says so ("after", "earlier"); `measure` the "two days" before it."""
    sign: int
    connector: Token
    measure: Token | None


def _npadvmod(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "npadvmod" and c.lower_ in time_relations()["units"]), None)


def temporal_complement(tok: Token) -> TemporalLink | None:
    """When `tok` lies in the complement of "after"/"before" ("two days after a bombing killed ...",
    "after the raid"): which side of the sentence's own date it lies on, and how far."""
    connectors = time_relations()["connectors"]
    t = tok
    while True:
        if t.dep_ == "pobj" and t.head.lower_ in connectors:
            return TemporalLink(connectors[t.head.lower_], t.head, _npadvmod(t.head) or _npadvmod(t))
        mark = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in connectors), None)
        if mark is not None:
            return TemporalLink(connectors[mark.lower_], mark, _npadvmod(t) or _npadvmod(mark))
        if t.head.i == t.i:
            return None
        t = t.head


def relative_adverb(head: Token) -> TemporalLink | None:
    """"Six days earlier, he had accused the RSF of shelling ...": an adverb with a measure on the event's
    clause or a clause above it."""
    adverbs = time_relations()["adverbs"]
    for t in (head, *head.ancestors):
        for c in t.children:
            if c.dep_ == "advmod" and c.lower_ in adverbs and (measure := _npadvmod(c)) is not None:
                return TemporalLink(adverbs[c.lower_], c, measure)
    return None


def _count(measure: Token) -> tuple[int, bool] | None:
    """("two days" -> 2, "less than two weeks" -> 14 and within); None when the number is unreadable."""
    rel = time_relations()
    unit = rel["units"][measure.lower_]
    number = next((c for c in measure.children if c.dep_ in ("nummod", "det")), None)
    if number is None:
        return (0, False) if unit == 0 else None  # "hours after": the same day
    n = int(number.text) if number.text.isdigit() else _NUMBERS.get(number.lower_)
    if n is None:
        return None
    within = any(g.lower_ in rel["within"] for g in number.subtree)
    return n * unit, within


def offset_date(link: TemporalLink, anchor: date) -> EventDate | None:
    """The date `link` gives an event against `anchor`; None when it gives no distance ("after the raid")."""
    if link.measure is None:
        return None
    counted = _count(link.measure)
    if counted is None:
        return None
    days, within = counted
    text = " ".join(t.text for t in link.measure.subtree) + " " + link.connector.text
    there = anchor + timedelta(days=link.sign * days)
    if within:
        start, end = sorted((there, anchor))
        return EventDate(text=text, start=start.isoformat(), end=end.isoformat(), precision="week")
    return EventDate(text=text, start=there.isoformat(), end=there.isoformat(), precision="day")


def said_when(span: SpacySpan, head: Token) -> bool:
    """Whether a date is on a reporting verb above the event's clause ("said on Monday that ... was hit")."""
    t = span.root.head if span.root.dep_ == "pobj" else span.root
    verb = t.head if t.dep_ in ("prep", "npadvmod", "advmod") else t
    return verb.lemma_.lower() in time_relations()["reporting"] and any(a.i == verb.i for a in head.ancestors)


def bounds_superlative(span: SpacySpan) -> bool:
    """"the deadliest attack this year", "the largest march since 2019": the date scopes a superlative."""
    t = span.root.head
    return t.tag_ in ("JJS", "RBS") or any(c.tag_ in ("JJS", "RBS") for c in t.children)
