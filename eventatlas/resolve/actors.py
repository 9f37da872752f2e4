"""Whether two reports' actors can be the same party. Outlets name one party many ways: "Sudan's army" and
"the Sudanese Armed Forces", "intelligence officers" and "the National Intelligence and Security Agency",
"a suicide bomber" and "al-Shabaab". Three kinds of name:

- canonical: a name of eventatlas/extract/data/actors.tsv (the extractor maps every alias to it);
- proper: another capitalised name ("The Darfur Lawyers Forum");
- generic: a common noun for a kind of actor ("the army", "gunmen", "people").

Two names are one party when one contains the other word for word; else a generic name is one party with a
canonical one when a word of it is in one of that actor's aliases ("army" in "Sudan's army"), or both are of
one armed kind (rebels, militias); with a proper name when they share a word; with another generic name of the
same kind, except state bodies ("the army" is not "the police"). Words that name one institution count as one
("soldiers", "troops", "army": data/compatible.yaml). Actors of two different countries never match.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_NOISE = re.compile(r"\b(the|a|an|of|and|its|their|his|her)\b|[^\w\s]")
# Kinds of actor whose unnamed members may belong to any named group of that kind.
_ARMED_KINDS = {"rebel", "political_militia", "identity_militia"}


def norm(name: str) -> str:
    return " ".join(_NOISE.sub(" ", name.lower()).split())


def _words(name: str) -> set[str]:
    """The words of a name that can tell one party from another."""
    from eventatlas.resolve.match import compatibility

    indistinct = compatibility().indistinct
    return {w for w in norm(name).split() if len(w) > 2 and w not in indistinct and _singular(w) not in indistinct}


@functools.cache
def _canonical() -> dict[str, frozenset[str]]:
    """Canonical actor name (normalised) -> every word of its name and aliases."""
    from eventatlas.extract.lexicon import actor_aliases

    out: dict[str, set[str]] = {}
    for alias, entry in actor_aliases()[1].items():
        out.setdefault(norm(entry.name), set()).update(_words(alias) | _words(entry.name))
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _institutions() -> tuple[frozenset[str], ...]:
    from eventatlas.resolve.match import compatibility
    return compatibility().institutions


def _with_synonyms(words: set[str]) -> set[str]:
    """A generic name's words and the other common nouns of the institutions they name."""
    singular = {_singular(w) for w in words}
    out = set(words) | singular
    for group in _institutions():
        if singular & group:
            out |= group
    return out


@functools.cache
def _generic_heads() -> frozenset[str]:
    from eventatlas.extract.lexicon import generic_actor_types
    return frozenset(generic_actor_types())


def _singular(word: str) -> str:
    for plural, single in (("men", "man"), ("ies", "y"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 2:
            return word[: -len(plural)] + single
    return word


def kind_of_name(actor: dict[str, Any]) -> str:
    """canonical, proper or generic. A name is generic when no word after the first is capitalised and it
    is lower-case or ends in a kind of actor ("Gunmen", "Somali intelligence officers", "the army")."""
    name = actor.get("name") or actor.get("text") or ""
    n = norm(name)
    if n in _canonical():
        return "canonical"
    words = name.split()
    last = _singular(n.split()[-1]) if n else ""
    if not any(w[:1].isupper() for w in words[1:]) and (not name[:1].isupper() or last in _generic_heads()):
        return "generic"
    return "proper"


_SPOKESPERSON = re.compile(r"^(?:the\s+)?(.*?\S)(?:'s)?\s+spokes(?:man|woman|person)\b", re.I)


def speaks_for(actor: dict[str, Any]) -> dict[str, Any]:
    """"Army spokesman Brigadier General X", "the RSF's spokeswoman": the body a spokesperson speaks for."""
    m = _SPOKESPERSON.match(actor.get("name") or actor.get("text") or "")
    return dict(actor, name=m[1], text=m[1]) if m else actor


def _umbrella(actor: dict[str, Any]) -> bool:
    from eventatlas.resolve.match import compatibility
    return norm(actor.get("text") or "") in {norm(w) for w in compatibility().umbrella}


def _state_body(actor: dict[str, Any]) -> bool:
    from eventatlas.resolve.match import compatibility
    if actor.get("type") == "state":
        return True
    words = {_singular(w) for w in norm(actor.get("name") or actor.get("text") or "").split()}
    return actor.get("type") is None and bool(words & compatibility().state_body_words)


def same_party(x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Whether two actor dicts (records.Actor as JSON) can name one party; a spokesperson is the body
    they speak for."""
    x, y = speaks_for(x), speaks_for(y)
    nx, ny = norm(x.get("name") or x.get("text") or ""), norm(y.get("name") or y.get("text") or "")
    if not nx or not ny:
        return False
    short, long_ = sorted((nx, ny), key=len)
    if re.search(rf"\b{re.escape(short)}\b", long_):
        return True
    cx, cy = x.get("country_code"), y.get("country_code")
    if cx and cy and cx.upper() != cy.upper():
        return False
    if _umbrella(x) and _state_body(y) or _umbrella(y) and _state_body(x):
        return True  # "security forces detained six" and "the intelligence agency arrested four"
    kx, ky = kind_of_name(x), kind_of_name(y)
    if "generic" not in (kx, ky):
        # "the governor of South Kordofan state" and "the South Kordofan governor": the same words told
        # in another order; else two different names of specific parties
        wx, wy = _words(nx), _words(ny)
        return kx == ky == "proper" and len(min(wx, wy, key=len)) >= 2 and (wx <= wy or wy <= wx)
    if kx != "generic":
        x, y, nx, ny, kx, ky = y, x, ny, nx, ky, kx
    words = _with_synonyms(_words(nx))
    if ky == "canonical":
        canon = _canonical()[ny]
        armed = x.get("type") in _ARMED_KINDS and y.get("type") in _ARMED_KINDS
        return bool(words & (canon | {_singular(w) for w in canon})) or armed
    if ky == "proper":
        return bool(words & _words(ny))
    tx, ty = x.get("type"), y.get("type")
    if tx and tx == ty and tx != "state":
        return True
    return bool(words & _with_synonyms(_words(ny)))
