"""Control queries at volume: fill a store with synthetic events, a quarter of them territorial (captures,
recaptures, withdrawals, surrenders: generated, never extracted) with the control claims of their sentences, derive
every place's periods once (ControlStep.rebuild), then time the library call `eventatlas control --place
NAME --at DATE` makes (store.control_periods), beside the map layer's calls (a country, a radius at a date)
and the cost of keeping periods current as one more article arrives (ControlStep.update).

    .venv/bin/python bench/control.py --events 1000000 --db bench-control.db     # fill (reused if full)
    .venv/bin/python bench/control.py --db bench-control.db --queries 300        # just measure

Target: `control --place ... --at ...` under 100 ms on 1M events."""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from itertools import zip_longest
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventatlas.control import ControlStep  # noqa: E402
from eventatlas.store import ControlFilter, open_store  # noqa: E402
from eventatlas.store.rows import EVENT_COLUMNS, document_row, event_row  # noqa: E402
from eventatlas.store.synthetic import _CITIES, synthetic_articles, synthetic_control_articles  # noqa: E402

PER_ARTICLE = 5
TOWNS = 5000


def _plain(obj):
    """dataclasses.asdict without its deep copies (five times faster on these records, same dicts)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def _articles(n_events: int):
    """A quarter of the events territorial (with their control claims), the rest the API bench's mix."""
    territorial = synthetic_control_articles(n_events // 4, towns=TOWNS, per_article=PER_ARTICLE)
    other = synthetic_articles(n_events - n_events // 4, per_article=3 * PER_ARTICLE)
    for pair in zip_longest(territorial, other):
        yield from (a for a in pair if a is not None)


def fill(db: str, n_events: int, rebuild: bool = False) -> dict[str, float]:
    """Events written in bulk, a few thousand articles per transaction, through the store's own row
    builders and triggers, but without incident matching (each event its own incident): this bench times
    the control reads; bench/api.py times writing as ingest does it."""
    took: dict[str, float] = {}
    open_store(db).close()  # the schema, as this eventatlas writes it
    with sqlite3.connect(db) as conn:
        have = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    if have < n_events:
        start = time.perf_counter()
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        batch: list = []
        with tqdm(total=n_events, unit="event", desc="fill") as bar:
            for art in _articles(n_events):
                batch.append(art)
                if len(batch) == 2000:
                    _write(conn, batch, bar)
                    batch = []
            _write(conn, batch, bar)
        conn.close()
        took["fill_s"] = round(time.perf_counter() - start, 1)
    with open_store(db) as store:
        if rebuild or not store.control_periods(ControlFilter(), limit=1):
            start = time.perf_counter()
            done = ControlStep(geocoder=None).rebuild(store)  # every synthetic place is resolved already
            took["rebuild_s"] = round(time.perf_counter() - start, 1)
            took.update(done._asdict())
    return took


def _write(conn: sqlite3.Connection, articles: list, bar) -> None:
    insert = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
    conn.execute("BEGIN")
    for art in articles:
        doc = art.document
        conn.execute("INSERT INTO documents (id, url, title, outlet, published, language, credits, source, text,"
                     " added_at) VALUES (?,?,?,?,?,?,?,?,?,?)", document_row(doc, "2026-01-01T00:00:00+00:00"))
        conn.executemany(insert, [event_row(e, doc.id, e.id, _plain(e)) for e in art.events])
        conn.executemany("INSERT INTO claims (id, document_id, kind, evidence, json) VALUES (?,?,?,?,?)",
                         [(c.id, doc.id, c.kind, c.evidence.text, json.dumps(_plain(c), separators=(",", ":")))
                          for c in art.claims])
        bar.update(len(art.events))
    conn.execute("COMMIT")


def _times(call, n: int) -> dict[str, float]:
    for _ in range(10):
        call()  # warm the page cache
    times, hits = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        hits.append(len(call()))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "max_ms": round(times[-1], 2), "mean_hits": round(statistics.mean(hits), 1)}


def measure(db: str, n: int, seed: int = 3) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)

    def day() -> str:
        return f"{rng.randrange(2005, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"

    def town() -> str:
        t = rng.randrange(TOWNS)
        return f"{_CITIES[t % len(_CITIES)][0]} district town {t}"

    with open_store(db, read_only=True) as store:
        def city():
            return rng.choice(_CITIES)
        out = {
            "place+at": _times(lambda: store.control_periods(ControlFilter(place=town(), at=day())), n),
            "place": _times(lambda: store.control_periods(ControlFilter(place=town())), n),
            "country+at": _times(lambda: store.control_periods(ControlFilter(country=city()[3], at=day()),
                                                               limit=10_000), max(20, n // 10)),
            # what the map's control layer asks for: the same periods without their sentences
            "country+at, layer": _times(lambda: store.control_periods(
                ControlFilter(country=city()[3], at=day()), limit=10_000, evidence=False), max(20, n // 10)),
            "near+at": _times(lambda: store.control_periods(
                ControlFilter(near=(city()[1], city()[2], 50), at=day()), limit=10_000), n),
        }
    # one more article arriving: the places it names re-derived from all their evidence
    with open_store(db) as store:
        step = ControlStep(geocoder=None)
        extra = list(synthetic_control_articles(100 * PER_ARTICLE, towns=TOWNS, seed=99))
        times = []
        for art in extra:
            art.document.id = f"extra-{art.document.id}-{time.time_ns()}"
            art.document.url = None
            for e in art.events:
                e.id = f"{art.document.id}-{e.id.rsplit('-', 1)[1]}"
            store.add_result(art)
            t0 = time.perf_counter()
            step.update(store, art)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        out["update per article"] = {"p50_ms": round(statistics.median(times), 2),
                                     "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
                                     "max_ms": round(times[-1], 2), "mean_hits": PER_ARTICLE}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="bench-control.db")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300, help="timed calls per query kind")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--rebuild", action="store_true", help="derive the periods again even if the store has them")
    args = ap.parse_args()
    built = fill(args.db, args.events, rebuild=args.rebuild)
    results = measure(args.db, args.queries)
    with open_store(args.db, read_only=True) as store:
        counts = store.counts()
        periods = len(store.control_periods(ControlFilter(), limit=10_000))
    print(f"\n{counts['events']:,} events, {counts['claims']:,} claims, {periods:,}+ control periods "
          f"(first 10,000 counted); {built or 'store reused'}")
    print(f"{'call':<20}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'hits':>8}")
    for name, r in results.items():
        flag = "   over the 100 ms target" if name == "place+at" and r["p95_ms"] >= 100 else ""
        print(f"{name:<20}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}{r['mean_hits']:>8}{flag}")
    if args.json:
        Path(args.json).write_text(json.dumps({"counts": counts, "built": built, "results": results}, indent=2))


if __name__ == "__main__":
    main()
