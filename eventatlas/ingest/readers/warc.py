"""WARC web archives (.warc, .warc.gz): every HTML response record is a page to read with trafilatura."""

from __future__ import annotations

import zlib
from typing import Iterator

from eventatlas.config import Settings
from eventatlas.ingest.readers.html import declared_charset, html_article
from eventatlas.ingest.sources import Item, Source, reader
from eventatlas.ingest.validate import IngestError, check_size, decode
from eventatlas.records import Rejection


@reader("warc", ".warc", ".warc.gz", ".arc", ".arc.gz", streamed=True)
def read_warc(source: Source, settings: Settings) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = source.head(4096)
    try:
        inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head) if head[:2] == b"\x1f\x8b" else head
    except zlib.error:
        inner = b""
    if not inner.startswith((b"WARC/", b"filedesc://")):
        # warcio reads almost any text as an ARC record; only a real header makes it an archive
        raise IngestError("not a readable WARC file (no WARC/ header at the start)")
    pages = 0
    with source.open() as f:
        try:
            for record in ArchiveIterator(f, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue  # requests, metadata, DNS records: not pages
                ctype = record.http_headers.get_header("Content-Type") or ""
                status = record.http_headers.get_statuscode() or ""
                # Images, scripts and redirects are part of a crawl, not articles that failed.
                if "html" not in ctype.lower() or not status.startswith("2"):
                    continue
                pages += 1
                uri = record.rec_headers.get_header("WARC-Target-URI")
                name = f"{source.name}#{uri or pages}"
                yield _page(record, ctype, uri, name, settings)
        except ArchiveLoadFailed as err:
            raise IngestError(f"not a readable WARC file ({str(err).splitlines()[0][:80]})") from None
        except (EOFError, OSError, ValueError, AttributeError, zlib.error):
            # warcio meets a record cut short or a header it cannot parse in many ways, some of them its own bugs
            raise IngestError("not a readable WARC file (a record is damaged or cut short)") from None
    if not pages:
        raise IngestError("WARC holds no HTML response records")


def _page(record, ctype: str, uri: str | None, name: str, settings: Settings) -> Item:
    try:
        data = record.content_stream().read(settings.max_bytes + 1)
        check_size(len(data), settings, "page")
        charset = ctype.lower().partition("charset=")[2].strip(" \"';") or declared_charset(data)
        return html_article(decode(data, charset), url=uri, name=name, settings=settings)
    except IngestError as err:
        return Rejection(name, "ingest", str(err))
