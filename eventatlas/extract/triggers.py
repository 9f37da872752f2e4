"""Event triggers and the clauses they head: one event per (trigger, clause).

A noun trigger that is the object or subject of a verb belongs to that verb's clause ("carried out an air
strike", "an air strike killed 12"); verbs joined by 'and' or a participle ("shelled the town, killing 12")
describing the same kind of event are one event."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from eventatlas.extract.lexicon import Trigger, triggers
from eventatlas.extract.timeline import temporal_complement

# Verbs that carry a noun trigger without adding an event of their own.
LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "hold", "mount", "sign", "reach", "announce", "impose",
               "deliver", "come", "be", "have", "begin", "start", "continue", "resume", "erupt", "break", "take",
               "make", "see", "witness", "organise", "organize", "join", "lead", "call", "target",
               "report", "claim", "unleash", "intensify", "step", "suffer", "face", "endure", "spark",
               "trigger", "end", "halt", "agree", "accept", "observe", "violate", "breach", "extend", "renew",
               "approve", "adopt", "broker", "strike", "send", "provide", "distribute", "allow"}

# Context a low-weight trigger needs before it counts: lemma -> required child/next-word condition.
_NEEDS = {
    "fall": lambda t: any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in t.children),
    # "fired shots into the air to disperse them", "fired warning shots": nobody was shot at
    "fire": lambda t: (any(c.lower_ in ("open", "opened") for c in t.lefts) or any(
        c.dep_ in ("dobj",) and c.lemma_ in ("rocket", "missile", "shell", "mortar", "round", "shot", "drone")
        for c in t.children) or any(c.dep_ == "prep" and c.lower_ in ("on", "at", "upon") for c in t.children))
        and not _into_the_air(t) and not _object_in(t, {"warning"}),
    "pull": lambda t: any(c.dep_ in ("prt", "prep") and c.lower_ in ("out", "back") for c in t.children),
    "hand": lambda t: any(c.dep_ in ("prt",) and c.lower_ == "over" for c in t.children),
    "round": lambda t: any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children),
    "mass": lambda t: any(c.dep_ == "dobj" and c.lemma_ in ("troop", "force", "soldier") for c in t.children),
    "free": lambda t: t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children),
    "back": lambda t: t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children),
    "call": lambda t: any(c.dep_ == "prep" and c.lower_ == "for" for c in t.children),
    "hit": lambda t: True,
    "release": lambda t: any(c.dep_ in ("dobj", "nsubjpass") for c in t.children),
    "host": lambda t: any(c.dep_ == "dobj" for c in t.children),
    "strike": lambda t: t.pos_ == "NOUN" or any(c.dep_ in ("dobj", "nsubjpass") for c in t.children),
    "provide": lambda t: _object_in(t, _AID_OBJECTS),
    "send": lambda t: _object_in(t, _AID_OBJECTS),
    "give": lambda t: _object_in(t, _AID_OBJECTS),
    "offer": lambda t: _object_in(t, _AID_OBJECTS | {"asylum", "refuge"}),
    "grant": lambda t: _object_in(t, _AID_OBJECTS | {"asylum", "refuge", "amnesty"}),
    "fund": lambda t: any(c.dep_ == "dobj" for c in t.children),
    "lift": lambda t: _object_in(t, _RESTRICTIONS),
    "ease": lambda t: _object_in(t, _RESTRICTIONS),
    "allow": lambda t: _object_in(t, {"access", "aid", "convoy", "convoys", "entry", "passage", "return", "delivery"}),
    "halt": lambda t: _object_in(t, _TIES | _AID_OBJECTS | {"talks", "negotiations", "cooperation", "exports",
                                                             "imports"}),
    "cut": lambda t: _object_in(t, _TIES | _AID_OBJECTS),
    "recall": lambda t: _object_in(t, {"ambassador", "envoy", "diplomat", "diplomats", "ambassadors"}),
    "restore": lambda t: _object_in(t, _TIES),
    "normalize": lambda t: _object_in(t, _TIES),
    "normalise": lambda t: _object_in(t, _TIES),
    "block": lambda t: _object_in(t, {"access", "aid", "convoy", "convoys", "road", "roads", "entry", "website",
                                      "websites"}),
    "crack": lambda t: any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children),
    "station": lambda t: any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_ in ("troop", "soldier", "force", "missile")
                             for c in t.children),
    "travel": lambda t: any(c.dep_ == "prep" and c.lower_ == "to" for c in t.children),
    "accept": lambda t: _object_in(t, {"proposal", "plan", "offer", "deal", "terms", "agreement", "ceasefire",
                                       "truce", "demands"}),
    "conclude": lambda t: _object_in(t, {"agreement", "deal", "treaty", "accord", "pact"}),
    "charge": lambda t: any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children),
    "beat": lambda t: any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_ in ("protester", "man", "woman", "people",
                          "journalist", "detainee", "prisoner", "student") for c in t.children),
    "exercise": lambda t: any(c.lower_ in ("military", "joint", "naval", "war") for c in t.lefts),
    "drill": lambda t: any(c.lower_ in ("military", "joint", "naval", "war", "live-fire") for c in t.lefts),
    "alert": lambda t: any(c.lower_ in ("high", "maximum", "full", "military") for c in t.lefts) or (
        t.head.lower_ == "on"),
    "blow": lambda t: any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children),
    "cancel": lambda t: any(c.dep_ == "dobj" for c in t.children),
    "reduce": lambda t: _object_in(t, _AID_OBJECTS | _TIES),
    "end": lambda t: _object_in(t, _TIES | {"talks", "mediation", "negotiations", "efforts", "mission"}),
    "strengthen": lambda t: _object_in(t, {"forces", "troops", "presence", "defences", "defenses", "garrison"}),
    "establish": lambda t: _object_in(t, _TIES | {"embassy"}) or _object_in(t, {"base", "headquarters"}),
    "upgrade": lambda t: _object_in(t, _TIES),
    "share": lambda t: _object_in(t, {"intelligence", "information", "expertise", "evidence", "data",
                                      "technology", "experience"}),
    "abuse": lambda t: _object_in(t, {"women", "girls", "woman", "girl", "children", "boys", "civilians",
                                      "detainees", "prisoners", "refugees"}),
    "drop": lambda t: _object_in(t, {"bombs", "barrels", "containers", "munitions", "explosives", "bomb",
                                     "canisters", "cylinders", "leaflets"}) and not _object_in(t, {"leaflets"}),
    "reopen": lambda t: _object_in(t, _OPENINGS) or any(c.dep_ == "nsubjpass" and c.lemma_ in _OPENINGS
                                                         for c in t.children),
    "suspend": lambda t: _object_in(t, _TIES | _AID_OBJECTS | {"talks", "negotiations", "membership", "cooperation",
                                                             "deal", "agreement", "participation"}),
    "burn": lambda t: any(c.dep_ in ("dobj", "nsubjpass") for c in t.children),
    "shoot": lambda t: not _into_the_air(t),
    "march": lambda t: t.pos_ == "NOUN" or any(c.dep_ == "prep" and c.lower_ in ("through", "to", "on", "in")
                                               for c in t.children),
}
_AID_OBJECTS = {"aid", "assistance", "food", "supplies", "medicine", "medicines", "weapons", "arms", "ammunition",
                "loan", "loans", "funds", "funding", "grant", "relief", "tents", "fuel", "support", "troops", "help",
                "equipment", "shipment", "shipments", "convoy", "convoys", "money", "vaccines", "water"}
_RESTRICTIONS = {"sanctions", "sanction", "ban", "restrictions", "curfew", "siege", "blockade", "embargo", "measures",
                 "lockdown", "controls"}
_TIES = {"ties", "relations", "contact", "contacts", "links", "cooperation", "aid"}


def _into_the_air(tok: Token) -> bool:
    return any(c.dep_ in ("prep", "advmod") and c.lower_ in ("into", "in", "skyward", "skywards") and
               (c.lower_.startswith("sky") or any(g.lower_ == "air" for g in c.children)) for c in tok.children)


def _object_in(tok: Token, words: set[str]) -> bool:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "dative") and (c.lower_ in words or c.lemma_.lower() in words):
            return True
        if c.dep_ in ("dobj", "nsubjpass") and any(g.lower_ in words for g in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ in ("with", "of") and any(g.lower_ in words for g in c.subtree):
            return True
    return False


_DIPLOMATIC = {"diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys", "inspectors", "visit",
               "trip", "talks", "meeting", "summit", "negotiations", "attache", "consul"}
_HABITUAL = {"previous", "past", "former", "frequent", "repeated", "regular", "daily", "sporadic", "occasional",
             "routine", "periodic",
             "recurrent", "recurring", "constant", "persistent", "nightly", "weekly"}
_OPENINGS = {"border", "borders", "crossing", "crossings", "embassy", "airport", "port", "road", "roads",
             "bridge", "corridor", "consulate", "airspace"}
_NESTING_TYPES = {"PROTEST", "ASSAULT", "CONSULT", "AGREE", "COERCE"}
_HABITUAL_ADVERBS = {"regularly", "frequently", "often", "routinely", "repeatedly", "usually", "sometimes",
                     "daily", "constantly", "habitually", "periodically", "occasionally", "rarely", "seldom"}
_AIRBORNE = {"drone", "drones", "missile", "missiles", "rocket", "rockets", "aircraft", "plane", "planes", "jet",
             "jets", "helicopter", "helicopters", "uav", "uavs", "projectiles"}
_CORE_ARGS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd"}
# Verbs whose object is an event that stops or never happens.
_CANCELLING = {"lift", "ease", "end", "cancel", "call", "suspend", "halt", "reject", "refuse", "postpone",
               "prevent", "stop", "thwart", "foil", "avert", "rebuff"}


# Nouns that look like triggers but here modify another noun ("attack helicopter", "protest leader").
_SKIP_AS_MODIFIER = {"compound", "amod"}


@dataclass
class TriggerHit:
    token: Token
    entry: Trigger


@dataclass
class Clause:
    """One event's share of a sentence: its head token and the triggers folded into it."""
    head: Token
    hits: list[TriggerHit] = field(default_factory=list)

    @property
    def main(self) -> TriggerHit:
        return max(self.hits, key=lambda h: h.entry.weight)


_LABOUR_STRIKE = {"hunger", "general", "labor", "labour", "nationwide", "workers", "teachers", "doctors",
                  "national", "transport", "indefinite", "open-ended", "sit-down", "four-day", "one-day", "24-hour",
                  "48-hour", "two-day", "three-day"}
_STRIKE_PROTEST = Trigger(lemma="strike", pos="NOUN", type="PROTEST", mode="strike", acled_sub="Peaceful protest",
                          weight=0.8)
_SIT_IN = Trigger(lemma="sit-in", pos="NOUN", type="PROTEST", mode="demonstrate", acled_sub="Peaceful protest",
                  weight=0.9)
_SEXUAL = Trigger(lemma="sexual violence", pos="NOUN", type="ASSAULT", mode="sexual",
                  acled_sub="Sexual violence", weight=0.9)
_DISRUPTED = Trigger(lemma="seize weapons", pos="VERB", type="COERCE", mode="seize",
                     acled_sub="Disrupted weapons use", weight=0.75)
_BASE = Trigger(lemma="set up base", pos="VERB", type="MOBILIZE", mode="troops",
                acled_sub="Headquarters or base established", weight=0.75)
_TAKEOVER = Trigger(lemma="take control", pos="VERB", type="ASSAULT", mode="seize",
                    acled_sub="Non-state actor overtakes territory", weight=0.8)
_DISRUPT_VERBS = {"seize", "find", "discover", "intercept", "recover", "confiscate", "uncover", "unearth", "defuse",
                  "dismantle", "neutralize", "neutralise", "destroy", "detonate", "impound", "capture"}
_WEAPONS = {"weapons", "arms", "ammunition", "ammunitions", "explosives", "cache", "stash", "ied", "ieds", "bomb",
            "bombs", "grenades", "mines", "landmines", "firearms", "rifles", "guns", "rockets", "depot", "arsenal",
            "munitions", "rounds", "devices", "device", "detonators", "tnt", "mortars", "pistols", "weapon"}
_BASES = {"base", "bases", "post", "posts", "outpost", "outposts", "checkpoint", "checkpoints", "barracks",
          "headquarters", "camp", "camps", "position", "positions"}
_BASE_VERBS = {"set", "establish", "build", "create", "construct", "open", "erect"}
_CALL_OFF = Trigger(lemma="call off", pos="VERB", type="CONCEDE", mode="policy_change", acled_sub=None, weight=0.6)


def _entry(tok: Token) -> Trigger | None:
    table = triggers()
    lemma = tok.lemma_.lower()
    # "its cells regularly attack checkpoints": a habit, not an event
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in tok.children):
        return None
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return _DISRUPTED if _object_in(tok, _AIRBORNE) else None
    # A hunger strike or a general strike is a protest, not an air strike.
    if lemma == "strike" and tok.pos_ == "NOUN" and (
            any(c.lower_ in _LABOUR_STRIKE for c in tok.lefts) or
            (tok.head.lower_ == "on" and tok.head.head.lemma_ in ("go", "be", "remain", "stay"))):
        return _STRIKE_PROTEST
    if lemma == "hostage" and tok.head.lemma_ in ("hold", "keep", "have", "retain", "still"):
        return None  # "holds 20 hostages" is a state of affairs: a claim, not an abduction
    # spaCy splits "sit-in" and makes "in" the noun: that is where the protest hangs in the parse
    if tok.lower_ == "in" and tok.pos_ == "NOUN" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and \
            tok.doc[tok.i - 2].lower_ == "sit":
        return _SIT_IN
    if lemma == "sit" and tok.pos_ == "VERB" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" \
            and tok.doc[tok.i + 2].lower_ == "in":
        return _SIT_IN
    if lemma == "violence" and any(c.lower_ == "sexual" for c in tok.lefts):
        return _SEXUAL
    if tok.pos_ == "VERB" and lemma in _DISRUPT_VERBS and _object_in(tok, _WEAPONS):
        return _DISRUPTED
    if tok.pos_ == "VERB" and lemma in _BASE_VERBS and _object_in(tok, _BASES) and (
            lemma != "set" or any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)):
        return _BASE
    if tok.pos_ == "VERB" and lemma in ("gain", "take") and (
            _object_in(tok, {"control", "ground"}) or (lemma == "take" and any(
                c.dep_ == "prt" and c.lower_ == "over" for c in tok.children))):
        return _TAKEOVER
    if lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
        return _CALL_OFF
    # Expelling diplomats or cancelling a visit downgrades relations (SANCTION); expelling people coerces.
    if lemma in ("expel", "cancel") and tok.pos_ == "VERB" and _object_in(tok, _DIPLOMATIC):
        return Trigger(lemma=lemma, pos="VERB", type="SANCTION", mode="diplomatic", acled_sub=None, weight=0.7)
    if tok.pos_ in ("VERB",):
        entry = table.get((lemma, "VERB"))
    elif tok.pos_ in ("NOUN", "PROPN"):
        # "frequent attacks", "repeated clashes": a pattern over time, not one event
        if tok.tag_ in ("NNS", "NNPS") and any(c.lower_ in _HABITUAL for c in tok.children if c.dep_ == "amod"):
            return None
        entry = table.get((lemma, "NOUN")) or table.get((tok.lower_, "NOUN"))
        if entry is not None and tok.dep_ in _SKIP_AS_MODIFIER and tok.head.pos_ == "NOUN" and \
                table.get((tok.head.lemma_.lower(), "NOUN")) is None:
            return None
    else:
        return None
    if entry is None:
        return None
    need = _NEEDS.get(lemma)
    if need is not None and not need(tok):
        return None
    return entry


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "dative", "prep", "npadvmod",
                        "appos", "conj") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            return None
    return None


# "X must hand over the suspects", said by someone: a demand (PLOVER REQUEST) made by the speaker.
_MUST = Trigger(lemma="must", pos="AUX", type="REQUEST", mode="policy_change", acled_sub=None, weight=0.6)
_DEMANDING = {"say", "tell", "insist", "declare", "warn", "reiterate", "stress", "state", "add", "conclude",
              "remind", "write", "announce"}


def _must_hit(tok: Token) -> TriggerHit | None:
    if tok.lower_ != "must" or tok.dep_ != "aux":
        return None
    verb = tok.head
    if verb.dep_ in ("ccomp", "acl") and verb.head.lemma_.lower() in _DEMANDING | {"reminder", "demand"}:
        return TriggerHit(tok, _MUST)
    return None


def _told_as_earlier(c: Clause, host: Clause) -> bool:
    """"Police fired shots ..., two days after a bombing killed eleven": an event in the complement of
    "after" or "before" under another of its kind is another occurrence, not part of it."""
    link = temporal_complement(c.main.token)
    return link is not None and any(a.i == host.head.i for a in link.connector.ancestors)


def find_clauses(sent: SpacySpan) -> list[Clause]:
    hits = [TriggerHit(t, e) for t in sent if (e := _entry(t)) is not None]
    hits.extend(h for t in sent if (h := _must_hit(t)) is not None)
    by_head: dict[int, Clause] = {}
    trigger_ids = {h.token.i: h for h in hits}
    for h in hits:
        tok = h.token
        head = tok
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("any", "whatever") for c in tok.children):
            continue  # "ready to cooperate with any investigation": no particular event, just a kind of one
        if h.entry is _MUST:
            head = tok.head.head  # the reporting verb: the demand is the speaker's act
        elif tok.pos_ in ("NOUN", "PROPN") or h.entry is _SIT_IN:
            verb = _governing_verb(tok)
            if verb is not None:
                same_kind = verb.i in trigger_ids and trigger_ids[verb.i].entry.type == h.entry.type
                # "imposed sanctions": a light verb carries the noun's event even when it could be a weak
                # trigger itself; the clause then takes the stronger of the two
                light = verb.lemma_.lower() in LIGHT_VERBS and (
                    verb.i not in trigger_ids or trigger_ids[verb.i].entry.weight < h.entry.weight) and (
                    tok.dep_ in _CORE_ARGS or (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into", "on")))
                manner = verb.i in trigger_ids and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") \
                    and tok.head.head.i == verb.i
                if same_kind or light or manner:
                    head = verb
                elif tok.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _CANCELLING:
                    continue  # "lifted the curfew", "called off the strike": the named event is ending
        # Same-kind verbs joined by 'and' or a participle clause are one event.
        while head.dep_ in ("conj", "advcl", "xcomp") and head.head.i in trigger_ids and \
                trigger_ids[head.head.i].entry.type == trigger_ids.get(head.i, h).entry.type:
            head = head.head
        by_head.setdefault(head.i, Clause(head=head)).hits.append(h)
    clauses = [c for _, c in sorted(by_head.items())]
    owner = {h.token.i: c for c in clauses for h in c.hits}
    merged: list[Clause] = []
    # "Students protesting over a death rioted": an event nested inside another of its kind is the same one
    for c in clauses:
        host = next((owner[a.i] for a in c.head.ancestors if a.i in owner and owner[a.i] is not c
                     and owner[a.i].main.entry.type == c.main.entry.type), None)
        if host is None and c.head.dep_ in ("acl", "relcl"):
            host = owner.get(c.head.head.i)
        if host is not None and host is not c and host.main.entry.type == c.main.entry.type and \
                c.main.entry.type in _NESTING_TYPES and not _told_as_earlier(c, host):
            host.hits.extend(c.hits)
            for h in c.hits:
                owner[h.token.i] = host
            continue
        merged.append(c)
    return merged
