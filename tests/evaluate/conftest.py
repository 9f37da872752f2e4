"""Fixtures of the scorecard tests: tiny gold-format files written for these tests (never the real gold)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def make_event(text: str, start: int, end: int, *, type: str = "ASSAULT", status: str = "occurred",
               date: tuple[str | None, str | None] = (None, None), place=None, agents=(), targets=(),
               quantities=(), acled: str | None = None, confidence: float = 0.5, **extra):
    """A real pipeline Event record standing on text[start:end]; `extra` adds fields a newer record may carry
    (mentions, background)."""
    from eventatlas.records import Actor, Event, EventDate, Place, Quantity, Span

    loc = Place(text=place[0], name=place[0], country_code=place[1]) if place else None
    actors = [Actor("agent", a[0], a[0], a[1]) for a in agents] + [Actor("target", t[0], t[0], t[1]) for t in targets]
    ev = Event(id=f"e{start}", type=type, mode=None,
               acled={"event_type": "-", "sub_event_type": acled} if acled else None, status=status,
               date=EventDate(None, date[0], date[0], date[1]), location=loc, actors=actors,
               quantities=[Quantity(c, lo, hi, False, t) for c, lo, hi, t in quantities], attribution=None,
               evidence=Span(text[start:end], start, end), confidence=confidence)
    for name, value in extra.items():
        setattr(ev, name, value)
    return ev


def make_result(text: str, events, published: str | None = None):
    from eventatlas.records import ArticleResult, Document

    return ArticleResult(Document(id="t", text=text, published=published), events=list(events))
