"""One real event is one record however many sentences mention it; two events stay two.

Every article here is written for the test (the events are invented); publication date Saturday 14 March 2026."""


def of_type(result, type_):
    return [e for e in result.events if e.type == type_]


def test_a_protest_met_with_force_is_one_protest_and_the_arrests_one_more(extract):
    r = extract("Riot police broke up a sit-in by nurses outside the health ministry in Lusaka with water cannon "
                "on Monday and held 30 of them.")
    protests, arrests = of_type(r, "PROTEST"), of_type(r, "COERCE")
    assert len(protests) == 1 and len(arrests) == 1, [(e.type, e.mode) for e in r.events]
    assert protests[0].acled["sub_event_type"] == "Protest with intervention"
    assert arrests[0].acled["sub_event_type"] == "Arrests"
    assert not of_type(r, "ASSAULT")


def test_force_told_in_the_next_sentence_joins_the_protest(extract):
    r = extract("Hundreds of teachers marched on the education ministry in Kisumu on Tuesday. "
                "Officers fired tear gas to disperse them.")
    protests = of_type(r, "PROTEST")
    assert len(protests) == 1 and len(r.events) == 1, [(e.type, e.evidence.text) for e in r.events]
    assert protests[0].acled["sub_event_type"] == "Protest with intervention"
    assert len(protests[0].mentions) == 2


def test_casualties_in_a_later_sentence_join_their_attack(extract):
    r = extract("A car bomb exploded outside a bank in Kirkuk on Thursday, killing four people and wounding 15, "
                "police said. Two of the dead were traffic officers. The wounded were taken to the city hospital.")
    attacks = of_type(r, "ASSAULT")
    assert len(attacks) == 1, [(e.type, e.evidence.text) for e in r.events]
    (attack,) = attacks
    assert {(q.category, q.low) for q in attack.quantities} == {("fatalities", 4), ("injured", 15)}
    assert len(attack.mentions) == 3 and attack.mentions[0] == attack.evidence


def test_a_claim_of_responsibility_joins_the_attack_and_names_its_agent(extract):
    r = extract("Two roadside bombs struck a police patrol near Gao on Wednesday, killing three officers. "
                "Islamic State Sahel Province said its fighters had planted the bombs.")
    (attack,) = of_type(r, "ASSAULT")
    assert [a.name for a in attack.actors if a.role == "agent"] == ["Islamic State Sahel Province"]


def test_the_same_group_attacking_later_somewhere_else_is_a_second_event(extract):
    r = extract("Al-Shabaab fighters stormed a police station in Mogadishu on Friday. "
                "The group later attacked an army base nearby.")
    assert len(of_type(r, "ASSAULT")) == 2


def test_a_meeting_that_produces_an_agreement_is_the_agreement(extract):
    r = extract("The leaders of Chad and Niger agreed at a summit in Niamey on Wednesday to reopen their border.")
    assert [e.type for e in r.events if e.type in ("CONSULT", "AGREE")] == ["AGREE"]


def test_a_killing_in_a_raid_is_one_event(extract):
    r = extract("Soldiers killed six fighters in a raid on a camp near Diffa on Sunday, the army said.")
    assert len(r.events) == 1 and r.events[0].type == "ASSAULT", [(e.type, e.mode) for e in r.events]


def test_force_that_kills_protesters_is_the_protest_it_met(extract):
    for text in ("Police opened fire on traders protesting over a new levy in Kano on Monday, killing one of "
                 "them, witnesses said.",
                 "police opened fire on traders protesting over a new levy in kano on monday, killing one of "
                 "them, witnesses said."):
        r = extract(text)
        (e,) = r.events
        assert (e.type, e.acled["sub_event_type"]) == ("PROTEST", "Excessive force against protesters")
        assert [(a.role, a.name) for a in e.actors] == [("agent", "Police"), ("target", "protesters")]
        assert [(q.category, q.low) for q in e.quantities] == [("fatalities", 1)]


def test_a_definite_weapon_or_the_wounded_point_back_to_their_attack(extract):
    r = extract("Two roadside bombs hit an army convoy near Gao on Monday, killing nine soldiers. "
                "The devices went off minutes apart, destroying two trucks.")
    (e,) = r.events
    assert len(e.mentions) == 2 and [a.name for a in e.actors if a.role == "target"] == ["Military Forces of Mali"]
    # where the wounded were taken is not where the bomb went off
    r = extract("A car bomb exploded at a bus station in Tuz Khurmatu on Sunday, killing six people. "
                "The wounded were taken to hospitals in Kirkuk.")
    (e,) = r.events
    assert len(e.mentions) == 2 and e.location.text == "Tuz Khurmatu"


def test_a_later_death_from_the_attack_joins_it_and_the_raised_toll_replaces_the_first(extract):
    r = extract("Gunmen killed seven people at a wedding in Uruapan on Sunday. A boy who was wounded in the attack "
                "died in hospital on Monday, raising the toll to eight.")
    (e,) = r.events
    assert e.date.start == "2026-03-08" and len(e.mentions) == 2
    assert [(q.category, q.low) for q in e.quantities if q.category == "fatalities"] == [("fatalities", 8)]
