"""Grouping a set of reports into incidents, the same way whatever order they arrived in.

`cluster` takes reports (Event JSON dicts, each with "id" and its document's id) and returns their incidents:
- every two reports of one incident are the same incident by `match.same_incident` (no chaining: A like B
  and B like C does not put A with C unless A is like C);
- one article gives one report per incident (an article that tells two attacks tells two incidents);
- among the ways to satisfy both, the closest pairs join first (same day before a day apart, more words of
  their evidence in common, nearer, more actors in common), ties broken by event id, so the result depends
  on the set alone.

`incident_ids` names each incident after its first report: the earliest published, then the smallest event
id, again independent of arrival order. The store re-clusters the neighbourhood of every new report with
these, which is how a later report merges two incidents or splits one."""

from __future__ import annotations

import functools
import re
from typing import Any, Iterable

from eventatlas.resolve.actors import same_party
from eventatlas.resolve.match import MAX_KM, day_range, distance_km, same_incident, vague


def document_of(report: dict[str, Any]) -> str | None:
    return report.get("document_id") or (report.get("document") or {}).get("id")


_WORD = re.compile(r"[^\W\d_]{3,}")


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def content_words(report: dict[str, Any]) -> frozenset[str]:
    """The words of a report's evidence that are not function words ("bus", "station", "busayrah")."""
    text = (report.get("evidence") or {}).get("text") or ""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _stop_words())


def affinity(a: dict[str, Any], b: dict[str, Any]) -> tuple[int, float, float, int]:
    """How close two compatible reports are, smaller first: days apart, then how few words their evidence
    shares (outlets telling one event name its site: "the bus station", "Kawangware"), km apart, minus
    the actors they share."""
    ra, rb = day_range(a), day_range(b)
    days = 0
    if ra and rb:
        days = max(0, (max(ra[0], rb[0]) - min(ra[1], rb[1])).days)
    wa, wb = content_words(a), content_words(b)
    overlap = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    km = distance_km(a.get("location") or {}, b.get("location") or {})
    shared = sum(1 for x in a.get("actors") or [] for y in b.get("actors") or []
                 if x.get("role") == y.get("role") and same_party(x, y))
    return days, -round(overlap, 3), round(km if km is not None else MAX_KM, 1), -shared


def cluster(reports: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The incidents of these reports, each a list of reports sorted by id; incidents sorted by first id.

    Vague reports (placed only to their country, "in Somalia", or dated only to a span of days, "last
    week") are left out of the grouping and then join the incident they could be one with, when exactly
    one of those the others formed could take them: a report too vague to tell two incidents apart joins
    neither on a guess."""
    items = sorted(reports, key=lambda r: r["id"])
    groups = _complete_linkage([r for r in items if not vague(r)])
    for loose in (r for r in items if vague(r)):
        fits = [g for g in groups if any(not vague(m) for m in g)
                and all(document_of(m) != document_of(loose) for m in g)
                and all(same_incident(loose, m) for m in g if not vague(m))]
        best = _best_supported(fits)
        if best is not None:
            best.append(loose)
        else:
            groups.append([loose])
    return sorted((sorted(g, key=lambda r: r["id"]) for g in groups), key=lambda g: g[0]["id"])


def _best_supported(fits: list[list[dict[str, Any]]]) -> list[dict[str, Any]] | None:
    """The incident a vague report joins: the only one it fits, or one that at least twice as many articles
    reported as any other it fits (a single stray mention of a strike that week does not make the one
    several outlets covered ambiguous)."""
    if len(fits) <= 1:
        return fits[0] if fits else None
    sizes = sorted(((len({document_of(m) for m in g}), i) for i, g in enumerate(fits)), reverse=True)
    (top, at), (second, _) = sizes[0], sizes[1]
    return fits[at] if top >= 2 * second and top >= 2 else None


def _complete_linkage(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Reports (sorted by id) grouped so that every two of a group are compatible, closest pairs first."""
    n = len(items)
    compatible: list[set[int]] = [set() for _ in range(n)]
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = items[i], items[j]
            if document_of(a) == document_of(b) or not same_incident(a, b):
                continue
            compatible[i].add(j)
            compatible[j].add(i)
            pairs.append((affinity(a, b), a["id"], b["id"], i, j))
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    docs: dict[int, set[str | None]] = {i: {document_of(items[i])} for i in range(n)}
    for *_key, i, j in sorted(pairs):
        gi, gj = group[i], group[j]
        if gi == gj or docs[gi] & docs[gj]:
            continue
        if not all(y in compatible[x] for x in members[gi] for y in members[gj]):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
        docs[keep] |= docs.pop(gone)
    return [[items[x] for x in members[g]] for g in sorted(members)]


def first_report(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The report an incident is named after: the earliest published (undated last), then the smallest id."""
    def key(r: dict[str, Any]) -> tuple[str, str]:
        published = r.get("published") or (r.get("document") or {}).get("published") or "~"
        return published, r["id"]
    return min(reports, key=key)


def incident_ids(reports: Iterable[dict[str, Any]]) -> dict[str, str]:
    """{event id: incident id} for these reports, clustered."""
    out: dict[str, str] = {}
    for incident in cluster(reports):
        name = first_report(incident)["id"]
        out.update({r["id"]: name for r in incident})
    return out
