"""HTML pages: trafilatura finds the article among the page chrome and reads its metadata."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator

from eventatlas.config import Settings
from eventatlas.ingest.sources import Item, Source, reader
from eventatlas.ingest.validate import IngestError, build, decode, tidy

# Fewer words than this after extraction means trafilatura found menus and footers, not an article.
MIN_ARTICLE_WORDS = 8
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head[:4096])
    return m[1].decode("ascii") if m else None


def html_article(html: str, *, url: str | None, name: str, settings: Settings) -> Item:
    import trafilatura  # slow to import; only pay for it when there is HTML to read

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False)
    text = (result.text or "") if result is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise IngestError("no article text in the HTML (only menus, links or boilerplate)")
    title = result.title
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]  # the headline repeated as the first line of the body
    # trafilatura puts one paragraph a line; blank lines between them are what the rest of the pipeline reads.
    meta = {"title": title, "published": result.date, "outlet": result.sitename, "url": result.url or url}
    return build(tidy("\n\n".join(lines)), meta, name, settings)


@reader("html", ".html", ".htm", ".xhtml", ".shtml", ".php", ".aspx")
def read_html(source: Source, settings: Settings) -> Iterator[Item]:
    data = source.read()
    html = decode(data, source.charset or declared_charset(data))
    yield html_article(html, url=source.url, name=source.name, settings=settings)


class _TextOfFragment(HTMLParser):
    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
               "article", "figcaption"}
    _SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


_HAS_TAGS = re.compile(r"<(?:p|div|br|span|a|li|b|i|em|strong|img|h[1-6])\b[^>]*>", re.I)


def fragment_text(value: str) -> str:
    """Text of an HTML fragment (a feed entry's content, a JSON body with markup); plain text as is.
    Not trafilatura: a fragment has no page chrome to strip, and trafilatura drops short ones."""
    if not _HAS_TAGS.search(value):
        return value  # plain text, as the user gave it
    parser = _TextOfFragment()
    parser.feed(value)
    parser.close()
    paragraphs = (re.sub(r"[ \t\r\n]+", " ", p).strip() for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
