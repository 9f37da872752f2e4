"""Loose matching of actor and place strings between gold and predictions: case, accents, punctuation
and leading determiners do not count, and one string may contain the other on word boundaries
("the FMLN guerrillas" matches "FMLN"), as head-noun matching in template scoring allows."""

from __future__ import annotations

import re

from unidecode import unidecode

_DROP = {"the", "a", "an", "its", "their", "his", "her", "some", "several", "of", "and", "s"}
_NON_WORD = re.compile(r"[^a-z0-9]+")


def words(text: str | None) -> list[str]:
    if not text:
        return []
    return [w for w in _NON_WORD.split(unidecode(text).lower()) if w]


def key(text: str | None) -> str:
    """Normal form for equality: lower-case ASCII words without determiners."""
    return " ".join(w for w in words(text) if w not in _DROP)


def contains(outer: str, inner: str) -> bool:
    o, i = f" {key(outer)} ", f" {key(inner)} "
    return len(i.strip()) > 0 and i in o


def loose_match(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return False
    g, p = key(gold), key(pred)
    if not g or not p:
        return False
    return g == p or contains(pred, gold) or contains(gold, pred)
