"""An EventFilter as an SQL WHERE clause over `events e`. Place filters go through the R*Tree and text
through FTS5, so each filter uses an index rather than a scan of the events table."""

from __future__ import annotations

import math

from eventatlas.store.filters import EventFilter, decode_cursor, fts_query

_KM_PER_DEG_LAT = 111.2


def _lon_ranges(min_lon: float, max_lon: float) -> list[tuple[float, float]]:
    # A box whose west edge is east of its east edge crosses the antimeridian: two boxes.
    if min_lon <= max_lon:
        return [(min_lon, max_lon)]
    return [(min_lon, 180.0), (-180.0, max_lon)]


def _rtree_clause(lat_lo: float, lat_hi: float, lon_ranges: list[tuple[float, float]],
                  args: list) -> str:
    parts = []
    for lo, hi in lon_ranges:
        parts.append("(min_lon >= ? AND max_lon <= ? AND min_lat >= ? AND max_lat <= ?)")
        args.extend([lo, hi, lat_lo, lat_hi])
    return f"e.rowid IN (SELECT id FROM events_rtree WHERE {' OR '.join(parts)})"


def _column_clause(lat_lo: float, lat_hi: float, lon_ranges: list[tuple[float, float]], args: list) -> str:
    parts = []
    for lo, hi in lon_ranges:
        parts.append("(e.longitude BETWEEN ? AND ?)")
        args.extend([lo, hi])
    args.extend([lat_lo, lat_hi])
    return f"({' OR '.join(parts)}) AND e.latitude BETWEEN ? AND ?"


def near_box(lat: float, lon: float, km: float) -> tuple[float, float, list[tuple[float, float]]]:
    """A lat/lon box holding every point within km of (lat, lon)."""
    dlat = km / _KM_PER_DEG_LAT
    lat_lo, lat_hi = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(lat_lo), abs(lat_hi))
    if widest >= 89.9:
        return lat_lo, lat_hi, [(-180.0, 180.0)]
    dlon = km / (_KM_PER_DEG_LAT * math.cos(math.radians(widest)))
    if dlon >= 180:
        return lat_lo, lat_hi, [(-180.0, 180.0)]
    west, east = lon - dlon, lon + dlon
    if west < -180:
        return lat_lo, lat_hi, [(west + 360, 180.0), (-180.0, east)]
    if east > 180:
        return lat_lo, lat_hi, [(west, 180.0), (-180.0, east - 360)]
    return lat_lo, lat_hi, [(west, east)]


def where_clause(f: EventFilter, cursor: str | None = None, *, text_scan: bool = False) -> tuple[str, list]:
    """SQL conditions (joined with AND, or '1' for none) and their parameters, over `events e` joined
    with `documents d`.

    text_scan: check the text match row by row while walking the date index, instead of collecting every
    match first. Cheaper for common words (a page fills after a few hundred rows), dearer for rare ones."""
    conds: list[str] = []
    args: list = []
    if f.type:
        conds.append("e.type = ?")
        args.append(f.type.upper())
    if f.acled_type:
        conds.append("(e.acled_type = ? COLLATE NOCASE OR e.acled_sub_type = ? COLLATE NOCASE)")
        args.extend([f.acled_type, f.acled_type])
    if f.status:
        conds.append("e.status = ?")
        args.append(f.status)
    if f.actor:
        needle = f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append("e.actors LIKE ? ESCAPE '\\'")
        args.append(f"%{needle}%")
    if f.country:
        conds.append("e.country = ?")
        args.append(f.country.upper())
    if f.since:
        conds.append("e.sort_date >= ?")
        args.append(f.since)
    if f.until:
        # dates may carry less than a day ("2024-03"); anything starting on or before `until` qualifies
        conds.append("e.sort_date <> '' AND e.sort_date <= ?")
        args.append(f.until)
    # With a type, country or date filter too, the box is checked inside that filter's index (which holds
    # the coordinates); alone, the R*Tree finds the box's events.
    box = _rtree_clause if not (f.type or f.country or f.since or f.until) else _column_clause
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
        match = fts_query(f.q)
        if text_scan:
            conds.append(
                "(EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND events_fts.rowid = e.rowid)"
                " OR EXISTS (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ?"
                " AND documents_fts.rowid = d.rowid))")
            args.extend([match, match])
        else:
            conds.append(
                "(e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"
                " OR e.document_id IN (SELECT d2.id FROM documents d2 WHERE d2.rowid IN"
                " (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)))")
            args.extend([match, match])
    if cursor:
        sort_date, rowid = decode_cursor(cursor)
        conds.append("(e.sort_date < ? OR (e.sort_date = ? AND e.rowid < ?))")
        args.extend([sort_date, sort_date, rowid])
    return (" AND ".join(conds) or "1"), args
