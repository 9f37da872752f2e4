"""All-capitals wire copy is parsed in sentence case, and evidence still quotes the article as written."""

from eventatlas.nlp.truecase import is_shouting, truecase

SHOUTING = ("SAN SALVADOR, 3 JAN 90 -- THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED DURING "
            "CLASHES YESTERDAY IN USULUTAN DEPARTMENT, THE ARMED FORCES REPORTED.")


def test_shouting_is_detected_and_ordinary_text_is_not():
    assert is_shouting(SHOUTING)
    assert not is_shouting("Three rebels were killed in clashes in Usulutan on Tuesday, the army said.")


def test_truecasing_keeps_every_offset(pipeline):
    out = truecase(SHOUTING, pipeline.names)
    assert len(out) == len(SHOUTING)
    assert out.startswith("San Salvador, 3 Jan 90 -- Three subversives were killed")
    assert all(a.lower() == b.lower() for a, b in zip(out, SHOUTING))


def test_events_from_shouting_text_quote_the_original(extract):
    r = extract(SHOUTING, published="1990-01-03")
    clash = [e for e in r.events if e.type == "ASSAULT"]
    assert clash, r.events
    e = clash[0]
    assert e.evidence.text == SHOUTING[e.evidence.start:e.evidence.end]
    assert e.evidence.text.isupper()
    assert ("fatalities", 3, 3) in [(q.category, q.low, q.high) for q in e.quantities]
    assert e.date.start == "1990-01-02"
