"""A place's control periods from everything the stored articles say about it (its ControlEvidence).

    changes    seizures, surrenders, handovers, withdrawals (no taker: contested), "held since 25 March",
               dated to the day. Reports of one change a few days apart are one change, on the day most
               reports give; a withdrawal within those days of a capture is the loser leaving, not a
               contest. A change dated only to a week or a month joins the change it fits.
    periods    one per change, [its day, the next change's day); before the first, the state the articles
               describe before it (statements dated earlier, the previous holder the change names). A
               place no change is known for has one period with no dates.
    statements "still holds", "remains in X's hands", shares, "nobody is in control", and changes the text
               does not date: evidence of the period they fall in when they agree with it. One that
               disagrees from another source, or a side that says it still holds, makes the period
               contested, and both sides' evidence stays in it. A statement of the state before a change,
               in the same article as the change ("the army-held town ... surrendered"), is history: it
               goes to the period it describes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from eventatlas.records import ControlEvidence, ControlPeriod, ControlPlace

MERGE_DAYS = 3  # outlets a day or two apart resolve "on Wednesday" to the same day, or misdate it by one
_SHARE_SAME = 0.05


@dataclass(frozen=True)
class State:
    controller: str | None  # None: contested
    share: float | None = None
    extent: str | None = None

    def same(self, other: "State") -> bool:
        if self.controller != other.controller or self.extent != other.extent:
            return False
        if self.share is None or other.share is None:
            return self.share is other.share
        return abs(self.share - other.share) <= _SHARE_SAME


@dataclass
class _Change:
    day: str
    state: State
    evidence: list[ControlEvidence] = field(default_factory=list)

    def days(self) -> list[str]:
        """The days its reports give; a departure folded into a capture does not date the capture."""
        own = [e for e in self.evidence if _state_of(e).same(self.state)] or self.evidence
        return [e.since if e.change is None else e.date for e in own]


@dataclass
class _Period:
    state: State
    since: str | None
    until: str | None
    evidence: list[ControlEvidence] = field(default_factory=list)
    disputes: list[ControlEvidence] = field(default_factory=list)
    started_by: _Change | None = None


def _day(s: str) -> date:
    return date.fromisoformat(s[:10])


def _is_day(e: ControlEvidence) -> bool:
    return e.date_given and e.date is not None and len(e.date) == 10 and e.date_end in (None, e.date)


def _state_of(e: ControlEvidence) -> State:
    if e.status == "contested":
        return State(None)
    return State(e.controller, e.share, e.extent if e.extent != "part" else None)


def _is_change(e: ControlEvidence) -> bool:
    return e.change is not None and e.extent != "part" and (e.status == "contested" or e.controller is not None)


def derive_periods(place: ControlPlace, evidence: list[ControlEvidence]) -> list[ControlPeriod]:
    evidence = sorted(evidence, key=lambda e: (e.date or "", e.published or "", e.document_id, e.start))
    changes, rest = _changes(evidence)
    periods = _periods(changes, rest)
    _place(periods, rest, changes)
    return [_record(place, p) for p in _merged(periods)]


def _changes(evidence: list[ControlEvidence]) -> tuple[list[_Change], list[ControlEvidence]]:
    """The dated changes of hands, each report of one change folded into it; and everything else."""
    candidates, rest = [], []
    for e in evidence:
        if _is_change(e) and _is_day(e):
            candidates.append((e.date, _state_of(e), e))
        elif e.change is None and e.status == "held" and e.since and len(e.since) == 10 and e.extent != "part":
            candidates.append((e.since, _state_of(e), e))  # "held in full by the M23 since 25 March"
            rest.append(e)  # and a statement of its own day
        else:
            rest.append(e)
    candidates.sort(key=lambda c: c[0])
    clusters: list[_Change] = []
    for day, state, e in candidates:
        last = clusters[-1] if clusters else None
        if last and last.state.same(state) and (_day(day) - _day(max(last.days()))).days <= MERGE_DAYS:
            last.evidence.append(e)
        else:
            clusters.append(_Change(day, state, [e]))
    clusters = _fold_departures(clusters)
    for c in clusters:
        c.day = _most_reported(c.days())
    clusters.sort(key=lambda c: c.day)
    out: list[_Change] = []
    for c in clusters:
        if out and out[-1].state.same(c.state):
            # a repeat of the change just before it, misdated by more than the window, is still that change
            out[-1].evidence.extend(c.evidence)
        elif out and out[-1].day == c.day:
            # two sources give the place to two holders on one day: it is contested from that day
            out[-1].evidence.extend(c.evidence)
            out[-1].state = State(None)
        else:
            out.append(c)
    # a change dated only to a week or a month joins the change of the same state it spans
    left = []
    for e in rest:
        fit = next((c for c in out if _is_change(e) and e.date_given and e.date and e.date_end and
                    c.state.same(_state_of(e)) and e.date <= c.day <= e.date_end), None) if not _is_day(e) else None
        if fit is not None:
            fit.evidence.append(e)
        else:
            left.append(e)
    return out, left


def _fold_departures(clusters: list[_Change]) -> list[_Change]:
    """"The army withdrew" on the day the M23 "took the town": one change, to the M23."""
    out = []
    for c in clusters:
        if c.state.controller is None:
            near = [t for t in clusters if t.state.controller is not None and
                    abs((_day(t.day) - _day(c.day)).days) <= MERGE_DAYS]
            if near:
                near[0].evidence.extend(c.evidence)
                continue
        out.append(c)
    return out


def _most_reported(days: list[str]) -> str:
    counts = Counter(days)
    best = max(counts.values())
    return min(d for d, n in counts.items() if n == best)


def _periods(changes: list[_Change], rest: list[ControlEvidence]) -> list[_Period]:
    if not changes:
        return [_Period(_settled(rest), None, None)] if rest else []
    first = changes[0]
    before = _state_before(first, rest)
    out = [_Period(before, None, first.day)] if before is not None else []
    for i, c in enumerate(changes):
        until = changes[i + 1].day if i + 1 < len(changes) else None
        out.append(_Period(c.state, c.day, until, list(c.evidence), started_by=c))
    # the report of a change names who held the place until then: evidence of that holder's period too
    for earlier, later in zip(out, out[1:]):
        if later.started_by is not None:
            earlier.evidence += [e for e in later.started_by.evidence
                                 if e.previous and e.previous == earlier.state.controller]
    return out


def _settled(statements: list[ControlEvidence]) -> State:
    """A place no change is known for: the state its statements give; contested when they disagree."""
    held = Counter(_state_of(e) for e in statements if e.status == "held" and e.change is None)
    controllers = {s.controller for s in held}
    if len(controllers) > 1 or not held:
        return State(None)
    return held.most_common(1)[0][0]


def _state_before(first: _Change, rest: list[ControlEvidence]) -> State | None:
    """Who held the place before its first known change: statements dated before it, statements in the
    change's own articles that describe another holder (history), else the previous holder it names."""
    docs = {e.document_id for e in first.evidence}
    votes: Counter[State] = Counter()
    for e in rest:
        if e.change is not None or e.status != "held" or e.extent == "part":
            continue
        earlier = e.date is not None and e.date < first.day
        history = e.document_id in docs and not e.persists and not _state_of(e).same(first.state)
        if earlier or history:
            votes[_state_of(e)] += 1
    if votes:
        return votes.most_common(1)[0][0]
    previous = Counter(e.previous for e in first.evidence if e.previous)
    return State(previous.most_common(1)[0][0]) if previous else None


def _containing(periods: list[_Period], day: str | None) -> _Period | None:
    for p in periods:
        if (p.since is None or (day is not None and p.since <= day)) and (p.until is None or (day or "") < p.until):
            return p
    return periods[-1] if periods and day is None else None


def _agrees(e: ControlEvidence, p: _Period) -> bool:
    if e.status == "contested":
        return p.state.controller is None
    return e.controller == p.state.controller


def _place(periods: list[_Period], statements: list[ControlEvidence], changes: list[_Change]) -> None:
    """Each statement into the period it is evidence of, or the period it disputes."""
    change_docs = {e.document_id for c in changes for e in c.evidence}
    for e in statements:
        undated_change = e.change is not None
        p = _containing(periods, e.date)
        if p is None:
            continue
        if _agrees(e, p):
            p.evidence.append(e)
            continue
        # only a holder is history: "nobody holds it" in an article that reports a change disputes it
        history = undated_change or (e.status == "held" and not e.persists and e.document_id in change_docs)
        if history:
            # a past change or an earlier state: the latest period before, held by whom it names
            back = [q for q in periods if (q.since or "") <= (e.date or "") and _agrees(e, q) and q is not p]
            if back:
                back[-1].evidence.append(e)
            continue
        p.disputes.append(e)
    for p in periods:
        if p.disputes:
            p.evidence += p.disputes
            p.state = State(None)


def _merged(periods: list[_Period]) -> list[_Period]:
    out: list[_Period] = []
    for p in periods:
        if out and out[-1].state.same(p.state):
            out[-1].until = p.until
            out[-1].evidence += p.evidence
        else:
            out.append(p)
    return out


def _record(place: ControlPlace, p: _Period) -> ControlPeriod:
    seen, evidence = set(), []
    for e in sorted(p.evidence, key=lambda e: (e.date or "", e.published or "", e.document_id, e.start)):
        if (e.claim_id, e.document_id) not in seen:
            seen.add((e.claim_id, e.document_id))
            evidence.append(e)
    claimants = sorted({e.controller for e in evidence if e.status == "held" and e.controller}) \
        if p.state.controller is None else []
    return ControlPeriod(
        id=f"{place.key}@{p.since or 'start'}", place=place, controller=p.state.controller,
        share=p.state.share, extent=p.state.extent, since=p.since, until=p.until,
        status="held" if p.state.controller else "contested", evidence=evidence,
        sources=sorted({e.outlet for e in evidence if e.outlet}), claimants=claimants)
