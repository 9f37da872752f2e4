"""Reading the dependency parse for control claims: a verb's subject, object, agent and prepositional
objects, whether it is passive, and which tokens are its own clause (not the clauses embedded in it)."""

from __future__ import annotations

from spacy.tokens import Token

from eventatlas.extract.lexicon import control_words

CLAUSES = {"relcl", "advcl", "ccomp", "xcomp", "conj", "csubj", "parataxis", "acl", "pcomp"}
_RELATIVE = {"who", "that", "which"}


def child(tok: Token | None, dep: str) -> Token | None:
    if tok is None:
        return None
    return next((c for c in tok.children if c.dep_ == dep), None)


def prep_object(tok: Token | None, word: str) -> Token | None:
    if tok is None:
        return None
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word:
            return child(c, "pobj")
    return None


def subject(verb: Token | None) -> Token | None:
    """The verb's subject; for "who"/"that", the noun the relative clause is about; for a verb sharing its
    subject ("withdrew and left", "leaving ..."), the subject of the verb it hangs on."""
    if verb is None:
        return None
    subj = child(verb, "nsubj")
    if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ in ("relcl", "acl"):
        return verb.head
    if subj is not None and subj.lower_ in ("it", "they", "we") and verb.dep_ == "ccomp":
        speaker = child(verb.head, "nsubj")  # "The army said it had recaptured Sake": the army
        if speaker is not None and speaker.pos_ != "PRON":
            return speaker
    if subj is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject(verb.head)
    if subj is None and verb.dep_ == "relcl":
        return verb.head
    return subj


def agent(verb: Token) -> Token | None:
    return prep_object(verb, "by")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and child(verb, "dobj") is None)


def is_hands(tok: Token) -> bool:
    words = control_words()
    return (tok.lemma_.lower() in words["hands_nouns"] and tok.dep_ == "pobj"
            and tok.head.lower_ in ("in", "under", "into", "within"))


def owner(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod") and c.pos_ in ("PROPN", "NOUN", "ADJ") and c.lower_ != "full":
            return c
    return prep_object(tok, "of")


def in_full(verb: Token) -> bool:
    words = set(control_words()["whole"])
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in words:
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ in words for g in c.children):
            return True
    return False


def has_word(tok: Token, words) -> bool:
    return any(c.lower_ in words for c in tok.children if c.dep_ in ("advmod", "aux"))


def own_tokens(verb: Token) -> list[Token]:
    """The verb's clause without the clauses embedded in it, nor its subject's phrase (a date there dates the
    subject: "the garrison of Kirumba, there since May, surrendered")."""
    out = []
    stack = [c for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass")]
    while stack:
        tok = stack.pop()
        if tok.dep_ in CLAUSES and tok.pos_ in ("VERB", "AUX"):
            continue
        out.append(tok)
        stack.extend(tok.children)
    return out
