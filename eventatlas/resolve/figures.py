"""Figures across the reports of one incident. Sources often disagree (a ministry says 3 dead, a hospital
12): nothing is averaged away and nothing is added up across sources. Per category:

- every source's own figure (`sources`): who gave it (speaker), in which article, how reliable the kind of
  source is (tier 1-4, data/reliability.tsv), and its low / high ("at least 25" is low 25, high None);
- `low`, the smallest figure; `high`, the largest (a bound counts as its number), or None when every source
  gives a lower bound only;
- `best`, UCDP's way: the figure of the most reliable kind of source, never an average of bounds. Among the
  best tier's figures the latest day's count (tolls rise as the dead are counted; an older count from an
  equally reliable source is superseded), closed figures before bounds of that day; when several remain,
  their median (the lower middle value for an even count). A source's range counts as its lower end.

Within one report, figures of one category add up only when each counts a different group ("five soldiers
and two civilians"); two counts of everyone ("one person" ... "two dead") are two figures, never a sum."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from statistics import median_low
from typing import Any

import yaml

_NUMBER_WORD = re.compile(
    r"^(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|dozens?|scores?|tens|millions?)(-\w+)?$")


@dataclass(frozen=True)
class FigureRules:
    generic: frozenset[str]
    filler: frozenset[str]
    party_types: frozenset[str]
    tiers: tuple[tuple[int, re.Pattern], ...]


@functools.cache
def figure_rules() -> FigureRules:
    data = resources.files("eventatlas.resolve").joinpath("data")
    raw = yaml.safe_load(data.joinpath("figures.yaml").read_text("utf-8"))
    tiers = []
    lines = [ln for ln in data.joinpath("reliability.tsv").read_text("utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    for n, line in enumerate(lines[1:], start=2):
        tier, _, pattern = line.partition("\t")
        if not pattern:
            raise ValueError(f"resolve/data/reliability.tsv: line {n}: expected tier<TAB>pattern")
        tiers.append((int(tier), re.compile(pattern.strip(), re.I)))
    return FigureRules(frozenset(raw["generic_count_nouns"]), frozenset(raw["filler_words"]),
                       frozenset(raw["party_types"]), tuple(tiers))


def group_words(text: str) -> frozenset[str]:
    """The words of a figure that say whom it counts ("four SDF fighters": {sdf, fighters}); empty for a
    count of everyone ("12 people", "at least 30", "the toll")."""
    rules = figure_rules()
    words = re.findall(r"[\w'-]+", text.lower())
    return frozenset(w for w in words if not _NUMBER_WORD.match(w) and w not in rules.filler
                     and w not in rules.generic)


def _figure(low: int | None, high: int | None) -> int | None:
    """A source's one figure for `best`: a closed figure, a bound's number ("at least 25": 25), and a
    range's lower end ("between 5 and 9": 5, as ACLED codes it): never the middle of two bounds."""
    return low if low is not None else high


def report_counts(quantities: list[dict[str, Any]]) -> dict[str, list[tuple[int | None, int | None]]]:
    """Per category, the counts one source gives in one report, as (low, high) pairs: figures of distinct
    groups summed into one count, counts of everyone kept apart (the same dead counted twice)."""
    per_cat: dict[str, list[dict[str, Any]]] = {}
    for q in quantities:
        if q.get("low") is None and q.get("high") is None:
            continue
        per_cat.setdefault(q.get("category") or "other", []).append(q)
    out: dict[str, list[tuple[int | None, int | None]]] = {}
    for cat, qs in per_cat.items():
        groups = [group_words(q.get("text") or "") for q in qs]
        distinct = len(qs) > 1 and all(groups) and len(set(groups)) == len(groups)
        if distinct:
            low = sum(q["low"] if q["low"] is not None else q["high"] for q in qs)
            high = None if any(q["high"] is None for q in qs) else sum(q["high"] for q in qs)
            out[cat] = [(low, high)]
        else:
            out[cat] = list(dict.fromkeys((q.get("low"), q.get("high")) for q in qs))
    return out


def _norm(name: str) -> str:
    return " ".join(re.sub(r"\b(the|a|an)\b|[^\w\s]", " ", name.lower()).split())


def reliability(speaker: str | None, event: dict[str, Any] | None = None) -> int:
    """The tier (1 best ... 4) of a figure's source, by what the speaker is called; a speaker who is one of
    the actors of a violent event is a party to it (tier 3 at best)."""
    rules = figure_rules()
    tier = 3
    if speaker:
        tier = next((t for t, rx in rules.tiers if rx.search(speaker)), 3)
    if speaker and event and event.get("type") in rules.party_types:
        said = _norm(speaker)
        for actor in event.get("actors") or []:
            name = _norm(actor.get("name") or "")
            if name and re.search(rf"\b{re.escape(name)}\b", said):
                return max(tier, 3)
    return tier


def _accounts(event: dict[str, Any]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """(speaker, quantities) of each source of one report: its accounts when extraction kept several
    sources' figures apart, else the report's own figures and source."""
    accounts = event.get("accounts") or []
    if accounts:
        return [((a.get("attribution") or {}).get("speaker"), a.get("quantities") or []) for a in accounts]
    return [((event.get("attribution") or {}).get("speaker"), event.get("quantities") or [])]


def _best(sources: list[dict[str, Any]]) -> int | None:
    tier = min(s["reliability"] for s in sources)
    top = [s for s in sources if s["reliability"] == tier]
    day = max(s["published"] or "" for s in top)
    latest = [s for s in top if (s["published"] or "") == day]
    closed = [s for s in latest if s["high"] is not None and s["low"] is not None] or latest
    numbers = [_figure(s["low"], s["high"]) for s in closed]
    return median_low(numbers)


def incident_figures(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """`events` are Event JSON dicts with their "document" header, as the store returns them."""
    per_cat: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        doc = e.get("document") or {}
        for speaker, quantities in _accounts(e):
            tier = reliability(speaker, e)
            for cat, counts in report_counts(quantities).items():
                for low, high in counts:
                    per_cat.setdefault(cat, []).append({
                        "document_id": doc.get("id"), "outlet": doc.get("outlet"), "published": doc.get("published"),
                        "event_id": e.get("id"), "speaker": speaker, "reliability": tier, "low": low, "high": high,
                    })
    out: dict[str, dict[str, Any]] = {}
    for cat, sources in per_cat.items():
        numbers = [n for s in sources for n in (s["low"], s["high"]) if n is not None]
        bound_only = all(s["high"] is None for s in sources)
        out[cat] = {"low": min(s["low"] if s["low"] is not None else s["high"] for s in sources),
                    "best": _best(sources), "high": None if bound_only else max(numbers), "sources": sources}
    return out


def report_figures(event: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The figures of one report on its own (an export row at report level): its sources side by side."""
    return incident_figures([event])
