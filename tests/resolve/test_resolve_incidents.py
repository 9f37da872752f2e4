"""Reports of one real event across articles become one incident, with every source's figures kept."""

from __future__ import annotations

import dataclasses

import pytest

from eventatlas.records import Actor, ArticleResult, Attribution, Document, Quantity
from eventatlas.resolve import same_incident
from eventatlas.store import open_store
from eventatlas.store.synthetic import event, place

RSF = Actor(role="agent", text="RSF fighters", name="Rapid Support Forces", type="rebel")
SAF = Actor(role="agent", text="the army", name="Sudanese Armed Forces", type="state")


def report(doc_id: str, outlet: str, sentence: str, *, n: int = 1, day: str = "2024-02-09",
           where=None, actors=(RSF,), dead: tuple[int | None, int | None] | None = None, speaker=None,
           type: str = "ASSAULT", acled: str | None = "Violence against civilians", status: str = "occurred",
           extra: list[str] = (), sub: str = "Attack") -> ArticleResult:
    text = " ".join([sentence, *extra])
    doc = Document(id=doc_id, text=text, outlet=outlet, title=f"{outlet} report", published=day)
    quantities = [] if dead is None else [Quantity("fatalities", dead[0], dead[1], False, "dead")]
    events = [event(doc, n, sentence, type=type, day=day, status=status,
                    where=where or place("El Fasher", 13.6279, 25.3494, "SD", admin1="North Darfur"),
                    actors=list(actors), quantities=quantities,
                    attribution=Attribution(speaker, None, None, f"{speaker} said") if speaker else None,
                    acled={"event_type": acled, "sub_event_type": sub} if acled else None)]
    return ArticleResult(document=doc, events=events)


def as_dict(art: ArticleResult, i: int = 0) -> dict:
    return dataclasses.asdict(art.events[i])


@pytest.fixture
def store(store_locations):
    """An empty store, SQLite and PostgreSQL in turn: both match incidents by the same rules."""
    with open_store(store_locations.new("incidents")) as s:
        yield s


def test_two_outlets_reporting_one_attack_share_an_incident_and_keep_both_figures(store):
    a = report("a", "Sudan Tribune", "RSF fighters attacked El Fasher, killing 12.", dead=(12, 12),
               speaker="a hospital")
    b = report("b", "Reuters", "The Rapid Support Forces shelled a market in El Fasher; 3 died.", dead=(3, 3),
               speaker="the ministry", where=place("El Fasher market", 13.64, 25.36, "SD", precision="point"),
               day="2024-02-10", acled="Explosions/Remote violence")
    c = report("c", "AP", "At least 20 were killed in El Fasher by the Rapid Support Forces.", dead=(20, None))
    for art in (a, b, c):
        assert store.add_result(art)
    ea, eb, ec = (store.get_event(f"{d}-e1") for d in "abc")
    assert ea["incident_id"] == eb["incident_id"] == ec["incident_id"] == "a-e1"
    inc = store.incident("a-e1")
    assert [e["id"] for e in inc["events"]] == ["a-e1", "b-e1", "c-e1"]
    fat = inc["figures"]["fatalities"]
    # best: the hospital's count, the most reliable kind of source (resolve/data/reliability.tsv)
    assert (fat["low"], fat["best"], fat["high"]) == (3, 12, 20)
    assert [(s["document_id"], s["outlet"], s["speaker"], s["reliability"], s["low"], s["high"])
            for s in fat["sources"]] == [
        ("a", "Sudan Tribune", "a hospital", 1, 12, 12),
        ("b", "Reuters", "the ministry", 3, 3, 3),
        ("c", "AP", None, 3, 20, None),
    ]
    assert store.incident("no-such-incident") is None


@pytest.mark.parametrize("change, why", [
    ({"day": "2024-02-12"}, "three days later"),
    ({"where": place("Nyala", 12.05, 24.88, "SD", admin1="South Darfur")}, "another city ~190 km away"),
    ({"where": place("Tawila", 13.79, 25.10, "SD", admin1="North Darfur")}, "31 km away"),
    ({"actors": (SAF,)}, "another perpetrator"),
    ({"type": "PROTEST", "acled": "Protests"}, "another kind of event"),
    ({"status": "denied", "acled": None}, "a denial, not a report"),
    ({"where": place("Sudan", 15.0, 30.0, "SD", precision="country"), "acled": "Explosions/Remote violence",
      "sub": "Shelling/artillery/missile attack"}, "only the country is known, and the kind of event differs"),
])
def test_reports_that_differ_stay_apart(store, change, why):
    store.add_result(report("a", "Sudan Tribune", "RSF fighters attacked El Fasher, killing 12."))
    store.add_result(report("b", "Reuters", "Something happened, the report says.", **change))
    assert store.get_event("b-e1")["incident_id"] == "b-e1", why


def test_a_report_placed_only_to_its_country_joins_an_incident_only_when_one_alone_could_take_it(store):
    sudan = place("Sudan", 15.0, 30.0, "SD", precision="country")
    store.add_result(report("a", "Sudan Tribune", "RSF fighters attacked El Fasher, killing 12."))
    store.add_result(report("b", "Reuters", "The RSF attacked civilians in Sudan on Friday.", where=sudan))
    assert store.get_event("b-e1")["incident_id"] == "a-e1"
    # a second attack that day, in Nyala: "in Sudan" could be either, so it is neither
    store.add_result(report("c", "AP", "RSF fighters attacked Nyala, killing 5.",
                            where=place("Nyala", 12.05, 24.88, "SD", admin1="South Darfur")))
    assert store.get_event("b-e1")["incident_id"] == "b-e1"
    assert store.get_incident("a-e1")["number_of_reports"] == 1


def test_a_day_apart_and_admin1_precision_still_match(store):
    store.add_result(report("a", "Sudan Tribune", "RSF fighters attacked El Fasher, killing 12."))
    store.add_result(report("b", "Reuters", "RSF attacked civilians in North Darfur.", day="2024-02-10",
                            where=place("North Darfur", 14.0, 24.5, "SD", admin1="North Darfur",
                                        precision="admin1")))
    assert store.get_event("b-e1")["incident_id"] == "a-e1"


def test_a_precise_report_joins_one_known_only_to_its_admin1(store):
    store.add_result(report("a", "Reuters", "RSF attacked civilians in North Darfur.",
                            where=place("North Darfur", 14.0, 24.5, "SD", admin1="North Darfur", precision="admin1")))
    store.add_result(report("b", "Sudan Tribune", "RSF fighters attacked El Fasher, killing 12.", day="2024-02-10"))
    assert store.get_event("b-e1")["incident_id"] == "a-e1"


def test_two_reports_in_one_article_are_two_incidents_not_one(store):
    store.add_result(report("a", "Sudan Tribune", "RSF fighters attacked El Fasher."))
    doc = Document(id="b", text="RSF attacked El Fasher. RSF also attacked El Fasher again.", outlet="Reuters")
    where = place("El Fasher", 13.6279, 25.3494, "SD", admin1="North Darfur")
    art = ArticleResult(document=doc, events=[
        event(doc, 1, "RSF attacked El Fasher.", day="2024-02-09", where=where, actors=[RSF]),
        event(doc, 2, "RSF also attacked El Fasher again.", day="2024-02-09", where=where, actors=[RSF]),
    ])
    store.add_result(art)
    assert [store.get_event(i)["incident_id"] for i in ("b-e1", "b-e2")] == ["a-e1", "b-e2"]


def test_an_incident_takes_only_reports_matching_all_of_its_reports(store):
    store.add_result(report("a", "A", "RSF attacked El Fasher.", day="2024-02-09"))
    store.add_result(report("b", "B", "RSF attacked El Fasher.", day="2024-02-10"))
    # within a day of b but three days from a: joining would chain a to a report it does not match
    store.add_result(report("c", "C", "RSF attacked El Fasher.", day="2024-02-11"))
    assert [store.get_event(f"{d}-e1")["incident_id"] for d in "abc"] == ["a-e1", "a-e1", "c-e1"]


def test_actors_may_swap_roles_between_outlets():
    clash = Actor(role="target", text="the army", name="Sudanese Armed Forces", type="state")
    a = report("a", "A", "RSF clashed with the army in El Fasher.", actors=(RSF, clash), type="ASSAULT",
               acled="Battles")
    b = report("b", "B", "The army clashed with RSF in El Fasher.", acled="Battles",
               actors=(SAF, dataclasses.replace(RSF, role="target")))
    assert same_incident(as_dict(a), as_dict(b))
