"""Is a clause news of one event, or a statement about many? "The war has killed more than 300,000 people
since 2011", "air raids have killed hundreds this year", "militant violence killed more than 1,600 people in
2025" and "its cells carry out dozens of attacks a month" are statistics and habits: no event of this week,
and no event at all. "Rebels seized the town in 2014" is one event, history, and stays one (assembly flags it
as background)."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventatlas.extract.lexicon import words
from eventatlas.records import EventDate, Quantity

_ABSTRACT_AGENTS = words("abstract_agents")
_PLURAL_EVENT_NOUNS = words("plural_event_nouns")
_DURATION_WORDS = words("duration_words")
_TIME_UNITS = words("time_units")
_STATE_ADVERBS = words("state_adverbs")
_SERIES_HEADS = words("series_heads")
_PERIOD_WORDS = words("period_words")
_HABITUAL_ADVERBS = words("habitual_adverbs")
_AIM_GOVERNORS = words("aim_governors")
_WISH_GOVERNORS = words("wish_governors")
_AIM_SUBJECTS = words("aim_subjects")
_FAILURE_GOVERNORS = words("failure_governors")
_KNOWN_LEMMAS = _FAILURE_GOVERNORS | _WISH_GOVERNORS | _AIM_GOVERNORS
_CAUSE_VERBS = words("cause_verbs")
_FLIGHT_VERBS = words("flight_verbs")
_LABELLING_VERBS = words("labelling_verbs")
_TOLL_VERBS = words("casualty_verbs") | {"displace", "kidnap", "abduct", "arrest", "detain"}
_PEOPLE = {"fatalities", "injured", "hostages", "displaced", "arrested", "civilians"}
_RELATIVE_TIME = {"ago", "of", "later", "earlier", "before", "after"}
_ANONYMITY = {"name", "identify"}
_VAGUE_COUNTS = {"dozens", "hundreds", "scores", "thousands", "tens"}
# A figure this large over a year or longer is a total, not one event's toll.
_TOTAL_FLOOR = 20
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _verb_of(tok: Token) -> Token:
    """The verb a trigger noun (or a gerund in a noun's slot: "Fighting ... has displaced") hangs on
    ("carried out attacks" -> carried), or the trigger itself."""
    cur = tok
    for _ in range(3):
        nominal = cur.pos_ not in ("VERB", "AUX") or cur.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr")
        if not nominal or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _perfect(verb: Token) -> bool:
    """'has killed', 'have been suspended', 'had fought'."""
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _long_period(verb: Token) -> bool:
    """'for years', 'for nearly two decades', 'in the first nine months', 'since the start of the year'; not
    'for the first time in a year' nor 'for two weeks' (an event still going on)."""
    for c in verb.children:
        if c.lower_ == "for" and any(g.dep_ == "pobj" and g.lemma_.lower() in _DURATION_WORDS and
                                     g.tag_ in ("NNS", "NNPS") for g in c.children):
            return True
    low = verb.doc[verb.left_edge.i:verb.right_edge.i + 1].text.lower()
    return any(w in low for w in _PERIOD_WORDS)


def _spans_a_period(verb: Token, sent: SpacySpan, date: EventDate | None) -> bool:
    """A long period, or 'since' a date: 'since 2015', 'since late 2023'."""
    if date is not None and date.text and date.text.lower().startswith("since"):
        return True
    return any(c.lower_ == "since" and c.dep_ == "prep" for c in verb.children) or _long_period(verb)


def _counted_events(trigger: Token) -> bool:
    """'dozens of attacks', 'two attacks a month': a count of events, so no single one ("four shell bombs"
    count weapons)."""
    if trigger.pos_ != "NOUN" or trigger.tag_ not in ("NNS", "NNPS") or \
            trigger.lemma_.lower() not in _PLURAL_EVENT_NOUNS:
        return False
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
        # "dozens of attacks"; "one of the largest protests" is one
        counter = trigger.head.head
        return counter.lower_ not in ("one", "each") and (counter.like_num or counter.lower_ in _VAGUE_COUNTS)
    # "dozens of attacks"; "three strong explosions occurred last night" are three events, told as news
    return any(c.lower_ in _VAGUE_COUNTS or (c.like_num and c.text.isdigit() and int(c.text) >= _TOTAL_FLOOR)
               for c in trigger.children if c.dep_ == "nummod")


def _frequency(verb: Token) -> bool:
    """'every night', 'each week', 'twice a month': how often, so a habit."""
    for t in verb.subtree:
        if t.lemma_.lower() in _TIME_UNITS and t.dep_ in ("npadvmod", "advmod") and \
                any(c.dep_ == "det" and c.lower_ in ("every", "each", "a", "per") for c in t.children) and \
                not any(c.lower_ in _RELATIVE_TIME for c in t.children) and t.head.lower_ not in _RELATIVE_TIME:
            return True
    return False


def _chain(head: Token) -> list[Token]:
    """The clause head and the verbs it is embedded under ("fought over for years by groups seeking")."""
    out, cur = [head], head
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "ccomp", "pcomp", "acl", "relcl", "advcl", "conj",
                                                    "pobj", "prep", "dobj"):
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX", "ADJ"):
            out.append(cur)
    return out


def what_it_is(trigger: Token, head: Token) -> str | None:
    """A clause that is an aim ("talks meant to end the war"), a failure ("failed to arrest"), a cause
    ("displaced by fighting", "fled fighting"), a label ("called it a deliberate strike") or a habit ("is
    targeted almost daily"), or None."""
    if head.dep_ in ("relcl", "acl") and head.tag_ in ("VBZ", "VBP") and head.head.pos_ in ("NOUN", "PROPN"):
        return "habitual"  # "the civilian force that fights alongside the army": who they are, not news
    if trigger.lemma_.lower() in _AIM_GOVERNORS and (trigger.tag_ in ("VBZ", "VBP") or (
            trigger.tag_ == "VBG" and trigger.dep_ in ("acl", "relcl"))):
        return "aim"  # "mediators seek a truce", "groups seeking control of the port": what they want, not news
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ == "under":
        return "label"  # "under the ceasefire, the army is due to deploy": an accord in force, cited
    if trigger.lemma_.lower() == "ask" and any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in _ANONYMITY
                                               for c in trigger.children):
        return "label"  # "a UN official, who asked not to be named"
    for verb in _chain(head)[1:]:
        lemma = verb.lemma_.lower() if verb.lemma_.lower() in _KNOWN_LEMMAS else verb.lower_
        if lemma in _FAILURE_GOVERNORS:
            return "failed"
        if lemma in _WISH_GOVERNORS:
            return "aim"
        if lemma in _AIM_GOVERNORS:
            subj = _subject(verb)
            if verb.tag_ == "VBN" or (subj is not None and subj.lemma_.lower() in _AIM_SUBJECTS):
                return "aim"  # "operations intended to restore order", "the summit seeks to end the feud"
    for verb in _chain(head):
        if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in verb.children):
            return "habitual"
    if trigger.dep_ == "conj" and trigger.head.lemma_.lower() in _CAUSE_VERBS and \
            any(c.dep_ == "agent" for c in trigger.head.children):
        return "cause"  # the parser's "displaced by drought and [displaced by] fighting"
    if trigger.pos_ == "NOUN" or trigger.dep_ in ("dobj", "pobj", "conj"):
        first = trigger
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "displaced by drought and fighting"
        gov = first.head
        trigger = first
        if trigger.dep_ == "pobj" and gov.lower_ == "by" and gov.head.lemma_.lower() in _CAUSE_VERBS:
            return "cause"
        if trigger.dep_ == "dobj" and gov.lemma_.lower() in _FLIGHT_VERBS:
            return "cause"
        if trigger.dep_ in ("oprd", "attr", "dobj") and gov.lemma_.lower() in _LABELLING_VERBS and \
                any(c.dep_ in ("dobj", "nsubjpass") and c.i != trigger.i for c in gov.children):
            return "label"
        if trigger.dep_ == "pobj" and gov.lower_ == "for" and gov.head.lemma_.lower() in ("responsible", "blame"):
            return "label"  # "commanders it holds responsible for strikes": the accusation's content
        if trigger.dep_ == "pobj" and gov.lower_ in ("at", "upon") and \
                any(c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children):
            return "cause"  # "at the request of Iraq's government", "at the invitation of the president"
    return None


def _cumulative(verb: Token, trigger: Token, sent: SpacySpan, date: EventDate | None,
                quantities: list[Quantity]) -> bool:
    """A total over a period: 'has killed more than 300,000 since 2011', 'talks have been suspended since
    last year', 'violence killed more than 1,600 people in 2025'. Not 'one third of the guerrillas have been
    demobilized since the accord' (one process, news) nor 'have been on hunger strike for two weeks'."""
    subj = _subject(verb)
    subj_lemma = subj.lemma_.lower() if subj is not None else ""
    abstract = subj is not None and (subj_lemma in _ABSTRACT_AGENTS or subj.lower_ in _ABSTRACT_AGENTS or (
        subj.tag_ in ("NNS", "NNPS") and subj_lemma in _PLURAL_EVENT_NOUNS))
    if _perfect(verb) and _long_period(verb):
        return True  # "has fought the government for nearly two decades", "since the start of the year"
    period = _spans_a_period(verb, sent, date)
    people = any(q.category != "other" for q in quantities)
    since_earlier = date is not None and date.precision in ("month", "year") and date.text is not None and \
        "since" in date.text.lower()
    if period and (abstract or (_perfect(verb) and (people or since_earlier or
                                                   trigger.lemma_.lower() in _TOLL_VERBS))):
        return True
    big = any(q.category in _PEOPLE and (q.low or 0) >= _TOTAL_FLOOR and (q.high is None or q.approximate)
              for q in quantities)
    if people and len(set(_YEAR.findall(verb.doc[verb.left_edge.i:verb.right_edge.i + 1].text))) >= 2:
        return True  # "more than 50 people died in protests in 2022 and 2023": a toll over years
    yearly = date is not None and date.precision == "year"
    return ((yearly or period) and (big or abstract)) or (abstract and big and _perfect(verb))


def generic_reason(trigger: Token, head: Token, sent: SpacySpan, date: EventDate | None,
                   quantities: list[Quantity]) -> str | None:
    """Why the clause reports no single event ('statistic', 'habitual', 'aim', 'failed', 'cause', 'label'),
    or None when it reports one."""
    kind = what_it_is(trigger, head)
    if kind is not None:
        return kind
    verb = _verb_of(head)
    if _cumulative(verb, trigger, sent, date, quantities) or any(
            _cumulative(v, trigger, sent, date, quantities) for v in _chain(head)[1:] if v.i != verb.i):
        return "statistic"  # also "has been fought over for years by groups seeking ..."
    if _counted_events(trigger) or _frequency(verb):
        return "habitual"  # "dozens of attacks a month", "gunfire every night"
    for v in {t.i: t for t in [verb, *_chain(head)]}.values():
        if _perfect(v) and any(c.dep_ == "advmod" and c.lower_ in _STATE_ADVERBS for c in v.children):
            return "habitual"  # "Kigali has long denied backing the group"
    if trigger.pos_ == "NOUN" and trigger.tag_ in ("NNS", "NNPS") and trigger.head.lower_ == "of" and \
            trigger.head.head.lemma_.lower() in _SERIES_HEADS:
        return "habitual"  # "a long history of attacks"
    return None


def told_as_earlier(head: Token) -> bool:
    """'had earlier ambushed', 'had attacked', 'previously seized': a past before the story's own day."""
    verb = _verb_of(head)
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return True
    return any(c.dep_ == "advmod" and c.lower_ in ("earlier", "previously", "before", "once") for c in verb.children)
