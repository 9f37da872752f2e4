"""All-capitals wire text ("GUERRILLAS WERE KILLED IN CLASHES") and lower-cased research corpora ("guerrillas
were killed in clashes in usulutan") defeat spaCy's tagger, lemmatizer and NER.

`truecase` rewrites either in sentence case and capitalises the names it knows (countries, nationalities,
actors, months, large places: see `Names`). Only letter case changes, so every character offset
into the original text stays valid."""

from __future__ import annotations

import re
from typing import Protocol

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
_ALWAYS = {"i"}


def is_shouting(text: str, threshold: float = 0.7) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) / len(letters) >= threshold


def is_lowercased(text: str, threshold: float = 0.01) -> bool:
    """Text with (almost) no capital letters at all, as research corpora lower-case it: names and sentence
    starts are lost to the tagger as much as in all-capitals copy."""
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) / len(letters) < threshold


def needs_truecasing(text: str) -> bool:
    """All capitals or no capitals: letter case tells the parser nothing either way."""
    return is_shouting(text) or is_lowercased(text)


class Names(Protocol):
    """Which lower-cased phrases are names to capitalise; the pipeline builds one from the lexicons and the
    geocoder (pipeline.KnownNames), so this stage needs neither."""

    def is_name(self, phrase: str, n_words: int) -> bool: ...


def _starts_sentence(text: str, start: int) -> bool:
    """Does a sentence start at `start`: after . ! ?, a blank line, a spaced dash, or nothing at all?
    Only the characters just before `start` are looked at (a pattern searched over all the text before
    each word made truecasing quadratic in the length of the text)."""
    gap = start
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    if gap == 0 or text[gap - 1] in ".!?" or text.count("\n", gap, start) >= 2:
        return True
    dash = 2 if text[max(0, gap - 2):gap] == "--" else 1 if text[gap - 1] in "\u2014\u2013" else 0
    return bool(dash) and gap > dash and text[gap - dash - 1].isspace()


def _lower_keep_length(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def truecase(text: str, names: Names) -> str:
    """Sentence-case `text`, capitalising known names; the result has exactly the same length."""
    low = _lower_keep_length(text)
    chars = list(low)
    words = list(_WORD.finditer(low))
    i = 0
    while i < len(words):
        m = words[i]
        span = None
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = low[m.start():words[i + n - 1].end()]
            if " " not in phrase.replace("  ", " ") and n > 1 and phrase.count(" ") != n - 1:
                continue
            if not (n == 1 and phrase in STOP_WORDS) and names.is_name(phrase, n):
                span = (i, i + n)
                break
        if span is None:
            start = m.start()
            if _starts_sentence(low, start) or m.group(0) in _ALWAYS:
                chars[start] = chars[start].upper()
            i += 1
            continue
        for w in words[span[0]:span[1]]:
            if w.group(0) not in ("of", "the", "de", "del", "la", "al", "el") or w is words[span[0]]:
                chars[w.start()] = chars[w.start()].upper()
        i = span[1]
    return "".join(chars)
