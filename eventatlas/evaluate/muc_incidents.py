"""MUC-4 at the incident level, as the MUC-4 scoring does it: each message's predicted incidents (one per
incident event of the pipeline) are mapped one-to-one to its key templates, a pair only where the incident types
agree, the mapping chosen to match the most slot fillers (an optimal assignment). Then:
- incidents: precision = mapped / predicted, recall = mapped / key templates (an OPTIONAL template that nothing
  maps to is not missed);
- slots over all templates: a mapped pair's fillers score against each other, an unmapped prediction's fillers
  are all spurious and an unmapped key template's all missing; per slot and over every slot together.
Baseline: one incident per incident type the keyword list finds in the message, each with the message's keyword
perpetrators and targets, and the dateline's date and place."""

from __future__ import annotations

from eventatlas.evaluate.matching import assign
from eventatlas.evaluate.metrics import SlotTally
from eventatlas.evaluate.muc_gold import DateRange, MucGold

SLOTS = ("incident_type", "date", "location", "perpetrator", "human_target", "effect")


def _matchers():
    from eventatlas.evaluate.muc import _alts_match, location_strict

    return {
        "incident_type": lambda g, p: p in g,  # a key's type may list alternatives ("ATTACK / BOMBING")
        "date": lambda g, p: isinstance(g, DateRange) and g.contains(p),
        "location": location_strict,
        "perpetrator": _alts_match,
        "human_target": _alts_match,
        "effect": lambda g, p: g == p,
    }


def gold_slots(template: MucGold) -> dict[str, list]:
    return {"incident_type": [template.types] if template.types else [],
            "date": template.dates, "location": template.locations, "perpetrator": template.perpetrators,
            "human_target": template.targets, "effect": sorted(template.effects)}


def _matched(gold: list, pred: list, match) -> int:
    return sum(any(match(g, p) for p in pred) for g in gold)


def pair_weight(template: MucGold, incident: dict[str, list], matchers) -> float:
    """0 when the incident types disagree (no mapping), else 1 + the gold fillers the incident matches."""
    if not any(t in template.types for t in incident["incident_type"]):
        return 0.0
    gold = gold_slots(template)
    return 1.0 + sum(_matched(gold[s], incident[s], matchers[s]) for s in SLOTS if s != "incident_type")


class IncidentTally:
    """Template-level counts over a set of messages."""

    def __init__(self):
        self.predicted = self.keys = self.mapped = 0
        self.slots = {s: SlotTally() for s in SLOTS}
        self.matchers = _matchers()

    def add(self, gold: MucGold, incidents: list[dict[str, list]]) -> None:
        templates = gold.incidents
        weights = [[pair_weight(t, inc, self.matchers) for inc in incidents] for t in templates]
        pairs = assign(weights) if incidents and templates else []
        mapped_t = {t for t, _ in pairs}
        mapped_i = {i for _, i in pairs}
        self.predicted += len(incidents)
        self.mapped += len(pairs)
        self.keys += sum(1 for n, t in enumerate(templates) if not t.optional or n in mapped_t)
        for t, i in pairs:
            self._slots(gold_slots(templates[t]), incidents[i])
        for i, inc in enumerate(incidents):
            if i not in mapped_i:
                self._slots({s: [] for s in SLOTS}, inc)
        for n, t in enumerate(templates):
            if n not in mapped_t and not t.optional:
                self._slots(gold_slots(t), {s: [] for s in SLOTS})

    def _slots(self, gold: dict[str, list], pred: dict[str, list]) -> None:
        for s in SLOTS:
            self.slots[s].add(gold[s], pred[s], self.matchers[s])

    def scores(self) -> dict:
        all_slots = SlotTally()
        for t in self.slots.values():
            for name in ("pred_matched", "pred_total", "gold_matched", "gold_total"):
                setattr(all_slots, name, getattr(all_slots, name) + getattr(t, name))
        inc = SlotTally(self.mapped, self.predicted, self.mapped, self.keys)
        out = {"incident_f1": inc.f1, "incident_precision": inc.precision, "incident_recall": inc.recall,
               "incident_slot_f1": all_slots.f1, "incident_slot_precision": all_slots.precision,
               "incident_slot_recall": all_slots.recall}
        for s in SLOTS[1:]:
            out[f"incident_{s}_f1"] = self.slots[s].f1
        return out


def baseline_incidents(pooled: dict[str, list]) -> list[dict[str, list]]:
    """One incident per incident type of the message-level keyword baseline, each with all its other fillers."""
    rest = {s: pooled.get(s, []) for s in SLOTS if s != "incident_type"}
    return [{"incident_type": [kind], **rest} for kind in pooled.get("incident_type", [])]
