"""Which outlets does an article credit as its sources? Datelines, hat tips, reporting credits.

Knowing that a story is a rewrite of a Reuters or AFP wire matters downstream: two articles that both
credit AFP are one source, not two independent confirmations."""

from __future__ import annotations

import re
from functools import lru_cache

from eventatlas.data import read_table, read_words

_DASH = r"[-\u2013\u2014]"
# A name as it appears in a credit: capitalised words, with the small joiners outlet names use.
_NAME = r"(?:[A-Z][\w.&'\u2019-]*)(?:\s+(?:of|the|de|al|[A-Z][\w.&'\u2019-]*)){0,6}"
# The names between these are stripped by _clean; matching the spaces around a separator here too would let
# a long run of spaces be rescanned from each of its characters.
_JOIN = re.compile(r"/|,|;|&|\band\b")

# "LONDON (AFP) -", "KYIV, Ukraine (AP) \u2014", "(Reuters) -": parentheses after a dateline. Found from the
# parentheses, then the city is checked looking back, because a dateline may follow a headline run into the
# body ("Title. CITY (AP) -") and some copies lost the dash (or turned it into a C1 control character).
_PARENS = re.compile(rf"\(([^()\n]{{1,60}})\)[ \t\u0080-\u009f]*({_DASH}+)?")
_CAPS_CITY = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*"
                        r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})?\s*$")
_PLAIN_CITY = re.compile(r"^[ \t]*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:,\s*[A-Z][\w.]*)?\s*$")
_HAT_TIP = re.compile(r"\bH/?T\b[:\s]+([^\n]+)", re.I)
_VIA = re.compile(rf"\bvia\s+(?:the\s+)?({_NAME})")
_CONTRIBUTED = re.compile(r"(?<=\s)contributed\s+(?:reporting|to\s+this\s+(?:report|story|article))")
_ADDITIONAL = re.compile(r"\badditional\s+reporting\s+by\s+([^\n]+?)(?:[;.]\s|[;.]?$)", re.I | re.M)
# "- with AFP", "(With Reuters)", a closing line "With AFP and AP": a credit only at the end of a line. The
# pattern finds where such a credit starts; the rest of the line is then checked by _closing_names, because
# one pattern for the whole list ("NAME (& NAME)*", with & allowed inside a name) tried every way of
# splitting "A&A&A&...", twice as many for each name.
_WITH = re.compile(r"(?:^|[(\u2013\u2014]|(?<=\s)-)[ \t]*[Ww]ith[ \t]+(?=[A-Z])", re.M)
_WITH_NAME = re.compile(_NAME)
_WITH_MAX = 160  # a closing credit names a few outlets; a longer line is prose
_OF_OUTLET = re.compile(r"\b(?:of|for|from|at)\s+((?:the\s+|The\s+)?[A-Z].*)$")


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Alias -> the name find_credits returns."""
    out: dict[str, str] = {}
    for row in read_table("eventatlas.ingest", "agencies.tsv"):
        for alias in row["aliases"].split("|"):
            out[alias.strip()] = row["name"].strip()
    return out


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return read_words("eventatlas.ingest", "outlet_words.txt", lower=False)


_JOINERS = {"of", "the", "de", "al", "and", "for", "du", "la", "el"}


@lru_cache(maxsize=1)
def _known_prefix() -> re.Pattern[str]:
    aliases = sorted(agencies(), key=len, reverse=True)
    return re.compile(r"^(?:[Tt]he\s+)?(" + "|".join(map(re.escape, aliases)) + r")\s+(?=[a-z])")


_LEAD = "\"'(\u201c"
_TRAIL = "\"'.,:;)\u201d"


def _clean(name: str) -> str:
    """The name without the spaces, quotes and punctuation around it (a loop: a pattern anchored at the
    end rescanned a long run of spaces once for each of its characters)."""
    start, end = 0, len(name)
    while start < end and (name[start].isspace() or name[start] in _LEAD):
        start += 1
    while end > start and (name[end - 1].isspace() or name[end - 1] in _TRAIL):
        end -= 1
    return name[start:end]


def _known(name: str) -> str | None:
    name = _clean(name)
    table = agencies()
    if name in table:
        return table[name]
    if name.lower().startswith("the ") and name[4:] in table:
        return table[name[4:]]
    return None


def _outlet(name: str, *, any_name: bool = False) -> str | None:
    """The outlet a credit names, or None when it names a person (or nothing). `any_name` trusts the
    context (a dateline's parentheses, a hat tip) to say that the name is an outlet."""
    name = _clean(name)
    if not name or len(name) > 60:
        return None
    if known := _known(name):
        return known
    if m := _known_prefix().match(name):  # "Associated Press writers Jane Doe and ..."
        return agencies()[m[1]]
    if m := _OF_OUTLET.search(name):  # "Jane Doe of The Times", "... in Kyiv for the Kyiv Independent"
        return _outlet(m[1], any_name=True)
    words = name.split()
    if not words or not words[0][:1].isupper() or len(words) > 7:
        return None
    if any_name:
        return name
    # An outlet's name is capitalised throughout; "staff writers Jane Doe" is people, whatever words it holds.
    if any(w[0].islower() and w not in _JOINERS for w in words):
        return None
    if words[0] == "The" or any(w in _outlet_words() for w in words):
        return name
    return None


def _names(fragment: str, *, any_name: bool = False) -> list[str]:
    found = [_outlet(part, any_name=any_name) for part in _JOIN.split(fragment)]
    return [f for f in found if f]


def _closing_names(text: str, start: int) -> str | None:
    """The list of names from `start` to the end of its line ("AFP, Reuters & AP)."), or None when the
    line holds anything else."""
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)]
    if len(line) > _WITH_MAX:
        return None
    names = line.rstrip().rstrip(". \t").rstrip()
    names = names[:-1].rstrip() if names.endswith(")") else names
    parts = _JOIN.split(names)
    if all(_WITH_NAME.fullmatch(part.strip()) for part in parts):
        return names
    return None


def find_credits(text: str) -> list[str]:
    """Outlets and agencies the text credits, in order of first appearance, each once."""
    hits: list[tuple[int, str]] = []
    for m in _PARENS.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        # A dateline is short: look back 80 characters at most. The "~" stands for text cut off there,
        # so that the cut is not mistaken for the start of a line.
        line = text[start:m.start()] if m.start() - start <= 80 else "~" + text[m.start() - 80:m.start()]
        if not line.strip():  # "(Reuters) -" opening a paragraph
            dateline = m[2] is not None
        elif _CAPS_CITY.search(line):  # "KYIV, Ukraine (AP)", also after a headline on the same line
            dateline = True
        elif _PLAIN_CITY.match(line) and m[2]:  # "Washington (CNN) -": only known agencies
            hits += [(m.start(1), n) for n in _names(m[1]) if n in agencies().values()]
            continue
        else:
            continue
        if m[2]:
            hits += [(m.start(1), n) for n in _names(m[1], any_name=dateline)]
        elif dateline:  # no dash: the parentheses may be anything, so only a known agency counts
            hits += [(m.start(1), n) for n in _names(m[1]) if n in agencies().values()]
    for m in _HAT_TIP.finditer(text):
        hits += [(m.start(1), n) for n in _names(m[1], any_name=True)]
    for m in _VIA.finditer(text):
        # "via Turkey" is a route, not a credit: only a known agency or outlet-like name counts.
        if name := _outlet(m[1]):
            hits.append((m.start(1), name))
    for m in _CONTRIBUTED.finditer(text):
        # Who contributed: back to the start of the sentence. (Found by looking back from the keyword,
        # because a lazy prefix pattern rescans every sentence from every position.)
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        hits += [(start, n) for n in _names(text[start:m.start()])]
    for m in _ADDITIONAL.finditer(text):
        fragment = m[1]
        if of := _OF_OUTLET.search(fragment):
            hits.append((m.start(1) + of.start(1), _outlet(of[1], any_name=True) or _clean(of[1])))
        hits += [(m.start(1), n) for n in _names(fragment) if n in agencies().values()]
    for m in _WITH.finditer(text):
        if names := _closing_names(text, m.end()):
            hits += [(m.end(), n) for n in _names(names) if n in agencies().values()]
    seen: dict[str, None] = {}
    for _, name in sorted(hits, key=lambda h: h[0]):
        seen.setdefault(name, None)
    return list(seen)
