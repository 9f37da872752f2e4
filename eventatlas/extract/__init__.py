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

from eventatlas.records import ArticleMentions, Document, Geography, Span
from eventatlas.registry import Registry

EXTRACTORS: Registry = Registry("extractor")


class Extractor(Protocol):
    def __call__(self, document: Document, doc: Doc, geography: Geography) -> ArticleMentions: ...


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
    from eventatlas.extract.sentence import sentence_mentions
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
        for mention in sentence_mentions(sent, sentence, ctx, qms, used_q, attributions):
            mention.id = f"{document.id}-m{next(mention_no)}"
            found.mentions.append(mention)
        found.claims.extend(find_claims(claim_id, sent, qms, used_q, toponyms, attributions, None, ctx.actors,
                                        published=document.published))
    return found
