"""The slots of a control claim: which place a phrase names (and at what level, what share of it), who a
phrase says holds it, and which days a clause gives. extract/control_claims.py reads sentences with these.

A place is found from the phrase in the verb's slot: a name the geography resolved ("Lubero"), a name it
did not (kept as text, which the control stage resolves against the gazetteer), a place noun with its name
("the town of Lubero", "Lubero territory", "Kirumba, a market town that..."), or a noun that stands for a
place named before ("the town", "both cities", "it")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.control_syntax import own_tokens
from eventatlas.extract.dates import looks_like_date, resolve_date
from eventatlas.extract.lexicon import actor_aliases, control_words, generic_actor_types
from eventatlas.records import EventDate, Place

_PRECISION_LEVEL = {"point": "town", "city": "town", "admin1": "admin1", "country": "country", "region": "admin1"}
# a paragraph that opens with names alone: "Mangina. Still without a garrison."
_HEADING = re.compile(r"(?:^|\n)[ \t]*([A-Z][\w'-]+(?:(?:,| and| &)? [A-Z][\w'-]+)*)\.(?= )")
_MEMORY = "eventatlas.control_places"  # Doc.user_data key: the places control claims named, in text order
_ARMED = {"state", "rebel", "political_militia", "identity_militia", "external"}
_GROUPS = {"rebel", "political_militia", "identity_militia"}


@dataclass
class PlaceRef:
    """A place a phrase names, with the level the text gives it and the share or extent of it meant."""
    place: Place
    level: str | None
    share: float | None = None
    extent: str | None = None  # "most" | "part"
    whole: bool = False        # the text says all of it ("the whole town", "in full")


def _covering(toponyms, tok: Token):
    for t in toponyms:
        if t.start <= tok.idx < t.end:
            return t
    return None


def _is_actor_name(text: str) -> bool:
    return text.lower().strip() in actor_aliases()[1]


def _name_tokens(tok: Token) -> list[Token]:
    """A proper name with the compound names before it: "North Kivu" for the token Kivu."""
    parts = [tok]
    misread = control_words()["misread"]
    while True:
        before = [c for c in parts[0].lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in misread]
        if not before:
            return parts
        parts.insert(0, before[-1])


class PlaceFinder:
    """Places of one sentence's slots. It remembers, on the spaCy Doc, the places named so far, so that
    "the town" in a later sentence finds the town named before even when the geography did not resolve it."""

    def __init__(self, sent: SpacySpan, toponyms):
        self.sent = sent
        self.doc = sent.doc
        self.words = control_words()
        # a name the geography left unresolved ("M23", an outlet's name) is no place to point back to
        self.toponyms = [t for t in toponyms if t.place.name and not _is_actor_name(self.doc.text[t.start:t.end])]
        self.memory: list[tuple[int, Place, str]] = self.doc.user_data.setdefault(_MEMORY, [])
        self._resolving: set[int] = set()  # tokens whose places are being found, against cycles

    def remember(self, tok: Token, ref: PlaceRef) -> None:
        level = ref.level or _PRECISION_LEVEL.get(ref.place.precision or "", "town")
        entry = (tok.idx, ref.place, level)
        if entry not in self.memory:
            self.memory.append(entry)
            self.memory.sort(key=lambda m: m[0])

    def recent(self, before: int, level: str | None, n: int = 1) -> list[Place]:
        """The places "the town" (n=1) or "both cities" (n=2) stand for, named before character `before`
        at the level wanted (any when None): those named earlier in the same sentence, then the heading of
        the paragraph, then the article's most-named; among equals the latest."""
        named = [(t.start, t.place, _PRECISION_LEVEL.get(t.place.precision or "", "town")) for t in self.toponyms]
        headings = self._headings(before)
        named = [m for m in named + self.memory + headings if m[0] < before and (level is None or m[2] == level)
                 and not self._destination(m[0])]
        text = self.doc.text
        paragraph = text.rfind("\n", 0, self.sent.start_char) + 1

        def rank(m: tuple[int, Place, str]) -> tuple:
            name = m[1].text or m[1].name or ""
            mentions = len(re.findall(rf"\b{re.escape(name)}\b", text[:before])) if name else 0
            return (m[0] >= self.sent.start_char, m in headings and m[0] >= paragraph, mentions, m[0])

        out: list[Place] = []
        for _, place, _ in sorted(named, key=rank, reverse=True):
            if all((p.name or p.text) != (place.name or place.text) for p in out):
                out.append(place)
            if len(out) == n:
                break
        return out

    def _destination(self, offset: int) -> bool:
        """A place in this sentence that something moved towards ("withdrew north towards Butembo"): not
        the place "the town" after it stands for."""
        if not self.sent.start_char <= offset < self.sent.end_char:
            return False
        tok = next((t for t in self.sent if t.idx == offset), None)
        return tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("towards", "toward", "into")

    def _headings(self, before: int) -> list[tuple[int, Place, str]]:
        """"Mangina." or "Beni and Butembo." opening a paragraph: a situation report's heading, naming the
        places the paragraph after it is about."""
        out = []
        text = self.doc.text
        for m in _HEADING.finditer(text, 0, before):
            for name in re.finditer(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)*", m.group(1)):
                at = m.start(1) + name.start()
                tok = next((t for t in self.doc if t.idx == at), None)
                if tok is not None and tok.pos_ == "PROPN" and not _is_actor_name(name.group()):
                    out.append((at, Place(text=name.group()), "town"))
        return out

    def places(self, tok: Token | None) -> list[PlaceRef]:
        """The places the phrase headed by tok names; [] when it names none."""
        if tok is None:
            return []
        found = self._places(tok)
        for child in tok.children:  # "Beni and Butembo"
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
                found += [r for r in self._places(child) if r not in found]
        return found

    def _places(self, tok: Token) -> list[PlaceRef]:
        # a phrase can lead back to itself ("took 40% of it": the share, its object "it", the pronoun's
        # antecedent the share again): a token already being resolved names nothing more
        if tok.i in self._resolving:
            return []
        self._resolving.add(tok.i)
        try:
            return self._places_of(tok)
        finally:
            self._resolving.discard(tok.i)

    def _places_of(self, tok: Token) -> list[PlaceRef]:
        w = self.words
        low = tok.lower_
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ in ("relcl", "acl") or low == "which":
            return self._places(tok.head.head) if tok.head.head.i != tok.head.i else []
        if low in ("it", "its"):
            return self._pronoun(tok)
        share = _share(tok, w)
        if share is not None:
            inner = _of_object(tok)
            # "85% of the city" with no city named before: the claim keeps the words, unresolved
            found = self.places(inner) or [PlaceRef(Place(text=inner.doc[inner.left_edge.i:inner.i + 1].text), None)]
            return [PlaceRef(r.place, r.level, share=share[0], extent=share[1], whole=share[0] is None
                             and share[1] is None) for r in found]
        lemma = tok.lemma_.lower()
        if low in w["parts"] or lemma in w["parts"]:
            inner = _of_object(tok) or next((c for c in tok.children if c.dep_ == "compound"), None)
            return [PlaceRef(r.place, r.level, extent="part") for r in self.places(inner)]
        covering = _covering(self.toponyms, tok)
        level_word = _level_word(tok, w)
        if covering is not None:
            # "Gezira state" resolved as one name: its last word still says its level
            last = self.doc.text[covering.start:covering.end].split()[-1].lower()
            level = level_word or _head_level(tok, w) or (w["levels"].get(last) if " " in covering.place.text else None)
            return [PlaceRef(covering.place, level, whole=_says_whole(tok, w))]
        if low in w["levels"] and tok.pos_ == "NOUN":  # "Gezira state", "Lubero territory" unresolved
            name = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if name:
                text = " ".join(t.text for t in _name_tokens(name[-1]))
                if not _is_actor_name(text):
                    return [PlaceRef(Place(text=text), w["levels"][low], whole=_says_whole(tok, w))]
        if low in w["place_nouns"] and tok.pos_ == "NOUN":
            return self._place_noun(tok, w)
        # a name the tagger took for a common noun ("recaptured Sake", sake as in "for the sake of")
        capitalised = tok.pos_ == "NOUN" and tok.is_title and tok.i != self.sent.start and not tok.nbor(-1).is_punct
        if (tok.pos_ == "PROPN" or capitalised) and tok.ent_type_ not in ("DATE", "NORP", "TIME"):
            names = _name_tokens(tok)
            text = " ".join(t.text for t in names)
            if _is_actor_name(text) or generic_actor_types().get(tok.lemma_.lower()):
                return []
            return [PlaceRef(Place(text=text), level_word or _head_level(tok, w))]
        return []

    def _pronoun(self, tok: Token) -> list[PlaceRef]:
        """"it": the last thing the sentence named before it, when that is a place ("seized Lubero ... took
        it back"; not "lost ground and won it back"); a sentence that named nothing points to the last place."""
        for prev in reversed(self.doc[self.sent.start:tok.i]):
            # never the phrase "it" is part of ("parts of it"): that is no antecedent, and no end to the search
            if prev.dep_ in ("dobj", "pobj", "nsubjpass", "appos", "attr") and prev.pos_ in ("NOUN", "PROPN") \
                    and prev.ent_type_ not in ("DATE", "TIME", "CARDINAL") and \
                    not prev.left_edge.i <= tok.i <= prev.right_edge.i:
                return self._places(prev)
        return [PlaceRef(p, None) for p in self.recent(tok.idx, None)]

    def _place_noun(self, tok: Token, w: dict) -> list[PlaceRef]:
        """"the town of Lubero", "Lubero town", "Kirumba, a market town", "the town", "both cities"."""
        level = w["place_nouns"][tok.lower_]
        whole = _says_whole(tok, w)
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "nmod") and child.pos_ == "PROPN":
                return [PlaceRef(r.place, r.level or level, whole=whole) for r in self._places(child)]
        inner = _of_object(tok)
        if inner is not None and inner.pos_ == "PROPN":
            return [PlaceRef(r.place, level, whole=whole) for r in self._places(inner)]
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            return [PlaceRef(r.place, r.level or level, whole=whole) for r in self._places(tok.head)]
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod", "amod", "poss")}
        if dets & {"both", "two"}:
            return [PlaceRef(p, level) for p in self.recent(self.sent.start_char, level, n=2)]
        # "the town", "the provincial capital", and "town" in "the town centre"
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "no", "every") for c in tok.children)
        if (definite or tok.dep_ == "compound") and tok.tag_ in ("NN", "NNP"):
            return [PlaceRef(p, level, whole=whole) for p in self.recent(tok.idx, level)]
        return []


def _of_object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _level_word(tok: Token, w: dict) -> str | None:
    """"Lubero territory": the name is a compound of the level noun."""
    if tok.dep_ in ("compound", "nmod") and tok.head.lower_ in w["levels"]:
        return w["levels"][tok.head.lower_]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in w["levels"] and nxt.pos_ == "NOUN":
        return w["levels"][nxt.lower_]
    return None


def _head_level(tok: Token, w: dict) -> str | None:
    """"the town of Lubero": the place noun the name is the object of."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in w["place_nouns"]:
        return w["place_nouns"][tok.head.head.lower_]
    return None


def _says_whole(tok: Token, w: dict) -> bool:
    return any(c.lower_ in w["whole"] for c in tok.children if c.dep_ in ("amod", "det", "predet"))


def _share(tok: Token, w: dict) -> tuple[float | None, str | None] | None:
    """(share, extent) when the phrase is an amount of a place: "60% of", "two thirds of", "most of",
    "the whole of"; None when it is not."""
    if _of_object(tok) is None:
        return None
    low = tok.lower_
    if low in ("%", "percent", "per cent") or tok.lemma_.lower() == "percent":
        number = next((c for c in tok.children if c.dep_ == "nummod" and c.like_num), None)
        try:
            return (round(float(number.text) / 100, 4), None) if number is not None else None
        except ValueError:
            return None
    if low in w["fractions"]:
        counts = [w["fraction_counts"].get(c.lower_) for c in tok.children if c.dep_ in ("nummod", "det")]
        count = next((c for c in counts if c), 1)
        return round(count / w["fractions"][low], 4), None
    if low in w["most"] or tok.lemma_.lower() in w["most"]:
        return None, "most"
    if low in w["whole"]:
        return None, None
    return None


# -- who -------------------------------------------------------------------------------------------------

def _canonical_names() -> set[str]:
    return {e.name for e in actor_aliases()[1].values()}


def national_forces(country: str | None) -> str | None:
    """The canonical name of a country's armed forces in actors.tsv: its "Military Forces of ..." entry,
    else the state actor one of whose aliases is an army ("Sudanese army")."""
    if not country:
        return None
    entries = {e.name: e for e in actor_aliases()[1].values() if e.type == "state" and e.country == country}
    named = [n for n in entries if n.startswith("Military Forces of") or "Armed Forces" in n]
    if named:
        return named[0]
    armies = [e.name for alias, e in actor_aliases()[1].items()
              if e.name in entries and alias.endswith((" army", " military"))]
    return armies[0] if armies else None


def controller(tok: Token | None, resolver: ActorResolver, sent: SpacySpan, place_country: str | None
               ) -> str | None:
    """The canonical name of who the phrase says holds a place: a listed actor as listed; the army, troops
    or government of the place's country as that country's forces; "the rebels" as the rebel group the
    article names (in this sentence first); "Wazalendo fighters" as Wazalendo."""
    if tok is None:
        return None
    actor = resolver.actor(tok, "agent")
    if actor is None or (actor.type is not None and actor.type not in _ARMED):
        return None
    if actor.name in _canonical_names():
        return actor.name
    if actor.type == "state":
        return national_forces(actor.country_code or place_country) or actor.name
    if actor.type in _ARMED:
        proper = _proper_part(actor.name)
        if proper:
            return proper
        return _named_group(sent, resolver) or actor.name
    return actor.name


def _proper_part(name: str) -> str | None:
    """"Wazalendo fighters" -> "Wazalendo": a name whose last words are generic actor nouns."""
    kinds = generic_actor_types()
    words = name.split()
    while words and (words[-1].lower().rstrip("s") in kinds or words[-1].lower() in kinds
                     or words[-1].lower() in ("militiamen", "men", "units")):
        words.pop()
    return " ".join(words) if words and words[0][:1].isupper() and len(words) < len(name.split()) else None


def _named_group(sent: SpacySpan, resolver: ActorResolver) -> str | None:
    """The armed group the sentence names, else the last one the article named before it."""
    pattern, by_alias = actor_aliases()

    def groups(text: str) -> list[str]:
        return [entry.name for m in pattern.finditer(text)
                if (entry := by_alias.get(m.group(1).lower())) is not None and entry.type in _GROUPS
                and (len(m.group(1)) > 3 or m.group(1).isupper())]

    here = groups(sent.text)
    if here:
        return here[0]
    before = groups(sent.doc.text[:sent.start_char])
    return before[-1] if before else None


# -- when ------------------------------------------------------------------------------------------------

@dataclass
class ClauseDates:
    on: EventDate | None = None  # the day (or week, month) the clause describes
    since: str | None = None
    until: str | None = None


def clause_dates(verb: Token, published: str | None) -> ClauseDates:
    """The dates in the verb's own clause (not in clauses embedded in it): "on Wednesday", "since 25 March",
    "from 21 January to 27 February"; a clause with none takes its governing clause's ("..., and the M23 is
    again in control" takes the day of the first half)."""
    out = ClauseDates()
    for ent in _own_dates(verb):
        prep = ent.root.head.lower_ if ent.root.dep_ == "pobj" else None
        text = ent.text
        if " to " in text or " until " in text:  # "21 January to 27 February" as one entity
            first, _, last = text.replace(" until ", " to ").partition(" to ")
            out.since = out.since or resolve_date(first, published).start
            out.until = out.until or resolve_date(last, published).start
            continue
        resolved = resolve_date(text, published)
        if prep in ("since", "from"):
            out.since = out.since or (resolved.start if resolved.precision == "day" else None)
        elif prep in ("to", "until", "till"):
            out.until = out.until or (resolved.start if resolved.precision == "day" else None)
        elif out.on is None and resolved.start is not None:
            out.on = resolved
    # "..., and the M23 is again in control", "..., leaving the town to the M23": the same day as the clause
    # they continue; an "after"/"before" clause is another time
    shares_time = verb.dep_ == "conj" or (verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children))
    if out.on is None and out.since is None and shares_time and verb.head.i != verb.i:
        out.on = clause_dates(verb.head, published).on
    return out


def _own_dates(verb: Token):
    doc = verb.doc
    inside = own_tokens(verb)
    seen = set()
    for tok in sorted(inside, key=lambda t: t.i):
        if tok.ent_type_ == "DATE" and tok.i not in seen:
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and looks_like_date(ent.text):
                seen.update(range(ent.start, ent.end))
                yield ent
