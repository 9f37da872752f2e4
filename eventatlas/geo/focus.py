"""Where an article, and each of its events, happens.

article_focus: the place the story is about: the most mentioned place, city-level places
weighing more than regions and countries, the dateline (first mention) breaking ties.
event_focus_place: for one event trigger, the place in the trigger's own clause; failing that,
the article's focus, one precision level coarser, since it is inferred and not stated.
"""

from __future__ import annotations

import dataclasses

from eventatlas.records import Place

PRECISION_WEIGHT = {"point": 1.0, "city": 1.0, "admin1": 0.6, "region": 0.3, "country": 0.3}
COARSER = {"point": "city", "city": "admin1", "admin1": "country", "country": "country", "region": "region"}


def _key(place: Place):
    if place.geonames_id is not None:
        return ("id", place.geonames_id)
    if place.latitude is not None:
        return ("at", place.name, round(place.latitude, 3), round(place.longitude, 3))
    return None


def article_focus(toponyms) -> Place | None:
    """The article's focus place among its resolved toponyms, or None when none is resolved."""
    weight: dict = {}
    first: dict = {}
    for n, t in enumerate(toponyms):
        key = _key(t.place)
        if key is None or t.place.precision is None:
            continue
        weight[key] = weight.get(key, 0.0) + PRECISION_WEIGHT.get(t.place.precision, 0.3)
        first.setdefault(key, (n, t.place))
    if not weight:
        return None
    best = max(weight, key=lambda k: (weight[k], -first[k][0]))
    return first[best][1]


def event_focus_place(toponyms, *, trigger=None) -> Place | None:
    """The location of an event whose trigger is the spaCy Token `trigger`.

    A toponym inside the trigger's clause (its syntactic subtree, same sentence) wins, the nearest
    to the trigger first; otherwise the article focus with precision one level coarser."""
    if trigger is not None:
        sent = trigger.sent
        lo, hi = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge.text)
        lo, hi = max(lo, sent.start_char), min(hi, sent.end_char)
        inside = [t for t in toponyms if lo <= t.start and t.end <= hi and t.place.precision is not None]
        if inside:
            return min(inside, key=lambda t: abs(t.start - trigger.idx)).place
    focus = article_focus(toponyms)
    if focus is None:
        return None
    return dataclasses.replace(focus, precision=COARSER.get(focus.precision, focus.precision))
