"""An EventFilter, and an incident window, as PostgreSQL conditions over `events e`: boxes through the
GiST index on the points (as planar lon/lat boxes, the SQLite store's semantics), radii with ST_DWithin on
the sphere (the haversine radius SQLite uses), words through the tsvector's GIN index."""

from __future__ import annotations

from eventatlas.store.boxes import incident_cells, lon_ranges, near_box
from eventatlas.store.filters import EventFilter, decode_cursor, search_terms
from eventatlas.store.postgres.schema import TEXT_CONFIG
from eventatlas.store.sql import POSTGRES, column_conditions, columns_box, window_conditions

_MAX_CELLS = 64
# PostGIS's sphere for use_spheroid=false has the mean Earth radius, the one store.rows.haversine_km uses.
_SPHERE = "false"


def ts_query(text: str) -> str:
    """User text as a to_tsquery() argument with FTS5's meaning: every word must occur, `word*` is a prefix.
    Each word is quoted, so operators and stray quotes in user input stay words."""
    return " & ".join("'" + word.replace("'", "''") + "'" + (":*" if prefix else "")
                      for word, prefix in search_terms(text))


def _boxes(lat_lo: float, lat_hi: float, ranges: list[tuple[float, float]], args: list) -> str:
    parts = []
    for lo, hi in ranges:
        parts.append("(e.geog::geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326))")
        args.extend([lo, lat_lo, hi, lat_hi])
    return f"({' OR '.join(parts)})"


def where_clause(f: EventFilter, cursor: str | None = None) -> tuple[str, list]:
    """Conditions (joined with AND, or TRUE for none) and their parameters over `events e`."""
    args: list = []
    conds = column_conditions(f, POSTGRES, args)
    # Alone, a box goes through the GiST index; with a type, country or date filter, that filter's index
    # (which holds the coordinates) tests it. Both are written, and the planner picks.
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        ranges = lon_ranges(min_lon, max_lon)
        conds.append(_boxes(min_lat, max_lat, ranges, args))
        conds.append(columns_box(min_lat, max_lat, ranges, POSTGRES, args))
    if f.near:
        lat, lon, km = f.near
        lat_lo, lat_hi, ranges = near_box(lat, lon, km)
        conds.append(columns_box(lat_lo, lat_hi, ranges, POSTGRES, args))
        conds.append(f"ST_DWithin(e.geog, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s, {_SPHERE})")
        args.extend([lon, lat, km * 1000.0])
    if f.q:
        conds.append(f"e.words @@ to_tsquery('{TEXT_CONFIG}', %s)")
        args.append(ts_query(f.q))
    if cursor:
        sort_date, rowid = decode_cursor(cursor)
        conds.append("(e.sort_date, e.rowid) < (%s, %s)")
        args.extend([sort_date, rowid])
    return (" AND ".join(conds) or "TRUE"), args


# -- incident windows (resolve.IncidentWindow) -----------------------------------------------------------

def window_sql(w, tag: int, args: list) -> str:
    """SELECTs (UNION ALL) of the stored reports inside one window, each row tagged with `tag`."""
    selects = []
    head = f"SELECT {int(tag)} AS tag, e.rowid, e.json::text AS json, e.incident_id, e.document_id FROM events e"
    if w.near is not None:
        lat_lo, lat_hi, ranges = near_box(*w.near)
        cells = incident_cells(lat_lo, lat_hi, ranges)
        place = [f"e.cell = ANY(ARRAY[{', '.join(map(str, cells))}])"] if len(cells) <= _MAX_CELLS else []
        place.append("e.sort_date BETWEEN %s AND %s")
        args.extend([w.first_day, w.last_day])
        place.append(columns_box(lat_lo, lat_hi, ranges, POSTGRES, args))
        selects.append(f"{head} WHERE {' AND '.join(place)} AND {window_conditions(w, POSTGRES, args)}")
    if w.country is not None:  # a statement: anywhere in the country
        args.extend([w.country, w.first_day, w.last_day])
        selects.append(f"{head} WHERE e.country = %s AND e.sort_date BETWEEN %s AND %s"
                       f" AND {window_conditions(w, POSTGRES, args)}")
    if w.admin1 is not None:
        precisions = w.admin1_precisions
        args.extend([w.admin1[0], w.admin1[1], *precisions, w.first_day, w.last_day])
        selects.append(f"{head} WHERE e.country = %s AND e.admin1 = %s"
                       f" AND e.precision IN ({POSTGRES.marks(len(precisions))}) AND e.sort_date BETWEEN %s AND %s"
                       f" AND {window_conditions(w, POSTGRES, args)}")
    return " UNION ALL ".join(selects)
