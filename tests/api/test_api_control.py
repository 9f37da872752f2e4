"""GET /api/control over a real store (SQLite, PostgreSQL) holding hand-built articles with control claims
(tests/control/control_articles.py), served by the real app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventatlas import Atlas, Settings
from eventatlas.schema import validate_control_period
from eventatlas.serve.api import create_app
from eventatlas.store import open_store

from tests.control.control_articles import RSF, SAF, fill_control_store


@pytest.fixture(scope="module")
def client(module_store_locations):
    path = module_store_locations.new("control")
    with open_store(path) as store:
        fill_control_store(store)
    with TestClient(create_app(Atlas(Settings(db=path)))) as c:
        yield c


def periods(client, **params) -> list[dict]:
    r = client.get("/api/control", params=params)
    assert r.status_code == 200, r.text
    for p in r.json()["periods"]:
        validate_control_period(p)
    return r.json()["periods"]


def test_a_place_by_name_gives_its_whole_timeline_in_order(client):
    found = periods(client, place="Sinja")
    assert [(p["controller"], p["since"], p["until"], p["status"]) for p in found] == [
        (SAF, None, "2026-01-11", "held"), (RSF, "2026-01-11", "2026-02-02", "held"),
        (None, "2026-02-02", None, "contested")]
    assert found[2]["claimants"] == [RSF, SAF] and found[2]["sources"] == ["Wire B", "Wire C"]
    assert found[1]["evidence"][0]["text"].startswith("The Rapid Support Forces seized")
    assert found[1]["evidence"][0]["events"] == ["sinja-seized-e1"], "the seizure event of the same sentence"


def test_at_a_date_each_place_has_the_period_in_force_that_day(client):
    assert [p["controller"] for p in periods(client, place="sinja", at="2026-01-20")] == [RSF]
    march = periods(client, country="sd", at="2026-03-15")
    at_march = {p["place"]["name"]: (p["controller"], p["share"]) for p in march}
    assert at_march == {"Sinja": (None, None), "Sennar": (SAF, None), "Wad Madani": (RSF, 0.6)}
    assert periods(client, place="Sinja", at="2026-01-11")[0]["controller"] == RSF, "a period starts on its day"


def test_near_a_point_finds_the_places_within_the_radius(client):
    assert {p["place"]["name"] for p in periods(client, near="13.57,33.57,30")} == {"Sennar"}
    assert {p["place"]["name"] for p in periods(client, near="13.57,33.57,70", at="2026-03-15")} == {"Sennar", "Sinja"}


def test_geojson_of_control_at_a_date_has_one_point_per_place(client):
    r = client.get("/api/control", params={"format": "geojson", "at": "2026-03-15"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["at"] == "2026-03-15"
    by_place = {f["properties"]["place"]: f for f in body["features"]}
    assert by_place["Sennar"]["geometry"] == {"type": "Point", "coordinates": [33.57, 13.57]}
    assert by_place["Sinja"]["properties"]["status"] == "contested"
    assert by_place["Sinja"]["properties"]["evidence_count"] == 2, "the layer gets the count, not the sentences"
    assert "evidence" not in by_place["Sinja"]["properties"]


@pytest.mark.parametrize("params,says", [
    ({"at": "2026-02-30"}, "at='2026-02-30': not a YYYY-MM-DD date"),
    ({"near": "13,33"}, "near='13,33': not LAT,LON,KM"),
    ({"country": "Sudan"}, "country='SUDAN': not an ISO 3166 alpha-2 code"),
    ({"format": "kml"}, "format='kml': not one of json, geojson"),
])
def test_bad_filters_are_refused_in_one_line(client, params, says):
    r = client.get("/api/control", params=params)
    assert r.status_code == 422 and r.json()["error"] == says


def test_the_endpoint_and_its_filters_are_in_the_openapi(client):
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/control"]["get"]["parameters"]}
    assert {"place", "key", "near", "country", "at", "format", "limit"} <= names
