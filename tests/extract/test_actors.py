"""Actors are who acted and whom they acted on, under their canonical names: pronouns and relative pronouns
resolve to what they stand for, unnamed forces are their country's, victims are civilians.

Sentences written for the test; publication date Saturday 14 March 2026."""

import pytest


def roles(event, role):
    return [a.name for a in event.actors if a.role == role]


def only(result, type_):
    (event,) = [e for e in result.events if e.type == type_]
    return event


def test_a_relative_pronoun_is_its_antecedent(extract):
    r = extract("Fighters of Fano, which seized the town of Debark on Sunday, looted the market.")
    assert all("Fano" in roles(e, "agent") for e in r.events if e.type == "ASSAULT"), \
        [(e.type, roles(e, "agent")) for e in r.events]


def test_it_under_a_reporting_verb_is_the_speaker(extract):
    e = only(extract("The army said it had retaken the town of Kaya on Friday."), "ASSAULT")
    assert roles(e, "agent") == ["Military Forces of Burkina Faso"]
    assert e.acled["sub_event_type"] == "Government regains territory"


def test_they_are_the_commanders_group(extract):
    e = only(extract("Rapid Support Forces commanders said they had taken two villages near Bara on Monday."),
             "ASSAULT")
    assert roles(e, "agent") == ["Rapid Support Forces"]
    assert e.acled["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_pronoun_target_is_not_the_clauses_own_agent(extract):
    r = extract("Hundreds of traders protested in Kano on Monday. Police detained 23 of them.")
    assert "Police" not in roles(only(r, "COERCE"), "target")


def test_unnamed_soldiers_are_the_forces_of_the_country_they_fight_in(extract):
    e = only(extract("Soldiers killed five bandits near Gusau on Wednesday."), "ASSAULT")
    assert roles(e, "agent") == ["Military Forces of Nigeria"]


def test_passive_and_oblique_agents(extract):
    e = only(extract("A student was shot dead by police in Nairobi on Monday."), "ASSAULT")
    assert roles(e, "agent") == ["Police"] and roles(e, "target") == ["civilians"]
    e = only(extract("Two farmers died in army shelling of Idlib province on Friday."), "ASSAULT")
    assert roles(e, "agent") and roles(e, "agent")[0].startswith("Military Forces of")


@pytest.mark.parametrize("sentence,dead", [
    ("A tailor died in police firing in Mymensingh on Monday.", 1),
    ("Two traders were killed in police firing at a market in Sylhet on Monday.", 2),
])
def test_police_firing_names_its_agent_and_its_dead(extract, sentence, dead):
    e = only(extract(sentence), "ASSAULT")
    assert roles(e, "agent") == ["Police"]
    assert [(q.low, q.high) for q in e.quantities if q.category == "fatalities"] == [(dead, dead)]
    assert e.acled["sub_event_type"] == "Attack"  # gunfire on people, not shelling


def test_a_country_acts_through_its_forces_or_its_government(extract):
    r = extract("Russia launched a missile strike on Odesa on Friday. Russia accused Ukraine of shelling "
                "Donetsk.")
    strike = next(e for e in r.events if e.type == "ASSAULT")
    assert roles(strike, "agent") == ["Military Forces of Russia"]
    accusation = next(e for e in r.events if e.type == "ACCUSE")
    assert roles(accusation, "agent") == ["Government of Russia"] and \
        any(a.text == "Russia" for a in accusation.actors)


def test_every_actor_alias_starts_with_a_word_character():
    # the alias pattern skips non-word runs with a lookahead (tests/reliability/test_linear_patterns.py)
    from eventatlas.extract.lexicon import actor_aliases

    assert all(alias[:1].isalnum() for alias in actor_aliases()[1])
