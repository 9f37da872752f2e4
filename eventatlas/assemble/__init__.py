"""The assembly stage: from the mentions extraction found in one article to the article's events, one record
per real-world event, each with every mention that supports it.

    mentions (extract/) -> assemble -> events (store/)

An ACLED coder reads the whole article before coding: the toll given two sentences after the blast is the
blast's, "the strike" is the strike named before, a clause that names no place happened where the article
put that event. `assemble` does the same over the mentions, in article order (assemble/events.py decides
which mentions are one event, assemble/fold.py what an event takes from each, assemble/finish.py what its
fields are once all are in)."""

from __future__ import annotations

from eventatlas.assemble.actors import canonical_actors
from eventatlas.assemble.events import Assembler
from eventatlas.assemble.finish import MATERIAL, acled_of, background, country_of, protest_sides
from eventatlas.assemble.fold import attach_toll, lowest_figures
from eventatlas.records import ArticleMentions, Document, Event, Geography


def assemble(document: Document, found: ArticleMentions, geography: Geography) -> list[Event]:
    """The article's events, in the order their first mention comes."""
    assembler = Assembler(document)
    for mention in found.mentions:
        assembler.add(mention)
    events = assembler.events
    for claim in found.claims:
        if claim.kind == "casualties":
            attach_toll(claim, events, assembler, found.sentence_starts)
    for e in events:
        parts = assembler.parts[id(e)]
        lowest_figures(e)
        e.background = background(e, document.published)
        if e.location is None and geography.focus is not None and e.status == "occurred" and \
                e.type in MATERIAL and geography.focus.country_code:
            e.location = country_of(geography)  # where the story is, no finer than its country
        protest_sides(e, parts)
        canonical_actors(e, geography.focus.country_code if geography.focus is not None else None)
        e.acled = acled_of(e, parts)
        if e.date.text is not None:
            e.confidence = round(min(0.99, e.confidence + 0.05), 2)
    if found.opinions and len(found.opinions) >= 0.3 * found.sentences:
        # An op-ed: keep only the events it reports with a source or a date, not its rhetoric
        # ("For three years, Sudan has burned").
        events = [e for e in events if e.attribution is not None or e.date.text is not None]
    return events
