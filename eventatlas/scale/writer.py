"""What every ingest path (one process, --jobs, Dask) writes through: the inputs that need no processing
are settled first (rejections recorded, files of the store itself skipped, stored articles counted), and
results go to the store in the order given, a transaction of several articles at a time, and each
article stored is handed to `after_store` (the control stage) once its transaction is committed."""

from __future__ import annotations

import os
import time
from typing import Callable, Iterable, Iterator

from eventatlas.reasons import failure_reason
from eventatlas.records import ArticleResult, Document, Rejection

# A transaction holds up to this many articles (settings.write_batch), or what arrived within this many
# seconds: one commit per article would rewrite the same index pages once per article (SQLite writes ~2x the
# bytes per event).
BATCH_ARTICLES = 32
BATCH_SECONDS = 2.0


class BatchWriter:
    """Writes outcomes (ArticleResult or Rejection) to a store in the order they are added, counting them
    in `summary` (pipeline.IngestSummary) and calling `progress` once per article written. after_store:
    called with each article stored, in order; what it raises is that article's rejection (stage
    'control'), the article staying stored and the batch going on."""

    def __init__(self, store, summary, *, progress: Callable[[], None] | None = None,
                 batch: int = BATCH_ARTICLES, seconds: float = BATCH_SECONDS,
                 after_store: Callable[[ArticleResult], object] | None = None):
        self.store, self.summary, self.progress = store, summary, progress
        self.after_store = after_store
        self.batch, self.seconds = batch, seconds
        self._pending: list[ArticleResult] = []
        self._since = time.monotonic()

    def add(self, outcome: ArticleResult | Rejection) -> None:
        if isinstance(outcome, Rejection):
            self.reject(outcome)
            return
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append(outcome)
        if len(self._pending) >= self.batch or time.monotonic() - self._since >= self.seconds:
            self.flush()

    def reject(self, rej: Rejection) -> None:
        self.summary.rejected += 1
        self.summary.rejections.append(rej)
        self.store.add_rejection(rej)
        self._tick()

    def settled(self) -> None:
        """An input that needed nothing written (already stored, or the store's own file)."""
        self._tick()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            outcomes = self.store.add_results(pending)
        except (ValueError, UnicodeError):
            # an article the store refuses (an event id another document has, text it cannot encode) must
            # not take the others down with it: each goes alone, and the one refused is recorded as rejected
            outcomes = [self._alone(result) for result in pending]
        for result, stored in zip(pending, outcomes):
            if stored is None:
                continue
            if stored:
                self._after(result)
                self.summary.documents += 1
                self.summary.events += len(result.events)
                self.summary.claims += len(result.claims)
            else:
                self.summary.duplicates += 1
            self._tick()

    def _alone(self, result: ArticleResult) -> bool | None:
        """Store one article by itself; None when the store refuses it (then recorded as a rejection). A
        fault of the store itself (disk full, database gone) still stops the run."""
        try:
            return self.store.add_result(result)
        except (ValueError, UnicodeError) as exc:
            self.reject(Rejection(_name(result), "store", failure_reason(exc, "storing the results")))
            return None

    def _after(self, result: ArticleResult) -> None:
        if self.after_store is None:
            return
        try:
            self.after_store(result)
        except Exception as exc:  # noqa: BLE001 - the article is stored; a later stage's bug must not stop the batch
            rej = Rejection(_name(result), "control", failure_reason(exc, "the control stage"))
            self.summary.rejected += 1
            self.summary.rejections.append(rej)
            self.store.add_rejection(rej)

    def _tick(self) -> None:
        if self.progress:
            self.progress()


def _name(result: ArticleResult) -> str:
    doc = result.document
    return doc.source or doc.url or doc.id


def _real(name: str) -> str:
    """The path a name points to, as far as it can be followed (never an error: a loop stays as named)."""
    try:
        return os.path.realpath(name)
    except (OSError, ValueError):
        return name


def store_files(skip: Iterable[str]) -> set[str]:
    """The files a SQLite store at these paths is made of (it may sit in the folder being read)."""
    return {_real(p) for base in skip if "://" not in base
            for p in (base, base + "-wal", base + "-shm", base + "-journal")}


def fresh_documents(inputs: Iterable[Document | Rejection], store, writer: BatchWriter,
                    skip: Iterable[str] = ()) -> Iterator[Document]:
    """The documents that need processing: rejections are recorded, the store's own files skipped, and
    articles already stored counted as duplicates, as they come."""
    skipped = store_files(skip)
    for item in inputs:
        name = item.input if isinstance(item, Rejection) else item.source
        if name and skipped and _real(name) in skipped:
            writer.settled()
        elif isinstance(item, Rejection):
            writer.reject(item)
        elif store.has_document(doc_id=item.id, url=item.url):
            writer.summary.duplicates += 1
            writer.settled()
        else:
            yield item
