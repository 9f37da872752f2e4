"""Modality: did the event happen, or is it planned, possible, denied or hypothetical?

A planned withdrawal is not a withdrawal that happened; "threatened to strike" is a threat that happened and
a strike that did not."""

from __future__ import annotations

from spacy.tokens import Token

from eventatlas.data import read_yaml
from eventatlas.extract.lexicon import words

_CLAUSE_LINKS = {"xcomp", "ccomp", "pcomp", "advcl", "acl", "relcl", "conj", "dobj", "nsubjpass", "pobj",
                 "prep", "nsubj", "attr", "oprd", "auxpass", "appos"}


_DISCUSSED = words("discussed")
_NEUTRAL_REPORTING = words("neutral_reporting")


def _rules() -> dict:
    return read_yaml("eventatlas.extract", "modality.yaml")


def _own_cues(tok: Token, rules: dict) -> str | None:
    """Status signalled on the token itself: its auxiliaries, negation, modifiers, subordinating 'if'."""
    if any(c.dep_ == "preconj" and c.lower_ == "either" for c in tok.children):
        return "possible"  # "would either push on to Kidal or negotiate": each branch is possible
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no" and tok.pos_ == "NOUN"):
            return "denied"
        if c.dep_ in ("aux", "auxpass"):
            if low in ("would", "'d") and _reported_future(tok):
                return "planned"  # "the army said it would reinforce the garrison": the future of the past
            for status in ("hypothetical", "possible", "planned"):
                if low in rules[status].get("auxiliaries", ()):
                    return status
            if c.lemma_ == "be" and any(g.lower_ == "to" for g in tok.children if g.dep_ == "aux"):
                return "planned"  # "are to withdraw"
        if c.dep_ == "mark" and low in rules["hypothetical"]["marks"]:
            return "hypothetical"
        if c.dep_ in ("amod", "compound", "advmod") and tok.pos_ == "NOUN":
            for status in ("possible", "planned", "hypothetical"):
                if low in rules[status].get("modifiers", ()):
                    return status
    return None


_SAYING = {"say", "tell", "announce", "add", "state", "report", "confirm", "declare", "insist", "claim"}


def _either_branch(tok: Token) -> bool:
    """The 'or' branch of an either/or: 'either push on or negotiate'."""
    return tok.dep_ == "conj" and any(c.dep_ == "preconj" and c.lower_ == "either" for c in tok.head.children)


def _reported_future(verb: Token) -> bool:
    """'would' in a clause reported by a verb of saying, with no condition on it."""
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in _SAYING:
        return False
    return not any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in head.subtree)


def status_of(trigger: Token) -> str:
    """Walk from the trigger up through the clauses that embed it, collecting the strongest cue."""
    rules = _rules()
    found: list[str] = []
    tok = trigger
    first = True
    via_clause = False  # reached the current token through a clausal link (to withdraw, that they shelled)
    for _ in range(6):
        own = "possible" if _either_branch(tok) else _own_cues(tok, rules)
        if own:
            found.append(own)
        if not first and tok.pos_ in ("VERB", "ADJ", "AUX", "NOUN"):
            lemma = tok.lemma_.lower()
            if lemma in rules["possible"].get("warnings", ()):
                found.append("possible")
            for status in ("denied", "planned", "possible", "hypothetical"):
                # "agreed to withdraw" is a plan, "agreed to a ceasefire" is an agreement: governors other
                # than denials only reach events embedded as clauses.
                # fears, threats and warnings reach their objects too: "fearing further raids"
                if lemma in rules[status].get("governors", ()) and (via_clause or status in ("denied",
                                                                                           "hypothetical")):
                    found.append(status)
                    break
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in rules["planned"]["governors"] and \
                any(c.dep_ == "xcomp" for c in tok.head.children):
            found.append("planned")  # "talks are expected to resume", "the convoy is due to leave"
        if tok.dep_ not in _CLAUSE_LINKS or tok.head.i == tok.i:
            break
        # Reporting verbs do not change what the reported clause says happened.
        # "did not say which group was behind it" leaves the event as reported; only a denial denies.
        if tok.dep_ == "ccomp" and tok.head.lemma_ in _NEUTRAL_REPORTING:
            break
        # An event named as the object of an occurred verb ("carried out an attack") inherits that verb's status.
        via_clause = tok.dep_ in ("xcomp", "ccomp", "pcomp", "acl", "advcl", "relcl") or (
            tok.dep_ == "pobj" and tok.pos_ == "VERB") or (
            # "progress on a ceasefire", "talks on a withdrawal": the event is what is being discussed
            tok.dep_ == "prep" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in _DISCUSSED)
        tok = tok.head
        first = False
    if not found:
        return "occurred"
    for status in rules["order"]:
        if status in found:
            # "did not deny" or "denied ... not": keep it simple and call the first cue in order
            return status
    return "occurred"
