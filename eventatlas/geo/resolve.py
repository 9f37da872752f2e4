"""Choosing one gazetteer entry for each place mention of an article, jointly.

A candidate's score adds: its size (log population), a prior for its kind, the article's country
context (countries and demonyms it mentions, the outlet's country), an explicit parent in the
text ("X, Y" or "X in Y province"), an administrative suffix ("Idlib province"), and coherence:
how many of the article's other names have a candidate near it (or, for an admin1 region, a
candidate inside it). Coherence is what puts "Palestine" and "Anderson County" both in Texas.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from eventatlas.geodesy import EARTH_RADIUS_KM

from .gazetteer import Entry, Gazetteer, Hit

# Weights tuned on GeoWebNews and LGL (see eventatlas/evaluate/geo.py).
W_KIND = {"country": 3.0, "region": 2.5, "admin1": -1.0, "admin2": -1.5, "city": 0.0}
W_FUZZY = -2.0
W_ALIAS = -0.7
W_CONTEXT = 2.0
W_CONTEXT_ANY = 1.5
W_PARENT_COUNTRY = 3.0
W_PARENT_ADMIN = 4.0
W_SUFFIX = 6.0
W_COHERE = 1.5
W_HOME = 4.0
COHERE_CAP = 3.0
NEAR_KM = 150.0
LOCAL_KINDS = ("city", "admin2", "admin1")


@dataclass
class Mention:
    start: int
    end: int
    text: str                 # the name to look up, without any admin suffix
    kind_hint: str | None = None  # "admin1" / "admin2" when the text said "province", "county"...
    parent: int | None = None     # index of the mention that contains this one ("X, Y")
    surface_end: int | None = None  # end of the surface form when a suffix follows ("Idlib province")
    full: str | None = None   # the name with its suffix ("Laurel County"), when it has one
    candidates: list[Hit] = field(default_factory=list)
    choice: Entry | None = None


def _base(hit: Hit, hint: str | None) -> float:
    e = hit.entry
    s = math.log10(e.population + 10) + W_KIND.get(e.kind, 0.0)
    if hit.fuzzy:
        s += W_FUZZY
    elif hit.alias:
        s += W_ALIAS
    if hint and e.kind == hint:
        s += W_SUFFIX
    elif hint == "admin1" and e.kind == "admin2" or hint == "admin2" and e.kind == "admin1":
        s += W_SUFFIX / 2
    return s


def _coherence(groups: list[list[Entry]], priors: list[list[float]]) -> list[np.ndarray]:
    """For each name's candidates: how many other names (capped) have a likely candidate nearby.

    A neighbour counts by its plausibility within its own name (exp of its prior's distance to the
    best), so the dozens of obscure "Washington"s cannot vouch for some small town."""
    flat = [(g, e) for g, cands in enumerate(groups) for e in cands]
    weight = np.concatenate([np.exp(np.array(p) - max(p)) for p in priors if p]) if flat else np.zeros(0)
    out = [np.zeros(len(c)) for c in groups]
    if len({g for g, _ in flat}) < 2:
        return out
    gid = np.array([g for g, _ in flat])
    local = np.array([e.kind in LOCAL_KINDS for _, e in flat])
    lat = np.radians([e.latitude for _, e in flat])
    lon = np.radians([e.longitude for _, e in flat])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))  # geodesy.haversine_km, for every pair
    prox = np.exp(-km / NEAR_KM)
    # An admin1 region is "near" everything inside it, however large it is.
    region = np.array([f"{e.country_code}/{e.admin1}" if e.admin1 else "" for _, e in flat])
    is_a1 = np.array([e.kind == "admin1" for _, e in flat])
    inside = (region[:, None] == region[None, :]) & (region[:, None] != "") & (is_a1[:, None] | is_a1[None, :])
    prox = np.where(inside, 1.0, prox)
    prox = prox * (local[:, None] & local[None, :]) * weight[None, :]
    n_groups = len(groups)
    best = np.zeros((len(flat), n_groups))
    for g in range(n_groups):
        cols = gid == g
        if cols.any():
            best[:, g] = prox[:, cols].max(axis=1)
    best[np.arange(len(flat)), gid] = 0.0  # a name never vouches for itself
    total = np.minimum(best.sum(axis=1), COHERE_CAP)
    for g in range(n_groups):
        out[g] = total[gid == g]
    return out


def _key(m: Mention) -> tuple[str, str | None, str]:
    return m.text.lower(), m.kind_hint, (m.full or "").lower()


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def candidates_for(self, m: Mention) -> list[Hit]:
        """Candidates of the name, and of the name with its suffix: GeoNames calls US counties
        "Laurel County", so "Laurel" alone would only find the town."""
        hits = self.gaz.lookup(m.text)
        if m.full and m.full.lower() != m.text.lower():
            seen = {h.entry.rid for h in hits}
            hits += [h for h in self.gaz.lookup(m.full, fuzzy=False) if h.entry.rid not in seen]
        return hits

    def resolve(self, mentions: list[Mention], context: Counter | None = None,
                outlet_country: str | None = None, *, lookup: bool = True,
                home: dict[tuple[str, str], float] | None = None) -> list[Mention]:
        """Fill `choice` on each mention; `context` counts countries mentioned by demonyms etc.;
        `home` is the outlet's regions and their shares (outlets.OutletProfiles.home).
        With lookup=False the mentions' candidates are taken as given."""
        context = Counter(context or {})
        by_name: dict[tuple[str, str | None, str], list[Hit]] = {}
        for m in mentions:
            key = _key(m)
            if key not in by_name:
                by_name[key] = self.candidates_for(m) if lookup else m.candidates
            m.candidates = by_name[key]
        # Names that most likely are a country give country context for free ("Russia", though
        # there is a Russia in Ohio too).
        # A name's own mentions do not count for it: "Georgia" said five times is no evidence
        # that it is the country rather than the state.
        own: dict[tuple[str, str | None, str], Counter] = {}
        for m in mentions:
            exact = [h for h in m.candidates if not h.fuzzy]
            if exact:
                top = max(exact, key=lambda h: _base(h, m.kind_hint)).entry
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

        def prior(hit: Hit, hint: str | None, share: dict[str, float]) -> float:
            e = hit.entry
            s = _base(hit, hint)
            if e.country_code in share:
                s += W_CONTEXT_ANY + W_CONTEXT * share[e.country_code]
            if home and e.kind in LOCAL_KINDS:
                s += W_HOME * home.get((e.country_code, e.admin1), 0.0)
            return s

        keys = list(by_name)
        priors = {}
        for k in keys:
            share = shares(k)
            priors[k] = [prior(h, k[1], share) for h in by_name[k]]
        cohere = dict(zip(keys, _coherence([[h.entry for h in by_name[k]] for k in keys],
                                           [priors[k] for k in keys])))

        def score(m: Mention, k: int, e: Entry) -> float:
            key = _key(m)
            s = priors[key][k] + W_COHERE * float(cohere[key][k])
            if m.parent is not None and mentions[m.parent].choice is not None:
                p = mentions[m.parent].choice
                if p.country_code == e.country_code and p.rid != e.rid:
                    s += W_PARENT_COUNTRY
                    if p.kind in ("admin1", "admin2") and e.admin1 == p.admin1:
                        s += W_PARENT_ADMIN
            return s

        # Parents first, so "X, Y" can use Y's choice.
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].parent is not None)
        for i in order:
            m = mentions[i]
            if m.candidates:
                k = max(range(len(m.candidates)), key=lambda j: score(m, j, m.candidates[j].entry))
                m.choice = m.candidates[k][0]
        return mentions
