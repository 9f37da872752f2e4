"""Structured dumps: JSON (an object or a list), JSONL/NDJSON (an object a line), CSV and TSV.

One broken record is one Rejection named "file:line" (or "file[index]"); the rest of the dump goes on."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from typing import Any, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.data import read_yaml
from eventatlas.ingest.readers.html import fragment_text
from eventatlas.ingest.sources import Item, Source, reader
from eventatlas.ingest.validate import IngestError, build, check_size, decode, human_size, looks_binary
from eventatlas.records import Rejection

_META = ("title", "url", "outlet", "published")


@lru_cache(maxsize=1)
def field_names() -> dict[str, list[str]]:
    raw = read_yaml("eventatlas.ingest", "fields.yaml")
    return {k: [n.lower() for n in v] for k, v in raw.items()}


def _pick(record: dict[str, Any], field: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for name in field_names()[field]:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def _plain(value: Any) -> Any:
    # NewsAPI-style {"source": {"id": ..., "name": "BBC News"}}
    if isinstance(value, dict):
        return value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def record_item(record: Any, name: str, settings: Settings, url: str | None = None) -> Item:
    """One article from a JSON object or CSV row; `url`: where it was fetched from, when it names none."""
    if not isinstance(record, dict):
        return Rejection(name, "ingest", f"expected a JSON object, found {type(record).__name__}")
    text = _pick(record, "text")
    if text is None:
        looked = ", ".join(field_names()["text"][:3])
        return Rejection(name, "ingest", f"no text field (looked for {looked}, ...)")
    if not isinstance(text, str):
        return Rejection(name, "ingest", f"text field is a {type(text).__name__}, not a string")
    meta = {field: _plain(_pick(record, field)) for field in _META}
    meta["url"] = meta["url"] or url
    return build(fragment_text(text), meta, name, settings)


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise IngestError("not valid JSON (nested too deeply to read, over about 1,000 levels)") from None


def _json_problem(err: json.JSONDecodeError, *, with_line: bool) -> str:
    msg = err.msg.removesuffix(" at")  # "Invalid control character at" reads badly before our own "at"
    where = f"line {err.lineno}, column {err.colno}" if with_line else f"column {err.colno}"
    return f"not valid JSON ({msg} at {where})"


def _records_of(data: Any) -> list[Any] | None:
    """The list of articles in a JSON document, or None when it is a single article."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and _pick(data, "text") is None:
        for key in field_names()["containers"]:
            for k, v in data.items():
                if str(k).lower() == key and isinstance(v, list):
                    return v
    return None


@reader("json", ".json")
def read_json(source: Source, settings: Settings) -> Iterator[Item]:
    text = decode(source.read(), source.charset)
    try:
        data = _loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # one object a line, saved as .json
            yield from _json_lines(io.StringIO(text), source.name, settings)
            return
        raise IngestError(_json_problem(err, with_line=True)) from None
    records = _records_of(data)
    if records is None:  # one article: a page served as JSON is at the address it was fetched from
        yield record_item(data, source.name, settings, url=source.url)
        return
    if not records:
        raise IngestError("JSON holds an empty list: no articles")
    for i, record in enumerate(records):
        yield record_item(record, f"{source.name}[{i}]", settings)


@reader("jsonl", ".jsonl", ".ndjson", ".jsonlines", streamed=True)
def read_jsonl(source: Source, settings: Settings) -> Iterator[Item]:
    with source.open() as f:
        if looks_binary(f.read(8192)):
            raise IngestError("binary file (NUL bytes), not JSON lines")
        f.seek(0)
        yield from _json_lines(f, source.name, settings)


def _json_lines(lines: Iterable[bytes | str], name: str, settings: Settings) -> Iterator[Item]:
    seen = False
    for lineno, line in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        try:
            if isinstance(line, bytes):
                check_size(len(line), settings, "line")
                line = decode(line)
        except IngestError as err:
            yield Rejection(where, "ingest", str(err))
            continue
        if not line.strip():
            continue
        seen = True
        try:
            record = _loads(line)
        except json.JSONDecodeError as err:
            yield Rejection(where, "ingest", _json_problem(err, with_line=False))
            continue
        except IngestError as err:
            yield Rejection(where, "ingest", str(err))
            continue
        yield record_item(record, where, settings)
    if not seen:
        raise IngestError("empty: no JSON lines")


def _read_table(source: Source, settings: Settings, delimiter: str) -> Iterator[Item]:
    with source.open() as f:
        head = f.read(65536)
        if looks_binary(head):
            raise IngestError("binary file (NUL bytes), not a table")
        try:
            head.decode("utf-8")
            encoding = "utf-8-sig"
        except UnicodeDecodeError as err:
            # A multi-byte character cut at the end of the sample is still UTF-8.
            encoding = "utf-8-sig" if err.start >= len(head) - 3 else "cp1252"
        f.seek(0)
        lines = _BoundedLines(io.TextIOWrapper(f, encoding=encoding, errors="replace", newline=""),
                              settings.max_bytes)
        # a field over the limit is an error of its row (below), not the end of the file
        csv.field_size_limit(settings.max_bytes)
        rows = csv.DictReader(lines, delimiter=delimiter)
        try:
            columns = [c.strip().lower() for c in rows.fieldnames or []]
        except csv.Error as err:
            raise IngestError(f"unreadable header row ({_csv_problem(err, settings)})") from None
        if not columns:
            raise IngestError("empty: no header row")
        if not any(c in field_names()["text"] for c in columns):
            raise IngestError(f"no text column (looked for {', '.join(field_names()['text'][:3])}, ...; "
                              f"found {', '.join(columns[:8])})")
        yield from _table_rows(rows, lines, source.name, len(columns), settings)


def _table_rows(rows: csv.DictReader, lines: "_BoundedLines", name: str, n_columns: int,
                settings: Settings) -> Iterator[Item]:
    over = f"line is over the {human_size(settings.max_bytes)} limit (settings.max_bytes / EVENTATLAS_MAX_BYTES)"
    while True:
        first = lines.count + 1
        try:
            row = next(rows)
        except StopIteration:
            row = None
        except csv.Error as err:  # the reader starts afresh on the next line
            row = Rejection(f"{name}:{first}", "ingest", _csv_problem(err, settings))
        # lines skipped for their length came before the row they ended in
        yield from (Rejection(f"{name}:{n}", "ingest", over) for n in lines.take_skipped())
        if row is None:
            return
        if isinstance(row, Rejection):
            yield row
        elif None in row:  # more cells than the header has names
            yield Rejection(f"{name}:{rows.line_num}", "ingest", f"row has {len(row) - 1 + len(row[None])} cells, "
                                                                 f"header has {n_columns}")
        else:
            yield record_item(row, f"{name}:{rows.line_num}", settings)


class _BoundedLines:
    """The lines of a text stream, none held longer than `limit` characters: a line over it is skipped
    (read in pieces and dropped) and its number kept in `skipped`, for the caller to reject."""

    def __init__(self, stream: io.TextIOBase, limit: int):
        self.stream, self.limit, self.count = stream, limit, 0
        self.skipped: list[int] = []

    def __iter__(self) -> "_BoundedLines":
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.count += 1
        if len(line) > self.limit:
            while (rest := self.stream.readline(1 << 20)) and not rest.endswith("\n"):
                pass
            self.skipped.append(self.count)
            return "\n"  # a blank line, which the csv reader passes over
        return line

    def take_skipped(self) -> list[int]:
        skipped, self.skipped = self.skipped, []
        return skipped


def _csv_problem(err: csv.Error, settings: Settings) -> str:
    if "field limit" in str(err):
        return f"a field is over the {human_size(settings.max_bytes)} limit (settings.max_bytes / EVENTATLAS_MAX_BYTES)"
    return f"not a readable CSV row ({str(err).splitlines()[0][:80]})"


@reader("csv", ".csv", streamed=True)
def read_csv(source: Source, settings: Settings) -> Iterator[Item]:
    yield from _read_table(source, settings, ",")


@reader("tsv", ".tsv", ".tab", streamed=True)
def read_tsv(source: Source, settings: Settings) -> Iterator[Item]:
    yield from _read_table(source, settings, "\t")
