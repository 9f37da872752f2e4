"""Control periods as GeoJSON and as terminal rows: what `eventatlas control --format geojson|table` and
`/api/control?format=geojson` give. One Feature per period, at its place's point (a district or a province
at the point the gazetteer gives it; no borders are drawn)."""

from __future__ import annotations

from typing import Any

CONTROL_HEADER = ["place", "level", "cc", "holder", "share", "since", "until", "status", "sources", "evidence"]


def control_geojson(periods: list[dict[str, Any]], at: str | None = None) -> dict[str, Any]:
    features = []
    for p in periods:
        place = p["place"]
        geometry = None
        if place.get("latitude") is not None and place.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [place["longitude"], place["latitude"]]}
        properties = {k: v for k, v in p.items() if k not in ("place", "evidence")}
        properties.update({"place_key": place["key"], "place": place["name"], "level": place["level"],
                           "country_code": place.get("country_code"),
                           "evidence_count": p.get("evidence_count", len(p.get("evidence", [])))})
        features.append({"type": "Feature", "id": p["id"], "geometry": geometry, "properties": properties})
    out: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if at:
        out["at"] = at
    return out


def holder(p: dict[str, Any]) -> str:
    if p["status"] == "contested":
        sides = " / ".join(p.get("claimants") or [])
        return f"contested ({sides})" if sides else "contested"
    return p.get("controller") or ""


def share_text(p: dict[str, Any]) -> str:
    if p.get("share") is not None:
        return f"{round(p['share'] * 100)}%"
    return p.get("extent") or ""


def control_rows(periods: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for p in periods:
        place = p["place"]
        first = (p.get("evidence") or [{}])[0].get("text", "").replace("\n", " ")
        rows.append([place["name"], place["level"], place.get("country_code") or "", holder(p), share_text(p),
                     p.get("since") or "?", p.get("until") or "", p["status"], str(len(p.get("sources") or [])),
                     first])
    return rows
