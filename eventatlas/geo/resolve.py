"""Choosing one gazetteer entry for each place mention of an article, jointly, by a fitted linear ranker.

Each candidate of a name gets a feature vector (ranker.FEATURES): how the name matched (exact, alternate
name, spelling variant; an administrative suffix that agrees with the kind), its size and kind, the
article's country context (countries and demonyms it mentions, the outlet's country domain), the regions the
outlet writes about, coherence with the article's other names (how many have a likely candidate nearby or
inside the same region, and how far the nearest is), and an explicit parent in the text ("X, Y" or "X in Y
province"). The candidate with the highest weighted sum wins; the weights are fitted by
bench/fit_geo_ranker.py and stored in data/ranker.tsv (see ranker.py).
Coherence is what puts "Palestine" and "Anderson County" both in Texas.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from eventatlas.geodesy import EARTH_RADIUS_KM, haversine_km

from .gazetteer import Entry, Gazetteer, Hit
from .ranker import FEATURES, Weights

NEAR_KM = 150.0
COHERE_CAP = 3.0
LOCAL_KINDS = ("city", "admin2", "admin1", "site")
_KINDS = ("country", "region", "admin1", "admin2", "site")
_IDX = {f: i for i, f in enumerate(FEATURES)}


@dataclass
class Mention:
    start: int
    end: int
    text: str                 # the name to look up, without any admin suffix
    kind_hint: str | None = None  # "admin1" / "admin2" when the text said "province", "county"...
    parent: int | None = None     # index of the mention that contains this one ("X, Y")
    surface_end: int | None = None  # end of the surface form when a suffix follows ("Idlib province")
    full: str | None = None   # the name with its suffix ("Laurel County"), when it has one
    point_cue: bool = False   # the text calls it a point: "near X", "the town of X", a dateline
    candidates: list[Hit] = field(default_factory=list)
    choice: Entry | None = None


def inside(e: Entry, region: Entry) -> bool:
    """Whether e lies within the admin region `region`, by GeoNames admin codes ("SY.07.170793" in "SY.07")."""
    if region.kind not in ("admin1", "admin2") or e.rid == region.rid:
        return False
    if region.code and e.code:
        return e.code == region.code or e.code.startswith(region.code + ".")
    return region.kind == "admin1" and e.country_code == region.country_code and e.admin1 == region.admin1


def match_features(hit: Hit, hint: str | None) -> np.ndarray:
    """The features of one candidate that depend on it and its name alone."""
    e = hit.entry
    f = np.zeros(len(FEATURES))
    f[_IDX["log_population"]] = math.log10(e.population + 10)
    if e.kind in _KINDS:
        f[_IDX[f"kind_{e.kind}"]] = 1.0
    f[_IDX["fuzzy"]] = float(hit.fuzzy)
    f[_IDX["alias"]] = float(hit.alias and not hit.fuzzy)
    if hint:
        if e.kind == hint:
            f[_IDX["suffix_same_kind"]] = 1.0
        elif e.kind in ("admin1", "admin2"):
            f[_IDX["suffix_other_admin"]] = 1.0
        else:
            f[_IDX["suffix_not_admin"]] = 1.0
    return f


def plausibility(rows: np.ndarray) -> np.ndarray:
    """How plausible each candidate of one name is on its own, for weighing it as a neighbour in coherence:
    a fixed rule, not the fitted weights, so the features do not depend on the weights fitted over them.
    Size in powers of ten, a spelling-variant match two powers less, a country or region as large as any."""
    s = rows[:, _IDX["log_population"]] - 2.0 * rows[:, _IDX["fuzzy"]]
    return s + 3.0 * (rows[:, _IDX["kind_country"]] + rows[:, _IDX["kind_region"]])


def _pairwise_km(flat: list[Entry]) -> np.ndarray:
    lat = np.radians([e.latitude for e in flat])
    lon = np.radians([e.longitude for e in flat])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))  # geodesy.haversine_km, for every pair


def _coherence(groups: list[list[Entry]], priors: list[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """For each name's candidates: how many other names (capped) have a likely candidate nearby or in the same
    region, and log10 of the km to the nearest likely candidate of another name (0 when there is none).

    A neighbour counts by its plausibility within its own name (exp of its plausibility's distance to the best),
    so the dozens of obscure "Washington"s cannot vouch for some small town."""
    flat = [(g, e) for g, cands in enumerate(groups) for e in cands]
    cohere = [np.zeros(len(c)) for c in groups]
    nearest = [np.zeros(len(c)) for c in groups]
    if len({g for g, _ in flat}) < 2:
        return cohere, nearest
    weight = np.concatenate([np.exp(p - p.max()) for p in priors if len(p)])
    gid = np.array([g for g, _ in flat])
    entries = [e for _, e in flat]
    local = np.array([e.kind in LOCAL_KINDS for e in entries])
    km = _pairwise_km(entries)
    prox = np.exp(-km / NEAR_KM)
    # An admin region is "near" everything inside it, however large it is.
    codes = [e.code or "" for e in entries]
    is_region = np.array([e.kind in ("admin1", "admin2") for e in entries])
    for i in np.nonzero(is_region)[0]:
        for j, c in enumerate(codes):
            if c and codes[i] and (c == codes[i] or c.startswith(codes[i] + ".")):
                prox[i, j] = prox[j, i] = 1.0
    mask = local[:, None] & local[None, :]
    prox = prox * mask * weight[None, :]
    likely = weight >= 0.5
    n_groups = len(groups)
    best = np.zeros((len(flat), n_groups))
    near = np.full((len(flat), n_groups), np.inf)
    for g in range(n_groups):
        cols = gid == g
        if cols.any():
            best[:, g] = prox[:, cols].max(axis=1)
            pick = cols & likely & local
            if pick.any():
                near[:, g] = km[:, pick].min(axis=1)
    rows = np.arange(len(flat))
    best[rows, gid] = 0.0  # a name never vouches for itself
    near[rows, gid] = np.inf
    total = np.minimum(best.sum(axis=1), COHERE_CAP)
    closest = near.min(axis=1)
    closest = np.where(np.isfinite(closest) & local, np.log10(1.0 + closest), 0.0)
    for g in range(n_groups):
        cohere[g] = total[gid == g]
        nearest[g] = closest[gid == g]
    return cohere, nearest


def _within(e: Entry, region: Entry) -> bool:
    """inside(), or failing matching codes (a region redrawn since its towns were coded), within its radius."""
    return inside(e, region) or (e.country_code == region.country_code and region.radius_km > 0
                                 and haversine_km(e.latitude, e.longitude, region.latitude, region.longitude)
                                 <= region.radius_km)


def namesake_town(m: Mention, choice: Entry) -> Entry:
    """A region named after one of its main towns ("Aleppo", "Deir ez-Zor", "Gao"), said without a word that makes
    it the region ("province", "state"), is the town: news names the region with that word. The ranker's
    training sets hold too few such pairs to learn it (their namesakes are mostly US states and towns)."""
    if m.kind_hint is not None or choice.kind != "admin1":
        return choice
    # one of the region's largest towns (a region is sized by its largest), not a hamlet sharing a state's name
    # "Oklahoma City", "Kuwait City": English adds "City" where the bare name is the state's, so not those
    towns = [h.entry for h in m.candidates if h.entry.kind == "city" and _within(h.entry, choice)
             and 2 * h.entry.population >= choice.population and not h.entry.name.endswith(" City")]
    return max(towns, key=lambda e: e.population) if towns else choice


def _key(m: Mention) -> tuple[str, str | None, str]:
    return m.text.lower(), m.kind_hint, (m.full or "").lower()


class Resolver:
    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None):
        self.gaz = gazetteer
        self.weights = weights or Weights.default()

    def candidates_for(self, m: Mention) -> list[Hit]:
        """Candidates of the name, and of the name with its suffix: GeoNames calls US counties
        "Laurel County", so "Laurel" alone would only find the town."""
        hits = self.gaz.lookup(m.text)
        if m.full and m.full.lower() != m.text.lower():
            seen = {h.entry.rid for h in hits}
            hits += [h for h in self.gaz.lookup(m.full, fuzzy=False) if h.entry.rid not in seen]
        return hits

    def _context(self, mentions, by_name, context, outlet_country):
        """Country shares per name: demonyms, the outlet's country and names that most likely are a country
        ("Russia", though there is a Russia in Ohio too). A name's own mentions do not count for it:
        "Georgia" said five times is no evidence that it is the country rather than the state."""
        w = self.weights.vector
        context = Counter(context or {})
        own: dict[tuple, Counter] = {}
        for m in mentions:
            exact = [h for h in by_name[_key(m)] if not h.fuzzy]
            if exact:
                top = max(exact, key=lambda h: float(match_features(h, m.kind_hint) @ w)).entry
                if top.kind == "country":
                    own.setdefault(_key(m), Counter())[top.country_code] += 1
        if outlet_country:
            context[outlet_country] += 1
        for c in own.values():
            context.update(c)

        def shares(key) -> dict[str, float]:
            ctx = context - own[key] if key in own else context
            total = sum(ctx.values()) or 1
            return {cc: n / total for cc, n in ctx.items()}
        return shares

    def features(self, mentions: list[Mention], context: Counter | None = None,
                 outlet_country: str | None = None, *, lookup: bool = True,
                 home: dict[tuple[str, str], float] | None = None) -> dict[tuple, np.ndarray]:
        """Fill each mention's candidates; returns each name's candidate features (rows), all but the parent
        features, which depend on the parent's choice."""
        by_name: dict[tuple, list[Hit]] = {}
        counts = Counter(_key(m) for m in mentions)
        cued = Counter(_key(m) for m in mentions if m.point_cue)
        for m in mentions:
            key = _key(m)
            if key not in by_name:
                by_name[key] = self.candidates_for(m) if lookup else m.candidates
            m.candidates = by_name[key]
        shares = self._context(mentions, by_name, context, outlet_country)
        feats: dict[tuple, np.ndarray] = {}
        for key, hits in by_name.items():
            share = shares(key)
            rows = np.zeros((len(hits), len(FEATURES)))
            for r, h in enumerate(hits):
                e = h.entry
                rows[r] = match_features(h, key[1])
                if e.country_code in share:
                    rows[r, _IDX["context_any"]] = 1.0
                    rows[r, _IDX["context_share"]] = share[e.country_code]
                rows[r, _IDX["outlet_country"]] = float(bool(outlet_country) and e.country_code == outlet_country)
                if home and e.kind in LOCAL_KINDS:
                    rows[r, _IDX["outlet_home"]] = home.get((e.country_code, e.admin1), 0.0)
                if e.kind in ("country", "region", "admin1"):
                    rows[r, _IDX["repeated_region"]] = math.log2(counts[key])
                if cued[key] and e.kind in ("country", "region", "admin1", "admin2"):
                    rows[r, _IDX["point_cue_region"]] = 1.0
            towns = [h.entry for h in hits if h.entry.kind == "city" and not h.fuzzy]
            for r, h in enumerate(hits):
                if h.entry.kind in ("admin1", "admin2") and any(inside(t, h.entry) for t in towns):
                    rows[r, _IDX["region_of_namesake"]] = 1.0
            feats[key] = rows
        keys = list(by_name)
        priors = [plausibility(feats[k]) for k in keys]
        cohere, nearest = _coherence([[h.entry for h in by_name[k]] for k in keys], priors)
        for k, c, n in zip(keys, cohere, nearest):
            feats[k][:, _IDX["coherence"]] = c
            feats[k][:, _IDX["log_km_nearest"]] = n
        return feats

    def resolve(self, mentions: list[Mention], context: Counter | None = None,
                outlet_country: str | None = None, *, lookup: bool = True,
                home: dict[tuple[str, str], float] | None = None, trace: list | None = None) -> list[Mention]:
        """Fill `choice` on each mention; `context` counts countries mentioned by demonyms etc.;
        `home` is the outlet's regions and their shares (outlets.OutletProfiles.home).
        With lookup=False the mentions' candidates are taken as given. `trace`, when given, receives
        (mention, feature rows) for each mention as it is decided (the fitting script reads it)."""
        feats = self.features(mentions, context, outlet_country, lookup=lookup, home=home)
        w = self.weights.vector
        # Parents first, so "X, Y" can use Y's choice.
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].parent is not None)
        for i in order:
            m = mentions[i]
            if not m.candidates:
                continue
            rows = feats[_key(m)].copy()
            p = mentions[m.parent].choice if m.parent is not None else None
            if p is not None:
                for r, h in enumerate(m.candidates):
                    e = h.entry
                    if p.country_code == e.country_code and p.rid != e.rid:
                        rows[r, _IDX["parent_country"]] = 1.0
                        rows[r, _IDX["parent_contains"]] = float(inside(e, p))
            m.choice = namesake_town(m, m.candidates[int(np.argmax(rows @ w))].entry)
            if trace is not None:
                trace.append((m, rows))
        return mentions
