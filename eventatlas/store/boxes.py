"""Lat/lon boxes round the places a query names: what every back-end's index lookups start from."""

from __future__ import annotations

import math

_KM_PER_DEG_LAT = 111.2


def lon_ranges(min_lon: float, max_lon: float) -> list[tuple[float, float]]:
    """A box whose west edge is east of its east edge crosses the antimeridian: two ranges."""
    if min_lon <= max_lon:
        return [(min_lon, max_lon)]
    return [(min_lon, 180.0), (-180.0, max_lon)]


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


# Incident matching reads stored reports by grid cell first: the cell of INCIDENT_CELL degrees that an
# event's point lies in, as one integer (row * 1000 + column, counted from -90 / -180). Halves are exact
# in binary, so the back-ends' SQL and this Python compute the same cell from the same coordinates.
INCIDENT_CELL = 0.5


def incident_cells(lat_lo: float, lat_hi: float, ranges: list[tuple[float, float]]) -> list[int]:
    """Every incident cell a lat/lon box (longitudes split at the antimeridian) touches."""
    rows = range(math.floor((lat_lo + 90) * 2), math.floor((lat_hi + 90) * 2) + 1)
    cols = [c for lo, hi in ranges for c in range(math.floor((lo + 180) * 2), math.floor((hi + 180) * 2) + 1)]
    return sorted({r * 1000 + c for r in rows for c in cols})
