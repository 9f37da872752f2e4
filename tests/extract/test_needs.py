"""Weak triggers count only in the context extract/data/trigger_needs.tsv asks of them; the conditions are
read by one small interpreter (extract/needs.py)."""

import pytest

from eventatlas.extract.needs import parse_condition, trigger_needs


def token(nlp, text, word):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize("condition,text,word,expected", [
    ("prt=up", "Police rounded up forty traders.", "rounded", True),
    ("prt=up", "The figures were rounded to the nearest hundred.", "rounded", False),
    ("prep=to,into", "The town fell to the rebels.", "fell", True),
    ("dobj~troop,force", "The army massed troops on the border.", "massed", True),
    ("left=military,joint", "The two navies held joint exercises.", "exercises", True),
    ("object=@aid_objects", "Norway sent food to the camps.", "sent", True),
    ("object=@aid_objects", "Norway sent a letter to the camps.", "sent", False),
    ("pos=VERB & dobj", "The militia freed six hostages.", "freed", True),
    ("pos=NOUN ; dobj", "A strike hit the depot.", "strike", True),
    ("object=bombs,leaflets & !object=leaflets", "Planes dropped leaflets over the city.", "dropped", False),
    ("always", "Shells hit the market.", "hit", True),
])
def test_conditions_read_the_parse(nlp, condition, text, word, expected):
    assert parse_condition(condition)(token(nlp, text, word)) is expected


def test_every_condition_in_the_file_parses_and_the_weak_triggers_are_listed():
    needs = trigger_needs()
    assert {"fall", "hand", "release", "drop"} <= set(needs)
    assert all(callable(f) for f in needs.values())


def test_a_weak_trigger_without_its_context_is_no_event(extract):
    assert not [e for e in extract("The price of bread fell on Monday.").events if e.type == "RETREAT"]
    assert extract("The eastern district fell to rebel fighters on Monday.").events
