"""Plain-text tables for the terminal."""

from __future__ import annotations

import shutil


def _fatalities(event: dict) -> str:
    for q in event.get("quantities", []):
        if q["category"] == "fatalities":
            if q["low"] is not None and q["high"] is not None and q["low"] != q["high"]:
                return f"{q['low']}-{q['high']}"
            if q["low"] is None:
                return f"<={q['high']}"
            return f"{q['low']}" + ("" if q["high"] is not None else "+")
    return ""


def _actor(event: dict, role: str) -> str:
    return ", ".join(a["name"] for a in event.get("actors", []) if a["role"] == role)


def event_rows(events: list[dict]) -> list[list[str]]:
    rows = []
    for e in events:
        loc = e.get("location") or {}
        rows.append([
            (e.get("date") or {}).get("start") or "", e["type"], e["status"],
            (e.get("acled") or {}).get("sub_event_type", ""), loc.get("name") or loc.get("text") or "",
            loc.get("country_code") or "", _actor(e, "agent"), _actor(e, "target"), _fatalities(e),
            e["evidence"]["text"].replace("\n", " "),
        ])
    return rows


EVENT_HEADER = ["date", "type", "status", "acled", "place", "cc", "agent", "target", "deaths", "evidence"]
INCIDENT_HEADER = ["id", "dates", "type", "acled", "place", "cc", "agent", "reports", "deaths l/b/h", "first report"]


def _bounds(fig: dict | None) -> str:
    if not fig:
        return ""
    return "/".join("-" if fig.get(k) is None else str(fig[k]) for k in ("low", "best", "high"))


def incident_rows(incidents: list[dict]) -> list[list[str]]:
    rows = []
    for inc in incidents:
        loc, date = inc.get("location") or {}, inc.get("date") or {}
        dates = date.get("start") or ""
        if date.get("end") and date.get("end") != date.get("start"):
            dates += f" to {date['end']}"
        first = (inc.get("reports") or [{}])[0]
        rows.append([
            inc["id"], dates, inc["type"], (inc.get("acled") or {}).get("sub_event_type") or "",
            loc.get("name") or loc.get("text") or "", loc.get("country_code") or "", _actor(inc, "agent"),
            f"{inc['number_of_reports']} in {inc['number_of_sources']}",
            _bounds((inc.get("figures") or {}).get("fatalities")),
            ((first.get("evidence") or {}).get("text") or "").replace("\n", " "),
        ])
    return rows


def table(header: list[str], rows: list[list[str]], max_width: int | None = None) -> str:
    width = max_width or shutil.get_terminal_size((160, 20)).columns
    cols = list(zip(header, *rows)) if rows else [(h,) for h in header]
    widths = [min(max(len(str(c)) for c in col), 28) for col in cols]
    # the last column takes what is left of the terminal
    widths[-1] = max(20, width - sum(widths[:-1]) - 2 * (len(widths) - 1))

    def fmt(row):
        cells = []
        for value, w in zip(row, widths):
            s = str(value)
            cells.append(s if len(s) <= w else s[: w - 1] + "…")
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])
