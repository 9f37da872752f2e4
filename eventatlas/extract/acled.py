"""Mapping an event to ACLED's event and sub-event types: the trigger's default, refined by cues in its
clause and by who did what to whom. Only events that happened get an ACLED type, as in ACLED itself."""

from __future__ import annotations

from eventatlas.extract.actors import acled_actor_class
from eventatlas.extract.lexicon import acled_cues, acled_event_type_of, type_group
from eventatlas.records import Actor

_ARMED = type_group("armed_actor_types")
_VERBAL = type_group("no_acled_type")


def acled_for(plover: str, default_sub: str | None, clause_text: str, agent: Actor | None,
              target: Actor | None, status: str) -> dict[str, str] | None:
    if status != "occurred" or plover in _VERBAL:
        return None
    agent_class = acled_actor_class(agent)
    sub = None
    for cue in acled_cues():
        if cue.type != plover:
            continue
        if cue.agent != "any" and cue.agent != agent_class:
            continue
        if cue.cue.search(clause_text):
            sub = cue.sub_event_type
            break
    if sub is None:
        sub = default_sub
        if plover == "ASSAULT" and sub in ("Attack", None):
            if target is not None and target.type in _ARMED and (agent is None or agent.type in _ARMED):
                sub = "Armed clash"
            else:
                sub = "Attack"
    if sub is None:
        return None
    event_type = acled_event_type_of().get(sub)
    if event_type is None:
        return None
    return {"event_type": event_type, "sub_event_type": sub}
