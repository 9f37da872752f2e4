"""Datelines ("KHAN YOUNIS, Gaza Strip - ", "SAN SALVADOR, 3 JAN 90 -- ", "LONDON (Reuters) - ") say where and
when a story was filed. Parsed as part of the first sentence they wreck it ("KHAN YOUNIS" becomes the
subject of "killed"), so the parser sees them blanked out, with every offset unchanged."""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"\s*[A-Z][A-Za-z .'-]{2,40}?(,[^\n]{0,60}?)?(\([A-Za-z .-]{2,40}\))?\s*(--|—|–|-|:)\s+(?=[A-Z\"“])")


def dateline_end(text: str, start: int = 0) -> int:
    """Where the dateline that opens the body at `start` ends (0 when there is none). Only an opening in
    capitals counts, so an ordinary first sentence with a dash is not mistaken for one. Page furniture
    before it ("Share this article") does not count as the opening."""
    from eventatlas.nlp.furniture import skip_furniture

    m = _DATELINE.match(text, skip_furniture(text, start))
    if not m:
        return 0
    head = m.group(0).split(",")[0].split("(")[0].strip()
    letters = [c for c in head if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.8:
        return 0
    return m.end()


def blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) blanked to spaces (line breaks kept): same length, same offsets."""
    return text[:start] + "".join(c if c in "\r\n" else " " for c in text[start:end]) + text[end:]


def blank_dateline(text: str, start: int = 0) -> str:
    end = dateline_end(text, start)
    return blank(text, start, end) if end else text
