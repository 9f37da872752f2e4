"""Reading the events corpus (evaluate/corpora/events: articles/NN-slug.json and golden/NN-slug.json of the same
name; the folder's README gives the coding rules): each article with its golden events, and every evidence,
not-event, not-figure and furniture string located in the article's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.evaluate.gold import read_gold_json
from eventatlas.evaluate.matching import Interval
from eventatlas.errors import GoldFormatError

ARTICLE_FIELDS = ("title", "outlet", "published", "url")


@dataclass
class GoldenEvent:
    spans: list[Interval]          # every occurrence of every evidence string
    type: str
    acled: str | None
    status: str
    date: str | None               # YYYY-MM-DD, YYYY-MM or YYYY
    background: bool
    place: dict | None             # {name, country}
    agent: dict | None             # {name, type}
    target: dict | None
    figures: dict[str, dict]       # category -> {low, high}
    sources: list[dict] = field(default_factory=list)


@dataclass
class CorpusArticle:
    name: str
    text: str
    meta: dict                     # what a user's article has besides its text: title, outlet, published, url
    events: list[GoldenEvent]
    not_events: list[Interval]
    not_figures: list[tuple[Interval, str]]
    furniture: list[Interval]
    traps: list[str]

    def document(self) -> dict:
        """The keyword arguments of ingest.make_document: what the pipeline is given, and nothing else."""
        return {"text": self.text, **{k: self.meta.get(k) for k in ARTICLE_FIELDS}}


def occurrences(text: str, needle: str) -> list[Interval]:
    out, at = [], text.find(needle)
    while needle and at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


def _located(text: str, needle, where: str) -> list[Interval]:
    if not isinstance(needle, str) or not needle.strip():
        raise GoldFormatError(f"{where}: expected a non-empty string, got {needle!r}")
    found = occurrences(text, needle)
    if not found:
        raise GoldFormatError(f"{where}: {needle[:60]!r} is not a substring of the article")
    return found


def _event(text: str, rec: dict, where: str) -> GoldenEvent:
    evidence = rec.get("evidence")
    if isinstance(evidence, str):
        evidence = [evidence]
    if not evidence:
        raise GoldFormatError(f"{where}: an event without evidence")
    spans = [s for e in evidence for s in _located(text, e, where)]
    for key in ("type", "status"):
        if not isinstance(rec.get(key), str):
            raise GoldFormatError(f"{where}: missing {key!r}")
    return GoldenEvent(spans, rec["type"], rec.get("acled"), rec["status"], rec.get("date"),
                       bool(rec.get("background")), rec.get("place"), rec.get("agent"), rec.get("target"),
                       rec.get("figures") or {}, rec.get("sources") or [])


def _json(path: Path) -> dict:
    return read_gold_json(path, GoldFormatError, dict, "a JSON object")


def read_article(article_path: Path, golden_path: Path) -> CorpusArticle:
    art, gold = _json(article_path), _json(golden_path)
    text = art.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldFormatError(f"{article_path}: no article text")
    events = [_event(text, rec, f"{golden_path}: event {n}") for n, rec in enumerate(gold.get("events", []), 1)]
    strings = lambda key: [(s, f"{golden_path}: {key}") for s in gold.get(key, [])]  # noqa: E731
    return CorpusArticle(
        article_path.stem, text, {k: art.get(k) for k in ARTICLE_FIELDS}, events,
        not_events=[x for s, w in strings("not_events") for x in _located(text, s, w)],
        not_figures=[(x, s) for s, w in strings("not_figures") for x in _located(text, s, w)],
        furniture=[x for s, w in strings("furniture") for x in _located(text, s, w)],
        traps=[t for t in gold.get("traps", []) if isinstance(t, str)])


def read_corpus(path: str | Path) -> list[CorpusArticle]:
    """Every article of the corpus folder that has a golden file, in file-name order."""
    path = Path(path)
    articles, golden = path / "articles", path / "golden"
    if not articles.is_dir() or not golden.is_dir():
        raise GoldFormatError(f"{path}: expected the folders articles/ and golden/")
    out = [read_article(a, golden / a.name) for a in sorted(articles.glob("*.json")) if (golden / a.name).exists()]
    if not out:
        raise GoldFormatError(f"{path}: no article with a golden file of the same name")
    return out
