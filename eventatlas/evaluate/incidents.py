"""The incidents corpus (corpora/incidents, issue 15) scored end to end: its articles go through the real
pipeline into a temporary store, and the incidents the store forms are compared with the golden ones.

Items are the golden reports (an article's mention of an incident). A report is found when a stored event
of its article has evidence (or a mention) overlapping the report's evidence and a type of the same PLOVER
quad class; the first such event stands for it. Scores over the reports found:
- pairwise merge precision and recall (of the pairs of reports put in one incident, how many are one golden
  incident; of the golden pairs, how many share a stored incident), and B-cubed precision, recall and F1;
- per golden incident and quantity category, the figures (low, best, high) of the stored incident that
  holds most of its reports, exact or not, against the golden ones.
Coverage (reports found, events that match no report) is reported beside them: it is extraction's share;
`golden_groups_figures_*` apply the figure rule to the found reports grouped as the golden file groups them,
which tells the figure rule's errors from the grouping's.

Baseline: the same events grouped by same PLOVER quad class, same admin1 and same start day (an event
without either is its own group), figures as the median of the reports' midpoints.
`order_stable` is 1 when storing the same articles in reverse order forms the same incidents."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from statistics import median
from typing import Any

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.metrics import bcubed, pairwise, rounded
from eventatlas.resolve.figures import incident_figures

CORPUS = Path(str(resources.files("eventatlas.evaluate").joinpath("corpora", "incidents")))
BOUNDS = ("low", "best", "high")
# The publication year of the .txt files whose only date is a dateline without one ("MOGADISHU, March 23"),
# as a user would pass it: `ingest --published 2026 articles_txt/`. Nothing else of the golden file is told.
TXT_YEAR = "2026"


@dataclass
class GoldReport:
    incident: str
    article: str
    evidence: str
    quad: str


@dataclass
class Golden:
    reports: list[GoldReport]
    figures: dict[str, dict[str, dict[str, int | None]]]  # incident -> category -> low/best/high
    types: dict[str, str]  # incident -> PLOVER type


@dataclass
class Found:
    """What one run gives: per golden report the stored event standing for it (or None), and the stores'
    incidents."""
    events: list[dict[str, Any]]
    stem_of: dict[str, str]                      # document id -> article stem
    report_event: list[dict[str, Any] | None]
    incident_figures: dict[str, dict[str, Any]]  # stored incident id -> figures
    reversed_incidents: dict[str, str] = field(default_factory=dict)  # event id -> incident, reverse order


def quad_of() -> dict[str, str]:
    from eventatlas.extract.lexicon import plover
    return {t: entry["quad"] for t, entry in plover().items()}


def read_golden(folder: Path) -> Golden:
    raw = json.loads((folder / "golden" / "incidents.json").read_text("utf-8"))
    quads = quad_of()
    reports, figures, types = [], {}, {}
    for inc in raw["incidents"]:
        types[inc["id"]] = inc["type"]
        for r in inc["reports"]:
            reports.append(GoldReport(inc["id"], r["article"], r["evidence"], quads[inc["type"]]))
        figures[inc["id"]] = {cat: {b: fig[b] for b in BOUNDS} for cat, fig in inc["figures"].items()}
    return Golden(reports, figures, types)


def corpus_paths(folder: Path) -> tuple[list[str], list[str]]:
    """(JSON articles, .txt files), each in file-name order, which is publication order."""
    return (sorted(str(p) for p in (folder / "articles").glob("*.json")),
            sorted(str(p) for p in (folder / "articles_txt").glob("*.txt")))


def _spans(e: dict[str, Any]) -> list[tuple[int, int]]:
    spans = [e["evidence"], *(e.get("mentions") or [])]
    return [(s["start"], s["end"]) for s in spans]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align(golden: Golden, events: list[dict[str, Any]], texts: dict[str, str],
          stem_of: dict[str, str]) -> list[dict[str, Any] | None]:
    """For each golden report, the stored event that stands for it: same article, overlapping evidence, a
    type of the report's quad class. One event stands for one report at most: pairs are taken best first
    (the report's own PLOVER type, then the longest overlap, then the event stored first)."""
    quads = quad_of()
    by_stem: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        by_stem.setdefault(stem_of.get(e["document"]["id"], ""), []).append(e)
    stem_doc = {stem: doc for doc, stem in stem_of.items()}
    pairs = []
    for i, r in enumerate(golden.reports):
        doc = stem_doc.get(r.article)
        at = texts.get(doc, "").find(r.evidence) if doc else -1
        if at < 0:
            continue
        span = (at, at + len(r.evidence))
        for n, e in enumerate(by_stem.get(r.article, [])):
            overlap = max(_overlap(span, s) for s in _spans(e))
            if overlap > 0 and quads.get(e["type"]) == r.quad:
                pairs.append(((e["type"] == golden.types.get(r.incident), overlap, -n), i, e))
    out: list[dict[str, Any] | None] = [None] * len(golden.reports)
    used: set[str] = set()
    for _key, i, e in sorted(pairs, key=lambda p: p[0], reverse=True):
        if out[i] is None and e["id"] not in used:
            out[i] = e
            used.add(e["id"])
    return out


def baseline_groups(events: list[dict[str, Any]]) -> list[str]:
    quads = quad_of()
    keys = []
    for e in events:
        loc, day = e.get("location") or {}, (e.get("date") or {}).get("start")
        if loc.get("admin1") and day and len(day) == 10:
            keys.append(f"{quads.get(e['type'])}|{loc.get('country_code')}|{loc['admin1']}|{day}")
        else:
            keys.append(e["id"])
    return keys


def baseline_figures(reports: list[dict[str, Any]]) -> dict[str, dict[str, int | None]]:
    """The figures as the store gave them before issue 15: a report's figures of one category added up,
    then the lowest, the median midpoint and the highest over reports."""
    per_cat: dict[str, list[tuple[int, int]]] = {}
    for e in reports:
        sums: dict[str, tuple[int, int]] = {}
        for q in e.get("quantities") or []:
            lo, hi = q.get("low"), q.get("high")
            lo, hi = (lo if lo is not None else hi), (hi if hi is not None else lo)
            if lo is None:
                continue
            s = sums.get(q["category"], (0, 0))
            sums[q["category"]] = (s[0] + lo, s[1] + hi)
        for cat, pair in sums.items():
            per_cat.setdefault(cat, []).append(pair)
    return {cat: {"low": min(p[0] for p in pairs), "best": round(median((p[0] + p[1]) / 2 for p in pairs)),
                  "high": max(p[1] for p in pairs)} for cat, pairs in per_cat.items()}


def _majority(labels: list[str]) -> str:
    counts = Counter(labels)
    return max(counts, key=lambda k: (counts[k], -labels.index(k)))


def figure_rows(golden: Golden, found: Found, groups: list[str | None],
                figures_of) -> list[dict[str, Any]]:
    """Per golden incident and category: golden and predicted low/best/high. groups[i] is the predicted
    group of report i (None: not found); figures_of(group) gives that group's figures."""
    rows = []
    for incident, cats in golden.figures.items():
        mine = [g for r, g in zip(golden.reports, groups) if r.incident == incident and g is not None]
        pred = figures_of(_majority(mine)) if mine else {}
        for cat, gold in cats.items():
            got = pred.get(cat) or {}
            rows.append({"incident": incident, "category": cat, "gold": gold,
                         "pred": {b: got.get(b) for b in BOUNDS}})
    return rows


def _figure_scores(rows: list[dict[str, Any]], prefix: str = "") -> dict[str, float]:
    out = {}
    for b in BOUNDS:
        out[f"{prefix}figures_{b}_exact"] = sum(r["pred"][b] == r["gold"][b] for r in rows) / max(1, len(rows))
    out[f"{prefix}figures_all_exact"] = sum(r["pred"] == r["gold"] for r in rows) / max(1, len(rows))
    return out


def run(folder: Path, settings=None) -> tuple[Found, dict[str, str]]:
    """Read and process the corpus once, store it in file order and, into a second store, in reverse order;
    returns what the first store holds and the document texts."""
    from eventatlas.atlas import Atlas
    from eventatlas.config import Settings
    from eventatlas.records import Rejection
    from eventatlas.store import open_store

    json_paths, txt_paths = corpus_paths(folder)
    with tempfile.TemporaryDirectory(prefix="eventatlas-incidents-") as tmp:
        base = settings or Settings()  # the runner passes the command line's; the environment is read there
        with Atlas(base.with_overrides(db=str(Path(tmp) / "forward.db"))) as atlas:
            docs = [d for d in atlas.read(json_paths) if not isinstance(d, Rejection)]
            docs += [d for d in atlas.read(txt_paths, published=TXT_YEAR) if not isinstance(d, Rejection)]
            stem_of = {d.id: Path(d.source or "").stem for d in docs}
            results = [o for _d, o in atlas.pipeline.process_safely(docs) if not isinstance(o, Rejection)]
            store = atlas.store()
            for res in results:
                store.add_result(res)
            events = sorted(store.iter_events(), key=lambda e: e["id"])
            texts = {d.id: d.text for d in docs}
            ids = {e["incident_id"] for e in events}
            figures = {i: store.incident(i)["figures"] for i in ids}
            with open_store(str(Path(tmp) / "reversed.db"), atlas.settings) as backwards:
                for res in reversed(results):
                    backwards.add_result(res)
                reversed_incidents = {e["id"]: e["incident_id"] for e in backwards.iter_events()}
    found = Found(events, stem_of, [], figures, reversed_incidents)
    return found, texts


def _same_partition(a: dict[str, str], b: dict[str, str]) -> bool:
    def blocks(m: dict[str, str]) -> set[frozenset[str]]:
        out: dict[str, set[str]] = {}
        for event, incident in m.items():
            out.setdefault(incident, set()).add(event)
        return {frozenset(s) for s in out.values()}
    return a.keys() == b.keys() and blocks(a) == blocks(b)


def evaluate(folder: Path = CORPUS, settings=None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(scores, per incident and category figure rows) for the corpus in `folder`."""
    golden = read_golden(folder)
    found, texts = run(folder, settings)
    found.report_event = align(golden, found.events, texts, found.stem_of)
    hit = [(r, e) for r, e in zip(golden.reports, found.report_event) if e is not None]
    gold = [r.incident for r, _ in hit]
    pred = [e["incident_id"] for _, e in hit]
    event_base = dict(zip((e["id"] for e in found.events), baseline_groups(found.events)))
    base = [event_base[e["id"]] for _, e in hit]
    scores: dict[str, Any] = {"n": len(golden.reports), "n_reports_found": len(hit), "n_events": len(found.events),
                              "n_events_matching_no_report": len(found.events) - len({e["id"] for _, e in hit})}
    for prefix, labels in (("", pred), ("baseline_", base)):
        p, r = pairwise(gold, labels)
        bp, br, bf = bcubed(gold, labels)
        scores.update({f"{prefix}pairwise_precision": p, f"{prefix}pairwise_recall": r,
                       f"{prefix}bcubed_precision": bp, f"{prefix}bcubed_recall": br, f"{prefix}bcubed_f1": bf})
    groups = [e["incident_id"] if e else None for e in found.report_event]
    rows = figure_rows(golden, found, groups, lambda g: found.incident_figures.get(g) or {})
    scores.update(_figure_scores(rows))
    members: dict[str, list[dict[str, Any]]] = {}
    for e in found.events:
        members.setdefault(event_base[e["id"]], []).append(e)
    base_groups = [event_base[e["id"]] if e else None for e in found.report_event]
    scores.update(_figure_scores(figure_rows(golden, found, base_groups, lambda g: baseline_figures(members[g])),
                                 "baseline_"))
    # the figure rule on its own: the found reports grouped as the golden file groups them
    by_golden: dict[str, list[dict[str, Any]]] = {}
    for r, e in hit:
        by_golden.setdefault(r.incident, []).append(e)
    gold_groups = [r.incident if e else None for r, e in zip(golden.reports, found.report_event)]
    scores.update(_figure_scores(figure_rows(golden, found, gold_groups,
                                             lambda g: incident_figures(by_golden[g])), "golden_groups_"))
    scores["order_stable"] = int(_same_partition({e["id"]: e["incident_id"] for e in found.events},
                                                 found.reversed_incidents))
    return rounded(scores), rows


def score(path: Path, runner=None, limit: int | None = None) -> dict:
    """The GoldSet entry point (limit does not apply: the corpus is scored whole)."""
    return evaluate(Path(path), getattr(runner, "settings", None))[0]


def figures_table(rows: list[dict[str, Any]]) -> str:
    """One line per golden incident and category: golden and predicted low/best/high."""
    def fmt(f: dict[str, Any]) -> str:
        return "/".join("-" if f[b] is None else str(f[b]) for b in BOUNDS)
    lines = [f"{'incident':8} {'category':11} {'golden':>12} {'stored':>12}"]
    for r in rows:
        mark = "" if r["pred"] == r["gold"] else "  *"
        lines.append(f"{r['incident']:8} {r['category']:11} {fmt(r['gold']):>12} {fmt(r['pred']):>12}{mark}")
    return "\n".join(lines)


SETS.register("incidents")(GoldSet(
    "incidents", "corpora/incidents", "fresh", "same PLOVER quad, admin1 and day; median of midpoints", score,
    "incidents corpus (repo): merge precision/recall, B-cubed, figures per incident", bundled=True))

