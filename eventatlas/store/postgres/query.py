"""An EventFilter, and an incident window, as PostgreSQL conditions over `events e`: boxes through the
GiST index on the points (as planar lon/lat boxes, the SQLite store's semantics), radii with ST_DWithin on
the sphere (the haversine radius SQLite uses), words through the tsvector's GIN index."""

from __future__ import annotations

from eventatlas.store.boxes import incident_cells, lon_ranges, near_box
from eventatlas.store.filters import EventFilter, decode_cursor, search_terms
from eventatlas.store.postgres.schema import TEXT_CONFIG
from eventatlas.store.sql import POSTGRES, column_conditions, columns_box

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

# One statement of one shape for every window (arrays and NULLs where a window has less), so the server
# plans it once per connection (psycopg prepares a statement it sees repeatedly), not once per event.
# Each arm leads with an index: the incident cells then the date, the admin1 then the date, the country
# then the date (for a report placed only to its country), the reports placed only to a country, or for a
# statement its type then the date.
_WINDOW_HEAD = "SELECT e.rowid, e.json::text AS json, e.incident_id, e.document_id FROM events e WHERE "
_WINDOW_REST = (" AND (e.type = ANY(%(types)s) OR e.acled_type = ANY(%(acled)s)) AND e.status = ANY(%(statuses)s)"
                # a partial end date ("2024-03") does not compare as a day; the rules judge those
                " AND (e.date_end IS NULL OR length(e.date_end) < 10 OR e.date_end >= %(ends_from)s)"
                # a report not grouped yet (a rebuild goes article by article) is no one's neighbour
                " AND e.document_id <> %(document)s AND e.incident_id IS NOT NULL")
_NEAR = ("e.sort_date BETWEEN %(first)s AND %(last)s AND e.latitude BETWEEN %(lat_lo)s AND %(lat_hi)s"
         " AND (e.longitude BETWEEN %(lo1)s AND %(hi1)s OR e.longitude BETWEEN %(lo2)s AND %(hi2)s)")
# reports known to admin1 precision (the partial index holds them), or, for a report itself known only to
# admin1 precision, every precise report of the admin1
_ADMIN1 = ("e.country = %(country)s AND e.admin1 = %(admin1)s AND e.precision = 'admin1'"
           " AND e.sort_date BETWEEN %(first)s AND %(last)s")
_ADMIN1_ANY = ("e.country = %(country)s AND e.admin1 = %(admin1)s AND e.precision = ANY(%(precisions)s)"
               " AND e.sort_date BETWEEN %(first)s AND %(last)s")
_COUNTRY = "e.country = %(any_country)s AND e.sort_date BETWEEN %(first)s AND %(last)s"
# the reports placed no finer than their country: no admin1, so a partial index holds them alone
_COARSE = ("e.country = %(coarse_country)s AND e.admin1 IS NULL AND e.precision = ANY(%(coarse)s)"
           " AND e.sort_date BETWEEN %(first)s AND %(last)s")
_STATEMENT = ("%(statement)s AND e.type = ANY(%(types)s) AND e.sort_date BETWEEN %(first)s AND %(last)s"
              " AND (%(statement_country)s::text IS NULL OR e.country = %(statement_country)s OR e.country IS NULL)")
_ADMIN1_ARM = f" UNION ALL {_WINDOW_HEAD}{_ADMIN1}{_WINDOW_REST}"
_OTHER_ARMS = (f" UNION ALL {_WINDOW_HEAD}{_COUNTRY}{_WINDOW_REST}"
               f" UNION ALL {_WINDOW_HEAD}{_COARSE}{_WINDOW_REST}"
               f" UNION ALL {_WINDOW_HEAD}{_STATEMENT}{_WINDOW_REST}")
WINDOW_BY_CELL = f"{_WINDOW_HEAD}e.cell = ANY(%(cells)s) AND {_NEAR}{_WINDOW_REST}{_ADMIN1_ARM}{_OTHER_ARMS}"
# near a pole a window touches too many cells: the date index leads instead
WINDOW_BY_DATE = f"{_WINDOW_HEAD}{_NEAR}{_WINDOW_REST}{_ADMIN1_ARM}{_OTHER_ARMS}"
# a report known only to admin1 precision: every precise report of its admin1, and the other arms
WINDOW_IN_ADMIN1 = f"{_WINDOW_HEAD}{_ADMIN1_ANY}{_WINDOW_REST}{_OTHER_ARMS}"


def window_query(w) -> tuple[str, dict]:
    """The statement and parameters that fetch the stored reports inside one window."""
    args = {"types": list(w.types), "acled": list(w.acled_types), "statuses": list(w.statuses),
            "ends_from": w.ends_from, "document": w.document_id, "first": w.first_day, "last": w.last_day,
            "cells": [], "lat_lo": None, "lat_hi": None, "lo1": None, "hi1": None, "lo2": None, "hi2": None,
            "country": None, "admin1": None, "precisions": list(w.admin1_precisions),
            "any_country": None if w.statement or w.country_precisions else w.country,
            "coarse_country": w.country if w.country_precisions else None, "coarse": list(w.country_precisions),
            "statement": w.statement, "statement_country": w.country if w.statement else None}
    sql = WINDOW_BY_CELL
    if w.near is not None:
        lat_lo, lat_hi, ranges = near_box(*w.near)
        (lo1, hi1), (lo2, hi2) = ranges[0], ranges[-1]
        args.update(lat_lo=lat_lo, lat_hi=lat_hi, lo1=lo1, hi1=hi1, lo2=lo2, hi2=hi2)
        cells = incident_cells(lat_lo, lat_hi, ranges)
        if len(cells) <= _MAX_CELLS:
            args["cells"] = cells
        else:
            sql = WINDOW_BY_DATE
    if w.admin1 is not None:
        args.update(country=w.admin1[0], admin1=w.admin1[1])
        if w.admin1_precisions != ("admin1",):
            sql = WINDOW_IN_ADMIN1  # known only to admin1 precision, so no distance to go by
    return sql, args
