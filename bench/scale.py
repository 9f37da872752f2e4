"""Ingest throughput on every core: the same articles with 1 job, 2 jobs and a 2-worker Dask LocalCluster,
in one run, each into a fresh SQLite file.

    python bench/scale.py [--copies N] [--no-dask] [--json FILE]

The articles are the repo's own (the demo corpus and the corpora under eventatlas/evaluate/corpora), each
written N times with a line and an outlet of its own per copy, so that no copy is a duplicate of another and
the outlets are many, as in a crawl (articles of one outlet go to one worker: see scale/jobs.py).

Rates are articles/s between the first and the last article written, so the one-off start (loading spaCy
and the gazetteer, once per worker) is left out; the totals with it are printed too. Prints the scaling
ratio 2 jobs / 1 job (target >= 1.8 on 2 cores), the Dask efficiency, rate / (2 x one process) (target
>= 0.8), and each worker's peak RSS (target < 1 GB)."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventatlas import Atlas, Settings  # noqa: E402

CORPORA = ("demo/corpus", "evaluate/corpora/incidents/articles", "evaluate/corpora/events/articles",
           "evaluate/corpora/control/articles")


def write_inputs(folder: Path, copies: int) -> int:
    root = Path(str(resources.files("eventatlas")))
    n = 0
    for corpus in CORPORA:
        for src in sorted((root / corpus).glob("*.json")):
            article = json.loads(src.read_text("utf-8"))
            for copy in range(copies):
                art = dict(article, text=f"{article['text']}\n\nFiled for copy {copy}.",
                           outlet=f"{article.get('outlet') or 'Wire'} {copy}")
                if art.get("url"):
                    art["url"] = f"{art['url']}?copy={copy}"
                (folder / f"{copy:02d}-{corpus.replace('/', '-')}-{src.name}").write_text(json.dumps(art))
                n += 1
    return n


class Clock:
    """When each article was written: the rate between the first and the last leaves the start-up out."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: list[tuple[int, float]] = []

    def tick(self, done: int) -> None:
        self.marks.append((done, time.perf_counter()))

    def rate(self) -> float:
        (n0, t0), (n1, t1) = self.marks[0], self.marks[-1]
        return (n1 - n0) / (t1 - t0)

    def total(self) -> float:
        return self.marks[-1][1] - self.start


def run_jobs(inputs: Path, db: str, jobs: int) -> dict:
    from eventatlas.scale.jobs import JobsReport

    clock, report, done = Clock(), JobsReport(), [0]

    def progress() -> None:
        done[0] += 1
        clock.tick(done[0])

    with Atlas(Settings(db=db)) as atlas:
        summary = atlas.ingest([str(inputs)], progress=progress, jobs=jobs, report=report)
    rss = report.peak_rss if jobs > 1 else [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024]
    return {"articles": summary.documents, "rate": clock.rate(), "total_s": clock.total(), "peak_rss": rss}


def run_dask(inputs: Path, db: str, workers: int) -> dict:
    from eventatlas.scale.cluster import ingest_on_cluster

    clock, rss = Clock(), {}
    settings = Settings(db=db)
    with Atlas(settings) as atlas:
        summary = ingest_on_cluster(settings, atlas.store, f"local:{workers}", [str(inputs)],
                                    progress=lambda done, total: clock.tick(done), peak_rss=rss, partition_size=16)
    return {"articles": summary.documents, "rate": clock.rate(), "total_s": clock.total(),
            "peak_rss": sorted(rss.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=3, help="copies of each article (default 3)")
    ap.add_argument("--no-dask", action="store_true", help="leave the Dask LocalCluster out")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventatlas-bench-scale-") as tmp:
        inputs = Path(tmp) / "articles"
        inputs.mkdir()
        n = write_inputs(inputs, args.copies)
        print(f"{n} articles", flush=True)
        runs = {"1 job": run_jobs(inputs, f"{tmp}/one.db", 1), "2 jobs": run_jobs(inputs, f"{tmp}/two.db", 2)}
        if not args.no_dask:
            runs["dask local:2"] = run_dask(inputs, f"{tmp}/dask.db", 2)
    print(f"\n{'run':<14}{'articles':>9}{'articles/s':>12}{'total s':>9}  peak RSS per worker")
    for name, r in runs.items():
        rss = ", ".join(f"{b / 2**20:.0f} MB" for b in r["peak_rss"])
        print(f"{name:<14}{r['articles']:>9}{r['rate']:>12.2f}{r['total_s']:>9.0f}  {rss}")
    one = runs["1 job"]["rate"]
    ratio = runs["2 jobs"]["rate"] / one
    print(f"\nscaling 2 jobs / 1 job: {ratio:.2f}" + ("" if ratio >= 1.8 else "   under the 1.8 target"))
    if "dask local:2" in runs:
        eff = runs["dask local:2"]["rate"] / (2 * one)
        print(f"Dask efficiency, 2 workers / (2 x one process): {eff:.2f}" + ("" if eff >= 0.8 else
                                                                             "   under the 0.8 target"))
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2))


if __name__ == "__main__":
    main()
