"""What a caller may ask of the event store, checked once here so that the CLI, the HTTP API and the
exporters reject the same bad input with the same message."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from eventatlas.errors import FilterError
from eventatlas.records import PLOVER_TYPES, STATUSES


def _check_date(value: str, name: str) -> str:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise FilterError(f"{name}={value!r}: not a YYYY-MM-DD date") from None
    if len(value) != 10:
        raise FilterError(f"{name}={value!r}: not a YYYY-MM-DD date")
    return value


# The longest value a filter parameter may have. Names, types and coordinates are far shorter; a longer value
# is a mistake or an attack (SQLite answers an actor pattern over 50,000 bytes with "LIKE or GLOB pattern too
# complex", which was a 500), and an error must not echo it back.
MAX_PARAM = 200
# A prefix this short matches a large part of the vocabulary, which FTS5 reads term by term.
MIN_PREFIX = 2


def _check_length(name: str, value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_PARAM:
        raise FilterError(f"{name}: {len(value):,} characters, more than the {MAX_PARAM} a filter may have")


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None          # PLOVER type
    acled_type: str | None = None    # ACLED event type or sub-event type
    status: str | None = None
    actor: str | None = None         # substring of an actor's name or text
    country: str | None = None       # ISO 3166 alpha-2
    since: str | None = None         # on date_start, inclusive
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    near: tuple[float, float, float] | None = None         # lat, lon, km
    q: str | None = None             # full-text words in the evidence sentence, actors or place

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            _check_length(f.name, getattr(self, f.name))
        if self.type is not None and self.type.upper() not in PLOVER_TYPES:
            raise FilterError(f"type={self.type!r}: not a PLOVER type ({', '.join(PLOVER_TYPES)})")
        if self.status is not None and self.status not in STATUSES:
            raise FilterError(f"status={self.status!r}: not one of {', '.join(STATUSES)}")
        if self.country is not None and not re.fullmatch(r"[A-Za-z]{2}", self.country):
            raise FilterError(f"country={self.country!r}: not an ISO 3166 alpha-2 code")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                _check_date(value, name)
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since={self.since} is after until={self.until}")
        if self.bbox is not None:
            _check_bbox(self.bbox)
        if self.near is not None:
            _check_near(self.near)
        if self.q is not None and not fts_query(self.q):
            raise FilterError(f"q={self.q!r}: no words to search for")
        if self.q is not None and (short := next((w for w in _WORD.findall(self.q)
                                                  if w.endswith("*") and len(w) <= MIN_PREFIX), None)):
            raise FilterError(f"q={self.q!r}: a prefix needs at least {MIN_PREFIX} letters before * ({short})")

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in dataclasses.fields(self))

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "EventFilter":
        """Build a filter from string parameters (query string, CLI options); empty values mean 'any'."""
        return cls(**_keywords(cls, params, upper=("type", "country")))


_NUMBER_LISTS = {"bbox": (4, "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"), "near": (3, "LAT,LON,KM")}


def _keywords(cls, params: Mapping[str, Any], upper: tuple[str, ...]) -> dict[str, Any]:
    """A filter's keyword arguments from string parameters: numbers lists parsed, codes upper-cased, empty
    values left out."""
    kw: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        raw = params.get(f.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        _check_length(f.name, raw)
        if f.name in _NUMBER_LISTS:
            kw[f.name] = _numbers(raw, f.name, *_NUMBER_LISTS[f.name])
        elif f.name in upper:
            kw[f.name] = str(raw).strip().upper()
        else:
            kw[f.name] = str(raw).strip()
    return kw


def _numbers(raw: Any, name: str, n: int, shape: str) -> tuple[float, ...]:
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    try:
        values = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        raise FilterError(f"{name}={raw!r}: not {shape}") from None
    if len(values) != n or any(v != v or v in (float("inf"), float("-inf")) for v in values):
        raise FilterError(f"{name}={raw!r}: not {shape}")
    return values


def _check_bbox(b: tuple[float, ...]) -> None:
    if len(b) != 4:
        raise FilterError(f"bbox={b!r}: not MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
    min_lon, min_lat, max_lon, max_lat = b
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise FilterError(f"bbox={b!r}: longitudes must lie in [-180, 180]")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise FilterError(f"bbox={b!r}: latitudes must lie in [-90, 90] with min <= max")


def _check_near(n: tuple[float, ...]) -> None:
    if len(n) != 3:
        raise FilterError(f"near={n!r}: not LAT,LON,KM")
    lat, lon, km = n
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FilterError(f"near={n!r}: latitude must lie in [-90, 90] and longitude in [-180, 180]")
    if not 0 < km <= 2000:
        raise FilterError(f"near={n!r}: radius must be more than 0 and at most 2000 km")


_WORD = re.compile(r"\w+\*?")


def search_terms(text: str) -> list[tuple[str, bool]]:
    """The words of a `q`, each with whether it ends in `*` (a prefix). Every word must occur."""
    return [(m.group().rstrip("*"), m.group().endswith("*")) for m in _WORD.finditer(text)]


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word must occur; `word*` is a prefix. Quoting each word keeps
    FTS5 operators and stray quotes in user input from becoming syntax errors."""
    return " ".join(f'"{word}"' + ("*" if prefix else "") for word, prefix in search_terms(text))


def encode_cursor(sort_date: str, rowid: int) -> str:
    raw = json.dumps([sort_date, rowid], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort_date, rowid = json.loads(raw)
        if not isinstance(sort_date, str) or not isinstance(rowid, int) or not 0 <= rowid < 2 ** 63:
            raise ValueError
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise FilterError(f"cursor={cursor!r}: not a cursor this store handed out") from None
    return sort_date, rowid


@dataclass(frozen=True)
class ControlFilter:
    """What a caller may ask of the control periods: a place (by any of its names, or its key), the places
    near a point or in a country, and the date at which to read who held them (without one, every period)."""
    place: str | None = None   # a name the place goes by ("Lubero", "Oicha")
    key: str | None = None     # a place key as the periods carry it ("town:211069")
    near: tuple[float, float, float] | None = None  # lat, lon, km
    country: str | None = None  # ISO 3166 alpha-2
    at: str | None = None       # YYYY-MM-DD: the periods in force that day

    def __post_init__(self) -> None:
        if self.place is not None and not self.place.strip():
            raise FilterError(f"place={self.place!r}: no name to look for")
        if self.country is not None and not re.fullmatch(r"[A-Za-z]{2}", self.country):
            raise FilterError(f"country={self.country!r}: not an ISO 3166 alpha-2 code")
        if self.at is not None:
            _check_date(self.at, "at")
        if self.near is not None:
            _check_near(self.near)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "ControlFilter":
        """From string parameters (query string, CLI options); empty values mean 'any'."""
        return cls(**_keywords(cls, params, upper=("country",)))
