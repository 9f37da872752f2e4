"""Mentions: for each trigger clause, what the clause itself says: its actors, place, date, quantities, status
and source. Which mentions are one event, and what an event takes from the article around its mentions, is
the assembly stage's job (eventatlas/assemble/)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventatlas.extract.acled import acled_for
from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.arguments import WEAPON_HEADS, link_actors
from eventatlas.extract.attribution import attribution_for
from eventatlas.extract.dates import looks_like_date, resolve_date
from eventatlas.extract.lexicon import words
from eventatlas.extract.modality import status_of
from eventatlas.extract.ontology import COOPERATIVE
from eventatlas.extract.quantities import QuantityMention
from eventatlas.extract.reportable import generic_reason, told_as_earlier
from eventatlas.extract.triggers import Clause
from eventatlas.records import Attribution, EventDate, Mention, Place, Quantity, Span

_LOC_PREPS = words("loc_preps")
_PRECISION_RANK = {"point": 0, "city": 0, "admin1": 1, "region": 2, "country": 3, None: 4}
_NOT_EVENT_DATES = words("not_event_dates")
_PAST_DURATION = words("past_duration_words")
_DATE_PREPS = words("date_preps")
_OWN_SOURCE_VERBS = words("own_source_verbs")
_DEFINITE = words("definite")
_CASUALTY_VERBS = words("casualty_verbs")


@dataclass
class ArticleContext:
    """What one article's extraction carries from sentence to sentence."""
    published: str | None
    toponyms: list  # geo.Toponym: start, end, place
    actors: ActorResolver = field(default_factory=ActorResolver)
    focus: Place | None = None
    dateline_end: int = 0  # "TEGUCIGALPA, 9 FEB 91 --": the date there is when it was filed, not when it happened


_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_DIRECTIONS = words("directions")
_ADMIN_SUFFIX = tuple(sorted(words("admin_suffixes")))


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


# Entities that may carry a place's name without being there: "Radio Kaya", "Kenya Airways", "the Qatar
# Foundation", a person named after a town.
_NAMED_AFTER = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "NORP", "LAW"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent"}


def _describes_someone(root: Token, clause: Clause) -> bool:
    """'JNIM, the al-Qaeda affiliate active across the central Sahel, said ...': a place in an appositive
    describing a participant says who they are, not where ("recruits queuing outside a camp in Mogadishu"
    still says where)."""
    triggers = {h.token.i for h in clause.hits} | {clause.head.i}
    for t in [root, *root.ancestors]:
        if t.dep_ == "appos" and t.head.pos_ in ("NOUN", "PROPN"):
            return not any(x.i in triggers for x in t.subtree)
        if t.i in triggers:
            return False
    return False


def _named_after(span: SpacySpan, topo) -> bool:
    """The place name is part of a longer name of something else."""
    for ent in span.doc.ents:
        if ent.label_ in _NAMED_AFTER and ent.start_char <= topo.start and topo.end <= ent.end_char and \
                (ent.end_char - ent.start_char) > (topo.end - topo.start):
            return True
    return False


def _place_for(clause: Clause, sent: SpacySpan, ctx: ArticleContext, actor_chars: list[tuple[int, int]]):
    doc = sent.doc
    best, best_score = None, None
    scored = []
    for topo in ctx.toponyms:
        if topo.start < sent.start_char or topo.end > sent.end_char or topo.place.latitude is None:
            continue
        if any(s <= topo.start and topo.end <= e for s, e in actor_chars) or topo.end <= ctx.dateline_end:
            continue
        span = doc.char_span(topo.start, topo.end, alignment_mode="expand")
        if span is None or _named_after(span, topo) or _describes_someone(span.root, clause):
            continue
        root = span.root
        if topo.place.precision in ("country", "region") and root.dep_ in _ARGUMENT_DEPS:
            continue  # "blamed Russia for the attack": a country in an argument slot acts, it is not where
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


def _date_for(clause: Clause, sent: SpacySpan, ctx: ArticleContext, ahead: bool = False) -> EventDate | None:
    candidates = []
    for span in _date_spans(sent, ctx):
        low = span.text.lower()
        if not looks_like_date(span.text):
            continue
        if any(w in low for w in _NOT_EVENT_DATES) and not any(w in low for w in _PAST_DURATION):
            continue
        text = span.text
        if span.start > sent.start and sent.doc[span.start - 1].lower_ in _DATE_PREPS:
            text = sent.doc[span.start - 1].text + " " + text
        resolved = resolve_date(text, ctx.published, ahead)
        if resolved.start is None and ctx.published is not None:
            continue  # nothing this expression can be resolved to
        dist = min(_dep_distance(span.root, h.token) for h in clause.hits)
        candidates.append((_DATE_RANK.get(resolved.precision, 4), dist, span.start, resolved))
    if not candidates:
        return None
    # "on Saturday ... one of the largest protests this year": the day is the event's date
    return min(candidates, key=lambda c: c[:3])[3]


def _casualty_host(tok: Token) -> Token | None:
    """'three farmers died in army shelling', 'two died in police firing': the casualty verb an attack is the
    circumstance of; its figures are the attack's."""
    noun = tok.head if tok.dep_ == "acl" else tok
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during") and \
            noun.head.head.lemma_.lower() in _CASUALTY_VERBS:
        return noun.head.head
    return None


def _quantities(clause: Clause, qms: list[QuantityMention], used: set[int]) -> list[Quantity]:
    out = []
    hit_ids = {h.token.i for h in clause.hits} | {clause.head.i}
    hit_ids |= {host.i for h in clause.hits if (host := _casualty_host(h.token)) is not None}
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
# "three citizens suspected of blowing up a bridge", "a town that was shelled last year".
_EMBEDDING_DEPS = {"relcl", "acl", "pcomp", "advcl", "csubj", "ccomp"}


def _embedding(head: Token) -> int:
    """How many embedded clauses lie between the trigger's clause and the sentence root (capped at 3)."""
    depth, t = 0, head
    while t.head.i != t.i and depth < 3:
        if t.dep_ in _EMBEDDING_DEPS:
            depth += 1
        t = t.head
    return depth


def build_mention(clause: Clause, sent: SpacySpan, sentence: int, ctx: ArticleContext,
                  qms: list[QuantityMention], used_q: set[int], attributions: list) -> Mention:
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
    # Place names inside actor phrases ("Gaza's health ministry") or the source of the account are not
    # where the event happened.
    actor_chars = []
    # (an actor of no known kind, "a market tax in Kano", may well hold the place)
    for text in [a.text for a in actors if a.type is not None] + [a.speaker for _, a in attributions if a.speaker]:
        pos = sent.text.find(text)
        if pos >= 0:
            actor_chars.append((sent.start_char + pos, sent.start_char + pos + len(text)))
    place = _place_for(clause, sent, ctx, actor_chars)
    # what is planned or possible lies ahead: "will march on Sunday" is the coming Sunday
    when = _date_for(clause, sent, ctx, ahead=status in ("planned", "possible"))
    attribution: Attribution | None = attribution_for(main.token, attributions)
    clause_text = _without_names(sent)
    acled = acled_for(main.entry.type, main.entry.acled_sub, clause_text, agent, target, status)
    quantities = _quantities(clause, qms, used_q)
    # how sure the clause alone makes us; assembly adds what the article around it gives (a date, a place)
    confidence = 0.45 + 0.35 * main.entry.weight + 0.05 * (agent is not None) + 0.05 * (place is not None) \
        - (0.1 if attribution and attribution.speaker is None else 0) - 0.08 * _embedding(clause.head)
    trig = main.token
    generic = generic_reason(main.token, clause.head, sent, when, quantities)
    if generic == "failed" and main.entry.type in COOPERATIVE:
        status, generic = "denied", None  # "failed to reach agreement": an agreement that did not happen
    return Mention(
        id="", type=main.entry.type, mode=main.entry.mode, acled=acled, status=status, date=when,
        location=place, actors=actors, quantities=quantities, attribution=attribution,
        evidence=Span(text=sent.text, start=sent.start_char, end=sent.end_char),
        trigger=Span(text=trig.text, start=trig.idx, end=trig.idx + len(trig.text)), sentence=sentence,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
        lemmas=[main.token.lemma_.lower()] + [h.token.lemma_.lower() for h in clause.hits if h is not main],
        refers_back=refers_back(clause), cue_text=clause_text, trigger_acled=main.entry.acled_sub,
        generic=generic, earlier=told_as_earlier(clause.head),
    )


_ATTACKER_HEADS = words("attacker_heads")
# "its aircraft struck a camp" names an owner, not an event told before
_BACK = _DEFINITE - {"its"}


def refers_back(clause: Clause) -> bool:
    """'The strike killed 12' after 'An air strike hit Idlib': a definite mention of an event named before."""
    trig = clause.main.token
    # "the blast", "the wounded" (the tagger may read it as a participle in a subject's slot)
    candidates = [h.token for h in clause.hits if h.token.pos_ in ("NOUN", "ADJ") or
                  h.token.dep_ in ("nsubj", "nsubjpass")]
    # "The drone hit a crowded street", "The devices went off minutes apart, destroying two trucks": a definite
    # weapon or attacker as subject (of the clause, or of the verb a participle clause hangs on) points back too
    heads = [clause.head] + ([clause.head.head] if clause.head.dep_ in ("advcl", "conj") else [])
    candidates += [c for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and
                   c.lemma_.lower() in WEAPON_HEADS | _ATTACKER_HEADS]
    return any(tok.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and any(c.dep_ in ("det", "poss") and c.lower_ in _BACK
                                                                    for c in tok.children)
               for tok in candidates or [trig])
