"""Who acted, followed through short articles written for the test: pronouns, definite descriptions,
relative clauses, and force used against a protest. The publication date is Saturday 14 March 2026."""

from __future__ import annotations

from .extract_helpers import agent_names, events_of


def test_a_definite_description_with_its_own_words_is_no_earlier_party(extract):
    r = extract("Soldiers clashed with rebels near Beni on Friday. The Ugandan foreign ministry accused the "
                "rebels of recruiting children.")
    (accusation,) = events_of(r, "ACCUSE")
    assert any("ministry" in name.lower() for name in agent_names(accusation))


def test_who_acted_in_a_relative_clause_is_the_noun_it_describes(extract):
    r = extract("Police arrested a man who attacked a checkpoint in Kirkuk on Tuesday.")
    (attack,) = events_of(r, "ASSAULT")
    assert "Police" not in agent_names(attack)


def test_force_against_a_march_is_that_protest_s_intervention_not_an_attack_apart(extract):
    r = extract("Police used tear gas against hundreds of people marching against a water tariff in Lusaka on "
                "Friday, and one protester was killed, a rights group said.")
    assert not events_of(r, "ASSAULT")
    (protest,) = events_of(r, "PROTEST")
    assert protest.acled["sub_event_type"] == "Excessive force against protesters"
    assert ("fatalities", 1) in [(q.category, q.low) for q in protest.quantities]
