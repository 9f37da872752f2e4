"""The pipeline-event to MUC-4 mapping on hand-written events: relevance (guerrilla warfare, history,
threats), type from the pipeline's ACLED sub-event and mode, effect from its figures, confidence from its
attribution, and perpetrator fillers. The mapping reads only what the pipeline outputs."""

from __future__ import annotations

from eventatlas.evaluate import muc
from eventatlas.records import Actor, ArticleResult, Attribution, Document, Event, EventDate, Quantity, Span


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
    assert muc.incident_type(event("THEY PLAN TO ATTACK", status="planned")) is None


def test_the_instrument_is_the_pipelines_acled_sub_event_and_mode_not_the_scorers_reading():
    assert muc.incident_type(event("A DYNAMITE ATTACK DESTROYED THE OFFICE", sub="Remote explosive/landmine/IED")) \
        == "BOMBING"
    assert muc.incident_type(event("GUNMEN ATTACKED AND KIDNAPPED THE JUDGE", sub="Abduction/forced disappearance")) \
        == "KIDNAPPING"
    # the same words with the pipeline's plain "Attack": the scorer does not read the evidence for an instrument
    assert muc.incident_type(event("A DYNAMITE ATTACK DESTROYED THE OFFICE")) == "ATTACK"
    assert muc.incident_type(event("GUNMEN SHOT THE JUDGE")) == "ATTACK"
    destroyed = {"mode": "destroy", "sub": "Looting/property destruction"}
    assert muc.incident_type(event("THEY BURNED THREE BUSES", **destroyed)) == "ARSON"
    blown_up = {"mode": "destroy", "sub": "Remote explosive/landmine/IED"}
    assert muc.incident_type(event("THEY BLEW UP THE BRIDGE WITH EXPLOSIVES", **blown_up)) == "BOMBING"
    assert muc.incident_type(event("WORKERS WENT ON STRIKE", type_="PROTEST", mode="strike", sub=None)) is None


def test_effect_comes_from_the_events_figures_only():
    counted = event("THE JUDGE WAS KILLED AND HIS DRIVER WOUNDED", quantities=[
        Quantity("fatalities", 1, 1, False, "THE JUDGE"), Quantity("injured", 1, 1, False, "HIS DRIVER")])
    assert muc.predicted(result(counted))["effect"] == ["DEATH", "INJURY"]
    assert muc.predicted(result(event("THE JUDGE WAS KILLED")))["effect"] == []  # words alone: not read
    clash = event("3 SOLDIERS WERE KILLED IN A CLASH", mode="clash", sub="Armed clash",
                  quantities=[Quantity("fatalities", 3, 3, False, "3 SOLDIERS")])
    assert muc.predicted(result(clash))["effect"] == []  # not an incident, so no effect either


def test_confidence_comes_from_attribution_and_status():
    fmln = Actor("agent", "the FMLN", "FMLN", "rebel")
    own_word = event("THE FMLN SAID IT BLEW UP THE PYLON", actors=[fmln])
    own_word.attribution = Attribution("the FMLN", None, None, "THE FMLN SAID")
    assert muc.confidence_of(own_word) == "claimed"
    hedged = event("THE FMLN REPORTEDLY BLEW UP THE PYLON", actors=[fmln])
    hedged.attribution = Attribution(None, None, None, "REPORTEDLY")
    assert muc.confidence_of(hedged) == "accused"
    assert muc.confidence_of(event("THE FMLN MAY HAVE BLOWN UP THE PYLON", status="possible", actors=[fmln])) \
        == "accused"
    police = event("THE FMLN BLEW UP THE PYLON, POLICE SAID", actors=[fmln])
    police.attribution = Attribution("police", None, None, "POLICE SAID")
    assert muc.confidence_of(police) == "fact"


def test_perpetrators_skip_pronouns_and_take_the_accused():
    attack = event("THEY KILLED THE MAYOR", actors=[Actor("agent", "they", "they", "rebel"),
                                                    Actor("agent", "the FMLN", "FMLN", "rebel")])
    blame = event("THE ARMY BLAMED THE ELN", type_="ACCUSE", mode="allege", sub=None,
                  actors=[Actor("agent", "the army", "army", "state"), Actor("target", "the ELN", "ELN", "rebel")])
    pred = muc.predicted(result(attack, blame))
    assert pred["perpetrator"] == ["the FMLN", "the ELN"]
    assert ("the ELN", "accused") in pred["perpetrator_confidence"]
    assert muc.predicted(result(blame))["perpetrator"] == []  # an accusation alone is no incident
