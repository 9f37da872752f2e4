"""When and by whom an article was published, for inputs that carry no metadata of their own (a folder of
.txt files): what the text says about itself, then what the user said (`ingest --published --outlet`).

The text says it in its first paragraph, in one of two forms:
- a provenance line, the whole paragraph: "This story is from the Harbour Gazette, 21 March 2026";
- a wire dateline opening the body: "MOGADISHU, March 23 (Coast Wire) - ...", which gives the outlet and
  the day, but often no year: the year then comes from the user's --published (a year, a month or a day).

An input's own metadata (a JSON field, a "Published:" header) always wins; then the text; then the user."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventatlas.ingest.dates import _MONTH, _MONTHS, normalise_date
from eventatlas.records import Document

_PROVENANCE = re.compile(
    r"(?:this|the) (?:story|article|report) (?:is|was|comes) (?:from|published by|first published (?:in|by)) "
    r"(?P<outlet>[^,\n]{2,80}?),\s*(?P<date>[^\n]{6,40}?)\s*\.?\s*$", re.I)
_WIRE_DATELINE = re.compile(
    rf"[A-Z][A-Z .'-]{{1,40}},(?:[^,(\n]{{1,40}},)?\s*(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
    rf"(?:,\s*(?P<year>\d{{4}}))?\s*\((?P<outlet>[A-Za-z][A-Za-z .&'-]{{1,50}})\)\s*[-—–]", re.I)
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass
class Stated:
    """What an article's first paragraph says about its own publication."""
    outlet: str | None = None
    published: str | None = None        # YYYY-MM-DD when the text gives the year
    month_day: tuple[int, int] | None = None  # a dateline's day without a year
    line_end: int = 0                   # where a provenance line (a paragraph of its own) ends; 0: none


def _first_paragraph(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    brk = re.compile(r"\r?\n[ \t]*\r?\n").search(text, start)
    return start, brk.start() if brk else len(text)


def _outlet_name(name: str) -> str:
    name = " ".join(name.split())
    # "from the Nile Observer": a lower-case "the" is the sentence's article, not part of the name
    return name[4:] if name.startswith("the ") else name


def stated_provenance(text: str) -> Stated:
    start, end = _first_paragraph(text)
    first = text[start:end]
    if m := _PROVENANCE.fullmatch(first.strip()):
        return Stated(outlet=_outlet_name(m["outlet"]), published=normalise_date(m["date"]), line_end=end)
    if m := _WIRE_DATELINE.match(first):
        day = (_MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
        published = normalise_date(f"{m['year']}-{day[0]:02d}-{day[1]:02d}") if m["year"] else None
        return Stated(outlet=_outlet_name(m["outlet"]), published=published, month_day=None if published else day)
    return Stated()


def check_published(value: str) -> str:
    """A --published value as given: YYYY-MM-DD, YYYY-MM or YYYY; ValueError naming it otherwise."""
    m = _PARTIAL.match(value.strip())
    if not m or (m[2] and not 1 <= int(m[2]) <= 12):
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD, YYYY-MM or YYYY form")
    if m[3] and normalise_date(value) is None:
        raise ValueError(f"{value!r} is not a day of the calendar")
    return value.strip()


def _with_year(month_day: tuple[int, int], given: str) -> str | None:
    """A dateline's day in the year of `given` (YYYY[-MM[-DD]]); for a full date, the year that puts the
    day nearest to it ("December 31" filed on 2 January is last year's)."""
    m = _PARTIAL.match(given)
    if not m:
        return None
    year = int(m[1])
    candidates = [year] if not m[3] else [year - 1, year, year + 1]
    anchor = date(year, int(m[2] or 1), int(m[3] or 1))
    days = []
    for y in candidates:
        try:
            days.append(date(y, *month_day))
        except ValueError:  # 29 February of a common year
            continue
    return min(days, key=lambda d: abs((d - anchor).days)).isoformat() if days else None


def fill_metadata(doc: Document, *, published: str | None = None, outlet: str | None = None) -> Document:
    """Complete a Document's missing publication date and outlet from its text, then from the user's values
    (published: YYYY-MM-DD, or YYYY-MM / YYYY to complete a dateline's day). Changes doc in place."""
    stated = stated_provenance(doc.text)
    if doc.outlet is None:
        doc.outlet = stated.outlet or outlet
    if doc.published is None:
        doc.published = stated.published
        if doc.published is None and stated.month_day and published:
            doc.published = _with_year(stated.month_day, published)
        if doc.published is None and published and len(published) == 10:
            doc.published = normalise_date(published)
    if stated.line_end:
        _skip_provenance_line(doc, stated.line_end)
    return doc


def _skip_provenance_line(doc: Document, line_end: int) -> None:
    """The provenance line is no headline (a text reader took it for one): the paragraph after it is, when
    it reads like one, and the body starts after both."""
    from eventatlas.ingest.readers.text import split_header

    if doc.title and doc.title == " ".join(doc.text[:line_end].split()):
        doc.title = None
    start = max(doc.body_start, line_end)
    meta, offset = split_header(doc.text[start:])
    doc.body_start = start + offset
    if doc.title is None and meta.get("title"):
        doc.title = meta["title"]
