"""MUC-3/4 (dev, tst1, tst2): 1989-91 Latin American wire messages with answer-key templates, scored per slot
at the message level (gold values pooled over the message's templates, predictions over its incident
events): incident type, date, location, perpetrator and its confidence (reported as fact / claimed /
accused), human targets, effect (death, injury). Baselines: keyword lookup for type, effect and role
fillers; the dateline's date and place for date and location.

Which pipeline events are MUC incidents follows the MUC-4 task definition: terrorist acts (and state violence
against civilians) accomplished, attempted or threatened; not army-against-guerrilla warfare, not incidents
reported as history. Every slot is mapped from what the pipeline outputs (type, mode and ACLED sub-event,
actors and their types, quantities, attribution, status, date, place); the scorer never reads the message
text itself. Only the keyword baseline does, with its own tables (muc_keywords.tsv, muc_roles.tsv)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import KeywordBaseline, read_tsv
from eventatlas.evaluate.metrics import SlotTally, rounded
from eventatlas.evaluate.muc_gold import DateRange, MucGold, read_muc
from eventatlas.evaluate.textmatch import loose_match

INCIDENT_STATUSES = ("occurred", "possible")
SLOTS = ("incident_type", "date", "location", "location_loose", "perpetrator", "perpetrator_confidence",
         "human_target", "effect")
# MUC-4 task definition: a terrorist act whose target is a military or police force or an armed group is
# presumed a purely guerrilla act (not relevant) unless civilians or their property are hit; a clash,
# battle or ambush (the event's mode) is guerrilla warfare by nature.
ARMED = frozenset({"state", "rebel", "political_militia", "identity_militia"})
COMBAT_MODES = frozenset({"clash", "ambush"})
RECENT_DAYS = 62
# A pronoun is never a MUC filler (keys name the perpetrator or victim); an accusation's target is a suspected
# perpetrator (slot 11, SUSPECTED OR ACCUSED) of the message's incidents.
PRONOUN = re.compile(r"^(he|she|it|they|we|i|you|its|their|his|her|them|who|which|that|this|these|those)$", re.I)
# the keys template incidents of about the two months before the message, not history
ACCUSING_MODES = frozenset({"allege"})


@functools.cache
def _type_rows() -> dict[tuple[str, str], str]:
    return {(r[0].strip(), r[1].strip()): r[2].strip() for r in read_tsv("muc_types.tsv")}


def muc_type(event) -> str | None:
    rows = _type_rows()
    keys = []
    if event.acled:
        keys.append((event.type, f"acled:{event.acled['sub_event_type']}"))
    keys += [(event.type, event.mode or ""), (event.type, "*")]
    for k in keys:
        if k in rows:
            return None if rows[k] == "-" else rows[k]
    return None


def guerrilla_warfare(event) -> bool:
    """Army against guerrillas (or guerrillas against each other): no MUC incident unless a target is
    civilian. A clash counts as warfare even with its sides unnamed; another act only when every target is
    an armed force."""
    targets = [a.type for a in event.actors if a.role == "target"]
    if any(t == "civilians" for t in targets):
        return False
    if event.mode in COMBAT_MODES:
        return True
    return bool(targets) and all(t in ARMED for t in targets)


def stale(event, published: str | None) -> bool:
    """An incident reported as history: its date ends well before the message (background, anniversaries)."""
    if not published or not event.date or not event.date.end:
        return False
    try:
        end = dt.date.fromisoformat(event.date.end[:10])
    except ValueError:
        return False
    return (dt.date.fromisoformat(published) - end).days > RECENT_DAYS


def incident_type(event, published: str | None = None) -> str | None:
    """The MUC-4 incident type of a pipeline event, or None when the event is no relevant incident."""
    kind = muc_type(event)
    if kind is None or event.status not in INCIDENT_STATUSES:
        return None
    if guerrilla_warfare(event) or stale(event, published):
        return None
    return kind


def confidence_of(event) -> str:
    """How sure the report is of the perpetrator, from the pipeline's attribution and status: the agent's own
    account is a claim ("the FMLN said it ..."); a hedged or merely possible event is a suspicion; anything else
    is reported as fact. (Accusations, slot 11's third value, come from ACCUSE events: see predicted.)"""
    att = event.attribution
    agents = [a for a in event.actors if a.role == "agent"]
    if att is not None and att.speaker and any(loose_match(att.speaker, a.text) or loose_match(att.speaker, a.name)
                                               for a in agents):
        return "claimed"
    if event.status == "possible" or (att is not None and att.speaker is None):
        return "accused"
    return "fact"


def effects_of(event) -> set[str]:
    """DEATH / INJURY from the event's fatality and injury figures (the pipeline counts named victims
    without a number too: "the judge was killed" is one death)."""
    out = set()
    for q in event.quantities:
        n = q.high if q.high is not None else q.low
        if n and q.category == "fatalities":
            out.add("DEATH")
        elif n and q.category == "injured":
            out.add("INJURY")
    return out


def incident_slots(ev, kind: str) -> dict[str, list]:
    """Slot values of one incident event of MUC type `kind` (pronouns left out)."""
    out: dict[str, list] = {s: [] for s in SLOTS}
    out["incident_type"].append(kind)
    if ev.date and ev.date.start:
        try:
            out["date"].append(dt.date.fromisoformat(ev.date.start[:10]))
        except ValueError:
            pass
    if ev.location is not None:
        out["location"].append(ev.location)
    conf = confidence_of(ev)
    for a in ev.actors:
        if PRONOUN.match(a.text.strip()):
            continue
        if a.role == "agent":
            out["perpetrator"].append(a.text)
            out["perpetrator_confidence"].append((a.text, conf))
        elif a.role == "target":
            out["human_target"].append(a.text)
    out["effect"].extend(sorted(effects_of(ev)))
    return out


def incidents_of(result) -> list[dict[str, list]]:
    """The slot values of each incident event of one message."""
    if result is None:
        return []
    published = result.document.published
    kinds = [(ev, incident_type(ev, published)) for ev in result.events]
    return [incident_slots(ev, kind) for ev, kind in kinds if kind is not None]


def predicted(result) -> dict[str, list]:
    """Slot values predicted for one message, pooled over its incident events."""
    out: dict[str, list] = {s: [] for s in SLOTS}
    for slots in incidents_of(result):
        for name, values in slots.items():
            out[name].extend(values)
    if out["incident_type"]:
        for ev in result.events:
            if ev.type == "ACCUSE" and ev.mode in ACCUSING_MODES and ev.status in INCIDENT_STATUSES:
                for a in ev.actors:
                    if a.role == "target" and not PRONOUN.match(a.text.strip()):
                        out["perpetrator"].append(a.text)
                        out["perpetrator_confidence"].append((a.text, "accused"))
    for slot in ("perpetrator", "human_target", "perpetrator_confidence"):
        out[slot] = list(dict.fromkeys(out[slot]))
    for slot in ("incident_type", "effect"):
        out[slot] = sorted(set(out[slot]))
    out["date"] = sorted(set(out["date"]))
    return out


def _place_names(place) -> list[str]:
    if isinstance(place, str):
        return [place]
    return [n for n in (place.name, place.text) if n]


def location_strict(gold: list[list[str]], place) -> bool:
    return any(loose_match(alt, n) for alt in gold[-1] for n in _place_names(place))


def location_loose(gold: list[list[str]], place) -> bool:
    comps = gold[1:] if len(gold) > 1 else gold  # the country alone is too coarse when a place is given
    return any(loose_match(alt, n) for comp in comps for alt in comp for n in _place_names(place))


def _alts_match(alts: list[str], text: str) -> bool:
    return any(loose_match(a, text) for a in alts)


def tally(slots: dict[str, SlotTally], gold: MucGold, pred: dict[str, list]) -> None:
    slots["incident_type"].add(sorted(gold.types), pred["incident_type"])
    slots["date"].add(gold.dates, pred["date"], lambda g, p: isinstance(g, DateRange) and g.contains(p))
    slots["location"].add(gold.locations, pred["location"], location_strict)
    slots["location_loose"].add(gold.locations, pred["location"], location_loose)
    slots["perpetrator"].add(gold.perpetrators, pred["perpetrator"], _alts_match)
    slots["perpetrator_confidence"].add(
        gold.confidences, pred["perpetrator_confidence"],
        lambda g, p: g[1] == p[1] and _alts_match(g[0], p[0]))
    slots["human_target"].add(gold.targets, pred["human_target"], _alts_match)
    slots["effect"].add(sorted(gold.effects), pred["effect"])


def baseline(msg) -> dict[str, list]:
    kw = KeywordBaseline.from_file("muc_keywords.tsv")
    roles = KeywordBaseline.from_file("muc_roles.tsv")
    labels = kw.all(msg.text)
    text = msg.text.upper()
    fillers = {role: [m.group(0) for lab, rx in roles.rules if lab == role for m in rx.finditer(text)]
               for role in ("perpetrator", "target")}
    perps = list(dict.fromkeys(fillers["perpetrator"]))
    return {
        "incident_type": sorted(x for x in labels if not x.startswith("effect:")),
        "date": [dt.date.fromisoformat(msg.published)] if msg.published else [],
        "location": [msg.dateline_place] if msg.dateline_place else [],
        "perpetrator": perps,
        "perpetrator_confidence": [(p, "fact") for p in perps],
        "human_target": list(dict.fromkeys(fillers["target"])),
        "effect": sorted(x.split(":", 1)[1] for x in labels if x.startswith("effect:")),
    }


def score(path: Path, runner, limit: int | None = None) -> dict:
    messages = read_muc(path)[:limit]
    results = runner.run([(m.text, m.published) for m in messages], desc="muc")
    ours = {s: SlotTally() for s in SLOTS}
    base = {s: SlotTally() for s in SLOTS}
    by_split: dict[str, SlotTally] = {}
    baselines = []
    for msg, res in zip(messages, results):
        pred = predicted(res)
        tally(ours, msg.gold, pred)
        b = baseline(msg)
        baselines.append(b)
        b["location_loose"] = b["location"]
        tally(base, msg.gold, b)
        by_split.setdefault(msg.split, SlotTally()).add(sorted(msg.gold.types), pred["incident_type"])
    out: dict = {"n": len(messages), "n_with_incident": sum(bool(m.gold.types) for m in messages)}
    for s in SLOTS:
        out[f"{s}_f1"] = ours[s].f1
        out[f"baseline_{s}_f1"] = base[s].f1
    out.update(_incident_level(messages, results, baselines))
    out["incident_type_precision"] = ours["incident_type"].precision
    out["incident_type_recall"] = ours["incident_type"].recall
    for split, t in sorted(by_split.items()):
        out[f"{split}_incident_type_f1"] = t.f1
    return rounded(out)


def _incident_level(messages, results, baselines) -> dict:
    """Template-matched incident scores (muc_incidents), ours and the baseline's as baseline_*."""
    from eventatlas.evaluate.muc_incidents import IncidentTally, baseline_incidents

    ours, base = IncidentTally(), IncidentTally()
    for msg, res, b in zip(messages, results, baselines):
        ours.add(msg.gold, incidents_of(res))
        base.add(msg.gold, baseline_incidents(b))
    b_scores = base.scores()
    out = {}
    for metric, value in ours.scores().items():
        out[metric] = value
        out[f"baseline_{metric}"] = b_scores[metric]
    return out


SETS.register("muc")(GoldSet(
    "muc", "muc4/CORPORA", "older", "keyword lookup; dateline date and place", score,
    "MUC-3/4 dev+tst1+tst2 (1989-91 wire text): per-slot F1 by message, and by incident (template matching)"))
