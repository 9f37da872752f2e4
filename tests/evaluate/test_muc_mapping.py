"""The pipeline-event to MUC-4 mapping on hand-written events: relevance (guerrilla warfare, history,
threats), typing by instrument, effect from counts or words, and perpetrator fillers."""

from __future__ import annotations

from eventatlas.evaluate import muc
from eventatlas.records import Actor, ArticleResult, Document, Event, EventDate, Quantity, Span


def event(text, type_="ASSAULT", mode="kill", sub="Attack", status="occurred", actors=(), quantities=(),
          date="1990-01-03"):
    return Event(
        id="e1", type=type_, mode=mode, acled={"event_type": "x", "sub_event_type": sub} if sub else None,
        status=status, date=EventDate(date, date, date, "day"), location=None, actors=list(actors),
        quantities=list(quantities), attribution=None, evidence=Span(text, 0, len(text)), confidence=0.9)


def result(*events, published="1990-01-05"):
    return ArticleResult(Document(id="d", text="", published=published), list(events))


def test_army_against_guerrillas_is_no_incident_unless_civilians_are_hit():
    clash = event("TROOPS CLASHED WITH GUERRILLAS", mode="clash", sub="Armed clash")
    assert muc.incident_type(clash) is None
    soldiers = event("GUERRILLAS KILLED 3 SOLDIERS", actors=[Actor("target", "3 soldiers", "soldiers", "state")])
    assert muc.incident_type(soldiers) is None
    peasants = event("GUERRILLAS KILLED SOLDIERS AND PEASANTS", actors=[
        Actor("target", "soldiers", "soldiers", "state"), Actor("target", "peasants", "peasants", "civilians")])
    assert muc.incident_type(peasants) == "ATTACK"
    army_on_civilians = event("SOLDIERS KILLED 5 PEASANTS", actors=[
        Actor("agent", "soldiers", "soldiers", "state"), Actor("target", "5 peasants", "peasants", "civilians")])
    assert muc.incident_type(army_on_civilians) == "ATTACK"


def test_incidents_reported_as_history_are_not_relevant():
    old = event("THE MAYOR WAS MURDERED IN 1985", date="1985-06-01")
    assert muc.incident_type(old, "1990-01-05") is None
    assert muc.incident_type(event("THE MAYOR WAS MURDERED", date="1989-12-20"), "1990-01-05") == "ATTACK"


def test_threats_count_planned_and_denied_do_not():
    threat = event("THE DEATH SQUAD THREATENED TO KILL THE JOURNALISTS", type_="THREATEN", mode="violence", sub=None)
    assert muc.incident_type(threat) == "ATTACK"
    bomb_threat = event("THEY THREATENED TO BOMB THE EMBASSY", type_="THREATEN", mode="violence", sub=None)
    assert muc.incident_type(bomb_threat) == "BOMBING"
    assert muc.incident_type(event("THEY PLAN TO ATTACK", status="planned")) is None


def test_attack_is_the_type_of_last_resort():
    assert muc.incident_type(event("A DYNAMITE ATTACK DESTROYED THE OFFICE")) == "BOMBING"
    assert muc.incident_type(event("GUNMEN ATTACKED AND KIDNAPPED THE JUDGE")) == "KIDNAPPING"
    assert muc.incident_type(event("GUNMEN SHOT THE JUDGE")) == "ATTACK"
    destroyed = dict(mode="destroy", sub="Looting/property destruction")
    assert muc.incident_type(event("THEY BURNED THREE BUSES", **destroyed)) == "ARSON"
    assert muc.incident_type(event("THEY BLEW UP THE BRIDGE WITH EXPLOSIVES", **destroyed)) == "BOMBING"
    assert muc.incident_type(event("THEY LOOTED THE BANK", **destroyed)) == "ROBBERY"
    assert muc.incident_type(event("THEY DESTROYED THE TOWER", **destroyed)) == "ATTACK"
    assert muc.incident_type(event("WORKERS WENT ON STRIKE", type_="PROTEST", mode="strike", sub=None)) is None


def test_effect_comes_from_counts_or_from_the_words_of_the_evidence():
    assert muc.predicted(result(event("THE JUDGE WAS KILLED AND HIS DRIVER WOUNDED")))["effect"] == [
        "DEATH", "INJURY"]
    counted = event("AN ATTACK ON THE BUS", quantities=[Quantity("fatalities", 4, 4, False, "4")])
    assert muc.predicted(result(counted))["effect"] == ["DEATH"]
    clash = event("3 SOLDIERS WERE KILLED IN A CLASH", mode="clash", sub="Armed clash")
    assert muc.predicted(result(clash))["effect"] == []  # not an incident, so no effect either


def test_perpetrators_skip_pronouns_and_take_the_accused():
    attack = event("THEY KILLED THE MAYOR", actors=[Actor("agent", "they", "they", "rebel"),
                                                    Actor("agent", "the FMLN", "FMLN", "rebel")])
    blame = event("THE ARMY BLAMED THE ELN", type_="ACCUSE", mode="allege", sub=None,
                  actors=[Actor("agent", "the army", "army", "state"), Actor("target", "the ELN", "ELN", "rebel")])
    pred = muc.predicted(result(attack, blame))
    assert pred["perpetrator"] == ["the FMLN", "the ELN"]
    assert ("the ELN", "accused") in pred["perpetrator_confidence"]
    assert muc.predicted(result(blame))["perpetrator"] == []  # an accusation alone is no incident
