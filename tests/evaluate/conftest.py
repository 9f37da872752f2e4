"""Fixtures of the scorecard tests: tiny gold-format files written for these tests (never the real gold)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
