"""People's names in a parsed article, so that a word of one is not read as a place.

News names a person in full once ("Jess Harlow") and by one word after that ("Harlow said", "Harlow's
lawyer"); many surnames and given names are also towns somewhere (Harlow, Whitby, Florence). spaCy
tags the full name as PERSON far more reliably than the bare word, so the full names tell which bare words are
people. Only entities shaped like a person's name count: two to four capitalised words (particles such as
"de" or "bin" between them), none of them a place noun ("Harlan Colony", "Lufkin Police Chief ..." are no
one's name). The words that tell a person or a plain word from a place (titles, institution nouns) are data
(data/name_cues.tsv)."""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).with_name("data")
MAX_NAME_WORDS = 4


@functools.lru_cache(maxsize=None)
def name_cues(kind: str) -> frozenset[str]:
    """The words of data/name_cues.tsv of one kind: "title" (before a person's name), "institution" (after a
    place's name)."""
    with open(DATA / "name_cues.tsv", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    return frozenset(w.lower() for w, k in rows if k == kind)


# What the tagger calls a lone capitalised word that is an ordinary word, not a name: "Can the council",
# "Wash the fruit", "Strong winds", "Over the weekend". A place name is a proper noun or, now and then, a noun.
NOT_A_NAME_POS = {"VERB", "AUX", "ADP", "ADJ", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "PART", "NUM", "INTJ"}
# The words a name cannot start with: "As Morgan's fortunes rose", "But state rules differ".
NOT_A_NAME_START_POS = {"AUX", "ADP", "PRON", "SCONJ", "CCONJ", "PART", "NUM"}


def name_shaped_persons(ents: list[tuple[int, int, str]], is_name: list[bool], joinable: list[bool],
                        lower: list[str], place_nouns: set[str]) -> list[tuple[int, int]]:
    """Token spans of the PERSON entities that look like a person's full name."""
    out = []
    for s, e, label in ents:
        if label != "PERSON" or not 2 <= e - s <= MAX_NAME_WORDS:
            continue
        if is_name[s] and is_name[e - 1] and all(joinable[s:e]) and not any(w in place_nouns for w in lower[s:e]):
            out.append((s, e))
    return out


def person_words(persons: list[tuple[int, int]], word: list[str],
                 is_name: list[bool]) -> dict[str, list[tuple[int, int]]]:
    """Each capitalised word of those names -> the full names it is part of."""
    out: dict[str, list[tuple[int, int]]] = {}
    for s, e in persons:
        for k in range(s, e):
            if is_name[k]:
                out.setdefault(word[k], []).append((s, e))
    return out


def names_a_person(k: int, words: dict[str, list[tuple[int, int]]], word: list[str]) -> bool:
    """Whether the lone word at token k is a word of a person's full name given elsewhere in the article."""
    return any(not (s <= k < e) for s, e in words.get(word[k], ()))
