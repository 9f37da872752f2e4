"""Reading events back: the JSON shape, every filter, pagination, documents and statistics."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections import Counter

import pytest

from eventatlas.store import EventFilter, FilterError
from eventatlas.store.filters import encode_cursor
from eventatlas.store.sqlite.query import cover_words, near_box, text_key
from eventatlas.store.sqlite.schema import facets_sql


def ids(rows):
    return [r["id"] for r in rows]


def query_ids(store, **kw):
    rows, _ = store.query_events(EventFilter(**kw), limit=100)
    return sorted(ids(rows))


def test_an_event_comes_back_as_its_record_plus_document_and_incident(filled, articles):
    art = articles["kharkiv"]()
    got = filled.get_event("doc-kharkiv-e1")
    expected = dataclasses.asdict(art.events[0])
    assert {k: got[k] for k in expected} == expected
    assert got["document"] == {"id": "doc-kharkiv", "title": "Shelling in Kharkiv", "outlet": "Kyiv Post",
                               "url": "https://example.org/kharkiv", "published": "2024-03-05"}
    assert got["incident_id"]
    assert filled.get_event("no-such-event") is None


def test_events_are_newest_first_with_undated_last(filled):
    rows, cursor = filled.query_events(EventFilter())
    assert ids(rows) == ["doc-kharkiv-e1", "doc-kharkiv-e2", "doc-sudan-e1", "doc-fiji-e1", "doc-sudan-e2"]
    assert cursor is None


def test_pages_cover_every_event_once(filled):
    seen, cursor, pages = [], None, 0
    while True:
        rows, cursor = filled.query_events(EventFilter(), limit=2, cursor=cursor)
        seen += ids(rows)
        pages += 1
        if cursor is None:
            break
    assert pages == 3
    assert seen == ids(filled.query_events(EventFilter())[0])
    assert ids(filled.iter_events(EventFilter(), page=2)) == seen


@pytest.mark.parametrize("kw, expected", [
    ({"type": "ASSAULT"}, ["doc-kharkiv-e1", "doc-sudan-e1"]),
    ({"type": "protest"}, ["doc-fiji-e1", "doc-sudan-e2"]),
    ({"acled_type": "Arrests"}, ["doc-kharkiv-e2"]),
    ({"acled_type": "violence against civilians"}, ["doc-sudan-e1"]),
    ({"status": "occurred", "country": "sd"}, ["doc-sudan-e1", "doc-sudan-e2"]),
    ({"actor": "rapid support"}, ["doc-sudan-e1"]),
    ({"actor": "Russian forces"}, ["doc-kharkiv-e1"]),
    ({"actor": "100%"}, []),
    ({"since": "2024-03-01"}, ["doc-kharkiv-e1", "doc-kharkiv-e2"]),
    ({"until": "2024-02-09"}, ["doc-fiji-e1", "doc-sudan-e1"]),
    ({"since": "2024-02-09", "until": "2024-03-04"}, ["doc-kharkiv-e2", "doc-sudan-e1"]),
    ({"bbox": (22.0, 44.0, 40.0, 52.0)}, ["doc-kharkiv-e1", "doc-kharkiv-e2"]),
    ({"bbox": (179.0, -20.0, -179.0, -10.0)}, ["doc-fiji-e1"]),
    ({"near": (50.0, 36.0, 30.0)}, ["doc-kharkiv-e1"]),
    ({"near": (50.0, 36.0, 500.0)}, ["doc-kharkiv-e1", "doc-kharkiv-e2"]),
    ({"near": (-16.8, 179.9, 50.0)}, ["doc-fiji-e1"]),
    # text search reads each event's own words (evidence, actors, place), not the rest of its article,
    # so a word elsewhere in an article does not pull in that article's unrelated events
    ({"q": "Taveuni"}, ["doc-fiji-e1"]),
    ({"q": "fasher killing"}, ["doc-sudan-e1"]),
    ({"q": "disgrace"}, []),
    ({"q": "villagers logging"}, ["doc-fiji-e1"]),
    ({"q": "villagers kyiv"}, []),
    ({"q": "protest*"}, ["doc-fiji-e1", "doc-kharkiv-e2", "doc-sudan-e2"]),
    ({"q": "rapid"}, ["doc-sudan-e1"]),
    # every word counts, the commonest too, and accents are folded
    ({"q": "the"}, ["doc-fiji-e1", "doc-sudan-e1", "doc-sudan-e2"]),
    ({"q": "Tavéuni"}, ["doc-fiji-e1"]),
    # words are stemmed: "kill" finds "killing", "protests" finds "protested" and "protesters"
    ({"q": "kill"}, ["doc-kharkiv-e1", "doc-sudan-e1"]),
    ({"q": "protests"}, ["doc-fiji-e1", "doc-kharkiv-e2", "doc-sudan-e2"]),
    ({"q": "kyiv", "type": "COERCE"}, ["doc-kharkiv-e2"]),
    ({"q": "kyiv", "type": "ASSAULT"}, []),
    ({"q": "protest*", "since": "2024-03-01"}, ["doc-kharkiv-e2"]),
    ({"q": "protest*", "until": "2024-03-01"}, ["doc-fiji-e1"]),
])
def test_each_filter_selects_the_right_events(filled, kw, expected):
    assert query_ids(filled, **kw) == expected


def test_near_uses_true_distance_not_the_box(filled):
    # Kyiv is ~470 km from (50, 36.9); the box around a 480 km circle also holds points ~600 km away at corners.
    assert query_ids(filled, near=(50.0, 36.9, 440.0)) == ["doc-kharkiv-e1"]
    assert query_ids(filled, near=(50.0, 36.9, 480.0)) == ["doc-kharkiv-e1", "doc-kharkiv-e2"]


@pytest.mark.parametrize("params, message", [
    ({"bbox": "abc"}, "bbox='abc': not MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
    ({"bbox": "1,2,3"}, "bbox="),
    ({"bbox": "0,50,10,40"}, "latitudes"),
    ({"near": "50,36"}, "near="),
    ({"near": "50,36,0"}, "radius"),
    ({"since": "yesterday"}, "since='yesterday': not a YYYY-MM-DD date"),
    ({"since": "2024-03-05", "until": "2024-03-01"}, "after until"),
    ({"type": "PARTY"}, "type='PARTY': not a PLOVER type"),
    ({"status": "rumoured"}, "status='rumoured'"),
    ({"country": "Ukraine"}, "country='UKRAINE'"),
    ({"q": "  ;; "}, "no words"),
])
def test_bad_filters_are_refused_with_the_parameter_named(params, message):
    with pytest.raises(FilterError, match=message.replace("(", r"\(").replace("[", r"\[")):
        EventFilter.from_params(params)


def test_filters_parse_from_strings_and_ignore_blanks():
    f = EventFilter.from_params({"bbox": "22,44,40,52", "near": "", "type": "assault", "country": "ua", "q": None})
    assert f == EventFilter(type="ASSAULT", country="UA", bbox=(22.0, 44.0, 40.0, 52.0))


def test_fts_operators_in_user_text_are_searched_as_words(filled):
    assert query_ids(filled, q='"Taveuni* (') == ["doc-fiji-e1"]
    assert query_ids(filled, q="Taveuni OR Kyiv") == []  # OR is a word here, and no article has it


def test_bad_cursor_and_limit_are_refused(filled):
    with pytest.raises(FilterError, match="cursor='nonsense'"):
        filled.query_events(EventFilter(), cursor="nonsense")
    # well-formed, but with a row number no SQLite integer holds
    for q in (None, "protest*"):
        with pytest.raises(FilterError, match="not a cursor this store handed out"):
            filled.query_events(EventFilter(q=q), cursor=encode_cursor("2024-03-01", 2 ** 80))
    with pytest.raises(FilterError, match="limit=0"):
        filled.query_events(EventFilter(), limit=0)


def test_a_document_comes_back_with_text_and_everything_found_in_it(filled, articles):
    art = articles["kharkiv"]()
    doc = filled.get_document("doc-kharkiv")
    assert doc["text"] == art.document.text
    assert {k: doc[k] for k in ("id", "title", "url", "outlet", "published")} == {
        k: getattr(art.document, k) for k in ("id", "title", "url", "outlet", "published")}
    assert ids(doc["events"]) == ["doc-kharkiv-e1", "doc-kharkiv-e2"]
    assert doc["claims"] == [dataclasses.asdict(art.claims[0])]
    assert doc["opinions"] == [dataclasses.asdict(art.opinions[0])]
    for span in [e["evidence"] for e in doc["events"]] + doc["opinions"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert filled.get_document("nope") is None


def test_stats_count_by_type_country_and_day(filled):
    s = filled.stats()
    assert s["total"] == 5
    assert s["by_type"] == {"ASSAULT": 2, "PROTEST": 2, "COERCE": 1}
    assert s["by_country"] == {"UA": 2, "SD": 2, "FJ": 1}
    assert s["by_day"] == {"2023-11-19": 1, "2024-02-09": 1, "2024-03-04": 1, "2024-03-05": 1}
    assert filled.stats(EventFilter(country="UA"))["total"] == 2


def test_readers_in_other_threads_see_committed_articles(store, articles):
    store.add_result(articles["sudan"]())
    seen = []
    t = threading.Thread(target=lambda: seen.append(store.counts()["events"]))
    t.start()
    t.join()
    assert seen == [2]


@pytest.mark.parametrize("q", ["protest*", "disgrace", "Taveuni", "fasher killing", "villagers kyiv", "kyiv"])
@pytest.mark.parametrize("extra", [{}, {"country": "UA"}, {"status": "occurred", "type": "COERCE"},
                                   {"bbox": (-180.0, -60.0, 180.0, 60.0)}, {"bbox": (22.0, 44.0, 40.0, 52.0)},
                                   {"bbox": (179.0, -20.0, -179.0, -10.0)}, {"near": (50.0, 36.0, 30.0)},
                                   {"near": (-16.8, 179.9, 50.0)}, {"actor": "police"}])
def test_both_text_strategies_find_the_same_events(filled, monkeypatch, q, extra):
    # the store reads text matches newest first (narrowed by the grid cells around a box), testing place
    # and actor on each; when those are rarer than the words it collects every match first and lets
    # their own indexes lead
    f = EventFilter(q=q, **extra)
    first = ids(filled.query_events(f)[0]), ids(filled.iter_events(f, page=1))
    monkeypatch.setattr("eventatlas.store.sqlite.store._TEXT_FIRST_BUDGET", 1)
    collected = ids(filled.query_events(f)[0]), ids(filled.iter_events(f, page=1))
    assert first == collected
    assert first[0] == first[1]
    # and both agree with the same filter applied without the text index
    unfiltered = filled.query_events(dataclasses.replace(f, q=None))[0]
    words = [w.rstrip("*").lower() for w in q.split()]
    assert first[0] == [e["id"] for e in unfiltered if all(w in _own_words(e) for w in words)]


def _own_words(event) -> str:
    place = (event["location"] or {}).get("name") or ""
    return " ".join([event["evidence"]["text"], *(a["text"] for a in event["actors"]), place]).lower()


def test_text_pages_run_newest_first_like_every_other_query(store, articles):
    for name in ("kharkiv", "sudan", "fiji"):
        store.add_result(articles[name]())
    everything = ids(store.iter_events(EventFilter(), page=2))
    texts = ids(store.iter_events(EventFilter(q="protest*"), page=1))
    assert texts == [i for i in everything if i in {"doc-fiji-e1", "doc-kharkiv-e2", "doc-sudan-e2"}]


@pytest.mark.parametrize("dates", [["2024-03-05", "2024-03", "2024", "", "2024-03-01", "2023-12-31",
                                    "2024-03-05", "2024-10-01", "1999-01-01"]])
def test_text_keys_sort_as_dates_then_rowids_do(dates):
    pairs = [(d, rowid) for rowid, d in enumerate(dates, start=1)]
    assert sorted(pairs, key=lambda p: text_key(*p)) == sorted(pairs)


def test_stats_follow_new_articles(store, articles):
    store.add_result(articles["fiji"]())
    assert store.stats()["total"] == 1
    store.add_result(articles["sudan"]())
    assert store.stats()["total"] == 3
    assert store.stats()["by_country"] == {"SD": 2, "FJ": 1}


@pytest.mark.parametrize("lat, lon", [(49.99, 36.23), (-16.85, -179.95), (-16.85, 179.99), (0.0, 0.0),
                                      (-33.9, 18.4), (64.1, -21.9), (89.9, 180.0), (-90.0, -180.0)])
def test_the_cells_round_a_point_cover_it_at_every_level(lat, lon):
    # the SQL trigger names an event's cells; the query names the cells round a box: they must meet
    conn = sqlite3.connect(":memory:")
    row = conn.execute(f"SELECT {facets_sql('p')} FROM (SELECT ? AS latitude, ? AS longitude, 'ASSAULT' AS type,"
                       " 'UA' AS country, 'occurred' AS status) p", (lat, lon)).fetchone()[0]
    for km in (5.0, 60.0, 400.0, 1500.0):
        cover = cover_words(*near_box(lat, lon, km))
        assert not cover or set(cover) & set(row.split()), (km, cover[:3], row)


@pytest.mark.parametrize("kw", [{}, {"country": "UA"}, {"country": "FJ", "type": "PROTEST"}, {"type": "ASSAULT"},
                                {"since": "2024-02-01"}, {"country": "NZ"}, {"status": "occurred"},
                                {"bbox": (22.0, 10.0, 40.0, 52.0)}, {"q": "protest*"}, {"actor": "police"}])
def test_stats_count_what_the_same_filter_lists(filled, kw):
    # stats count by index where the filter allows and over the rows otherwise; both must add up
    listed = list(filled.iter_events(EventFilter(**kw)))
    by_type, by_country, by_day = Counter(), Counter(), Counter()
    for e in listed:
        by_type[e["type"]] += 1
        if (e["location"] or {}).get("country_code"):
            by_country[e["location"]["country_code"]] += 1
        if e["date"]["start"]:
            by_day[e["date"]["start"][:10]] += 1
    stats = filled.stats(EventFilter(**kw))
    assert stats["total"] == len(listed)
    assert (stats["by_type"], stats["by_country"], stats["by_day"]) == (by_type, by_country, by_day)
