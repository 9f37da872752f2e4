"""Attribution: who says so (speaker, the affiliation they speak for, the agency it came via), or a hedge.

An event or claim with no attribution is stated in the outlet's own voice."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventatlas.data import read_yaml
from eventatlas.extract.actors import phrase_bounds
from eventatlas.records import Attribution


@functools.cache
def _lex() -> dict:
    data = dict(read_yaml("eventatlas.extract", "attribution.yaml"))
    data["agency_set"] = {a.lower() for a in data["agencies"]}
    data["hedge_re"] = re.compile(r"\b(" + "|".join(re.escape(h) for h in data["hedges"]) + r")\b", re.I)
    return data


def _phrase(tok: Token) -> str:
    s, e = phrase_bounds(tok)
    return tok.doc[s:e].text.strip(" ,")


def _speaker_and_affiliation(subj: Token) -> tuple[str, str | None]:
    lex = _lex()
    doc = subj.doc
    # "Mohammed Ali, a spokesman for the army": the name speaks, the appositive says for whom.
    appos = [c for c in subj.children if c.dep_ == "appos"]
    if subj.ent_type_ == "PERSON" and appos:
        s, e = subj.left_edge.i, subj.i + 1
        name = doc[s:e].text
        role = appos[0]
        aff = _affiliation(role)
        return name, aff or _phrase(role)
    # a misparse such as "killing 15 soldiers, an army officer told AFP" hangs the officer on the soldiers
    role_appos = [c for c in subj.children if c.dep_ == "appos" and c.lemma_.lower() in lex["roles"]]
    if subj.pos_ in ("NOUN", "NUM") and role_appos and any(t.like_num for t in subj.subtree):
        subj = role_appos[0]
    # "police and a civil defence official said": both are the source
    conj = [c for c in subj.children if c.dep_ == "conj"]
    if conj:
        s, e = phrase_bounds(subj)
        return doc[s:conj[-1].right_edge.i + 1].text.strip(" ,"), _affiliation(subj)
    if subj.lemma_.lower() in lex["roles"] or subj.lower_ in lex["roles"]:
        aff = _affiliation(subj)
        names = [c for c in subj.children if c.dep_ in ("appos",) and c.ent_type_ == "PERSON"]
        speaker = doc[names[0].left_edge.i:names[0].i + 1].text if names else _phrase(subj)
        return speaker, aff
    return _phrase(subj), (_phrase(subj) if subj.ent_type_ in ("ORG", "NORP", "GPE") else None)


def _affiliation(role: Token) -> str | None:
    for c in role.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "with", "from"):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return _phrase(pobj[0])
        if c.dep_ == "poss":
            return c.doc[c.left_edge.i:c.i + 1].text.removesuffix("'s").strip()
    comp = [c for c in role.lefts if c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_)]
    if comp:
        return role.doc[comp[0].left_edge.i:comp[-1].i + 1].text
    return None


def _via(verb: Token) -> str | None:
    lex = _lex()
    for c in verb.children:
        cand = None
        if c.dep_ in ("dobj", "dative", "iobj") and verb.lemma_ == "tell":
            cand = c
        elif c.dep_ in ("prep", "dative") and c.lower_ == "to":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            cand = pobj[0] if pobj else None
        if cand is not None:
            text = cand.doc[cand.left_edge.i:cand.right_edge.i + 1].text.removeprefix("the ")
            if text.lower() in lex["agency_set"] or cand.text.lower() in lex["agency_set"]:
                return text
    return None


def _trailing_speaker(verb: Token, sent: SpacySpan):
    doc = sent.doc
    j = verb.i - 1
    while j > sent.start and doc[j].text != ",":
        j -= 1
    words = doc[j + 1:verb.i]
    if doc[j].text != "," or not 1 <= len(words) <= 8 or not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None
    text = words.text
    return (verb, Attribution(speaker=text, affiliation=None, via=_via(verb), text=f"{text} {verb.text}"))


def find_attributions(sent: SpacySpan) -> list[tuple[Token | None, Attribution]]:
    """(reporting verb, attribution) pairs in a sentence; the verb is None for 'according to' and hedges."""
    lex = _lex()
    out: list[tuple[Token | None, Attribution]] = []
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex["reporting_verbs"]:
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj and tok.lemma_ in ("say", "report", "add") and tok.i > sent.start:
                # "..., killing nine people, police and medical sources said": the parser may hang the source
                # on the victims; the words between the last comma and the verb are the speaker
                found = _trailing_speaker(tok, sent)
                if found is not None:
                    out.append(found)
                continue
            # "it said" names nobody; "we claim" is the writer's own voice (or inside a quote).
            if not subj or subj[0].pos_ == "PRON" and subj[0].lower_ in ("it", "we", "i", "you"):
                continue
            if tok.lemma_ in ("say", "report", "add") and subj[0].i < tok.i - 6:
                # a subject far away across a comma is a misparse of "..., police said"
                found = _trailing_speaker(tok, sent)
                if found is not None and found[1].speaker.split()[-1] != subj[0].text:
                    out.append(found)
                    continue
            if tok.lemma_ == "put" and not any(c.lower_ == "toll" for c in tok.subtree):
                continue
            if tok.lemma_ in ("claim", "announce", "report", "confirm") and not any(
                    c.dep_ in ("ccomp", "xcomp") for c in tok.children) and tok.dep_ not in ("ROOT", "conj") or (
                    tok.lemma_ == "claim" and any(c.dep_ == "dobj" for c in tok.children)):
                continue
            speaker, aff = _speaker_and_affiliation(subj[0])
            s = min(tok.i, subj[0].left_edge.i)
            e = max(tok.i, subj[0].right_edge.i) + 1
            out.append((tok, Attribution(speaker=speaker, affiliation=aff, via=_via(tok),
                                         text=sent.doc[s:e].text)))
        elif tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            to = sent.doc[tok.i + 1]
            pobj = [g for g in to.children if g.dep_ == "pobj"]
            if pobj:
                speaker, aff = _speaker_and_affiliation(pobj[0])
                end = pobj[0].right_edge.i + 1
                via = speaker if speaker.removeprefix("the ").lower() in lex["agency_set"] else None
                out.append((None, Attribution(speaker=speaker, affiliation=aff, via=via,
                                              text=sent.doc[tok.i:end].text)))
    if not out:
        m = lex["hedge_re"].search(sent.text)
        if m:
            out.append((None, Attribution(speaker=None, affiliation=None, via=None, text=m.group(0))))
    return out


def attribution_for(trigger: Token, found: list[tuple[Token | None, Attribution]]) -> Attribution | None:
    """The attribution that covers an event: the reporting verb that embeds its clause, else the sentence's."""
    if not found:
        return None
    tok = trigger
    for _ in range(8):
        for verb, attr in found:
            if verb is not None and tok.i == verb.i and tok.i != trigger.i:
                return attr
        if tok.head.i == tok.i:
            break
        tok = tok.head
    # The trigger is not under a reporting verb: "X killed Y, the ministry said" parses with `said` as the
    # root and the event as its ccomp (caught above); otherwise the sentence-level attribution applies,
    # unless the trigger is itself the reporting verb.
    for verb, _attr in found:
        if verb is not None and verb.i == trigger.i:
            return None
    return found[0][1]
