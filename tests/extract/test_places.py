"""The event's place is the one its clause names: not a name inside an organisation's name, not a country
acting in the sentence, not a place that only describes a participant.

Sentences written for the test; publication date Saturday 14 March 2026."""


def place_of(result, type_="ASSAULT"):
    (event,) = [e for e in result.events if e.type == type_]
    return event.location.name if event.location else None


def test_a_place_inside_a_broadcasters_name_is_not_the_place(extract):
    r = extract("Gunmen attacked a clinic in Kafanchan on Monday, a nurse told Radio Jos.")
    assert place_of(r) == "Kafanchan"


def test_a_country_blamed_is_an_actor_not_the_place(extract):
    r = extract("A drone hit a bus depot in Kherson on Tuesday. Ukrainian officials blamed Russia for the attack.")
    assert place_of(r) == "Kherson"


def test_a_place_describing_a_participant_is_not_the_place(extract):
    r = extract("The Sahel Defence Front, a militia active across the Liptako region, said its fighters had "
                "ambushed a convoy near Dori on Friday.")
    assert place_of(r) == "Dori"
