"""Finding place mentions in a parsed article.

spaCy's GPE/LOC/FAC entities are the first source; a gazetteer phrase matcher adds the towns the
stock model tags as PERSON or ORG or misses. Matcher hits must look like places: a locative
preposition before them ("in Kidal", "town of Menaka"), or a name large enough that a false hit
is unlikely. Demonyms ("Syrian", "Malian") are not places: they become country context.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .gazetteer import Gazetteer
from .normalize import fold, fuzzy_key, norm_key
from .resolve import Mention

DATA = Path(__file__).with_name("data")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ADMIN_WORDS = {
    "province": "admin1", "governorate": "admin1", "region": "admin1", "state": "admin1",
    "oblast": "admin1", "prefecture": "admin1", "department": "admin1",
    "county": "admin2", "parish": "admin2", "district": "admin2", "borough": "admin2",
}
LOCATIVE = {"in", "near", "at", "from", "outside", "around", "to", "into", "across", "toward", "towards",
            "through", "throughout", "via", "between", "inside", "within", "north", "south", "east", "west"}
PLACE_NOUNS = {"town", "city", "village", "province", "region", "outskirts", "suburb", "suburbs", "district",
               "state", "county", "capital", "governorate", "area", "centre", "center", "streets", "people"}
CONNECTORS = {"al", "el", "ez", "es", "ad", "as", "ar", "an", "at", "ash", "az", "de", "du", "des", "la",
              "le", "-", "of", "upon", "on", "del", "da", "do", "dos"}
COMPASS = {"northern", "southern", "eastern", "western", "central", "north-eastern", "northeastern",
           "north-western", "northwestern", "south-eastern", "southeastern", "south-western", "southwestern"}
# "the Jabalia refugee camp", "the Rafah crossing": a name the next word calls a place
PLACE_AFTER = {"refugee", "camp", "crossing", "neighbourhood", "neighborhood", "district", "governorate",
               "province", "countryside", "outskirts"}
MAX_TOKENS = 5
# What the words before a name say about it being a point, not a region: "near Tillaberi", "the town of Kidal".
POINT_BEFORE = {"near", "outside", "nearby"}
POINT_NOUNS = {"town", "village", "city", "outskirts", "suburb", "suburbs", "streets", "centre", "center", "port"}
MAX_TAIL = 3  # plain words that may end a site's name: "air base", "oil field", "refugee camp"
BIG_PLACE = 100_000


@dataclass
class Found:
    mentions: list[Mention]
    context: Counter          # ISO2 -> how often the article's demonyms name that country
    demonyms: list[tuple[int, int, str | None]]  # (start, end, ISO2) char spans


@functools.lru_cache(maxsize=1)
def demonym_table() -> dict[str, tuple[str | None, str | None]]:
    """folded demonym -> (ISO2 or None, region name or None)."""
    table: dict[str, tuple[str | None, str | None]] = {}
    with open(DATA / "demonyms.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, iso, region = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            table[fold(word)] = (iso.strip() or None, region.strip() or None)
    return table


def _demonym_entry(word: str) -> tuple[str | None, str | None] | None:
    key = fold(word)
    table = demonym_table()
    for k in (key, key[:-1] if key.endswith("s") else None, key[:-2] if key.endswith("es") else None):
        if k and k in table:
            return table[k]
    return None


def demonym(word: str) -> tuple[bool, str | None]:
    """(is it a demonym, its country); plural forms ("Syrians") count as well."""
    hit = _demonym_entry(word)
    return (True, hit[0]) if hit else (False, None)


def demonym_region(word: str) -> str | None:
    """The region a country-less demonym points at ("Kurdish" -> "Kurdistan")."""
    hit = _demonym_entry(word)
    return hit[1] if hit else None


def point_cue(before: str) -> bool:
    """Whether the text just before a name calls it a point ("near ", "the town of ", "outskirts of ")."""
    words = before.lower().split()[-3:]
    words = [w.strip(",;:") for w in words if w != "the"]
    if not words:
        return False
    return words[-1] in POINT_BEFORE or (len(words) > 1 and words[-1] == "of" and words[-2] in POINT_NOUNS)


@functools.lru_cache(maxsize=1)
def actor_names() -> tuple[frozenset[str], frozenset[str]]:
    """Folded names of armed groups and forces (data/actor_names.txt), and the first words they start with."""
    with open(DATA / "actor_names.txt", encoding="utf-8") as fh:
        names = frozenset(fold(w) for w in fh if w.strip() and not w.startswith("#"))
    return names, frozenset(n.split()[0] for n in names)


def _actor_spans(text_all: str, idx: list[int], word: list[str], lower: list[str]) -> list[tuple[int, int]]:
    """Token spans that name an armed group or force ("the Taliban", "al-Shabaab", "Houthis")."""
    names, firsts = actor_names()
    out, k, n = [], 0, len(word)
    while k < n:
        first = lower[k] if lower[k].isascii() else fold(lower[k])
        if first not in firsts and first.rstrip("s") not in firsts:
            k += 1
            continue
        for j in range(min(n, k + 6), k, -1):
            key = fold(text_all[idx[k]:idx[j - 1] + len(word[j - 1])])
            if key in names or (key.endswith("s") and key[:-1] in names):
                out.append((k, j))
                k = j - 1
                break
        k += 1
    return out


NON_PLACE_ENTS = ("PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
IN_NAME = {"of", "in", "for", "at"}


def _part_of_longer_name(ents: list[tuple[int, int, str]], lower: list[str], i: int, j: int) -> bool:
    """Whether tokens i..j are a proper part of a longer person, organisation or similar name (ents: the doc's
    entities as token spans), and not introduced in it as that name's place ("University of Aleppo"): the
    "Bureau" of a journalism bureau."""
    ent = next((e for e in ents if e[0] <= i < e[1]), None)
    if not ent or ent[2] not in NON_PLACE_ENTS or ent[1] < j or (ent[0] == i and ent[1] == j):
        return False
    return not (i > ent[0] and lower[i - 1] in IN_NAME)


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    with open(DATA / "common_words.txt", encoding="utf-8") as fh:
        return frozenset(w.strip().lower() for w in fh if w.strip() and not w.startswith("#"))


def _locative_before(doc, i: int) -> bool:
    if i == 0:
        return False
    prev = doc[i - 1]
    # "into eastern Khan Younis", "in the northern Jabalia": a compass word sits between the preposition and the name
    if prev.lower_ in COMPASS and prev.i > 0:
        prev = doc[prev.i - 1]
    if prev.lower_ == "the" and prev.i > 0:
        prev = doc[prev.i - 1]
    if prev.lower_ in LOCATIVE:
        return True
    return prev.lower_ == "of" and i > 1 and doc[prev.i - 1].lower_ in PLACE_NOUNS


def _admin_suffix(doc, end: int) -> str | None:
    return ADMIN_WORDS.get(doc[end].lower_) if end < len(doc) else None


def _merged_ents(doc, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Place entities, with adjacent ones joined when the joined name is in the gazetteer
    (the stock model splits "Burkina Faso" into two GPEs)."""
    ents = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in PLACE_LABELS]
    out: list[tuple[int, int, str]] = []
    for s, e, label in ents:
        if out and out[-1][1] == s and gaz.has_name(norm_key(doc[out[-1][0]:e].text)):
            out[-1] = (out[-1][0], e, out[-1][2])
        else:
            out.append((s, e, label))
    return out


def _context_countries(doc, gaz: Gazetteer, demonym_ccs: Counter, outlet_country: str | None) -> set[str]:
    ccs = {cc for cc in demonym_ccs} | ({outlet_country} if outlet_country else set())
    for ent in doc.ents:
        if ent.label_ == "GPE":
            for e, *_ in gaz.lookup(ent.text, fuzzy=False):
                if e.kind == "country":
                    ccs.add(e.country_code)
    return ccs


def find_mentions(doc, gaz: Gazetteer, *, big_place: int = BIG_PLACE,
                  outlet_country: str | None = None) -> Found:
    # Token attributes copied out once: spaCy builds a new Token object on every doc[i].
    text_all = doc.text
    toks = list(doc)
    n = len(toks)
    word = [t.text for t in toks]
    lower = [t.lower_ for t in toks]
    idx = [t.idx for t in toks]
    ent_type = [t.ent_type_ for t in toks]
    is_name = [w[:1].isupper() and any(c.isalpha() for c in w) for w in word]
    joinable = [is_name[k] or lower[k] in CONNECTORS for k in range(n)]

    def chars(i: int, j: int) -> str:
        return text_all[idx[i]:idx[j - 1] + len(word[j - 1])]

    taken = [False] * n
    spans: list[tuple[int, int, str | None]] = []  # token start, end (name only), kind hint
    context: Counter = Counter()
    demonyms: list[tuple[int, int, str | None]] = []

    def add_demonym(i: int, j: int, iso: str | None) -> None:
        for k in range(i, j):
            taken[k] = True
        demonyms.append((idx[i], idx[j - 1] + len(word[j - 1]), iso))
        if iso:
            context[iso] += 1

    for a, b in _actor_spans(text_all, idx, word, lower):
        for k in range(a, b):
            taken[k] = True

    def place_words_from(k: int, w: int) -> int:
        # "Tamil Nadu", "Central African Republic", "Arabian Sea": a place name longer than the demonym it begins with
        for j in range(min(n, k + MAX_TOKENS), k + w, -1):
            if all(joinable[k:j]) and is_name[j - 1] and gaz.has_name(norm_key(chars(k, j))):
                return j - k
        return 0

    k = 0
    while k < n:
        if is_name[k]:
            # "South Sudanese": a two-word demonym wins over "South" + "Sudanese".
            w = 2 if k + 1 < n and is_name[k + 1] and demonym(chars(k, k + 2))[0] else 1
            is_dem, iso = demonym(chars(k, k + w))
            if is_dem:
                longer = place_words_from(k, w)
                if longer:
                    k += longer
                    continue
                add_demonym(k, k + w, iso)
                k += w
                continue
        k += 1

    for start, end, _ in _merged_ents(doc, gaz):
        while start < end and lower[start] in ("the", "'s"):
            start += 1
        while end > start and lower[end - 1] in ("'s", "’s"):
            end -= 1
        if start >= end or any(taken[start:end]):
            continue
        # "Zamzam" + "camp", "Hmeimim" + "air base": the entity and the words after it name a known site
        for j in range(min(n, end + MAX_TAIL), end, -1):
            if all(word[k].isalpha() for k in range(end, j)) and gaz.has_name(norm_key(chars(start, j))):
                end = j
                break
        hint = ADMIN_WORDS.get(lower[end - 1]) if end - start > 1 else None
        name_end = end - 1 if hint else end
        full_end = end
        if hint is None:
            hint = _admin_suffix(doc, end)
            if hint:
                full_end = end + 1
        spans.append((start, name_end, hint))
        for k in range(start, full_end):
            taken[k] = True

    def _tail(i: int, j: int) -> int:
        """How many plain words end tokens i..j after names and connectors ("Sednaya prison": 1), or -1 when
        i..j is no such run. Function words ("In the", "As an") are never part of a site's name."""
        k = j
        while k > i and not is_name[k - 1] and word[k - 1].isalpha() and lower[k - 1] not in common_words():
            k -= 1
        ok = k > i and is_name[k - 1] and k - i <= MAX_TOKENS and j - k <= MAX_TAIL and all(joinable[i:k])
        return j - k if ok else -1

    countries: set[str] | None = None
    all_ents = [(e.start, e.end, e.label_) for e in doc.ents]
    i = 0
    while i < n:
        if taken[i] or not is_name[i]:
            i += 1
            continue
        hit = None
        for j in range(min(n, i + MAX_TOKENS + MAX_TAIL), i, -1):
            tail = _tail(i, j) if not any(taken[i:j]) else -1
            if tail < 0:
                continue
            key = norm_key(chars(i, j))
            # Several name tokens together are distinctive enough to match by spelling variant (not plain words).
            if gaz.has_name(key) or (j - i > 1 and not tail and gaz.has_name(fuzzy_key(key), fuzzy=True)):
                hit = j
                break
        if hit is None:
            i += 1
            continue
        text = chars(i, hit)
        ok = not (hit - i == 1 and lower[i] in common_words() and not word[i].isupper())
        hint = ADMIN_WORDS.get(lower[hit]) if hit < n else None
        if ok and _part_of_longer_name(all_ents, lower, i, hit):
            # a word of a longer name is a place only when it is a well-known one ("Kabul Bank")
            ok = any(not fz and not al and (e.kind in ("country", "admin1", "region")
                                            or e.kind == "city" and e.population >= big_place)
                     for e, fz, al in gaz.lookup(text, fuzzy=False))
        elif ok and not (_locative_before(doc, i) or hint or (hit < n and lower[hit] in PLACE_AFTER)):
            if countries is None:
                countries = _context_countries(doc, gaz, context, outlet_country)
            cands = gaz.lookup(text, fuzzy=hit - i > 1)
            named = ent_type[i] in NON_PLACE_ENTS
            big = 10 * big_place if named else big_place
            # a variant spelling of several words ("Deir Ezzor", "Khan Younis") is as telling as the exact one
            # (a county's bare name, "Harris", "Love", is a surname first: it needs a preposition)
            # (a county is sized by its largest town, so size alone never makes a bare county name a place)
            ok = any((not fz or hit - i > 1) and (e.kind in ("city", "site") and e.population >= big
                                                  or e.kind in ("country", "admin1", "region"))
                     for e, fz, al in cands)
            # A town of a country the article is about: "Air strikes hit Saraqeb" in a Syria story.
            # GeoNames gives many Syrian and Sahel towns no population, so a multi-word name
            # ("Maarat al-Numan") needs none; a lone word could be a surname.
            local = 0 if hit - i > 1 else 10_000 if ent_type[i] == "PERSON" else 1_000
            ok = ok or any(e.country_code in countries
                           and (e.kind == "site" or e.population >= local and e.kind == "city") for e, *_ in cands)
            # a base, camp or crossing of several words ("Bab al-Hawa crossing") is distinctive anywhere
            ok = ok or (hit - i > 1 and any(e.kind == "site" and not fz for e, fz, _ in cands))
        if ok:
            spans.append((i, hit, hint))
            for k in range(i, hit + (1 if hint else 0)):
                taken[k] = True
            i = hit
        else:
            i += 1

    spans.sort()
    mentions = []
    for s, e, hint in spans:
        surface_end = idx[e] + len(word[e]) if hint and e < n else None
        mentions.append(Mention(idx[s], idx[e - 1] + len(word[e - 1]), chars(s, e), hint, surface_end=surface_end,
                                full=chars(s, e + 1) if surface_end else None,
                                point_cue=point_cue(text_all[max(0, idx[s] - 40):idx[s]])))
    for a in range(len(mentions) - 1):
        m, nxt = mentions[a], mentions[a + 1]
        between = text_all[m.end:nxt.start].strip().lower()
        if m.kind_hint:  # skip the "province" word that follows m
            between = between.split(" ", 1)[1] if " " in between else ""
        if between in (",", "in", ", in", "in the", "of"):
            m.parent = a + 1
    return Found(mentions, context, demonyms)
