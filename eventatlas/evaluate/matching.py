"""Pairing predictions with gold items one-to-one (an optimal assignment), and the text spans a pipeline event
stands on: its evidence and, where the event record has them, every mention that supports it.

The event record grows (mentions, background): scorers read new fields through `spans_of` and `field_of`, so
an older record without them still scores, and a newer one is scored on what it adds."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

Interval = tuple[int, int]


def _interval(obj: Any) -> Interval | None:
    """(start, end) of a span given as a record with start/end, a dict, or a pair."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        start, end = obj.get("start"), obj.get("end")
    elif isinstance(obj, (tuple, list)) and len(obj) == 2:
        start, end = obj
    else:
        start, end = getattr(obj, "start", None), getattr(obj, "end", None)
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    return None


def _mention_interval(mention: Any) -> Interval | None:
    # a mention may be a span itself or a record holding one (as evidence, span or trigger)
    found = _interval(mention)
    if found:
        return found
    for name in ("trigger", "span", "evidence"):
        inner = mention.get(name) if isinstance(mention, dict) else getattr(mention, name, None)
        found = _interval(inner)
        if found:
            return found
    return None


def field_of(event: Any, name: str, default: Any = None) -> Any:
    """A field of a pipeline event (record or dict), or `default` where the record has no such field."""
    if isinstance(event, dict):
        return event.get(name, default)
    return getattr(event, name, default)


def mention_spans(event: Any) -> list[Interval]:
    """The spans of the event's own mentions (trigger-level where the record gives them), without evidence."""
    found = (_mention_interval(m) for m in field_of(event, "mentions", None) or [])
    trigger = _interval(field_of(event, "trigger"))
    return list(dict.fromkeys([x for x in found if x] + ([trigger] if trigger else [])))


def spans_of(event: Any) -> list[Interval]:
    """Every stretch of text the event stands on: its mentions, else its evidence sentence."""
    mentions = mention_spans(event)
    evidence = _interval(field_of(event, "evidence"))
    return mentions or ([evidence] if evidence else [])


def overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def any_overlap(spans: Iterable[Interval], others: Iterable[Interval]) -> bool:
    others = list(others)
    return any(overlap(a, b) > 0 for a in spans for b in others)


def assign(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs of a one-to-one assignment with the largest total weight; a pair of weight 0 or less
    is not a match and never appears."""
    if not weights or not weights[0]:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    matrix = np.asarray(weights, dtype=float)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if matrix[r, c] > 0]
