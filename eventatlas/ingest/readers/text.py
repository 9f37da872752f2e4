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


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body) from an article file: a header block of known keys, else a headline line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    head, sep, body = text.partition("\n\n")
    lines = head.split("\n")
    fields = [_HEADER_LINE.match(ln) for ln in lines]
    if sep and body.strip() and all(m and m[1].lower() in _HEADER_KEYS for m in fields):
        return {_HEADER_KEYS[m[1].lower()]: m[2] for m in fields if m}, body
    first = lines[0].strip()
    if (sep and body.strip() and len(lines) == 1 and len(first) <= _TITLE_MAX
            and not first.endswith((".", ",", ";", ":"))):
        return {"title": first}, body
    return {}, text


@reader("text", ".txt", ".text", ".md")
def read_text(source: Source, settings: Settings) -> Iterator[Item]:
    meta, body = split_header(decode(source.read(), source.charset))
    if source.url:
        meta.setdefault("url", source.url)
    yield build(body, meta, source.name, settings)
