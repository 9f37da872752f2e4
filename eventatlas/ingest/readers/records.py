"""Structured dumps: JSON (an object or a list), JSONL/NDJSON (an object a line), CSV and TSV.

One broken record is one Rejection named "file:line" (or "file[index]"); the rest of the dump goes on."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

import yaml

from eventatlas.config import Settings
from eventatlas.ingest.readers.html import fragment_text
from eventatlas.ingest.sources import Item, Source, reader
from eventatlas.ingest.validate import IngestError, build, check_size, decode, looks_binary
from eventatlas.records import Rejection

_META = ("title", "url", "outlet", "published")


@lru_cache(maxsize=1)
def field_names() -> dict[str, list[str]]:
    raw = yaml.safe_load(resources.files("eventatlas.ingest").joinpath("data", "fields.yaml").read_text("utf-8"))
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


def record_item(record: Any, name: str, settings: Settings) -> Item:
    if not isinstance(record, dict):
        return Rejection(name, "ingest", f"expected a JSON object, found {type(record).__name__}")
    text = _pick(record, "text")
    if text is None:
        looked = ", ".join(field_names()["text"][:3])
        return Rejection(name, "ingest", f"no text field (looked for {looked}, ...)")
    if not isinstance(text, str):
        return Rejection(name, "ingest", f"text field is a {type(text).__name__}, not a string")
    meta = {field: _plain(_pick(record, field)) for field in _META}
    return build(fragment_text(text), meta, name, settings)


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
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # one object a line, saved as .json
            yield from _json_lines(io.StringIO(text), source.name, settings)
            return
        raise IngestError(_json_problem(err, with_line=True)) from None
    records = _records_of(data)
    if records is None:
        yield record_item(data, source.name, settings)
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
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejection(where, "ingest", _json_problem(err, with_line=False))
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
        csv.field_size_limit(max(settings.max_bytes, 131072))
        text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline="")
        rows = csv.DictReader(text, delimiter=delimiter)
        columns = [c.strip().lower() for c in rows.fieldnames or []]
        if not columns:
            raise IngestError("empty: no header row")
        if not any(c in field_names()["text"] for c in columns):
            raise IngestError(f"no text column (looked for {', '.join(field_names()['text'][:3])}, ...; "
                              f"found {', '.join(columns[:8])})")
        for row in rows:
            where = f"{source.name}:{rows.line_num}"
            if None in row:  # more cells than the header has names
                yield Rejection(where, "ingest", f"row has {len(row) - 1 + len(row[None])} cells, "
                                                 f"header has {len(columns)}")
                continue
            yield record_item(row, where, settings)


@reader("csv", ".csv", streamed=True)
def read_csv(source: Source, settings: Settings) -> Iterator[Item]:
    yield from _read_table(source, settings, ",")


@reader("tsv", ".tsv", ".tab", streamed=True)
def read_tsv(source: Source, settings: Settings) -> Iterator[Item]:
    yield from _read_table(source, settings, "\t")
