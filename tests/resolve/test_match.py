"""When two reports are one occurrence: actions by type family, place, day and actors; statements one per
speaker and day. Each rule is shown with two invented reports of the kind outlets write."""

from __future__ import annotations

import pytest

from eventatlas.resolve.actors import same_party
from eventatlas.resolve.match import same_incident

KHARKIV = {"name": "Kharkiv", "latitude": 49.9935, "longitude": 36.2304, "country_code": "UA",
           "admin1": "Kharkiv Oblast", "precision": "city"}
SALTIVKA = {"name": "Saltivka", "latitude": 50.03, "longitude": 36.30, "country_code": "UA",
            "admin1": "Kharkiv Oblast", "precision": "city"}
PORT_SUDAN = {"name": "Port Sudan", "latitude": 19.6158, "longitude": 37.2164, "country_code": "SD",
              "admin1": "Red Sea", "precision": "city"}
KADUGLI = {"name": "Kadugli", "latitude": 11.0111, "longitude": 29.7183, "country_code": "SD",
           "admin1": "Southern Kordofan", "precision": "city"}


def actor(role: str, name: str, type: str | None = None, country: str | None = None) -> dict:
    return {"role": role, "name": name, "text": name, "type": type, "country_code": country}


RUSSIA = actor("agent", "Military Forces of Russia", "state", "RU")
SAF = actor("agent", "Sudanese Armed Forces", "state", "SD")
RSF_TARGET = actor("target", "Rapid Support Forces", "rebel", "SD")


def ev(type: str = "ASSAULT", day: str = "2026-02-10", where: dict | None = None, actors=(), acled=None,
       status: str = "occurred", end: str | None = None) -> dict:
    return {"id": "x", "type": type, "status": status, "date": {"start": day, "end": end or day},
            "location": where or KHARKIV, "actors": list(actors),
            "acled": {"event_type": acled, "sub_event_type": None} if acled else None}


def test_an_air_strike_and_raids_that_struck_the_market_are_one_occurrence():
    # "An air strike hit a market in Kharkiv on Tuesday." / "Raids by Russian planes struck the market in Saltivka."
    strike = ev(acled="Explosions/Remote violence")
    raids = ev(where=SALTIVKA, actors=[RUSSIA], acled="Violence against civilians")
    assert same_incident(strike, raids)


def test_two_strikes_on_markets_of_one_city_two_days_apart_are_two():
    # "A glide bomb hit a market in Kharkiv on Tuesday." / "... hit another market on Thursday."
    assert not same_incident(ev(day="2026-02-10"), ev(day="2026-02-12"))


def test_who_did_it_does_not_swap_in_a_one_sided_attack_but_may_in_a_clash():
    # "The army shelled RSF positions near Kadugli." / "The RSF shelled army positions near Kadugli."
    army_fires = ev(where=KADUGLI, actors=[SAF, RSF_TARGET], acled="Explosions/Remote violence")
    rsf_fires = ev(where=KADUGLI, actors=[actor("agent", "Rapid Support Forces", "rebel", "SD"),
                                          actor("target", "Sudanese Armed Forces", "state", "SD")],
                   acled="Explosions/Remote violence")
    assert not same_incident(army_fires, rsf_fires)
    army_fires["acled"]["event_type"] = rsf_fires["acled"]["event_type"] = "Battles"
    assert same_incident(army_fires, rsf_fires)  # "the army and the RSF clashed" told either way round


def test_one_accusation_reported_by_outlets_that_place_it_differently_is_one_statement():
    # "Sudan's army accused the RSF on Monday of drone attacks on hospitals" (filed from Port Sudan, and
    # by another outlet under a Kadugli dateline)
    a = ev("ACCUSE", where=PORT_SUDAN, actors=[actor("agent", "army", "state", "SD"), RSF_TARGET])
    b = ev("ACCUSE", where=KADUGLI, actors=[SAF, RSF_TARGET])
    assert same_incident(a, b)


@pytest.mark.parametrize("change, why", [
    ({"day": "2026-02-11"}, "the same speaker's accusation the next day is another statement"),
    ({"actors": [actor("agent", "the governor of Blue Nile", None, "SD"), RSF_TARGET]}, "another speaker"),
    ({"actors": [SAF, actor("target", "Chad", "state", "TD")]}, "the same speaker accusing another party"),
    ({"actors": [RSF_TARGET]}, "no speaker named: nothing says it is the same statement"),
    ({"type": "REJECT"}, "a denial is another statement"),
])
def test_statements_are_one_per_speaker_and_day(change, why):
    base = dict(actors=[SAF, RSF_TARGET], where=PORT_SUDAN)
    assert same_incident(ev("ACCUSE", **base), ev("ACCUSE", **base))
    assert not same_incident(ev("ACCUSE", **base), ev(**{"type": "ACCUSE", **base, **change})), why


def test_an_accusation_is_not_the_attack_it_names():
    # "The army accused the RSF of shelling the camp" beside a report of the shelling itself
    assert not same_incident(ev("ACCUSE", where=KADUGLI, actors=[SAF, RSF_TARGET]),
                             ev("ASSAULT", where=KADUGLI, acled="Explosions/Remote violence"))


def test_a_meeting_is_one_whoever_is_named_as_host():
    # "The army chief received the UN envoy in Port Sudan." / "The UN envoy met the army chief."
    envoy = actor("agent", "United Nations", "external")
    a = ev("CONSULT", where=PORT_SUDAN, actors=[SAF, {**envoy, "role": "target"}])
    b = ev("CONSULT", where=PORT_SUDAN, actors=[envoy, {**SAF, "role": "target"}])
    assert same_incident(a, b)


def test_an_agreement_told_without_its_parties_is_the_one_signed_that_day_in_that_city():
    # "The truce was signed in Port Sudan on Tuesday." / "The army and the RSF agreed a truce in Port Sudan."
    unnamed = ev("AGREE", where=PORT_SUDAN)
    named = ev("AGREE", where=PORT_SUDAN, actors=[SAF, RSF_TARGET])
    assert same_incident(unnamed, named)
    assert not same_incident(unnamed, ev("AGREE", where=KADUGLI, actors=[SAF, RSF_TARGET]))
    assert not same_incident(unnamed, ev("AGREE", where=PORT_SUDAN, day="2026-02-11", actors=[SAF]))
    # an accusation is one per speaker: without one, nothing says which
    assert not same_incident(ev("ACCUSE", where=PORT_SUDAN), ev("ACCUSE", where=PORT_SUDAN, actors=[SAF]))


@pytest.mark.parametrize("x, y, same", [
    (actor("agent", "army", "state", "SD"), SAF, True),                      # "Sudan's army"
    (actor("agent", "soldiers", "state"), actor("agent", "Military Forces of Somalia", "state", "SO"), True),
    (actor("agent", "Somali intelligence officers", None, "SO"),
     actor("agent", "Somalia's National Intelligence and Security Agency", None, "SO"), True),
    (actor("agent", "a suicide bomber", "rebel"), actor("agent", "Al-Shabaab", "rebel", "SO"), True),
    (actor("agent", "security forces", "state"), actor("agent", "Rapid Support Forces", "rebel", "SD"), False),
    (actor("agent", "army", "state"), actor("agent", "Police", "state"), False),
    (actor("agent", "foreign ministry", "state", "SD"), SAF, False),
    (actor("agent", "spokesman Joint Forces"), actor("agent", "Rapid Support Forces", "rebel", "SD"), False),
    (actor("agent", "army", "state", "SD"), RUSSIA, False),                 # two countries' armies
    # "security forces detained six" as written: any state security body, the intelligence agency too
    (dict(actor("agent", "Police", "state"), text="Security forces"),
     actor("agent", "Somalia's National Intelligence and Security Agency", None, "SO"), True),
    (dict(actor("agent", "Police", "state"), text="security forces"), actor("agent", "Al-Shabaab", "rebel"), False),
    # a spokesperson is the body they speak for
    (actor("agent", "Army spokesman Colonel Idris Musa"), actor("agent", "army", "state", "SD"), True),
    (actor("agent", "Army spokesman Colonel Idris Musa"), RSF_TARGET, False),
    # the same words in another order; another state's governor is another party
    (actor("agent", "governor of Borno State"), actor("agent", "Borno State governor"), True),
    (actor("agent", "Yobe State governor"), actor("agent", "Borno State governor"), False),
])
def test_one_party_under_several_names(x, y, same):
    assert same_party(x, y) is same


def test_a_riot_and_the_looting_it_was_are_one_type_family():
    # "Youths rioted in Eastleigh on Tuesday night" / "youths looted shops and set a police post on fire"
    riot = ev("PROTEST", where=PORT_SUDAN)
    riot["acled"] = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    looting = ev("ASSAULT", where=PORT_SUDAN)
    looting["acled"] = {"event_type": "Strategic developments", "sub_event_type": "Looting/property destruction"}
    assert same_incident(riot, looting)
    # a peaceful march is not the looting, even on the same street that day
    march = ev("PROTEST", where=PORT_SUDAN)
    march["acled"] = {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    assert not same_incident(march, looting)
