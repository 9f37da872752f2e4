"""Names that are not places, though a town somewhere shares them: people, titles, plain words and firms.

Every sentence is made up for the rule it exercises; each checks both what must not become a place and what
still must."""


def named(geoparse, text, **kw):
    return [text[t.start:t.end] for t in geoparse(text, **kw)]


def test_a_surname_after_the_full_name_is_the_person(geoparse):
    # Harlow is a town in England, and this is an English story; the article gave the driver's full name first
    text = "Racing driver Jess Harlow won again on Sunday. Harlow said the new car was faster than the old one."
    assert named(geoparse, text, outlet_country="GB") == []


def test_a_surname_the_text_calls_a_place_stays_a_place(geoparse):
    text = ("Coach Dana Whitby praised her players after the final. Whitby said they had trained in Whitby, "
            "Ontario, all winter.")
    assert named(geoparse, text) == ["Whitby", "Ontario"]
    assert text.index("in Whitby") + 3 == [t.start for t in geoparse(text)][0]


def test_no_word_of_a_persons_full_name_is_a_place(geoparse):
    # Florence is a city in Italy and several in the United States; here it is a lawyer's given name
    text = "Florence Brennan, a lawyer for the families, filed the appeal in Dublin on Monday."
    assert named(geoparse, text) == ["Dublin"]


def test_a_name_after_a_title_is_a_person(geoparse):
    text = "The ship left port at dawn. Capt. Halifax ordered the crew ashore."
    assert named(geoparse, text) == []
    text = "The ship left Halifax at dawn."
    assert named(geoparse, text) == ["Halifax"]


def test_capitalised_ordinary_words_are_not_places(geoparse):
    # Caen and Washington are reachable from "Can" and "Wash" by spelling variants
    text = "Can the council afford it? Wash the fruit first, the clinic in Leeds told parents."
    assert named(geoparse, text) == ["Leeds"]


def test_a_name_does_not_start_with_a_conjunction(geoparse):
    text = "As Tyler's fortunes rose, the aides worried. But state rules differ."
    assert named(geoparse, text) == []


def test_a_lone_word_no_gazetteer_knows_needs_the_text_to_call_it_a_place(geoparse):
    # the tagger reads the yoghurt maker as a GPE; the invented village is placed by its preposition
    text = "The brands on the shelf were Heinz, Kellogg, Unilever and Danone."
    assert "Danone" not in named(geoparse, text)
    text = "The family moved to Qarrbel, a village in the hills, in 1990."
    assert named(geoparse, text) == ["Qarrbel"]


def test_a_town_named_in_its_own_institution_is_a_place(geoparse):
    # Waseca, Minnesota has 9,000 people: too small to be kept inside any organisation's name on size alone
    text = "A spokesman for the Waseca Police Department said two men were questioned."
    (waseca,) = geoparse(text, outlet_country="US")
    assert (text[waseca.start:waseca.end], waseca.place.admin1) == ("Waseca", "Minnesota")


def test_a_direction_of_a_town_is_a_locative(geoparse):
    text = "Herders fled west of Ansongo."
    assert named(geoparse, text) == ["Ansongo"]
    text = "Shelling was heard south of Marinka overnight."
    assert named(geoparse, text) == ["Marinka"]
