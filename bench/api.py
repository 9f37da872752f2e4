"""API latency at volume: fill a store with synthetic events (generated, not extracted), serve it with
uvicorn in a second process, and time typical filtered queries over HTTP on loopback.

    .venv/bin/python bench/api.py --events 1000000 --db bench-api.db      # fill (reused if already full)
    .venv/bin/python bench/api.py --db bench-api.db --requests 300        # just measure

Target: p95 < 50 ms for each query kind."""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import httpx
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventatlas.store import open_store  # noqa: E402
from eventatlas.store.synthetic import _CITIES, _KINDS, synthetic_articles  # noqa: E402

PER_ARTICLE = 5


def fill(db: str, n_events: int) -> None:
    with open_store(db) as store:
        have = store.counts()["events"]
        if have >= n_events:
            print(f"{db}: already holds {have:,} events")
            return
        start = time.perf_counter()
        # one transaction per article, incident resolution on: the path real ingestion takes
        with tqdm(total=n_events, initial=have, unit="event", desc="fill") as bar:
            for i, art in enumerate(synthetic_articles(n_events, per_article=PER_ARTICLE)):
                if i < have // PER_ARTICLE:
                    continue
                store.add_result(art)
                bar.update(len(art.events))
        took = time.perf_counter() - start
        print(f"filled {n_events - have:,} events in {took:.0f} s ({(n_events - have) / took:,.0f} events/s)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int) -> subprocess.Popen:
    code = ("import uvicorn; from eventatlas.serve.api import create_app; from eventatlas import Atlas, Settings; "
            f"uvicorn.run(create_app(Atlas(Settings(db={db!r}))), host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1])
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats?country=FJ", timeout=30)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the API server did not start")


def queries(rng: random.Random) -> dict[str, tuple[str, Callable[[], dict]]]:
    def bbox_date_type():
        _, lat, lon, *_ = rng.choice(_CITIES)
        year = rng.randrange(2005, 2025)
        month = rng.randrange(1, 10)
        return {"bbox": f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}", "since": f"{year}-{month:02d}-01",
                "until": f"{year}-{month + 3:02d}-01", "type": rng.choice(_KINDS)[0]}

    def text():
        return {"q": rng.choice([c[0].split()[0] for c in _CITIES] + ["militia", "arrested", "students"])}

    def text_and_date():
        year = rng.randrange(2005, 2025)
        return {"q": rng.choice(["militia", "police", "Khartoum", "Kabul"]), "since": f"{year}-01-01",
                "until": f"{year}-12-31"}

    def text_near():
        _, lat, lon, *_ = rng.choice(_CITIES)
        return {"q": rng.choice(["militia", "police", "arrested", "students"]), "near": f"{lat},{lon},50"}

    def near_country():
        name, lat, lon, cc, _ = rng.choice(_CITIES)
        return {"near": f"{lat},{lon},50", "country": cc}

    def first_page():
        return {}

    def stats_country():
        return {"country": rng.choice(_CITIES)[3]}

    return {"bbox+date+type": ("/api/events", bbox_date_type), "text": ("/api/events", text),
            "text+date": ("/api/events", text_and_date), "text+near": ("/api/events", text_near),
            "near+country": ("/api/events", near_country),
            "first page": ("/api/events", first_page), "stats": ("/api/stats", first_page),
            "stats country": ("/api/stats", stats_country)}


def measure(port: int, n: int, seed: int = 1) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    results = {}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for name, (path, make) in queries(rng).items():
            for _ in range(10):  # warm the page cache and the connection
                client.get(path, params=make()).raise_for_status()
            times, hits = [], []
            for _ in range(n):
                params = make()
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
                body = r.json()
                hits.append(len(body["events"]) if "events" in body else body["total"])
            times.sort()
            results[name] = {"p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
                             "max_ms": round(times[-1], 1), "mean_hits": round(statistics.mean(hits), 1)}
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="bench-api.db")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=200, help="timed requests per query kind")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    fill(args.db, args.events)
    port = _free_port()
    proc = serve(args.db, port)
    try:
        results = measure(port, args.requests)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with open_store(args.db, read_only=True) as store:
        events = store.counts()["events"]
    print(f"\n{events:,} events, {args.requests} requests per kind, HTTP on loopback, limit=100")
    print(f"{'query':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'hits':>7}")
    for name, r in results.items():
        flag = "" if r["p95_ms"] < 50 else "   over the 50 ms target"
        print(f"{name:<16}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}{r['mean_hits']:>7}{flag}")
    if args.json:
        Path(args.json).write_text(json.dumps({"events": events, "results": results}, indent=2))


if __name__ == "__main__":
    main()
