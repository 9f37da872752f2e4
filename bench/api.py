"""API latency at volume: fill a store with synthetic events (generated, not extracted), serve it with
uvicorn in a second process, and time typical filtered queries over HTTP on loopback.

    .venv/bin/python bench/api.py --events 1000000 --db bench-api.db      # fill (reused if already full)
    .venv/bin/python bench/api.py --db bench-api.db --requests 300        # just measure, one request at a time
    .venv/bin/python bench/api.py --events 1000000 --postgres             # a scratch PostgreSQL server
    .venv/bin/python bench/api.py --db postgresql://user@host/db          # a server of yours
    .venv/bin/python bench/api.py --db bench-api.db --events 200000 --load 200 --workers 1,2
        # a fixed offered load: 200 requests/s for --seconds, sent on schedule whether or not earlier ones
        # have come back (open loop), from this process to `eventatlas serve --workers N` in another; latency
        # counts from when each request was due, so a server that falls behind shows it. Prints p50/p95/p99
        # and the requests/s answered, for each --workers value in the same run.

The fill writes as ingest does (incident matching on, a transaction per BATCH_ARTICLES articles) and
reports its rate over the first and the last FILL_WINDOW events: writes should not slow as the store grows.
Targets: p95 < 50 ms for each query kind; the fill near the end at least 80% as fast as at the start."""

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

from eventatlas.scale.writer import BATCH_ARTICLES  # noqa: E402
from eventatlas.store import open_store  # noqa: E402
from eventatlas.store.synthetic import _CITIES, _KINDS, synthetic_articles  # noqa: E402

PER_ARTICLE = 5
FILL_WINDOW = 50_000  # events over which the start and end fill rates are measured


def fill(db: str, n_events: int, in_order: bool = False) -> dict[str, float] | None:
    """Fill the store up to n_events; the fill rates (events/s) at the start and near the end."""
    with open_store(db) as store:
        have = store.counts()["events"]
        if have >= n_events:
            print(f"{redact(db)}: already holds {have:,} events")
            return None
        start = time.perf_counter()
        # (events stored, wall clock, this process's CPU time): on a shared machine the CPU rate says what
        # the work cost when other processes took turns on the cores
        marks: list[tuple[int, float, float]] = [(have, start, time.process_time())]
        batch: list = []
        # incident resolution on, a transaction per batch of articles: the path ingest takes (scale/writer.py)
        with tqdm(total=n_events, initial=have, unit="event", desc="fill", mininterval=5) as bar:
            for i, art in enumerate(synthetic_articles(n_events, per_article=PER_ARTICLE, in_order=in_order)):
                if i < have // PER_ARTICLE:
                    continue
                batch.append(art)
                if len(batch) == BATCH_ARTICLES:
                    store.add_results(batch)
                    bar.update(sum(len(a.events) for a in batch))
                    marks.append((bar.n, time.perf_counter(), time.process_time()))
                    batch = []
            if batch:
                store.add_results(batch)
                marks.append((n_events, time.perf_counter(), time.process_time()))
        took = time.perf_counter() - start
        print(f"filled {n_events - have:,} events in {took:.0f} s ({(n_events - have) / took:,.0f} events/s)")
    return fill_rates(marks, n_events)


def fill_rates(marks: list[tuple[int, float, float]], n_events: int) -> dict[str, float]:
    """Events/s over the first FILL_WINDOW events written and over the last FILL_WINDOW before n_events,
    by the wall clock and per CPU second of this process."""
    def rate(lo: int, hi: int, clock: int) -> float:
        inside = [m for m in marks if lo <= m[0] <= hi]
        first, last = inside[0], inside[-1]
        took = last[clock] - first[clock]
        return (last[0] - first[0]) / took if took > 0 else float("nan")

    have = marks[0][0]
    window = min(FILL_WINDOW, (n_events - have) // 4)
    out: dict[str, float] = {"window": window}
    for clock, name in ((1, "wall"), (2, "cpu")):
        start, end = rate(have, have + window, clock), rate(n_events - window, n_events, clock)
        out.update({f"start_{name}": round(start), f"end_{name}": round(end), f"end_over_start_{name}":
                    round(end / start, 3)})
    return out


def redact(db: str) -> str:
    from eventatlas.store.postgres.store import redact as hide
    return hide(db)


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


# What the load sends: mostly the map page's queries, and now and then one that no index serves well (a
# one-letter actor scans every event's actors; a short prefix reads many terms).
_HEAVY = [("/api/stats", {"actor": "a"}), ("/api/stats", {"q": "ar*"}), ("/api/events", {"actor": "e"})]
HEAVY_SHARE = 0.02


def serve_cli(db: str, port: int, workers: int) -> subprocess.Popen:
    """`eventatlas serve` as a user starts it, in a process of its own."""
    proc = subprocess.Popen([sys.executable, "-m", "eventatlas.cli", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], cwd=Path(__file__).resolve().parents[1],
                            stdout=subprocess.DEVNULL)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats?country=FJ", timeout=30)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the API server did not start")


def offered_load(base: str, rate: float, seconds: float, seed: int = 1, senders: int = 128) -> dict:
    """Send `rate` requests/s for `seconds` on a fixed schedule; latency counts from each request's due time,
    so a server that falls behind (or keeps every sender busy) shows it instead of slowing the schedule.
    Senders are threads with a plain keep-alive http.client connection each: light enough that this process
    is never what limits the rate."""
    import http.client
    import queue
    import threading
    from urllib.parse import urlencode, urlsplit

    rng = random.Random(seed)
    kinds = list(queries(rng).values())
    due: queue.Queue = queue.Queue()
    for i in range(int(rate * seconds)):
        if rng.random() < HEAVY_SHARE:
            path, params = rng.choice(_HEAVY)
        else:
            path, make = rng.choice(kinds)
            params = make()
        due.put((i / rate, f"{path}?{urlencode(params)}" if params else path))
    host = urlsplit(base)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def sender() -> None:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        while True:
            try:
                at, url = due.get_nowait()
            except queue.Empty:
                conn.close()
                return
            time.sleep(max(0.0, start + at - time.perf_counter()))
            try:
                conn.request("GET", url)
                resp = conn.getresponse()
                resp.read()
                key = str(resp.status)
            except (OSError, http.client.HTTPException) as exc:
                key = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
            with lock:
                latencies.append((time.perf_counter() - start - at) * 1000)
                statuses[key] = statuses.get(key, 0) + 1

    threads = [threading.Thread(target=sender, daemon=True) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    latencies.sort()

    def pct(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)

    return {"offered_rps": rate, "answered_rps": round(len(latencies) / took, 1), "requests": len(latencies),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(latencies[-1], 1),
            "statuses": dict(sorted(statuses.items()))}


def load_main(args) -> None:
    runs = {}
    targets = [(f"given server {args.url}", args.url, None)] if args.url else \
        [(f"{w} worker{'s' if w > 1 else ''}", None, w) for w in map(int, args.workers.split(","))]
    for label, url, workers in targets:
        proc = None
        if url is None:
            port = _free_port()
            proc = serve_cli(args.db, port, workers)
            url = f"http://127.0.0.1:{port}"
        try:
            offered_load(url, min(args.load, 20), 2)  # warm the page cache and the connections
            runs[label] = offered_load(url, args.load, args.seconds)
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
    with open_store(args.db, read_only=True) as store:
        events = store.counts()["events"]
    heavy = ", ".join(p + "?" + "&".join(f"{k}={v}" for k, v in q.items()) for p, q in _HEAVY)
    print(f"\n{events:,} events; {args.load:g} requests/s offered for {args.seconds:g} s from a second process, "
          f"{HEAVY_SHARE:.0%} of them heavy ({heavy})")
    print(f"{'server':<28}{'answered/s':>11}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}  statuses")
    for label, r in runs.items():
        print(f"{label:<28}{r['answered_rps']:>11}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['p99_ms']:>9}{r['max_ms']:>9}"
              f"  {r['statuses']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"events": events, "load": runs}, indent=2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="bench-api.db", help="SQLite file or postgresql:// URL")
    ap.add_argument("--postgres", action="store_true",
                    help="fill and serve a database on a scratch PostgreSQL server started for this run")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--in-order", action="store_true",
                    help="fill in publication order, as a crawl arrives (default: each article on a random day)")
    ap.add_argument("--requests", type=int, default=200, help="timed requests per query kind")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--load", type=float, help="offered requests/s: measure under a fixed load instead")
    ap.add_argument("--seconds", type=float, default=20, help="how long the load lasts (default 20)")
    ap.add_argument("--workers", default="1,2", help="server processes to try under --load, e.g. 1,2,4")
    ap.add_argument("--url", help="under --load, a server already running (e.g. an older build) instead")
    args = ap.parse_args()
    server = None
    if args.postgres:
        from eventatlas.store.postgres.scratch import ScratchServer
        server = ScratchServer(fast=False).start()  # fsync on: the fill pays for durable commits
        args.db = server.create_database("bench_api")
    try:
        run(args)
    finally:
        if server is not None:
            server.stop()


def run(args) -> None:
    rates = fill(args.db, args.events, args.in_order)
    if args.db.startswith(("postgresql://", "postgres://")):
        vacuum(args.db)
    if args.load:
        load_main(args)
        return
    port = _free_port()
    proc = serve(args.db, port)
    try:
        results = measure(port, args.requests)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with open_store(args.db, read_only=True) as store:
        events = store.counts()["events"]
    backend = "PostgreSQL" if args.db.startswith("postgres") else "SQLite"
    if rates:
        w = rates["window"]
        print(f"\nfill ({backend}), events/s over the first {w:,} events and over the last {w:,}:")
        for name, what in (("wall", "by the wall clock"), ("cpu", "per CPU second of the filling process")):
            ratio = rates[f"end_over_start_{name}"]
            print(f"  {what}: {rates[f'start_{name}']:,} -> {rates[f'end_{name}']:,}, end/start {ratio}"
                  + ("" if ratio >= 0.8 else "   under the 0.8 target"))
    print(f"\n{backend}: {events:,} events, {args.requests} requests per kind, HTTP on loopback, limit=100")
    print(f"{'query':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'hits':>7}")
    for name, r in results.items():
        flag = "" if r["p95_ms"] < 50 else "   over the 50 ms target"
        print(f"{name:<16}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}{r['mean_hits']:>7}{flag}")
    if args.json:
        Path(args.json).write_text(json.dumps({"backend": backend, "events": events, "fill": rates,
                                               "results": results}, indent=2))


def vacuum(url: str) -> None:
    """What autovacuum would get to on its own after a bulk load: statistics for the planner and the
    visibility map that lets index-only scans skip the table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
