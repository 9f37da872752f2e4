"""Choosing one gazetteer entry for each place mention of an article, jointly.

A candidate's score adds: its size (log population), a prior for its kind, the article's country
context (countries and demonyms it mentions, the outlet's country), an explicit parent in the
text ("X, Y" or "X in Y province"), an administrative suffix ("Idlib province") and, in a second
pass, closeness to the places already chosen for the article.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .gazetteer import Entry, Gazetteer

# Weights tuned on GeoWebNews and LGL (see eventatlas/evaluate/geo.py).
W_KIND = {"country": 3.0, "region": 2.5, "admin1": -1.0, "admin2": -1.5, "city": 0.0}
W_FUZZY = -2.0
W_CONTEXT = 3.0
W_PARENT_COUNTRY = 3.0
W_PARENT_ADMIN = 4.0
W_SUFFIX = 6.0
W_NEAR = 3.0
NEAR_KM = 250.0


@dataclass
class Mention:
    start: int
    end: int
    text: str                 # the name to look up, without any admin suffix
    kind_hint: str | None = None  # "admin1" / "admin2" when the text said "province", "county"...
    parent: int | None = None     # index of the mention that contains this one ("X, Y")
    surface_end: int | None = None  # end of the surface form when a suffix follows ("Idlib province")
    candidates: list[tuple[Entry, bool]] = field(default_factory=list)
    choice: Entry | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _base(e: Entry, fuzzy: bool, hint: str | None) -> float:
    s = math.log10(e.population + 10) + W_KIND.get(e.kind, 0.0)
    if fuzzy:
        s += W_FUZZY
    if hint and e.kind == hint:
        s += W_SUFFIX
    elif hint == "admin1" and e.kind == "admin2" or hint == "admin2" and e.kind == "admin1":
        s += W_SUFFIX / 2
    return s


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def resolve(self, mentions: list[Mention], context: Counter | None = None,
                outlet_country: str | None = None) -> list[Mention]:
        """Fill `choice` on each mention; `context` counts countries mentioned by demonyms etc."""
        context = Counter(context or {})
        for m in mentions:
            m.candidates = self.gaz.lookup(m.text)
        # Names that can only be a country give country context for free.
        for m in mentions:
            kinds = {e.kind for e, fz in m.candidates if not fz}
            if kinds == {"country"}:
                context[m.candidates[0][0].country_code] += 1
        if outlet_country:
            context[outlet_country] += 1
        total = sum(context.values()) or 1
        share = {cc: n / total for cc, n in context.items()}

        def score(m: Mention, e: Entry, fz: bool, anchors: list[Entry]) -> float:
            s = _base(e, fz, m.kind_hint) + W_CONTEXT * share.get(e.country_code, 0.0)
            if m.parent is not None and mentions[m.parent].choice is not None:
                p = mentions[m.parent].choice
                if p.country_code == e.country_code and p.rid != e.rid:
                    s += W_PARENT_COUNTRY
                    if p.kind in ("admin1", "admin2") and e.admin1 == p.admin1:
                        s += W_PARENT_ADMIN
            if anchors and e.kind in ("city", "admin2", "admin1"):
                d = min(haversine_km(e.latitude, e.longitude, a.latitude, a.longitude) for a in anchors)
                s += W_NEAR * math.exp(-d / NEAR_KM)
            return s

        # Parents first, so "X, Y" can use Y's choice; then a second pass with closeness.
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].parent is not None)
        for rnd in range(2):
            anchors: list[tuple[str, Entry]] = []
            if rnd:
                anchors = [(m.text.lower(), m.choice) for m in mentions
                           if m.choice is not None and m.choice.kind == "city"]
            for i in order:
                m = mentions[i]
                if not m.candidates:
                    continue
                # A name never vouches for itself: only other names' places pull it closer.
                own = [e for t, e in anchors if t != m.text.lower()]
                m.choice = max(m.candidates, key=lambda c: score(m, c[0], c[1], own))[0]
        return mentions
