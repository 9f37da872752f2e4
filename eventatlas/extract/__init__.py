"""The extract stage: mentions (trigger clauses with their arguments), claims and opinions from one parsed
article. Which mentions are one event is decided after, by the assembly stage (eventatlas/assemble/).

EXTRACTORS is the extension point: a registered extractor is built once per Atlas with its geocoder, and called
per article as extractor(document, spacy_doc, geography) -> records.ArticleMentions, where geography is the
article's records.Geography. "rules" is the built-in one, over the dependency parse and the data files in
extract/data/."""

from __future__ import annotations

import itertools
from typing import Protocol

from spacy.tokens import Doc

from eventatlas.extract.lexicon import type_group, word_list, words
from eventatlas.records import ArticleMentions, Document, Geography, Span
from eventatlas.registry import Registry

EXTRACTORS: Registry = Registry("extractor")


class Extractor(Protocol):
    def __call__(self, document: Document, doc: Doc, geography: Geography) -> ArticleMentions: ...


def _non_political_pattern():
    import re

    return re.compile(r"\b(" + "|".join(sorted(word_list("non_political.txt"))) + r")\b", re.I)


_NON_POLITICAL = _non_political_pattern()


@EXTRACTORS.register("rules")
class RuleExtractor:
    """Rules over the dependency parse; the geocoder says which names are countries (actors' countries)."""

    def __init__(self, geocoder):
        self.geocoder = geocoder

    def __call__(self, document: Document, doc: Doc, geography: Geography) -> ArticleMentions:
        return extract_rules(document, doc, geography, self.geocoder.country_code_of_name)


def extract_rules(document: Document, doc: Doc, geography: Geography, country_of_name) -> ArticleMentions:
    from eventatlas.extract.actors import ActorResolver
    from eventatlas.extract.attribution import find_attributions
    from eventatlas.extract.claims import find_claims
    from eventatlas.extract.mentions import ArticleContext
    from eventatlas.extract.opinions import is_opinion
    from eventatlas.extract.quantities import find_quantities
    from eventatlas.nlp.dateline import dateline_end

    toponyms = geography.toponyms
    ctx = ArticleContext(published=document.published, toponyms=toponyms,
                         actors=ActorResolver(country_of_name=country_of_name))
    ctx.focus = geography.focus
    # the original text: spaCy may have seen a truecased copy
    ctx.dateline_end = dateline_end(document.text, document.body_start)
    found = ArticleMentions()
    mention_no = itertools.count(1)
    claim_no = itertools.count(1)

    def claim_id() -> str:
        return f"{document.id}-c{next(claim_no)}"

    for sent in doc.sents:
        if not sent.text.strip():
            continue
        sentence = found.sentences
        found.sentences += 1
        found.sentence_starts.append(sent.start_char)
        attributions = find_attributions(sent)
        if is_opinion(sent, attributed=bool(attributions)):
            found.opinions.append(Span(text=sent.text, start=sent.start_char, end=sent.end_char))
            continue
        qms = find_quantities(sent)
        used_q: set[int] = set()
        for mention in _sentence_mentions(sent, sentence, ctx, qms, used_q, attributions):
            mention.id = f"{document.id}-m{next(mention_no)}"
            found.mentions.append(mention)
        found.claims.extend(find_claims(claim_id, sent, qms, used_q, toponyms, attributions, None, ctx.actors))
    return found


def _sentence_mentions(sent, sentence: int, ctx, qms, used_q: set[int], attributions: list):
    """The sentence's trigger clauses as mentions, less those that report no event of their own."""
    from eventatlas.extract.mentions import build_mention
    from eventatlas.extract.triggers import find_clauses

    clauses = find_clauses(sent)
    heads = {c.head.i for c in clauses} | {h.token.i for c in clauses for h in c.hits}
    accidental = _NON_POLITICAL.search(sent.text) is not None
    attack_heads = {t.i for c in clauses if c.main.entry.type == "ASSAULT"
                    for t in [c.head, *(h.token for h in c.hits)]}
    for clause in _drop_protest_demands(clauses):
        if accidental and clause.main.entry.type == "ASSAULT" and clause.main.entry.mode in (
                "kill", "explosion", "aerial", "firearms", "beat"):
            continue  # a crash or a flood kills too; that is not political violence
        if clause.main.entry.type == "MOBILIZE" and clause.head.pos_ == "NOUN" and \
                clause.head.dep_ in ("dobj", "nsubjpass") and clause.head.head.i in attack_heads:
            continue  # "bombs struck a police patrol": the patrol is what was hit, not a deployment
        mention = build_mention(clause, sent, sentence, ctx, qms, used_q, attributions)
        own = {clause.head.i} | {h.token.i for h in clause.hits}
        # An event embedded under another ("threatened to shell", "demanded that X withdraw") is less
        # certain than the one that embeds it.
        depth = sum(1 for a in clause.head.ancestors if a.i in heads and a.i not in own)
        host = next((c.main.entry.type for a in clause.head.ancestors for c in clauses
                     if c is not clause and (a.i == c.head.i or any(a.i == h.token.i for h in c.hits))), None)
        # What a threat, demand or refusal is about is already in that event; an unrealised event
        # that nobody carries out tells an analyst nothing.
        if mention.status != "occurred" and (host in _SPEECH_ACTS or not (mention.actors or mention.quantities)
                                             or _recommended(clause.head)):
            continue
        mention.confidence = round(max(0.05, mention.confidence - 0.1 * min(depth, 2)
                                       - (0.1 if mention.status != "occurred" else 0.0)), 2)
        yield mention


def _recommended(head) -> bool:
    """'the bloc should also target those who supply weapons': advice about what ought to happen (under
    'should' / 'must' / 'ought'), which is an opinion or a demand, never an event of its own."""
    for t in [head, *head.ancestors]:
        if any(c.tag_ == "MD" and c.lower_ in _ADVICE_MODALS for c in t.children):
            return True
    return False


def _drop_protest_demands(clauses):
    """'students held a sit-in to demand safer roads': the demand is what the protest is about."""
    protest_tokens = {h.token.i for c in clauses if c.main.entry.type == "PROTEST" for h in c.hits} | {
        c.head.i for c in clauses if c.main.entry.type == "PROTEST"}
    if not protest_tokens:
        return clauses
    keep = []
    for c in clauses:
        if c.main.entry.type == "REQUEST" and any(a.i in protest_tokens for a in list(c.head.ancestors)[:3]):
            continue
        keep.append(c)
    return keep


_SPEECH_ACTS = type_group("speech_acts")
_ADVICE_MODALS = words("advice_modals")
