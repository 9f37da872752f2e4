"""The control stage: who held which place when, with the evidence and sources of each period.

    ingest (Document) -> nlp -> geo -> extract (control claims among the claims) -> store -> control

`ControlStep` (built once per Atlas: `atlas.control`) keeps the store's control periods current. After an
article is stored, `update(store, result)` reads its control claims (control/evidence.py), keeps them by
place, and re-derives the periods of those places from every article that speaks of them
(control/timeline.py); `rebuild(store)` does the same for every stored article. The periods are read with
`store.control_periods(ControlFilter(...))`.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterable, NamedTuple

from eventatlas.control.evidence import article_evidence
from eventatlas.control.timeline import derive_periods
from eventatlas.records import ArticleResult, ControlEvidence, ControlPeriod, ControlPlace


class ControlStep:
    """geocoder: resolves the place names the geography left bare; built only when one is met (the Atlas
    passes a factory, so that ingest in a worker process loads no gazetteer here for resolved places)."""

    def __init__(self, geocoder=None, *, geocoder_factory: Callable[[], object] | None = None):
        self._geocoder = geocoder
        self._factory = geocoder_factory

    def resolve_name(self, name: str, *, country_hint: str | None = None):
        if self._geocoder is None and self._factory is not None:
            self._geocoder = self._factory()
        return self._geocoder.resolve_name(name, country_hint=country_hint) if self._geocoder else None

    def evidence(self, result: ArticleResult) -> list[tuple[ControlPlace, ControlEvidence]]:
        claims = [dataclasses.asdict(c) for c in result.claims if c.kind == "control"]
        if not claims:
            return []
        events = [dataclasses.asdict(e) for e in result.events]
        return article_evidence(result.document.header(), claims, events, self)

    def update(self, store, result: ArticleResult) -> set[str]:
        """Keep what a just-stored article says about control and re-derive the places it names; returns
        their keys."""
        found = self.evidence(result)
        if found:
            with store.control_lock():  # writers at once: each derives from the evidence of both
                store.add_control_evidence(found)
                self.refresh(store, {place.key for place, _ in found})
        return {place.key for place, _ in found}

    def refresh(self, store, keys: Iterable[str]) -> list[ControlPeriod]:
        """Re-derive these places' periods from all their stored evidence."""
        keys = sorted(set(keys))
        periods = [p for place, evidence in store.control_evidence(keys).values()
                   for p in derive_periods(place, evidence)]
        store.replace_control_periods(keys, periods)
        return periods

    def rebuild(self, store, progress: Callable[[], None] | None = None) -> "Rebuilt":
        """Forget and recompute every place's periods from every stored article: evidence kept a few
        thousand claims per transaction, periods derived a few hundred places at a time."""
        store.clear_control()
        keys: set[str] = set()
        batch: list[tuple[ControlPlace, ControlEvidence]] = []
        articles = 0
        for header, claims, events in store.control_sources():
            batch += article_evidence(header, claims, events, self)
            articles += 1
            if len(batch) >= _EVIDENCE_BATCH:
                store.add_control_evidence(batch)
                keys |= {place.key for place, _ in batch}
                batch = []
            if progress:
                progress()
        store.add_control_evidence(batch)
        keys |= {place.key for place, _ in batch}
        ordered = sorted(keys)
        periods = 0
        for i in range(0, len(ordered), _PLACES_BATCH):
            periods += len(self.refresh(store, ordered[i:i + _PLACES_BATCH]))
        return Rebuilt(articles=articles, places=len(ordered), periods=periods)


class Rebuilt(NamedTuple):
    articles: int
    places: int
    periods: int


_EVIDENCE_BATCH = 5000
_PLACES_BATCH = 500

__all__ = ["ControlStep", "Rebuilt", "derive_periods"]
