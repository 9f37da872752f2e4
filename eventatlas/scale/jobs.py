"""`ingest --jobs N`: N worker processes parse and extract, this process reads the inputs and writes.

Each worker builds its own Atlas once (spaCy, gazetteer) from the caller's settings and processes small
batches of documents. Results are written in input order, whatever order the workers finish in, so a run
with N jobs stores the same documents, events and incidents as a run in one process. Articles of one
outlet go to one worker, in input order: each article's places are read in the light of the outlet's
earlier ones (geo/outlets.py), as in one process. (A dump from a single outlet therefore runs on one core.)

Memory is bounded: at most IN_FLIGHT_PER_JOB batches per worker are read ahead of the writer."""

from __future__ import annotations

import multiprocessing
import os
import queue
import resource
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.geo.outlets import outlet_key
from eventatlas.records import ArticleResult, Document, Rejection
from eventatlas.scale.writer import BatchWriter, fresh_documents

IN_FLIGHT_PER_JOB = 3
_POLL_SECONDS = 1.0  # how often a wait for results checks that every worker is alive


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and taskset narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def worker_main(slot: int, settings: Settings, tasks, results, isolated: bool = False) -> None:
    """One worker process: its Atlas built once, then (seqs, documents) tasks until None; on exit it
    reports its peak resident memory. isolated: the pipeline runs in a process of this one's
    (worker.GuardedPipeline), each article under its wall-clock budget, as a one-process ingest runs it."""
    try:
        if isolated:
            from eventatlas.worker import GuardedPipeline

            pipeline = GuardedPipeline(settings)
        else:
            from eventatlas.atlas import Atlas

            pipeline = Atlas(settings).pipeline
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        results.put(("failed", slot, exc))
        return
    results.put(("ready", slot, None))
    while (task := tasks.get()) is not None:
        seqs, documents = task
        outcomes = [outcome for _doc, outcome in pipeline.process_safely(documents)]
        results.put(("done", slot, list(zip(seqs, outcomes))))
    if isolated:
        pipeline.close()  # reaped, so its peak counts among this process's children's
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    results.put(("rss", slot, peak * 1024))


@dataclass
class _Worker:
    process: Any
    tasks: Any
    gathering: list[tuple[int, Document]] = field(default_factory=list)  # not yet sent
    sent: dict[int, Document] = field(default_factory=dict)              # sent, no result yet

    def load(self) -> int:
        return len(self.gathering) + len(self.sent)


@dataclass
class JobsReport:
    """What the workers used: peak resident memory of each, in bytes."""
    peak_rss: list[int] = field(default_factory=list)


class WorkerPool:
    """N spawned worker processes, fed batches by outlet and drained in input order."""

    def __init__(self, settings: Settings, jobs: int, *, isolated: bool = False):
        self.settings, self.jobs, self.isolated = settings, jobs, isolated
        self.batch = max(1, settings.batch_size)
        self.ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        self.results = self.ctx.Queue()
        self.workers = [self._start(i) for i in range(jobs)]
        self.report = JobsReport()
        self._retried: set[int] = set()  # documents resent alone after their worker died
        self._wait_ready(range(jobs))

    def _start(self, slot: int) -> _Worker:
        tasks = self.ctx.Queue()
        # an isolated worker starts a process of its own, which a daemon may not; terminate() stops it either way
        proc = self.ctx.Process(target=worker_main, args=(slot, self.settings, tasks, self.results, self.isolated),
                                daemon=not self.isolated, name=f"eventatlas-worker-{slot}")
        proc.start()
        return _Worker(proc, tasks)

    def _wait_ready(self, slots: Iterable[int]) -> None:
        waiting = set(slots)
        while waiting:
            kind, slot, payload = self._next_message(waiting)
            if kind == "failed":
                raise payload
            if kind == "ready":
                waiting.discard(slot)

    def _next_message(self, expected: set[int] | None = None):
        while True:
            try:
                return self.results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                dead = [i for i, w in enumerate(self.workers) if not w.process.is_alive()
                        and (expected is None or i in expected)]
                if dead:
                    return ("died", dead[0], self.workers[dead[0]].process.exitcode)

    # -- feeding ---------------------------------------------------------------------------------------

    def route(self, seq: int, document: Document, outlets: dict[str, int]) -> None:
        key = outlet_key(document.outlet, document.url)
        slot = outlets.get(key) if key else None
        if slot is None:
            slot = min(range(self.jobs), key=lambda i: self.workers[i].load())
            if key:
                outlets[key] = slot
        worker = self.workers[slot]
        worker.gathering.append((seq, document))
        if len(worker.gathering) >= self.batch:
            self._send(worker)

    def send_all(self) -> None:
        for worker in self.workers:
            self._send(worker)

    def _send(self, worker: _Worker, alone: bool = False) -> None:
        if not worker.gathering:
            return
        chunks = [[item] for item in worker.gathering] if alone else [worker.gathering]
        for chunk in chunks:
            worker.tasks.put(([seq for seq, _ in chunk], [doc for _, doc in chunk]))
            worker.sent.update(chunk)
        worker.gathering = []

    # -- draining --------------------------------------------------------------------------------------

    def next_outcomes(self) -> list[tuple[int, ArticleResult | Rejection]]:
        """The next batch of (seq, outcome) any worker finishes; a worker that died is restarted and its
        documents resent one by one; a document whose worker dies twice becomes a Rejection."""
        while True:
            kind, slot, payload = self._next_message()
            if kind == "done":
                for seq, _ in payload:
                    self.workers[slot].sent.pop(seq, None)
                return payload
            if kind == "died":
                return self._revive(slot, payload)
            if kind == "failed":
                raise payload

    def _revive(self, slot: int, exitcode: int | None) -> list[tuple[int, Rejection]]:
        lost = self.workers[slot].sent
        rejected = [(seq, Rejection(doc.source or doc.url or doc.id, "nlp",
                                    f"the worker process died on it (exit code {exitcode})"))
                    for seq, doc in lost.items() if seq in self._retried]
        resend = [(seq, doc) for seq, doc in lost.items() if seq not in self._retried]
        self.workers[slot] = self._start(slot)
        self._wait_ready([slot])
        self._retried.update(seq for seq, _ in resend)
        self.workers[slot].gathering = resend + self.workers[slot].gathering
        self._send(self.workers[slot], alone=True)
        return rejected

    def close(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.tasks.put(None)
        alive = {i for i, w in enumerate(self.workers) if w.process.is_alive()}
        while alive:
            try:
                kind, slot, payload = self.results.get(timeout=30)
            except queue.Empty:
                break
            if kind == "rss":
                self.report.peak_rss.append(payload)
                alive.discard(slot)
        self.terminate()

    def terminate(self) -> None:
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()


def ingest_parallel(settings: Settings, store: Callable[[], Any], inputs: Iterable[Document | Rejection], jobs: int,
                    *, progress: Callable[[], None] | None = None, skip: Iterable[str] = (),
                    report: JobsReport | None = None, isolated: bool = False,
                    after_store: Callable[[ArticleResult], object] | None = None):
    """Process inputs (as ingest.read_inputs yields them) in `jobs` worker processes and write them from
    this one, in input order, to the store `store()` opens once every worker is ready (so a missing model
    is reported before a store is created); after_store is called here with each article stored.
    isolated: each article under its wall-clock budget (worker_main). Returns pipeline.IngestSummary."""
    from eventatlas.pipeline import IngestSummary

    pool = WorkerPool(settings, jobs, isolated=isolated)
    try:
        target = store()
        summary = IngestSummary()
        writer = BatchWriter(target, summary, progress=progress, after_store=after_store,
                             batch=settings.write_batch)
        _run(pool, fresh_documents(inputs, target, writer, skip), writer, limit=jobs * pool.batch * IN_FLIGHT_PER_JOB)
        writer.flush()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    if report is not None:
        report.peak_rss[:] = pool.report.peak_rss
    return summary


def _run(pool: WorkerPool, documents: Iterator[Document], writer: BatchWriter, limit: int) -> None:
    """Keep up to `limit` documents between reading and writing; write each outcome once all those before
    it in input order are written."""
    outlets: dict[str, int] = {}
    done: dict[int, ArticleResult | Rejection] = {}
    read = written = 0
    exhausted = False
    while not exhausted or written < read:
        while not exhausted and read - written < limit:
            document = next(documents, None)
            if document is None:
                exhausted = True
            else:
                pool.route(read, document, outlets)
                read += 1
        if written == read:
            continue
        pool.send_all()  # partial batches too: the writer waits for the oldest document
        for seq, outcome in pool.next_outcomes():
            if seq >= written:  # a worker that died after answering may be answered for twice
                done[seq] = outcome
        while written in done:
            writer.add(done.pop(written))
            written += 1
