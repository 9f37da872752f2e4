"""Dates resolve against the publication date (14 March 2026 was a Saturday)."""

import pytest

from eventatlas.extract.dates import resolve_date

PUBLISHED = "2026-03-14"


@pytest.mark.parametrize("text,start,end,precision", [
    ("on Friday", "2026-03-13", "2026-03-13", "day"),
    ("Saturday", "2026-03-14", "2026-03-14", "day"),
    ("last Saturday", "2026-03-07", "2026-03-07", "day"),
    ("on Tuesday night", "2026-03-10", "2026-03-10", "day"),
    ("earlier this week", "2026-03-09", "2026-03-14", "week"),
    ("since June", "2025-06-01", "2026-03-14", "month"),
    ("in 2014", "2014-01-01", "2014-12-31", "year"),
    ("earlier this year", "2026-01-01", "2026-03-14", "year"),
    ("March 3", "2026-03-03", "2026-03-03", "day"),
    ("3 March 2026", "2026-03-03", "2026-03-03", "day"),
    ("last month", "2026-02-01", "2026-02-28", "month"),
    ("yesterday", "2026-03-13", "2026-03-13", "day"),
    ("two days ago", "2026-03-12", "2026-03-12", "day"),
    ("next week", "2026-03-16", "2026-03-22", "week"),
])
def test_relative_dates_resolve_against_publication(text, start, end, precision):
    d = resolve_date(text, PUBLISHED)
    assert (d.start, d.end, d.precision) == (start, end, precision)
    assert d.text == text


def test_without_a_publication_date_the_text_is_kept_and_nothing_invented():
    d = resolve_date("on Friday", None)
    assert d.text == "on Friday" and d.start is None and d.end is None


def test_an_absolute_date_needs_no_publication_date():
    assert resolve_date("on 3 March 2026", None).start == "2026-03-03"
