"""The resolution ranker's features and its weights (data/ranker.tsv), applied with numpy in resolve.py.

Weights are fitted by bench/fit_geo_ranker.py (logistic regression, scikit-learn, a dev-only dependency) on
the geoparsing gold sets: one column fitted on LGL alone, one on GeoWebNews alone, one on both. The
scorecard scores each set with the weights fitted on the other, so no reported figure comes from the data
its weights were fitted on; the shipped default ("both") is fitted on both sets, having seen more
examples. "hand" keeps the hand-set weights the ranker replaced, for comparison.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).with_name("data")
FEATURES = (
    "log_population",      # log10(population + 10); regions count as a few times their largest town
    "kind_country", "kind_region", "kind_admin1", "kind_admin2", "kind_site",  # against a city
    "fuzzy",               # matched only by a spelling variant
    "alias",               # matched an alternate name, not the place's own
    "suffix_same_kind",    # "Idlib province" and an admin1 entry
    "suffix_other_admin",  # "X district" and an admin1 entry, "X province" and an admin2 one
    "suffix_not_admin",    # an administrative suffix, and a city or country
    "context_any",         # the candidate's country is among the article's countries
    "context_share",       # that country's share of the article's country mentions
    "outlet_country",      # the outlet's country-code domain names the candidate's country
    "outlet_home",         # share of the outlet's earlier unambiguous places in the candidate's region
    "repeated_region",     # log2 of how often the name recurs, for countries, regions and admin1 regions
    "region_of_namesake",  # an admin region that holds a town of the same name among the candidates (Idlib)
    "point_cue_region",    # a region, and the text calls the name a point somewhere ("near X", "the town of X")
    "coherence",           # other names with a likely candidate near it or in its region (capped at 3)
    "log_km_nearest",      # log10(1 + km) to the nearest likely candidate of another name
    "parent_country",      # "X, Y": the parent Y chosen lies in the candidate's country
    "parent_contains",     # ... and is an admin region that contains the candidate
)
DEFAULT = "both"


@dataclass(frozen=True)
class Weights:
    name: str
    vector: np.ndarray

    @classmethod
    def default(cls) -> Weights:
        table = weight_table()
        return cls.named(DEFAULT if DEFAULT in table else "hand")

    @classmethod
    def named(cls, name: str) -> Weights:
        table = weight_table()
        if name not in table:
            raise ValueError(f"{name!r}: no such ranker weights in {DATA / 'ranker.tsv'} "
                             f"(known: {', '.join(table)})")
        return cls(name, table[name])


@functools.lru_cache(maxsize=1)
def weight_table() -> dict[str, np.ndarray]:
    """Column name -> weight vector in FEATURES order; a feature the file lacks weighs 0."""
    rows = [line.rstrip("\n").split("\t") for line in (DATA / "ranker.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    header, body = rows[0], {r[0]: r[1:] for r in rows[1:]}
    columns = header[1:]
    return {c: np.array([float(body[f][k]) if f in body else 0.0 for f in FEATURES]) for k, c in enumerate(columns)}
