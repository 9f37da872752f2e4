"""Reading MUC-3/4 messages and answer-key templates into per-message slot values.

Keys are numbered slot lines ("4.  INCIDENT: TYPE   BOMBING") with continuation lines indented to the value
column; "*" marks a message with no relevant incident, "-" an empty slot, "?" an uncertain filler, and
"A" / "B" alternative strings for one filler."""

from __future__ import annotations

import datetime as dt
import re
from eventatlas.errors import GoldFormatError  # noqa: F401  (raised here; callers catch it from here)
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}
_ID = re.compile(r"^([A-Z0-9]+-MUC\d-\d{4})\b", re.M)
_SLOT = re.compile(r"^\s*(\d+)\.\s+([A-Z][A-Z ]*:[A-Z ]+?)(?:\s{2,}(.*))?$")
_DATE = re.compile(r"\b(?:(\d{1,2}) )?(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) (\d{2})\b")
_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z .'-]*?)(?:\s*\([A-Z .'-]+\))?,\s+(\d{1,2}) ([A-Z]{3}) (\d{2})\b", re.M)
_QUOTED = re.compile(r'"([^"]+)"')
CONFIDENCE = {"REPORTED AS FACT": "fact", "CLAIMED OR ADMITTED": "claimed", "SUSPECTED OR ACCUSED": "accused",
              "SUSPECTED OR ACCUSED BY AUTHORITIES": "accused", "POSSIBLE": "accused"}


@dataclass
class DateRange:
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class MucGold:
    """Slot values of one message, pooled over its templates (document-level role-filler scoring)."""
    types: set[str] = field(default_factory=set)
    dates: list[DateRange] = field(default_factory=list)
    locations: list[list[list[str]]] = field(default_factory=list)  # [component][alternative]
    perpetrators: list[list[str]] = field(default_factory=list)      # each filler: its alternatives
    confidences: list[tuple[list[str], str]] = field(default_factory=list)
    targets: list[list[str]] = field(default_factory=list)
    effects: set[str] = field(default_factory=set)
    optional: bool = False  # a key template marked OPTIONAL: credited when matched, not missed when not
    incidents: list[MucGold] = field(default_factory=list)  # a message's templates, each one incident

    def pool(self, other: MucGold) -> None:
        self.types |= other.types
        self.effects |= other.effects
        for name in ("dates", "locations", "perpetrators", "confidences", "targets"):
            getattr(self, name).extend(getattr(other, name))
        self.incidents.append(other)


@dataclass
class MucMessage:
    id: str
    split: str
    text: str
    published: str | None
    dateline_place: str | None
    gold: MucGold


def _year(yy: str) -> int:
    return 1900 + int(yy) if int(yy) > 30 else 2000 + int(yy)


def parse_day(day: str | None, mon: str, yy: str) -> tuple[dt.date, dt.date]:
    y, m = _year(yy), MONTHS[mon]
    if day:
        d = dt.date(y, m, int(day))
        return d, d
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    return dt.date(y, m, 1), last


def parse_date_value(value: str) -> list[DateRange]:
    """'30 DEC 89', '- 03 JAN 90' (on or before: taken as the month before), '03 JAN 90 - 05 JAN 90',
    'NOV 89' (the month)."""
    found = list(_DATE.finditer(value))
    if not found:
        return []
    try:
        spans = [parse_day(*m.groups()) for m in found]
    except ValueError:
        return []
    if value.strip().startswith("-"):
        end = spans[0][1]
        return [DateRange(end - dt.timedelta(days=31), end)]
    if len(spans) == 2 and re.search(r"\d{2}\s+-\s+\d", value):
        return [DateRange(spans[0][0], spans[1][1])]
    return [DateRange(a, b) for a, b in spans]


def _alternatives(line: str) -> list[str]:
    return [q.strip() for q in _QUOTED.findall(line) if q.strip()]


def _location(line: str) -> list[list[str]]:
    comps = []
    for comp in line.split(":"):
        alts = [re.sub(r"\([A-Z ]+\)", "", a).strip(" -?") for a in comp.split("/")]
        alts = [a for a in alts if a]
        if alts:
            comps.append(alts)
    return comps


def parse_templates(text: str) -> list[dict[int, list[str]]]:
    """Templates as {slot number: value lines}, in file order."""
    templates: list[dict[int, list[str]]] = []
    current: dict[int, list[str]] | None = None
    last = None
    for line in text.splitlines():
        m = _SLOT.match(line)
        if m:
            num = int(m.group(1))
            if num == 0:
                current = {}
                templates.append(current)
            if current is None:
                continue
            current[num] = [(m.group(3) or "").strip()]
            last = num
        elif line.strip() and current is not None and last is not None and line[:1].isspace():
            current[last].append(line.strip())
    return templates


def _slot_values(t: dict[int, list[str]], n: int) -> list[str]:
    return [v.lstrip("? ").strip() for v in t.get(n, []) if v.strip() not in ("", "-", "*")]


def template_gold(t: dict[int, list[str]]) -> MucGold:
    """The slots of one key template (one incident)."""
    g = MucGold(optional="OPTIONAL" in (t.get(1) or [""])[0])
    for v in _slot_values(t, 4):
        g.types.update(x.strip() for x in v.split("/") if x.strip())
    for v in _slot_values(t, 2):
        g.dates.extend(parse_date_value(v))
    for v in _slot_values(t, 3):
        loc = _location(v)
        if loc:
            g.locations.append(loc)
    for n in (9, 10):
        g.perpetrators.extend(a for a in (_alternatives(v) for v in _slot_values(t, n)) if a)
    for v in _slot_values(t, 11):
        label = v.split(":")[0].strip()
        alts = _alternatives(v)
        if label in CONFIDENCE and alts:
            g.confidences.append((alts, CONFIDENCE[label]))
    for n in (18, 19):
        g.targets.extend(a for a in (_alternatives(v) for v in _slot_values(t, n)) if a)
    for v in _slot_values(t, 23):
        label = v.split(":")[0].strip()
        if label in ("DEATH", "INJURY"):
            g.effects.add(label)
    return g


def gold_of(templates: list[dict[int, list[str]]]) -> dict[str, MucGold]:
    """Each message's gold: its templates' slot values pooled, and each template kept as an incident."""
    out: dict[str, MucGold] = {}
    for t in templates:
        mid = (t.get(0) or [""])[0].split()[0] if t.get(0) and t[0][0] else None
        if not mid:
            continue
        g = out.setdefault(mid, MucGold())
        if (t.get(1) or ["*"])[0].strip() == "*":
            continue  # no relevant incident in this message
        g.pool(template_gold(t))
    return out


def split_messages(text: str) -> list[tuple[str, str]]:
    """(message id, body) pairs of a MUC text file."""
    marks = list(_ID.finditer(text))
    return [(m.group(1), text[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip("\n"))
            for i, m in enumerate(marks)]


def dateline(body: str) -> tuple[str | None, str | None]:
    """(place, YYYY-MM-DD) of 'SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --'."""
    m = _DATELINE.search(body[:400])
    if not m or m.group(3) not in MONTHS:
        return None, None
    try:
        day = parse_day(m.group(2), m.group(3), m.group(4))[0]
    except ValueError:
        return m.group(1).strip(), None
    return m.group(1).strip(), day.isoformat()


def read_muc(path: str | Path) -> list[MucMessage]:
    """Messages of every text file under `path` (a folder like CORPORA/, or one text file) with the gold of
    the key files beside them (files named key-*). A message without a key is left out."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    key_files = [p for p in files if p.name.startswith("key-")]
    if path.is_file():
        key_files = sorted(path.parent.glob("key-*"))
    if not key_files:
        raise GoldFormatError(f"{path}: no MUC answer-key files (key-*) found")
    gold: dict[str, MucGold] = {}
    for kf in key_files:
        gold.update(gold_of(parse_templates(kf.read_text("latin-1"))))
    messages = []
    for f in files:
        if f.name.startswith("key-") or f.suffix in (".txt", ".md") or "README" in f.name or "info" in f.name:
            continue
        for mid, body in split_messages(f.read_text("latin-1")):
            if mid in gold:
                place, published = dateline(body)
                messages.append(MucMessage(mid, mid.split("-")[0].lower(), body, published, place, gold[mid]))
    if not messages:
        raise GoldFormatError(f"{path}: no MUC messages with answer keys found")
    return messages
