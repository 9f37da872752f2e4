"""One sentence's mentions: every trigger clause built into a Mention, less the clauses that are no event of
their own: the content of a threat, a demand, a refusal or an accusation (that is the speech act's event),
advice, an unrealised event nobody is named to carry out, the patrol an attack hit. A third party's warning
is no threat: what it warns of is the event, and only possible ("analysts warned of further attacks")."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from eventatlas.extract.lexicon import type_group, word_list, words
from eventatlas.extract.mentions import build_mention
from eventatlas.extract.triggers import Clause, find_clauses
from eventatlas.records import Mention

_SPEECH_ACTS = type_group("speech_acts")
_ADVICE_MODALS = words("advice_modals")
_WARNINGS = words("warning_verbs")
_NON_POLITICAL = re.compile(r"\b(" + "|".join(sorted(word_list("non_political.txt"))) + r")\b", re.I)
_ACCIDENT_MODES = {"kill", "explosion", "aerial", "firearms", "beat"}


def sentence_mentions(sent: SpacySpan, sentence: int, ctx, qms, used_q: set[int], attributions: list
                      ) -> list[Mention]:
    clauses = _drop_protest_demands(find_clauses(sent))
    accidental = _NON_POLITICAL.search(sent.text) is not None
    attack_tokens = {t.i for c in clauses if c.main.entry.type == "ASSAULT" for t in _tokens(c)}
    built: list[tuple[Clause, Mention]] = []
    for clause in clauses:
        if accidental and clause.main.entry.type == "ASSAULT" and clause.main.entry.mode in _ACCIDENT_MODES:
            continue  # a crash or a flood kills too; that is not political violence
        if clause.main.entry.type == "MOBILIZE" and clause.head.pos_ == "NOUN" and \
                clause.head.dep_ in ("dobj", "nsubjpass") and clause.head.head.i in attack_tokens:
            continue  # "bombs struck a police patrol": the patrol is what was hit, not a deployment
        built.append((clause, build_mention(clause, sent, sentence, ctx, qms, used_q, attributions)))
    return _keep(built)


def _tokens(c: Clause) -> list:
    return [c.head, *(h.token for h in c.hits)]


def _host(clause: Clause, built: list[tuple[Clause, Mention]]) -> tuple[Clause, Mention] | None:
    """The nearest other trigger clause this one is embedded under."""
    for a in clause.head.ancestors:
        for pair in built:
            if pair[0] is not clause and a.i in {t.i for t in _tokens(pair[0])}:
                return pair
    return None


def _agent_names(m: Mention) -> set[str]:
    return {a.name for a in m.actors if a.role == "agent"}


def _third_party_warning(warner: tuple[Clause, Mention], embedded: Mention) -> bool:
    """'Analysts warned of further Houthi attacks': the warner is not who would act."""
    clause, mention = warner
    if clause.main.token.lemma_.lower() not in _WARNINGS:
        return False
    mine, theirs = _agent_names(mention), _agent_names(embedded)
    return bool(theirs) and not (mine & theirs)


def _keep(built: list[tuple[Clause, Mention]]) -> list[Mention]:
    heads = {t.i for c, _ in built for t in _tokens(c)}
    dropped: set[int] = set()
    out = []
    for clause, mention in built:
        host = _host(clause, built)
        if host is not None and host[1].type == "THREATEN" and _third_party_warning(host, mention):
            dropped.add(id(host[1]))  # the warning is not a threat; what it warns of is possible
            if mention.status in ("occurred", "planned", "hypothetical"):
                mention.status = "possible"
        elif host is not None and host[1].type in _SPEECH_ACTS and (
                host[1].type != "ACCUSE" or mention.type != "ASSAULT" or mention.status != "occurred"):
            # What a threat, demand, refusal or accusation is about is already in that event; an attack
            # that happened stays news when someone is accused of it ("denied the charges regarding the
            # January 7 assassination in Tegucigalpa")
            continue
        elif mention.status != "occurred" and (not (mention.actors or mention.quantities) or
                                               _recommended(clause.head)):
            continue  # an unrealised event nobody is named to carry out, or advice
        own = {t.i for t in _tokens(clause)}
        # An event embedded under another ("threatened to shell", "demanded that X withdraw") is less
        # certain than the one that embeds it.
        depth = sum(1 for a in clause.head.ancestors if a.i in heads and a.i not in own)
        mention.confidence = round(max(0.05, mention.confidence - 0.1 * min(depth, 2)
                                       - (0.1 if mention.status != "occurred" else 0.0)), 2)
        out.append(mention)
    return [m for m in out if id(m) not in dropped]


def _recommended(head) -> bool:
    """'the bloc should also target those who supply weapons': advice about what ought to happen (under
    'should' / 'must' / 'ought'), which is an opinion or a demand, never an event of its own."""
    for t in [head, *head.ancestors]:
        if any(c.tag_ == "MD" and c.lower_ in _ADVICE_MODALS for c in t.children):
            return True
    return False


def _drop_protest_demands(clauses: list[Clause]) -> list[Clause]:
    """'students held a sit-in to demand safer roads': the demand is what the protest is about."""
    protest_tokens = {t.i for c in clauses if c.main.entry.type == "PROTEST" for t in _tokens(c)}
    if not protest_tokens:
        return clauses
    return [c for c in clauses if not (c.main.entry.type == "REQUEST" and
                                       any(a.i in protest_tokens for a in list(c.head.ancestors)[:3]))]
