"""Publication dates in every form sources write them, normalised to YYYY-MM-DD (or None)."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from eventatlas.ingest.dates import normalise_date


@pytest.mark.parametrize("value,expected", [
    ("2026-03-03", "2026-03-03"),
    ("2026-03-03T23:30:00-05:00", "2026-03-03"),  # the publisher's day, not UTC's
    ("2026-03-03T10:00:00Z", "2026-03-03"),
    ("2026/3/3", "2026-03-03"),
    ("20260303", "2026-03-03"),
    ("Tue, 03 Mar 2026 10:00:00 GMT", "2026-03-03"),  # RFC 822, as RSS writes it
    ("Sat, 28 Feb 2026 23:30:00 +0200", "2026-02-28"),
    ("March 3, 2026", "2026-03-03"),
    ("Tuesday, March 3rd 2026", "2026-03-03"),
    ("Mar. 3, 2026", "2026-03-03"),
    ("3 March 2026", "2026-03-03"),
    ("3rd of March, 2026", "2026-03-03"),
    ("Published 12 Sept 2025, 14:02", "2025-09-12"),
    (date(2026, 3, 3), "2026-03-03"),
    (datetime(2026, 3, 3, 22, 15), "2026-03-03"),
    (time.struct_time((2026, 3, 3, 0, 0, 0, 1, 62, 0)), "2026-03-03"),
])
def test_readable_dates(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", [None, "", "yesterday", "2026-02-30", "13/14/2026", "March 2026", True, [2026]])
def test_unreadable_or_impossible_dates_are_none(value):
    assert normalise_date(value) is None


def test_epoch_seconds_and_milliseconds():
    stamp = datetime(2026, 3, 3, 12, 0).timestamp()
    assert normalise_date(stamp) == normalise_date(int(stamp * 1000)) == "2026-03-03"
