"""Building records by hand: concise constructors for tests, and a generator of synthetic articles that the
API bench uses to fill a store with realistic-looking volume (these are generated, never extracted)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

from eventatlas.records import (
    Actor, ArticleResult, Attribution, Claim, ControlStatement, Document, Event, EventDate, Place, Quantity, Span,
)


def place(name: str, lat: float | None, lon: float | None, country: str | None = None, *,
          admin1: str | None = None, precision: str | None = "city", text: str | None = None) -> Place:
    return Place(text=text or name, name=name, latitude=lat, longitude=lon, country_code=country,
                 admin1=admin1, precision=precision)


def event(doc: Document, n: int, sentence: str, *, type: str = "ASSAULT", status: str = "occurred",
          day: str | None = "2024-03-01", end: str | None = None, where: Place | None = None,
          actors: list[Actor] | None = None, quantities: list[Quantity] | None = None,
          acled: dict[str, str] | None = None, attribution: Attribution | None = None,
          mode: str | None = None, confidence: float = 0.8) -> Event:
    """An event whose evidence is `sentence`, which must occur in the document text."""
    start = doc.text.index(sentence)
    return Event(
        id=f"{doc.id}-e{n}", type=type, mode=mode, acled=acled, status=status,
        date=EventDate(text=day, start=day, end=end or day, precision="day" if day else None),
        location=where, actors=actors or [], quantities=quantities or [], attribution=attribution,
        evidence=Span(text=sentence, start=start, end=start + len(sentence)), confidence=confidence,
    )


def claim(doc: Document, n: int, sentence: str, *, kind: str = "casualties",
          quantity: Quantity | None = None) -> Claim:
    start = doc.text.index(sentence)
    return Claim(id=f"{doc.id}-c{n}", kind=kind, subject=None, location=None, quantity=quantity, share=None,
                 date=None, attribution=None, evidence=Span(text=sentence, start=start, end=start + len(sentence)))


def control_claim(doc: Document, n: int, sentence: str, *, where: Place, holder: str | None,
                  status: str = "held", change: str | None = None, day: str | None = None,
                  previous: str | None = None, share: float | None = None, extent: str | None = None,
                  persists: bool = False, level: str | None = None) -> Claim:
    """A control claim (records.ControlStatement) whose evidence is `sentence`, which must occur in the text."""
    start = doc.text.index(sentence)
    when = EventDate(text=day, start=day, end=day, precision="day") if day else None
    statement = ControlStatement(status=status, change=change, previous=previous,
                                 since=day if change else None, level=level, extent=extent, persists=persists)
    return Claim(id=f"{doc.id}-c{n}", kind="control", subject=holder, location=where, quantity=None, share=share,
                 date=when, attribution=None, evidence=Span(text=sentence, start=start, end=start + len(sentence)),
                 control=statement)


def opinion(doc: Document, sentence: str) -> Span:
    start = doc.text.index(sentence)
    return Span(text=sentence, start=start, end=start + len(sentence))


# -- synthetic volume --------------------------------------------------------------------------------

_CITIES = [  # name, lat, lon, ISO2, admin1
    ("Kharkiv", 49.99, 36.23, "UA", "Kharkiv"), ("Odesa", 46.48, 30.72, "UA", "Odesa"),
    ("Khartoum", 15.50, 32.56, "SD", "Khartoum"), ("El Fasher", 13.63, 25.35, "SD", "North Darfur"),
    ("Gaza City", 31.50, 34.47, "PS", "Gaza"), ("Goma", -1.68, 29.23, "CD", "North Kivu"),
    ("Mogadishu", 2.04, 45.34, "SO", "Banaadir"), ("Bamako", 12.65, -8.00, "ML", "Bamako"),
    ("Aleppo", 36.20, 37.16, "SY", "Aleppo"), ("Kabul", 34.53, 69.17, "AF", "Kabul"),
    ("Lahore", 31.55, 74.34, "PK", "Punjab"), ("Caracas", 10.49, -66.88, "VE", "Capital"),
    ("Port-au-Prince", 18.59, -72.31, "HT", "Ouest"), ("Maiduguri", 11.85, 13.16, "NG", "Borno"),
    ("Sanaa", 15.35, 44.21, "YE", "Sanaa"), ("Yangon", 16.87, 96.20, "MM", "Yangon"),
]
_ACTORS = ["police", "army", "protesters", "rebels", "militia", "government forces", "students", "farmers"]
_KINDS = [  # PLOVER type, verb, ACLED event type, ACLED sub-event type
    ("ASSAULT", "attacked", "Violence against civilians", "Attack"),
    ("PROTEST", "protested against", "Protests", "Peaceful protest"),
    ("COERCE", "arrested", "Strategic developments", "Arrests"),
    ("MOBILIZE", "deployed against", "Strategic developments", "Other"),
    ("ACCUSE", "accused", None, None),
]


def synthetic_articles(n_events: int, *, per_article: int = 5, seed: int = 7, start: date = date(2005, 1, 1),
                       days: int = 7300, spread: float = 1.5, in_order: bool = False) -> Iterator[ArticleResult]:
    """Roughly ACLED's density at 1M events: ~140 a day over 20 years, places scattered up to `spread`
    degrees around 16 conflict-affected cities.

    in_order: articles come in the order they were published, as a crawl or an archive gives them (their
    dates spread evenly over the days, a few days' jitter); else each on a day drawn at random."""
    rng = random.Random(seed)
    made = 0
    art = 0
    while made < n_events:
        art += 1
        k = min(per_article, n_events - made)
        picks = []
        sentences = []
        for _ in range(k):
            city = rng.choice(_CITIES)
            kind = rng.choice(_KINDS)
            a, b = rng.sample(_ACTORS, 2)
            dead = rng.randint(0, 40)
            sentences.append(f"In {city[0]}, {a} {kind[1]} {b}, leaving {dead} dead.")
            picks.append((city, kind, a, b, dead))
        text = " ".join(sentences)
        if in_order:
            day = start + timedelta(days=min(days - 1, (made * days) // n_events + rng.randrange(3)))
        else:
            day = start + timedelta(days=rng.randrange(days))
        doc = Document(id=f"syn{art:08d}", text=text, title=f"Synthetic report {art}",
                       url=f"https://example.org/synthetic/{art}", outlet=rng.choice(["Wire A", "Wire B"]),
                       published=day.isoformat())
        events = []
        for i, ((name, lat, lon, cc, adm), kind, a, b, dead) in enumerate(picks, 1):
            jitter = (rng.uniform(-spread, spread), rng.uniform(-spread, spread))
            events.append(event(
                doc, i, sentences[i - 1], type=kind[0], day=(day - timedelta(days=rng.randrange(3))).isoformat(),
                where=place(name, round(lat + jitter[0], 4), round(lon + jitter[1], 4), cc, admin1=adm),
                actors=[Actor(role="agent", text=a, name=a), Actor(role="target", text=b, name=b)],
                quantities=[Quantity(category="fatalities", low=dead, high=dead, approximate=False,
                                     text=f"{dead} dead")],
                acled={"event_type": kind[2], "sub_event_type": kind[3]} if kind[2] else None,
            ))
        made += k
        yield ArticleResult(document=doc, events=events)


# -- synthetic control: territorial events with the control claims extraction would give them ------------

_TERRITORIAL = [  # PLOVER type, mode, verb, ACLED sub-event type, ControlStatement change
    ("ASSAULT", "seize", "seized", "Non-state actor overtakes territory", "took"),
    ("ASSAULT", "seize", "retook", "Government regains territory", "took"),
    ("RETREAT", "withdraw", "withdrew from", "Non-violent transfer of territory", "withdrew"),
    ("RETREAT", "surrender", "surrendered in", "Change to group/activity", "surrendered"),
]
_SIDES = ["government forces", "rebels", "militia"]


def synthetic_control_articles(n_events: int, *, towns: int = 5000, per_article: int = 5, seed: int = 11,
                               start: date = date(2005, 1, 1), days: int = 7300) -> Iterator[ArticleResult]:
    """Articles of captures, recaptures, withdrawals and surrenders at `towns` places scattered around the
    16 cities, each event with the control claim of its sentence, and one statement of who holds a town in
    every few articles: the volume the control bench stores (generated, never extracted)."""
    rng = random.Random(seed)
    places = []
    for t in range(towns):
        name, lat, lon, cc, adm = _CITIES[t % len(_CITIES)]
        places.append(place(f"{name} district town {t}", round(lat + rng.uniform(-1.5, 1.5), 4),
                            round(lon + rng.uniform(-1.5, 1.5), 4), cc, admin1=adm))
    made, art = 0, 0
    while made < n_events:
        art += 1
        k = min(per_article, n_events - made)
        picks = [(rng.choice(places), rng.choice(_TERRITORIAL), rng.choice(_SIDES)) for _ in range(k)]
        sentences = [f"In {where.name}, {side} {kind[2]} the town." for where, kind, side in picks]
        holds = rng.random() < 0.3
        if holds:
            sentences.append(f"{picks[0][2].capitalize()} still hold {picks[0][0].name}.")
        day = start + timedelta(days=rng.randrange(days))
        doc = Document(id=f"ctl{art:08d}", text=" ".join(sentences), title=f"Synthetic front report {art}",
                       url=f"https://example.org/front/{art}", outlet=rng.choice(["Wire A", "Wire B", "Wire C"]),
                       published=day.isoformat())
        events, claims = [], []
        for i, (where, kind, side) in enumerate(picks, 1):
            when = (day - timedelta(days=rng.randrange(3))).isoformat()
            events.append(event(doc, i, sentences[i - 1], type=kind[0], mode=kind[1], day=when, where=where,
                                actors=[Actor(role="agent", text=side, name=side)],
                                acled={"event_type": "Strategic developments", "sub_event_type": kind[3]}))
            taker = None if kind[4] == "withdrew" else (rng.choice(_SIDES) if kind[4] == "surrendered" else side)
            claims.append(control_claim(doc, i, sentences[i - 1], where=where, holder=taker, change=kind[4],
                                        status="held" if taker else "contested", day=when,
                                        previous=side if kind[4] in ("withdrew", "surrendered") else None))
        if holds:
            claims.append(control_claim(doc, len(picks) + 1, sentences[-1], where=picks[0][0], holder=picks[0][2],
                                        persists=True))
        made += k
        yield ArticleResult(document=doc, events=events, claims=claims)
