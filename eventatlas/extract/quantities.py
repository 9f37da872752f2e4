"""Quantities: numbers with their ranges and hedges, attached to what they count.

"up to 500" -> high 500; "at least 12" -> low 12; "300-400" -> 300..400; "about 100" -> 100..100 approximate;
"dozens" -> low 24 approximate (the least the word can mean). A number the text does not give is never made up;
a victim a casualty verb names without a number is counted by its grammar: "the mayor was killed" -> 1,
"killing the mayor and his bodyguard" -> 2, "soldiers were wounded" -> at least 2 (approximate).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventatlas.extract.dates import looks_like_date
from eventatlas.extract.lexicon import number_words, phrases, rows, word_list, words
from eventatlas.records import Quantity

_WORDS = number_words("unit")
_SCALES = number_words("scale")
# Plural vague amounts: the least each can mean, always approximate.
_VAGUE = number_words("vague")
_UPPER = phrases("upper_hedges")
_LOWER = phrases("lower_hedges")
_APPROX = phrases("approximate_hedges")
_MEASURE_UNITS = words("measure_units")
_THINGS = words("weapon_heads") | words("facility_heads") | words("place_heads") | words("thing_nouns")
_NUM_RE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


@dataclass
class QuantityMention:
    quantity: Quantity
    start: int  # token index (doc) of the first token, hedge included
    end: int
    noun: Token | None  # what it counts
    governor: Token | None  # the verb or noun that governs the counted phrase
    counted: bool = False  # counted from the victims a verb names, not read from a number: only an event takes it


@functools.cache
def _categories() -> tuple[dict[str, str], dict[str, str]]:
    verbs, nouns = {}, {}
    for r in rows("quantity_categories.tsv"):
        if r["kind"] != "act":
            (verbs if r["kind"] == "verb" else nouns)[r["lemma"]] = r["category"]
    return verbs, nouns


@functools.cache
def _acts() -> dict[str, str]:
    """Nouns naming a killing or wounding, whose victims follow them ('the murder of the mayor')."""
    return {r["lemma"]: r["category"] for r in rows("quantity_categories.tsv") if r["kind"] == "act"}


def parse_number(words: list[str]) -> int | None:
    """'3,000' / 'two' / 'twenty-five' / '1.5 million' / 'a dozen' -> int, or None."""
    total, current, seen = 0, 0.0, False
    for w in words:
        w = w.lower().strip()
        if w in ("a", "an", "and") or not w:
            continue
        if _NUM_RE.match(w):
            current += float(w.replace(",", ""))
            seen = True
        elif "-" in w and all(p in _WORDS for p in w.split("-")):
            current += sum(_WORDS[p] for p in w.split("-"))
            seen = True
        elif w in _SCALES and (seen or current == 0):
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
            seen = True
        elif w in _WORDS:
            current += _WORDS[w]
            seen = True
        else:
            return None
    return int(total + current) if seen else None


def _is_num(tok: Token) -> bool:
    t = tok.lower_
    return bool(_NUM_RE.match(t)) or t in _WORDS or t in _SCALES or (
        "-" in t and all(p in _WORDS for p in t.split("-"))) or (tok.like_num and t not in ("first", "second"))


def _hedge_before(doc, i: int) -> tuple[str | None, int]:
    for n in (3, 2, 1):
        if i - n < 0:
            continue
        words = tuple(t.lower_ for t in doc[i - n:i])
        if words in _UPPER or words in _LOWER or words in _APPROX:
            return " ".join(words), i - n
    return None, i


def _category(noun: Token | None, governor: Token | None, sent_text: str) -> str:
    verbs, nouns = _categories()
    if noun is not None and noun.lemma_.lower() in _THINGS and noun.lemma_.lower() not in nouns:
        return "other"  # "three roadside bombs killed 21", "destroying four trucks": things, not people
    if governor is not None and governor.lemma_.lower() in verbs:
        return verbs[governor.lemma_.lower()]
    if governor is not None and governor.pos_ == "NOUN" and governor.lemma_.lower() in _acts():
        return _acts()[governor.lemma_.lower()]  # "the killing of two journalists"
    if noun is not None:
        for t in [noun, *[c for c in noun.children if c.dep_ == "amod"]]:
            lem = t.lemma_.lower()
            if lem in verbs and t.tag_ in ("VBN", "VBD", "JJ"):  # "12 wounded", "the injured"
                return verbs[lem]
            if lem in nouns:
                return nouns[lem]
            if t.lower_ in nouns:
                return nouns[t.lower_]
    return "other"


def _split_thousands(doc, i: int, end: int) -> bool:
    """'2, 500' as text arrives: a thousands separator followed by a space, not a list of numbers."""
    return i + 2 < end and doc[i].text.isdigit() and len(doc[i].text) <= 3 and doc[i + 1].text == "," and \
        doc[i + 2].text.isdigit() and len(doc[i + 2].text) == 3 and (i + 3 >= end or doc[i + 3].text != ",")


def _part_of_name(doc, i: int, sent) -> bool:
    """A number right after a capitalised word inside a sentence is part of a name ("Route 9", "Camp 4")."""
    if i <= sent.start:
        return False
    prev = doc[i - 1]
    return prev.is_alpha and prev.text[:1].isupper() and prev.i > sent.start and not _is_num(prev) and \
        prev.lower_ not in _WORDS and not (i + 1 < sent.end and doc[i + 1].pos_ in ("NOUN", "PROPN") and
                                           doc[i + 1].lemma_.lower() in _categories()[1])


def _attach(first: Token, last: Token) -> tuple[Token | None, Token | None]:
    """The noun a number counts and the word that governs that noun phrase."""
    num = last
    noun = None
    if num.dep_ in ("nummod", "quantmod", "amod", "compound") and num.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        noun = num.head
    elif num.pos_ in ("NOUN", "NUM", "PRON") or num.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
        # "dozens of civilians", "killing 12", "12 were killed"
        of = [c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"]
        pobj = [g for c in of for g in c.children if g.dep_ == "pobj"]
        noun = pobj[0] if pobj else num
    if noun is None:
        return None, num.head
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ == "of":
        lift = gov.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and gov.head.lemma_.lower() not in _acts()
        gov = gov.head.head if lift else gov.head  # "the killing of three teachers": the act governs
    while gov.dep_ == "prep":
        gov = gov.head
    # "the death toll rose to 40": the number counts the toll
    if noun.dep_ == "pobj" and gov.pos_ == "VERB":
        # "the death toll rose to 40" / "put the toll at 25 to 30": the number counts the toll
        subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                and c.lemma_.lower() in _categories()[1]]
        if subj:
            noun = subj[0]
    # relative clause / participle on the noun: "12 people killed in the strike"
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _categories()[0]:
            gov = c
    return noun, gov


def _ent_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _attach_range(doc, i: int, j: int) -> tuple[Token | None, Token | None]:
    # In "300-400 people" or "between 300 and 400 people" only one of the numbers hangs on the noun.
    for k in range(j - 1, i - 1, -1):
        if doc[k].dep_ == "nummod":
            return _attach(doc[k], doc[k])
    return _attach(doc[i], doc[j - 1])


@dataclass
class _Amount:
    low: int | None
    high: int | None
    approximate: bool
    start: int  # first token, a range's 'between' included
    end: int  # after the last number token


def _vague_at(doc, i: int, sent: SpacySpan) -> _Amount | None:
    """'dozens of', 'tens of thousands': the least the phrase can mean, approximate."""
    tok = doc[i]
    if tok.lower_ not in _VAGUE or not (i + 1 < sent.end and doc[i + 1].lower_ == "of" or tok.dep_ != "compound"):
        return None
    low, j = _VAGUE[tok.lower_], i + 1
    if i + 2 < sent.end and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in _VAGUE:
        low, j = low * (_VAGUE[doc[i + 2].lower_] // 2), i + 3
    return _Amount(low, None, True, i, j)


def _number_at(doc, i: int, sent: SpacySpan) -> _Amount | int | None:
    """A number or a range starting at token i; the index to go on from when the number is a name's part
    ("Route 9"); None when there is no number here."""
    tok = doc[i]
    if not _is_num(tok) or tok.ent_type_ in ("TIME", "PERCENT", "MONEY", "ORDINAL") or (
            tok.ent_type_ == "DATE" and looks_like_date(_ent_text(tok))):
        return None
    j = i
    while j < sent.end and (_is_num(doc[j]) or (doc[j].lower_ in ("and", "-") and j + 1 < sent.end
                            and doc[j + 1].lower_ in _SCALES)):
        j += 1
    value = parse_number([t.text for t in doc[i:j]])
    if j == i + 1 and _split_thousands(doc, i, sent.end):
        value, j = int(tok.text) * 1000 + int(doc[i + 2].text), i + 3  # "2, 500" is 2,500
    if value is not None and _part_of_name(doc, i, sent):
        return j  # "Route 9", "District 7": a name, no count
    if value is None:
        return None
    amount = _Amount(value, value, False, i, j)
    # ranges: 300-400, 300 to 400, between 300 and 400, 25 or 30
    if j + 1 < sent.end and doc[j].lower_ in ("-", "to", "and", "or", "–") and _is_num(doc[j + 1]):
        k = j + 1
        while k < sent.end and _is_num(doc[k]):
            k += 1
        upper = parse_number([t.text for t in doc[j + 1:k]])
        if upper is not None and upper > value:
            amount.high, amount.end = upper, k
            if i > sent.start and doc[i - 1].lower_ == "between":
                amount.start = i - 1
    return amount


def _hedged(doc, amount: _Amount) -> tuple[int | None, int | None, bool, int]:
    """(low, high, approximate, start) once the hedge before the number is read: "at least", "up to"."""
    low, high, approximate, start = amount.low, amount.high, amount.approximate, amount.start
    hedge, hstart = _hedge_before(doc, start)
    if hedge:
        start = hstart
        words = tuple(hedge.split())
        if words in _UPPER and low == high:
            low = None
        elif words in _LOWER and low == high:
            high = None
        approximate = approximate or words in _APPROX
    return low, high, approximate, start


def find_quantities(sent: SpacySpan) -> list[QuantityMention]:
    doc = sent.doc
    out: list[QuantityMention] = []
    i = sent.start
    while i < sent.end:
        amount = _vague_at(doc, i, sent) or _number_at(doc, i, sent)
        if amount is None or isinstance(amount, int):
            i = amount if isinstance(amount, int) else i + 1
            continue
        j = amount.end
        low, high, approximate, start = _hedged(doc, amount)
        noun, gov = _attach_range(doc, i, j)
        if (noun is None or noun.i < j) and j < sent.end and doc[j].lower_ in _categories()[1]:
            noun = doc[j]  # "left 7 dead and 15 wounded": the adjective after the number is what it counts
        state = None
        if noun is not None and noun.i + 1 < sent.end and doc[noun.i + 1].lower_ in _categories()[1] and \
                _category(noun, None, sent.text) == "civilians":
            state = _categories()[1][doc[noun.i + 1].lower_]  # "at least 9 people dead"
        # Years and ages are not counts: "in 2014", "a 12-year-old".
        if noun is not None and noun.lemma_.lower() in _MEASURE_UNITS:
            i = j
            continue
        category = state or _category(noun, gov, sent.text)
        before = doc[start - 1] if start > sent.start else None
        if before is not None and before.tag_ in ("VBG", "VBD", "VBN") and \
                before.lemma_.lower() in _categories()[0]:
            category = _categories()[0][before.lemma_.lower()]  # "killing at least 15 soldiers", however parsed
        qty = Quantity(category=category, low=low, high=high, approximate=approximate,
                       text=doc[start:j].text if noun is None or noun.i < j else doc[start:noun.i + 1].text)
        out.append(QuantityMention(qty, start, max(j, noun.i + 1 if noun is not None and noun.i >= j else j),
                                   noun, gov))
        i = j
    return out + uncounted_victims(sent, out)


_CASUALTY_CATEGORIES = ("fatalities", "injured")
_ONE_PERSON_PRONOUNS = {"him", "her", "he", "she"}


def _victims_of(verb: Token) -> list[Token]:
    """Who a casualty verb hurts: its object, or its subject when the verb is passive ('the judge was
    killed', 'and his driver wounded') or intransitive ('a policeman died'); for a noun naming the act, who
    follows 'of' or owns it ('the murder of the mayor', 'his assassination')."""
    if verb.pos_ == "NOUN":
        heads = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "poss"]
        return [t for h in heads for t in (h, *h.conjuncts)]
    deps = ("dobj", "nsubjpass")
    passive_conj = verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children) and not any(
        c.dep_ == "dobj" for c in verb.children)
    if verb.lemma_.lower() == "die" or passive_conj:
        deps = ("dobj", "nsubjpass", "nsubj")
    heads = [c for c in verb.children if c.dep_ in deps]
    return [t for h in heads for t in (h, *h.conjuncts)]


def _persons(noun: Token) -> tuple[int, bool] | None:
    """(how many people the phrase names at least, whether that is a lower bound), or None when it names no
    person or carries a number of its own."""
    if any(c.dep_ == "nummod" for c in noun.children):
        return None
    if noun.pos_ == "PRON":
        return (1, False) if noun.lower_ in _ONE_PERSON_PRONOUNS | {"his"} else None
    if noun.ent_type_ == "PERSON" and noun.pos_ == "PROPN":
        return 1, False
    if noun.lemma_.lower() not in word_list("person_nouns.txt"):
        return None
    return (2, True) if noun.tag_ in ("NNS", "NNPS") else (1, False)


def uncounted_victims(sent: SpacySpan, found: list[QuantityMention]) -> list[QuantityMention]:
    """Deaths and injuries a sentence reports without a number, counted from the victims the verb names; a
    sentence that gives a number for that category keeps its number alone."""
    verbs, _ = _categories()
    given = {m.quantity.category for m in found}
    out = []
    for verb in sent:
        lemma = verb.lemma_.lower()
        category = verbs.get(lemma) if verb.pos_ == "VERB" else _acts().get(lemma) if verb.pos_ == "NOUN" else None
        if lemma == "shoot" and any(c.lower_ == "dead" for c in verb.children):
            category = "fatalities"  # "police shot dead a street vendor"
        if category not in _CASUALTY_CATEGORIES or category in given:
            continue
        counts = [(v, n) for v in _victims_of(verb) if (n := _persons(v)) is not None]
        if not counts:
            continue
        low = sum(n for _, (n, _) in counts)
        open_ended = any(more for _, (_, more) in counts)
        first = min(v.left_edge.i for v, _ in counts)
        last = max(v.right_edge.i for v, _ in counts) + 1
        qty = Quantity(category=category, low=low, high=None if open_ended else low, approximate=open_ended,
                       text=sent.doc[first:last].text)
        out.append(QuantityMention(qty, first, last, counts[0][0], verb, counted=True))
        given.add(category)
    return out
