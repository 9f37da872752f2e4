"""Where inputs come from (files, folders, stdin, URLs) and which reader each one gets.

A reader is chosen by extension first, then by sniffing the first bytes, so a feed saved as .xml, a WARC
without its extension or an article piped into stdin all find their way."""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.ingest.validate import IngestError, check_size, human_size, looks_binary
from eventatlas.records import Document, Rejection
from eventatlas.registry import Registry

Item = Document | Rejection


@dataclass
class Source:
    """One input: a file on disk, or bytes already read (stdin, a fetched URL)."""
    name: str                      # how Rejections and Document.source name it
    path: Path | None = None
    data: bytes | None = None
    url: str | None = None         # the page's address, for fetched pages
    content_type: str | None = None
    charset: str | None = None

    @property
    def suffix(self) -> str:
        """Lower-case extension, counting .warc.gz (and friends) as one."""
        target = self.path.name if self.path else (self.url or "").split("?")[0].rsplit("/", 1)[-1]
        parts = target.lower().rsplit(".", 2)
        if len(parts) == 3 and parts[2] == "gz":
            return f".{parts[1]}.gz"
        return f".{parts[-1]}" if len(parts) > 1 else ""

    # the most bytes read() returns; read_source sets it from settings.max_bytes
    max_bytes: int | None = None

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        with open_regular(self.path) as f:  # type: ignore[arg-type]
            return f.stat_size

    def head(self, n: int = 8192) -> bytes:
        if self.data is not None:
            return self.data[:n]
        with self.open() as f:
            return f.read(n)

    def read(self) -> bytes:
        """All of the input, refused once it passes max_bytes: the limit holds while reading, whatever
        stat() said (a device says 0, a file may grow)."""
        if self.data is not None:
            return self.data
        with self.open() as f:
            if self.max_bytes is None:
                return f.read()
            data = f.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise IngestError(f"input is over the {human_size(self.max_bytes)} limit "
                              f"(settings.max_bytes / EVENTATLAS_MAX_BYTES)")
        return data

    def open(self) -> BinaryIO:
        return io.BytesIO(self.data) if self.data is not None else open_regular(self.path)  # type: ignore[arg-type]


_KINDS_OF_FILE = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class RegularFile(io.FileIO):
    """A file opened for reading only once it is known to be a regular file. Opening without blocking
    and checking the open descriptor means a named pipe cannot hang the batch waiting for a writer, and
    a file swapped for a device between the check and the open is still caught."""

    stat_size: int = 0


def open_regular(path: Path) -> RegularFile:
    kind = _not_regular(os.stat(path).st_mode)  # a socket cannot even be opened: say what it is first
    if kind:
        raise IngestError(f"not a regular file ({kind})")
    f = RegularFile(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)))
    mode = os.fstat(f.fileno())
    if kind := _not_regular(mode.st_mode):
        f.close()
        raise IngestError(f"not a regular file ({kind})")
    f.stat_size = mode.st_size
    return f


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a file")


def display_name(name: str) -> str:
    """A path as it can be shown and stored: bytes of a file name that are not UTF-8 (which Python keeps
    as lone surrogates) are written as \\xNN escapes."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True)
class Reader:
    kind: str
    read: Callable[[Source, Settings], Iterable[Item]]
    extensions: tuple[str, ...]
    # Streamed readers (dumps, archives) apply the size limit to each record, the others to the whole input.
    streamed: bool = False


READERS: Registry[Reader] = Registry("reader")


def reader(kind: str, *extensions: str, streamed: bool = False):
    """Register a reader function under `kind` for these extensions (".txt", ".warc.gz")."""
    def deco(fn: Callable[[Source, Settings], Iterable[Item]]):
        READERS.register(kind)(Reader(kind, fn, tuple(e.lower() for e in extensions), streamed))
        return fn
    return deco


def _by_extension(suffix: str) -> str | None:
    for name in READERS.names():
        if suffix in READERS.get(name).extensions:
            return name
    return None


def sniff(head: bytes) -> str:
    """The reader kind that these first bytes look like; IngestError for binary data."""
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            inner = b""
        if inner.startswith(b"WARC/"):
            return "warc"
        raise IngestError("gzip-compressed, and not a WARC file")
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_binary(head):
        raise IngestError("binary file (NUL bytes), not text")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if any(tag in text for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first, _, rest = text.partition(b"\n")
        return "jsonl" if first.rstrip().endswith(b"}") and rest.lstrip().startswith(b"{") else "json"
    return "text"


def choose_kind(source: Source) -> str:
    if source.content_type:
        by_type = _by_content_type(source.content_type)
        if by_type:
            return by_type
    kind = _by_extension(source.suffix)
    if kind == "feed" and source.suffix == ".xml":
        return sniff(source.head())  # .xml is as often XHTML as it is RSS
    return kind or sniff(source.head())


def _by_content_type(ctype: str) -> str | None:
    ctype = ctype.lower()
    if any(t in ctype for t in ("rss", "atom", "rdf")):
        return "feed"
    if "html" in ctype:
        return "html"
    if "json" in ctype:
        return "jsonl" if "ndjson" in ctype or "jsonl" in ctype else "json"
    if ctype in ("text/csv",):
        return "csv"
    if ctype in ("application/warc",):
        return "warc"
    return None  # text/plain, text/xml, octet-stream: the bytes say more than the label


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def expand(paths: Iterable[str]) -> Iterator[Source | Rejection]:
    """Each path as Sources: folders recursed in sorted order, hidden files and folders skipped."""
    for raw in paths:
        if raw == "-":
            yield Source(name="<stdin>", data=None, path=None)  # read lazily by read_source
        elif is_url(raw):
            yield Source(name=raw, url=raw)
        else:
            yield from _walk(Path(raw), display_name(raw), set())


def _walk(path: Path, shown: str, seen: set[str]) -> Iterator[Source | Rejection]:
    if not os.path.lexists(path):
        yield Rejection(shown, "ingest", "no such file or folder")
        return
    if not path.is_dir():
        yield Source(name=shown, path=path)
        return
    real = os.path.realpath(path)
    if real in seen:  # a symlink back up the tree would otherwise recurse forever
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except PermissionError:
        yield Rejection(shown, "ingest", "permission denied (folder)")
        return
    except OSError as err:
        yield Rejection(shown, "ingest", f"unreadable folder ({err.strerror or err})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        yield from _walk(Path(entry.path), os.path.join(shown, display_name(entry.name)), seen)


def read_stdin(settings: Settings) -> bytes:
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    check_size(len(data), settings, "standard input")
    return data


_LINE_KINDS = {"jsonl", "csv", "tsv"}


def estimate(source: Source) -> int:
    """How many items a source will yield, cheaply: dumps count their lines, everything else one."""
    if source.path is None or source.data is not None:
        return 1
    try:
        kind = _by_extension(source.suffix)
        if kind not in _LINE_KINDS:
            return 1
        lines = 0
        with open_regular(source.path) as raw:
            f = gzip.GzipFile(fileobj=raw) if source.suffix.endswith(".gz") else raw
            for block in iter(lambda: f.read(1 << 20), b""):
                lines += block.count(b"\n")
        return max(1, lines - (kind != "jsonl"))  # a CSV header is not a row
    except (OSError, IngestError):
        return 1
