"""Claims of a standing situation, in any voice: who controls what share of a place, hostages held, people
stranded. Sentences written for the test; publication date Saturday 14 March 2026."""

import pytest


def claims(result, kind):
    return [c for c in result.claims if c.kind == kind]


@pytest.mark.parametrize("sentence,share", [
    ("The rebels now control about 85% of the city, a local official said.", 0.85),
    ("Two thirds of Walikale territory is now held by M23, according to a UN official.", 0.67),
    ("Half of the district is controlled by the army.", 0.5),
])
def test_a_share_of_a_place_held(extract, sentence, share):
    (claim,) = claims(extract(sentence), "control")
    assert claim.share == pytest.approx(share, abs=0.01) and claim.subject is not None


def test_a_place_that_remains_under_someones_control(extract):
    (claim,) = claims(extract("The village of Bambo remains under rebel control."), "control")
    assert claim.share is None and claim.subject is not None


def test_capturing_a_town_is_an_event_and_a_change_of_hands_not_a_standing_claim(extract):
    r = extract("The rebels captured the town of Kiwanja on Friday.")
    assert [e.type for e in r.events] == ["ASSAULT"]
    assert [c.control.change for c in claims(r, "control")] == ["took"]


def test_people_a_gang_is_still_holding(extract):
    (claim,) = claims(extract("The gang is still holding 26 passengers in the hills, police said."), "hostages")
    assert (claim.quantity.low, claim.quantity.high) == (26, 26)


def test_families_that_remain_stranded(extract):
    (claim,) = claims(extract("About 300 families remain stranded near the river crossing."), "civilians")
    assert claim.quantity.low == 300
