"""Shared fixtures: the real spaCy pipeline and the real gazetteer, loaded once per test session."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def atlas():
    """The one Atlas of the session, as a user's run builds it (settings from EVENTATLAS_* variables)."""
    from eventatlas import Atlas, Settings
    return Atlas(Settings.from_env())


@pytest.fixture(scope="session")
def nlp(atlas):
    return atlas.nlp


@pytest.fixture(scope="session")
def geocoder(atlas):
    return atlas.geocoder


@pytest.fixture(scope="session")
def pipeline(atlas):
    return atlas.pipeline


@pytest.fixture(scope="session")
def extract(pipeline):
    """Run the full pipeline on one text with a publication date: extract(text, published=...)."""
    from eventatlas.ingest import make_document

    def run(text: str, published: str | None = "2026-03-14", **meta):
        return pipeline.process(make_document(text, published=published, **meta))

    return run


# -- stores: every store test runs on SQLite and on a real PostgreSQL server -------------------------------

STORE_BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    """A scratch PostgreSQL + PostGIS server on loopback for the session (store/postgres/scratch.py)."""
    pytest.importorskip("psycopg", reason="no PostgreSQL server: psycopg is not installed")
    from eventatlas.store.postgres.scratch import ScratchServer, find_bin

    if find_bin() is None:
        pytest.skip("no PostgreSQL server: initdb not found (install postgresql and postgis)")
    server = ScratchServer().start()
    yield server
    server.stop()


class StoreLocations:
    """Empty stores of one back-end, for one test: each `new()` is a location open_store accepts.

    PostgreSQL databases are made once per session from a template that holds the schema, and emptied
    (TRUNCATE) when a test asks for one again: creating PostGIS in each would take seconds."""

    def __init__(self, backend: str, tmp_path, postgres=None, *, reuse: bool = True):
        self.backend, self.tmp_path, self.postgres, self.reuse, self.made = backend, tmp_path, postgres, reuse, 0

    def new(self, name: str = "events", *, pristine: bool = False) -> str:
        """pristine: a database of its own (a test that changes the schema, or a store kept past the test)."""
        self.made += 1
        if self.backend == "sqlite":
            return str(self.tmp_path / f"{name}{self.made}.db")
        if pristine or not self.reuse:
            return self.postgres.create_database(f"{name}_{next(_DATABASES)}", template=_template(self.postgres))
        return _emptied(self.postgres, self.made)


_DATABASES = iter(range(1, 1 << 30))
_REUSED: dict[int, str] = {}


def _template(server) -> str:
    if "template" not in _REUSED:
        from eventatlas.store import open_store

        url = server.create_database("eventatlas_template")
        open_store(url).close()
        _REUSED["template"] = "eventatlas_template"
    return _REUSED["template"]


def _emptied(server, slot: int) -> str:
    """The slot-th reusable database, with every table emptied."""
    import psycopg

    if slot not in _REUSED:
        _REUSED[slot] = server.create_database(f"eventatlas_test_{slot}", template=_template(server))
        return _REUSED[slot]
    with psycopg.connect(_REUSED[slot], autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")  # a store a test left open would hold it: fail, do not hang
        conn.execute("TRUNCATE documents, events, incidents, claims, opinions, rejected, control_evidence, "
                     "control_periods, control_names RESTART IDENTITY CASCADE")
        conn.execute("UPDATE eventatlas_meta SET value = '0' WHERE key = 'writes'")
    return _REUSED[slot]


@pytest.fixture(params=STORE_BACKENDS)
def store_locations(request, tmp_path) -> StoreLocations:
    """Parametrises a test over the back-ends; each `new()` is an empty store of that back-end."""
    server = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    return StoreLocations(request.param, tmp_path, server)


@pytest.fixture
def postgres_database(request, tmp_path) -> str:
    """A database of its own on the scratch server, with the schema: for tests of PostgreSQL alone."""
    return StoreLocations("postgresql", tmp_path, request.getfixturevalue("postgres")).new(pristine=True)


@pytest.fixture(params=STORE_BACKENDS, scope="module")
def module_store_locations(request, tmp_path_factory) -> StoreLocations:
    """As store_locations, for module-scoped stores (an API app built once per module and back-end)."""
    server = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    return StoreLocations(request.param, tmp_path_factory.mktemp(request.param), server, reuse=False)


# What .ci/run installs or places beside the clone; a user's clone may lack them and skips, but in CI a skip
# for want of them would hide a test that is meant to run there, so it fails instead.
CI_PROVIDES = ("gold data not found", "gold (../shared/gold", "no chromium at", "geoparsing gold",
               "no PostgreSQL server", "dask[distributed] is not installed")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") != "true" or not report.skipped or not isinstance(report.longrepr, tuple):
        return
    reason = report.longrepr[2]
    if any(mark in reason for mark in CI_PROVIDES):
        report.outcome = "failed"
        report.longrepr = f"CI=true, yet this test would skip: {reason}"
