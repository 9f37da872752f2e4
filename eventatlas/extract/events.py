"""Assembling events: for each trigger clause, its actors, place, date, quantities, status and source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan, Token

from eventatlas.extract.acled import acled_for
from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.arguments import WEAPON_HEADS, link_actors
from eventatlas.extract.attribution import attribution_for
from eventatlas.extract.dates import looks_like_date, resolve_date
from eventatlas.extract.modality import status_of
from eventatlas.extract.quantities import QuantityMention
from eventatlas.extract.timeline import bounds_superlative, offset_date, relative_adverb, said_when, \
    temporal_complement
from eventatlas.extract.triggers import Clause
from eventatlas.records import Attribution, Event, EventDate, Place, Quantity, Span

_LOC_PREPS = {"in", "near", "at", "outside", "on", "across", "around", "inside", "into", "from", "of", "within",
              "throughout", "towards", "toward", "along", "over", "north", "south", "east", "west"}
_PRECISION_RANK = {"point": 0, "city": 0, "admin1": 1, "region": 2, "country": 3, None: 4}
_NOT_EVENT_DATES = ("year-old", "years old", "decade", "years", "months", "weeks", "days", "hours")
_OWN_SOURCE_VERBS = {"put", "say", "report", "estimate", "give", "count", "record", "document", "tally"}
_DEFINITE = {"the", "this", "that", "these", "those", "its"}


@dataclass
class ArticleContext:
    """What one article's extraction carries from sentence to sentence."""
    published: str | None
    toponyms: list  # geo.Toponym: start, end, place
    actors: ActorResolver = field(default_factory=ActorResolver)
    last_date: EventDate | None = None
    events: list[Event] = field(default_factory=list)
    focus: Place | None = None
    dateline_end: int = 0  # "SAN SALVADOR, 3 JAN 90 --": the date there is when it was filed, not when it happened


_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outside",
               "north-east", "north-west", "south-east", "south-west"}
_ADMIN_SUFFIX = ("province", "region", "state", "governorate", "district", "county", "oblast", "department",
                 "territory", "prefecture")


def _rank(topo) -> int:
    """How coarse a place mention is; 'Sagaing region' is a region even when it resolves to the town."""
    if topo.place.text.lower().endswith(_ADMIN_SUFFIX) and topo.place.precision in ("city", "point", None):
        return 1
    return _PRECISION_RANK.get(topo.place.precision, 4)


def _without_names(sent: SpacySpan) -> str:
    """The sentence with names blanked, so that cues read what happened, not what groups are called
    ('National Liberation Army' did not liberate anything)."""
    chars = list(sent.text)
    for ent in sent.ents:
        if ent.label_ in ("ORG", "NORP", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "EVENT"):
            for k in range(ent.start_char - sent.start_char, ent.end_char - sent.start_char):
                chars[k] = " "
    return "".join(chars)


def _dep_distance(a: Token, b: Token) -> int:
    ancestors_a = {t.i: d for d, t in enumerate([a, *a.ancestors])}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return d + ancestors_a[t.i]
    return 99


def _place_for(clause: Clause, sent: SpacySpan, ctx: ArticleContext, actor_chars: list[tuple[int, int]],
               target_chars: list[tuple[int, int]] = ()):
    doc = sent.doc
    best, best_score = None, None
    scored = []
    for topo in ctx.toponyms:
        if topo.start < sent.start_char or topo.end > sent.end_char or topo.place.latitude is None:
            continue
        if any(s <= topo.start and topo.end <= e for s, e in actor_chars) or topo.end <= ctx.dateline_end:
            continue
        if any(topo.start <= s and e <= topo.end for s, e in target_chars):
            continue
        span = doc.char_span(topo.start, topo.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        dist = min(_dep_distance(root, h.token) for h in clause.hits)
        dist = min(dist, _dep_distance(root, clause.head))
        if root.dep_ == "pobj" and root.head.lower_ in _LOC_PREPS:
            dist -= 1
        # "Sake, west of Goma", "30 km from Kharkiv": a reference point, not the place
        if root.dep_ == "pobj" and root.head.lower_ in ("of", "from") and (
                root.head.head.lower_ in _DIRECTIONS or root.head.head.lemma_ in ("km", "kilometre", "kilometer",
                                                                                   "mile")):
            dist += 3
        score = (dist, _rank(topo))
        scored.append((score, topo.place))
        if best_score is None or score < best_score:
            best, best_score = topo.place, score
    # "near Djibo in northern Burkina Faso": the country only says where Djibo is; the town is the place
    if best is not None and best_score[1] >= 1:
        inside = [(sc, pl) for sc, pl in scored if sc[1] < best_score[1] and pl.country_code == best.country_code and
                  (best.precision != "admin1" or pl.admin1 == best.admin1)]
        if inside:
            best = min(inside, key=lambda x: x[0])[1]
    return best


def _date_spans(sent: SpacySpan, ctx: ArticleContext) -> list[SpacySpan]:
    """DATE/TIME entities, with neighbours such as 'Thursday' + 'night' joined into one expression."""
    ents = []
    for e in sent.ents:
        if e.label_ not in ("DATE", "TIME") or e.end_char <= ctx.dateline_end:
            continue
        # "Thursday, ending eight months" comes out as one entity: the date is what precedes the comma
        comma = next((t.i for t in e if t.text == ","), None)
        ents.append(sent.doc[e.start:comma] if comma is not None and comma > e.start else e)
    merged: list[SpacySpan] = []
    for e in ents:
        if merged and merged[-1].end == e.start:
            merged[-1] = sent.doc[merged[-1].start:e.end]
        else:
            merged.append(e)
    return merged


def _date_candidates(clause: Clause, sent: SpacySpan, ctx: ArticleContext) -> list[tuple[tuple, SpacySpan, EventDate]]:
    """The sentence's dates the event could have, each with its rank: a date on a reporting verb above the
    event's clause after the others, then the finer, then the nearer in the parse, then the earlier."""
    candidates = []
    for span in _date_spans(sent, ctx):
        low = span.text.lower()
        if not looks_like_date(span.text):
            continue
        if any(w in low for w in _NOT_EVENT_DATES) and not any(w in low for w in ("ago", "past", "last")):
            continue
        text = span.text
        if span.start > sent.start and sent.doc[span.start - 1].lower_ in ("on", "in", "since", "last", "early",
                                                                            "late", "until", "by"):
            text = sent.doc[span.start - 1].text + " " + text
        resolved = resolve_date(text, ctx.published)
        if resolved.start is None and ctx.published is not None:
            continue  # nothing this expression can be resolved to
        if resolved.precision in ("month", "year") and bounds_superlative(span):
            continue  # "the deadliest attack this year"
        dist = min(_dep_distance(span.root, h.token) for h in clause.hits)
        rank = (int(said_when(span, clause.head)), _DATE_RANK.get(resolved.precision, 4), dist, span.start)
        candidates.append((rank, span, resolved))
    return sorted(candidates, key=lambda c: c[0])


def _anchor(dated: EventDate | None, ctx: ArticleContext) -> date | None:
    """The day a relative date counts from: a day the sentence or the story gives, else publication."""
    if dated is not None and dated.precision == "day" and dated.start:
        return date.fromisoformat(dated.start)
    if ctx.last_date is not None and ctx.last_date.precision == "day" and ctx.last_date.start:
        return date.fromisoformat(ctx.last_date.start)
    return date.fromisoformat(ctx.published) if ctx.published else None


def _date_for(clause: Clause, sent: SpacySpan, ctx: ArticleContext) -> tuple[EventDate | None, bool]:
    """The event's date, and whether it was told against another event's ("two days after", "a day
    earlier"), which then does not become the date the story goes on from."""
    candidates = _date_candidates(clause, sent, ctx)
    link = temporal_complement(clause.main.token)
    if link is not None:
        inside = {t.i for t in link.connector.head.subtree} if link.connector.dep_ == "mark" else \
            {t.i for t in link.connector.subtree}
        own = [c for c in candidates
               if c[1].root.i in inside and (link.measure is None or c[1].root.i != link.measure.i)]
        if own:
            return own[0][2], True  # "after Friday's bombing"
        outside = [c for c in candidates if c[1].root.i not in inside]
        anchor = _anchor(outside[0][2] if outside else None, ctx)
        if anchor is not None and (told := offset_date(link, anchor)) is not None:
            return told, True
    elif not candidates and (adverb := relative_adverb(clause.head)) is not None:
        anchor = _anchor(None, ctx)
        if anchor is not None and (told := offset_date(adverb, anchor)) is not None:
            return told, True
    # "on Saturday ... one of the largest protests this year": the day is the event's date
    return (candidates[0][2] if candidates else None), False


def _undated(ctx: ArticleContext) -> EventDate:
    if ctx.published is None:
        return EventDate(text=None, start=None, end=None, precision=None)
    pub = date.fromisoformat(ctx.published)
    # No date in the text: the event was reported in the week up to publication; say no more than that.
    return EventDate(text=None, start=(pub - timedelta(days=6)).isoformat(), end=pub.isoformat(),
                     precision="week")


def _quantities(clause: Clause, qms: list[QuantityMention], used: set[int]) -> list[Quantity]:
    out = []
    hit_ids = {h.token.i for h in clause.hits} | {clause.head.i}
    hit_tokens = [h.token for h in clause.hits]
    for qm in qms:
        if id(qm) in used:
            continue
        anchor = qm.governor or qm.noun
        if anchor is None:
            continue
        # A figure under its own reporting verb ("the monitor put the toll at 25") is that source's claim.
        if anchor.lemma_ in _OWN_SOURCE_VERBS and anchor not in hit_tokens:
            continue
        chain = [anchor, *anchor.ancestors][:5]
        if any(t.i in hit_ids for t in chain) or (qm.noun is not None and qm.noun.i in hit_ids):
            if qm.quantity.category == "other":
                continue
            used.add(id(qm))
            out.append(qm.quantity)
    return out


# Clauses that describe a participant or a circumstance rather than assert the sentence's news:
# "two nationals suspected of blowing up a plane", "a town that was shelled last year".
_EMBEDDING_DEPS = {"relcl", "acl", "pcomp", "advcl", "csubj", "ccomp"}


def _embedding(head: Token) -> int:
    """How many embedded clauses lie between the trigger's clause and the sentence root (capped at 3)."""
    depth, t = 0, head
    while t.head.i != t.i and depth < 3:
        if t.dep_ in _EMBEDDING_DEPS:
            depth += 1
        t = t.head
    return depth


def build_event(event_id: str, clause: Clause, sent: SpacySpan, ctx: ArticleContext,
                qms: list[QuantityMention], used_q: set[int], attributions: list) -> Event:
    main = clause.main
    status = status_of(main.token)
    if status == "occurred" and main.token.i != clause.head.i:
        status = status_of(clause.head)
    def in_toponym(tok: Token) -> str | None:
        """The precision of the place mention covering `tok` ('country', 'city', ...), or None."""
        for t in ctx.toponyms:
            if t.start <= tok.idx < t.end:
                return t.place.precision or "unresolved"
        return None

    actors = link_actors(clause, ctx.actors, in_toponym, ctx.dateline_end)
    agent = next((a for a in actors if a.role == "agent"), None)
    target = next((a for a in actors if a.role == "target"), None)
    # Place names inside the phrases of who acted ("Gaza's health ministry") or of the source of the account
    # are not where the event happened; one inside a target ("residential streets of Chuguyev") is, unless
    # the place is the target itself ("accused Chad").
    def chars(text: str) -> tuple[int, int] | None:
        pos = sent.text.find(text)
        return (sent.start_char + pos, sent.start_char + pos + len(text)) if pos >= 0 else None

    actor_chars = [c for text in [a.text for a in actors if a.role != "target"] +
                   [a.speaker for _, a in attributions if a.speaker] if (c := chars(text)) is not None]
    target_chars = [c for a in actors if a.role == "target" and (c := chars(a.text)) is not None]
    place = _place_for(clause, sent, ctx, actor_chars, target_chars)
    when, relative = _date_for(clause, sent, ctx)
    if when is None:
        when = ctx.last_date if (ctx.last_date is not None and status == "occurred") else _undated(ctx)
    elif when.start is not None and status == "occurred" and not relative:
        ctx.last_date = when
    attribution: Attribution | None = attribution_for(main.token, attributions)
    clause_text = _without_names(sent)
    acled = acled_for(main.entry.type, main.entry.acled_sub, clause_text, agent, target, status)
    quantities = _quantities(clause, qms, used_q)
    confidence = 0.45 + 0.35 * main.entry.weight + 0.05 * (agent is not None) + 0.05 * (place is not None) \
        + 0.05 * (when.text is not None) - (0.1 if attribution and attribution.speaker is None else 0) \
        - 0.08 * _embedding(clause.head)
    if place is None and ctx.focus is not None and status == "occurred":
        place = ctx.focus
        confidence -= 0.1
    return Event(
        id=event_id, type=main.entry.type, mode=main.entry.mode, acled=acled, status=status, date=when,
        location=place, actors=actors, quantities=quantities, attribution=attribution,
        evidence=Span(text=sent.text, start=sent.start_char, end=sent.end_char),
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
    )


_ATTACKER_HEADS = {"bomber", "attacker", "gunman", "assailant", "blast", "explosion", "bombing", "raid", "assault"}


def is_anaphoric_repeat(clause: Clause, previous: list[Event], status: str = "occurred") -> Event | None:
    """'The strike killed 12' after 'An air strike hit Idlib': the same event, mentioned again."""
    trig = clause.main.token
    candidates = [h.token for h in clause.hits if h.token.pos_ == "NOUN"]
    # "The drone hit a crowded street": a definite weapon or attacker as subject points back too
    candidates += [c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass") and
                   c.lemma_.lower() in WEAPON_HEADS | _ATTACKER_HEADS]
    for tok in candidates or [trig]:
        if tok.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                                        for c in tok.children):
            continue
        for prev in reversed(previous[-4:]):
            if prev.type == clause.main.entry.type and prev.status == status:
                return prev
    return None
