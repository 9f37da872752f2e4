"""One stored event (Event JSON + document header), or one incident (resolve.summary.incident_record), as a
row of each export format. The columns are the same at both levels: an incident row lists every report's
outlet, headline and address, and gives its figures across sources; a report row is an incident of one."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pyarrow as pa

from eventatlas.resolve.figures import report_figures

# ACLED's geo_precision: 1 = the town itself, 2 = near a town or part of a region, 3 = only the province.
ACLED_PRECISION = {"point": 1, "city": 1, "admin1": 3, "country": 3, "region": 3}
# UCDP's where_prec: 1 exact place, 2 within ~25 km, 4 first-order division, 6 country, 7 larger region.
UCDP_PRECISION = {"point": 1, "city": 1, "admin1": 4, "country": 6, "region": 7}

ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "event_id", "source_url",
)
UCDP_COLUMNS = (
    "id", "date_start", "date_end", "side_a", "side_b", "country", "adm_1", "where_coordinates", "latitude",
    "longitude", "where_prec", "deaths_low", "deaths_best", "deaths_high", "number_of_sources", "source_headline",
    "source_office", "source_article", "incident_id",
)
FLAT_COLUMNS = (
    ("id", pa.string()), ("incident_id", pa.string()), ("type", pa.string()), ("mode", pa.string()),
    ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()), ("status", pa.string()),
    ("date_start", pa.string()), ("date_end", pa.string()), ("date_precision", pa.string()),
    ("country_code", pa.string()), ("admin1", pa.string()), ("location", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("precision", pa.string()),
    ("actors", pa.string()), ("fatalities_low", pa.int64()), ("fatalities_best", pa.int64()),
    ("fatalities_high", pa.int64()), ("number_of_sources", pa.int64()), ("report_ids", pa.string()),
    ("evidence", pa.string()), ("evidence_start", pa.int64()), ("evidence_end", pa.int64()),
    ("confidence", pa.float64()), ("document_id", pa.string()), ("title", pa.string()),
    ("outlet", pa.string()), ("url", pa.string()), ("published", pa.string()),
)


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return found.name if found else code


def is_incident(x: dict[str, Any]) -> bool:
    return "reports" in x and "document" not in x


def fatalities(x: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) killed in this report or incident, as resolve.figures reads them (two sources'
    figures side by side, never added up; a bound keeps high None); (None, None, None) when none was given."""
    fig = (x.get("figures") if is_incident(x) else report_figures(x)).get("fatalities")
    return (fig["low"], fig["best"], fig["high"]) if fig else (None, None, None)


SEP = "; "  # between the outlets, headlines and addresses of an incident's reports


def sources(x: dict[str, Any]) -> dict[str, Any]:
    """Where a row comes from: outlets, headlines and addresses (every report's, for an incident), the first
    report's evidence and document, how many documents, and which reports."""
    reports = x["reports"] if is_incident(x) else [{
        "event_id": x["id"], "document_id": (x.get("document") or {}).get("id"), **(x.get("document") or {}),
        "evidence": x.get("evidence")}]
    first = reports[0] if reports else {}

    def listed(key: str) -> str:
        return SEP.join(dict.fromkeys(r.get(key) or "" for r in reports if r.get(key)))

    return {"outlets": listed("outlet"), "titles": listed("title"), "urls": listed("url"),
            "evidence": first.get("evidence") or {}, "document_id": first.get("document_id"),
            "published": first.get("published"), "n_sources": len({r.get("document_id") for r in reports}),
            "report_ids": [r.get("event_id") for r in reports],
            "incident_id": x["id"] if is_incident(x) else x.get("incident_id")}


def _actor(e: dict[str, Any], role: str) -> str:
    for a in e.get("actors") or []:
        if a.get("role") == role:
            return a.get("name") or a.get("text") or ""
    return ""


def _loc(e: dict[str, Any]) -> dict[str, Any]:
    return e.get("location") or {}


def acled_row(e: dict[str, Any]) -> dict[str, Any]:
    loc, src, acled = _loc(e), sources(e), e.get("acled") or {}
    low, _best, _high = fatalities(e)
    return {
        "event_date": (e.get("date") or {}).get("start") or "",
        "event_type": acled.get("event_type") or "", "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": _actor(e, "agent"), "actor2": _actor(e, "target"),
        "country": country_name(loc.get("country_code")), "admin1": loc.get("admin1") or "",
        "location": loc.get("name") or loc.get("text") or "",
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
        "geo_precision": ACLED_PRECISION.get(loc.get("precision"), ""),
        "source": src["outlets"], "notes": src["evidence"].get("text", ""),
        # ACLED records the most conservative figure reported
        "fatalities": low if low is not None else 0,
        "event_id": e["id"], "source_url": src["urls"],
    }


def ucdp_row(e: dict[str, Any]) -> dict[str, Any]:
    loc, src, date = _loc(e), sources(e), e.get("date") or {}
    low, best, high = fatalities(e)
    return {
        "id": e["id"], "date_start": date.get("start") or "", "date_end": date.get("end") or date.get("start") or "",
        "side_a": _actor(e, "agent"), "side_b": _actor(e, "target"),
        "country": country_name(loc.get("country_code")), "adm_1": loc.get("admin1") or "",
        "where_coordinates": loc.get("name") or loc.get("text") or "",
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
        "where_prec": UCDP_PRECISION.get(loc.get("precision"), ""),
        "deaths_low": low if low is not None else 0,
        "deaths_best": best if best is not None else 0,
        # empty for a bound only ("at least 25"): no upper figure was given
        "deaths_high": high if high is not None or low is not None else 0,
        "number_of_sources": src["n_sources"], "source_headline": src["titles"], "source_office": src["outlets"],
        "source_article": src["urls"], "incident_id": src["incident_id"],
    }


def flat_row(e: dict[str, Any]) -> dict[str, Any]:
    loc, src, acled = _loc(e), sources(e), e.get("acled") or {}
    date, ev = e.get("date") or {}, src["evidence"]
    low, best, high = fatalities(e)
    return {
        "id": e["id"], "incident_id": src["incident_id"], "type": e["type"], "mode": e.get("mode"),
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "status": e["status"], "date_start": date.get("start"), "date_end": date.get("end"),
        "date_precision": date.get("precision"), "country_code": loc.get("country_code"),
        "admin1": loc.get("admin1"), "location": loc.get("name") or loc.get("text"),
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"), "precision": loc.get("precision"),
        "actors": json.dumps(e.get("actors") or [], ensure_ascii=False),
        "fatalities_low": low, "fatalities_best": best, "fatalities_high": high,
        "number_of_sources": src["n_sources"], "report_ids": json.dumps(src["report_ids"]),
        "evidence": ev.get("text"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "confidence": e.get("confidence"), "document_id": src["document_id"], "title": src["titles"] or None,
        "outlet": src["outlets"] or None, "url": src["urls"] or None, "published": src["published"],
    }
