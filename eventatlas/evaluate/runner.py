"""Running the installed pipeline over gold texts: in-process or in worker processes (one per core),
results in input order, a progress bar on stderr, and one broken text never stopping a set."""

from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Callable, Iterable, Sequence

from eventatlas.records import ArticleResult, Event, Rejection

# (text, publication date YYYY-MM-DD or None), or the keyword arguments of ingest.make_document for a set that
# gives more of what a user's article has (title, url, outlet)
Item = tuple[str, str | None] | dict
_CHUNK = 16
_worker_pipeline = None


def default_jobs() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform has affinity
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


def _documents(items: Sequence[Item]):
    from eventatlas.ingest import make_document
    return [make_document(**item) if isinstance(item, dict) else make_document(item[0], published=item[1])
            for item in items]


def _run_chunk(pipeline, items: Sequence[Item]) -> list[ArticleResult | Rejection]:
    return [outcome for _doc, outcome in pipeline.process_safely(_documents(items))]


def _init_worker(settings) -> None:
    global _worker_pipeline
    from eventatlas.atlas import Atlas
    _worker_pipeline = Atlas(settings).pipeline


def _work(items: Sequence[Item]) -> list[ArticleResult | Rejection]:
    return _run_chunk(_worker_pipeline, items)


class Runner:
    """Turns gold texts into ArticleResults; a text the pipeline rejects comes back as None (scored as
    predicting nothing), so a set is always scored over all of its items."""

    def __init__(self, jobs: int | None = None, settings=None, progress: bool = True):
        self.jobs = jobs or default_jobs()
        self.settings = settings
        self.progress = progress
        self._pipeline = None
        self._pool = None
        self.rejections: list[str] = []  # one line per text the pipeline rejected, over all runs

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _bar(self, total: int, desc: str):
        from tqdm import tqdm
        return tqdm(total=total, desc=desc, unit="text", file=sys.stderr, disable=not self.progress,
                    leave=False, dynamic_ncols=True)

    def run(self, items: Sequence[Item], desc: str = "texts") -> list[ArticleResult | None]:
        chunks = [items[i:i + _CHUNK] for i in range(0, len(items), _CHUNK)]
        results: list[ArticleResult | None] = []
        with self._bar(len(items), desc) as bar:
            for part in self._map(chunks):
                for outcome in part:
                    if isinstance(outcome, Rejection):
                        self.rejections.append(f"{desc} item {len(results) + 1}: {outcome.stage}: {outcome.reason}")
                        results.append(None)
                    else:
                        results.append(outcome)
                bar.update(len(part))
        return results

    def _map(self, chunks: list) -> Iterable[list[ArticleResult | Rejection]]:
        if self.jobs <= 1 or len(chunks) <= 1:
            if self._pipeline is None:
                from eventatlas.atlas import Atlas
                self._pipeline = Atlas(self.settings).pipeline
            return (_run_chunk(self._pipeline, c) for c in chunks)
        if self._pool is None:
            # spawn: workers load their own pipeline instead of inheriting a half-copied parent state
            ctx = multiprocessing.get_context("spawn")
            self._pool = ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.settings,))
        return self._pool.imap(_work, chunks)


def top_event(result: ArticleResult | None, keep: Callable[[Event], bool] | None = None) -> Event | None:
    """The most confident event (the first on a tie), optionally among those `keep` accepts."""
    if result is None:
        return None
    events = [e for e in result.events if keep is None or keep(e)]
    return max(events, key=lambda e: e.confidence) if events else None
