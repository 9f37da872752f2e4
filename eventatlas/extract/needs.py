"""The context a low-weight trigger needs before it counts ("fall" only with "to"/"into", "hand" only with
"over"), read from extract/data/trigger_needs.tsv and interpreted here. The file's header explains the
condition language."""

from __future__ import annotations

import functools
from typing import Callable

from spacy.tokens import Token

from eventatlas.extract.lexicon import rows, words

Condition = Callable[[Token], bool]


def object_in(tok: Token, wanted: set[str] | frozenset[str]) -> bool:
    """An object, passive subject or dative of `tok` (or a with/of phrase on it) holds one of `wanted`."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "dative") and (c.lower_ in wanted or c.lemma_.lower() in wanted):
            return True
        if c.dep_ in ("dobj", "nsubjpass") and any(g.lower_ in wanted for g in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ in ("with", "of") and any(g.lower_ in wanted for g in c.subtree):
            return True
    return False


def _word_set(spec: str) -> frozenset[str]:
    out: set[str] = set()
    for item in spec.split(","):
        item = item.strip()
        out |= words(item[1:]) if item.startswith("@") else {item}
    return frozenset(out)


def _child(deps: frozenset[str], wanted: frozenset[str] | None, by_lemma: bool) -> Condition:
    def test(t: Token) -> bool:
        return any(c.dep_ in deps and (wanted is None or (c.lemma_ if by_lemma else c.lower_) in wanted)
                   for c in t.children)
    return test


def _atom(text: str) -> Condition:
    text = text.strip()
    if text.startswith("!"):
        inner = _atom(text[1:])
        return lambda t: not inner(t)
    if text == "always":
        return lambda t: True
    for op in ("=", "~"):
        if op in text:
            key, _, spec = text.partition(op)
            wanted = _word_set(spec)
            break
    else:
        return _child(_word_set(text), None, False)
    key = key.strip()
    if key == "left" and op == "=":
        return lambda t: any(c.lower_ in wanted for c in t.lefts)
    if key == "head" and op == "=":
        return lambda t: t.head.lower_ in wanted
    if key == "object" and op == "=":
        return lambda t: object_in(t, wanted)
    if key == "pos" and op == "=":
        return lambda t: t.pos_ in wanted
    return _child(_word_set(key), wanted, by_lemma=op == "~")


def parse_condition(text: str) -> Condition:
    """'a & b ; c' -> a function of the trigger token that is true when (a and b) or c holds."""
    alternatives = []
    for alt in text.split(";"):
        parts = [_atom(p) for p in alt.split("&")]
        alternatives.append(lambda t, parts=parts: all(p(t) for p in parts))
    return lambda t: any(a(t) for a in alternatives)


@functools.cache
def trigger_needs() -> dict[str, Condition]:
    """lemma -> the condition its trigger needs."""
    return {r["lemma"]: parse_condition(r["needs"]) for r in rows("trigger_needs.tsv")}
