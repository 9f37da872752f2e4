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
    assert quantities(nlp, "In 2014 a 12-year-old boy was killed.") == []
