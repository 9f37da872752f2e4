"""Quantities keep the text's own ranges and hedges and are never made up."""

import pytest

from eventatlas.extract.quantities import find_quantities, parse_number


def quantities(nlp, text):
    return [(q.quantity.category, q.quantity.low, q.quantity.high, q.quantity.approximate)
            for q in find_quantities(nlp(text)[:])]


@pytest.mark.parametrize("words,value", [
    (["3,000"], 3000), (["two"], 2), (["twenty-five"], 25), (["1.5", "million"], 1_500_000),
    (["a", "dozen"], 12), (["two", "hundred"], 200), (["hamlet"], None),
])
def test_numbers_in_digits_and_words(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("text,expected", [
    ("An air strike killed at least 12 civilians.", ("fatalities", 12, None, False)),
    ("Up to 500 fighters surrendered.", ("surrendered", None, 500, True)),
    ("Between 300 and 400 people were displaced.", ("displaced", 300, 400, False)),
    ("Some 300-400 families fled the town.", ("displaced", 300, 400, True)),
    ("About 100 protesters were arrested.", ("arrested", 100, 100, True)),
    ("Dozens of people were wounded.", ("injured", 24, None, True)),
    ("The group holds 20 hostages.", ("hostages", 20, 20, False)),
    ("An estimated 3,000 fighters remain in the city.", ("fighters", 3000, 3000, True)),
    ("The blast left seven dead.", ("fatalities", 7, 7, False)),
])
def test_a_quantity_keeps_its_range_hedge_and_category(nlp, text, expected):
    assert expected in quantities(nlp, text)


def test_a_range_tagged_as_a_date_is_still_a_number(nlp):
    # spaCy's NER calls "25 to 30" a DATE; the toll it states must survive.
    assert ("fatalities", 25, 30, False) in quantities(nlp, "The monitor put the toll at 25 to 30.")


def test_years_and_ages_are_not_counts(nlp):
    # the boy is one death; neither the year nor his age is a count
    assert quantities(nlp, "In 2014 a 12-year-old boy was killed.") == [("fatalities", 1, 1, False)]


@pytest.mark.parametrize("text,expected", [
    ("The bus driver was killed and a passenger wounded near Kandahar.",
     [("fatalities", 1, 1, False), ("injured", 1, 1, False)]),
    ("Gunmen shot and killed a shopkeeper and his nephew outside the market.", [("fatalities", 2, 2, False)]),
    ("Rebels ambushed the convoy, killing him.", [("fatalities", 1, 1, False)]),
    ("Several soldiers were wounded when the mine went off.", [("injured", 2, None, True)]),
    ("Ministers condemned the murder of the mayor and his deputy.", [("fatalities", 2, 2, False)]),
    ("The killing of three teachers in Mopti drew protests.", [("fatalities", 3, 3, False)]),
])
def test_victims_named_without_a_number_are_counted_by_their_grammar(nlp, text, expected):
    assert quantities(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The senate killed the reform bill on Tuesday.", []),                 # not a person
    ("The execution of the plan took months.", []),
    ("The blast wounded the family as they slept.", []),                   # a collective noun names no number
    ("Four people died in the fire, among them the mayor.", [("fatalities", 4, 4, False)]),  # the number alone
])
def test_no_victim_count_without_a_countable_person(nlp, text, expected):
    assert quantities(nlp, text) == expected
