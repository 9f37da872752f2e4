"""What is planned, possible or only warned of is told apart from what happened.

Sentences written for the test; publication date Saturday 14 March 2026."""


def statuses(result):
    return sorted((e.type, e.status) for e in result.events)


def test_a_third_partys_warning_is_no_threat_and_what_it_warns_of_is_possible(extract):
    r = extract("Analysts warned of further Houthi attacks on shipping in the Red Sea.")
    assert ("ASSAULT", "possible") in statuses(r) and "THREATEN" not in {e.type for e in r.events}


def test_a_warning_by_the_would_be_attacker_is_a_threat(extract):
    r = extract("The militia warned that it would attack any convoy that entered the valley.")
    assert [e.type for e in r.events] == ["THREATEN"]


def test_would_in_reported_speech_is_a_plan(extract):
    r = extract("A military spokesman said the army would reinforce the garrison in Kaya.")
    assert ("MOBILIZE", "planned") in statuses(r)


def test_talks_expected_to_resume_are_planned(extract):
    r = extract("Talks between the government and the rebels are expected to resume in Doha next week.")
    assert [e.status for e in r.events if e.type == "CONSULT"] == ["planned"]


def test_each_branch_of_an_either_or_is_possible(extract):
    r = extract("The rebels said they would either push on to Kidal or negotiate a truce with the army.")
    assert {e.status for e in r.events} == {"possible"}, statuses(r)


def test_a_future_weekday_is_the_coming_one(extract):
    (march,) = [e for e in extract("Nurses will march on the parliament in Lusaka on Sunday.").events]
    assert march.status == "planned" and march.date.start == "2026-03-15"


def test_shots_in_the_air_kill_nobody(extract):
    r = extract("Hundreds of students marched in Dakar on Friday. Police fired into the air to disperse them, "
                "and nobody was hurt.")
    (protest,) = r.events
    assert protest.type == "PROTEST" and not [q for q in protest.quantities if q.category != "other"]
    assert [a.name for a in protest.actors if a.role == "agent"] == ["Police"]
