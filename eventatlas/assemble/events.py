"""Turning mentions into events one by one: a mention either starts an event or joins one already made."""

from __future__ import annotations

from datetime import date, timedelta

from eventatlas.extract.lexicon import words
from eventatlas.records import Document, Event, EventDate, Geography, Mention

_CASUALTY_VERBS = words("casualty_verbs")
_BACK_PRONOUNS = words("back_pronouns")
_BACK_DETERMINERS = words("back_determiners")


class Assembler:
    """The events of one article so far, and what the article has established for those to come."""

    def __init__(self, document: Document, geography: Geography):
        self.document = document
        self.focus = geography.focus
        self.events: list[Event] = []
        self.last_date: EventDate | None = None  # the last date the text gave for something that happened
        self._sentence = -1
        self._sentence_events: list[tuple[str, Event]] = []  # (main trigger lemma, event) of this sentence

    def add(self, mention: Mention) -> Event:
        if mention.sentence != self._sentence:
            self._sentence, self._sentence_events = mention.sentence, []
        event = self._event_of(mention)
        target = self._joins(mention, event)
        if target is not None:
            return target
        event.id = f"{self.document.id}-e{len(self.events) + 1}"
        self.events.append(event)
        self._sentence_events.append((mention.lemmas[0], event))
        return event

    def _joins(self, mention: Mention, event: Event) -> Event | None:
        """The event this mention is one more mention of, after folding it in; None when it is news."""
        # a denial of "the strike" is news of its own, not a repeat of the strike
        repeat = self._referent(mention) if mention.refers_back else None
        # Another source's account of the same event stays a report of its own: the resolve stage
        # groups reports into incidents and keeps each source's figures side by side.
        if repeat is not None and not _other_source(repeat, event):
            fold_into(repeat, event)
            return repeat
        # "Three were killed and seven wounded in clashes": the toll of one violent event, not three events
        lemmas = set(mention.lemmas)
        same = [e for _, e in self._sentence_events if e.type == "ASSAULT" and e.status == event.status]
        if event.type == "ASSAULT" and same and (lemmas & _CASUALTY_VERBS or
                                                 all(lem in _CASUALTY_VERBS for lem, _ in self._sentence_events)):
            target = same[0]
            if not lemmas <= _CASUALTY_VERBS:  # the specific trigger (clashes) types the event
                target.mode, target.acled = event.mode, event.acled or target.acled
            fold_into(target, event)
            return target
        return None

    def _referent(self, mention: Mention) -> Event | None:
        for prev in reversed(self.events[-4:]):
            if prev.type == mention.type and prev.status == mention.status:
                return prev
        return None

    def _event_of(self, mention: Mention) -> Event:
        when = mention.date
        if when is None:
            when = self.last_date if (self.last_date is not None and mention.status == "occurred") \
                else undated(self.document.published)
        elif when.start is not None and mention.status == "occurred":
            self.last_date = when
        place, confidence = mention.location, mention.confidence + 0.05 * (when.text is not None)
        if place is None and self.focus is not None and mention.status == "occurred":
            place, confidence = self.focus, confidence - 0.1
        return Event(
            id="", type=mention.type, mode=mention.mode, acled=mention.acled, status=mention.status, date=when,
            location=place, actors=list(mention.actors), quantities=list(mention.quantities),
            attribution=mention.attribution, evidence=mention.evidence, confidence=round(max(0.05, confidence), 2),
            mentions=[mention.evidence],
        )


def undated(published: str | None) -> EventDate:
    if published is None:
        return EventDate(text=None, start=None, end=None, precision=None)
    pub = date.fromisoformat(published)
    # No date in the text: the event was reported in the week up to publication; say no more than that.
    return EventDate(text=None, start=(pub - timedelta(days=6)).isoformat(), end=pub.isoformat(), precision="week")


def fold_into(target: Event, repeat: Event) -> None:
    known = {(q.category, q.low, q.high) for q in target.quantities}
    target.quantities.extend(q for q in repeat.quantities if (q.category, q.low, q.high) not in known)
    names = {(a.role, a.name) for a in target.actors}
    target.actors.extend(a for a in repeat.actors if (a.role, a.name) not in names)
    if target.location is None:
        target.location = repeat.location
    if all(m.start != repeat.evidence.start for m in target.mentions):
        target.mentions.append(repeat.evidence)


def _other_source(a: Event, b: Event) -> bool:
    """Two named sources, or a figure that contradicts the one already reported."""
    sa = a.attribution.speaker if a.attribution else None
    sb = b.attribution.speaker if b.attribution else None
    if sa and sb and sa != sb and not _refers_back(sb):
        return True
    known = {q.category: (q.low, q.high) for q in a.quantities}
    return any(q.category in known and known[q.category] != (q.low, q.high) for q in b.quantities)


def _refers_back(speaker: str) -> bool:
    """'he', 'the group', 'the ministry': the source named before, not a new one."""
    first, n = speaker.lower().split()[0], len(speaker.split())
    return first in _BACK_PRONOUNS or (first in _BACK_DETERMINERS and n <= 3)
