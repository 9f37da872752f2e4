"""Plain text: the article, optionally led by a "Key: value" header block or a title line."""

from __future__ import annotations

import re
from typing import Iterator

from eventatlas.config import Settings
from eventatlas.ingest.sources import Item, Source, reader
from eventatlas.ingest.validate import build, decode

_HEADER_KEYS = {"title": "title", "headline": "title", "url": "url", "link": "url", "outlet": "outlet",
                "source": "outlet", "published": "published", "date": "published"}
_HEADER_LINE = re.compile(r"^([A-Za-z]+)[ \t]*:[ \t]*(.*\S)[ \t]*$")
# A first line this short, followed by a blank line and not ending like a sentence, is the headline.
_TITLE_MAX = 200


# The first paragraph break, whatever the file's line ends.
_BREAK = re.compile(r"\r?\n[ \t]*\r?\n|\r[ \t]*\r")


def split_header(text: str) -> tuple[dict[str, str], int]:
    """(metadata, where the body starts) for an article file: a header block of known keys, else a headline
    line, else none (0). The text itself is left as it is, so offsets into it index the file."""
    lead = len(text) - len(text.lstrip("\r\n"))
    brk = _BREAK.search(text, lead)
    if brk is None or not text[brk.end():].strip():
        return {}, 0
    lines = text[lead:brk.start()].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields = [_HEADER_LINE.match(ln) for ln in lines]
    if all(m and m[1].lower() in _HEADER_KEYS for m in fields):
        return {_HEADER_KEYS[m[1].lower()]: m[2] for m in fields if m}, brk.end()
    first = lines[0].strip()
    if len(lines) == 1 and first and len(first) <= _TITLE_MAX and not first.endswith((".", ",", ";", ":")):
        return {"title": first}, brk.end()
    return {}, 0


@reader("text", ".txt", ".text", ".md")
def read_text(source: Source, settings: Settings) -> Iterator[Item]:
    text = decode(source.read(), source.charset)
    meta, body_start = split_header(text)
    if source.url:
        meta.setdefault("url", source.url)
    yield build(text, meta, source.name, settings, body_start=body_start)
