"""The HTTP API contract the web page relies on, over a real SQLite file."""

from __future__ import annotations

from eventatlas import Atlas, Settings

import io
import json
import socket
import threading
import time

import httpx
import pandas as pd
import pytest
import uvicorn

from eventatlas.serve.api import create_app


def test_events_list_with_filters_and_pages(client):
    body = client.get("/api/events").json()
    assert [e["id"] for e in body["events"]] == ["kyiv-e1", "wire-e1", "tribune-e1"]
    assert body["next_cursor"] is None
    first = body["events"][0]
    assert first["document"] == {"id": "kyiv", "title": None, "outlet": "Kyiv Post", "url": None,
                                 "published": "2024-03-04"}
    assert {"id", "type", "status", "date", "location", "actors", "evidence", "incident_id"} <= set(first)

    sd = client.get("/api/events", params={"country": "SD", "type": "ASSAULT", "since": "2024-02-01",
                                           "bbox": "20,10,30,20"}).json()
    assert [e["id"] for e in sd["events"]] == ["wire-e1", "tribune-e1"]
    assert [e["id"] for e in client.get("/api/events", params={"q": "Abu Shouk"}).json()["events"]] == \
        ["tribune-e1"]
    assert [e["id"] for e in client.get("/api/events", params={"near": "50.4,30.5,20"}).json()["events"]] == \
        ["kyiv-e1"]

    page1 = client.get("/api/events", params={"limit": 2}).json()
    page2 = client.get("/api/events", params={"limit": 2, "cursor": page1["next_cursor"]}).json()
    assert [e["id"] for e in page1["events"] + page2["events"]] == ["kyiv-e1", "wire-e1", "tribune-e1"]
    assert page2["next_cursor"] is None


@pytest.mark.parametrize("params, needle", [
    ({"bbox": "abc"}, "bbox='abc'"),
    ({"near": "1,2"}, "near="),
    ({"since": "last week"}, "since="),
    ({"type": "PARTY"}, "type='PARTY'"),
    ({"limit": "many"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"cursor": "zzz"}, "cursor="),
])
def test_bad_filters_are_422_with_a_message(client, params, needle):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert needle in r.json()["error"]


def test_unknown_ids_are_404_json(client):
    for path in ("/api/events/nope", "/api/documents/nope", "/api/nowhere"):
        r = client.get(path)
        assert r.status_code == 404 and isinstance(r.json()["error"], str)


def test_one_event_shows_every_report_of_its_incident_with_paragraphs_and_figures(client):
    body = client.get("/api/events/wire-e1").json()
    assert body["id"] == "wire-e1" and body["incident_id"] == "tribune-e1"
    assert [s["document_id"] for s in body["sources"]] == ["wire", "tribune"]
    tribune = body["sources"][1]
    assert tribune["evidence"]["text"] == "RSF fighters attacked the Abu Shouk camp, killing 12 people."
    assert tribune["paragraph"]["text"] == (
        "RSF fighters attacked the Abu Shouk camp, killing 12 people. Residents fled north.")
    doc_text = client.get("/api/documents/tribune").json()["text"]
    p = tribune["paragraph"]
    assert doc_text[p["start"]:p["end"]] == p["text"]
    assert tribune["attribution"]["speaker"] == "a medic" and tribune["outlet"] == "Sudan Tribune"
    fat = body["figures"]["fatalities"]
    assert (fat["low"], fat["high"]) == (3, 12)
    assert {(s["outlet"], s["low"], s["speaker"]) for s in fat["sources"]} == {
        ("Wire", 3, "the ministry"), ("Sudan Tribune", 12, "a medic")}


def test_incidents_list_on_the_event_filters_and_one_shows_every_report(client):
    body = client.get("/api/incidents").json()
    assert [i["id"] for i in body["incidents"]] == ["kyiv-e1", "tribune-e1"] and body["next_cursor"] is None
    assert [i["id"] for i in client.get("/api/incidents", params={"country": "SD"}).json()["incidents"]] == [
        "tribune-e1"]
    assert [i["id"] for i in client.get("/api/incidents", params={"q": "ministry"}).json()["incidents"]] == [
        "tribune-e1"]  # a word of its second report
    first = client.get("/api/incidents", params={"limit": 1}).json()
    rest = client.get("/api/incidents", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in first["incidents"] + rest["incidents"]] == ["kyiv-e1", "tribune-e1"]
    one = client.get("/api/incidents/tribune-e1").json()
    assert (one["number_of_reports"], one["outlets"]) == (2, ["Sudan Tribune", "Wire"])
    assert one["date"] == {"start": "2024-02-09", "end": "2024-02-10", "precision": "week"}
    assert [s["document_id"] for s in one["sources"]] == ["tribune", "wire"]
    assert one["sources"][0]["paragraph"]["text"].startswith("RSF fighters attacked the Abu Shouk camp")
    fat = one["figures"]["fatalities"]
    assert (fat["low"], fat["high"]) == (3, 12)
    assert client.get("/api/incidents/nope").status_code == 404
    assert client.get("/api/incidents", params={"near": "1,2"}).status_code == 422


def test_a_document_with_its_text_events_claims_and_opinions(client):
    body = client.get("/api/documents/wire").json()
    assert body["outlet"] == "Wire" and body["text"].startswith("The Rapid Support Forces")
    assert [e["id"] for e in body["events"]] == ["wire-e1"]
    assert body["opinions"] == [{"text": "This is an outrage, one said.",
                                 "start": body["text"].index("This is"), "end": len(body["text"])}]
    assert body["claims"] == []


def test_stats(client):
    assert client.get("/api/stats").json() == {
        "total": 3, "by_type": {"ASSAULT": 2, "COERCE": 1}, "by_country": {"SD": 2, "UA": 1},
        "by_day": {"2024-02-09": 1, "2024-02-10": 1, "2024-03-04": 1}}
    assert client.get("/api/stats", params={"country": "UA"}).json()["total"] == 1


def test_exports_download_in_each_format(client):
    r = client.get("/api/export", params={"format": "acled", "country": "SD"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    df = pd.read_csv(io.StringIO(r.text))
    assert sorted(df["event_id"]) == ["tribune-e1", "wire-e1"]
    gj = client.get("/api/export", params={"format": "geojson"}).json()
    assert len(gj["features"]) == 3
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["kyiv-e1", "wire-e1", "tribune-e1"]
    pq = pd.read_parquet(io.BytesIO(client.get("/api/export", params={"format": "parquet"}).content))
    assert list(pq["id"]) == ["kyiv-e1", "wire-e1", "tribune-e1"]
    ucdp = pd.read_csv(io.StringIO(client.get("/api/export", params={"format": "ucdp"}).text))
    assert list(ucdp["id"]) == ["kyiv-e1", "tribune-e1"]  # one row per incident unless asked otherwise
    assert ucdp.set_index("id").loc["tribune-e1", "number_of_sources"] == 2
    reports = pd.read_csv(io.StringIO(client.get("/api/export", params={"format": "ucdp", "level": "report"}).text))
    assert len(reports) == 3
    assert client.get("/api/export", params={"format": "acled", "level": "article"}).status_code == 422
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422
    assert client.get("/api/export", params={"format": "acled", "bbox": "x"}).status_code == 422


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/incidents", "/api/incidents/{incident_id}",
            "/api/documents/{doc_id}", "/api/stats", "/api/export"} <= set(spec["paths"])
    listed = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]} == listed
    page = client.get("/docs").text
    assert "cdn." not in page and "unpkg" not in page
    # every script and stylesheet the page loads is served by the app itself
    for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css"):
        if asset in page:
            assert client.get(asset).status_code == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_http_on_loopback(db_path):
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Atlas(Settings(db=db_path))), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        r = httpx.get(f"http://127.0.0.1:{port}/api/events", params={"type": "COERCE"}, timeout=5)
        assert r.status_code == 200 and [e["id"] for e in r.json()["events"]] == ["kyiv-e1"]
    finally:
        server.should_exit = True
        thread.join(timeout=5)
