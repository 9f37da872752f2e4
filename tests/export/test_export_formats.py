"""Exports load back with the usual tools and keep what the store holds."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from eventatlas.errors import UsageError
from eventatlas.export import FORMATS, write_export
from eventatlas.records import Actor, ArticleResult, Attribution, Document, Quantity
from eventatlas.store import EventFilter, open_store
from eventatlas.store.synthetic import event, place


@pytest.fixture(scope="module")
def store(module_store_locations):
    doc = Document(id="d1", title="Attack, \"shelling\" and a protest", outlet="Wire", url="https://example.org/1",
                   text="Gunmen attacked Maiduguri, killing between 5 and 9 people.\nStudents marched in Lagos.",
                   published="2024-05-02")
    art = ArticleResult(document=doc, events=[
        event(doc, 1, "Gunmen attacked Maiduguri, killing between 5 and 9 people.", day="2024-05-01",
              where=place("Maiduguri", 11.8469, 13.1571, "NG", admin1="Borno"),
              actors=[Actor(role="agent", text="Gunmen", name="unidentified gunmen"),
                      Actor(role="target", text="people", name="civilians")],
              quantities=[Quantity("fatalities", 5, 9, False, "between 5 and 9 people")],
              acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"}),
        event(doc, 2, "Students marched in Lagos.", type="PROTEST", day="2024-05-02",
              where=place("Lagos State", 6.6, 3.5, "NG", admin1="Lagos", precision="admin1"),
              actors=[Actor(role="agent", text="Students", name="students")],
              acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"}),
    ])
    # a second outlet reports the Maiduguri attack: one incident, two sources
    other = Document(id="d2", title="Maiduguri toll rises", outlet="Borno Post", url="https://example.org/2",
                     text="At least 11 people died in the Maiduguri attack, the state emergency agency said.",
                     published="2024-05-03")
    second = ArticleResult(document=other, events=[event(
        other, 1, other.text, day="2024-05-01", where=place("Maiduguri", 11.8469, 13.1571, "NG", admin1="Borno"),
        actors=[Actor(role="agent", text="gunmen", name="unidentified gunmen")],
        quantities=[Quantity("fatalities", 11, None, False, "At least 11 people")],
        attribution=Attribution("the state emergency agency", None, None, "the state emergency agency said"),
        acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"})])
    path = module_store_locations.new("export")
    with open_store(path) as s:
        s.add_result(art)
        s.add_result(second)
    with open_store(path, read_only=True) as s:
        yield s


def export(store, fmt, flt=None, level=None) -> bytes:
    buf = io.BytesIO()
    write_export(store, fmt, flt, buf, level=level)
    return buf.getvalue()


def test_acled_csv_round_trips_through_pandas(store):
    df = pd.read_csv(io.BytesIO(export(store, "acled")), keep_default_na=False)
    attack = df[df["event_id"] == "d1-e1"].iloc[0]  # report level, the ACLED export's default
    assert attack["event_date"] == "2024-05-01"
    assert (attack["event_type"], attack["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (attack["actor1"], attack["actor2"]) == ("unidentified gunmen", "civilians")
    assert (attack["country"], attack["admin1"], attack["location"]) == ("Nigeria", "Borno", "Maiduguri")
    assert (attack["latitude"], attack["longitude"]) == (11.8469, 13.1571)
    assert attack["geo_precision"] == 1 and attack["fatalities"] == 5  # ACLED keeps the lower figure
    assert attack["source"] == "Wire" and attack["notes"].startswith("Gunmen attacked Maiduguri")
    protest = df[df["event_id"] == "d1-e2"].iloc[0]
    assert protest["geo_precision"] == 3 and protest["fatalities"] == 0


def test_ucdp_csv_at_report_level_gives_each_reports_low_best_high(store):
    df = pd.read_csv(io.BytesIO(export(store, "ucdp", EventFilter(type="ASSAULT"), level="report")))
    assert len(df) == 2
    row = df.set_index("id").loc["d1-e1"]
    # best is a source's figure, never the middle of its bounds: a range counts as its lower end
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (5, 5, 9)
    assert row["side_a"] == "unidentified gunmen" and row["where_prec"] == 1
    assert row["source_headline"] == 'Attack, "shelling" and a protest'
    bound = df.set_index("id").loc["d2-e1"]
    assert (bound["deaths_low"], bound["deaths_best"]) == (11, 11) and pd.isna(bound["deaths_high"])


def test_ucdp_csv_is_one_row_per_incident_with_every_source(store):
    df = pd.read_csv(io.BytesIO(export(store, "ucdp", EventFilter(type="ASSAULT"))), keep_default_na=False)
    assert list(df["id"]) == ["d1-e1"]
    row = df.iloc[0]
    # low 5 (Wire's range), high 11 ("at least 11" counts as its number), best: the emergency agency's 11
    assert (row["deaths_low"], row["deaths_best"], row["deaths_high"]) == (5, 11, 11)
    assert row["number_of_sources"] == 2
    assert row["source_headline"] == 'Attack, "shelling" and a protest; Maiduguri toll rises'
    assert row["source_office"] == "Wire; Borno Post"
    assert row["source_article"] == "https://example.org/1; https://example.org/2"


def test_every_format_at_incident_level_loads_back_and_round_trips(store):
    incidents = list(store.iter_incidents())
    assert [i["id"] for i in incidents] == ["d1-e2", "d1-e1"]
    lines = export(store, "jsonl", level="incident").decode().splitlines()
    assert [json.loads(x) for x in lines] == incidents
    fc = json.loads(export(store, "geojson", level="incident"))
    assert [f["properties"] for f in fc["features"]] == incidents
    assert fc["features"][1]["geometry"] == {"type": "Point", "coordinates": [13.1571, 11.8469]}
    pq = pd.read_parquet(io.BytesIO(export(store, "parquet", level="incident"))).set_index("id")
    for inc in incidents:
        row, fat = pq.loc[inc["id"]], inc["figures"].get("fatalities") or {}
        assert row["type"] == inc["type"] and row["number_of_sources"] == inc["number_of_sources"]
        assert json.loads(row["report_ids"]) == [r["event_id"] for r in inc["reports"]]
        assert json.loads(row["actors"]) == inc["actors"]
        for bound in ("low", "best", "high"):
            assert (None if pd.isna(row[f"fatalities_{bound}"]) else row[f"fatalities_{bound}"]) == fat.get(bound)
    acled = pd.read_csv(io.BytesIO(export(store, "acled", level="incident")), keep_default_na=False)
    assert list(acled["event_id"]) == ["d1-e2", "d1-e1"]
    assert acled.set_index("event_id").loc["d1-e1", "fatalities"] == 5  # ACLED keeps the lowest figure
    assert acled.set_index("event_id").loc["d1-e1", "source"] == "Wire; Borno Post"


def test_geojson_features_carry_the_event_and_point(store):
    fc = json.loads(export(store, "geojson"))
    assert fc["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in fc["features"]}
    assert by_id["d1-e1"]["geometry"] == {"type": "Point", "coordinates": [13.1571, 11.8469]}
    props = by_id["d1-e1"]["properties"]
    assert props["evidence"]["text"] == "Gunmen attacked Maiduguri, killing between 5 and 9 people."
    assert props["quantities"][0]["low"] == 5 and props["document"]["url"] == "https://example.org/1"
    assert props == store.get_event("d1-e1")


def test_jsonl_and_parquet_hold_every_event(store):
    lines = export(store, "jsonl").decode().splitlines()
    ids = ["d1-e2", "d2-e1", "d1-e1"]  # newest first, then the last stored first
    assert [json.loads(x) for x in lines] == [store.get_event(i) for i in ids]
    df = pd.read_parquet(io.BytesIO(export(store, "parquet")))
    assert list(df["id"]) == ids
    assert df.set_index("id").loc["d1-e1", "fatalities_high"] == 9


def test_an_empty_selection_still_gives_a_valid_file(store, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"empty.{fmt}"
        for level in ("report", "incident"):
            assert write_export(store, fmt, EventFilter(country="FR"), out, level=level) == 0
            assert out.stat().st_size > 0 or fmt == "jsonl"  # zero lines is a valid JSON Lines file
    assert pd.read_parquet(tmp_path / "empty.parquet").empty
    assert json.loads((tmp_path / "empty.geojson").read_text())["features"] == []


def test_unknown_format_or_level_is_named():
    with pytest.raises(UsageError, match="format=.xlsx."):
        write_export(None, "xlsx", None, io.BytesIO())
    with pytest.raises(UsageError, match="level=.article."):
        write_export(None, "ucdp", None, io.BytesIO(), level="article")
