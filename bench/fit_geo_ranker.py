"""Fit the geocoder's resolution ranker (eventatlas/geo/ranker.py) on the geoparsing gold sets.

    pip install scikit-learn        # dev only: the runtime applies the weights with numpy
    python bench/fit_geo_ranker.py [--rounds 3] [--C 1.0] [--dry-run]

For every gold toponym that the gazetteer can resolve at all, each of its candidates is one example: its
features as the resolver computes them for that article (given gold spans, the article's web address as the
only outlet information), labelled 1 for the gold place (its GeoNames id, or failing an id the candidate
nearest the gold point within 161 km) and 0 for the others. A logistic regression over those examples gives
the weights. The features do not depend on the weights (coherence weighs neighbours by a fixed rule,
resolve.plausibility), except the parent features, which follow the parent's choice; --rounds repeats the fit
with features computed under the previous round's weights.

Writes the columns "lgl" (fitted on LGL only), "gwn" (GeoWebNews only) and "both" into
eventatlas/geo/data/ranker.tsv beside "hand"; the scorecard scores each set with the other set's column.
Nothing from the gold is written but the weights.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import numpy as np

SETS = ("lgl", "gwn")
TSV = Path(__file__).resolve().parents[1] / "eventatlas" / "geo" / "data" / "ranker.tsv"
MATCH_KM = 161.0


@functools.lru_cache(maxsize=1)
def _geocoder():
    from eventatlas.atlas import Atlas
    from eventatlas.config import Settings

    return Atlas(Settings.from_env()).geocoder


def examples(set_name: str, weights) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels and group ids (one group per gold toponym) of one set under `weights`."""
    from eventatlas.evaluate.geo import FILES, _outlet_of, read_gold
    from eventatlas.evaluate.gold import gold_path
    from eventatlas.geo.outlets import OutletProfiles
    from eventatlas.geodesy import haversine_km

    geocoder = _geocoder().with_ranker(weights)
    profiles = OutletProfiles()
    xs, ys, groups = [], [], []
    for art in read_gold(gold_path(f"geoparsing/{FILES[set_name]}")):
        tops = sorted(art.toponyms, key=lambda t: t.start)
        trace: list = []
        geocoder.resolve_mentions(art.text, [(t.start, t.end) for t in tops], trace=trace,
                                  **_outlet_of(art, profiles))
        gold_at = {t.start: t for t in tops}
        for m, rows in trace:
            g = gold_at.get(m.start)
            if g is None or g.lat is None or len(m.candidates) < 2:
                continue
            label = np.array([h.entry.geonames_id == g.geonames_id for h in m.candidates], dtype=float)
            if g.geonames_id is None or not label.any():
                km = [haversine_km(g.lat, g.lon, h.entry.latitude, h.entry.longitude) for h in m.candidates]
                label = np.zeros(len(km))
                if min(km) <= MATCH_KM:
                    label[int(np.argmin(km))] = 1.0
            if not label.any() or label.all():
                continue
            xs.append(rows)
            ys.append(label)
            groups.append(np.full(len(label), len(groups)))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float, prior: np.ndarray) -> np.ndarray:
    """Pairwise logistic regression: for each gold toponym, the gold candidate's features minus each other
    candidate's, labelled 1 (and the reverse, labelled 0), each toponym weighing 1 in all. That fits what the
    resolver does with the weights: pick the best-scoring candidate of a name.
    A feature that never differs between candidates in the fitting data cannot be fitted; it keeps its hand
    weight, scaled as the fitted population weight is to the hand one (outlets in GeoWebNews never repeat,
    so its articles say nothing about what an outlet's earlier places are worth)."""
    from sklearn.linear_model import LogisticRegression

    diffs, weights = [], []
    for g in range(groups.max() + 1):
        idx = np.nonzero(groups == g)[0]
        pos = idx[y[idx] == 1.0][0]
        neg = idx[y[idx] == 0.0]
        diffs.append(x[pos] - x[neg])
        weights.append(np.full(len(neg), 1.0 / len(neg)))
    d, sw = np.vstack(diffs), np.concatenate(weights)
    varies = np.abs(d).max(axis=0) > 0
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack([d[:, varies], -d[:, varies]]), np.concatenate([np.ones(len(d)), np.zeros(len(d))]),
              sample_weight=np.concatenate([sw, sw]))
    w = np.zeros(x.shape[1])
    w[varies] = model.coef_[0]
    from eventatlas.geo.ranker import FEATURES
    pop = FEATURES.index("log_population")
    scale = w[pop] / prior[pop] if varies[pop] and prior[pop] else 1.0
    w[~varies] = prior[~varies] * scale
    return w


def choose_c(x: np.ndarray, y: np.ndarray, groups: np.ndarray, prior: np.ndarray, folds: int = 5) -> float:
    """The regularisation strength with the best top-1 over folds of the fitting data's own toponyms."""
    fold = groups % folds
    best, best_c = -1.0, 1.0
    for c in (0.01, 0.1, 1.0, 10.0):
        right = 0.0
        for k in range(folds):
            tr, te = fold != k, fold == k
            w = fit(x[tr], y[tr], _renumber(groups[tr]), c, prior)
            right += top1(x[te], y[te], _renumber(groups[te]), w) * len(np.unique(groups[te]))
        if right > best:
            best, best_c = right, c
    return best_c


def _renumber(groups: np.ndarray) -> np.ndarray:
    return np.unique(groups, return_inverse=True)[1]


def top1(x: np.ndarray, y: np.ndarray, groups: np.ndarray, w: np.ndarray) -> float:
    """Share of gold toponyms whose gold candidate the weights rank first (on these features)."""
    s = x @ w
    right = 0
    n = groups.max() + 1
    for g in range(n):
        idx = groups == g
        right += y[idx][int(np.argmax(s[idx]))] == 1.0
    return right / n


def write(columns: dict[str, np.ndarray]) -> None:
    from eventatlas.geo.ranker import FEATURES, weight_table

    table = dict(weight_table())
    table.update(columns)
    names = ["hand"] + [c for c in ("lgl", "gwn", "both") if c in table]
    lines = [
        "# Weights of the resolution ranker (geo/ranker.py), one row per feature, written by bench/fit_geo_ranker.py.",
        "# lgl / gwn: fitted on that gold set alone (the scorecard scores the other set with it); both: on both,",
        "# the shipped default. hand: the hand-set weights the fitted ones replaced.",
        "\t".join(["feature", *names]),
    ]
    for i, f in enumerate(FEATURES):
        lines.append("\t".join([f, *(f"{table[n][i]:.4f}" for n in names)]))
    TSV.write_text("\n".join(lines) + "\n", encoding="utf-8")
    weight_table.cache_clear()


def main() -> None:
    from eventatlas.geo.ranker import FEATURES, Weights

    ap = argparse.ArgumentParser(description="fit the geocoder's ranker weights on the geoparsing gold sets")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--C", type=float, help="inverse L2 regularisation strength (default: chosen by 5-fold "
                    "cross-validation within the fitting set)")
    ap.add_argument("--dry-run", action="store_true", help="print the weights, do not write ranker.tsv")
    args = ap.parse_args()
    fitted: dict[str, np.ndarray] = {}
    for column, sets in (("lgl", ["lgl"]), ("gwn", ["gwn"]), ("both", ["lgl", "gwn"])):
        weights = Weights.named("hand")
        for r in range(args.rounds):
            parts = [examples(s, weights) for s in sets]
            x = np.vstack([p[0] for p in parts])
            y = np.concatenate([p[1] for p in parts])
            offset, grouped = 0, []
            for p in parts:
                grouped.append(p[2] + offset)
                offset += p[2].max() + 1
            groups = np.concatenate(grouped)
            hand = Weights.named("hand").vector
            c = args.C or choose_c(x, y, groups, hand)
            w = fit(x, y, groups, c, hand)
            print(f"{column} round {r + 1}: {offset} toponyms, {len(y)} candidates, C={c}; top-1 on the fitting data "
                  f"{top1(x, y, groups, weights.vector):.4f} (previous weights) -> {top1(x, y, groups, w):.4f}",
                  file=sys.stderr)
            weights = Weights(column, w)
        fitted[column] = weights.vector
    for i, f in enumerate(FEATURES):
        print(f"{f:20} " + " ".join(f"{fitted[c][i]:8.3f}" for c in fitted))
    if not args.dry_run:
        write(fitted)


if __name__ == "__main__":
    main()
