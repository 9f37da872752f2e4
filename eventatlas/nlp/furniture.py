"""Page furniture in text and JSONL dumps ("Related stories", "Share on Facebook | Share on X", "Photo: ...",
"© 2026 The Daily Example", "Advertisement") is not article text: no event or claim may come from it. The
parser sees it blanked (same length, same offsets); readers that want the article alone can drop the lines
`furniture_lines` finds. The phrases are data: nlp/data/furniture.yaml."""

from __future__ import annotations

import functools
import re

from eventatlas.data import read_yaml

_LINE = re.compile(r"[^\n]+")
_LEAD = " \t\u2022*-–—>|"


@functools.cache
def _phrases() -> tuple[tuple[str, ...], frozenset[str]]:
    data = read_yaml("eventatlas.nlp", "furniture.yaml")
    return tuple(s.lower() for s in data["starts"]), frozenset(w.lower() for w in data["whole"])


def is_furniture(line: str) -> bool:
    starts, whole = _phrases()
    low = line.strip().lstrip(_LEAD).lower()
    if not low:
        return False
    return low.rstrip(" :.") in whole or low.startswith(starts) or " | share on " in low


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` that is page furniture."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if is_furniture(m.group(0))]


def blank_furniture(text: str) -> str:
    """`text` with its furniture lines blanked to spaces: same length, same offsets."""
    spans = furniture_lines(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def skip_furniture(text: str, start: int = 0) -> int:
    """Where the body really begins at or after `start`: past blank lines and leading furniture."""
    pos = start
    for m in _LINE.finditer(text, start):
        if text[pos:m.start()].strip():
            break
        if m.group(0).strip() and not is_furniture(m.group(0)):
            return m.start()
        pos = m.end()
    return start
