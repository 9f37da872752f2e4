"""Baselines every score is read against: the majority class, and a keyword lookup whose keywords are
data files (evaluate/data/*_keywords.tsv: label<TAB>regular expression, first match wins)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Hashable, Sequence

from eventatlas.data import read_rows


def majority(labels: Sequence[Hashable]) -> Hashable:
    """The most frequent label; on a tie, the one seen first (so the result does not depend on hashing)."""
    if not labels:
        raise ValueError("majority: no labels")
    counts = Counter(labels)
    best = max(counts.values())
    return next(lab for lab in labels if counts[lab] == best)


def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a data file in evaluate/data, without comments, blank lines or the header row."""
    return read_rows("eventatlas.evaluate", name)


class KeywordBaseline:
    def __init__(self, rules: list[tuple[str, re.Pattern]], default: str | None = None):
        self.rules = rules
        self.default = default

    @classmethod
    @functools.cache
    def from_file(cls, name: str, default: str | None = None) -> "KeywordBaseline":
        rules = []
        for n, row in enumerate(read_tsv(name), start=2):
            if len(row) < 2:
                raise ValueError(f"{name}: line {n}: expected label<TAB>pattern")
            rules.append((row[0].strip(), re.compile(row[1].strip(), re.I)))
        return cls(rules, default)

    def first(self, text: str) -> str | None:
        return next((lab for lab, rx in self.rules if rx.search(text)), self.default)

    def all(self, text: str) -> set[str]:
        return {lab for lab, rx in self.rules if rx.search(text)}
