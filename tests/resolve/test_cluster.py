"""Reports grouped into incidents the same way whatever order they come in: no chaining, one report per
article and incident, the closest reports together first, and an incident named after its first report."""

from __future__ import annotations

import itertools

from eventatlas.resolve.cluster import cluster, incident_ids

MOGADISHU = {"name": "Mogadishu", "latitude": 2.0371, "longitude": 45.3438, "country_code": "SO",
             "admin1": "Banaadir", "precision": "city"}
AFGOOYE = {"name": "Afgooye", "latitude": 2.1381, "longitude": 45.1212, "country_code": "SO",
           "admin1": "Lower Shabeelle", "precision": "city"}


def report(doc: str, n: int = 1, *, day: str = "2026-03-20", where: dict | None = None, published: str = "",
           type: str = "ASSAULT") -> dict:
    return {"id": f"{doc}-e{n}", "type": type, "status": "occurred", "date": {"start": day, "end": day},
            "location": where or MOGADISHU, "actors": [], "quantities": [],
            "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": None},
            "document": {"id": doc, "published": published or day}}


def ids(groups) -> list[list[str]]:
    return [[r["id"] for r in g] for g in groups]


def test_the_grouping_does_not_depend_on_the_order_reports_arrive_in():
    # a restaurant bombing in Mogadishu told by three outlets, a roadside bomb near Afgooye (25 km) the same
    # day, and a second bombing in Mogadishu two days later
    reports = [report("a"), report("b", day="2026-03-21"), report("c"), report("d", where=AFGOOYE),
               report("e", day="2026-03-22"), report("b", 2, where=AFGOOYE)]
    seen = {tuple(sorted(incident_ids(order).items())) for order in itertools.permutations(reports)}
    assert len(seen) == 1
    assert ids(cluster(reports)) == [["a-e1", "b-e1", "c-e1"], ["b-e2", "d-e1"], ["e-e1"]]


def test_no_chaining_reports_each_a_day_from_the_next():
    # the 20th and the 22nd are two days apart: the 21st's report joins one of them, never both
    groups = ids(cluster([report("a", day="2026-03-20"), report("b", day="2026-03-21"),
                          report("c", day="2026-03-22")]))
    assert groups == [["a-e1", "b-e1"], ["c-e1"]]


def test_one_article_gives_one_report_per_incident():
    # an article that tells of two bombings in the city that day tells two incidents
    assert ids(cluster([report("a", 1), report("a", 2)])) == [["a-e1"], ["a-e2"]]


def test_a_later_report_that_fits_one_better_splits_an_incident():
    # a bombing on the 20th (a), a report the next day that names no one (b), and then a report of the 20th
    # that blames al-Shabaab (c) and a report of the 21st that blames the army (b's day): c fits a better
    # than b did, and b, c and d cannot all be one, so the incident of a and b splits
    army = {"role": "agent", "name": "Somali army", "text": "the army", "type": "state", "country_code": "SO"}
    shabaab = {"role": "agent", "name": "Al-Shabaab", "text": "al-Shabaab", "type": "rebel", "country_code": "SO"}
    a, b = report("a", day="2026-03-20"), report("b", day="2026-03-21")
    c, d = report("c", day="2026-03-20"), report("d", day="2026-03-21")
    c["actors"], d["actors"], b["actors"] = [shabaab], [army], [army]
    assert ids(cluster([a, b])) == [["a-e1", "b-e1"]]
    assert ids(cluster([a, b, c, d])) == [["a-e1", "c-e1"], ["b-e1", "d-e1"]]


def test_an_incident_is_named_after_its_earliest_published_report():
    named = incident_ids([report("zz", published="2026-03-20"), report("aa", published="2026-03-21")])
    assert named == {"zz-e1": "zz-e1", "aa-e1": "zz-e1"}


def test_a_report_placed_only_to_its_country_joins_the_one_incident_that_could_take_it():
    somalia = {"name": "Somalia", "country_code": "SO", "precision": "country", "latitude": 6.0, "longitude": 47.0}
    # "a suicide bomber struck a restaurant in the Somali capital" told without the city
    vague = report("v", where=somalia)
    assert ids(cluster([report("a"), report("b"), vague])) == [["a-e1", "b-e1", "v-e1"]]
    # with a second bombing that day (Afgooye), "in Somalia" could be either: it joins neither
    assert ids(cluster([report("a"), report("d", where=AFGOOYE), vague])) == [["a-e1"], ["d-e1"], ["v-e1"]]
    # nor does it make an incident with another report as vague as itself
    assert ids(cluster([vague, report("w", where=somalia)])) == [["v-e1"], ["w-e1"]]


def test_a_report_dated_only_to_last_week_joins_the_one_incident_that_could_take_it():
    # "investigators said the restaurant was bombed last week": any day of that week
    last_week = report("v")
    last_week["date"] = {"start": "2026-03-16", "end": "2026-03-22"}
    assert ids(cluster([report("a"), report("b"), last_week])) == [["a-e1", "b-e1", "v-e1"]]
    # with another bombing in the city that week (two days later) that as many outlets reported, it could
    # be either: it joins neither
    later = [report("c", day="2026-03-22"), report("d", day="2026-03-22")]
    groups = ids(cluster([report("a"), report("b"), *later, last_week]))
    assert groups == [["a-e1", "b-e1"], ["c-e1", "d-e1"], ["v-e1"]]
    # a single mention of the other is no rival to the one twice as many outlets covered
    groups = ids(cluster([report("a"), report("b"), later[0], last_week]))
    assert groups == [["a-e1", "b-e1", "v-e1"], ["c-e1"]]
