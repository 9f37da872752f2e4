"""Dates told against another event ("two days after a bombing", "a day earlier"), dates that belong to the
reporting verb, and dates that scope a superlative, on whole short articles written for the test.

The publication date is Saturday 14 March 2026, as in test_events.py."""

from __future__ import annotations

import pytest

from .extract_helpers import agent_names, events_of


def test_an_event_two_days_after_another_dates_that_other_two_days_back(extract):
    r = extract("Soldiers dispersed a crowd outside the governor's office in Goma on Friday, two days after a "
                "grenade attack killed three traders at the central market.")
    (attack,) = events_of(r, "ASSAULT")
    assert (attack.date.start, attack.date.end, attack.date.precision) == ("2026-03-11", "2026-03-11", "day")
    # the soldiers of the main clause did not throw the grenade
    assert "soldiers" not in " ".join(agent_names(attack)).lower()


@pytest.mark.parametrize("text, type_, days", [
    # a back-reference without a date of its own counts from the day the story gives
    ("A mortar round hit a school in Mopti on Thursday, killing two pupils. The attack came three days after "
     "a bombing at the bus station.", "ASSAULT", ["2026-03-09", "2026-03-12"]),
    # "n days earlier" counts back from the day the story was telling
    ("The opposition leader accused the ruling party of rigging the count on Thursday. Two days earlier, she "
     "had accused the electoral commission of hiding ballots.", "ACCUSE", ["2026-03-10", "2026-03-12"]),
])
def test_a_day_told_against_the_story_s_day(extract, text, type_, days):
    assert sorted(e.date.start for e in events_of(extract(text), type_)) == days


def test_an_earlier_event_does_not_become_the_day_the_story_goes_on_from(extract):
    r = extract("Gunmen attacked a police post in Tillaberi on Thursday. It came a day after a roadside bomb "
                "hit a convoy. Two officers were killed in the attack on the post.")
    days = [e.date.start for e in events_of(r, "ASSAULT")]
    assert days[0] == "2026-03-12" and "2026-03-11" in days
    assert days.count("2026-03-12") == len(days) - 1


def test_less_than_two_weeks_after_is_a_span_not_a_day(extract):
    r = extract("A car bomb exploded at a checkpoint in Kirkuk on Friday. It came less than two weeks after "
                "a suicide attack on a mosque in the city.")
    spans = sorted((e.date.start, e.date.end) for e in events_of(r, "ASSAULT"))
    assert ("2026-02-27", "2026-03-13") in spans


def test_a_date_on_the_reporting_verb_yields_to_the_event_s_own(extract):
    r = extract("Prosecutors in Aleppo said on Friday that a clinic in the old city was bombed last week.")
    (bombing,) = events_of(r, "ASSAULT")
    assert (bombing.date.start, bombing.date.end) == ("2026-03-02", "2026-03-08")


def test_this_year_bounding_a_superlative_is_no_date_of_the_event(extract):
    r = extract("The bombing of the bus depot was the deadliest attack on Maiduguri this year.")
    (bombing,) = events_of(r, "ASSAULT")
    assert bombing.date.precision != "year"


def test_a_march_in_lower_case_is_a_march_not_the_month(extract):
    r = extract("Shops stayed shut in Kampala hours after a march against the new levy was broken up with "
                "tear gas.")
    assert all(e.date.precision != "month" for e in r.events)


def test_shots_fired_into_the_air_hit_nobody(extract):
    r = extract("Police fired shots into the air to break up a sit-in outside parliament in Dhaka on Friday.")
    assert not events_of(r, "ASSAULT")
    assert events_of(r, "PROTEST")
