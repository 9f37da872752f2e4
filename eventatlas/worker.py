"""The pipeline in a worker process, so that an article over its wall-clock budget can be stopped.

    with GuardedPipeline(settings) as pipeline:
        for document, outcome in pipeline.process_safely(documents):
            ...  # an ArticleResult, or a Rejection: over budget, the worker died, a stage failed

Why a process and not a timer in this one: what takes too long is C code (spaCy's parser, the regex
engine) or Python code holding state that an exception thrown into it at a random point could leave
half-updated (a lock, a lexicon being loaded, the outlet profiles being learnt). A process can be killed
at any point and leaves nothing behind: the article is rejected with its reason, a fresh worker starts
(it loads the model again: a few seconds, paid only after a timeout), and the batch goes on. A worker
that dies (out of memory, a crash in C) costs the same and no more. The price: what the outlet profiles
had learnt in the killed worker starts again from nothing.

The budget grows with the text: settings.article_seconds for every 10,000 characters (at least one),
for a batch of articles parsed together the budget of their total length. A batch over budget is tried
again one article at a time, so only the article that is slow on its own is rejected."""

from __future__ import annotations

import multiprocessing
import signal
import time
from typing import Callable, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.errors import EventAtlasError
from eventatlas.pipeline import batches
from eventatlas.records import ArticleResult, Document, Rejection

CHARS_PER_BUDGET = 10_000


def budget_seconds(chars: int, settings: Settings) -> float:
    return settings.article_seconds * max(1.0, chars / CHARS_PER_BUDGET)


def build_pipeline(settings: Settings, extractor: str = "rules"):
    """What the worker runs: the pipeline of an Atlas of its own (the model, geocoder and outlet profiles)."""
    from eventatlas.atlas import Atlas
    return Atlas(settings, extractor=extractor).pipeline


def _warm_up(pipeline) -> None:
    """Lexicons and rule tables load on first use: pay for that before the first budget starts."""
    from eventatlas.ingest import make_document
    pipeline.process(make_document("Police arrested 12 protesters in Nairobi on Monday, officials said."))


def _serve(conn, settings: Settings, build: Callable[[Settings], object]) -> None:
    """The worker: build the pipeline, then answer each batch with (index, outcome) per document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    try:
        try:
            pipeline = build(settings)
            _warm_up(pipeline)
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it where it is understood
            conn.send(("failed", exc))
            return
        conn.send(("ready", None))
        while (batch := conn.recv()) is not None:
            for i, (_doc, outcome) in enumerate(pipeline.process_safely(batch)):
                conn.send((i, outcome))
    except (EOFError, OSError):  # the parent is gone (killed, or it stopped us): nothing left to answer
        return


class WorkerFailed(EventAtlasError):
    """The worker process exited before its pipeline was built."""
    code = "EA340"


class GuardedPipeline:
    """process_safely() as Pipeline has it, each article under a wall-clock budget (see the module)."""

    def __init__(self, settings: Settings, build: Callable[[Settings], object] = build_pipeline):
        self.settings = settings
        self.build = build
        self._ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no state copied half-way
        self._process = None
        self._conn = None
        self._start()  # now, so that a missing model is reported before any input is read

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._process = self._ctx.Process(target=_serve, args=(child, self.settings, self.build), daemon=True,
                                          name="eventatlas-pipeline")
        self._process.start()
        child.close()
        self._conn = parent
        try:
            status, detail = parent.recv()
        except EOFError:
            self._stop()
            raise WorkerFailed("pipeline worker", "exited while loading the model") from None
        if status == "failed":
            self._stop()
            raise detail

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=10)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.send(None)
                self._process.join(timeout=5)
            except (OSError, ValueError):
                pass
        self._stop()

    def __enter__(self) -> "GuardedPipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def process_safely(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, ArticleResult | Rejection]]:
        for batch in batches(documents, self.settings.batch_size):
            yield from self._run(batch)

    def _run(self, batch: list[Document]) -> Iterator[tuple[Document, ArticleResult | Rejection]]:
        if self._conn is None:
            self._start()
        seconds = budget_seconds(sum(len(d.text) for d in batch), self.settings)
        deadline = time.monotonic() + seconds
        self._conn.send(batch)
        done = 0
        problem = None
        while done < len(batch):
            try:
                if not self._conn.poll(max(0.0, deadline - time.monotonic())):
                    problem = f"took longer than its {seconds:g} s budget to analyse (settings.article_seconds)"
                    break
                _index, outcome = self._conn.recv()
            except (EOFError, OSError):
                problem = "the analysis worker died on it (out of memory, or a crash in a library)"
                break
            yield batch[done], outcome
            done += 1
        if problem is None:
            return
        self._stop()
        rest = batch[done:]
        if len(batch) == 1:
            yield rest[0], Rejection(rest[0].source or rest[0].url or rest[0].id, "budget", problem)
            return
        for document in rest:  # one at a time: only the article that is slow on its own is rejected
            yield from self._run([document])
