"""Is this text English? A stopword-ratio check: no model, no download, a few microseconds per article.

The pipeline's spaCy model and lexicons are English-only, so a non-English article would come out as
noise (or nothing) further down; better to reject it here with a reason a person can act on."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.data import read_table, read_words

# Enough of an article to judge it; the check must stay cheap on 5 MB inputs.
_SAMPLE_CHARS = 20_000
# Below this many words a ratio says little, so only clear evidence of another language rejects.
_SHORT = 12
# Share of words that must be English function words. On the gold news sets English articles have a
# median of 0.32-0.41 and 0.08 at the very least (a headline-heavy snippet); other languages score 0-0.05
# once their own function words are counted too.
MIN_ENGLISH_RATIO = 0.07

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class Verdict:
    english: bool
    reason: str | None  # why not, for the Rejection
    english_ratio: float
    words: int


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    return read_words("eventatlas.ingest", "english_function_words.txt")


@lru_cache(maxsize=1)
def other_words() -> dict[str, frozenset[str]]:
    by_lang: dict[str, set[str]] = {}
    for row in read_table("eventatlas.ingest", "other_function_words.tsv"):
        by_lang.setdefault(row["lang"], set()).add(row["word"].strip().lower())
    return {lang: frozenset(ws) for lang, ws in by_lang.items()}


def _script(ch: str) -> str:
    # The first word of a letter's Unicode name is its script (LATIN, CYRILLIC, ARABIC, CJK, HANGUL, ...).
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _main_foreign_script(sample: str) -> str | None:
    letters = len(_LETTER.findall(sample))
    ascii_letters = len(_ASCII_LETTER.findall(sample))
    if letters - ascii_letters <= letters / 2:
        return None  # mostly plain Latin letters: no need to name each character's script
    scripts = Counter(_script(ch) for ch in sample if ch.isalpha() and not ch.isascii())
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count > letters / 2:
        return "CJK" if script == "CJK" else script.capitalize()
    return None


def check_english(text: str) -> Verdict:
    sample = text[:_SAMPLE_CHARS]
    script = _main_foreign_script(sample)
    if script:
        return Verdict(False, f"not English (mostly {script} script)", 0.0, 0)
    words = [w.lower() for w in _WORD.findall(sample)]
    n = len(words)
    if not n:
        return Verdict(False, "no words in the text", 0.0, 0)
    counts = Counter(words)
    hits = sum(counts[w] for w in english_words() & counts.keys())
    en = hits / n
    lang, other = max(((lang, sum(counts[w] for w in ws & counts.keys()) / n)
                       for lang, ws in other_words().items()), key=lambda x: x[1])
    if n < _SHORT:
        # One shared short word ("in", "a") is weak evidence; letters with diacritics tip it away from English.
        ascii_only = all(ch.isascii() for w in words for ch in w)
        ok = en > other and (hits >= 2 or (hits == 1 and ascii_only))
    else:
        ok = en >= MIN_ENGLISH_RATIO and en > other
    if ok:
        return Verdict(True, None, en, n)
    hint = f"; reads as {lang}" if other > en else ""
    return Verdict(False, f"not English ({en:.0%} English function words{hint})", en, n)


def is_english(text: str) -> bool:
    return check_english(text).english
