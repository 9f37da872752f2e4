"""Opinion: editorial lines with no source (moral judgements, exhortations, exclamations, first person).

They are kept as spans and never turned into events, so an op-ed does not fill the database with facts."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from eventatlas.extract.lexicon import word_list, words

_QUOTE = re.compile(r"[\"“”]")
_FIRST_PERSON = words("first_person")


def is_opinion(sent: SpacySpan, attributed: bool) -> bool:
    if attributed or _QUOTE.search(sent.text):
        return False
    text = sent.text.strip()
    words = word_list("opinion_words.txt")
    score = 0
    if text.endswith("!"):
        score += 2
    if text.endswith("?"):
        score += 1
    lowers = [t.lower_ for t in sent]
    # "US" is the United States, not "us"
    if any(t.lower_ in _FIRST_PERSON and not (len(t.text) > 1 and t.text.isupper()) for t in sent):
        score += 2
    # the writer's own "must", not a "must" reported inside what someone said ("X reiterated that Libya must")
    if any(t.lower_ in ("must", "should", "ought") and t.tag_ == "MD" and t.head.dep_ == "ROOT" for t in sent):
        score += 1
    score += sum(1 for w in lowers if w in words)
    if lowers[:2] in (["it", "is"], ["this", "is"]) and any(w in words for w in lowers):
        score += 1
    return score >= 2
