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
from typing import Callable, Iterable

from eventatlas.control.evidence import article_evidence
from eventatlas.control.timeline import derive_periods
from eventatlas.records import ArticleResult, ControlEvidence, ControlPeriod, ControlPlace


class ControlStep:
    def __init__(self, geocoder):
        self.geocoder = geocoder

    def evidence(self, result: ArticleResult) -> list[tuple[ControlPlace, ControlEvidence]]:
        claims = [dataclasses.asdict(c) for c in result.claims if c.kind == "control"]
        if not claims:
            return []
        events = [dataclasses.asdict(e) for e in result.events]
        return article_evidence(result.document.header(), claims, events, self.geocoder)

    def update(self, store, result: ArticleResult) -> set[str]:
        """Keep what a just-stored article says about control and re-derive the places it names; returns
        their keys."""
        found = self.evidence(result)
        if found:
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

    def rebuild(self, store, progress: Callable[[], None] | None = None) -> list[ControlPeriod]:
        """Forget and recompute every place's periods from every stored article."""
        store.clear_control()
        keys: set[str] = set()
        for header, claims, events in list(store.control_sources()):
            found = article_evidence(header, claims, events, self.geocoder)
            store.add_control_evidence(found)
            keys |= {place.key for place, _ in found}
            if progress:
                progress()
        return self.refresh(store, keys)


__all__ = ["ControlStep", "derive_periods"]
