"""The place an article is about: its focus, found once per article as part of its Geography."""

from __future__ import annotations

from eventatlas.records import Place, Toponym

FOCUS_PRECISIONS = ("city", "point", "admin1")


def article_focus(toponyms: list[Toponym]) -> Place | None:
    """The most mentioned resolved place of city, point or admin1 precision, the first mentioned on a tie;
    None when the article names none (countries and regions say too little to place an event)."""
    counts: dict[object, list[Toponym]] = {}
    for t in toponyms:
        if t.place.latitude is not None and t.place.precision in FOCUS_PRECISIONS:
            counts.setdefault(t.place.geonames_id or t.place.name, []).append(t)
    if not counts:
        return None
    best = max(counts.values(), key=lambda ts: (len(ts), -ts[0].start))
    return best[0].place
