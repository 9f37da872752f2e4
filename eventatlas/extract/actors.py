"""Actors: the noun phrase in an agent or target slot, named canonically, typed in ACLED's sense, given a
country, and followed through the article so that "the group" or "they" find the actor named before."""

from __future__ import annotations

from spacy.tokens import Token

from eventatlas.extract.lexicon import actor_aliases, generic_actor_types, word_list
from eventatlas.records import Actor

_PRONOUNS = {"they", "them", "it", "he", "she", "we"}
_KEEP_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "case", "nmod", "npadvmod", "advmod"}
_STATE_TYPES = {"state"}
# "the town of Kyaukme", "the Syrian city": a place in an actor slot is where, not who
_PLACE_HEADS = {"town", "city", "village", "district", "province", "region", "area", "state", "county", "camp",
                "neighbourhood", "neighborhood", "border", "capital", "suburb", "countryside", "outskirts", "port",
                "island", "valley", "territory", "country", "governorate", "locality", "base", "airport", "road"}
_REFLEXIVE = {"himself", "herself", "themselves", "itself", "oneself", "myself", "ourselves"}
_NOT_NAME_WORDS = {"some", "several", "many", "dozens", "hundreds", "thousands", "of", "at", "least", "up", "to",
                   "about", "around", "nearly", "almost", "more", "than", "an", "estimated", "over", "roughly"}


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`: modifiers on the left, 'of X' / 'for X' on the right."""
    start = head.i
    for c in head.lefts:
        if c.dep_ in _KEEP_DEPS or c.dep_ == "punct" and c.text == "-":
            start = min(start, c.left_edge.i)
    while start < head.i and head.doc[start].is_space:  # a blanked dateline is not part of the name
        start += 1
    end = head.i + 1
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "in", "loyal", "linked", "allied", "backed"):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            # "militias in South Kivu province": where they are is a place, not part of their name
            if pobj and c.lower_ == "in" and pobj[0].ent_type_ != "ORG":
                continue
            if pobj and (pobj[0].ent_type_ in ("ORG", "NORP", "GPE", "") or pobj[0].pos_ == "PROPN"):
                end = max(end, pobj[0].right_edge.i + 1)
        elif c.dep_ in ("compound", "appos") and c.i == end:
            end = c.right_edge.i + 1
    return start, end


def _country_of(doc, start: int, end: int, country_of_name) -> str | None:
    from eventatlas.geo import country_of_demonym
    for tok in doc[start:end]:
        code = country_of_demonym(tok.text)
        if code:
            return code
        if tok.ent_type_ == "GPE" and tok.pos_ == "PROPN":
            code = country_of_name(tok.text)
            if code:
                return code
    return None


def _no_countries(_name: str) -> str | None:
    return None


class ActorResolver:
    """Names actors within one article and remembers them for later references. country_of_name says
    which names are countries (the geocoder's country_code_of_name); without it only demonyms give one."""

    def __init__(self, country_of_name=_no_countries) -> None:
        self.history: list[Actor] = []
        self.country_of_name = country_of_name
        self.person: Actor | None = None  # the last one person named (an actor or a speaker): "he", "she"
        self._person_at = -1  # len(history) when it was named

    def note_speaker(self, head: Token) -> None:
        """A speaker ("Army spokesman Brigadier General X said"): "he" in a later sentence may be them."""
        if head.pos_ != "PRON" and _is_person(head):
            start, end = phrase_bounds(head)
            text = head.doc[start:end].text.strip(" ,")
            self.person, self._person_at = Actor(role="speaker", text=text, name=text.removeprefix("the "),
                                                 type=None, country_code=None), len(self.history)

    def actor(self, head: Token, role: str) -> Actor | None:
        doc = head.doc
        if head.lower_ in _REFLEXIVE:
            return None  # "blew himself up": the bomber is not his own target
        if head.lower_ in ("he", "she") and self.person is not None and not any(
                _is_person_name(a) for a in self.history[self._person_at:]):
            p = self.person
            return Actor(role=role, text=head.text, name=p.name, type=p.type, country_code=p.country_code)
        if head.lower_ in _PRONOUNS or head.pos_ == "PRON":
            return self._antecedent(head, role, kinds=None if head.lower_ != "it" else {"state", "rebel",
                                                                                           "external"})
        start, end = phrase_bounds(head)
        text = doc[start:end].text.strip(" ,")
        if not text or head.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X"):
            return None
        pattern, by_alias = actor_aliases()
        best = None
        # "Myanmar's military" is "Myanmar military" in the dictionary
        for m in pattern.finditer(text.replace("'s ", " ").replace("’s ", " ")):
            alias = m.group(1)
            if len(alias) <= 3 and not alias.isupper():
                continue  # "is", "un", "au" as words
            if best is None or len(alias) > len(best):
                best = alias
        kinds = generic_actor_types()
        generic = kinds.get(head.lemma_.lower())
        if generic is None and head.pos_ == "NOUN":
            # "rebel leaders", "army officers": the modifier says what kind of actor the head is
            generic = next((kinds[c.lemma_.lower()] for c in head.lefts
                            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in kinds), None)
        if best is not None:
            entry = by_alias[best.lower()]
            actor = Actor(role=role, text=text, name=entry.name, type=entry.type,
                          country_code=entry.country or _country_of(doc, start, end, self.country_of_name))
        elif generic is not None:
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                           for c in head.children)
            if definite and generic not in ("civilians", "protesters"):
                # "the ministry" is the ministry named before; "the Sudanese foreign ministry" only one
                # named a ministry too, not any state body
                own = head.lemma_.lower() if end - start > 2 else None
                found = self._antecedent(head, role, kinds={generic}, surface=text, head_word=own)
                if found is not None:
                    return found
            country = _country_of(doc, start, end, self.country_of_name)
            actor = Actor(role=role, text=text, name=_generic_name(doc, start, end, head, country),
                          type=generic, country_code=country)
        elif head.ent_type_ == "NORP" and end - start == 1 and (forces := _forces_of(head.text)) is not None:
            # "Israeli strikes": a bare nationality acting is that state's forces
            actor = Actor(role=role, text=text, name=forces.name, type=forces.type, country_code=forces.country)
        elif head.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or head.pos_ == "PROPN":
            country = _country_of(doc, start, end, self.country_of_name)
            kind = "state" if head.ent_type_ == "GPE" else None
            actor = Actor(role=role, text=text, name=text.removeprefix("the ").strip(), type=kind,
                          country_code=country)
        elif head.pos_ == "NOUN" and head.lemma_.lower() not in _PLACE_HEADS and (
                (country := _country_of(doc, start, end, self.country_of_name)) is not None or any(
                (t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "FAC")) or t.ent_type_ in ("ORG", "NORP")
                for t in doc[start:end] if t.i != head.i)):
            # "Swiss doctors", "the APEC forum", "leaders of the Azadliq coalition": a named or national
            # body whose kind the dictionary does not know
            actor = Actor(role=role, text=text, name=_generic_name(doc, start, end, head, country), type=None,
                          country_code=country)
        else:
            return None
        self.history.append(actor)
        if _is_person(head):
            self.person, self._person_at = actor, len(self.history)
        return actor

    def _antecedent(self, head: Token, role: str, kinds: set[str] | None, surface: str | None = None,
                    head_word: str | None = None):
        for prev in reversed(self.history):
            if prev.type in ("civilians",):
                continue
            if head_word is not None and head_word not in prev.name.lower():
                continue
            if kinds is None or prev.type in kinds or (kinds & {"rebel"} and prev.type in
                                                         ("rebel", "political_militia", "identity_militia")):
                return Actor(role=role, text=surface or head.text, name=prev.name, type=prev.type,
                             country_code=prev.country_code)
        return None


def _is_person(head: Token) -> bool:
    """A phrase naming one person: a PERSON name, or a title such as spokesman or governor."""
    start, end = phrase_bounds(head)
    return head.ent_type_ == "PERSON" or head.lemma_.lower() in word_list("person_titles.txt") or any(
        t.ent_type_ == "PERSON" for t in head.doc[start:end])


def _is_person_name(actor: Actor) -> bool:
    words = actor.name.lower().split()
    return bool(words) and words[-1] in word_list("person_titles.txt")


def _forces_of(demonym: str):
    _, by_alias = actor_aliases()
    return by_alias.get(f"{demonym.lower()} forces")


def _generic_name(doc, start: int, end: int, head: Token, country: str | None) -> str:
    # "Two suspected jihadist gunmen" -> "suspected jihadist gunmen": counts and articles are not names.
    words = [t.text for t in doc[start:end] if t.dep_ not in ("det", "nummod", "quantmod", "poss", "case")
             and not t.like_num and t.lower_ not in _NOT_NAME_WORDS]
    return " ".join(words) or head.text


def acled_actor_class(actor: Actor | None) -> str:
    if actor is None or actor.type is None:
        return "unknown"
    return "state" if actor.type in _STATE_TYPES else "nonstate"
