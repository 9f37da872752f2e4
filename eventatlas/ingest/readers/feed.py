"""RSS and Atom feeds: each entry an article; its content (or summary) is the text, the feed's title the outlet."""

from __future__ import annotations

from typing import Iterator

from eventatlas.config import Settings
from eventatlas.ingest.readers.html import fragment_text
from eventatlas.ingest.sources import Item, Source, reader
from eventatlas.ingest.validate import IngestError, build, looks_binary
from eventatlas.records import Rejection


def _entry_text(entry) -> str | None:
    # Full content beats the summary; some feeds carry several content parts (plain and HTML): take the longest.
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary") or entry.get("description")


def _entry_date(entry):
    # The date string as written keeps the publisher's day; feedparser's *_parsed forms are shifted to UTC.
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return entry[key]
    return entry.get("published_parsed") or entry.get("updated_parsed")


@reader("feed", ".rss", ".atom", ".xml", ".rdf")
def read_feed(source: Source, settings: Settings) -> Iterator[Item]:
    import feedparser

    data = source.read()
    if looks_binary(data):
        raise IngestError("binary file (NUL bytes), not a feed")
    parsed = feedparser.parse(data, response_headers={"content-location": source.url or ""})
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = str(parsed.get("bozo_exception") or "unreadable XML").splitlines()[0][:80]
            raise IngestError(f"not a valid RSS/Atom feed ({problem})")
        raise IngestError("feed has no entries")
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, start=1):
        name = f"{source.name}#{i}"
        text = _entry_text(entry)
        if not text:
            yield Rejection(name, "ingest", "feed entry has no content or summary")
            continue
        meta = {"title": entry.get("title"), "url": entry.get("link"), "outlet": outlet,
                "published": _entry_date(entry)}
        yield build(fragment_text(text), meta, name, settings)
