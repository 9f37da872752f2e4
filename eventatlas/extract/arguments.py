"""Argument linking: who did an event and to whom, from the dependency parse of its clause.

Subjects, objects, passive agents and coordination give agent and target; a weapon or a facility stands for
its owner ("Russian missiles" -> Russian); a peaceful act's other party is its target ("gave Tanzania a grant")."""

from __future__ import annotations

from spacy.tokens import Token

from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.triggers import Clause
from eventatlas.records import Actor

# Words naming how an attack was made ("air strike", "car bomb"), never who made it.
_INSTRUMENT_WORDS = {"air", "drone", "missile", "rocket", "artillery", "car", "suicide", "roadside", "mortar",
                     "aerial", "naval", "ground", "truck", "motorcycle", "grenade", "sniper", "tank", "cross-border"}

def _through_quantity(t: Token) -> Token:
    """'hundreds of protesters' -> protesters."""
    if t.like_num or t.lower_ in ("dozens", "hundreds", "thousands", "scores", "tens", "millions", "some",
                                  "many", "several", "most", "all", "one", "two", "three", "four"):
        pobj = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj"]
        if pobj:
            return pobj[0]
    return t


WEAPON_HEADS = {"missile", "rocket", "drone", "jet", "warplane", "aircraft", "helicopter", "shell", "artillery",
                "bomb", "plane", "gunship", "tank", "bomber", "f-16", "mortar", "strike", "uav", "fighter-jet"}
_FACILITY_HEADS = {"position", "post", "base", "convoy", "checkpoint", "vehicle", "camp", "barracks", "outpost",
                   "patrol", "headquarters", "garrison", "unit", "column", "truck", "station", "office", "positions"}


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
                c.lemma_.lower() in ("army", "military", "police", "rebel", "militia", "government", "navy")):
            return c
    return t


_RECIPIENT_PREPS = {"to", "with", "for"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}


def link_actors(clause: Clause, resolver: ActorResolver, in_toponym, dateline: int = 0) -> list[Actor]:
    head = clause.head
    trig = clause.main.token
    agents: list[Token] = []
    targets: list[Token] = []
    trigger_tokens = {h.token.i for h in clause.hits}

    def recipient(c: Token) -> Token | None:
        """The party a non-violent act is done to or with: a dative, or the object of to/with/for."""
        if clause.main.entry.type == "ASSAULT":
            return None
        if c.dep_ == "dative" and c.pos_ != "ADP":
            return c
        if c.dep_ in ("dative", "prep") and c.lower_ in _RECIPIENT_PREPS:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def from_noun(noun: Token, owner_role: str = "agent") -> None:
        for c in noun.children:
            if c.idx < dateline or c.lower_ in _INSTRUMENT_WORDS:
                continue
            if (party := recipient(c)) is not None:  # "aid to Mozambique", "talks with the rebels"
                targets.append(party)
                continue
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and (c.pos_ == "PROPN" or c.ent_type_ in
                                                                        ("NORP", "ORG", "GPE"))):
                # "repelled a Russian assault": the assault's owner is the other side of the repelling
                (agents if owner_role == "agent" else targets).append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "at"):
                targets.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ == "between":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj:
                    agents.append(pobj[0])
                    targets.extend(g for g in pobj[0].children if g.dep_ == "conj")

    if head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if c.dep_ == "nsubj":
                if c.i in trigger_tokens:
                    from_noun(c)
                elif c.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
                    agents.append(head.head)  # "the bomber who attacked a restaurant": the bomber
                else:
                    agents.append(c)
            elif c.dep_ == "nsubjpass":
                targets.append(c)
            elif c.dep_ == "agent":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "dobj":
                if c.i in trigger_tokens:
                    has_subject = any(g.dep_ in ("nsubj", "agent") for g in head.children)
                    from_noun(c, "target" if has_subject and head.i in trigger_tokens else "agent")
                else:
                    targets.append(c)
            elif (party := recipient(c)) is not None:
                # "gave Tanzania a grant", "handed over to Britain", "met with the rebels": the other party
                targets.append(party)
            elif c.dep_ == "prep" and (c.lower_ in ("against", "on") or (
                    c.lower_ in ("with", "between") and clause.main.entry.type == "ASSAULT")):
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj and pobj[0].ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
                    (agents if c.lower_ == "between" and not agents else targets).append(pobj[0])
                    if c.lower_ == "between":
                        targets.extend(g for g in pobj[0].children if g.dep_ == "conj")
        # an object on a same-type participle: "shelled the town, killing 12 civilians"
        for h in clause.hits:
            if h.token.i != head.i and h.token.pos_ == "VERB":
                targets.extend(c for c in h.token.children if c.dep_ in ("dobj", "nsubjpass"))
        # "troops are expected to withdraw", "police fired tear gas to disperse": the subject is upstairs
        up = head
        # but not out of a clause of its own ("..., two days after a bombing killed eleven")
        while not agents and up.dep_ in ("xcomp", "advcl", "conj") and up.head.i != up.i and \
                not any(c.dep_ == "mark" for c in up.children):
            up = up.head
            subj = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and not (subj[0].pos_ == "PRON" and subj[0].lower_ == "it"):
                agents.extend(subj)
                break
    if trig.i != head.i or head.pos_ in ("NOUN", "PROPN"):
        from_noun(trig)
    # "The United States speeded up the withdrawal", "Bosnian Serbs completed their withdrawal": a noun
    # trigger that is the object of a verb of its own is done by that verb's subject
    if not agents and head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.pos_ == "VERB":
        agents.extend(c for c in head.head.children if c.dep_ == "nsubj")
    out: list[Actor] = []
    seen: set[int] = set()
    for role, toks in (("agent", agents), ("target", targets)):
        expanded = []
        for t in toks:
            t = _owner(_through_quantity(t))
            expanded.append(t)
            expanded.extend(c for c in t.children if c.dep_ == "conj")
        for t in expanded:
            if t.i in seen or t.ent_type_ in ("DATE", "TIME", "CARDINAL") or t.like_num:
                continue
            # Places in an actor slot are where the event happened ("shelled Kharkiv"), not who; a
            # country may act ("Russia launched..."), a town does not.
            where = in_toponym(t)
            if role == "target" and ((where and where != "country") or (
                    not where and t.ent_type_ in ("LOC", "FAC")) or (
                    t.ent_type_ == "GPE" and clause.main.entry.type == "ASSAULT")):
                continue
            if role == "agent" and in_toponym(t) and in_toponym(t) != "country":
                continue
            seen.add(t.i)
            actor = resolver.actor(t, role)
            if actor is not None:
                out.append(actor)
    return out
