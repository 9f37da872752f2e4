"""`ingest --dask ADDRESS` (a running Dask scheduler) or `--dask local:N` (a LocalCluster of N processes).

The client cuts the input into partitions (scale/partitions.py) and submits one task per partition, a
few per worker at a time; each worker builds its Atlas once (AtlasPlugin: the spaCy model is loaded when
the worker starts, not per task) and runs the pipeline on the partitions it is given.

Where results go depends on the store:
  PostgreSQL: each worker writes its partitions itself (the store takes concurrent writers); the client
    gathers the counts.
  SQLite (one file, one writer): results stream back to the client, which writes them in partition order.

Idempotent and resumable: documents are keyed by content and URL, each batch of articles is one
transaction, and a worker skips what the store already holds (PostgreSQL), so a partition retried after
its worker died, or a whole run repeated, stores nothing twice. Each partition is processed with outlet
profiles of its own (geo/outlets.py), so its results do not depend on which worker ran it or what ran
before it there."""

from __future__ import annotations

import resource
import time
from typing import Any, Callable, Iterable

from eventatlas.config import Settings
from eventatlas.errors import MissingDependency, UsageError
from eventatlas.records import ArticleResult, Rejection
from eventatlas.scale.partitions import PARTITION_SIZE, Partition, partitions
from eventatlas.scale.writer import BatchWriter

PLUGIN = "eventatlas-atlas"
TASKS_PER_WORKER = 2  # partitions in flight per worker: one running, one waiting


def _distributed():
    try:
        import distributed
    except ImportError:
        raise MissingDependency("dask[distributed]", "to run ingest on a Dask cluster", extra="dask") from None
    return distributed


def writes_on_workers(settings: Settings) -> bool:
    """Whether workers write to the store themselves: a server store takes concurrent writers."""
    return settings.db.split("://", 1)[0] in ("postgresql", "postgres")


def make_plugin(settings: Settings):
    """The worker plugin that gives each worker one Atlas for all its tasks."""
    distributed = _distributed()

    class AtlasPlugin(distributed.WorkerPlugin):
        name = PLUGIN

        def __init__(self, settings: Settings):
            self.settings = settings
            self.atlas = None

        def setup(self, worker) -> None:
            from eventatlas.atlas import Atlas

            self.atlas = Atlas(self.settings)
            _ = self.atlas.pipeline  # spaCy, gazetteer and extractor, once per worker

        def teardown(self, worker) -> None:
            if self.atlas is not None:
                self.atlas.close()

    return AtlasPlugin(settings)


def process_partition(partition: Partition, write: bool) -> dict[str, Any]:
    """A task: the partition through this worker's pipeline. write: store the results here (and answer the
    counts); otherwise answer the outcomes, in input order, for the client to write."""
    from distributed import get_worker

    from eventatlas.geo.outlets import OutletProfiles
    from eventatlas.pipeline import IngestSummary
    from eventatlas.scale.writer import fresh_documents

    started = time.perf_counter()
    atlas = get_worker().plugins[PLUGIN].atlas
    pipeline = atlas.pipeline
    pipeline.outlets = OutletProfiles()  # what this partition learns about its outlets, and only that
    items = partition.read(atlas.settings)
    answer: dict[str, Any] = {}
    if write:
        store = atlas.store()
        summary = IngestSummary()
        writer = BatchWriter(store, summary, after_store=atlas.update_control, batch=atlas.settings.write_batch)
        for _document, outcome in pipeline.process_safely(fresh_documents(items, store, writer)):
            writer.add(outcome)
        writer.flush()
        answer["summary"] = summary
    else:
        items = list(items)
        documents = [i for i in items if not isinstance(i, Rejection)]
        answer["outcomes"] = ([i for i in items if isinstance(i, Rejection)]
                              + [outcome for _doc, outcome in pipeline.process_safely(documents)])
    answer["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    answer["seconds"] = time.perf_counter() - started
    return answer


def connect(address: str):
    """A Client of the scheduler at `address`, or of a new LocalCluster for "local:N"."""
    distributed = _distributed()
    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            raise UsageError(f"--dask={address}", "local:N needs a number of worker processes") from None
        cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                           dashboard_address=None, silence_logs=40)
        return distributed.Client(cluster)
    try:
        return distributed.Client(address, timeout=10)
    except OSError as exc:
        raise UsageError(f"--dask={address}", f"cannot reach the Dask scheduler ({exc})") from None


def ingest_on_cluster(settings: Settings, store, address: str, paths: Iterable[str], *,
                      progress: Callable[[int, int], None] | None = None, partition_size: int = PARTITION_SIZE,
                      peak_rss: dict[str, int] | None = None,
                      after_store: Callable[[ArticleResult], object] | None = None):
    """Ingest files and folders on a Dask cluster into the store `store()` opens; returns
    pipeline.IngestSummary. progress(done, total): inputs (files, lines, records) done so far, a partition
    at a time. peak_rss: filled with each worker's peak resident memory, in bytes. after_store: called with
    each article the client writes (the control stage); workers that write call their Atlas's."""
    from eventatlas.pipeline import IngestSummary

    distributed = _distributed()
    summary = IngestSummary()
    write_there = writes_on_workers(settings)
    client = connect(address)  # before the store: an unreachable scheduler leaves no new database behind
    try:
        writer = BatchWriter(store(), summary, after_store=after_store, batch=settings.write_batch)
        client.register_plugin(make_plugin(settings), name=PLUGIN)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        work = list(_partitions(paths, partition_size, writer))
        total, finished = sum(p.count for p in work), 0
        if len(work) < workers * TASKS_PER_WORKER * 2 and total > len(work):
            # a small input still goes to every worker, in a few partitions each
            work = list(_partitions(paths, max(1, -(-total // (workers * TASKS_PER_WORKER * 2))), _Discard()))
        results = _submit_all(client, distributed, work, write_there, workers * TASKS_PER_WORKER)
        for partition, answer in results:
            if isinstance(answer, Rejection):
                writer.reject(answer)
            elif write_there:
                _add_counts(summary, answer["summary"])
            else:
                for outcome in answer["outcomes"]:
                    writer.add(outcome)
            if peak_rss is not None and not isinstance(answer, Rejection):
                peak_rss[answer.get("worker", "?")] = max(peak_rss.get(answer.get("worker", "?"), 0),
                                                          answer["peak_rss"])
            finished += partition.count
            if progress:
                progress(finished, total)
        writer.flush()
    finally:
        _close(client)
    return summary


class _Discard:
    """A writer for a second pass over the inputs, whose rejections the first pass recorded."""

    def reject(self, _rej: Rejection) -> None:
        pass


def _partitions(paths, size: int, writer: BatchWriter | _Discard):
    for item in partitions(paths, size):
        if isinstance(item, Rejection):
            writer.reject(item)
        else:
            yield item


def _submit_all(client, distributed, work: list[Partition], write_there: bool, window: int):
    """(partition, answer) in partition order, keeping `window` tasks in flight; a partition that could
    not be done (its workers kept dying) answers a Rejection."""
    pending = iter(work)
    futures: dict[Any, int] = {}
    done: dict[int, Any] = {}
    queue = distributed.as_completed()
    submitted = 0

    def submit_next() -> None:
        nonlocal submitted
        partition = next(pending, None)
        if partition is None:
            return
        future = client.submit(_task, partition, write_there, key=partition.key, pure=False)
        futures[future] = submitted
        queue.add(future)
        submitted += 1

    for _ in range(window):
        submit_next()
    emitted = 0
    for future in queue:
        index = futures.pop(future)
        try:
            done[index] = future.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker and the like: the partition is reported
            done[index] = Rejection(_name(work[index]), "cluster", f"{type(exc).__name__}: {exc}"[:300])
        future.release()
        submit_next()
        while emitted in done:
            yield work[emitted], done.pop(emitted)
            emitted += 1


def _task(partition: Partition, write: bool) -> dict[str, Any]:
    from distributed import get_worker

    answer = process_partition(partition, write)
    answer["worker"] = get_worker().address
    return answer


def _add_counts(summary, part) -> None:
    for name in ("documents", "duplicates", "events", "claims", "rejected"):
        setattr(summary, name, getattr(summary, name) + getattr(part, name))
    summary.rejections.extend(part.rejections)


def _name(partition: Partition) -> str:
    if partition.files:
        return partition.files[0] + (f" (and {len(partition.files) - 1} more)" if len(partition.files) > 1 else "")
    return f"{partition.path} (from {partition.first})"


def _close(client) -> None:
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()
