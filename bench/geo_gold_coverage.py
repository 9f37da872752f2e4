"""How many gold GeoNames ids of a geoparsing set the gazetteer index holds at all: the ceiling on exact match.

    python bench/geo_gold_coverage.py [--index PATH] [--set gwn|lgl]

Reads the gold at run time (EVENTATLAS_GOLD or ../shared/gold); prints one JSON line per set. --index scores an
older index file (say, one built before a change) instead of the current one."""

from __future__ import annotations

import argparse
import json
import sqlite3


def main() -> None:
    from eventatlas.config import Settings
    from eventatlas.evaluate.geo import FILES as SETS, read_gold
    from eventatlas.evaluate.gold import gold_path
    from eventatlas.geo.gazetteer import Gazetteer

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="an index file to read instead of the current one")
    ap.add_argument("--set", choices=sorted(SETS), action="append")
    args = ap.parse_args()
    path = args.index or Gazetteer(Settings.from_env().cache_dir).path
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    ids = {r[0] for r in con.execute("SELECT gid FROM places WHERE gid IS NOT NULL")}
    for name in args.set or sorted(SETS):
        gold = [t.geonames_id for a in read_gold(gold_path(f"geoparsing/{SETS[name]}")) for t in a.toponyms
                if t.geonames_id is not None and t.lat is not None]
        covered = sum(g in ids for g in gold)
        print(json.dumps({"set": name, "gold_ids": len(gold), "covered": covered,
                          "share": round(covered / len(gold), 4) if gold else None}))


if __name__ == "__main__":
    main()
