"""What an event takes from each mention that joins it: the actors it lacked, figures (another source's
stay that source's), a finer place or day, and the mention itself as evidence."""

from __future__ import annotations

import bisect
import dataclasses
import re

from eventatlas.extract.lexicon import words
from eventatlas.records import Account, Actor, Claim, Event, EventDate, Mention, Quantity

_CASUALTY_VERBS = words("casualty_verbs")
_OPERATION_WORDS = words("operation_words")
_GENERIC_MODES = {"kill", "clash", None}
_MAX_TARGETS = 4
_BACK_PRONOUNS = words("back_pronouns")
_BACK_DETERMINERS = words("back_determiners")
_PRECISION = {"point": 0, "city": 0, "admin1": 1, "region": 2, "country": 3, None: 4}
_DATE_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


def new_event(event_id: str, m: Mention, protest: bool = False) -> Event:
    """The event `m` starts; `protest`: it is force met by a protest, which ACLED codes as the protest."""
    return Event(
        id=event_id, type="PROTEST" if protest else m.type, mode="demonstrate" if protest else m.mode,
        acled=m.acled, status=m.status,
        date=m.date if m.date is not None else EventDate(text=None, start=None, end=None, precision=None),
        location=m.location, actors=[dataclasses.replace(a) for a in m.actors], quantities=list(m.quantities),
        attribution=m.attribution, evidence=m.evidence, confidence=m.confidence, mentions=[m.evidence],
    )


def fold_into(target: Event, m: Mention, parts: list[Mention]) -> None:
    """Fold mention `m` into `target`, whose mentions so far are `parts` (the main one first)."""
    if _casualty_only(parts[0]) and not _casualty_only(m) and m.type in ("ASSAULT", "PROTEST") and \
            m.sentence == parts[0].sentence:
        # "..., killing three" came first: the specific trigger (clashes, the blast) types the event
        parts.insert(0, m)
        target.mode, target.evidence = m.mode, m.evidence
    else:
        parts.append(m)
    if m.type == "PROTEST" and target.type != "PROTEST":
        target.type, target.mode = "PROTEST", m.mode  # the force a protest met is part of the protest
    elif m.type == "AGREE" and target.type == "CONSULT":
        target.type, target.mode, target.evidence = "AGREE", m.mode, m.evidence
        parts.insert(0, parts.pop())
    elif m.type == "ASSAULT" and target.type == "COERCE" and parts[0].lemmas[0] in _OPERATION_WORDS:
        target.type, target.mode = "ASSAULT", m.mode  # the killing in a raid types the raid
        parts.insert(0, parts.pop())
        target.evidence = m.evidence
    if target.type == m.type == "ASSAULT" and target.mode in _GENERIC_MODES and m.mode not in _GENERIC_MODES:
        target.mode = m.mode  # "There was an attack at the market. A bomb was thrown at a shop": a bombing
    _merge_actors(target, m)
    _merge_figures(target, m, parts)
    if _PRECISION[getattr(m.location, "precision", None)] < _PRECISION[getattr(target.location, "precision", None)]:
        target.location = m.location
    if m.date is not None and m.date.start is not None and \
            _DATE_PRECISION[m.date.precision] < _DATE_PRECISION[target.date.precision]:
        target.date = m.date
    target.confidence = max(target.confidence, m.confidence)
    if all(s.start != m.evidence.start for s in target.mentions):
        target.mentions.append(m.evidence)


def _merge_actors(target: Event, m: Mention) -> None:
    """The agent the event lacked, or a name for its generic one; every victim or target not yet named."""
    roles = {a.role for a in target.actors}
    names = {(a.role, a.name) for a in target.actors}
    for a in m.actors:
        if a.role not in roles or (a.role == "target" and (a.role, a.name) not in names and
                                   sum(x.role == "target" for x in target.actors) < _MAX_TARGETS):
            target.actors.append(dataclasses.replace(a))
            names.add((a.role, a.name))
        elif (a.role, a.name) not in names and a.type is not None and not _generic(a):
            mine = next(x for x in target.actors if x.role == a.role)
            if _generic(mine) and (mine.type is None or _same_class(mine, a)):
                target.actors[target.actors.index(mine)] = dataclasses.replace(a)  # a name for "the militants"


def _generic(a: Actor) -> bool:
    return a.name.lower() == a.text.lower().removeprefix("the ").strip() and a.name[:1].islower()


def _same_class(a: Actor, b: Actor) -> bool:
    return (a.type == "state") == (b.type == "state")


def _merge_figures(target: Event, m: Mention, parts: list[Mention]) -> None:
    """The first figure of each category stands; another source's different figure becomes its account; the
    same source's later figure for a subset ("three of the dead were police officers") adds nothing."""
    mine = {q.category: q for q in target.quantities}
    other_source = _other_source(target, m)
    differing = []
    for q in m.quantities:
        if q.category not in mine:
            if not other_source or not target.quantities:
                target.quantities.append(q)
                mine[q.category] = q
            else:
                differing.append(q)
        elif (q.low, q.high) != (mine[q.category].low, mine[q.category].high) and other_source:
            differing.append(q)
    if differing:
        if not target.accounts:
            main = parts[0]
            target.accounts.append(Account(attribution=target.attribution, quantities=list(target.quantities),
                                           evidence=main.evidence))
        target.accounts.append(Account(attribution=m.attribution, quantities=differing, evidence=m.evidence))


def lowest_figures(target: Event) -> None:
    """Where sources differ, the event is coded with the lowest figure of each category (ACLED's rule)."""
    if not target.accounts:
        return
    best: dict[str, Quantity] = {}
    for account in target.accounts:
        for q in account.quantities:
            low = q.low if q.low is not None else q.high
            held = best.get(q.category)
            if held is None or (low is not None and low < (held.low if held.low is not None else held.high or 0)):
                best[q.category] = q
    target.quantities = list(best.values())


def _other_source(e: Event, m: Mention) -> bool:
    """Two named sources, the second not pointing back to the first ('he', 'the ministry')."""
    sa = e.attribution.speaker if e.attribution else None
    sb = m.attribution.speaker if m.attribution else None
    return bool(sa and sb and sa != sb and not _refers_back(sb))


def _refers_back(speaker: str) -> bool:
    first, n = speaker.lower().split()[0], len(speaker.split())
    return first in _BACK_PRONOUNS or (first in _BACK_DETERMINERS and n <= 3)


def _casualty_only(m: Mention) -> bool:
    return m.type == "ASSAULT" and bool(m.lemmas) and set(m.lemmas) <= _CASUALTY_VERBS


_SUBSET = re.compile(r"\b(of|among) (the|those) (dead|killed|wounded|injured|victims|casualties)\b", re.I)
# "raising the toll to eight", "bringing the death toll to 14": the figure now stands in for the first one
_UPDATE = re.compile(r"\b(rais\w*|bring\w*|brought|push\w*|take\w*|took) the (death |overall )?toll to\b", re.I)
_TOLL_REACH = 2


def attach_toll(claim: Claim, events: list[Event], assembler, sentence_starts: list[int]) -> None:
    """A toll stated without an event of its own ("the monitor put the toll at 25 to 30", "two of the dead
    were police officers") belongs to the violent event told just before: one more mention of it, and
    another source's different figure one more account."""
    at = bisect.bisect_right(sentence_starts, claim.evidence.start) - 1
    for e in reversed(events):
        before = [bisect.bisect_right(sentence_starts, s.start) - 1 for s in e.mentions
                  if s.start < claim.evidence.start]
        if e.status != "occurred" or e.type not in ("ASSAULT", "PROTEST") or not before or \
                at - max(before) > _TOLL_REACH:
            continue
        if all(s.start != claim.evidence.start for s in e.mentions):
            e.mentions.append(claim.evidence)
        q = claim.quantity
        if q is not None and _UPDATE.search(claim.evidence.text):
            e.quantities = [x for x in e.quantities if x.category != q.category] + [q]
            return
        mine = {x.category: (x.low, x.high) for x in e.quantities}
        speaker = claim.attribution.speaker if claim.attribution else None
        own = e.attribution.speaker if e.attribution else None
        if q is not None and not _SUBSET.search(claim.evidence.text) and speaker and speaker != own and \
                mine.get(q.category) not in (None, (q.low, q.high)):
            if not e.accounts:
                e.accounts.append(Account(attribution=e.attribution, quantities=list(e.quantities),
                                          evidence=e.evidence))
            e.accounts.append(Account(attribution=claim.attribution, quantities=[q], evidence=claim.evidence))
        return
