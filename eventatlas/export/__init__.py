"""Exports of stored events in the shapes analysts already load: ACLED-style and UCDP-style CSV, GeoJSON,
JSON Lines and Parquet, each at two levels: one row per report (an event as one article tells it) or one row
per incident (every report of one real event, with its figures across sources). The UCDP CSV, whose point
is low/best/high across sources, is at incident level unless asked otherwise; the others at report level.
The CLI and the HTTP API both call `write_export`."""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from eventatlas.errors import UsageError
from eventatlas.registry import Registry
from eventatlas.store import EventFilter
from eventatlas.export.fields import (
    ACLED_COLUMNS, FLAT_COLUMNS, UCDP_COLUMNS, acled_row, flat_row, ucdp_row,
)

LEVELS = ("report", "incident")


@dataclass(frozen=True)
class Exporter:
    """One export format: its file suffix, its media type, how it writes rows (events, or incident records)
    to a binary stream (returning how many it wrote), and the level it exports when none is asked for."""
    name: str
    suffix: str
    media_type: str
    write: Callable[[Iterator[dict], IO[bytes]], int]
    default_level: str = "report"


# The extension point: register an Exporter under its format name, as readers and stores are registered.
EXPORTERS: Registry[Exporter] = Registry("export format")


def exporter(name: str, suffix: str, media_type: str, default_level: str = "report"):
    def deco(write: Callable[[Iterator[dict], IO[bytes]], int]):
        EXPORTERS.register(name)(Exporter(name, suffix, media_type, write, default_level))
        return write
    return deco


@contextmanager
def _binary(out: str | Path | IO[bytes]) -> Iterator[IO[bytes]]:
    if isinstance(out, (str, Path)):
        with open(out, "wb") as fh:
            yield fh
    else:
        yield out


@contextmanager
def _text(out: IO[bytes]) -> Iterator[IO[str]]:
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()  # leave the caller's stream open


def _csv(events: Iterator[dict], out: IO[bytes], columns: tuple[str, ...], row: Callable[[dict], dict]) -> int:
    """Rows of `columns`, one per event."""
    n = 0
    with _text(out) as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        for e in events:
            w.writerow(row(e))
            n += 1
    return n


@exporter("acled", ".csv", "text/csv")
def _acled(events: Iterator[dict], out: IO[bytes]) -> int:
    return _csv(events, out, ACLED_COLUMNS, acled_row)


@exporter("ucdp", ".csv", "text/csv", default_level="incident")
def _ucdp(events: Iterator[dict], out: IO[bytes]) -> int:
    return _csv(events, out, UCDP_COLUMNS, ucdp_row)


@exporter("geojson", ".geojson", "application/geo+json")
def _geojson(events: Iterator[dict], out: IO[bytes]) -> int:
    n = 0
    with _text(out) as fh:
        fh.write('{"type":"FeatureCollection","features":[')
        for e in events:  # an event, or an incident record: both have an id and a location
            loc = e.get("location") or {}
            geometry = None
            if loc.get("latitude") is not None and loc.get("longitude") is not None:
                geometry = {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]}
            feature = {"type": "Feature", "id": e["id"], "geometry": geometry, "properties": e}
            fh.write(("," if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("]}\n")
    return n


@exporter("jsonl", ".jsonl", "application/x-ndjson")
def _jsonl(events: Iterator[dict], out: IO[bytes]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e, ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


@exporter("parquet", ".parquet", "application/vnd.apache.parquet")
def _parquet(events: Iterator[dict], out: IO[bytes], batch: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, kind) for name, kind in FLAT_COLUMNS])
    n = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema) as writer:
        for e in events:
            rows.append(flat_row(e))
            n += 1
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return n


def export_level(fmt: str, level: str | None = None) -> str:
    """The level an export of `fmt` is at: `level` when given, else the format's own default."""
    if fmt not in EXPORTERS:
        raise UsageError(f"format={fmt!r}: not one of {', '.join(EXPORTERS.names())}")
    if level is not None and level not in LEVELS:
        raise UsageError(f"level={level!r}: not one of {', '.join(LEVELS)}")
    return level or EXPORTERS.get(fmt).default_level


def write_export(store, fmt: str, flt: EventFilter | None, out: str | Path | IO[bytes],
                 level: str | None = None) -> int:
    """Write every report (or incident) matching `flt` to `out` (a path or a binary stream) in format `fmt`
    (a name in EXPORTERS), at `level` ("report" or "incident"; None: the format's default); returns how
    many rows."""
    level = export_level(fmt, level)
    write = EXPORTERS.get(fmt).write
    flt = flt or EventFilter()
    rows = store.iter_incidents(flt) if level == "incident" else store.iter_events(flt)
    with _binary(out) as fh:
        return write(rows, fh)


# name -> (file suffix, media type), for callers that only need to name files
FORMATS: dict[str, tuple[str, str]] = {n: (EXPORTERS.get(n).suffix, EXPORTERS.get(n).media_type)
                                       for n in EXPORTERS.names()}

__all__ = ["EXPORTERS", "Exporter", "FORMATS", "LEVELS", "export_level", "exporter", "write_export"]
