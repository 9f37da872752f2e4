"""Making a Document: its id is a hash of the normalised text, so the same article read twice is one document."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from eventatlas.records import Document

_WS = re.compile(r"\s+")


def content_id(text: str) -> str:
    norm = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def make_document(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = "en",
    source: str | None = None,
) -> Document:
    return Document(
        id=content_id(text), text=text, title=title, url=url, outlet=outlet,
        published=published, language=language, source=source,
    )
