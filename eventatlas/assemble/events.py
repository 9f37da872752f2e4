"""Turning mentions into events one by one, in article order: a mention either joins an event already made
or starts one. It joins, as an ACLED coder would join it, when it is

- a casualty clause of a violent event of its sentence ("... exploded near a market, killing three");
- the force a protest of its sentence was met with ("police used tear gas to break up the march");
- a definite mention of an event named before ("The blast ...", "its fighters had planted the bombs");
- a toll given in a later sentence ("Three of the dead were police officers");
- the same kind of event at the same place on the same day, mentioned again further down;

and nothing it says (place, day, status) contradicts the event."""

from __future__ import annotations

import bisect
import dataclasses
import re

from eventatlas.assemble.fold import fold_into, new_event
from eventatlas.extract.lexicon import words
from eventatlas.records import Document, Event, Mention

_CASUALTY_VERBS = words("casualty_verbs")
_OPERATION_WORDS = words("operation_words")
_RIOT_CUES = re.compile(r"\b(" + "|".join(sorted(words("riot_cues"))) + r")\b", re.I)
_PARAGRAPH = re.compile(r"\n\s*\n")
_SEQUEL = re.compile(r"\b(" + "|".join(sorted(words("sequel_words"))) + r")\b", re.I)
_ARMED_NONSTATE = {"rebel", "political_militia", "identity_militia", "external"}
# How far back a later toll or a definite mention looks for its event (sentences, events).
_TOLL_REACH = 3
_REFERENCE_REACH = 8
_FORCE_MODES = {"beat", "firearms", "kill"}
_MET_WITH_FORCE = {"Excessive force against protesters", "Protest with intervention", "Violent demonstration"}


def casualty_only(m: Mention) -> bool:
    """The clause says only that people were killed or hurt: the toll of some violent event."""
    return m.type == "ASSAULT" and bool(m.lemmas) and set(m.lemmas) <= _CASUALTY_VERBS


def _protesters_hit(m: Mention) -> bool:
    return any(a.role == "target" and a.type in ("protesters", "rioters") for a in m.actors)


def is_force(m: Mention) -> bool:
    """Police action against a protest: dispersing, tear gas, firing on or beating protesters (arrests are
    an event of their own). ACLED files such action under the protest it met."""
    if m.type not in ("ASSAULT", "COERCE") or m.mode == "arrest":
        return False
    sub = (m.acled or {}).get("sub_event_type")
    return sub in ("Protest with intervention", "Excessive force against protesters") or (
        m.mode in _FORCE_MODES and _protesters_hit(m))


def riot(m: Mention) -> bool:
    """'Stone-throwing youths clashed with police': a fight of unarmed people with the police is a riot."""
    if m.type != "ASSAULT" or not _RIOT_CUES.search(m.cue_text):
        return False
    return not any(a.type in _ARMED_NONSTATE for a in m.actors)


def same_place(a, b) -> bool:
    if a is None or b is None:
        return True
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if (a.name or a.text) == (b.name or b.text):
        return True
    # a country or a province holds the town named in the other mention
    coarse, fine = (a, b) if _rank(a) > _rank(b) else (b, a)
    if _rank(coarse) == _rank(fine) or coarse.country_code != fine.country_code:
        return False
    return coarse.precision == "country" or (coarse.precision == "admin1" and coarse.admin1 == fine.admin1)


def _rank(p) -> int:
    return {"point": 0, "city": 0, "admin1": 1, "region": 2, "country": 3}.get(p.precision, 0)


def _later(a, b) -> bool:
    """Day `a` comes after day `b`."""
    return a is not None and b is not None and a.start is not None and b.start is not None and \
        a.start > (b.end or b.start)


def same_day(a, b) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


class Assembler:
    """The events of one article so far."""

    def __init__(self, document: Document):
        self.document = document
        self.events: list[Event] = []
        self.parts: dict[int, list[Mention]] = {}  # id(event) -> its mentions, the main one first
        self._last_sentence: dict[int, int] = {}  # id(event) -> the last sentence that mentions it
        self._sentence = -1
        self._here: list[Event] = []  # events this sentence mentions
        self._dated: tuple[int, object] | None = None  # (where, date) the text last dated something that happened
        self._breaks = [m.end() for m in _PARAGRAPH.finditer(document.text)]

    def add(self, m: Mention) -> Event | None:
        """The event `m` supports (made or joined), or None when it reports no single event."""
        if m.generic is not None:
            return None
        if m.sentence != self._sentence:
            self._sentence, self._here = m.sentence, []
        target = self._in_sentence(m) or self._earlier(m)
        if target is not None:
            if not same_place(target.location, m.location):
                m = dataclasses.replace(m, location=None)  # where the wounded were taken does not move the attack
            fold_into(target, m, self.parts[id(target)])
        else:
            target = new_event(f"{self.document.id}-e{len(self.events) + 1}", m, protest=is_force(m) or riot(m))
            self.events.append(target)
            self.parts[id(target)] = [m]
            if target.date.start is None and m.status == "occurred" and not m.earlier and \
                    self._dated is not None and self._paragraph(self._dated[0]) == self._paragraph(m.evidence.start):
                # an undated clause goes on with the story its paragraph dated ("On Tuesday ... Police
                # later arrested ..."); outside that paragraph no date is made up
                target.date = self._dated[1]
        if m.date is not None and m.date.start is not None and m.status == "occurred" and \
                m.date.precision in ("day", "week") and not m.earlier:
            self._dated = (m.evidence.start, m.date)
        self._last_sentence[id(target)] = m.sentence
        if target.location is None:
            # a clause that names no place happened where its sentence put the events beside it
            target.location = next((e.location for e in self._here if e.location is not None), None)
        if target not in self._here:
            self._here.append(target)
        return target

    def _in_sentence(self, m: Mention) -> Event | None:
        here = [e for e in self._here if e.status == m.status]
        if not here:
            return None
        if m.type == "ASSAULT" and (set(m.lemmas) & _CASUALTY_VERBS or all(
                self.parts[id(e)][0].lemmas[0] in _CASUALTY_VERBS for e in self._here)):
            # "Three were killed and seven wounded in clashes": the toll of one violent event
            target = next((e for e in here if self._violent(e) and same_place(e.location, m.location)), None)
            if target is not None:
                return target
        if is_force(m):
            return next((e for e in here if e.type == "PROTEST"), None)
        if m.type == "PROTEST":
            return next((e for e in here if any(is_force(p) for p in self.parts[id(e)])), None)
        if {m.type} | {e.type for e in here} >= {"CONSULT", "AGREE"} and m.type in ("CONSULT", "AGREE"):
            # "agreed at a summit in Niamey": the meeting that produced an agreement is the agreement
            return next(e for e in here if e.type in ("CONSULT", "AGREE"))
        if m.lemmas[0] in _OPERATION_WORDS or any(self.parts[id(e)][0].lemmas[0] in _OPERATION_WORDS for e in here):
            # "troops killed 12 fighters in a raid": the raid is how the killing was done
            return next((e for e in here if e.type in ("ASSAULT", "COERCE") and m.type in ("ASSAULT", "COERCE")
                         and e.type != m.type), None)
        return None

    def _earlier(self, m: Mention) -> Event | None:
        if m.refers_back:
            # "The wounded were taken to hospitals in Kirkuk": where the victims went is not where the attack was
            anywhere = casualty_only(m) and not any(a.role == "agent" for a in m.actors)
            for e in reversed(self.events):
                if self._compatible(e, m, _REFERENCE_REACH, anywhere) and _same_family(e, m, loose=True):
                    return e
            if set(m.lemmas) & _CASUALTY_VERBS:
                # "a boy wounded in the attack died in hospital on Monday": a later death from an earlier attack
                for e in reversed(self.events):
                    if _same_family(e, m, loose=True) and _later(m.date, e.date) and \
                            self._compatible(e, dataclasses.replace(m, date=None), _REFERENCE_REACH, True):
                        return e
        if casualty_only(m) and not any(a.role == "agent" for a in m.actors):
            for e in reversed(self.events):
                if self._violent(e) and self._compatible(e, m, _TOLL_REACH):
                    return e
        if is_force(m):
            # "Officers fired into the air to disperse them": the force the protest just told met
            for e in reversed(self.events):
                if e.type == "PROTEST" and self._compatible(e, m, _TOLL_REACH):
                    return e
        for e in reversed(self.events):
            # the same actor doing the same kind of thing at the same place, a few sentences on, unless the
            # text says it is another ("later attacked an army base") or it hits someone else
            if _same_family(e, m) and _agents_agree(e, m, strict=True) and _targets_agree(e, m) and \
                    not _SEQUEL.search(m.evidence.text) and self._compatible(e, m, _TOLL_REACH):
                return e
        if m.location is not None and m.date is not None and m.date.start is not None:
            for e in reversed(self.events):
                if _same_family(e, m) and e.location is not None and _same_name(e.location, m.location) and \
                        e.date.start is not None and \
                        self._compatible(e, m, 99) and _agents_agree(e, m):
                    return e
        return None

    def _paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self._breaks, offset)

    def _violent(self, e: Event) -> bool:
        """An attack, or a protest that turned violent or was met with force ("fired on traders protesting",
        which the protest's own clause already tells); a funeral march is neither."""
        return e.type == "ASSAULT" or (e.type == "PROTEST" and (
            e.mode == "riot" or any(is_force(p) or riot(p) or _met_with_force(p) for p in self.parts[id(e)])))

    def _compatible(self, e: Event, m: Mention, reach: int, anywhere: bool = False) -> bool:
        return e.status == m.status and m.sentence - self._last_sentence[id(e)] <= reach and \
            (anywhere or same_place(e.location, m.location)) and same_day(e.date, m.date)


def _met_with_force(m: Mention) -> bool:
    return m.type == "PROTEST" and (m.acled or {}).get("sub_event_type") in _MET_WITH_FORCE


def _same_family(e: Event, m: Mention, loose: bool = False) -> bool:
    """Mentions of one event share its type; the force a protest met is the protest's, and a definite mention
    of the dead or of an attack may point back to a protest met with force (`loose`)."""
    if e.type == m.type:
        return True
    if {e.type, m.type} <= {"ASSAULT", "PROTEST", "COERCE"} and e.type == "PROTEST":
        return is_force(m) or (loose and m.type == "ASSAULT")
    return False


def _agents_agree(e: Event, m: Mention, strict: bool = False) -> bool:
    """No named agent on either side contradicts the other; `strict`: both name one, and it is the same."""
    mine = {a.name for a in m.actors if a.role == "agent"}
    theirs = {a.name for a in e.actors if a.role == "agent"}
    if strict:
        return bool(mine & theirs)
    return not mine or not theirs or bool(mine & theirs)


def _targets_agree(e: Event, m: Mention) -> bool:
    mine = {a.name for a in m.actors if a.role == "target" and a.type is not None}
    theirs = {a.name for a in e.actors if a.role == "target" and a.type is not None}
    return not mine or not theirs or bool(mine & theirs)


def _same_name(a, b) -> bool:
    return (a.geonames_id is not None and a.geonames_id == b.geonames_id) or (a.name or a.text) == (b.name or b.text)
