"""CASE 2021 task 2 snippets (id<TAB>EventSnippet<TAB>SubType) -> ACLED sub-event types. Scores: macro-F1
over the 25 ACLED types (a snippet of the 5 types outside ACLED should yield no ACLED event: predicting one
is a false positive), accuracy with "none" as the right answer outside ACLED, ACLED event-type macro-F1.
Baseline: keyword lookup (data/acled_keywords.tsv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import KeywordBaseline, read_tsv
from eventatlas.evaluate.metrics import accuracy, macro_f1, rounded
from eventatlas.evaluate.runner import top_event
from eventatlas.errors import GoldFormatError  # noqa: F401  (raised here; callers catch it from here)

NONE = "none"


@dataclass
class Snippet:
    id: str
    text: str
    code: str
    sub_event_type: str  # ACLED name, or "none" for the types outside ACLED


def code_map() -> dict[str, str]:
    return {r[0].strip(): (NONE if r[1].strip() == "-" else r[1].strip()) for r in read_tsv("case_acled.tsv")}


def event_type_map() -> dict[str, str]:
    from eventatlas.extract.lexicon import acled_event_type_of
    return dict(acled_event_type_of())


def read_case(path: str | Path) -> list[Snippet]:
    path = Path(path)
    if path.is_dir():
        path = path / "dev.tsv"
    codes = code_map()
    out = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {"EventSnippet", "SubType"} - set(reader.fieldnames or [])
            if missing:
                raise GoldFormatError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for n, row in enumerate(reader, start=2):
                code = (row.get("SubType") or "").strip()
                if code not in codes:
                    raise GoldFormatError(f"{path}: line {n}: unknown sub-type {code!r}")
                out.append(Snippet(row.get("id") or str(n), row["EventSnippet"], code, codes[code]))
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror})") from None
    if not out:
        raise GoldFormatError(f"{path}: no snippets")
    return out


def predicted_sub_event(result) -> str:
    ev = top_event(result, lambda e: e.acled is not None)
    return ev.acled["sub_event_type"] if ev else NONE


def score(path: Path, runner, limit: int | None = None) -> dict:
    snippets = read_case(path)[:limit]
    results = runner.run([(s.text, None) for s in snippets], desc="acled")
    gold = [s.sub_event_type for s in snippets]
    pred = [predicted_sub_event(r) for r in results]
    kw = KeywordBaseline.from_file("acled_keywords.tsv")
    base = [kw.first(s.text) or NONE for s in snippets]
    acled_labels = sorted({v for v in code_map().values() if v != NONE})
    types = event_type_map()
    to_type = lambda xs: [types.get(x, NONE) for x in xs]  # noqa: E731
    type_labels = sorted(set(types.values()))
    outside = [i for i, g in enumerate(gold) if g == NONE]
    none_rate = lambda p: sum(p[i] == NONE for i in outside) / len(outside) if outside else 0.0  # noqa: E731
    return rounded({
        "n": len(snippets), "n_outside_acled": len(outside),
        "sub_event_macro_f1": macro_f1(gold, pred, acled_labels),
        "baseline_sub_event_macro_f1": macro_f1(gold, base, acled_labels),
        "accuracy": accuracy(gold, pred), "baseline_accuracy": accuracy(gold, base),
        "event_type_macro_f1": macro_f1(to_type(gold), to_type(pred), type_labels),
        "baseline_event_type_macro_f1": macro_f1(to_type(gold), to_type(base), type_labels),
        "outside_acled_none_rate": none_rate(pred), "baseline_outside_acled_none_rate": none_rate(base),
    })


SETS.register("acled")(GoldSet(
    "acled", "case2021_task2/dev.tsv", "fresh", "keyword lookup (data/acled_keywords.tsv)", score,
    "CASE 2021 task 2 snippets: ACLED sub-event macro-F1 over the 25 ACLED types"))
