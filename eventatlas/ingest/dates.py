"""Publication dates as YYYY-MM-DD, whatever form the source gave them in.

The date is kept as the publisher wrote it (no shift to UTC): an article stamped 23:30 local time on
3 March belongs to 3 March, and relative dates in its text ("yesterday") are resolved against that day."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# "March 3, 2026", "Tuesday, March 3 2026"
_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
# "3 March 2026", "3rd of March, 2026"
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I)


def _ok(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD, or None when the value is missing or not a date we can read with confidence."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _ok(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Epoch seconds (or milliseconds, as JavaScript exports write them).
        secs = value / 1000 if value > 10**11 else value
        try:
            return datetime.fromtimestamp(secs).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in (_ISO, _COMPACT):
        if m := pattern.match(text):
            return _ok(int(m[1]), int(m[2]), int(m[3]))
    rfc = parsedate(text)  # RFC 822/2822, as RSS writes pubDate
    if rfc and rfc[0] > 1900:
        return _ok(rfc[0], rfc[1], rfc[2])
    if m := _MDY.search(text):
        return _ok(int(m[3]), _MONTHS[m[1].lower().rstrip(".")], int(m[2]))
    if m := _DMY.search(text):
        return _ok(int(m[3]), _MONTHS[m[2].lower().rstrip(".")], int(m[1]))
    return None
