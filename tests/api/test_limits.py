"""What one request may ask of the API: bounded parameters, short errors that do not echo the input back,
headers that keep the page from being framed or sniffed, and a time budget for each query."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventatlas.atlas import Atlas
from eventatlas.config import Settings
from eventatlas.serve.api import create_app
from eventatlas.store import open_store
from eventatlas.store.synthetic import synthetic_articles

HUGE = "a" * 60_000


@pytest.mark.parametrize("path, extra", [("/api/events", {}), ("/api/stats", {}), ("/api/export", {"format": "jsonl"})])
@pytest.mark.parametrize("param", ["actor", "q", "acled_type", "type", "status", "country", "since", "until",
                                   "bbox", "near"])
def test_an_overlong_parameter_is_a_short_422(client, path, extra, param):
    r = client.get(path, params={param: HUGE, **extra})
    assert r.status_code == 422, r.text[:200]
    assert r.headers["content-type"].startswith("application/json")
    assert param in r.json()["error"] and len(r.content) < 500  # the 60,000 characters are not echoed


def test_an_overlong_cursor_or_id_is_refused_briefly(client):
    r = client.get("/api/events", params={"cursor": HUGE})
    assert r.status_code == 422 and len(r.content) < 500
    for path in (f"/api/events/{HUGE[:5000]}", f"/api/documents/{HUGE[:5000]}"):
        r = client.get(path)
        assert r.status_code in (404, 422) and len(r.content) < 500


def test_a_bad_value_is_quoted_only_in_part(client):
    r = client.get("/api/events", params={"bbox": "x" * 150})
    assert r.status_code == 422 and len(r.json()["error"]) < 200


def test_a_one_letter_prefix_is_refused(client):
    r = client.get("/api/stats", params={"q": "a*"})
    assert r.status_code == 422 and "at least 2 letters" in r.json()["error"]


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/stats", "/docs", "/static/app.js", "/api/nowhere"])
def test_security_headers_are_sent_with_every_answer(client, path):
    headers = client.get(path).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("busy") / "events.db")
    with open_store(path) as store:
        for article in synthetic_articles(3000, per_article=5):
            store.add_result(article)
    return path


def test_a_query_over_its_time_budget_is_a_503_that_says_so(busy_db):
    """A scan of every actor for one letter, under a budget no scan of 3,000 events fits in."""
    with TestClient(create_app(Atlas(Settings(db=busy_db, request_seconds=0.0005)))) as client:
        r = client.get("/api/stats", params={"actor": "a"})
        assert r.status_code == 503
        assert "narrow the filters" in r.json()["error"]
        assert client.get("/api/events", params={"country": "SD", "limit": 1}).status_code in (200, 503)
    with TestClient(create_app(Atlas(Settings(db=busy_db)))) as client:
        assert client.get("/api/stats", params={"actor": "a"}).json()["total"] > 0
