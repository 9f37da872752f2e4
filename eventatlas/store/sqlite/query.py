"""An EventFilter as an SQL WHERE clause over `events e`. Place filters go through the R*Tree and text
through FTS5, so each filter uses an index rather than a scan of the events table."""

from __future__ import annotations

import dataclasses
import re

from eventatlas.store.filters import EventFilter, decode_cursor, fts_query
from eventatlas.store.boxes import lon_ranges as _lon_ranges, near_box
from eventatlas.store.sql import SQLITE, column_conditions, columns_box
from eventatlas.store.sqlite.schema import CELL_SIZES

ROWID_MASK = (1 << 32) - 1
TEXT_COLUMNS = "{evidence actors place}"  # events_text's columns that a user's words are matched in
_MAX_CELL_WORDS = 32
_LEADING_DIGITS = re.compile(r"\d*")


def _sql_int(text: str) -> int:
    # what CAST(text AS INTEGER) gives for the digit strings of a date: the leading digits, or 0
    digits = _LEADING_DIGITS.match(text).group()
    return int(digits) if digits else 0


def text_key(sort_date: str, rowid: int) -> int:
    """An event's rowid in events_text, ordered as (sort_date, rowid) are. Mirrors schema.text_key_sql."""
    day = _sql_int(sort_date[0:4]) * 10000 + _sql_int(sort_date[5:7]) * 100 + _sql_int(sort_date[8:10])
    return (day << 32) + rowid


def cover_words(lat_lo: float, lat_hi: float, lon_ranges: list[tuple[float, float]]) -> list[str]:
    """The grid-cell words (schema.CELL_SIZES) of the finest level that covers the box in at most
    _MAX_CELL_WORDS cells; none when even the coarsest needs more (the box is then most of the world)."""
    for level in reversed(range(len(CELL_SIZES))):
        size = CELL_SIZES[level]
        rows = range(int((lat_lo + 90) // size), int((lat_hi + 90) // size) + 1)
        cols = [c for lo, hi in lon_ranges for c in range(int((lo + 180) // size), int((hi + 180) // size) + 1)]
        if len(rows) * len(cols) <= _MAX_CELL_WORDS:
            return [f"g{level}x{c}y{r}" for c in cols for r in rows]
    return []


def text_match(f: EventFilter) -> tuple[str, EventFilter]:
    """The FTS5 query for the filter's words and for those of its filters that events_text holds as facet
    words (type, country, status, the grid cells around a box or radius), and the filter whose conditions
    are still to be tested on each row (the cells only narrow a box down)."""
    match = f"{TEXT_COLUMNS} : ({fts_query(f.q or '')})"
    facets = [f'"{word}"' for word in (f.type and "t" + f.type, f.country and "c" + f.country,
                                       f.status and "s" + f.status) if word]
    if facets:
        match += f" AND facets : ({' '.join(facets)})"
    for box in ([(f.bbox[1], f.bbox[3], _lon_ranges(f.bbox[0], f.bbox[2]))] if f.bbox else []) + \
            ([near_box(*f.near)] if f.near else []):
        cells = cover_words(*box)
        if cells:
            match += f" AND facets : ({' OR '.join(cells)})"
    rest = dataclasses.replace(f, q=None, type=None, country=None, status=None, since=None, until=None)
    return match, rest


def text_key_range(f: EventFilter, cursor: str | None) -> tuple[int, int]:
    """The events_text keys that the filter's dates and the cursor allow, inclusive."""
    lo, hi = 0, (1 << 63) - 1
    if f.since:
        lo = text_key(f.since, 0)
    if f.until:
        lo = max(lo, 1 << 32)  # undated events (key date 0) never match `until`
        hi = text_key(f.until, ROWID_MASK)
    if cursor:
        # a forged cursor must not push the bound outside SQLite's 64-bit integers
        hi = max(-1, min(hi, text_key(*decode_cursor(cursor)) - 1))
    return lo, hi


def _rtree_clause(lat_lo: float, lat_hi: float, lon_ranges: list[tuple[float, float]],
                  args: list) -> str:
    parts = []
    for lo, hi in lon_ranges:
        parts.append("(min_lon >= ? AND max_lon <= ? AND min_lat >= ? AND max_lat <= ?)")
        args.extend([lo, hi, lat_lo, lat_hi])
    return f"e.rowid IN (SELECT id FROM events_rtree WHERE {' OR '.join(parts)})"


def _column_clause(lat_lo: float, lat_hi: float, lon_ranges: list[tuple[float, float]], args: list) -> str:
    return columns_box(lat_lo, lat_hi, lon_ranges, SQLITE, args)


def where_clause(f: EventFilter, cursor: str | None = None, *, rows_known: bool = False) -> tuple[str, list]:
    """SQL conditions (joined with AND, or '1' for none) and their parameters, over `events e` joined
    with `documents d`.

    rows_known: the caller has already picked the candidate rows (by rowid), so a box is tested on each
    row rather than looked up in the R*Tree."""
    args: list = []
    conds = column_conditions(f, SQLITE, args)
    # With a type, country or date filter too, the box is checked inside that filter's index (which holds
    # the coordinates); alone, the R*Tree finds the box's events.
    box = _rtree_clause if not (rows_known or f.type or f.country or f.since or f.until) else _column_clause
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        conds.append(box(min_lat, max_lat, _lon_ranges(min_lon, max_lon), args))
    if f.near:
        lat, lon, km = f.near
        lat_lo, lat_hi, ranges = near_box(lat, lon, km)
        conds.append(box(lat_lo, lat_hi, ranges, args))
        conds.append("distance_km(e.latitude, e.longitude, ?, ?) <= ?")
        args.extend([lat, lon, km])
    if f.q:
        # the words with the filter's facet words: fewer matches to collect, the same rows in the end
        conds.append(f"e.rowid IN (SELECT rowid & {ROWID_MASK} FROM events_text WHERE events_text MATCH ?)")
        args.append(text_match(f)[0])
    if cursor:
        sort_date, rowid = decode_cursor(cursor)
        conds.append("(e.sort_date < ? OR (e.sort_date = ? AND e.rowid < ?))")
        args.extend([sort_date, sort_date, rowid])
    return (" AND ".join(conds) or "1"), args
