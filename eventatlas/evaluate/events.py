"""The events corpus (evaluate/corpora/events, written for this project): whole multi-event articles with every
reportable event coded at the article level, scored field by field.

The pipeline gets what a user's article has: text, title, outlet, url, publication date. Predicted events are
matched to golden ones one-to-one by an optimal assignment: a pair is possible when the prediction's mentions
(its evidence, where the record has no mentions) overlap a golden evidence string and the type families (PLOVER
quad classes) agree, and the assignment prefers pairs that agree on more fields. Scores:
- events: precision, recall, F1; phantoms (predictions that could match nothing) and duplicates (predictions that
  could match a golden event another prediction took);
- each field (type, acled, status, date, place, agent, target, figures): accuracy over matched events, and
  precision / recall of the field's values (a phantom's values are all wrong; an empty value is no prediction);
- the share of predicted events right in every field, partly right (matched, some field wrong) and wrong
  (phantoms and duplicates), as the held-back articles are counted; and every field right over golden events;
- not_events, not_figures and furniture violated; a per-trap breakdown (event F1, every field right).
Baseline: a keyword list (data/plover_keywords.tsv), one event per sentence holding a keyword, dated the day of
publication."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import KeywordBaseline
from eventatlas.evaluate.events_gold import CorpusArticle, GoldenEvent, read_corpus
from eventatlas.evaluate.matching import Interval, any_overlap, assign, field_of, overlap, spans_of
from eventatlas.evaluate.metrics import f1_of, rounded
from eventatlas.evaluate.textmatch import loose_match

FIELDS = ("type", "acled", "status", "date", "place", "agent", "target", "figures")
ALWAYS_FILLED = ("type", "status")
NOT_FIGURES = ("other",)  # the pipeline's category for counts of things: not a figure of people
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.M)


@dataclass
class Prediction:
    """One predicted event in the terms the golden files use."""
    spans: list[Interval]
    type: str
    acled: str | None = None
    status: str = "occurred"
    date: str | None = None
    place: tuple[list[str], str | None] | None = None        # (names, country code)
    agents: list[tuple[list[str], str | None]] = field(default_factory=list)
    targets: list[tuple[list[str], str | None]] = field(default_factory=list)
    figures: dict[str, set] = field(default_factory=dict)     # category -> {(low, high)}
    figure_texts: list[str] = field(default_factory=list)
    background: bool = False


def canonical_date(date) -> str | None:
    """The event's date at the precision it claims: YYYY-MM-DD, YYYY-MM, YYYY; None when undated or when the
    record says it does not know the precision. A week or a range is no single date."""
    start, precision = field_of(date, "start"), field_of(date, "precision")
    if not start or not precision:
        return None
    cut = {"day": 10, "month": 7, "year": 4}.get(precision)
    if cut is None or (precision == "day" and field_of(date, "end") not in (None, start)):
        return f"{start}..{field_of(date, 'end')}"
    return start[:cut]


def _actors(ev, role: str) -> list[tuple[list[str], str | None]]:
    return [([n for n in (a.name, a.text) if n], a.type) for a in field_of(ev, "actors", []) if a.role == role]


def from_event(ev) -> Prediction:
    loc = field_of(ev, "location")
    acled = field_of(ev, "acled")
    figures: dict[str, set] = {}
    texts = []
    for q in field_of(ev, "quantities", []) or []:
        if q.category not in NOT_FIGURES:
            figures.setdefault(q.category, set()).add((q.low, q.high))
            texts.append(q.text)
    return Prediction(
        spans_of(ev), ev.type, acled.get("sub_event_type") if acled else None, ev.status, canonical_date(ev.date),
        ([n for n in (loc.text, loc.name) if n], loc.country_code) if loc else None,
        _actors(ev, "agent"), _actors(ev, "target"), figures, texts, bool(field_of(ev, "background", False)))


def _acceptable_figures(g: GoldenEvent) -> dict[str, set]:
    out: dict[str, set] = {}
    for figures in [g.figures] + [s.get("figures") or {} for s in g.sources]:
        for cat, v in figures.items():
            out.setdefault(cat, set()).add((v.get("low"), v.get("high")))
    return out


def _actor_right(gold: dict | None, pred: list) -> bool:
    if gold is None:
        return not pred
    return any(any(loose_match(gold.get("name"), n) for n in names) and (not gold.get("type") or typ == gold["type"])
               for names, typ in pred)


def _place_right(gold: dict | None, pred) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    names, country = pred
    if gold.get("country") and (country or "").upper() != gold["country"].upper():
        return False
    return any(loose_match(gold.get("name"), n) for n in names)


def _figures_right(g: GoldenEvent, p: Prediction) -> bool:
    ok = _acceptable_figures(g)
    return (all(p.figures.get(cat, set()) & values for cat, values in ok.items())
            and all(values <= ok.get(cat, set()) for cat, values in p.figures.items()))


def field_right(name: str, g: GoldenEvent, p: Prediction) -> bool:
    if name == "place":
        return _place_right(g.place, p.place)
    if name in ("agent", "target"):
        return _actor_right(getattr(g, name), p.agents if name == "agent" else p.targets)
    if name == "figures":
        return _figures_right(g, p)
    return getattr(g, name) == getattr(p, name)


def gold_filled(name: str, g: GoldenEvent) -> bool:
    return name in ALWAYS_FILLED or bool(getattr(g, name))


def pred_filled(name: str, p: Prediction) -> bool:
    value = {"agent": p.agents, "target": p.targets}.get(name, getattr(p, name, None))
    return name in ALWAYS_FILLED or bool(value)


def _family(kind: str) -> str:
    from eventatlas.evaluate.cameo import quad_map
    return quad_map().get(kind, kind)


def eligible(g: GoldenEvent, p: Prediction) -> bool:
    return any_overlap(p.spans, g.spans) and _family(g.type) == _family(p.type)


def match(golden: list[GoldenEvent], preds: list[Prediction]) -> list[tuple[int, int]]:
    """(golden, prediction) pairs: as many as possible, then as many fields agreeing as possible."""
    weights = [[(10.0 + sum(field_right(f, g, p) for f in FIELDS)) if eligible(g, p) else 0.0 for p in preds]
               for g in golden]
    return assign(weights) if golden and preds else []


class Tally:
    def __init__(self):
        self.n_gold = self.n_pred = self.matched = self.phantoms = self.duplicates = 0
        self.every = self.partly = self.background_right = 0
        self.right = dict.fromkeys(FIELDS, 0)
        self.correct = dict.fromkeys(FIELDS, 0)
        self.pred_filled = dict.fromkeys(FIELDS, 0)
        self.gold_filled = dict.fromkeys(FIELDS, 0)
        self.violations = {"not_events": 0, "not_figures": 0, "furniture": 0}
        self.checks = {"not_events": 0, "not_figures": 0, "furniture": 0}

    def add(self, article: CorpusArticle, preds: list[Prediction]) -> None:
        golden = article.events
        pairs = match(golden, preds)
        taken = {p for _, p in pairs}
        self.n_gold += len(golden)
        self.n_pred += len(preds)
        self.matched += len(pairs)
        for i, p in enumerate(preds):
            if i not in taken:
                dup = any(eligible(g, p) for g in golden)
                self.duplicates += dup
                self.phantoms += not dup
            for f in FIELDS:
                self.pred_filled[f] += pred_filled(f, p)
        for g in golden:
            for f in FIELDS:
                self.gold_filled[f] += gold_filled(f, g)
        for gi, pi in pairs:
            self._pair(golden[gi], preds[pi])
        self._violations(article, [p for i, p in enumerate(preds) if i not in taken], preds)

    def _pair(self, g: GoldenEvent, p: Prediction) -> None:
        rights = {f: field_right(f, g, p) for f in FIELDS}
        for f, ok in rights.items():
            self.right[f] += ok
            self.correct[f] += ok and gold_filled(f, g) and pred_filled(f, p)
        self.every += all(rights.values())
        self.partly += not all(rights.values())
        self.background_right += g.background == p.background

    def _violations(self, article: CorpusArticle, unmatched: list[Prediction], preds: list[Prediction]) -> None:
        for span in article.not_events:
            self.checks["not_events"] += 1
            self.violations["not_events"] += any(any(overlap(s, span) for s in p.spans) for p in unmatched)
        for span, text in article.not_figures:
            self.checks["not_figures"] += 1
            self.violations["not_figures"] += any(
                any(overlap(s, span) for s in p.spans) and any(t and t in text for t in p.figure_texts)
                for p in preds)
        for span in article.furniture:
            self.checks["furniture"] += 1
            self.violations["furniture"] += any(any(overlap(s, span) for s in p.spans) for p in preds)

    def scores(self) -> dict:
        share = lambda a, b: a / b if b else 0.0  # noqa: E731
        precision, recall = share(self.matched, self.n_pred), share(self.matched, self.n_gold)
        out = {"event_f1": f1_of(precision, recall), "event_precision": precision, "event_recall": recall,
               "every_field_right": share(self.every, self.n_pred), "partly_right": share(self.partly, self.n_pred),
               "wrong": share(self.phantoms + self.duplicates, self.n_pred),
               "golden_every_field_right": share(self.every, self.n_gold),
               "phantoms": self.phantoms, "duplicates": self.duplicates}
        for f in FIELDS:
            p, r = share(self.correct[f], self.pred_filled[f]), share(self.correct[f], self.gold_filled[f])
            out[f"{f}_accuracy"] = share(self.right[f], self.matched)
            out[f"{f}_precision"], out[f"{f}_recall"], out[f"{f}_f1"] = p, r, f1_of(p, r)
        out["background_accuracy"] = share(self.background_right, self.matched)
        for kind, n in self.violations.items():
            out[f"{kind}_violated"] = share(n, self.checks[kind])
        return out


def baseline(article: CorpusArticle) -> list[Prediction]:
    kw = KeywordBaseline.from_file("plover_keywords.tsv")
    published = article.meta.get("published")
    out = []
    for m in _SENTENCE.finditer(article.text):
        kind = kw.first(m.group(0))
        if kind and m.group(0).strip():
            out.append(Prediction([(m.start(), m.end())], kind, date=published))
    return out


def trap_scores(articles: list[CorpusArticle], ours: list[list[Prediction]], base: list[list[Prediction]]) -> dict:
    out: dict = {}
    for trap in sorted({t for a in articles for t in a.traps}):
        t_ours, t_base = Tally(), Tally()
        for a, o, b in zip(articles, ours, base):
            if trap in a.traps:
                t_ours.add(a, o)
                t_base.add(a, b)
        so, sb = t_ours.scores(), t_base.scores()
        for metric in ("event_f1", "golden_every_field_right"):
            out[f"trap:{trap}:{metric}"] = so[metric]
            out[f"baseline_trap:{trap}:{metric}"] = sb[metric]
    return out


def score(path: Path, runner, limit: int | None = None) -> dict:
    articles = read_corpus(path)[:limit]
    results = runner.run([a.document() for a in articles], desc="events")
    ours = [[from_event(e) for e in (r.events if r else [])] for r in results]
    base = [baseline(a) for a in articles]
    t_ours, t_base = Tally(), Tally()
    for a, o, b in zip(articles, ours, base):
        t_ours.add(a, o)
        t_base.add(a, b)
    out: dict = {"n": len(articles), "n_golden": t_ours.n_gold, "n_predicted": t_ours.n_pred}
    sb = t_base.scores()
    for metric, value in t_ours.scores().items():
        out[metric] = value
        out[f"baseline_{metric}"] = sb[metric]
    out.update(trap_scores(articles, ours, base))
    return rounded(out)


SETS.register("events")(GoldSet(
    "events", "corpora/events", "fresh", "keyword list, one event per sentence, dated the day of publication",
    score, "multi-event articles written for this project: article-level events field by field", bundled=True))
