"""All-capitals wire copy is parsed in sentence case, and evidence still quotes the article as written."""

from eventatlas.nlp.truecase import is_shouting, truecase

SHOUTING = ("TEGUCIGALPA, 9 FEB 91 -- SOLDIERS KILLED FOUR SMUGGLERS YESTERDAY IN A GUNFIGHT NEAR CATACAMAS, "
            "OLANCHO DEPARTMENT, A MILITARY SPOKESMAN SAID.")


def test_shouting_is_detected_and_ordinary_text_is_not():
    assert is_shouting(SHOUTING)
    assert not is_shouting("Soldiers killed two smugglers near Catacamas on Sunday, police said.")


def test_truecasing_keeps_every_offset(pipeline):
    out = truecase(SHOUTING, pipeline.names)
    assert len(out) == len(SHOUTING)
    assert out.startswith("Tegucigalpa, 9 Feb 91 -- Soldiers killed four smugglers")
    assert all(a.lower() == b.lower() for a, b in zip(out, SHOUTING))


def test_events_from_shouting_text_quote_the_original(extract):
    r = extract(SHOUTING, published="1991-02-09")
    clash = [e for e in r.events if e.type == "ASSAULT"]
    assert clash, r.events
    e = clash[0]
    assert e.evidence.text == SHOUTING[e.evidence.start:e.evidence.end]
    assert e.evidence.text.isupper()
    assert ("fatalities", 4, 4) in [(q.category, q.low, q.high) for q in e.quantities]
    assert e.date.start == "1991-02-08"


def test_lower_cased_text_is_told_apart_and_reads_like_mixed_case(extract):
    from eventatlas.nlp.truecase import is_lowercased, needs_truecasing

    text = ("police fired tear gas at hundreds of traders protesting against a market tax in kano on monday, "
            "witnesses said. two traders were killed, according to a local rights group.")
    assert is_lowercased(text) and needs_truecasing(text)
    assert not needs_truecasing("Police fired tear gas at traders in Kano on Monday, witnesses said.")
    (protest,) = extract(text).events
    assert protest.type == "PROTEST" and protest.location is not None and protest.location.name == "Kano"
    assert [(q.category, q.low) for q in protest.quantities if q.category != "other"] == [("fatalities", 2)]


def test_a_compass_word_in_lower_cased_text_stays_a_direction(pipeline):
    from eventatlas.ingest import make_document

    text = "rebel fighters said they had taken two villages east of the town on tuesday."
    assert pipeline.parse_text(make_document(text))[text.index("east"):].startswith("east")
