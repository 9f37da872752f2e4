"""SQL that both back-ends write the same way but for their spelling (a Dialect): the filter conditions on
plain columns, a lat/lon box on the coordinate columns, and the non-place part of an incident window.
Each back-end adds what it does its own way (spatial and text indexes, cursors)."""

from __future__ import annotations

from dataclasses import dataclass

from eventatlas.store.boxes import lon_ranges, near_box
from eventatlas.store.filters import EventFilter


@dataclass(frozen=True)
class Dialect:
    param: str           # a parameter placeholder: "?" (sqlite3) or "%s" (psycopg)
    equals_nocase: str   # {col} equals {p} ignoring ASCII case
    contains_nocase: str  # {col} contains the LIKE pattern {p} (backslash escapes), ignoring case

    def marks(self, n: int) -> str:
        return ", ".join([self.param] * n)


SQLITE = Dialect("?", "{col} = {p} COLLATE NOCASE", "{col} LIKE {p} ESCAPE '\\'")
POSTGRES = Dialect("%s", "lower({col}) = lower({p})", "{col} ILIKE {p}")


def column_conditions(f: EventFilter, d: Dialect, args: list) -> list[str]:
    """The filter's conditions on plain columns of `events e` (type, ACLED type, status, actor, country,
    dates), appending their parameters to args."""
    p = d.param
    conds: list[str] = []
    if f.type:
        conds.append(f"e.type = {p}")
        args.append(f.type.upper())
    if f.acled_type:
        either = [d.equals_nocase.format(col=col, p=p) for col in ("e.acled_type", "e.acled_sub_type")]
        conds.append(f"({' OR '.join(either)})")
        args.extend([f.acled_type, f.acled_type])
    if f.status:
        conds.append(f"e.status = {p}")
        args.append(f.status)
    if f.actor:
        needle = f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(d.contains_nocase.format(col="e.actors", p=p))
        args.append(f"%{needle}%")
    if f.country:
        conds.append(f"e.country = {p}")
        args.append(f.country.upper())
    if f.since:
        conds.append(f"e.sort_date >= {p}")
        args.append(f.since)
    if f.until:
        # dates may carry less than a day ("2024-03"); anything starting on or before `until` qualifies
        conds.append(f"e.sort_date <> '' AND e.sort_date <= {p}")
        args.append(f.until)
    return conds


def columns_box(lat_lo: float, lat_hi: float, lon_ranges: list[tuple[float, float]], d: Dialect,
                args: list) -> str:
    """A lat/lon box (longitudes split at the antimeridian) on the coordinate columns, which the type,
    country and date indexes hold, so the box is tested inside the index."""
    parts = []
    for lo, hi in lon_ranges:
        parts.append(f"(e.longitude BETWEEN {d.param} AND {d.param})")
        args.extend([lo, hi])
    args.extend([lat_lo, lat_hi])
    return f"({' OR '.join(parts)}) AND e.latitude BETWEEN {d.param} AND {d.param}"


def window_conditions(w, d: Dialect, args: list) -> str:
    """An incident window's (resolve.IncidentWindow) conditions other than place, over `events e`."""
    kinds = [f"e.type IN ({d.marks(len(w.types))})"]
    args.extend(w.types)
    if w.acled_types:
        kinds.append(f"e.acled_type IN ({d.marks(len(w.acled_types))})")
        args.extend(w.acled_types)
    args.extend([*w.statuses, w.ends_from, w.document_id])
    return (f"({' OR '.join(kinds)}) AND e.status IN ({d.marks(len(w.statuses))})"
            # a partial end date ("2024-03") does not compare as a day; the rules judge those
            f" AND (e.date_end IS NULL OR length(e.date_end) < 10 OR e.date_end >= {d.param})"
            # a report not grouped yet (a rebuild goes article by article) is no one's neighbour
            f" AND e.document_id <> {d.param} AND e.incident_id IS NOT NULL")


def incident_conditions(f: EventFilter, d: Dialect, args: list) -> list[str]:
    """The filter's conditions on the plain columns and the box of `incidents e` (whose columns carry the
    events table's names); the radius's distance and the words are each back-end's own."""
    conds = column_conditions(f, d, args)
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        conds.append(columns_box(min_lat, max_lat, lon_ranges(min_lon, max_lon), d, args))
    if f.near:
        conds.append(columns_box(*near_box(*f.near), d, args))
    return conds
