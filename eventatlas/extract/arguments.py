"""Argument linking: who did an event and to whom, from the dependency parse of its clause.

Subjects, objects, passive agents and coordination give agent and target; a weapon or a facility stands for
its owner ("Russian missiles" -> Russian); a peaceful act's other party is its target ("gave Malawi a loan")."""

from __future__ import annotations

from spacy.tokens import Token

from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.lexicon import generic_actor_types, words
from eventatlas.extract.triggers import Clause
from eventatlas.records import Actor

# Words naming how an attack was made ("air strike", "car bomb"), never who made it.
_INSTRUMENT_WORDS = words("instrument_words")
_COUNT_WORDS = words("count_words")
_OWNER_WORDS = words("owner_words")
_TARGET_PREPS = words("target_preps")
_CASUALTY_VERBS = words("casualty_verbs")
_ARMED_WORDS = {w for w, kind in generic_actor_types().items()
                if kind in ("state", "rebel", "political_militia") and w in words("owner_words")}

def _through_quantity(t: Token) -> Token:
    """'hundreds of protesters' -> protesters."""
    if t.like_num or t.lower_ in _COUNT_WORDS:
        pobj = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj"]
        if pobj:
            return pobj[0]
    return t


WEAPON_HEADS = words("weapon_heads")
_FACILITY_HEADS = words("facility_heads")


def _owner(t: Token) -> Token:
    """'Russian missiles' -> Russian; 'drones launched by the RSF' -> RSF; 'army positions' -> army."""
    lemma = t.lemma_.lower()
    if lemma not in WEAPON_HEADS and lemma not in _FACILITY_HEADS:
        return t
    for c in t.children:
        if c.dep_ == "acl":
            for g in c.children:
                if g.dep_ == "agent":
                    pobj = [p for p in g.children if p.dep_ == "pobj"]
                    if pobj:
                        return pobj[0]
        if c.dep_ == "prep" and c.lower_ in ("of", "belonging", "from"):
            pobj = [p for p in c.children if p.dep_ == "pobj"]
            if pobj and pobj[0].lemma_.lower() not in WEAPON_HEADS:
                return pobj[0]
    for c in t.lefts:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and (
                c.ent_type_ in ("NORP", "ORG", "GPE") or c.pos_ == "PROPN" or
                c.lemma_.lower() in _OWNER_WORDS):
            return c
    return t


_RECIPIENT_PREPS = words("recipient_preps")


class _Slots:
    """The tokens that fill a clause's agent and target slots, collected from the parse."""

    def __init__(self, clause: Clause, dateline: int):
        self.clause, self.dateline = clause, dateline
        self.kind = clause.main.entry.type
        self.triggers = {h.token.i for h in clause.hits}
        self.agents: list[Token] = []
        self.targets: list[Token] = []

    def recipient(self, c: Token) -> Token | None:
        """The party a non-violent act is done to or with: a dative, or the object of to/with/for."""
        if self.kind == "ASSAULT":
            return None
        if c.dep_ == "dative" and c.pos_ != "ADP":
            return c
        if c.dep_ in ("dative", "prep") and c.lower_ in _RECIPIENT_PREPS:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def from_noun(self, noun: Token, owner_role: str = "agent") -> None:
        for c in noun.children:
            if c.idx < self.dateline or c.lower_ in _INSTRUMENT_WORDS:
                continue
            if (party := self.recipient(c)) is not None:  # "aid to Chad", "talks with the rebels"
                self.targets.append(party)
                continue
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and (
                    c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "ORG", "GPE") or c.lemma_.lower() in _ARMED_WORDS)):
                # "died in army shelling", "police fire", "Houthi drones"; "repelled a Russian assault": the
                # assault's owner is the other side of the repelling
                (self.agents if owner_role == "agent" else self.targets).append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                self.agents.extend(_pobjs(c))
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                self.targets.extend(_pobjs(c))
            elif c.dep_ == "prep" and c.lower_ == "between" and (pobj := _pobjs(c)):
                self.agents.append(pobj[0])
                self.targets.extend(g for g in pobj[0].children if g.dep_ == "conj")

    def from_verb(self, head: Token) -> None:
        for c in head.children:
            if c.dep_ == "nsubj":
                if c.i in self.triggers:
                    self.from_noun(c)
                else:
                    self.agents.append(c)
            elif c.dep_ == "nsubjpass":
                self.targets.append(c)
            elif c.dep_ == "agent":
                self.agents.extend(_pobjs(c))
            elif c.dep_ == "dobj":
                if c.i in self.triggers:
                    has_subject = any(g.dep_ in ("nsubj", "agent") for g in head.children)
                    self.from_noun(c, "target" if has_subject and head.i in self.triggers else "agent")
                else:
                    self.targets.append(c)
            elif (party := self.recipient(c)) is not None:
                # "gave Malawi a loan", "handed over to Uganda", "met with the rebels": the other party
                self.targets.append(party)
            elif c.dep_ == "prep" and (c.lower_ in ("against", "on") or (
                    c.lower_ in ("with", "between") and self.kind == "ASSAULT")):
                pobj = _pobjs(c)
                if pobj and pobj[0].ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
                    (self.agents if c.lower_ == "between" and not self.agents else self.targets).append(pobj[0])
                    if c.lower_ == "between":
                        self.targets.extend(g for g in pobj[0].children if g.dep_ == "conj")
        # an object on a same-type participle: "shelled the town, killing 12 civilians"
        for h in self.clause.hits:
            if h.token.i != head.i and h.token.pos_ == "VERB":
                self.targets.extend(c for c in h.token.children if c.dep_ in ("dobj", "nsubjpass"))
        # "troops are expected to withdraw", "police fired tear gas to disperse": the subject is upstairs
        up = head
        while not self.agents and up.dep_ in ("xcomp", "advcl", "conj") and up.head.i != up.i:
            up = up.head
            subj = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and not (subj[0].pos_ == "PRON" and subj[0].lower_ == "it"):
                self.agents.extend(subj)
                break
        if not self.agents and head.tag_ == "VBG" and head.dep_ == "acl" and \
                head.head.lemma_.lower() in _ARMED_WORDS:
            # "died in police firing": the parser hangs the participle on the force that fired
            self.agents.append(head.head)
            self.around_noun(head.head)
        if not self.agents and head.lemma_.lower() in _CASUALTY_VERBS:
            self.agents.extend(_circumstance_agents(head))

    def around_noun(self, head: Token) -> None:
        if head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ in ("in", "during", "by") and \
                head.head.head.lemma_.lower() in _CASUALTY_VERBS:
            # "two farmers died in army shelling", "were killed in an air strike": the dead are its victims
            self.targets.extend(c for c in head.head.head.children if c.dep_ in ("nsubj", "nsubjpass"))
        # "Canada finished the withdrawal of its trainers": a noun trigger that is the object of a verb of its
        # own is done by that verb's subject
        if not self.agents and head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            self.agents.extend(c for c in head.head.children if c.dep_ == "nsubj")


def _circumstance_agents(verb: Token) -> list[Token]:
    """'were killed in police firing', 'was wounded in army shelling': who fired, from the attack the
    casualty verb's 'in' names."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for noun in _pobjs(prep):
            if noun.lemma_.lower() in _ARMED_WORDS and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in noun.children):
                return [noun]
            owner = [c for c in noun.children if c.dep_ in ("compound", "amod") and (
                c.lemma_.lower() in _ARMED_WORDS or c.ent_type_ == "NORP")]
            if owner:
                return owner[:1]
    return []


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def link_actors(clause: Clause, resolver: ActorResolver, in_toponym, dateline: int = 0) -> list[Actor]:
    head, trig = clause.head, clause.main.token
    slots = _Slots(clause, dateline)
    if head.pos_ in ("VERB", "AUX"):
        slots.from_verb(head)
    if trig.i != head.i or head.pos_ in ("NOUN", "PROPN"):
        slots.from_noun(trig)
    slots.around_noun(head)
    out: list[Actor] = []
    seen: set[int] = set()
    for role, toks in (("agent", slots.agents), ("target", slots.targets)):
        for t in _expanded(toks):
            if t.i in seen or t.ent_type_ in ("DATE", "TIME", "CARDINAL") or t.like_num or \
                    _a_place(t, role, slots.kind, in_toponym):
                continue
            seen.add(t.i)
            actor = resolver.actor(t, role, frozenset(a.name for a in out if a.role == "agent"))
            if actor is None and role == "agent" and slots.kind == "PROTEST" and t.tag_ == "NNS":
                # "nurses marched", "traders will rally": whoever protests is a protester
                actor = Actor(role="agent", text=t.text, name="protesters", type="protesters")
            if actor is not None:
                out.append(actor)
    return out


def _expanded(tokens: list[Token]) -> list[Token]:
    """Each slot filler through its counts and owners ("hundreds of protesters", "Russian missiles"), with
    the fillers coordinated with it."""
    out = []
    for t in tokens:
        t = _owner(_through_quantity(t))
        out.append(t)
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _a_place(t: Token, role: str, kind: str, in_toponym) -> bool:
    """Places in an actor slot are where the event happened ("shelled Kharkiv"), not who; a country may act
    ("Russia launched..."), a town does not."""
    where = in_toponym(t)
    if role == "target":
        return bool((where and where != "country") or (not where and t.ent_type_ in ("LOC", "FAC")) or (
            t.ent_type_ == "GPE" and kind == "ASSAULT"))
    return bool(where and where != "country")
