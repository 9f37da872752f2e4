"""Figures count people; counts of things, names with digits and stray spaces do not make tolls.

Sentences written for the test; publication date Saturday 14 March 2026."""

import pytest

from eventatlas.extract.quantities import find_quantities


def people(nlp, text):
    return [(q.quantity.category, q.quantity.low, q.quantity.high) for q in find_quantities(nlp(text)[:])
            if q.quantity.category != "other"]


@pytest.mark.parametrize("text,expected", [
    ("Three roadside bombs killed 21 soldiers on Tuesday.", [("fatalities", 21, 21)]),
    ("The blasts destroyed four trucks and two houses.", []),
    ("About 2, 500 people fled the town.", [("displaced", 2500, 2500)]),
    ("Troops were deployed along Route 9 and in District 7 on Monday.", []),
    ("The attack left at least 9 people dead.", [("fatalities", 9, None)]),
])
def test_what_a_number_counts(nlp, text, expected):
    assert people(nlp, text) == expected


def test_one_named_victim_is_one(extract):
    (event,) = extract("Police shot dead a street vendor in Port Harcourt on Thursday.").events
    assert [(q.category, q.low, q.high) for q in event.quantities] == [("fatalities", 1, 1)]
