"""The pipeline over whole articles: long ones are parsed in pieces, and every piece is read."""

from __future__ import annotations

from eventatlas.ingest import make_document

# Neutral paragraphs of my own: a council's routine business, nothing an event extractor should report.
FILLER = ("The district council met on a rainy morning to review the budget for the coming year. Members "
          "discussed the cost of repairing the library roof and the timetable for the new bus routes. The "
          "meeting closed with a vote on the minutes of the previous session.")
ATTACK = "Gunmen attacked a police station near Gao on Saturday, killing four officers, the governor said."


def long_article(paragraphs: int) -> str:
    return "\n\n".join([FILLER] * paragraphs + [ATTACK])


def test_an_event_past_the_first_100000_characters_is_found_where_it_is(pipeline):
    text = long_article(520)  # about 117,000 characters: the attack lies in the second piece
    assert len(text) > 110_000
    result = pipeline.process(make_document(text, published="2026-03-14"))
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert attacks, [e.evidence.text for e in result.events]
    span = attacks[0].evidence
    assert span.start > 100_000
    assert text[span.start:span.end] == span.text and span.text.startswith("Gunmen attacked")
