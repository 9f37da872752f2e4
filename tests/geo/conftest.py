"""Geocoding helpers over the session's Atlas (tests/conftest.py): its geocoder uses the real cache directory
(EVENTATLAS_CACHE_DIR or the platform cache), so the index is built once per machine, not once per test run."""

import pytest


@pytest.fixture(scope="session")
def geoparse(nlp, geocoder):
    def run(text, **kw):
        return geocoder.geoparse(nlp(text), **kw)
    return run


@pytest.fixture(scope="session")
def resolve_names(geocoder):
    """Resolve the given names of `text`, found left to right, jointly (the gold-span setting)."""
    def run(text, names, outlet="US"):
        spans, at = [], 0
        for n in names:
            s = text.index(n, at)
            spans.append((s, s + len(n)))
            at = s + len(n)
        return geocoder.resolve_mentions(text, spans, outlet_country=outlet)
    return run
