"""Where the geocoder's given-span misses come from, on a geoparsing gold set.

    python bench/geo_error_breakdown.py --set gwn [--ranker lgl]

Each gold toponym with a GeoNames id falls in one row: resolved exactly; its id is not in the index at all
(the gazetteer's ceiling); the id is in the index but the name does not reach it (a spelling or a name the
index lacks); the name reaches it but the ranker chose another candidate (within 161 km or not); or it is a
demonym resolved to another place. Prints counts and shares as JSON; reads the gold at run time only.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import Counter


def main() -> None:
    from eventatlas.atlas import Atlas
    from eventatlas.config import Settings
    from eventatlas.evaluate.geo import CROSS_FITTED, FILES as SETS, _outlet_of, read_gold
    from eventatlas.evaluate.gold import gold_path
    from eventatlas.geo.outlets import OutletProfiles
    from eventatlas.geodesy import haversine_km

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="gwn", choices=sorted(SETS))
    ap.add_argument("--ranker", help="ranker weights (default: those fitted on the other set)")
    args = ap.parse_args()
    ranker = args.ranker or CROSS_FITTED[args.set]
    geocoder = Atlas(Settings.from_env().with_overrides(geo_ranker=ranker)).geocoder
    con = sqlite3.connect(f"file:{geocoder.gazetteer.path}?mode=ro", uri=True)
    ids = {r[0] for r in con.execute("SELECT gid FROM places WHERE gid IS NOT NULL")}
    rows: Counter = Counter()
    profiles = OutletProfiles()
    for art in read_gold(gold_path(f"geoparsing/{SETS[args.set]}")):
        tops = sorted(art.toponyms, key=lambda t: t.start)
        trace: list = []
        places = geocoder.resolve_mentions(art.text, [(t.start, t.end) for t in tops], trace=trace,
                                           **_outlet_of(art, profiles))
        cands = {m.start: {h.entry.geonames_id for h in m.candidates} for m, _ in trace}
        for g, p in zip(tops, places):
            if g.geonames_id is None or g.lat is None:
                continue
            near = p.latitude is not None and haversine_km(g.lat, g.lon, p.latitude, p.longitude) <= 161
            if p.geonames_id == g.geonames_id:
                rows["exact"] += 1
            elif g.geonames_id not in ids:
                rows["id not in the index" + (", within 161 km" if near else "")] += 1
            elif g.start not in cands:
                rows["demonym or unknown name resolved elsewhere" + (", within 161 km" if near else "")] += 1
            elif g.geonames_id not in cands[g.start]:
                rows["in the index, the name does not reach it" + (", within 161 km" if near else "")] += 1
            else:
                rows["ranked below another candidate" + (", within 161 km" if near else "")] += 1
    total = sum(rows.values())
    print(json.dumps({"set": args.set, "ranker": ranker, "toponyms_with_id": total,
                      "rows": {k: [v, round(v / total, 4)] for k, v in rows.most_common()}}, indent=2))


if __name__ == "__main__":
    main()
