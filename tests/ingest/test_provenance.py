"""Files that carry no metadata: the publication date and outlet come from the text's own first line, then
from what the user says (`ingest --published DATE --outlet NAME`); an input's own metadata always wins."""

from __future__ import annotations

import json

import pytest

from eventatlas.ingest import read_inputs
from eventatlas.ingest.provenance import check_published, stated_provenance

STORY_LINE = """This story is from the Lakeside Courier, 4 February 2026

Floods close the Kisumu road

Heavy rain on Tuesday washed away part of the road between Kisumu and Kakamega, police said."""

WIRE = """GOMA, February 3 (Rift Wire) - Rebels shelled a camp for displaced families outside Goma on Monday, \
killing three people, the provincial governor said."""

PLAIN = "Gunmen attacked a bus near Gao on Friday, killing four passengers, a local official said."


def read(tmp_path, name: str, text: str, **defaults):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], **defaults))
    return doc


def test_a_provenance_line_gives_outlet_date_and_leaves_the_headline_as_title(tmp_path):
    doc = read(tmp_path, "flood.txt", STORY_LINE)
    assert (doc.outlet, doc.published, doc.title) == ("Lakeside Courier", "2026-02-04", "Floods close the Kisumu road")
    assert doc.text[doc.body_start:].startswith("Heavy rain on Tuesday")


def test_a_wire_dateline_gives_the_outlet_and_the_day_and_the_user_the_year(tmp_path):
    assert stated_provenance(WIRE).month_day == (2, 3)
    without_year = read(tmp_path, "goma.txt", WIRE)
    assert (without_year.outlet, without_year.published) == ("Rift Wire", None)
    with_year = read(tmp_path, "goma.txt", WIRE, published="2026")
    assert with_year.published == "2026-02-03"
    # a full date picks the year that puts the dateline's day nearest to it
    assert read(tmp_path, "goma.txt", WIRE.replace("February 3", "December 31"),
                published="2026-01-02").published == "2025-12-31"


def test_the_users_values_fill_only_what_the_input_and_its_text_leave_open(tmp_path):
    plain = read(tmp_path, "gao.txt", PLAIN, published="2026-02-06", outlet="Sahel Desk")
    assert (plain.outlet, plain.published) == ("Sahel Desk", "2026-02-06")
    stated = read(tmp_path, "flood.txt", STORY_LINE, published="2026-02-10", outlet="Sahel Desk")
    assert (stated.outlet, stated.published) == ("Lakeside Courier", "2026-02-04")
    meta = {"text": WIRE, "published": "2026-02-04", "outlet": "Great Lakes Post"}
    own = read(tmp_path, "own.json", json.dumps(meta), published="2026-01-01", outlet="Sahel Desk")
    assert (own.outlet, own.published) == ("Great Lakes Post", "2026-02-04")


@pytest.mark.parametrize("value, ok", [("2026-02-06", True), ("2026-02", True), ("2026", True),
                                       ("2026-02-30", False), ("06/02/2026", False), ("2026-13", False)])
def test_published_takes_a_day_a_month_or_a_year(value, ok):
    if ok:
        assert check_published(value) == value
    else:
        with pytest.raises(ValueError, match="not a"):
            check_published(value)
