"""The extract stage: events, claims and opinions from one parsed article.

EXTRACTORS is the extension point: a registered extractor is built once per Atlas with its geocoder, and called
per article as extractor(document, spacy_doc, geography) -> (events, claims, opinions), where geography is the
article's records.Geography. "rules" is the built-in one, over the dependency parse and the data files in
extract/data/."""

from __future__ import annotations

import itertools
from typing import Protocol

from spacy.tokens import Doc

from eventatlas.registry import Registry
from eventatlas.records import Claim, Document, Event, Geography, Span

EXTRACTORS: Registry = Registry("extractor")


class Extractor(Protocol):
    def __call__(self, document: Document, doc: Doc, geography: Geography
                 ) -> tuple[list[Event], list[Claim], list[Span]]: ...


def _non_political_pattern():
    import re

    from eventatlas.extract.lexicon import word_list
    return re.compile(r"\b(" + "|".join(sorted(word_list("non_political.txt"))) + r")\b", re.I)


_NON_POLITICAL = _non_political_pattern()


@EXTRACTORS.register("rules")
class RuleExtractor:
    """Rules over the dependency parse; the geocoder says which names are countries (actors' countries)."""

    def __init__(self, geocoder):
        self.geocoder = geocoder

    def __call__(self, document: Document, doc: Doc, geography: Geography
                 ) -> tuple[list[Event], list[Claim], list[Span]]:
        return extract_rules(document, doc, geography, self.geocoder.country_code_of_name)


def extract_rules(document: Document, doc: Doc, geography: Geography, country_of_name
                  ) -> tuple[list[Event], list[Claim], list[Span]]:
    from eventatlas.extract.attribution import find_attributions
    from eventatlas.extract.claims import find_claims
    from eventatlas.extract.events import ArticleContext, build_event, is_anaphoric_repeat
    from eventatlas.nlp.dateline import dateline_end
    from eventatlas.extract.opinions import is_opinion
    from eventatlas.extract.quantities import find_quantities
    from eventatlas.extract.triggers import find_clauses

    from eventatlas.extract.actors import ActorResolver

    toponyms = geography.toponyms
    ctx = ArticleContext(published=document.published, toponyms=toponyms,
                         actors=ActorResolver(country_of_name=country_of_name))
    ctx.focus = geography.focus
    # the original text: spaCy may have seen a truecased copy
    ctx.dateline_end = dateline_end(document.text, document.body_start)
    claims: list[Claim] = []
    opinions: list[Span] = []
    event_no = itertools.count(1)
    claim_no = itertools.count(1)

    def claim_id() -> str:
        return f"{document.id}-c{next(claim_no)}"

    for sent in doc.sents:
        if not sent.text.strip():
            continue
        attributions = find_attributions(sent)
        for verb, _attribution in attributions:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            if subject is not None:
                ctx.actors.note_speaker(subject)
        if is_opinion(sent, attributed=bool(attributions)):
            opinions.append(Span(text=sent.text, start=sent.start_char, end=sent.end_char))
            continue
        qms = find_quantities(sent)
        used_q: set[int] = set()
        clauses = find_clauses(sent)
        heads = {c.head.i for c in clauses} | {h.token.i for c in clauses for h in c.hits}
        accidental = _NON_POLITICAL.search(sent.text) is not None
        clauses = _drop_protest_demands(clauses)
        sentence_events: list[tuple[str, Event]] = []
        for clause in clauses:
            if accidental and clause.main.entry.type == "ASSAULT" and clause.main.entry.mode in (
                    "kill", "explosion", "aerial", "firearms", "beat"):
                continue  # a crash or a flood kills too; that is not political violence
            event = build_event("", clause, sent, ctx, qms, used_q, attributions)
            own = {clause.head.i} | {h.token.i for h in clause.hits}
            # An event embedded under another ("threatened to shell", "demanded that X withdraw") is less
            # certain than the one that embeds it.
            depth = sum(1 for a in clause.head.ancestors if a.i in heads and a.i not in own)
            host = next((c.main.entry.type for a in clause.head.ancestors for c in clauses
                         if c is not clause and (a.i == c.head.i or any(a.i == h.token.i for h in c.hits))), None)
            # What a threat, demand or refusal is about is already in that event; an unrealised event
            # that nobody carries out tells an analyst nothing.
            if event.status != "occurred" and (host in _SPEECH_ACTS or not (event.actors or event.quantities)
                                               or _recommended(clause.head)):
                continue
            event.confidence = round(max(0.05, event.confidence - 0.1 * min(depth, 2)
                                         - (0.1 if event.status != "occurred" else 0.0)), 2)
            # a denial of "the strike" is news of its own, not a repeat of the strike
            repeat = is_anaphoric_repeat(clause, ctx.events, event.status)
            # Another source's account of the same event stays a report of its own: the resolve stage
            # groups reports into incidents and keeps each source's figures side by side.
            if repeat is not None and _other_source(repeat, event):
                repeat = None
            if repeat is not None:
                _fold_into(repeat, event)
                continue
            # "Police used tear gas against people marching ..., and two protesters were killed": force
            # against a protest is that protest's intervention (ACLED codes one event), not an attack apart
            protest = next((e for _lem, e in sentence_events if e.type == "PROTEST" and e.status == event.status
                            and e.date.start == event.date.start), None)
            if event.type == "ASSAULT" and protest is not None and _against_protesters(event):
                if protest.acled is None and event.status == "occurred":
                    protest.acled = dict(_EXCESSIVE_FORCE)  # the protest's own cues type it where they can
                _fold_into(protest, event)
                continue
            # "Three were killed and seven wounded in clashes": the toll of one violent event, not three events
            lemmas = {_casualty_lemma(h.token) for h in clause.hits}
            # (an event of another day, "two days after a bombing killed eleven", is not that toll)
            same = [e for lem, e in sentence_events if e.type == "ASSAULT" and e.status == event.status
                    and e.date.start == event.date.start]
            if event.type == "ASSAULT" and same and (lemmas & _CASUALTY_VERBS or
                                                     all(lem in _CASUALTY_VERBS for lem, _ in sentence_events)):
                target = same[0]
                if not lemmas <= _CASUALTY_VERBS:  # the specific trigger (clashes) types the event
                    target.mode, target.acled = event.mode, event.acled or target.acled
                _fold_into(target, event)
                continue
            event.id = f"{document.id}-e{next(event_no)}"
            ctx.events.append(event)
            sentence_events.append((clause.main.token.lemma_.lower(), event))
        claims.extend(find_claims(claim_id, sent, qms, used_q, toponyms, attributions, None, ctx.actors))
    n_sents = sum(1 for s in doc.sents if s.text.strip())
    if opinions and len(opinions) >= 0.3 * n_sents:
        # An op-ed: keep only the events it reports with a source or a date, not its rhetoric
        # ("For three years, Sudan has burned").
        ctx.events = [e for e in ctx.events if e.attribution is not None or e.date.text is not None]
    return ctx.events, claims, opinions


_EXCESSIVE_FORCE = {"event_type": "Protests", "sub_event_type": "Excessive force against protesters"}


def _against_protesters(event: Event) -> bool:
    """An attack on protesters ("two protesters were killed", "fired live rounds at the marchers")."""
    return any(a.role == "target" and a.type == "protesters" for a in event.actors) or (
        (event.acled or {}).get("event_type") == "Protests")


def _casualty_lemma(tok) -> str:
    """"one protester was shot dead": a toll ('kill'), like "was killed"."""
    if tok.lemma_.lower() in ("shoot", "gun", "stab", "beat") and any(c.lower_ == "dead" for c in tok.children):
        return "kill"
    return tok.lemma_.lower()


def _recommended(head) -> bool:
    """'the bloc should also target those who supply weapons': advice about what ought to happen (under
    'should' / 'must' / 'ought'), which is an opinion or a demand, never an event of its own."""
    for t in [head, *head.ancestors]:
        if any(c.tag_ == "MD" and c.lower_ in ("should", "must", "ought") for c in t.children):
            return True
    return False


def _other_source(a: Event, b: Event) -> bool:
    """Two named sources, or a figure that contradicts the one already reported."""
    sa = a.attribution.speaker if a.attribution else None
    sb = b.attribution.speaker if b.attribution else None
    if sa and sb and sa != sb and not _refers_back(sb):
        return True
    known = {q.category: (q.low, q.high) for q in a.quantities}
    return any(q.category in known and known[q.category] != (q.low, q.high) for q in b.quantities)


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


def _refers_back(speaker: str) -> bool:
    """'he', 'the group', 'the ministry': the source named before, not a new one."""
    words = speaker.lower().split()
    return words[0] in ("he", "she", "they", "it", "we") or (words[0] in ("the", "this", "that") and len(words) <= 3)


_SPEECH_ACTS = {"THREATEN", "REQUEST", "REJECT", "ACCUSE"}
_CASUALTY_VERBS = {"kill", "wound", "injure", "die", "hurt", "maim"}


def _fold_into(target: Event, repeat: Event) -> None:
    known = {(q.category, q.low, q.high) for q in target.quantities}
    target.quantities.extend(q for q in repeat.quantities if (q.category, q.low, q.high) not in known)
    names = {(a.role, a.name) for a in target.actors}
    target.actors.extend(a for a in repeat.actors if (a.role, a.name) not in names)
    if target.location is None:
        target.location = repeat.location
