"""The scorecard: gold sets, their readers and scores, and a simple baseline run beside each.

SETS is the extension point: a GoldSet names its default location under the gold root, whether its texts
are fresh or older wire copy (reported separately), and a score function
(path, runner, limit) -> {metric: value}, where `baseline_<metric>` is the baseline's value of <metric>."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from eventatlas.registry import Registry


@dataclass(frozen=True)
class GoldSet:
    name: str
    default: str          # path under the gold root
    era: str              # "fresh" or "older" (1989-91 MUC wire text, LGL)
    baseline: str         # what the baseline is, in words
    score: Callable[..., dict]
    about: str = ""
    bundled: bool = False  # `default` is a folder of this package (evaluate/...), not of the gold root


SETS: Registry[GoldSet] = Registry("gold set")


def score_set(name: str, runner, path: str | Path | None = None, limit: int | None = None) -> dict:
    from eventatlas.evaluate.gold import gold_path

    gs = SETS.get(name)
    if gs.bundled and path is None:
        path = Path(__file__).parent / gs.default
    return gs.score(gold_path(gs.default, path), runner, limit)


# Registration happens on import of each set's module.
from eventatlas.evaluate import (  # noqa: E402,F401
    acled, cameo, events, geo, incidents, location, muc, plover, ucdp, wikievents,
)
