"""The typed records passed between pipeline stages.

This module is the one place that defines the JSON shape of eventatlas output;
`schema/article.schema.json` describes the same shape for validators, and a test
keeps the two in step.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
STATUSES = ("occurred", "planned", "possible", "denied", "hypothetical")
QUANTITY_CATEGORIES = (
    "fatalities", "injured", "fighters", "hostages", "civilians",
    "displaced", "arrested", "surrendered", "other",
)
CLAIM_KINDS = ("force_size", "control", "hostages", "civilians", "casualties", "other")
CONTROL_STATUSES = ("held", "contested", "lost")
# How a control claim says control changed; None when it only says who holds the place.
CONTROL_CHANGES = ("took", "withdrew", "surrendered", "handed")
CONTROL_LEVELS = ("town", "district", "admin1", "country")
PRECISIONS = ("point", "city", "admin1", "country", "region")


@dataclass
class Span:
    """A stretch of the article text; offsets are character offsets into Document.text."""
    text: str
    start: int
    end: int


@dataclass
class Place:
    text: str
    name: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: str | None = None  # one of PRECISIONS, None when unresolved


@dataclass
class Toponym:
    """A place mention: character offsets into the article text and the place it resolved to
    (place.text is the surface form text[start:end]; an unresolved name keeps a bare Place)."""
    start: int
    end: int
    place: Place


@dataclass
class Geography:
    """Where an article is, found in one pass before extraction (geo.Geocoder.geography): the place it was
    filed from (its dateline), every place it names, and the place the story is about."""
    toponyms: list[Toponym] = field(default_factory=list)  # in text order; the dateline's first when it has one
    dateline: Toponym | None = None
    focus: Place | None = None


@dataclass
class Quantity:
    category: str
    low: int | None
    high: int | None
    approximate: bool
    text: str


@dataclass
class Attribution:
    speaker: str | None
    affiliation: str | None
    via: str | None
    text: str


@dataclass
class Actor:
    role: str  # agent | target | other
    text: str
    name: str
    type: str | None = None
    country_code: str | None = None


@dataclass
class EventDate:
    text: str | None
    start: str | None
    end: str | None
    precision: str | None  # day | week | month | year | None


@dataclass
class Account:
    """One source's figures for an event that another source reports differently: the two accounts stay side
    by side with their speakers and are never added up."""
    attribution: Attribution | None
    quantities: list[Quantity]
    evidence: Span


@dataclass
class Event:
    """One real-world event of an article, assembled (assemble/) from every mention that supports it."""
    id: str
    type: str
    mode: str | None
    acled: dict[str, str] | None
    status: str
    date: EventDate  # precision None: the text gives no date for it
    location: Place | None
    actors: list[Actor]
    quantities: list[Quantity]  # the figures the event is coded with (the lowest where sources differ)
    attribution: Attribution | None
    evidence: Span  # the main mention's sentence
    confidence: float
    mentions: list[Span] = field(default_factory=list)  # every sentence that supports it, the main one first
    background: bool = False  # history the text dates to before the week of publication
    accounts: list[Account] = field(default_factory=list)  # each source's own figures, where sources differ


@dataclass
class Mention:
    """One trigger clause of one sentence, as extraction finds it: the material events are assembled from.
    Its fields say only what the clause itself says: date and location are None when the clause gives none."""
    id: str
    type: str
    mode: str | None
    acled: dict[str, str] | None  # from the clause's cues and its own actors
    status: str
    date: EventDate | None
    location: Place | None
    actors: list[Actor]
    quantities: list[Quantity]
    attribution: Attribution | None
    evidence: Span  # the sentence
    trigger: Span  # the main trigger word
    sentence: int  # the sentence's index in the article
    confidence: float
    lemmas: list[str] = field(default_factory=list)  # the clause's trigger lemmas, the main one first
    refers_back: bool = False  # "the strike", "the blast", "the bomber": a definite mention of an event
    generic: str | None = None  # why the clause reports no single event: "statistic", "habitual", "aim"
    earlier: bool = False  # "had earlier ambushed a convoy": told as before the story, so not on its day
    cue_text: str = ""  # the sentence with names blanked: what ACLED cues read
    trigger_acled: str | None = None  # the trigger's own ACLED sub-event type, before cues refine it


@dataclass
class ArticleMentions:
    """What extraction finds in one article, for the assembly stage."""
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    opinions: list[Span] = field(default_factory=list)
    sentences: int = 0  # sentences with text
    sentence_starts: list[int] = field(default_factory=list)  # where each of them starts in the text


@dataclass
class ControlStatement:
    """What a control claim says beyond who (Claim.subject) holds what share (Claim.share) of where
    (Claim.location): "M23 seized Lubero on Wednesday", "Sake remains in M23's hands", "the army withdrew
    from Mangina" (no taker: contested). Dates are YYYY-MM-DD, or shorter when the text gives less."""
    status: str                  # one of CONTROL_STATUSES: held (by the subject) or contested (no settled holder)
    change: str | None = None    # one of CONTROL_CHANGES when the sentence reports a change of hands
    previous: str | None = None  # who held the place before, when the sentence says ("the army-held town")
    since: str | None = None     # when the holding began ("held since 25 March"; a change's own day)
    until: str | None = None     # when it ended ("held it from 21 January to 27 February")
    level: str | None = None     # one of CONTROL_LEVELS when the text names it ("Lubero territory": district)
    extent: str | None = None    # an amount without a number: "most", or "part" ("the town centre")
    persists: bool = False       # "still holds", "remains in": the state goes on, whatever was reported before


@dataclass
class Claim:
    id: str
    kind: str
    subject: str | None
    location: Place | None
    quantity: Quantity | None
    share: float | None
    date: EventDate | None
    attribution: Attribution | None
    evidence: Span
    control: ControlStatement | None = None  # kind "control" only


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str | None = "en"
    credits: list[str] = field(default_factory=list)
    source: str | None = None  # where it was read from (path, URL); not part of the JSON contract
    # where the article body starts in `text`: a text file's headline line or "Key: value" header comes first,
    # kept so that every offset indexes the text as the user gave it; not part of the JSON contract
    body_start: int = 0

    def header(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "url": self.url, "outlet": self.outlet,
            "published": self.published, "language": self.language, "credits": list(self.credits),
        }


@dataclass
class ArticleResult:
    document: Document
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    opinions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.header(),
            "events": [dataclasses.asdict(e) for e in self.events],
            "claims": [dataclasses.asdict(c) for c in self.claims],
            "opinions": [dataclasses.asdict(o) for o in self.opinions],
        }


@dataclass
class ControlPlace:
    """A place whose control the control stage follows, at one level: the town of Lubero and Lubero
    territory are two places. `key` is stable across rebuilds: "town:211069" (a GeoNames id), or the level,
    country and folded name when the gazetteer has no entry at that level ("district:CD:lubero")."""
    key: str
    name: str
    level: str  # one of CONTROL_LEVELS
    country_code: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    names: list[str] = field(default_factory=list)  # the spellings the articles and the gazetteer use


@dataclass
class ControlEvidence:
    """One sentence about who holds a place, as the control stage reads a stored control claim: what it
    says, about which day, and its source. A place's periods are derived from all of these."""
    claim_id: str
    document_id: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    text: str   # the sentence as in the article; start and end index the article text
    start: int
    end: int
    status: str  # held | contested (ControlStatement.status)
    change: str | None
    controller: str | None
    previous: str | None
    date: str | None  # the day the sentence describes: a change's day, or the publication date of a statement
    date_end: str | None  # the last day it may be, when the text gives a week or a month
    date_given: bool  # whether the text gave the date (False: the publication date stands in)
    since: str | None
    until: str | None
    share: float | None
    extent: str | None
    persists: bool
    speaker: str | None  # who says so (the claim's attribution); None: the outlet's own voice
    events: list[str] = field(default_factory=list)  # ids of the events found in the same sentence


@dataclass
class ControlPeriod:
    """A stretch of time [since, until) during which a place had one state: held by `controller` (the share
    of it when the text gives one; None is the whole place), or contested (no settled holder: fighting the
    sources disagree about, or a holder that left with no taker named). since/until None: not known (the
    place's first period), or still going (its last)."""
    id: str
    place: ControlPlace
    controller: str | None
    share: float | None
    extent: str | None
    since: str | None
    until: str | None
    status: str  # one of CONTROL_STATUSES
    evidence: list[ControlEvidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the outlets of the evidence, sorted
    claimants: list[str] = field(default_factory=list)  # contested: whom the sources each say holds it

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


def plain(obj: Any) -> Any:
    """dataclasses.asdict for records, without its deep copies: the same dicts, several times faster on a
    period that carries dozens of evidence sentences."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f: plain(getattr(obj, f)) for f in obj.__dataclass_fields__}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj


@dataclass
class Rejection:
    """An input that could not be processed: kept, never silently dropped."""
    input: str
    stage: str
    reason: str

    def line(self) -> str:
        return f"{self.input}: {self.reason}"


def _build(cls, data):
    if data is None:
        return None
    return cls(**data)


def event_from_dict(d: dict[str, Any]) -> Event:
    return Event(
        id=d["id"], type=d["type"], mode=d.get("mode"), acled=d.get("acled"), status=d["status"],
        date=EventDate(**d["date"]), location=_build(Place, d.get("location")),
        actors=[Actor(**a) for a in d.get("actors", [])],
        quantities=[Quantity(**q) for q in d.get("quantities", [])],
        attribution=_build(Attribution, d.get("attribution")),
        evidence=Span(**d["evidence"]), confidence=d["confidence"],
        mentions=[Span(**m) for m in d.get("mentions") or [d["evidence"]]],
        background=bool(d.get("background", False)),
        accounts=[Account(attribution=_build(Attribution, a.get("attribution")),
                          quantities=[Quantity(**q) for q in a.get("quantities", [])], evidence=Span(**a["evidence"]))
                  for a in d.get("accounts") or []],
    )


def claim_from_dict(d: dict[str, Any]) -> Claim:
    return Claim(
        id=d["id"], kind=d["kind"], subject=d.get("subject"), location=_build(Place, d.get("location")),
        quantity=_build(Quantity, d.get("quantity")), share=d.get("share"),
        date=_build(EventDate, d.get("date")), attribution=_build(Attribution, d.get("attribution")),
        evidence=Span(**d["evidence"]), control=_build(ControlStatement, d.get("control")),
    )


def control_period_from_dict(d: dict[str, Any]) -> ControlPeriod:
    return ControlPeriod(
        id=d["id"], place=ControlPlace(**d["place"]), controller=d.get("controller"), share=d.get("share"),
        extent=d.get("extent"), since=d.get("since"), until=d.get("until"), status=d["status"],
        evidence=[ControlEvidence(**e) for e in d.get("evidence", [])], sources=list(d.get("sources", [])),
        claimants=list(d.get("claimants", [])),
    )
