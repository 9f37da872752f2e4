"""WikiEvents (dev.jsonl, gen-arg release): news articles with KAIROS event mentions, their arguments and the
coreference clusters of the entities (coref_<split>.jsonlines beside the file).

The pipeline reads each article whole. Scores:
- event detection by sentence (the gold's sentences are the article's lines): which PLOVER types each line
  holds, gold types from the KAIROS types through data/kairos_plover.tsv; micro P/R/F1 over (line, type), any
  event at all per line, and macro-F1 over the PLOVER types of the gold;
- attacks (Conflict.Attack.*): the lines holding one, and the attacker / target / place of the article's attacks
  as role fillers (document level, as MUC scores them): a predicted filler matches a gold argument when it
  matches the argument or any mention of its coreference cluster.
Baseline: a keyword list (data/plover_keywords.tsv), with the first / second capitalised phrase of an attack
line as attacker / target and a capitalised phrase after in/at/near as its place."""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.evaluate import SETS, GoldSet
from eventatlas.evaluate.baselines import KeywordBaseline, read_tsv
from eventatlas.evaluate.gold import numbered_lines
from eventatlas.evaluate.matching import spans_of
from eventatlas.evaluate.metrics import SlotTally, per_class, rounded
from eventatlas.evaluate.muc import PRONOUN
from eventatlas.evaluate.plover import capitalised_phrases
from eventatlas.evaluate.textmatch import loose_match
from eventatlas.errors import GoldFormatError

ATTACK = "ASSAULT"
ROLES = {"attacker": ("Attacker",), "target": ("Target",), "place": ("Place",)}
_PLACE_AFTER = re.compile(r"\b(?:in|at|near|outside)\s+((?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)")


@dataclass
class GoldArgument:
    role: str
    mentions: list[str]  # the argument's text and every mention of its coreference cluster


@dataclass
class WikiEvent:
    kind: str            # KAIROS type
    plover: str | None   # mapped PLOVER type, None where PLOVER codes no event
    line: int
    arguments: list[GoldArgument] = field(default_factory=list)

    @property
    def is_attack(self) -> bool:
        return self.kind.startswith("Conflict.Attack")


@dataclass
class WikiDoc:
    id: str
    text: str
    lines: list[tuple[int, int]]  # character ranges of the gold's sentences (the article's lines)
    events: list[WikiEvent]


@functools.cache
def kairos_map() -> dict[str, str | None]:
    return {r[0].strip(): (None if r[1].strip() == "-" else r[1].strip()) for r in read_tsv("kairos_plover.tsv")}


def plover_of(kind: str) -> tuple[bool, str | None]:
    """(known, PLOVER type) of a KAIROS type; an unlisted subtype takes its parent's Unspecified row."""
    table = kairos_map()
    for key in (kind, ".".join(kind.split(".")[:2] + ["Unspecified"])):
        if key in table:
            return True, table[key]
    return False, None


def article_text(sentences: list) -> tuple[str, list[tuple[int, int]]]:
    """The article as its token offsets lay it out, lines apart by newlines where the gold removed the breaks."""
    end = max(tok[2] for toks, _ in sentences for tok in toks)
    chars = [" "] * end
    lines = []
    for toks, text in sentences:
        start, stop = toks[0][1], toks[-1][2]
        if len(text) == stop - start:
            chars[start:stop] = text
        else:  # the line's own string disagrees with its offsets: lay the tokens out instead
            for tok, s, e in toks:
                chars[s:e] = tok[: e - s].ljust(e - s)
        lines.append((start, stop))
    for (_, prev_end), (next_start, _) in zip(lines, lines[1:]):
        chars[prev_end:next_start] = "\n" * (next_start - prev_end)
    return "".join(chars), lines


def _clusters(path: Path) -> dict[str, list[list[str]]]:
    if not path.exists():
        return {}
    out = {}
    for n, line in numbered_lines(path, GoldFormatError):
        try:
            rec = json.loads(line)
            out[rec["doc_key"]] = rec.get("clusters", [])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(f"{path}: line {n}: not a coreference record ({type(exc).__name__})") from None
    return out


def _doc(rec: dict, clusters: list[list[str]], unknown: set[str]) -> WikiDoc:
    text, lines = article_text(rec["sentences"])
    mention_text = {m["id"]: m["text"] for m in rec.get("entity_mentions", [])}
    cluster_of = {eid: ids for ids in clusters for eid in ids}
    events = []
    for ev in rec.get("event_mentions", []):
        known, plover = plover_of(ev["event_type"])
        if not known:
            unknown.add(ev["event_type"])
        args = []
        for arg in ev.get("arguments", []):
            ids = cluster_of.get(arg["entity_id"], [arg["entity_id"]])
            texts = [arg.get("text")] + [mention_text.get(i) for i in ids]
            args.append(GoldArgument(arg["role"], [t for t in dict.fromkeys(texts) if t]))
        events.append(WikiEvent(ev["event_type"], plover, ev["trigger"]["sent_idx"], args))
    return WikiDoc(rec["doc_id"], text, lines, events)


def read_wikievents(path: str | Path) -> tuple[list[WikiDoc], set[str]]:
    """The documents of a WikiEvents file (or of dev.jsonl in a folder) and the KAIROS types it uses that the
    mapping does not know (scored as no PLOVER event)."""
    path = Path(path)
    if path.is_dir():
        path = path / "dev.jsonl"
    clusters = _clusters(path.with_name(f"coref_{path.stem}.jsonlines"))
    docs, unknown = [], set()
    for n, line in numbered_lines(path, GoldFormatError):
        try:
            rec = json.loads(line)
            docs.append(_doc(rec, clusters.get(rec["doc_id"], []), unknown))
        except (json.JSONDecodeError, KeyError, IndexError, TypeError, ValueError) as exc:
            reason = f"{type(exc).__name__}: {exc}"
            raise GoldFormatError(f"{path}: line {n}: not a WikiEvents document ({reason})") from None
    if not docs:
        raise GoldFormatError(f"{path}: no WikiEvents documents")
    return docs, unknown


def line_of(lines: list[tuple[int, int]], offset: int) -> int:
    return max(0, bisect.bisect_right([s for s, _ in lines], offset) - 1)


def gold_lines(doc: WikiDoc) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for ev in doc.events:
        if ev.plover:
            out.setdefault(ev.line, set()).add(ev.plover)
    return out


def gold_fillers(doc: WikiDoc) -> dict[str, list[list[str]]]:
    """role -> the article's attack arguments in that role, each as its mention texts (pronouns left out)."""
    out: dict[str, list[list[str]]] = {role: [] for role in ROLES}
    for ev in doc.events:
        if not ev.is_attack:
            continue
        for arg in ev.arguments:
            for role, names in ROLES.items():
                texts = [t for t in arg.mentions if not PRONOUN.match(t.strip())]
                if arg.role in names and texts and texts not in out[role]:
                    out[role].append(texts)
    return out


def predicted_lines(doc: WikiDoc, result) -> tuple[dict[int, set[str]], dict[str, list[str]]]:
    """Types per line of the pipeline's events, and the fillers of its attacks."""
    lines: dict[int, set[str]] = {}
    fillers: dict[str, list[str]] = {role: [] for role in ROLES}
    for ev in (result.events if result else []):
        for start, _ in spans_of(ev):
            lines.setdefault(line_of(doc.lines, start), set()).add(ev.type)
        if ev.type != ATTACK:
            continue
        fillers["attacker"] += [a.text for a in ev.actors if a.role == "agent"]
        fillers["target"] += [a.text for a in ev.actors if a.role == "target"]
        if ev.location is not None:
            fillers["place"].append(ev.location.text or ev.location.name)
    return lines, {r: [x for x in dict.fromkeys(v) if x and not PRONOUN.match(x.strip())] for r, v in fillers.items()}


def baseline_lines(doc: WikiDoc) -> tuple[dict[int, set[str]], dict[str, list[str]]]:
    kw = KeywordBaseline.from_file("plover_keywords.tsv")
    lines: dict[int, set[str]] = {}
    fillers: dict[str, list[str]] = {role: [] for role in ROLES}
    for i, (start, end) in enumerate(doc.lines):
        text = doc.text[start:end]
        found = kw.all(text)
        if found:
            lines[i] = found
        if ATTACK in found:
            phrases = capitalised_phrases(text)
            fillers["attacker"] += phrases[:1]
            fillers["target"] += phrases[1:2]
            fillers["place"] += [m.group(1) for m in _PLACE_AFTER.finditer(text)][:1]
    return lines, {r: list(dict.fromkeys(v)) for r, v in fillers.items()}


def _filler_match(gold: list[str], pred: str) -> bool:
    return any(loose_match(g, pred) for g in gold)


class Tally:
    """Counts of one system over the set."""

    def __init__(self):
        self.pairs = SlotTally()    # (line, type)
        self.lines = SlotTally()    # lines with any event
        self.attacks = SlotTally()  # lines with an attack
        self.roles = {role: SlotTally() for role in ROLES}
        self.gold_labels: list[str] = []
        self.pred_labels: list[str] = []

    def add(self, doc: WikiDoc, pred: dict[int, set[str]], fillers: dict[str, list[str]]) -> None:
        gold = gold_lines(doc)
        pairs = lambda d: [(i, t) for i, ts in d.items() for t in sorted(ts)]  # noqa: E731
        self.pairs.add(pairs(gold), pairs(pred))
        self.lines.add(sorted(gold), sorted(pred))
        # a line is an attack line when it holds a Conflict.Attack trigger (a death alone is not one)
        self.attacks.add(sorted({ev.line for ev in doc.events if ev.is_attack}),
                         [i for i, ts in pred.items() if ATTACK in ts])
        for role, items in gold_fillers(doc).items():
            self.roles[role].add(items, fillers[role], _filler_match)
        for i in range(len(doc.lines)):  # one label per (line, type) of either side, for per-type F1
            for t in sorted(gold.get(i, set()) | pred.get(i, set())):
                self.gold_labels.append(t if t in gold.get(i, set()) else "none")
                self.pred_labels.append(t if t in pred.get(i, set()) else "none")

    def scores(self, gold_types: list[str]) -> dict:
        per = per_class(self.gold_labels, self.pred_labels, gold_types)
        out = {"event_f1": self.pairs.f1, "event_precision": self.pairs.precision, "event_recall": self.pairs.recall,
               "line_f1": self.lines.f1, "type_macro_f1": sum(s.f1 for s in per.values()) / len(per) if per else 0.0,
               "attack_line_f1": self.attacks.f1}
        for role, t in self.roles.items():
            out[f"{role}_f1"] = t.f1
            out[f"{role}_precision"], out[f"{role}_recall"] = t.precision, t.recall
        return out


def score(path: Path, runner, limit: int | None = None) -> dict:
    docs, unknown = read_wikievents(path)
    docs = docs[:limit]
    results = runner.run([(d.text, None) for d in docs], desc="wikievents")
    ours, base = Tally(), Tally()
    for doc, res in zip(docs, results):
        ours.add(doc, *predicted_lines(doc, res))
        base.add(doc, *baseline_lines(doc))
    gold_types = sorted({t for d in docs for ts in gold_lines(d).values() for t in ts})
    out: dict = {"n": len(docs), "n_lines": sum(len(d.lines) for d in docs),
                 "n_events": sum(len(d.events) for d in docs), "n_unmapped_types": len(unknown),
                 "n_attack_arguments": sum(len(v) for d in docs for v in gold_fillers(d).values())}
    b = base.scores(gold_types)
    for metric, value in ours.scores(gold_types).items():
        out[metric] = value
        out[f"baseline_{metric}"] = b[metric]
    out["attack_argument_f1"] = sum(out[f"{r}_f1"] for r in ROLES) / len(ROLES)
    out["baseline_attack_argument_f1"] = sum(b[f"{r}_f1"] for r in ROLES) / len(ROLES)
    return rounded(out)


SETS.register("wikievents")(GoldSet(
    "wikievents", "wikievents/dev.jsonl", "fresh",
    "keyword list; first/second capitalised phrase and 'in X' as attacker/target/place", score,
    "WikiEvents dev: PLOVER event detection by line; attacker/target/place F1 of attacks"))
