"""The assembly stage: from the mentions extraction found in one article to the article's events, one record
per real-world event, each with every mention that supports it.

    mentions (extract/) -> assemble -> events (store/)

An ACLED coder reads the whole article before coding: the toll given two sentences after the blast is the
blast's, "the strike" is the strike named before, a clause without a date happened on the day the story
established for it. `assemble` does the same over the mentions, in article order."""

from __future__ import annotations

from eventatlas.assemble.events import Assembler
from eventatlas.records import ArticleMentions, Document, Event, Geography


def assemble(document: Document, found: ArticleMentions, geography: Geography) -> list[Event]:
    """The article's events, in the order their first mention comes."""
    assembler = Assembler(document, geography)
    for mention in found.mentions:
        assembler.add(mention)
    events = assembler.events
    if found.opinions and len(found.opinions) >= 0.3 * found.sentences:
        # An op-ed: keep only the events it reports with a source or a date, not its rhetoric
        # ("For three years, Sudan has burned").
        events = [e for e in events if e.attribution is not None or e.date.text is not None]
    return events
