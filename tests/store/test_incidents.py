"""Incidents as records of their own, on both back-ends: kept current as reports arrive (a later report can
move reports between incidents), queried with the events' filters, the same whatever order articles arrive
in, and rebuilt for a whole store with the same result."""

from __future__ import annotations

import itertools

import pytest

from eventatlas.records import Actor, ArticleResult, Attribution, Document, Quantity
from eventatlas.store import EventFilter, FilterError, open_store
from eventatlas.store.synthetic import event, place

MOGADISHU = place("Mogadishu", 2.0371, 45.3438, "SO", admin1="Banaadir")
AFGOOYE = place("Afgooye", 2.1381, 45.1212, "SO", admin1="Lower Shabeelle")
GOMA = place("Goma", -1.6792, 29.2228, "CD", admin1="North Kivu")
SHABAAB = Actor(role="agent", text="al-Shabaab", name="Al-Shabaab", type="rebel", country_code="SO")
ARMY = Actor(role="agent", text="the army", name="Somali army", type="state", country_code="SO")
BOMB = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}


def report(doc_id: str, sentence: str, *, day: str, published: str | None = None, where=MOGADISHU, actors=(),
           dead: int | None = None, speaker: str | None = None, outlet: str = "Coast Wire",
           type: str = "ASSAULT", acled=BOMB) -> ArticleResult:
    doc = Document(id=doc_id, text=sentence, outlet=outlet, title=f"{outlet}: {sentence[:30]}",
                   url=f"https://example.org/{doc_id}", published=published or day)
    quantities = [] if dead is None else [Quantity("fatalities", dead, dead, False, f"{dead} people")]
    return ArticleResult(document=doc, events=[event(
        doc, 1, sentence, type=type, day=day, where=where, actors=list(actors), quantities=quantities,
        acled=acled, attribution=Attribution(speaker, None, None, f"{speaker} said") if speaker else None)])


def bombing_reports() -> list[ArticleResult]:
    """A restaurant bombing in Mogadishu on the 20th told by three outlets, a roadside bomb near Afgooye
    the same day, and a protest in Goma."""
    return [
        report("km4-a", "A suicide bomber struck a restaurant in Mogadishu on Friday, killing 9 people.",
               day="2026-03-20", dead=9, speaker="police"),
        report("km4-b", "Al-Shabaab bombed the restaurant near KM4, killing 11, the ambulance service said.",
               day="2026-03-20", published="2026-03-21", actors=[SHABAAB], dead=11,
               speaker="the ambulance service", outlet="Banadir Echo"),
        report("km4-c", "The KM4 restaurant bombing killed 14, a security official said.", day="2026-03-20",
               published="2026-03-21", dead=14, speaker="a security official", outlet="Harbour Gazette"),
        report("afgooye", "A roadside bomb hit an army truck near Afgooye, killing two soldiers.", day="2026-03-20",
               where=AFGOOYE, dead=2, acled={"event_type": "Explosions/Remote violence",
                                             "sub_event_type": "Remote explosive/landmine/IED"}),
        report("goma", "Students marched in Goma against the curfew.", day="2026-03-18", where=GOMA, type="PROTEST",
               acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"}),
    ]


@pytest.fixture
def store(store_locations):
    with open_store(store_locations.new("incidents")) as s:
        yield s


def partition(store) -> dict[str, str]:
    return {e["id"]: e["incident_id"] for e in store.iter_events()}


def records(store) -> list[dict]:
    return sorted(store.iter_incidents(), key=lambda r: r["id"])


def test_an_incident_is_a_record_kept_current_as_its_reports_arrive(store):
    first, second, third, *_ = bombing_reports()
    store.add_result(first)
    assert store.get_incident("km4-a-e1")["number_of_reports"] == 1
    store.add_result(second)
    store.add_result(third)
    inc = store.get_incident("km4-a-e1")  # named after its first published report
    assert [r["event_id"] for r in inc["reports"]] == ["km4-a-e1", "km4-b-e1", "km4-c-e1"]
    assert (inc["number_of_reports"], inc["number_of_sources"]) == (3, 3)
    assert inc["outlets"] == ["Coast Wire", "Banadir Echo", "Harbour Gazette"]
    assert inc["date"] == {"start": "2026-03-20", "end": "2026-03-20", "precision": "day"}
    assert [a["name"] for a in inc["actors"]] == ["Al-Shabaab"]
    fat = inc["figures"]["fatalities"]
    assert (fat["low"], fat["best"], fat["high"]) == (9, 11, 14)  # best: the ambulance service
    assert {e["incident_id"] for e in store.incident_events("km4-a-e1")} == {"km4-a-e1"}
    assert store.count_incidents() == 1 and store.get_incident("km4-b-e1") is None


def test_incidents_answer_the_event_filters_newest_first_a_page_at_a_time(store):
    for art in bombing_reports():
        store.add_result(art)
    everything = [r["id"] for r in store.iter_incidents()]
    assert everything == ["afgooye-e1", "km4-a-e1", "goma-e1"]  # by first day, then as stored
    asked = {
        EventFilter(type="PROTEST"): ["goma-e1"],
        EventFilter(country="so"): ["afgooye-e1", "km4-a-e1"],
        EventFilter(since="2026-03-19"): ["afgooye-e1", "km4-a-e1"],
        EventFilter(until="2026-03-19"): ["goma-e1"],
        EventFilter(acled_type="Suicide bomb"): ["km4-a-e1"],
        EventFilter(actor="shabaab"): ["km4-a-e1"],
        EventFilter(near=(2.04, 45.34, 10.0)): ["km4-a-e1"],
        EventFilter(bbox=(45.0, 2.0, 45.2, 2.2)): ["afgooye-e1"],
        EventFilter(q="ambulance"): ["km4-a-e1"],  # words in any of its reports
    }
    for flt, expected in asked.items():
        assert [r["id"] for r in store.query_incidents(flt)[0]] == expected, flt
    pages, cursor = [], None
    while True:
        page, cursor = store.query_incidents(limit=1, cursor=cursor)
        pages += [r["id"] for r in page]
        if cursor is None:
            break
    assert pages == everything
    with pytest.raises(FilterError):
        store.query_incidents(limit=0)


def test_the_incidents_do_not_depend_on_the_order_articles_arrive_in(store_locations):
    arts = bombing_reports()
    seen = []
    for order in itertools.islice(itertools.permutations(range(len(arts))), 0, None, 17):
        with open_store(store_locations.new("order")) as s:
            for i in order:
                s.add_result(bombing_reports()[i])
            seen.append((partition(s), records(s)))
    assert len(seen) >= 6 and all(x == seen[0] for x in seen[1:])


def test_a_later_report_can_move_reports_between_incidents(store):
    # the 20th, a report of the 21st naming no one, then one of the 20th blaming al-Shabaab and one of the
    # 21st blaming the army: the first two were one incident, and end up in two
    a = report("a", "A bomb went off in Mogadishu.", day="2026-03-20")
    b = report("b", "A bomb went off in Mogadishu.", day="2026-03-21")
    c = report("c", "Al-Shabaab bombed Mogadishu.", day="2026-03-20", actors=[SHABAAB])
    d = report("d", "The army bombed Mogadishu.", day="2026-03-21", actors=[ARMY])
    b.events[0].actors = [ARMY]
    for art in (a, b):
        store.add_result(art)
    assert set(partition(store).values()) == {"a-e1"}
    for art in (c, d):
        store.add_result(art)
    assert partition(store) == {"a-e1": "a-e1", "c-e1": "a-e1", "b-e1": "b-e1", "d-e1": "b-e1"}
    assert [r["number_of_reports"] for r in records(store)] == [2, 2]


def test_a_rebuild_regroups_every_report_and_gives_what_ingest_gave(store):
    for art in reversed(bombing_reports()):
        store.add_result(art)
    before = (partition(store), records(store))
    done = store.rebuild_incidents()
    assert done == {"documents": 5, "events": 5, "incidents": 3}
    assert (partition(store), records(store)) == before
