"""Exports of stored events in the shapes analysts already load: ACLED-style and UCDP-style CSV, GeoJSON,
JSON Lines and Parquet. The CLI and the HTTP API both call `write_export`."""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from eventatlas.store import EventFilter
from eventatlas.export.fields import (
    ACLED_COLUMNS, FLAT_COLUMNS, UCDP_COLUMNS, acled_row, flat_row, ucdp_row,
)

FORMATS: dict[str, tuple[str, str]] = {  # name -> (file suffix, media type)
    "acled": (".csv", "text/csv"),
    "ucdp": (".csv", "text/csv"),
    "geojson": (".geojson", "application/geo+json"),
    "jsonl": (".jsonl", "application/x-ndjson"),
    "parquet": (".parquet", "application/vnd.apache.parquet"),
}


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
    n = 0
    with _text(out) as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        for e in events:
            w.writerow(row(e))
            n += 1
    return n


def _geojson(events: Iterator[dict], out: IO[bytes]) -> int:
    n = 0
    with _text(out) as fh:
        fh.write('{"type":"FeatureCollection","features":[')
        for e in events:
            loc = e.get("location") or {}
            geometry = None
            if loc.get("latitude") is not None and loc.get("longitude") is not None:
                geometry = {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]}
            feature = {"type": "Feature", "id": e["id"], "geometry": geometry, "properties": e}
            fh.write(("," if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("]}\n")
    return n


def _jsonl(events: Iterator[dict], out: IO[bytes]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e, ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


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


def write_export(store, fmt: str, flt: EventFilter | None, out: str | Path | IO[bytes]) -> int:
    """Write every event matching `flt` to `out` (a path or a binary stream); returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"format={fmt!r}: not one of {', '.join(FORMATS)}")
    events = store.iter_events(flt or EventFilter())
    with _binary(out) as fh:
        if fmt == "acled":
            return _csv(events, fh, ACLED_COLUMNS, acled_row)
        if fmt == "ucdp":
            return _csv(events, fh, UCDP_COLUMNS, ucdp_row)
        if fmt == "geojson":
            return _geojson(events, fh)
        if fmt == "jsonl":
            return _jsonl(events, fh)
        return _parquet(events, fh)


__all__ = ["FORMATS", "write_export"]
