"""A large input cut into partitions that workers read on their own: groups of whole files, and line
ranges of JSONL dumps and record ranges of WARC archives, found by a scan on the client that parses nothing.
A partition is plain data (paths and byte offsets), so it travels to any machine that sees the same files,
and its key names it stably: the same inputs always give the same partitions with the same keys."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.errors import UsageError
from eventatlas.records import Document, Rejection

PARTITION_SIZE = 64  # documents (files, lines or records) a partition holds, about


@dataclass(frozen=True)
class Partition:
    """Whole files, or bytes [start, end) of one file that start and end on a line or record boundary."""
    files: tuple[str, ...] = ()
    path: str | None = None
    start: int = 0
    end: int = 0
    first: str = ""  # where `start` is ("line 1201", "record 5"), for naming what the range holds
    count: int = 0   # the files, lines or records it holds (what progress counts)

    @property
    def key(self) -> str:
        what = "\n".join(self.files) if self.files else f"{self.path}\n{self.start}\n{self.end}"
        return "eventatlas-partition-" + hashlib.sha256(what.encode()).hexdigest()[:20]

    def read(self, settings: Settings) -> Iterator[Document | Rejection]:
        """The partition's documents, as ingest.read_inputs would give them."""
        from eventatlas.ingest import read_inputs, read_source
        from eventatlas.ingest.sources import Source

        if self.files:
            yield from read_inputs(list(self.files), settings)
            return
        with open(self.path, "rb") as f:  # type: ignore[arg-type]
            f.seek(self.start)
            data = f.read(self.end - self.start)
        yield from read_source(Source(name=f"{self.path} (from {self.first})", path=Path(self.path), data=data),
                               settings)


def partitions(paths: Iterable[str], size: int = PARTITION_SIZE) -> Iterator[Partition | Rejection]:
    """Partitions of files and folders (recursed as ingest reads them); what cannot be read becomes a
    Rejection, as ingest would record it. URLs and standard input are not for a cluster: UsageError."""
    from eventatlas.ingest.sources import expand

    loose: list[str] = []
    for item in expand(paths):
        if isinstance(item, Rejection):
            yield item
            continue
        if item.path is None:
            raise UsageError(item.name, "a cluster reads files and folders; read URLs and standard input "
                                        "without --dask")
        ranges = _ranges(item, size)
        if ranges is None:
            loose.append(str(item.path))
            if len(loose) >= size:
                yield Partition(files=tuple(loose), count=len(loose))
                loose = []
        else:
            yield from ranges
    if loose:
        yield Partition(files=tuple(loose), count=len(loose))


def _ranges(source, size: int) -> list[Partition] | None:
    """Line ranges of an uncompressed JSONL dump, record ranges of a WARC; None for a file read whole."""
    suffix = source.suffix
    try:
        if suffix in (".jsonl", ".ndjson", ".jsonlines"):
            return _split(str(source.path), _line_bounds(source.path, size), size, "line")
        if suffix in (".warc", ".warc.gz", ".arc", ".arc.gz"):
            return _split(str(source.path), _record_bounds(source.path, size), size, "record")
    except Exception:  # noqa: BLE001 - an unreadable file is read whole, and its reader says what is wrong
        return None
    return None


def _split(path: str, bounds: tuple[list[int], int], size: int, what: str) -> list[Partition] | None:
    """bounds: the offset of every size-th line or record (the first included), and how many there are."""
    starts, n = bounds
    if n <= size:
        return None  # one partition anyway: read it as a file
    ends = starts[1:] + [Path(path).stat().st_size]
    return [Partition(path=path, start=start, end=end, first=f"{what} {i * size + 1}", count=min(size, n - i * size))
            for i, (start, end) in enumerate(zip(starts, ends))]


def _line_bounds(path: Path, size: int) -> tuple[list[int], int]:
    starts, offset, n = [], 0, 0
    with open(path, "rb") as f:
        for line in f:
            if n % size == 0:
                starts.append(offset)
            offset += len(line)
            n += 1
    return starts, n


def _record_bounds(path: Path, size: int) -> tuple[list[int], int]:
    from warcio.archiveiterator import ArchiveIterator

    starts, n = [], 0
    with open(path, "rb") as f:
        records = ArchiveIterator(f, arc2warc=True)
        for _record in records:
            if n % size == 0:
                starts.append(records.get_record_offset())
            n += 1
    return starts, n
