"""Geocoding helpers over the session's Atlas (tests/conftest.py): its geocoder uses the real cache directory
(EVENTATLAS_CACHE_DIR or the platform cache), so the index is built once per machine, not once per test run."""

import pytest


@pytest.fixture(scope="session")
def geoparse(nlp, geocoder):
    def run(text, **kw):
        return geocoder.geoparse(nlp(text), **kw)
    return run
