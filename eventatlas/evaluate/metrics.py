"""Scores shared by every set: accuracy, per-class precision/recall/F1, macro-F1 over the gold label set,
and set-valued F1 for template slots where a prediction may match a gold value loosely."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Sequence, TypeVar

T = TypeVar("T")
G = TypeVar("G")


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def f1_of(precision: float, recall: float) -> float:
    return _div(2 * precision * recall, precision + recall)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    if len(gold) != len(pred):
        raise ValueError(f"accuracy: {len(gold)} gold labels but {len(pred)} predictions")
    return _div(sum(g == p for g, p in zip(gold, pred)), len(gold))


@dataclass
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int


def per_class(gold: Sequence[Hashable], pred: Sequence[Hashable],
              labels: Iterable[Hashable] | None = None) -> dict[Hashable, ClassScore]:
    """Precision/recall/F1 of each label. A prediction outside `labels` (e.g. "none") is a miss for the gold
    label and a false positive for nothing, so abstaining costs recall but never precision."""
    if len(gold) != len(pred):
        raise ValueError(f"per_class: {len(gold)} gold labels but {len(pred)} predictions")
    labels = list(dict.fromkeys(labels if labels is not None else gold))
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    out = {}
    for lab in labels:
        prec = _div(tp[lab], tp[lab] + fp[lab])
        rec = _div(tp[lab], tp[lab] + fn[lab])
        out[lab] = ClassScore(prec, rec, f1_of(prec, rec), tp[lab] + fn[lab])
    return out


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable],
             labels: Iterable[Hashable] | None = None) -> float:
    """Unweighted mean F1 over `labels`, by default the labels that occur in the gold data."""
    scores = per_class(gold, pred, labels)
    return _div(sum(s.f1 for s in scores.values()), len(scores))


@dataclass
class SlotTally:
    """Set-valued slot scoring summed over documents: precision counts predictions that match some gold
    value, recall counts gold values matched by some prediction (the MUC/GRIT-style role-filler F1)."""
    pred_matched: int = 0
    pred_total: int = 0
    gold_matched: int = 0
    gold_total: int = 0

    def add(self, gold: Sequence[G], pred: Sequence[T], match: Callable[[G, T], bool] | None = None) -> None:
        match = match or (lambda g, p: g == p)
        self.pred_total += len(pred)
        self.gold_total += len(gold)
        self.pred_matched += sum(any(match(g, p) for g in gold) for p in pred)
        self.gold_matched += sum(any(match(g, p) for p in pred) for g in gold)

    @property
    def precision(self) -> float:
        return _div(self.pred_matched, self.pred_total)

    @property
    def recall(self) -> float:
        return _div(self.gold_matched, self.gold_total)

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)


def rounded(d: dict, places: int = 4) -> dict:
    return {k: (round(v, places) if isinstance(v, float) else v) for k, v in d.items()}


# -- clusterings (incidents): items with a gold label and a predicted label ------------------------------

def _pairs_within(labels: Sequence[Hashable]) -> set[tuple[int, int]]:
    groups: dict[Hashable, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    return {(a, b) for members in groups.values() for n, a in enumerate(members) for b in members[n + 1:]}


def pairwise(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float]:
    """(precision, recall) of the pairs put together: of the pairs a clustering joins, how many the gold
    joins, and of the gold's pairs, how many it joins. No pair to judge counts as perfect (1.0)."""
    if len(gold) != len(pred):
        raise ValueError(f"pairwise: {len(gold)} gold labels but {len(pred)} predictions")
    g, p = _pairs_within(gold), _pairs_within(pred)
    both = len(g & p)
    return (both / len(p) if p else 1.0), (both / len(g) if g else 1.0)


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1): per item, the share of its predicted cluster that shares its gold
    cluster, and the share of its gold cluster that shares its predicted cluster, averaged over items."""
    if len(gold) != len(pred):
        raise ValueError(f"bcubed: {len(gold)} gold labels but {len(pred)} predictions")
    if not gold:
        return 1.0, 1.0, 1.0
    both = Counter(zip(gold, pred))
    in_gold, in_pred = Counter(gold), Counter(pred)
    precision = sum(both[(g, p)] / in_pred[p] for g, p in zip(gold, pred)) / len(gold)
    recall = sum(both[(g, p)] / in_gold[g] for g, p in zip(gold, pred)) / len(gold)
    return precision, recall, f1_of(precision, recall)
