"""All-capitals wire text ("GUERRILLAS WERE KILLED IN CLASHES") defeats spaCy's tagger, lemmatizer and NER.

`truecase` rewrites it in sentence case and capitalises the names it knows (countries, nationalities,
actors, months, large places from the gazetteer). Only letter case changes, so every character offset
into the original text stays valid."""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
_SENT_END = re.compile(r"[.!?]\s*$|\n\s*\n\s*$|^\s*$|\s(--|—|–)\s*$")
_ALWAYS = {"i"}


def is_shouting(text: str, threshold: float = 0.7) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) / len(letters) >= threshold


@functools.cache
def _known_names() -> frozenset[str]:
    import calendar

    import pycountry

    from eventatlas.extract.lexicon import actor_aliases
    from eventatlas.geo.recognize import demonym  # noqa: F401 - imported for its data file below

    names: set[str] = set()
    names.update(m.lower() for m in calendar.month_name if m)
    names.update(m.lower() for m in calendar.month_abbr if m)
    names -= {"may", "march", "mar"}  # a modal and a verb far more often than months in running text
    names.update(d.lower() for d in calendar.day_name)
    for c in pycountry.countries:
        names.add(c.name.lower())
        if getattr(c, "common_name", None):
            names.add(c.common_name.lower())
    _, by_alias = actor_aliases()
    names.update(a for a in by_alias if len(a) > 3)
    names -= {"police", "army", "security forces", "junta", "pentagon"}  # generic nouns, not names
    from eventatlas.data import read_rows
    for row in read_rows("eventatlas.geo", "demonyms.tsv", header=False):
        word = row[0].lower()
        names.update({word, word + "s"})
    return frozenset(names)


def _lower_keep_length(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def truecase(text: str, gazetteer=None) -> str:
    """Sentence-case `text`, capitalising known names; the result has exactly the same length."""
    low = _lower_keep_length(text)
    chars = list(low)
    known = _known_names()
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
            if phrase.strip(".") in known or (gazetteer is not None and _is_big_place(gazetteer, phrase, n)):
                span = (i, i + n)
                break
        if span is None:
            start = m.start()
            if _SENT_END.search(low[:start]) or m.group(0) in _ALWAYS:
                chars[start] = chars[start].upper()
            i += 1
            continue
        for w in words[span[0]:span[1]]:
            if w.group(0) not in ("of", "the", "de", "del", "la", "al", "el") or w is words[span[0]]:
                chars[w.start()] = chars[w.start()].upper()
        i = span[1]
    return "".join(chars)


def _is_big_place(gazetteer, phrase: str, n: int) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS
    if n == 1 and (phrase in STOP_WORDS or len(phrase) < 4):
        return False
    try:
        hits = gazetteer.lookup(phrase, fuzzy=False)
    except Exception:  # noqa: BLE001 - a lookup problem only costs a capital letter
        return False
    from eventatlas.geo.normalize import fold
    floor = 100_000 if n == 1 else 20_000
    # Only a place's own name counts: aliases include abbreviations such as "Mass" and "Cal".
    return any(fold(e.name).lower() == fold(phrase).lower() and (e.kind == "country" or e.population >= floor)
               for e in (hit[0] for hit in hits))
