"""An incident as a record of its own: what most reports say it was, the most precise place, the days every
report allows, each party once, every report and source, and the figures side by side."""

from __future__ import annotations

from eventatlas.resolve.summary import incident_record

GOMA = {"text": "Goma", "name": "Goma", "geonames_id": 214974, "latitude": -1.6792, "longitude": 29.2228,
        "country_code": "CD", "admin1": "North Kivu", "precision": "city"}
NORTH_KIVU = {"text": "North Kivu", "name": "North Kivu", "geonames_id": 6114, "latitude": -0.8,
              "longitude": 29.0, "country_code": "CD", "admin1": "North Kivu", "precision": "admin1"}


def report(doc: str, published: str, *, start: str, end: str | None = None, where=None, actors=(),
           sub: str = "Shelling/artillery/missile attack", dead: int | None = None, speaker=None) -> dict:
    return {"id": f"{doc}-e1", "type": "ASSAULT", "mode": "shelling", "status": "occurred",
            "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": sub},
            "date": {"start": start, "end": end or start}, "location": where or GOMA, "actors": list(actors),
            "quantities": [] if dead is None else [{"category": "fatalities", "low": dead, "high": dead,
                                                     "approximate": False, "text": f"{dead} people"}],
            "attribution": {"speaker": speaker} if speaker else None,
            "evidence": {"text": f"report {doc}", "start": 0, "end": 8},
            "document": {"id": doc, "title": f"Story {doc}", "outlet": f"Outlet {doc}", "url": None,
                         "published": published}}


def test_an_incident_record_gathers_what_its_reports_say():
    # "Rebels shelled a camp outside Goma on Monday" (a), "shells hit the camp" in North Kivu this week (b),
    # "M23 shelling of the camp" (c, a day later, calling it an attack)
    m23 = {"role": "agent", "name": "M23", "text": "the M23", "type": "rebel", "country_code": "CD"}
    rebels = {"role": "agent", "name": "rebels", "text": "Rebels", "type": "rebel", "country_code": None}
    reports = [
        report("c", "2026-02-04", start="2026-02-02", actors=[m23], sub="Attack", dead=9, speaker="the hospital"),
        report("a", "2026-02-03", start="2026-02-02", actors=[rebels], dead=7, speaker="residents"),
        report("b", "2026-02-03", start="2026-01-28", end="2026-02-03", where=NORTH_KIVU),
    ]
    inc = incident_record("a-e1", reports)
    assert (inc["type"], inc["acled"]["sub_event_type"]) == ("ASSAULT", "Shelling/artillery/missile attack")
    assert inc["date"] == {"start": "2026-02-02", "end": "2026-02-02", "precision": "day"}
    assert inc["location"]["name"] == "Goma"
    assert [a["name"] for a in inc["actors"]] == ["M23"]  # the named group, once
    assert [r["event_id"] for r in inc["reports"]] == ["a-e1", "b-e1", "c-e1"]  # first published first
    assert (inc["number_of_reports"], inc["number_of_sources"]) == (3, 3)
    fig = inc["figures"]["fatalities"]
    assert (fig["low"], fig["best"], fig["high"]) == (7, 9, 9)


def test_reports_a_day_apart_give_the_span_from_first_to_last():
    inc = incident_record("a-e1", [report("a", "2026-02-03", start="2026-02-02"),
                                   report("b", "2026-02-04", start="2026-02-03")])
    assert inc["date"] == {"start": "2026-02-02", "end": "2026-02-03", "precision": "week"}
