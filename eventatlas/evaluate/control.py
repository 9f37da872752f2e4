"""Scoring control periods against a golden file (eventatlas/evaluate/corpora/control/golden/control.json).

A golden period matches exactly when a derived period of the same place (same GeoNames id, or same name
and level) has its controller, share (within 0.01), extent, status and both dates (to the day, null for
null), and, for a contested period, keeps evidence from every source the golden period names. It matches
partly when the place has a period with the same controller (or both contested) overlapping it in time but
differing in a date, share or source; otherwise not at all. Evidence recall: the golden evidence strings
found inside the evidence sentences of the period that matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventatlas.geo.normalize import norm_key


@dataclass
class PeriodScore:
    golden: dict[str, Any]
    verdict: str  # exact | partial | none
    why: list[str] = field(default_factory=list)
    evidence_found: int = 0
    evidence_total: int = 0


def _same_place(gold: dict[str, Any], derived: dict[str, Any]) -> bool:
    g, d = gold["place"], derived["place"]
    if g.get("level", "town") != d["level"]:
        return False
    if g.get("geonames_id") and d.get("geonames_id"):
        return g["geonames_id"] == d["geonames_id"]
    names = {norm_key(n) for n in [d["name"], *d.get("names", [])]}
    return norm_key(g["name"]) in names


def _differences(gold: dict[str, Any], derived: dict[str, Any]) -> list[str]:
    why = []
    for name in ("controller", "status", "since", "until", "extent"):
        if gold.get(name) != derived.get(name):
            why.append(f"{name} {derived.get(name)!r}, golden {gold.get(name)!r}")
    gs, ds = gold.get("share"), derived.get("share")
    if (gs is None) != (ds is None) or (gs is not None and abs(gs - ds) > 0.01):
        why.append(f"share {ds!r}, golden {gs!r}")
    if gold["status"] == "contested":
        missing = set(gold.get("sources", [])) - set(derived.get("sources", []))
        if missing:
            why.append(f"sources lack {sorted(missing)}")
    return why


def _overlaps(gold: dict[str, Any], derived: dict[str, Any]) -> bool:
    lo = max(gold.get("since") or "", derived.get("since") or "")
    hi = min(gold.get("until") or "9999", derived.get("until") or "9999")
    return lo < hi or (gold.get("since") == derived.get("since"))


def _evidence_recall(gold: dict[str, Any], derived: dict[str, Any], stems: dict[str, str]) -> tuple[int, int]:
    """stems: document id -> the golden file's article stem."""
    found = 0
    for item in gold.get("evidence", []):
        if any(stems.get(e["document_id"]) == item["article"] and item["evidence"] in e["text"]
               for e in derived.get("evidence", [])):
            found += 1
    return found, len(gold.get("evidence", []))


def score_periods(golden: list[dict[str, Any]], derived: list[dict[str, Any]], stems: dict[str, str]
                  ) -> list[PeriodScore]:
    out = []
    for g in golden:
        same_place = [d for d in derived if _same_place(g, d)]
        if not same_place:
            out.append(PeriodScore(g, "none", ["no period for this place"]))
            continue
        ranked = sorted(same_place, key=lambda d: len(_differences(g, d)))
        best = ranked[0]
        why = _differences(g, best)
        if not why:
            found, total = _evidence_recall(g, best, stems)
            out.append(PeriodScore(g, "exact", [], found, total))
            continue
        near = [d for d in same_place if d.get("controller") == g.get("controller") and _overlaps(g, d)]
        if near:
            found, total = _evidence_recall(g, near[0], stems)
            out.append(PeriodScore(g, "partial", _differences(g, near[0]), found, total))
        else:
            out.append(PeriodScore(g, "none", why))
    return out


def summary(scores: list[PeriodScore]) -> dict[str, Any]:
    counts = {v: sum(s.verdict == v for s in scores) for v in ("exact", "partial", "none")}
    found = sum(s.evidence_found for s in scores)
    total = sum(s.evidence_total for s in scores if s.verdict != "none")
    return {**counts, "periods": len(scores), "evidence_recall": round(found / total, 3) if total else None}
