"""UCDP GED events (Syria, GED 19.1 CSV) scored from their source headline alone. Only headlines that belong
to exactly one event are used: a headline shared by several rows is a daily round-up, not about any one of
them. Scores: deaths (the largest fatality figure the pipeline finds, right when within low..high; also over
the headlines that state a number), and whether some extracted actor stands for side_a / side_b
(data/ucdp_sides.tsv maps UCDP's side names to the pipeline's actor names, types and countries).
Baseline: the majority value of each field (deaths = most common best estimate, sides = most common side)."""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import majority, read_tsv
from eventatlas.evaluate.metrics import rounded
from eventatlas.evaluate.textmatch import loose_match
from eventatlas.errors import GoldFormatError  # noqa: F401  (raised here; callers catch it from here)
from eventatlas.records import Actor

_NUMBER = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                     r"scores|hundreds?|tens)\b", re.I)
REQUIRED = ("source_headline", "side_a", "side_b", "low", "best", "high")


@dataclass
class UcdpEvent:
    id: str
    headline: str
    date: str | None
    side_a: str
    side_b: str
    low: int
    best: int
    high: int


def _int(value: str, what: str, path: Path, n: int) -> int:
    try:
        return int(float(value))
    except ValueError:
        raise GoldFormatError(f"{path}: row {n}: {what} {value!r} is not a number") from None


def read_ucdp(path: str | Path) -> list[UcdpEvent]:
    """Events whose headline no other row shares, in file order."""
    path = Path(path)
    if path.is_dir():
        found = sorted(path.glob("*.csv"))
        if not found:
            raise GoldFormatError(f"{path}: no UCDP GED .csv file")
        path = found[0]
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise GoldFormatError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror})") from None
    shared = Counter(r["source_headline"].strip() for r in rows)
    out = []
    for n, r in enumerate(rows, start=2):
        head = r["source_headline"].strip()
        if not head or shared[head] != 1:
            continue
        out.append(UcdpEvent(r.get("id") or str(n), head, (r.get("date_start") or "")[:10] or None,
                             r["side_a"].strip(), r["side_b"].strip(), _int(r["low"], "low", path, n),
                             _int(r["best"], "best", path, n), _int(r["high"], "high", path, n)))
    if not out:
        raise GoldFormatError(f"{path}: no event with a headline of its own")
    return out


@dataclass(frozen=True)
class SideRule:
    names: frozenset[str]  # canonical actor names of the pipeline
    type: str | None       # or an actor type of the pipeline ...
    country: str | None    # ... with this country, when given


@functools.cache
def side_rules() -> dict[str, SideRule]:
    rules = {}
    for row in read_tsv("ucdp_sides.tsv"):
        side, names, type_, country = (tuple(row) + ("", "", ""))[:4]
        rules[side.strip()] = SideRule(frozenset(n.strip() for n in names.split("|") if n.strip()),
                                       type_.strip() or None, country.strip() or None)
    return rules


@functools.cache
def _named_sides() -> frozenset[str]:
    """Canonical names some side claims: an actor so named stands for that side and for no type-wide side."""
    return frozenset(n for rule in side_rules().values() for n in rule.names)


def _rule_matches(rule: SideRule, actor: Actor) -> bool:
    if actor.name in rule.names:
        return True
    if rule.type is None or actor.type != rule.type or actor.name in _named_sides():
        return False
    return rule.country is None or actor.country_code == rule.country


def side_matches(side: str, actor: Actor) -> bool:
    """A side ("Ahrar al-Sham, Jabhat Fateh al-Sham") is named when the actor stands for any group in it: by
    the side map (the actor's canonical name, or its type and country), or by that group's name."""
    for name in [side] + [s.strip() for s in side.split(",") if s.strip()]:
        rule = side_rules().get(name)
        if rule is not None and _rule_matches(rule, actor):
            return True
        if loose_match(name, actor.name) or loose_match(name, actor.text):
            return True
    return False


def predicted_deaths(result) -> int | None:
    figures = [q.high if q.high is not None else q.low
               for e in (result.events if result else []) for q in e.quantities if q.category == "fatalities"]
    figures = [f for f in figures if f is not None]
    return max(figures) if figures else None


def score(path: Path, runner, limit: int | None = None) -> dict:
    events = read_ucdp(path)[:limit]
    results = runner.run([(e.headline, e.date) for e in events], desc="ucdp")
    stated = [bool(_NUMBER.search(e.headline)) for e in events]
    base_deaths = majority([e.best for e in events])
    base_a, base_b = majority([e.side_a for e in events]), majority([e.side_b for e in events])
    deaths_ok, base_ok, a_ok, b_ok, base_a_ok, base_b_ok = [], [], [], [], [], []
    for e, res in zip(events, results):
        d = predicted_deaths(res)
        deaths_ok.append(d is not None and e.low <= d <= e.high)
        base_ok.append(e.low <= base_deaths <= e.high)
        actors = [a for ev in (res.events if res else []) for a in ev.actors]
        a_ok.append(any(side_matches(e.side_a, t) for t in actors))
        b_ok.append(any(side_matches(e.side_b, t) for t in actors))
        base_a_ok.append(e.side_a == base_a)
        base_b_ok.append(e.side_b == base_b)
    share = lambda xs, mask=None: (  # noqa: E731
        sum(x for x, m in zip(xs, mask or [True] * len(xs)) if m) / max(1, sum(mask or [True] * len(xs))))
    return rounded({
        "n": len(events), "n_stating_number": sum(stated),
        "deaths_in_range": share(deaths_ok), "baseline_deaths_in_range": share(base_ok),
        "deaths_in_range_stated": share(deaths_ok, stated), "baseline_deaths_in_range_stated": share(base_ok, stated),
        "side_a_match": share(a_ok), "baseline_side_a_match": share(base_a_ok),
        "side_b_match": share(b_ok), "baseline_side_b_match": share(base_b_ok),
    })


SETS.register("ucdp")(GoldSet(
    "ucdp", "ucdp_ged_syria/ged191_syria_2016-01_2017-06.csv", "fresh", "majority value of each field", score,
    "UCDP GED Syria headlines: deaths within low..high, side_a/side_b actor match"))
