"""find_credits: the outlets a story names as its sources, not every organisation it mentions."""

from __future__ import annotations

import pytest

from eventatlas.ingest.credits import agencies, find_credits


@pytest.mark.parametrize("text,credits", [
    ("KYIV (Reuters) - Russian forces shelled the city overnight.", ["Reuters"]),
    ("(Reuters) - Oil prices rose on Monday.", ["Reuters"]),
    ("LONDON (AFP) \u2014 Thousands marched through central London.", ["AFP"]),
    ("KYIV, Ukraine (AP) \u2014 Drones hit a depot.", ["Associated Press"]),
    ("BEIRUT, Lebanon (The Daily Star) \u2013 A blast shook the port.", ["The Daily Star"]),
    ("Protest numbers grew.\n\nH/T Kyiv Independent / Ukrainska Pravda", ["Kyiv Independent", "Ukrainska Pravda"]),
    ("Video of the strike, via Reuters, showed a large fire.", ["Reuters"]),
    ("Reuters contributed reporting.", ["Reuters"]),
    ("The Associated Press contributed to this report.", ["Associated Press"]),
    ("Jane Doe of The New York Times and Reuters contributed reporting.", ["The New York Times", "Reuters"]),
    ("Reporting by John Smith; Additional reporting by Jane Doe in Gaza for Reuters; Editing by Tom Lee",
     ["Reuters"]),
    ("Additional reporting by AFP and dpa.", ["AFP", "dpa"]),
    ("Clashes continued into the night. - with AFP", ["AFP"]),
    ("Clashes continued into the night.\n\n(With Reuters)", ["Reuters"]),
    ("BAMAKO (AFP) \u2014 Gunmen attacked.\n\nAdditional reporting by Reuters.", ["AFP", "Reuters"]),
    # a headline run into the dateline (with an abbreviated state, and with an abbreviation in the headline),
    # and a dash lost when Windows-1252 text was read as Latin-1
    ("Bakery to expand. BARTOW, Fla. (AP) \u2014 The owners said.", ["Associated Press"]),
    ("Crowds line Main St. for the parade. TOLEDO (AP)\x97 The council said.", ["Associated Press"]),
    ("Washington (CNN) \u2014 The Senate voted.", ["CNN"]),
    ("Associated Press writers Maria Okafor and Dan Whitley in Tulsa contributed to this report.",
     ["Associated Press"]),
])
def test_credit_forms(text, credits):
    assert find_credits(text) == credits


@pytest.mark.parametrize("text", [
    "Aid reached Gaza via Egypt on Tuesday.",                          # a route, not a source
    "Jane Doe contributed reporting from Kyiv.",                        # a person, not an outlet
    "He said in an interview with AFP that the war would go on.",       # an interview, not a credit line
    "Islamic State (IS) - the group behind the attack - said nothing.",  # parentheses without a dateline
    "The army (which denied it) - said nothing.",
    "Staff writers Jane Doe and John Roe contributed reporting.",
    "Troops moved in with tanks and artillery.",
    "",
])
def test_mentions_that_are_not_credits(text):
    assert find_credits(text) == []


def test_each_outlet_is_credited_once_in_order_of_first_mention():
    text = "GAZA (Reuters) - Strikes hit.\n\nVideo via AFP showed it.\n\nAdditional reporting by Reuters."
    assert find_credits(text) == ["Reuters", "AFP"]


def test_agency_aliases_come_from_the_data_file():
    table = agencies()
    assert table["Agence France-Presse"] == "AFP" and table["AP"] == "Associated Press"
    assert find_credits("MOSCOW (Interfax) - A fire broke out.") == ["Interfax"]


@pytest.mark.parametrize("line", [
    "with " + "A&" * 30 + "A!",               # the closing-credit pattern used to try every split of the names
    "- With " + "Reuters, " * 2000 + "AFP.",   # a long list of names ends as a list, not in a search
    "(" * 5000 + "Reuters" + ")" * 5000,
    "H/T " + "A / " * 5000,
    "via " + "The " * 5000,
    "Jane Doe " * 5000 + "contributed reporting.",
    ("Additional reporting by " + "x" * 50) * 2000,
    "KYIV" + " K" * 20_000 + " (AP) - text",
])
def test_hostile_lines_are_read_in_linear_time(line):
    """Each line once took longer than a test may wait (the first, 60 bytes, more than 150 s)."""
    from .ingest_helpers import within

    with within(5):
        find_credits(line)


def test_a_closing_credit_still_reads_a_list_of_agencies():
    assert find_credits("Troops moved in.\n\nWith AFP, Reuters & AP") == ["AFP", "Reuters", "Associated Press"]
    assert find_credits("Troops moved in. (With Reuters and AFP)") == ["Reuters", "AFP"]
