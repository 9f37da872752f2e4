"""Event triggers and the clauses they head: one event per (trigger, clause).

A noun trigger that is the object or subject of a verb belongs to that verb's clause ("carried out an air
strike", "an air strike killed 12"); verbs joined by 'and' or a participle ("shelled the town, killing 12")
describing the same kind of event are one event."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from eventatlas.extract.lexicon import Trigger, triggers

# Verbs that carry a noun trigger without adding an event of their own.
LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "hold", "mount", "sign", "reach", "announce", "impose",
               "deliver", "come", "be", "have", "begin", "start", "continue", "resume", "erupt", "break", "take",
               "make", "see", "witness", "stage", "organise", "organize", "join", "lead", "call", "target",
               "report", "claim", "unleash", "intensify", "step", "suffer", "face", "endure", "spark",
               "trigger", "end", "halt", "agree", "accept", "observe", "violate", "breach", "extend", "renew",
               "approve", "adopt", "broker", "strike", "send", "provide", "distribute", "allow"}

# Context a low-weight trigger needs before it counts: lemma -> required child/next-word condition.
_NEEDS = {
    "fall": lambda t: any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in t.children),
    "fire": lambda t: any(c.lower_ in ("open", "opened") for c in t.lefts) or any(
        c.dep_ in ("dobj",) and c.lemma_ in ("rocket", "missile", "shell", "mortar", "round", "shot", "drone")
        for c in t.children) or any(c.dep_ == "prep" and c.lower_ in ("on", "at", "upon") for c in t.children),
    "pull": lambda t: any(c.dep_ in ("prt", "prep") and c.lower_ in ("out", "back") for c in t.children),
    "hand": lambda t: any(c.dep_ in ("prt",) and c.lower_ == "over" for c in t.children),
    "round": lambda t: any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children),
    "mass": lambda t: any(c.dep_ == "dobj" and c.lemma_ in ("troop", "force", "soldier") for c in t.children),
    "free": lambda t: t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children),
    "back": lambda t: t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children),
    "call": lambda t: any(c.dep_ == "prep" and c.lower_ == "for" for c in t.children),
    "hit": lambda t: True,
    "release": lambda t: any(c.dep_ in ("dobj", "nsubjpass") for c in t.children),
    "host": lambda t: any(c.dep_ == "dobj" for c in t.children),
    "strike": lambda t: t.pos_ == "NOUN" or any(c.dep_ in ("dobj", "nsubjpass") for c in t.children),
    "march": lambda t: t.pos_ == "NOUN" or any(c.dep_ == "prep" and c.lower_ in ("through", "to", "on", "in")
                                               for c in t.children),
}
# Nouns that look like triggers but here modify another noun ("attack helicopter", "protest leader").
_SKIP_AS_MODIFIER = {"compound", "amod"}


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
    if tok.pos_ in ("VERB",):
        entry = table.get((lemma, "VERB"))
    elif tok.pos_ in ("NOUN", "PROPN"):
        entry = table.get((lemma, "NOUN")) or table.get((tok.lower_, "NOUN"))
        if entry is not None and tok.dep_ in _SKIP_AS_MODIFIER and tok.head.pos_ == "NOUN" and \
                table.get((tok.head.lemma_.lower(), "NOUN")) is None:
            return None
    else:
        return None
    if entry is None:
        return None
    need = _NEEDS.get(lemma)
    if need is not None and not need(tok):
        return None
    return entry


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "dative", "prep", "npadvmod",
                        "appos", "conj") and cur.head is not cur:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            return None
    return None


def find_clauses(sent: SpacySpan) -> list[Clause]:
    hits = [TriggerHit(t, e) for t in sent if (e := _entry(t)) is not None]
    by_head: dict[int, Clause] = {}
    trigger_ids = {h.token.i: h for h in hits}
    for h in hits:
        tok = h.token
        head = tok
        if tok.pos_ in ("NOUN", "PROPN"):
            verb = _governing_verb(tok)
            if verb is not None and (verb.i in trigger_ids or verb.lemma_.lower() in LIGHT_VERBS):
                head = verb
        # Same-kind verbs joined by 'and' or a participle clause are one event.
        while head.dep_ in ("conj", "advcl", "xcomp") and head.head.i in trigger_ids and \
                trigger_ids[head.head.i].entry.type == trigger_ids.get(head.i, h).entry.type:
            head = head.head
        by_head.setdefault(head.i, Clause(head=head)).hits.append(h)
    # A light verb that only carries a noun trigger is not a trigger itself, but a verb trigger keeps its own.
    return [c for _, c in sorted(by_head.items())]
