"""Figures across the reports of one incident. Sources often disagree (a ministry says 3 dead, a hospital
12): nothing is averaged away. Each category keeps the lowest and highest figure, a best estimate (the
median of what the sources say), and every source's own figure with who gave it."""

from __future__ import annotations

from statistics import median
from typing import Any


def _event_figures(event: dict[str, Any]) -> dict[str, tuple[int | None, int | None]]:
    """Per category, the (low, high) this report gives; several quantities of one category add up
    ("3 soldiers and 2 civilians were killed" is 5 fatalities)."""
    out: dict[str, tuple[int | None, int | None]] = {}
    for q in event.get("quantities") or []:
        low, high = q.get("low"), q.get("high")
        if low is None and high is None:
            continue
        cat = q.get("category") or "other"
        if cat in out:
            l0, h0 = out[cat]
            low = None if low is None or l0 is None else low + l0
            high = None if high is None or h0 is None else high + h0
        out[cat] = (low, high)
    return out


def _point(low: int | None, high: int | None) -> float:
    if low is not None and high is not None:
        return (low + high) / 2
    return float(low if low is not None else high)


def incident_figures(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """`events` are Event JSON dicts with their "document" header, as the store returns them."""
    per_cat: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        doc = e.get("document") or {}
        speaker = (e.get("attribution") or {}).get("speaker")
        for cat, (low, high) in _event_figures(e).items():
            per_cat.setdefault(cat, []).append({
                "document_id": doc.get("id"), "outlet": doc.get("outlet"), "low": low, "high": high,
                "speaker": speaker,
            })
    out: dict[str, dict[str, Any]] = {}
    for cat, sources in per_cat.items():
        lows = [s["low"] if s["low"] is not None else s["high"] for s in sources]
        highs = [s["high"] if s["high"] is not None else s["low"] for s in sources]
        best = median(_point(s["low"], s["high"]) for s in sources)
        out[cat] = {
            "low": min(lows), "best": round(best), "high": max(highs),
            "sources": sources,
        }
    return out
