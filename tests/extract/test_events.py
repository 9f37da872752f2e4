"""Events from single sentences: type, ACLED mapping, status, actors, attribution and date.

Each sentence is written for the test; the publication date is Saturday 14 March 2026."""

import pytest


def only_event(result, type_=None):
    events = [e for e in result.events if type_ is None or e.type == type_]
    assert len(events) == 1, [(e.type, e.evidence.text) for e in result.events]
    return events[0]


def agent(event):
    return next((a for a in event.actors if a.role == "agent"), None)


def test_shelling_with_victims_and_a_named_official(extract):
    e = only_event(extract("Russian forces shelled Kharkiv on Friday, killing at least 12 civilians, "
                           "regional governor Oleh Syniehubov said."))
    assert (e.type, e.status) == ("ASSAULT", "occurred")
    assert e.acled == {"event_type": "Explosions/Remote violence",
                       "sub_event_type": "Shelling/artillery/missile attack"}
    assert agent(e).name == "Military Forces of Russia" and agent(e).country_code == "RU"
    assert e.date.start == "2026-03-13" and e.date.precision == "day"
    assert [(q.category, q.low, q.high) for q in e.quantities] == [("fatalities", 12, None)]
    assert "Syniehubov" in e.attribution.speaker
    assert e.location is not None and e.location.country_code == "UA"


def test_a_strike_mentioned_twice_is_one_event(extract):
    r = extract("An air strike hit a market in Idlib on Tuesday. The strike killed nine people and wounded "
                "20, according to the Syrian Observatory for Human Rights.")
    e = only_event(r, "ASSAULT")
    assert e.acled["sub_event_type"] == "Air/drone strike"
    assert {(q.category, q.low) for q in e.quantities} == {("fatalities", 9), ("injured", 20)}


@pytest.mark.parametrize("sentence,status", [
    ("Israeli troops are expected to withdraw from Khan Younis next week.", "planned"),
    ("The army will withdraw its forces from the town on Monday.", "planned"),
    ("The army denied carrying out the strike.", "denied"),
    ("Officials said rebels could attack the airport.", "possible"),
    ("If talks fail, the rebels would attack the capital.", "hypothetical"),
    ("Government troops withdrew from Bakhmut on Friday.", "occurred"),
])
def test_status_tells_happened_from_planned_possible_denied_and_hypothetical(extract, sentence, status):
    events = [e for e in extract(sentence).events if e.type in ("RETREAT", "ASSAULT")]
    assert events and events[0].status == status


def test_only_events_that_happened_get_an_acled_type(extract):
    e = only_event(extract("Israeli troops are expected to withdraw from Khan Younis next week."))
    assert e.type == "RETREAT" and e.status == "planned" and e.acled is None


def test_agreeing_to_a_ceasefire_is_an_agreement_that_happened(extract):
    e = only_event(extract("The army and the rebels agreed to a ceasefire on Sunday."), "AGREE")
    assert e.status == "occurred" and e.acled["sub_event_type"] == "Agreement"
    assert e.date.start == "2026-03-08"


def test_a_town_taken_by_an_armed_group(extract):
    e = only_event(extract("Islamic State militants captured the town of Menaka on Saturday."))
    assert e.acled["sub_event_type"] == "Non-state actor overtakes territory"
    assert agent(e).name == "Islamic State" and agent(e).type == "rebel"
    assert e.location is not None and e.location.country_code == "ML"


def test_protest_dispersed_with_tear_gas(extract):
    e = only_event(extract("Police fired tear gas to disperse hundreds of protesters in Nairobi on Thursday."))
    assert e.acled == {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
    assert agent(e).type == "state"
    assert any(a.role == "target" and a.type == "protesters" for a in e.actors)


def test_told_afp_is_the_agency_the_account_came_via(extract):
    e = only_event(extract("Gunmen abducted 20 passengers near Gao on Friday, a local official told AFP."))
    assert e.acled["sub_event_type"] == "Abduction/forced disappearance"
    assert e.attribution.via == "AFP"
    assert ("hostages", 20, 20) in [(q.category, q.low, q.high) for q in e.quantities]


def test_the_group_refers_back_to_the_named_actor(extract):
    r = extract("Al-Shabaab fighters stormed a police station in Mogadishu on Friday. "
                "The group later attacked an army base nearby.")
    agents = [agent(e).name for e in r.events if e.type == "ASSAULT" and agent(e)]
    assert agents.count("Al-Shabaab") == 2


def test_editorial_lines_are_opinions_not_events(extract):
    r = extract("This is a shameful betrayal of the people we claim to protect! We must act now.")
    assert r.events == [] and len(r.opinions) == 2


def test_conflicting_figures_stay_side_by_side(extract):
    r = extract("The health ministry said 40 people had been killed in the attack, while the monitoring "
                "group put the toll at 25 to 30.")
    e = only_event(r, "ASSAULT")
    assert ("fatalities", 40, 40) in [(q.category, q.low, q.high) for q in e.quantities]
    other = [c for c in r.claims if c.kind == "casualties"]
    assert other and (other[0].quantity.low, other[0].quantity.high) == (25, 30)
    assert "monitoring group" in other[0].attribution.speaker


def test_control_share_is_a_claim(extract):
    r = extract("The rebels now control about 85% of the city, a local official said.")
    claim = next(c for c in r.claims if c.kind == "control")
    assert claim.share == 0.85 and claim.attribution.speaker == "a local official"


@pytest.mark.parametrize("sentence,name,country", [
    ("Norwegian nurses handed over 300 boxes of vaccines to a clinic in Herat on Monday.", "Norwegian nurses", "NO"),
    ("Leaders of the Renewal opposition alliance agreed on Tuesday to delay the rally.",
     "Leaders Renewal opposition alliance", None),
])
def test_a_national_or_named_body_outside_the_dictionary_is_still_the_agent(extract, sentence, name, country):
    e = max(extract(sentence).events, key=lambda e: e.confidence)
    a = agent(e)
    assert a is not None and a.name.lower().startswith(name.lower().split()[0]) and a.country_code == country


def test_the_town_of_a_place_is_where_not_who(extract):
    e = only_event(extract("Government troops recaptured the town of Kyaukme in northern Shan state on Thursday."))
    assert all("Kyaukme" not in a.text for a in e.actors)
    assert e.location is not None and e.location.name == "Kyaukme"


def test_an_event_in_a_relative_clause_ranks_below_the_sentence_news(extract):
    r = extract("Kenya has offered to hand over to Uganda three of its citizens suspected of blowing up a "
                "bridge in 2015.")
    main = max(r.events, key=lambda e: e.confidence)
    assert main.type != "ASSAULT", [(e.type, e.confidence) for e in r.events]


def test_a_headline_without_a_full_stop_still_yields_its_event(extract):
    text = "Bombardment hits Kherson and Nikopol"
    e = only_event(extract(text, published=None), "ASSAULT")
    # the stop the parser saw is not quoted: evidence points into the text as written
    assert (e.evidence.start, e.evidence.end, e.evidence.text) == (0, len(text), text)


def test_the_subject_of_a_verb_over_a_noun_trigger_does_it(extract):
    e = only_event(extract("Canada finished the withdrawal of its police trainers from Haiti on Wednesday."), "RETREAT")
    assert agent(e) is not None and agent(e).country_code == "CA"


@pytest.mark.parametrize("sentence,recipient", [
    ("Denmark gave Malawi a loan of 40 million euros on Monday.", "Malawi"),
    ("Ireland delivered food aid to Chad on Friday.", "Chad"),
    ("The president met with opposition leaders on Tuesday.", "opposition leaders"),
])
def test_the_other_party_of_a_peaceful_act_is_its_target(extract, sentence, recipient):
    e = max(extract(sentence).events, key=lambda e: e.confidence)
    assert e.type != "ASSAULT"
    assert recipient in [a.text for a in e.actors if a.role == "target"], [(a.role, a.text) for a in e.actors]


def test_the_us_is_a_country_not_a_first_person_opinion(extract):
    r = extract("The US on Wednesday rejected a proposal from Mexico to reopen the trade talks.")
    assert not r.opinions
    assert only_event(r, "REJECT").status == "occurred"
    assert extract("We must never forget what they did to us.").opinions


def test_advice_and_any_kind_of_event_are_not_events(extract):
    r = extract("Rights groups said the bloc should also target those who supply weapons. The group said it "
                "was ready to cooperate with any independent investigation.")
    assert {e.type for e in r.events} <= {"COOPERATE"}, [(e.type, e.status) for e in r.events]
    assert not r.opinions  # reported advice is somebody's, not the outlet's


@pytest.mark.parametrize("sentence,type_", [
    ("The governor promised on Monday to reopen the schools.", "AGREE"),
    ("The government reneged on its pledge to lift the curfew.", "REJECT"),
])
def test_promises_and_broken_promises_are_coded(extract, sentence, type_):
    from eventatlas.extract.ontology import main_event, plover_as_coded
    assert plover_as_coded(main_event(extract(sentence).events)) == type_


def test_a_force_named_by_kind_alone_is_the_state_where_it_acts(extract):
    e = only_event(extract("Soldiers shot dead two smugglers near Kasese on Monday."), "ASSAULT")
    assert agent(e).type == "state" and agent(e).country_code == "UG"
    foreign = only_event(extract("Russian jets struck villages near Idlib on Friday."))
    assert agent(foreign).country_code == "RU" and foreign.location.country_code == "SY"


def test_an_attack_with_explosives_is_a_planted_device_not_an_air_strike(extract):
    e = only_event(extract("Guerrillas attacked the power station with dynamite on Tuesday."))
    assert e.acled["sub_event_type"] == "Remote explosive/landmine/IED"
    assert only_event(extract("Warplanes bombed the town of Saraqeb on Monday.")).acled["sub_event_type"] == \
        "Air/drone strike"


def test_persons_and_citizens_are_civilians(extract):
    e = only_event(extract("Two persons were killed when militiamen raided the village of Djugu on Sunday."),
                   "ASSAULT")
    assert any(a.role == "target" and a.type == "civilians" for a in e.actors), e.actors


def test_an_armed_strike_is_a_stay_at_home_order_not_an_air_strike(extract):
    (e,) = extract("The rebels enforced an armed strike across Arauca on Friday, ordering residents to stay "
                   "at home.").events
    assert e.type == "COERCE"


def test_a_word_that_names_what_is_made_is_no_event(extract):
    events = extract("Police said the two men were carrying bomb-making materials.").events
    assert not [e for e in events if e.type == "ASSAULT"]
