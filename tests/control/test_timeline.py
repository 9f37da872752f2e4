"""Deriving a place's periods from hand-built evidence (records.ControlEvidence): the rules of
eventatlas/control/timeline.py, one at a time."""

from __future__ import annotations

import itertools

from eventatlas.control.timeline import derive_periods
from eventatlas.records import ControlEvidence, ControlPlace

SENNAR = ControlPlace(key="town:367644", name="Sennar", level="town", country_code="SD", geonames_id=367644,
                      latitude=13.57, longitude=33.57)
RSF, SAF = "Rapid Support Forces", "Sudanese Armed Forces"
_claims = itertools.count(1)


def ev(day: str | None, *, controller: str | None = None, change: str | None = None, outlet: str = "Wire A",
       doc: str | None = None, previous: str | None = None, status: str | None = None, share: float | None = None,
       extent: str | None = None, persists: bool = False, since: str | None = None, until: str | None = None,
       date_end: str | None = None, published: str = "2026-06-30", text: str = "a sentence") -> ControlEvidence:
    """day None: the text gives no date, so the publication date stands in."""
    n = next(_claims)
    return ControlEvidence(
        claim_id=f"c{n}", document_id=doc or f"d{n}", outlet=outlet, published=published, title=None, url=None,
        text=text, start=0, end=len(text), status=status or ("held" if controller else "contested"),
        change=change, controller=controller, previous=previous, date=day or published,
        date_end=date_end or day, date_given=day is not None, since=since, until=until, share=share,
        extent=extent, persists=persists, speaker=None)


def timeline(evidence) -> list[tuple]:
    return [(p.controller, p.since, p.until, p.status) for p in derive_periods(SENNAR, evidence)]


def test_a_place_that_changes_hands_three_times_has_four_periods():
    found = [ev("2026-01-10", controller=RSF, change="took", previous=SAF),
             ev("2026-02-20", controller=SAF, change="took"),
             ev("2026-04-02", controller=RSF, change="took")]
    assert timeline(found) == [(SAF, None, "2026-01-10", "held"), (RSF, "2026-01-10", "2026-02-20", "held"),
                               (SAF, "2026-02-20", "2026-04-02", "held"), (RSF, "2026-04-02", None, "held")]


def test_reports_of_one_change_a_day_apart_are_one_change_on_the_day_most_give():
    found = [ev("2026-01-10", controller=RSF, change="took", outlet="Wire A"),
             ev("2026-01-11", controller=RSF, change="took", outlet="Wire B"),
             ev("2026-01-10", controller=RSF, change="took", outlet="Wire C")]
    periods = derive_periods(SENNAR, found)
    assert [(p.controller, p.since) for p in periods] == [(RSF, "2026-01-10")]
    assert periods[0].sources == ["Wire A", "Wire B", "Wire C"]


def test_a_withdrawal_with_no_taker_is_contested_not_held_by_nobody():
    found = [ev(None, controller=SAF, published="2026-03-01"),
             ev("2026-03-22", change="withdrew", previous=SAF)]
    assert timeline(found) == [(SAF, None, "2026-03-22", "held"), (None, "2026-03-22", None, "contested")]


def test_the_loser_leaving_on_the_day_of_a_capture_is_part_of_the_capture():
    found = [ev("2026-03-14", change="withdrew", previous=SAF, outlet="Wire A"),
             ev("2026-03-15", controller=RSF, change="took", outlet="Wire B")]
    assert timeline(found) == [(SAF, None, "2026-03-15", "held"), (RSF, "2026-03-15", None, "held")]


def test_a_capture_another_source_disputes_is_contested_with_both_sides_kept():
    found = [ev(None, controller=RSF, published="2026-02-01"),
             ev("2026-03-09", controller=SAF, change="took", outlet="Army Radio"),
             ev("2026-03-10", controller=RSF, extent="part", persists=True, outlet="Local Post"),
             ev("2026-03-14", controller=RSF, change="took", outlet="Monitor")]
    periods = derive_periods(SENNAR, found)
    assert [(p.controller, p.since, p.until, p.status) for p in periods] == [
        (RSF, None, "2026-03-09", "held"), (None, "2026-03-09", "2026-03-14", "contested"),
        (RSF, "2026-03-14", None, "held")]
    contested = periods[1]
    assert contested.sources == ["Army Radio", "Local Post"]
    assert contested.claimants == [RSF, SAF]


def test_a_stated_share_then_the_whole_place_are_two_periods_of_one_holder():
    found = [ev(None, controller=RSF, share=0.6, published="2026-03-06"),
             ev("2026-03-25", controller=RSF, change="withdrew", previous=SAF),
             ev(None, controller=RSF, since="2026-03-25", published="2026-04-17")]
    periods = derive_periods(SENNAR, found)
    assert [(p.controller, p.share, p.since, p.until) for p in periods] == [
        (RSF, 0.6, None, "2026-03-25"), (RSF, None, "2026-03-25", None)]


def test_statements_alone_give_one_undated_period_and_disagreeing_ones_a_contested_one():
    assert timeline([ev(None, controller=SAF, persists=True), ev(None, controller=SAF)]) == [
        (SAF, None, None, "held")]
    assert timeline([ev(None, controller=SAF), ev(None, controller=RSF)]) == [(None, None, None, "contested")]


def test_an_extent_without_a_figure_is_kept_and_no_share_is_invented():
    periods = derive_periods(SENNAR, [ev(None, controller=RSF, extent="most")])
    assert [(p.controller, p.share, p.extent) for p in periods] == [(RSF, None, "most")]


def test_the_state_before_a_change_in_the_changes_own_article_is_history_not_a_dispute():
    # "The garrison in the army-held town surrendered on Saturday": the army held it until then
    found = [ev("2026-03-28", controller=RSF, change="surrendered", doc="report"),
             ev(None, controller=SAF, doc="report", published="2026-03-30")]
    periods = derive_periods(SENNAR, found)
    assert [(p.controller, p.since, p.until, p.status) for p in periods] == [
        (SAF, None, "2026-03-28", "held"), (RSF, "2026-03-28", None, "held")]
    assert [e.document_id for e in periods[0].evidence] == ["report"]


def test_a_report_dated_to_a_week_joins_the_change_it_spans_and_an_undated_one_its_holders_period():
    found = [ev("2026-03-25", controller=RSF, change="took"),
             ev("2026-03-23", date_end="2026-03-29", controller=RSF, change="took", outlet="Weekly"),
             ev(None, controller=RSF, change="took", outlet="Later", published="2026-05-01")]
    periods = derive_periods(SENNAR, found)
    assert [(p.controller, p.since) for p in periods] == [(RSF, "2026-03-25")]
    assert periods[0].sources == ["Later", "Weekly", "Wire A"]


def test_a_change_repeated_after_the_window_without_one_between_stays_one_period():
    found = [ev("2026-01-10", controller=RSF, change="took"), ev("2026-01-20", controller=RSF, change="took")]
    assert timeline(found) == [(RSF, "2026-01-10", None, "held")]


def test_nobody_in_control_inside_a_held_period_disputes_it():
    found = [ev("2026-01-10", controller=RSF, change="took", outlet="Wire A"),
             ev("2026-02-01", status="contested", outlet="Wire B")]
    assert timeline(found) == [(None, "2026-01-10", None, "contested")]


def test_two_holders_reported_for_one_day_make_the_place_contested_from_that_day():
    found = [ev("2026-05-02", controller=RSF, change="took", outlet="Wire A"),
             ev("2026-05-02", controller=SAF, change="took", outlet="Wire B")]
    periods = derive_periods(SENNAR, found)
    assert [(p.controller, p.since, p.status) for p in periods] == [(None, "2026-05-02", "contested")]
    assert periods[0].claimants == [RSF, SAF]
