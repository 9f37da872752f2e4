"""What one stored article says about control, as the control stage reads it: each control claim with its
place (resolved against the gazetteer when the geography left it a bare name), its canonical holder, the
day it describes, its source, and the events found in the same sentence."""

from __future__ import annotations

from collections import Counter
from typing import Any

from eventatlas.control.places import canonical_controller, control_place
from eventatlas.records import ControlEvidence, ControlPlace


def _country_hint(claims: list[dict[str, Any]], events: list[dict[str, Any]]) -> str | None:
    """The country the article is mostly about, from the places it resolved."""
    found = Counter(loc["country_code"] for x in [*claims, *events]
                    if (loc := x.get("location")) and loc.get("country_code") and loc.get("name"))
    return found.most_common(1)[0][0] if found else None


def article_evidence(document: dict[str, Any], claims: list[dict[str, Any]], events: list[dict[str, Any]],
                     geocoder) -> list[tuple[ControlPlace, ControlEvidence]]:
    """document: {id, outlet, published, title, url}; claims and events: the article's, as stored (the
    records.py JSON shapes); geocoder: anything with resolve_name(name, country_hint=...), or None."""
    hint = _country_hint(claims, events)
    out = []
    for c in claims:
        statement = c.get("control")
        if c.get("kind") != "control" or not statement:
            continue
        place = control_place(c.get("location"), statement.get("level"), geocoder, hint)
        if place is None:
            continue
        when = c.get("date") or {}
        given = bool(when.get("start"))
        span = c["evidence"]
        attribution = c.get("attribution") or {}
        out.append((place, ControlEvidence(
            claim_id=c["id"], document_id=document["id"], outlet=document.get("outlet"),
            published=document.get("published"), title=document.get("title"), url=document.get("url"),
            text=span["text"], start=span["start"], end=span["end"], status=statement["status"],
            change=statement.get("change"),
            controller=canonical_controller(c.get("subject"), place.country_code),
            previous=canonical_controller(statement.get("previous"), place.country_code),
            date=when["start"] if given else document.get("published"),
            date_end=when.get("end") if given else None, date_given=given,
            since=statement.get("since"), until=statement.get("until"), share=c.get("share"),
            extent=statement.get("extent"), persists=bool(statement.get("persists")),
            speaker=attribution.get("speaker"),
            events=[e["id"] for e in events if _same_sentence(e.get("evidence") or {}, span)])))
    return out


def _same_sentence(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a) and a.get("start", 0) < b["end"] and b["start"] < a.get("end", 0)
