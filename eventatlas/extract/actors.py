"""Actors: the noun phrase in an agent or target slot, named canonically, typed in ACLED's sense, given a
country, and followed through the article so that "the group" or "they" find the actor named before."""

from __future__ import annotations

from spacy.tokens import Token

from eventatlas.extract.lexicon import actor_aliases, generic_actor_types, words
from eventatlas.records import Actor

_PRONOUNS = words("pronouns")
_KEEP_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "case", "nmod", "npadvmod", "advmod"}
_STATE_TYPES = {"state"}
# "the town of Kyaukme", "the Syrian city": a place in an actor slot is where, not who
_PLACE_HEADS = words("place_heads")
_REFLEXIVE = words("reflexive")
_NOT_NAME_WORDS = words("not_name_words")
_NAME_PREPS = words("name_preps")
_DEFINITE = words("definite") - {"its"}


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
        if c.dep_ == "prep" and c.lower_ in _NAME_PREPS:
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

    def actor(self, head: Token, role: str, exclude: frozenset[str] = frozenset()) -> Actor | None:
        """The actor the noun phrase headed by `head` names; `exclude`: names a pronoun cannot stand for
        (the agent of the clause whose target it is: in "police detained 23 of them", them is not police)."""
        if head.lower_ in _REFLEXIVE:
            return None  # "blew himself up": the bomber is not his own target
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.pos_ in ("NOUN", "PROPN"):
            return self._relative(head, role)
        if head.lower_ in _PRONOUNS or head.pos_ == "PRON":
            return self._pronoun(head, role, exclude)
        owned = self._owned(head, role, exclude)
        if owned is not None:
            return owned
        start, end = phrase_bounds(head)
        text = head.doc[start:end].text.strip(" ,")
        if not text or head.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X"):
            return None
        actor, new = self._named(head, role, start, end, text)
        if actor is not None and new:
            self.history.append(actor)
        return actor

    def _relative(self, head: Token, role: str) -> Actor | None:
        """'Fano, which seized the town', 'the minister, who leads the talks': the noun the clause is on; in
        'an official in Goma, who asked ...', the official, not the town."""
        noun = head.head.head
        if noun.ent_type_ in ("GPE", "LOC", "FAC") and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
        return self._renamed(self.actor(noun, role), head)

    def _pronoun(self, head: Token, role: str, exclude: frozenset[str]) -> Actor | None:
        speaker = _reporting_subject(head)
        if speaker is not None and head.lower_ in ("it", "they", "we", "its", "their", "our"):
            # "The army said it had retaken the town": it is the army
            found = self.actor(speaker, role)
            if found is not None and found.type is not None:
                return self._renamed(found, head)
        kinds = None if head.lower_ != "it" else {"state", "rebel", "external"}
        return self._antecedent(head, role, kinds=kinds, exclude=exclude)

    def _owned(self, head: Token, role: str, exclude: frozenset[str]) -> Actor | None:
        """'its fighters', 'their troops': the group the pronoun stands for, of the fighters' kind."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        kind = generic_actor_types().get(head.lemma_.lower())
        if owner is None or kind is None or kind in ("civilians", "protesters"):
            return None
        speaker = _reporting_subject(owner)
        found = self.actor(speaker, role) if speaker is not None else self._antecedent(
            owner, role, kinds={kind}, exclude=exclude)
        return self._renamed(found, head) if found is not None and found.type is not None else None

    def _named(self, head: Token, role: str, start: int, end: int, text: str) -> tuple[Actor | None, bool]:
        """The actor a noun phrase names, and whether it is one not met before: from the actor table, a kind
        of actor ("the militants" may point back to the group named before), a nationality acting, or a named
        body."""
        doc = head.doc
        best = _best_alias(text)
        kinds = generic_actor_types()
        generic = kinds.get(head.lemma_.lower())
        if generic is None and head.pos_ == "NOUN":
            # "rebel leaders", "army officers": the modifier says what kind of actor the head is
            generic = next((kinds[c.lemma_.lower()] for c in head.lefts
                            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in kinds), None)
        country = _country_of(doc, start, end, self.country_of_name)
        if best is not None:
            entry = actor_aliases()[1][best.lower()]
            return Actor(role=role, text=text, name=entry.name, type=entry.type,
                         country_code=entry.country or country), True
        if generic is not None:
            definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)
            # "the militants" points back; "the Congolese government" says whose
            if definite and country is None and generic not in ("civilians", "protesters"):
                found = self._antecedent(head, role, kinds={generic}, surface=text)
                if found is not None:
                    return found, False
            return Actor(role=role, text=text, name=_generic_name(doc, start, end, head, country), type=generic,
                         country_code=country), True
        if head.ent_type_ == "NORP" and end - start == 1 and (forces := _forces_of(head.text)) is not None:
            # "Israeli strikes": a bare nationality acting is that state's forces
            return Actor(role=role, text=text, name=forces.name, type=forces.type, country_code=forces.country), True
        if head.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or head.pos_ == "PROPN":
            return Actor(role=role, text=text, name=text.removeprefix("the ").strip(),
                         type="state" if head.ent_type_ == "GPE" else None, country_code=country), True
        if head.pos_ == "NOUN" and head.lemma_.lower() not in _PLACE_HEADS and (country is not None or any(
                (t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "FAC")) or t.ent_type_ in ("ORG", "NORP")
                for t in doc[start:end] if t.i != head.i)):
            # "Norwegian nurses", "the OPEC secretariat", "leaders of the Renewal alliance": a named or national
            # body whose kind the dictionary does not know
            return Actor(role=role, text=text, name=_generic_name(doc, start, end, head, country), type=None,
                         country_code=country), True
        return None, False

    @staticmethod
    def _renamed(found: Actor | None, head: Token) -> Actor | None:
        if found is None:
            return None
        start, end = phrase_bounds(head)
        return Actor(role=found.role, text=head.doc[start:end].text.strip(" ,") or head.text, name=found.name,
                     type=found.type, country_code=found.country_code)

    def _antecedent(self, head: Token, role: str, kinds: set[str] | None, surface: str | None = None,
                    exclude: frozenset[str] = frozenset()):
        for prev in reversed(self.history):
            if prev.type in ("civilians",) or prev.name in exclude:
                continue
            if kinds is None or prev.type in kinds or (kinds & {"rebel"} and prev.type in
                                                         ("rebel", "political_militia", "identity_militia")):
                return Actor(role=role, text=surface or head.text, name=prev.name, type=prev.type,
                             country_code=prev.country_code)
        return None


_RELATIVE = {"who", "which", "that", "whom"}
_REPORTING = words("neutral_reporting") | {"announce", "declare", "warn", "vow", "threaten"}


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the reporting verb a pronoun's clause is reported by, when it names someone."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return None
    verb = pronoun.head if pronoun.dep_ != "poss" else pronoun.head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in _REPORTING:
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ != "PRON" else None


def _best_alias(text: str) -> str | None:
    """The longest alias of the actor table in the phrase ("Myanmar's military" is "Myanmar military" in the
    table; "People's Defence Force" is itself)."""
    pattern, _ = actor_aliases()
    best = None
    for variant in dict.fromkeys((text, text.replace("'s ", " ").replace("’s ", " "))):
        for m in pattern.finditer(variant):
            alias = m.group(1)
            if len(alias) <= 3 and not alias.isupper():
                continue  # "is", "un", "au" as words
            if best is None or len(alias) > len(best):
                best = alias
    return best


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
