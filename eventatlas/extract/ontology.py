"""How an eventatlas event reads in PLOVER's coding conventions.

eventatlas keeps an event's own type and says separately whether it happened (status). PLOVER codes a
stated intention by its intent instead: a promise or offer to cooperate is AGREE, a stated intention to use
force or pressure is THREATEN, and a refusal to cooperate is REJECT (PLOVER codebook, AGREE / THREATEN /
REJECT). Scorecards against PLOVER-coded data, and exports that want PLOVER's convention, use this mapping."""

from __future__ import annotations

from eventatlas.extract.lexicon import type_group
from eventatlas.records import Event

COOPERATIVE = type_group("cooperative")
HOSTILE = type_group("hostile")
INTENDED = {"planned", "possible", "hypothetical"}


def plover_as_coded(event: Event) -> str:
    if event.type == "PROTEST" and any(a.role == "agent" and a.type == "state" for a in event.actors):
        # A protest met with force is ACLED's one record; PLOVER codes what the acting side did: the police
        # coerced the protesters, or assaulted them when people were killed or hurt.
        hurt = any(q.category in ("fatalities", "injured") for q in event.quantities)
        return "ASSAULT" if hurt else "COERCE"
    if event.status == "denied" and event.type in COOPERATIVE:
        return "REJECT"
    if event.status in INTENDED:
        if event.type in COOPERATIVE:
            return "AGREE"
        if event.type in HOSTILE:
            return "THREATEN"
    return event.type


def main_event(events: list[Event]) -> Event | None:
    """The event a one-sentence coder would pick: the most confident, which the extractor makes the one
    highest in the sentence's structure (embedded and unrealised events are less certain)."""
    return max(events, key=lambda e: e.confidence) if events else None
