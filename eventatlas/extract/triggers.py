"""Event triggers and the clauses they head: one event per (trigger, clause).

A noun trigger that is the object or subject of a verb belongs to that verb's clause ("carried out an air
strike", "an air strike killed 12"); verbs joined by 'and' or a participle ("shelled the town, killing 12")
describing the same kind of event are one event."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventatlas.extract.lexicon import Trigger, generic_actor_types, trigger_rules, triggers, type_group, words
from eventatlas.extract.needs import object_in, trigger_needs

LIGHT_VERBS = words("light_verbs")
_DIPLOMATIC = words("diplomatic")
_HABITUAL = words("habitual")
_HABITUAL_ADVERBS = words("habitual_adverbs")
_AIRBORNE = words("airborne")
_CANCELLING = words("cancelling")
_LABOUR_STRIKE = words("labour_strike")
_DISRUPT_VERBS = words("disrupt_verbs")
_WEAPONS = words("weapons")
_BASES = words("bases")
_BASE_VERBS = words("base_verbs")
_DEMANDING = words("demanding")
_NESTING_TYPES = type_group("nesting")
_CORE_ARGS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd"}
# Nouns that look like triggers but here modify another noun ("attack helicopter", "protest leader").
_SKIP_AS_MODIFIER = {"compound", "amod"}

_RULES = trigger_rules()
_GENERIC_KINDS = generic_actor_types()
_CUSTODY = words("custody_words")
_TAKEN_PLACES = words("taken_places")
_CROWD_VERBS = words("crowd_control_verbs")
_CROWD_WEAPONS = words("crowd_control_weapons")
_STRIKE_PROTEST = _RULES["strike_protest"]
_SIT_IN = _RULES["sit_in"]
# "an armed strike": a stay-at-home order an armed group enforces on residents, no air strike and no protest
_ARMED_STRIKE = _RULES["armed_strike"]
_SEXUAL = _RULES["sexual"]
_DISRUPTED = _RULES["disrupted"]
_BASE = _RULES["base"]
_TAKEOVER = _RULES["takeover"]
_CALL_OFF = _RULES["call_off"]
# "X must hand over the suspects", said by someone: a demand (PLOVER REQUEST) made by the speaker.
_MUST = _RULES["must"]


@dataclass
class TriggerHit:
    token: Token
    entry: Trigger


@dataclass
class Clause:
    """One event's share of a sentence: its head token and the triggers folded into it."""
    head: Token
    hits: list[TriggerHit] = field(default_factory=list)

    @property
    def main(self) -> TriggerHit:
        return max(self.hits, key=lambda h: h.entry.weight)


def _entry(tok: Token) -> Trigger | None:
    table = triggers()
    lemma = tok.lemma_.lower()
    # "its cells regularly attack checkpoints": a habit, not an event
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in tok.children):
        return None
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return _DISRUPTED if object_in(tok, _AIRBORNE) else None
    if lemma == "strike" and tok.pos_ == "NOUN" and any(c.lower_ == "armed" for c in tok.lefts):
        return _ARMED_STRIKE
    # A hunger strike or a general strike is a protest, not an air strike.
    if lemma == "strike" and tok.pos_ == "NOUN" and (
            any(c.lower_ in _LABOUR_STRIKE for c in tok.lefts) or
            (tok.head.lower_ == "on" and tok.head.head.lemma_ in ("go", "be", "remain", "stay"))):
        return _STRIKE_PROTEST
    if lemma == "hostage" and tok.head.lemma_ in ("hold", "keep", "have", "retain", "still"):
        return None  # "holds 20 hostages" is a state of affairs: a claim, not an abduction
    # spaCy splits "sit-in" and makes "in" the noun: that is where the protest hangs in the parse
    if tok.lower_ == "in" and tok.pos_ == "NOUN" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and \
            tok.doc[tok.i - 2].lower_ == "sit":
        return _SIT_IN
    if lemma == "sit" and tok.pos_ == "VERB" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" \
            and tok.doc[tok.i + 2].lower_ == "in":
        return _SIT_IN
    if lemma == "violence" and any(c.lower_ == "sexual" for c in tok.lefts):
        return _SEXUAL
    if tok.pos_ == "VERB" and lemma in _DISRUPT_VERBS and object_in(tok, _WEAPONS):
        return _DISRUPTED
    if tok.pos_ == "VERB" and lemma in _BASE_VERBS and object_in(tok, _BASES) and (
            lemma != "set" or any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)):
        return _BASE
    if tok.pos_ == "VERB" and lemma in ("gain", "take") and (
            object_in(tok, {"control", "ground"}) or (lemma == "take" and any(
                c.dep_ == "prt" and c.lower_ == "over" for c in tok.children)) or (
                lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() in _TAKEN_PLACES
                                        for c in tok.children))):
        return _TAKEOVER  # "took control of the town", "had taken two villages"
    if lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
        return _CALL_OFF
    if tok.pos_ == "VERB" and lemma in _CROWD_VERBS and object_in(tok, _CROWD_WEAPONS):
        return _RULES["crowd_control"]  # "fired tear gas at the traders", "used water cannon on the march"
    if tok.pos_ == "VERB" and (lemma in ("hold", "take") and _holds_people(tok)):
        return _RULES["held"]  # "police held 30 of them", "40 were taken into custody"
    # Expelling diplomats or cancelling a visit downgrades relations (SANCTION); expelling people coerces.
    if lemma in ("expel", "cancel") and tok.pos_ == "VERB" and object_in(tok, _DIPLOMATIC):
        return Trigger(lemma=lemma, pos="VERB", type="SANCTION", mode="diplomatic", acled_sub=None, weight=0.7)
    if tok.pos_ in ("VERB",):
        entry = table.get((lemma, "VERB"))
    elif tok.pos_ in ("NOUN", "PROPN"):
        # "frequent attacks", "repeated clashes": a pattern over time, not one event
        if tok.tag_ in ("NNS", "NNPS") and any(c.lower_ in _HABITUAL for c in tok.children if c.dep_ == "amod"):
            return None
        entry = table.get((lemma, "NOUN")) or table.get((tok.lower_, "NOUN"))
        if entry is not None and not tok.whitespace_ and tok.i + 2 < len(tok.doc) and \
                tok.doc[tok.i + 1].text == "-" and tok.doc[tok.i + 2].tag_ == "VBG":
            return None  # "bomb-making materials": what the word names is made, not done
        if entry is not None and tok.dep_ in _SKIP_AS_MODIFIER and tok.head.pos_ == "NOUN" and \
                table.get((tok.head.lemma_.lower(), "NOUN")) is None:
            return None
    else:
        return None
    if entry is None:
        return None
    need = trigger_needs().get(lemma)
    if need is not None and not need(tok):
        return None
    return entry


def _holds_people(tok: Token) -> bool:
    """Security forces holding people, or people taken into custody: an arrest."""
    if tok.lemma_.lower() == "take":
        return any(c.dep_ == "prep" and c.lower_ == "into" and any(g.lemma_.lower() in _CUSTODY for g in c.children)
                   for c in tok.children)
    verb = tok
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "broke up the sit-in and held 30 of them"
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if subj is None or obj is None or _GENERIC_KINDS.get(subj.lemma_.lower()) != "state":
        return False
    return obj.lower_ in ("them", "him", "her") or obj.like_num or _GENERIC_KINDS.get(obj.lemma_.lower()) in (
        "civilians", "protesters", "rebel")


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "dative", "prep", "npadvmod",
                        "appos", "conj") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            return None
    return None


def _must_hit(tok: Token) -> TriggerHit | None:
    if tok.lower_ != "must" or tok.dep_ != "aux":
        return None
    verb = tok.head
    if verb.dep_ in ("ccomp", "acl") and verb.head.lemma_.lower() in _DEMANDING | {"reminder", "demand"}:
        return TriggerHit(tok, _MUST)
    return None


def find_clauses(sent: SpacySpan) -> list[Clause]:
    hits = [TriggerHit(t, e) for t in sent if (e := _entry(t)) is not None]
    hits.extend(h for t in sent if (h := _must_hit(t)) is not None)
    by_head: dict[int, Clause] = {}
    trigger_ids = {h.token.i: h for h in hits}
    for h in hits:
        tok = h.token
        head = tok
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("any", "whatever") for c in tok.children):
            continue  # "ready to cooperate with any investigation": no particular event, just a kind of one
        if h.entry is _MUST:
            head = tok.head.head  # the reporting verb: the demand is the speaker's act
        elif tok.pos_ in ("NOUN", "PROPN") or h.entry is _SIT_IN:
            verb = _governing_verb(tok)
            if verb is not None:
                same_kind = verb.i in trigger_ids and trigger_ids[verb.i].entry.type == h.entry.type
                # "imposed sanctions": a light verb carries the noun's event even when it could be a weak
                # trigger itself; the clause then takes the stronger of the two
                light = verb.lemma_.lower() in LIGHT_VERBS and (
                    verb.i not in trigger_ids or trigger_ids[verb.i].entry.weight < h.entry.weight) and (
                    tok.dep_ in _CORE_ARGS or (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into", "on")))
                manner = verb.i in trigger_ids and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") \
                    and tok.head.head.i == verb.i
                if same_kind or light or manner:
                    head = verb
                elif tok.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _CANCELLING:
                    continue  # "lifted the curfew", "called off the strike": the named event is ending
        # Same-kind verbs joined by 'and' or a participle clause are one event.
        while head.dep_ in ("conj", "advcl", "xcomp") and head.head.i in trigger_ids and \
                trigger_ids[head.head.i].entry.type == trigger_ids.get(head.i, h).entry.type:
            head = head.head
        by_head.setdefault(head.i, Clause(head=head)).hits.append(h)
    clauses = [c for _, c in sorted(by_head.items())]
    owner = {h.token.i: c for c in clauses for h in c.hits}
    merged: list[Clause] = []
    # "Students protesting over a death rioted": an event nested inside another of its kind is the same one
    for c in clauses:
        host = next((owner[a.i] for a in c.head.ancestors if a.i in owner and owner[a.i] is not c
                     and owner[a.i].main.entry.type == c.main.entry.type), None)
        if host is None and c.head.dep_ in ("acl", "relcl"):
            host = owner.get(c.head.head.i)
        if host is not None and host is not c and host.main.entry.type == c.main.entry.type and \
                c.main.entry.type in _NESTING_TYPES:
            host.hits.extend(c.hits)
            for h in c.hits:
                owner[h.token.i] = host
            continue
        merged.append(c)
    return merged
