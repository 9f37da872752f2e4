"""The ingest stage: files, folders, feeds, dumps and URLs in; Documents (or Rejections) out.

    for item in read_inputs(["articles/", "feed.xml", "https://example.org/story"]):
        ...  # a Document, or a Rejection naming the input and why it was refused

Nothing is read until the generator is advanced, so a CLI can show progress against count_inputs()."""

from __future__ import annotations

from typing import Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.ingest import readers as _readers  # noqa: F401  (registers the built-in readers)
from eventatlas.ingest.credits import find_credits
from eventatlas.ingest.dates import normalise_date
from eventatlas.ingest.document import content_id, make_document
from eventatlas.ingest.provenance import fill_metadata
from eventatlas.ingest.language import check_english, is_english
from eventatlas.ingest.sources import READERS, Reader, Source, choose_kind, estimate, expand, reader, read_stdin
from eventatlas.ingest.validate import IngestError, check_size
from eventatlas.reasons import failure_reason
from eventatlas.records import Document, Rejection

__all__ = [
    "READERS", "Reader", "Source", "IngestError", "read_inputs", "read_source", "count_inputs", "reader",
    "find_credits", "normalise_date", "check_english", "is_english", "content_id", "make_document",
]


def read_inputs(paths: Iterable[str], settings: Settings | None = None, *, published: str | None = None,
                outlet: str | None = None) -> Iterator[Document | Rejection]:
    """Documents from files, folders (recursed, sorted, hidden files skipped), "-" (stdin) and http(s)
    URLs; every input that cannot be read comes out as a Rejection instead, and the rest goes on.
    A document without a publication date or outlet takes what its text says (ingest.provenance), then
    `published` / `outlet`."""
    settings = settings or Settings()
    for item in expand(paths):
        if isinstance(item, Rejection):
            yield item
            continue
        for out in read_source(item, settings):
            yield out if isinstance(out, Rejection) else fill_metadata(out, published=published, outlet=outlet)


def read_source(source: Source, settings: Settings) -> Iterator[Document | Rejection]:
    kind = "input"
    try:
        if source.name == "<stdin>" and source.data is None:
            source.data = read_stdin(settings)
        elif source.url and source.data is None:
            from eventatlas.ingest.fetch import fetch
            source = fetch(source.url, settings)
        source.max_bytes = settings.max_bytes
        kind = choose_kind(source)
        chosen = READERS.get(kind)
        if not chosen.streamed:
            check_size(source.size(), settings)
        yield from chosen.read(source, settings)
    except IngestError as err:
        yield Rejection(source.name, "ingest", str(err))
    except PermissionError:
        yield Rejection(source.name, "ingest", "permission denied")
    except IsADirectoryError:
        yield Rejection(source.name, "ingest", "is a folder, not a file")
    except OSError as err:
        yield Rejection(source.name, "ingest", f"unreadable ({err.strerror or err})")
    except Exception as err:  # noqa: BLE001 - a reader's bug on one input must not end the batch
        yield Rejection(source.name, "ingest", failure_reason(err, f"the {kind} reader"))


def count_inputs(paths: Iterable[str]) -> int:
    """About how many items read_inputs will yield, without parsing anything: one per file, URL or stdin,
    one per line of JSONL and CSV/TSV dumps. Feeds and WARC files count as one (an underestimate)."""
    total = 0
    for item in expand(paths):
        total += 1 if isinstance(item, Rejection) else estimate(item)
    return total


