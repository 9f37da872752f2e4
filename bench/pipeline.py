"""Full pipeline vs bare spaCy parsing on the same texts, in one run.

    python bench/pipeline.py [--path FOLDER] [--repeat N]

Prints articles/s and words/s for both, the ratio full/bare (the figure to quote: machines here are
shared and noisy, ratios from one run are comparable), the one-off load times, peak RSS, and the time spent
in the extract and assemble stages of the full runs (issue 10: assembly within ~10% of extraction)."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from importlib import resources
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventatlas.ingest import make_document  # noqa: E402


def load_texts(path: str | None) -> list[dict]:
    root = Path(path) if path else Path(str(resources.files("eventatlas.demo").joinpath("corpus")))
    out = []
    for f in sorted(root.glob("*.json")):
        data = json.loads(f.read_text("utf-8"))
        out.append(data)
    for f in sorted(root.glob("*.txt")):
        out.append({"text": f.read_text("utf-8")})
    if not out:
        sys.exit(f"bench: {root}: no .json or .txt articles found")
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", help="folder of .json/.txt articles (default: the demo corpus)")
    ap.add_argument("--repeat", type=int, default=8, help="passes over the texts (default 8)")
    args = ap.parse_args()
    articles = load_texts(args.path) * args.repeat
    texts = [a["text"] for a in articles]
    words = sum(len(t.split()) for t in texts)

    from eventatlas import Atlas, Settings
    atlas = Atlas(Settings.from_env())

    t0 = time.perf_counter()
    nlp = atlas.nlp
    t_model = time.perf_counter() - t0
    rss_model = rss_mb()

    t0 = time.perf_counter()
    _ = atlas.geocoder  # built now, so its load time and memory are measured apart
    t_gaz = time.perf_counter() - t0
    rss_gaz = rss_mb()

    pipeline = atlas.pipeline
    for _ in pipeline.process_many([make_document(texts[0])]):  # warm caches (lexicons, regexes)
        pass
    stage_time = time_stages(pipeline)

    docs = [make_document(a["text"], published=a.get("published"), outlet=a.get("outlet")) for a in articles]
    batch = pipeline.settings.batch_size

    def run_bare() -> float:
        t0 = time.perf_counter()
        for _ in tqdm(nlp.pipe(texts, batch_size=batch), total=len(texts), desc="bare spaCy", file=sys.stderr):
            pass
        return time.perf_counter() - t0

    def run_full() -> tuple[float, int]:
        found = 0
        t0 = time.perf_counter()
        for result in tqdm(pipeline.process_many(docs), total=len(docs), desc="full pipeline", file=sys.stderr):
            found += len(result.events)
        return time.perf_counter() - t0, found

    # Interleaved and best of two each: on a shared machine, whichever runs first or during a burst of
    # someone else's load would otherwise carry the noise into the ratio.
    bare_times, full_times, stages = [], [], []
    for _ in range(2):
        bare_times.append(run_bare())
        stage_time.update(extract=0.0, assemble=0.0)
        took, events = run_full()
        full_times.append(took)
        stages.append(dict(stage_time))
    bare, full = min(bare_times), min(full_times)
    spent = stages[full_times.index(full)]

    n = len(texts)
    print(f"articles: {n}  words: {words}  events: {events}")
    print(f"model load: {t_model:.2f} s (RSS {rss_model:.0f} MB)   "
          f"gazetteer load: {t_gaz:.2f} s (+{rss_gaz - rss_model:.0f} MB RSS)")
    print(f"bare spaCy:    {n / bare:8.1f} articles/s {words / bare:9.0f} words/s")
    print(f"full pipeline: {n / full:8.1f} articles/s {words / full:9.0f} words/s")
    print(f"ratio full/bare time: {full / bare:.2f}")
    print(f"peak RSS: {rss_mb():.0f} MB")
    print(f"extract stage: {spent['extract']:.2f} s   assemble stage: {spent['assemble']:.2f} s   "
          f"assemble/extract: {spent['assemble'] / spent['extract']:.3f}   "
          f"assemble share of full: {spent['assemble'] / full:.3f}")


def time_stages(pipeline) -> dict[str, float]:
    """Wrap the pipeline's extract and assemble stages so that each call adds its seconds to the dict returned."""
    import eventatlas.pipeline as stages

    spent = {"extract": 0.0, "assemble": 0.0}

    def timed(name, fn):
        def run(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0
        return run

    pipeline.extract = timed("extract", pipeline.extract)
    stages.assemble = timed("assemble", stages.assemble)
    return spent


if __name__ == "__main__":
    main()
