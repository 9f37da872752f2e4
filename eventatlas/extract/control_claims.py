"""Control claims: who holds a place, or how its control changed, in whatever voice the text says it.

    "The M23 seized Lubero on Wednesday"            took, held by M23 since that day
    "Lubero fell to the M23" / "was retaken by the army"
    "The army withdrew its garrison from Mangina"   withdrew, no taker named: contested
    "... leaving the whole town in the hands of the M23"   withdrew, held by M23
    "The garrison surrendered to M23 rebels"        surrendered, held by M23
    "The militia handed Oicha over to the army"     handed, held by the army
    "The army still holds Beni", "Sake remains in M23's hands", "the army-held town of Lubero",
    "85% of Sake is controlled by the M23", "two thirds of Lubero territory", "Most of North Kivu is under
    M23 control", "its stronghold of Kanyabayonga"  held (a share or extent where the text gives one)
    "It was not clear who was in control of the town", "no force holding it"     contested

Each claim is a records.Claim of kind "control" whose `control` (records.ControlStatement) says what the
sentence says; the control stage (eventatlas/control/) turns the claims of all stored articles into
periods. Only what happened counts: plans, attempts and denied reports ("an attempt to retake Lubero") are
not claims. The words are data (extract/data/control_words.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Span as SpacySpan, Token

from eventatlas.extract.actors import ActorResolver
from eventatlas.extract.control_places import ClauseDates, PlaceFinder, PlaceRef, clause_dates, controller
from eventatlas.extract.control_syntax import (
    agent, child, has_word, in_full, is_hands, is_passive, owner, own_tokens, prep_object, subject,
)
from eventatlas.extract.lexicon import control_words
from eventatlas.extract.modality import status_of
from eventatlas.records import Attribution, Claim, ControlStatement, Span

@dataclass
class _Reading:
    head: Token            # the word the claim hangs on (its verb, or the noun of "in X's hands")
    places: list[PlaceRef]
    controller: str | None
    status: str = "held"
    change: str | None = None
    previous: str | None = None
    persists: bool = False
    dates: ClauseDates = field(default_factory=ClauseDates)


def find_control_claims(claim_id: Callable[[], str], sent: SpacySpan, toponyms,
                        attribution: Callable[[Token | None], Attribution | None], resolver: ActorResolver,
                        published: str | None) -> list[Claim]:
    reader = _SentenceReader(sent, toponyms, resolver, published)
    # naming who holds a place must not change whom the event rules' "the group" or "they" find later
    known = len(resolver.history)
    try:
        readings = reader.read()
    finally:
        del resolver.history[known:]
    evidence = Span(text=sent.text, start=sent.start_char, end=sent.end_char)
    out = []
    for r in readings:
        for ref in r.places:
            since = r.dates.since
            if since is None and r.change and r.dates.on is not None and r.dates.on.precision == "day":
                since = r.dates.on.start
            statement = ControlStatement(
                status=r.status, change=r.change, previous=r.previous, since=since, until=r.dates.until,
                level=ref.level, extent=ref.extent, persists=r.persists)
            out.append(Claim(id=claim_id(), kind="control", subject=r.controller if r.status == "held" else None,
                             location=ref.place, quantity=None, share=ref.share, date=r.dates.on,
                             attribution=attribution(r.head), evidence=evidence, control=statement))
    return out


class _SentenceReader:
    def __init__(self, sent: SpacySpan, toponyms, resolver: ActorResolver, published: str | None):
        self.sent = sent
        self.words = control_words()
        self.finder = PlaceFinder(sent, toponyms)
        self.resolver = resolver
        self.published = published
        self.nobody = [re.compile(p, re.I) for p in self.words["nobody_patterns"]]

    def read(self) -> list[_Reading]:
        readings: list[_Reading] = []
        for tok in self.sent:
            for reader in (self._verb, self._misread, self._hands, self._held_adjective, self._base):
                found = reader(tok)
                if found is not None and found.places:
                    readings.append(found)
                    break
        readings += self._nobody(readings)
        readings = _merge(readings)
        for r in readings:
            for ref in r.places:
                self.finder.remember(r.head, ref)
        return [r for r in readings if r.places and (r.controller or r.status == "contested")]

    # -- who, where, whether ------------------------------------------------------------------------------

    def _who(self, tok: Token | None, places: list[PlaceRef]) -> str | None:
        country = next((r.place.country_code for r in places if r.place.country_code), None)
        if country is None:
            country = next((t.place.country_code for t in self.finder.toponyms if t.place.country_code), None)
        return controller(tok, self.resolver, self.sent, country)

    def _happened(self, verb: Token) -> bool:
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
            return False  # "to retake Kayna", "an attempt to retake": not done
        return status_of(verb) == "occurred"

    def _dates(self, verb: Token) -> ClauseDates:
        return clause_dates(verb, self.published)

    # -- readers ------------------------------------------------------------------------------------------

    def _verb(self, tok: Token) -> _Reading | None:
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        w = self.words
        lemma = tok.lemma_.lower()
        particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")}
        obj = child(tok, "dobj")
        if obj is not None and obj.lemma_.lower() in w["take_control_nouns"]:
            inner = prep_object(obj, "of")
            if lemma == "lose":
                return self._leave(tok, self.finder.places(inner))
            if inner is not None:
                return self._take(tok, self.finder.places(inner))
        if lemma in w["take"] or particles & set(w["take_particles"].get(lemma, ())):
            return self._take(tok, self._object_places(tok))
        if lemma in w["fall_to"] and prep_object(tok, "to") is not None:
            places = self.finder.places(subject(tok))
            return self._changed(tok, places, self._who(prep_object(tok, "to"), places), "took")
        if lemma in w["leave"] or particles & set(w["leave_particles"].get(lemma, ())):
            return self._leave(tok, self._left_places(tok))
        if lemma in w["surrender"]:
            return self._surrender(tok)
        handing = lemma in ("cede", "transfer") or particles & set(w["hand_particles"].get(lemma, ()))
        if lemma in w["hand"] and handing:
            places = self.finder.places(obj)
            taker = prep_object(tok, "to")
            if taker is None:
                return self._leave(tok, places)
            reading = self._changed(tok, places, self._who(taker, places), "handed")
            if reading is not None:
                reading.previous = self._who(subject(tok), places)
            return reading
        if lemma in w["hold"]:
            return self._hold(tok)
        return None

    def _misread(self, tok: Token) -> _Reading | None:
        """"The M23 retook Lubero town on 15 April" with "retook" tagged a name, a compound of "Lubero":
        the taker hangs on the verb, the verb on the place, the day on the place's phrase."""
        if tok.lower_ not in self.words["misread"] or tok.pos_ in ("VERB", "AUX") or tok.dep_ != "compound":
            return None
        if tok.i > 0 and tok.nbor(-1).tag_ == "TO":
            return None
        places = self.finder.places(tok.head)
        taker = next((self._who(c, places) for c in tok.children if c.dep_ in ("nsubj", "compound")
                      and self._who(c, places)), None) or self._left_actor(tok, places)
        anchor = tok.head
        while anchor.dep_ == "compound" and anchor.head.i != anchor.i:
            anchor = anchor.head
        if not places or taker is None:
            return None
        return _Reading(tok, places, taker, change="took", dates=self._dates(anchor))

    def _left_actor(self, tok: Token, places: list[PlaceRef]) -> str | None:
        """The actor named just before the misread verb, within its clause ("The Sudanese army retook")."""
        for prev in reversed(self.sent.doc[self.sent.start:tok.i]):
            if prev.pos_ in ("VERB", "AUX") or (prev.is_punct and prev.text != "-"):
                return None
            if prev.pos_ in ("NOUN", "PROPN") and (who := self._who(prev, places)):
                return who
        return None

    def _object_places(self, verb: Token) -> list[PlaceRef]:
        if verb.tag_ == "VBN" and child(verb, "dobj") is None and child(verb, "nsubjpass") is None:
            # "Lubero town, taken on 21 January": the participle describes the noun, or the head's object
            if verb.dep_ == "acl":
                return self.finder.places(verb.head)
            if verb.dep_ == "advcl":
                return self.finder.places(child(verb.head, "dobj"))
        if is_passive(verb):
            return self.finder.places(child(verb, "nsubjpass"))
        return self.finder.places(child(verb, "dobj"))

    def _take(self, verb: Token, places: list[PlaceRef]) -> _Reading | None:
        taker = agent(verb) if is_passive(verb) else subject(verb)
        reading = self._changed(verb, places, self._who(taker, places), "took", need_taker=False)
        if reading is not None:
            giver = prep_object(verb, "from")  # "took over Oicha from Wazalendo fighters"
            reading.previous = self._held_by(verb) or (self._who(giver, places) if giver is not None else None)
        return reading

    def _changed(self, verb: Token, places: list[PlaceRef], taker: str | None, change: str,
                 need_taker: bool = True) -> _Reading | None:
        if places and status_of(verb) == "denied":
            return self._disputed(verb, places)
        if not places or (need_taker and taker is None) or not self._happened(verb):
            return None
        return _Reading(verb, places, taker, change=change, dates=self._dates(verb))

    def _disputed(self, verb: Token, places: list[PlaceRef]) -> _Reading | None:
        """"The army's announcement on 9 March that it had recaptured Sake was not borne out": a reported
        change that a source denies leaves the place in dispute on the day the change was claimed for.
        Without such a day there is nothing to place it on."""
        dates = self._dates(verb)
        if dates.on is None and verb.dep_ in ("acl", "ccomp") and verb.head.pos_ == "NOUN":
            dates = self._dates(verb.head)
        if dates.on is None or dates.on.precision != "day":
            return None
        return _Reading(verb, places, None, status="contested", dates=dates)

    def _leave(self, verb: Token, places: list[PlaceRef]) -> _Reading | None:
        leaver = self._who(subject(verb), places)
        if not places or leaver is None or not self._happened(verb):
            return None
        if any(is_hands(c) for c in own_tokens(verb)):
            return None  # "leaving the town in the hands of the M23": read by _hands
        return _Reading(verb, places, None, status="contested", change="withdrew", previous=leaver,
                        dates=self._dates(verb))

    def _left_places(self, verb: Token) -> list[PlaceRef]:
        """"withdrew from Mangina", "pulled out of Kayna", "left Lubero"; "since the army left" leaves the
        place of the clause it qualifies ("Mangina has had no garrison since the army left")."""
        for holder in [verb, *[c for c in verb.children if c.dep_ in ("advmod", "prt")]]:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "out"):
                    inner = child(prep, "pobj") or prep_object(prep, "of")
                    found = self.finder.places(inner)
                    if found:
                        return found
        found = self.finder.places(child(verb, "dobj"))
        if found or verb.dep_ != "advcl":
            return found
        head = verb.head
        return self.finder.places(subject(head)) or self.finder.places(prep_object(head, "in"))

    def _surrender(self, verb: Token) -> _Reading | None:
        giver = subject(verb)
        places = self.finder.places(child(verb, "dobj")) or self.finder.places(prep_object(verb, "in"))
        if not places and giver is not None:
            for c in giver.children:  # "soldiers defending the town of Kirumba", "the garrison of Kirumba"
                if c.dep_ == "acl":
                    places = self.finder.places(child(c, "dobj"))
                elif c.dep_ == "prep" and c.lower_ in ("of", "in"):
                    places = self.finder.places(child(c, "pobj"))
                if places:
                    break
        reading = self._changed(verb, places, self._who(prep_object(verb, "to"), places), "surrendered")
        if reading is not None:
            reading.previous = self._who(giver, places)
        return reading

    def _hold(self, verb: Token) -> _Reading | None:
        if verb.dep_ == "amod":
            return None  # "the army-held town": _held_adjective
        passive = is_passive(verb)
        places = self.finder.places(child(verb, "nsubjpass") if passive else child(verb, "dobj"))
        if not places and passive and verb.dep_ == "acl":
            places = self.finder.places(verb.head)  # "Sake, held by the M23 since last year"
        holder = self._who(agent(verb) if passive else subject(verb), places)
        if not places or holder is None or not self._happened(verb):
            return None
        dates = self._dates(verb)
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        past = verb.tag_ == "VBD" or "had" in auxes or (verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl"))
        if past and not (dates.since or dates.until):
            return None  # "had held it for five weeks": an earlier state with no dates to place it
        whole = in_full(verb)
        if whole:
            places = [PlaceRef(r.place, r.level, r.share, r.extent, whole=True) for r in places]
        return _Reading(verb, places + self._as_does(verb), holder, persists=self._persists(verb), dates=dates)

    def _hands(self, tok: Token) -> _Reading | None:
        """"in M23's hands", "in the hands of the M23", "under M23 control", "in full control of Sake"."""
        if not is_hands(tok):
            return None
        prep, governor = tok.head, tok.head.head
        place_of = prep_object(tok, "of") if tok.lemma_.lower() in ("control", "charge") else None
        holder = owner(tok) if place_of is None else subject(governor) if governor.pos_ in ("VERB", "AUX") else None
        if governor.pos_ in ("VERB", "AUX") and not self._state_governor(governor, place_of):
            # "brings the rebels within 50 km of the largest city still in government hands": the phrase
            # qualifies the noun before it, whatever the parse hung it on
            governor = next((t for t in reversed(self.sent.doc[self.sent.start:prep.i])
                             if t.pos_ in ("NOUN", "PROPN")), governor)
        if governor.pos_ in ("VERB", "AUX"):
            lemma = governor.lemma_.lower()
            if place_of is not None:
                places = self.finder.places(place_of)
            elif lemma == "leave":
                places = self.finder.places(child(governor, "dobj"))
            else:
                places = self.finder.places(subject(governor)) + self._as_does(governor)
            if not places or not self._happened(governor):
                return None
            persists = self._persists(governor) or has_word(prep, self.words["persist"])
            reading = _Reading(tok, places, self._who(holder, places), persists=persists, dates=self._dates(governor))
            again = {c.lower_ for c in governor.children if c.dep_ == "advmod"} & set(self.words["again"])
            if lemma == "leave":
                reading.change = "withdrew"
                reading.previous = self._who(subject(governor.head if governor.dep_ == "advcl" else governor), places)
            elif lemma in ("fall", "come", "pass", "return") or again:
                reading.change = "took"
            return reading
        places = self.finder.places(governor)  # "Butembo, the largest city still in government hands"
        who = self._who(holder, places)
        return _Reading(tok, places, who, persists=has_word(prep, self.words["persist"]))

    def _state_governor(self, verb: Token, place_of: Token | None) -> bool:
        """A verb that puts its subject (or "control of X") in someone's hands: remain, be, fall, leave."""
        return place_of is not None or verb.lemma_.lower() in self.words["state_verbs"] or bool(
            {c.lower_ for c in verb.children if c.dep_ == "advmod"} & set(self.words["again"]))

    def _held_adjective(self, tok: Token) -> _Reading | None:
        """"the army-held town of Kirumba": the army held it, at some time the sentence does not date."""
        if tok.dep_ != "amod" or tok.lemma_.lower() not in self.words["hold"] or tok.tag_ != "VBN":
            return None
        holder_word = next((c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod")), None)
        places = self.finder.places(tok.head)
        who = self._who(holder_word, places)
        return _Reading(tok, places, who) if who else None

    def _held_by(self, verb: Token) -> str | None:
        obj = child(verb, "nsubjpass") if is_passive(verb) else child(verb, "dobj")
        if obj is None:
            return None
        for c in obj.children:
            if c.dep_ == "amod" and c.lemma_.lower() in self.words["hold"]:
                holder_word = next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")), None)
                return self._who(holder_word, [])
        return None

    def _base(self, tok: Token) -> _Reading | None:
        """"its stronghold of Kanyabayonga", "Kanyabayonga, the M23's main base", "remains the M23's base"."""
        if tok.lemma_.lower() not in self.words["base_nouns"] or tok.pos_ != "NOUN":
            return None
        holder_word = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder_word is None:
            return None
        if tok.dep_ == "attr" and tok.head.lemma_.lower() in self.words["state_verbs"]:
            places = self.finder.places(subject(tok.head))
            persists = self._persists(tok.head)
        else:
            places = self.finder.places(prep_object(tok, "of")) or (
                self.finder.places(tok.head) if tok.dep_ == "appos" else [])
            persists = False
        return _Reading(tok, places, self._who(holder_word, places), persists=persists)

    def _nobody(self, found: list[_Reading]) -> list[_Reading]:
        """"It was not clear who was in control of the town", "no force holding it": nobody settled holds
        the place the sentence is about."""
        if not any(p.search(self.sent.text) for p in self.nobody):
            return []
        root = self.sent.root
        places = (self._control_of() or self.finder.places(subject(root)) or self._first_place()
                  or [PlaceRef(p, None) for p in self.finder.recent(self.sent.start_char, "town")])
        if not places or not self._happened_nobody(root):
            return []
        return [_Reading(root, places, None, status="contested", dates=self._dates(root))]

    def _happened_nobody(self, root: Token) -> bool:
        return not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might") for c in root.children)

    def _control_of(self) -> list[PlaceRef]:
        for tok in self.sent:
            if tok.lemma_.lower() == "control" and tok.pos_ == "NOUN":
                found = self.finder.places(prep_object(tok, "of"))
                if found:
                    return found
        return []

    def _first_place(self) -> list[PlaceRef]:
        for tok in self.sent:
            if tok.pos_ == "PROPN":
                found = self.finder.places(tok)
                if found:
                    return found[:1]
        return []

    def _persists(self, verb: Token) -> bool:
        persist = set(self.words["persist"])
        return verb.lemma_.lower() in persist or has_word(verb, persist) or (
            verb.dep_ == "xcomp" and verb.head.lemma_.lower() in persist)

    def _as_does(self, verb: Token) -> list[PlaceRef]:
        """"Kanyabayonga remains in M23's hands, as does Lubero"."""
        out: list[PlaceRef] = []
        for c in verb.children:
            if c.dep_ == "advcl" and c.lemma_ == "do" and any(m.lower_ == "as" for m in c.children):
                out += self.finder.places(subject(c))
        return out


def _merge(readings: list[_Reading]) -> list[_Reading]:
    """One sentence's readings of one place, made consistent: a withdrawal in the sentence that names the
    taker is the taker's change ("took Lubero after the army withdrew"); a change that names no taker takes
    the holder the sentence names ("holds Lubero town, taken on 21 January")."""
    def names(r: _Reading) -> set[str]:
        return {(p.place.name or p.place.text).lower() for p in r.places}

    takes = [r for r in readings if r.change and r.status == "held" and r.controller]
    out = []
    for r in readings:
        if r.change == "withdrew" and r.status == "contested":
            taker = next((t for t in takes if names(t) & names(r)), None)
            if taker is not None:
                taker.previous = taker.previous or r.previous
                continue
        if r.change is None and any(t.previous == r.controller and names(t) & names(r) for t in takes):
            continue  # "seized the army-held town": the army is the change's previous holder already
        if r.controller is None and r.status == "held":
            holder = next((h for h in readings if h is not r and h.controller and names(h) & names(r)), None)
            if holder is None:
                continue
            r.controller = holder.controller
        out.append(r)
    return out
