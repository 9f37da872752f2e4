"""ConfliBERT CAMEO sentences (sentence<TAB>class 0..4, the CAMEO PentaClass). The top event's PLOVER type
is mapped to a class by data/plover_quad.tsv; no event reads as class 0 (a neutral statement).
Scores: 5-way accuracy and macro-F1. Baseline: the majority class."""

from __future__ import annotations

from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import majority, read_tsv
from eventatlas.evaluate.gold import numbered_lines
from eventatlas.evaluate.metrics import accuracy, macro_f1, rounded
from eventatlas.evaluate.runner import top_event
from eventatlas.errors import GoldFormatError  # noqa: F401  (raised here; callers catch it from here)

CLASSES = ("0", "1", "2", "3", "4")


def quad_map() -> dict[str, str]:
    return {r[0].strip(): r[1].strip() for r in read_tsv("plover_quad.tsv")}


def read_cameo(path: str | Path) -> list[tuple[str, str]]:
    path = Path(path)
    if path.is_dir():
        path = path / "cameo_class_train.tsv"
    out = []
    for n, line in numbered_lines(path, GoldFormatError):
        text, sep, label = line.rpartition("\t")
        if not sep or label.strip() not in CLASSES:
            raise GoldFormatError(f"{path}: line {n}: expected sentence<TAB>class 0-4")
        out.append((text, label.strip()))
    if not out:
        raise GoldFormatError(f"{path}: no sentences")
    return out


def score(path: Path, runner, limit: int | None = None) -> dict:
    items = read_cameo(path)[:limit]
    results = runner.run([(t, None) for t, _ in items], desc="cameo")
    quad = quad_map()
    gold = [lab for _, lab in items]
    pred = []
    for res in results:
        ev = top_event(res)
        pred.append(quad.get(ev.type if ev else "none", "0"))
    base = [majority(gold)] * len(gold)
    return rounded({
        "n": len(items),
        "quad_accuracy": accuracy(gold, pred), "baseline_quad_accuracy": accuracy(gold, base),
        "quad_macro_f1": macro_f1(gold, pred, CLASSES), "baseline_quad_macro_f1": macro_f1(gold, base, CLASSES),
    })


SETS.register("cameo")(GoldSet(
    "cameo", "conflibert_cameo/cameo_class_train.tsv", "fresh", "majority class", score,
    "ConfliBERT CAMEO sentences: 5-way PentaClass accuracy"))
