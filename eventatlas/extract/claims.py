"""Claims: states of the world that are not events: force sizes, hostages held, civilians trapped,
who controls what share of a place, tolls given without an event to hang them on."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.quantities import QuantityMention
from eventatlas.records import Attribution, Claim, EventDate, Place, Span

_TRAPPED = re.compile(r"\b(trapped|stranded|besieged|remain|remained|remaining|stuck|cut off|encircled)\b", re.I)
_HELD = re.compile(r"\b(hold|holds|held|holding|captivity|remain|still)\b", re.I)


def _claim_place(sent: SpacySpan, toponyms) -> Place | None:
    inside = [t for t in toponyms if sent.start_char <= t.start and t.end <= sent.end_char]
    finer = sorted(inside, key=lambda t: {"city": 0, "point": 0, "admin1": 1}.get(t.place.precision, 2))
    return finer[0].place if finer else None


def _held_by_captors(qm: QuantityMention) -> bool:
    """'the gang is holding 26 passengers': people held by whoever seized them."""
    gov = qm.governor
    return gov is not None and gov.lemma_.lower() in ("hold", "keep") and \
        qm.quantity.category in ("civilians", "hostages") and \
        any(c.dep_ == "nsubj" and c.lemma_.lower() not in ("police", "authority", "government")
            for c in gov.children)


def find_claims(claim_id, sent: SpacySpan, qms: list[QuantityMention], used_q: set[int], toponyms,
                attributions: list, when: EventDate | None, resolver: ActorResolver,
                published: str | None = None) -> list[Claim]:
    from eventatlas.extract.attribution import attribution_for
    from eventatlas.extract.control_claims import find_control_claims

    def attribution(tok) -> Attribution | None:
        if tok is None:
            return attributions[0][1] if attributions else None
        # "the monitor put the toll at 25": the figure's own verb is its source
        own = [attr for verb, attr in attributions if verb is not None and verb.i == tok.i]
        return own[0] if own else attribution_for(tok, attributions)

    out: list[Claim] = []
    evidence = Span(text=sent.text, start=sent.start_char, end=sent.end_char)
    place = _claim_place(sent, toponyms)
    # who holds what, in any voice: a module of its own (extract/control_claims.py)
    out.extend(find_control_claims(claim_id, sent, toponyms, attribution, resolver, published))
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
