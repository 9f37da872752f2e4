"""Claims: states of the world that are not events: force sizes, hostages held, civilians trapped,
who controls what share of a place, tolls given without an event to hang them on."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.lexicon import words
from eventatlas.extract.quantities import QuantityMention
from eventatlas.records import Attribution, Claim, EventDate, Place, Span

_CONTROL_VERBS = words("control_verbs")
_TRAPPED = re.compile(r"\b(trapped|stranded|besieged|remain|remained|remaining|stuck|cut off|encircled)\b", re.I)
_HELD = re.compile(r"\b(hold|holds|held|holding|captivity|remain|still)\b", re.I)
# (?<!\d): a number starts where its digits do; else a long run of digits is rescanned from each of them
_PERCENT = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s*(%|per ?cent|percent)", re.I)


def _claim_place(sent: SpacySpan, toponyms) -> Place | None:
    inside = [t for t in toponyms if sent.start_char <= t.start and t.end <= sent.end_char]
    finer = sorted(inside, key=lambda t: {"city": 0, "point": 0, "admin1": 1}.get(t.place.precision, 2))
    return finer[0].place if finer else None


_FRACTIONS = {"half": 0.5, "third": 0.33, "quarter": 0.25, "thirds": 0.67, "quarters": 0.75, "fifth": 0.2}
_STANDING = {"now", "still", "currently", "already", "firmly"}


def _share(tok: Token) -> float | None:
    """'85%', 'two thirds of', 'half of': the share of a place a holding verb's phrase states."""
    text = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text
    m = _PERCENT.search(text)
    if m:
        return round(float(m.group(1)) / 100, 4)
    for t in tok.subtree:
        if t.lower_ in _FRACTIONS and any(c.lower_ == "of" for c in t.children):
            if t.lower_ in ("thirds", "quarters") and not any(c.lower_ in ("two", "three") for c in t.children):
                continue
            return _FRACTIONS[t.lower_]
    return None


def control_of(tok: Token) -> tuple[Token | None, float | None] | None:
    """A standing claim of control in any voice: (the holder's head token, the share) for 'the rebels now
    control 85% of the city', 'two thirds of the district is now held by M23', 'the village remains under
    rebel control'; None for a clause that is no such claim ("captured the town" is an event)."""
    lemma = tok.lemma_.lower()
    if lemma == "remain" or (lemma == "be" and tok.pos_ == "AUX"):
        under = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "under"), None)
        control = next((g for g in under.children if g.dep_ == "pobj" and g.lemma_ == "control"), None) \
            if under is not None else None
        if control is None:
            return None
        holder = next((c for c in control.children if c.dep_ in ("compound", "amod", "poss")), None)
        of = next((g for c in control.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        return (of or holder), None
    if lemma not in _CONTROL_VERBS or tok.pos_ != "VERB":
        return None
    share = _share(tok)
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    holder = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None) \
        if passive else next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if share is not None:
        return holder, share
    standing = tok.tag_ in ("VBZ", "VBP") or (tok.tag_ == "VBN" and passive and any(
        c.lower_ in ("is", "are", "remains") for c in tok.children)) or tok.tag_ == "VBG" and any(
        c.lower_ in ("is", "are") for c in tok.children)
    standing = standing and (lemma in ("control", "hold", "occupy") or any(c.lower_ in _STANDING
                                                                         for c in tok.children))
    return (holder, None) if standing and holder is not None and lemma != "hold" else None


def _held_by_captors(qm: QuantityMention) -> bool:
    """'the gang is holding 26 passengers': people held by whoever seized them."""
    gov = qm.governor
    return gov is not None and gov.lemma_.lower() in ("hold", "keep") and \
        qm.quantity.category in ("civilians", "hostages") and \
        any(c.dep_ == "nsubj" and c.lemma_.lower() not in ("police", "authority", "government")
            for c in gov.children)


def find_claims(claim_id, sent: SpacySpan, qms: list[QuantityMention], used_q: set[int], toponyms,
                attributions: list, when: EventDate | None, resolver: ActorResolver) -> list[Claim]:
    from eventatlas.extract.attribution import attribution_for

    def attribution(tok) -> Attribution | None:
        if tok is None:
            return attributions[0][1] if attributions else None
        # "the monitor put the toll at 25": the figure's own verb is its source
        own = [attr for verb, attr in attributions if verb is not None and verb.i == tok.i]
        return own[0] if own else attribution_for(tok, attributions)

    out: list[Claim] = []
    evidence = Span(text=sent.text, start=sent.start_char, end=sent.end_char)
    place = _claim_place(sent, toponyms)
    for tok in sent:
        found = control_of(tok)
        if found is not None:
            holder, share = found
            actor = resolver.actor(holder, "agent") if holder is not None else None
            out.append(Claim(id=claim_id(), kind="control", subject=actor.name if actor else None,
                             location=place, quantity=None, share=share, date=when,
                             attribution=attribution(tok), evidence=evidence))
    for qm in qms:
        if id(qm) in used_q or qm.counted:  # a count of named victims is part of an event, never a claim
            continue
        q = qm.quantity
        kind = None
        if q.category == "fighters":
            kind = "force_size"
        elif (q.category == "hostages" and _HELD.search(sent.text)) or _held_by_captors(qm):
            kind = "hostages"  # "holds 20 hostages", "the gang is still holding 26 of the passengers"
        elif q.category in ("civilians", "displaced") and _TRAPPED.search(sent.text):
            kind = "civilians"
        elif q.category in ("fatalities", "injured"):
            kind = "casualties"
        if kind is None:
            continue
        used_q.add(id(qm))
        subject = qm.noun.text if qm.noun is not None else None
        out.append(Claim(id=claim_id(), kind=kind, subject=subject, location=place, quantity=q, share=None,
                         date=when, attribution=attribution(qm.governor or qm.noun), evidence=evidence))
    return out
