"""Dates: resolve what the text says ("on Friday", "earlier this week", "since June", "in 2014") against
the publication date, with a precision. Without a publication date the text is kept and nothing is invented."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from eventatlas.extract.lexicon import number_words
from eventatlas.records import EventDate

_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
# "three days ago"; "several days ago" says no number
_NUMBER_WORDS: dict[str, int | None] = {"a": 1, "an": 1, **{w: v for w, v in number_words("unit").items() if v <= 10},
                                        "several": None, "few": None}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s*(\d{{4}})?\b", re.I)
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?\s*(\d{{4}})?", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?(?:\s+(?:of\s+)?(\d{{4}}))?\b", re.I)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(\w+)\s+(day|week|month|year)s?\s+ago\b", re.I)


def _iso(d: date) -> str:
    return d.isoformat()


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _past_month(month: int, pub: date) -> int:
    """The year of the most recent `month` not after the publication date."""
    return pub.year if month <= pub.month else pub.year - 1


_DATE_WORDS = re.compile(
    rf"\b({_MONTH_RE}|{'|'.join(_WEEKDAYS)}|today|yesterday|tomorrow|tonight|morning|night|week|month|year|"
    rf"ago|since|earlier|later|weekend|overnight|\d{{4}})\b", re.I)


def looks_like_date(text: str) -> bool:
    """spaCy tags ranges such as '25 to 30' as DATE; a date names a day, month, year or relative time."""
    return bool(_DATE_WORDS.search(text))


def resolve_date(text: str | None, published: str | None, ahead: bool = False) -> EventDate:
    """Turn a date expression into an EventDate; unknown expressions keep their text with null bounds.
    `ahead`: the expression dates something still to come ("will march on Sunday"), so a bare weekday is the
    coming one, not the last."""
    if not text:
        return EventDate(text=None, start=None, end=None, precision=None)
    pub = date.fromisoformat(published) if published else None
    t = text.lower().strip()
    span = _explicit(t, pub)
    if span is None and pub is not None:
        span = _relative(t, pub, ahead)
    if span is None:
        return EventDate(text=text, start=None, end=None, precision=None)
    start, end, precision = span
    return EventDate(text=text, start=_iso(start) if start else None, end=_iso(end) if end else None,
                     precision=precision)


def _explicit(t: str, pub: date | None):
    m = _ISO.search(t)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.search(t)
        if m:
            day, month = (m[1], m[2]) if order == "dmy" else (m[2], m[1])
            month_no = _MONTHS[month.lower().rstrip(".")]
            if m[3]:
                year = int(m[3])
            elif pub is not None:
                year = _past_month(month_no, pub)
                if year == pub.year and month_no == pub.month and int(day) > pub.day:
                    year = pub.year  # a date later this month: a plan, keep this year
            else:
                return None
            try:
                d = date(year, month_no, int(day))
            except ValueError:
                return None
            return d, d, "day"
    m = _MONTH_YEAR.search(t)
    if m and m[1].lower() not in ("may",) or (m and m[2]):
        month_no = _MONTHS[m[1].lower().rstrip(".")]
        if m[2]:
            year = int(m[2])
        elif pub is not None:
            year = _past_month(month_no, pub) if "next" not in t else pub.year + (month_no <= pub.month)
        else:
            return None
        start, end = _month_span(year, month_no)
        if t.startswith("since") and pub is not None:
            end = pub
        return start, end, "month"
    m = _YEAR.search(t)
    if m:
        year = int(m[1])
        end = pub if t.startswith("since") and pub else date(year, 12, 31)
        return date(year, 1, 1), end, "year"
    return None


def _relative(t: str, pub: date, ahead: bool = False):
    if re.search(r"\b(today|this morning|this afternoon|this evening|tonight)\b", t):
        return pub, pub, "day"
    if re.search(r"\b(yesterday|last night)\b", t):
        d = pub - timedelta(days=1)
        return d, d, "day"
    if re.search(r"\bovernight\b", t):
        return pub - timedelta(days=1), pub, "day"
    if re.search(r"\btomorrow\b", t):
        d = pub + timedelta(days=1)
        return d, d, "day"
    for name, wd in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", t):
            back = (pub.weekday() - wd) % 7
            if "next" in t or "coming" in t or (ahead and "last" not in t):
                d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
            else:
                if "last" in t and back == 0:
                    back = 7
                d = pub - timedelta(days=back)
            return d, d, "day"
    m = _AGO.search(t)
    if m:
        n = _NUMBER_WORDS.get(m[1].lower(), int(m[1]) if m[1].isdigit() else None)
        if n is None:
            return None
        unit = m[2].lower()
        if unit == "day":
            d = pub - timedelta(days=n)
            return d, d, "day"
        if unit == "week":
            d = pub - timedelta(weeks=n)
            return d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6), "week"
        if unit == "month":
            y, mth = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            s, e = _month_span(y, mth + 1)
            return s, e, "month"
        return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"
    monday = pub - timedelta(days=pub.weekday())
    if re.search(r"\b(this|earlier this|past|the past) week\b", t) or "in recent days" in t:
        return (monday if "past" not in t else pub - timedelta(days=7)), pub, "week"
    if re.search(r"\blast week\b", t):
        return monday - timedelta(days=7), monday - timedelta(days=1), "week"
    if re.search(r"\bnext week\b", t):
        return monday + timedelta(days=7), monday + timedelta(days=13), "week"
    if re.search(r"\b(this|earlier this) month\b", t):
        return date(pub.year, pub.month, 1), pub, "month"
    if re.search(r"\blast month\b", t):
        y, m0 = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        s, e = _month_span(y, m0)
        return s, e, "month"
    if re.search(r"\bnext month\b", t):
        y, m0 = (pub.year, pub.month + 1) if pub.month < 12 else (pub.year + 1, 1)
        s, e = _month_span(y, m0)
        return s, e, "month"
    if re.search(r"\b(this|earlier this) year\b", t):
        return date(pub.year, 1, 1), pub, "year"
    if re.search(r"\blast year\b", t):
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
    return None
