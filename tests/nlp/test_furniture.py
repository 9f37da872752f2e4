"""Page furniture (share lines, photo credits, links to other stories, copyright lines) is not article text.

Lines written for the test."""

import pytest

from eventatlas.nlp.dateline import dateline_end
from eventatlas.nlp.furniture import blank_furniture, furniture_lines, is_furniture

PAGE = ("Share this article\n\n"
        "GAO, Mali - Gunmen attacked a bus near Gao on Monday, killing four passengers.\n\n"
        "Photo: The burnt bus on the road north of Gao. Awa Traore / Sahel Wire\n\n"
        "Related: Drought empties villages along the river\n\n"
        "Share on Facebook | Share on X | Email\n\n"
        "Advertisement\n\n"
        "© 2026 Sahel Wire. All rights reserved.")


@pytest.mark.parametrize("line", ["Share this article", "Photo: The burnt bus. A. Traore / Sahel Wire",
                                  "Related: Drought empties villages", "Read more: Five killed in a blast",
                                  "Share on Facebook | Share on X | Email", "Advertisement",
                                  "© 2026 Sahel Wire. All rights reserved.", "Photo credit: A. Traore"])
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Gunmen attacked a bus near Gao on Monday.", "Related groups denied it.",
                                  "Photographers were detained in Bamako on Friday."])
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_blanking_keeps_every_offset_and_the_dateline_is_found_after_furniture():
    blanked = blank_furniture(PAGE)
    assert len(blanked) == len(PAGE) and "Related" not in blanked and "Gunmen attacked" in blanked
    assert len(furniture_lines(PAGE)) == 6
    assert PAGE[dateline_end(PAGE):].startswith("Gunmen attacked")


def test_no_event_comes_from_furniture(extract):
    r = extract(PAGE)
    assert [e.type for e in r.events] == ["ASSAULT"]
    assert all("Related" not in s.text and "Read more" not in s.text for e in r.events for s in e.mentions)
