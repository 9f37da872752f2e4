"""Statistics, aims, habits and failures are no events of this week; dated history is an event flagged as
background; a past event the text does not date gets no made-up date.

Sentences written for the test; publication date Saturday 14 March 2026."""

import pytest


@pytest.mark.parametrize("sentence", [
    "The war has killed more than 200,000 people since 2014, according to a monitoring group.",
    "Militant violence killed more than 900 people in the province in 2025.",
    "Air raids have killed hundreds of civilians in the region this year alone, aid groups say.",
    "The rebels have fought the government for nearly two decades.",
    "Gunmen carry out dozens of attacks a month in the border districts.",
    "The market town is shelled almost daily by artillery on the hills.",
    "Police failed to arrest the mayor, who fled before officers arrived.",
    "The plan is meant to end the fighting before the rainy season.",
    "Thousands of families displaced by drought and fighting live in the camps.",
    "Regional mediators seek a lasting truce between the herders and the farmers.",
    "The port has been fought over for years by armed groups seeking control of its customs revenue.",
    "More than 50 people died in protests in the south in 2022 and 2023, according to the ombudsman.",
    "Under the ceasefire, the army is due to complete its deployment in the border villages by May 31.",
])
def test_no_event_of_its_own(extract, sentence):
    assert extract(sentence).events == [], [(e.type, e.status) for e in extract(sentence).events]


def test_history_dated_to_an_earlier_year_is_background_with_its_year(extract):
    r = extract("Rebels seized the town of Mopti in 2019, killing several soldiers.")
    (event,) = r.events
    assert event.background is True
    assert (event.date.start, event.date.end, event.date.precision) == ("2019-01-01", "2019-12-31", "year")


def test_this_weeks_event_is_not_background(extract):
    (event,) = extract("Rebels seized the town of Mopti on Thursday.").events
    assert event.background is False and event.date.start == "2026-03-12"


def test_an_undated_past_event_gets_no_date_made_up(extract):
    (event,) = extract("Bandits had earlier ambushed a convoy of traders on the road to Kaura Namoda.").events
    assert (event.date.start, event.date.end, event.date.precision) == (None, None, None)


def test_a_request_made_is_still_an_event(extract):
    (e,) = extract("Malawi sought emergency food aid from its neighbours on Monday.").events
    assert (e.type, e.status, e.date.start) == ("REQUEST", "occurred", "2026-03-09")
