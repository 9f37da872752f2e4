"""The incidents scorer's own parts: which stored event stands for each golden report, and the baseline
grouping, on hand-made events (the scorer itself runs the whole pipeline: `eventatlas eval incidents`)."""

from __future__ import annotations

from eventatlas.evaluate.incidents import Golden, GoldReport, align, baseline_groups

TEXT = "Sudan's army accused the RSF on Monday of shelling the camp. The shelling killed nine people."


def ev(eid: str, type: str, sentence: str, *, admin1: str | None = "Southern Kordofan", day: str = "2026-03-16"):
    start = TEXT.index(sentence)
    return {"id": eid, "type": type, "date": {"start": day, "end": day},
            "location": {"country_code": "SD", "admin1": admin1}, "document": {"id": "doc"},
            "evidence": {"text": sentence, "start": start, "end": start + len(sentence)}}


def test_each_report_gets_one_event_its_own_type_first():
    accusation = "Sudan's army accused the RSF on Monday of shelling the camp."
    golden = Golden(reports=[GoldReport("i1", "a", "army accused the RSF", "verbal_conflict"),
                             GoldReport("i2", "a", "The shelling killed nine", "material_conflict")],
                    figures={}, types={"i1": "ACCUSE", "i2": "ASSAULT"})
    events = [ev("e1", "ASSAULT", accusation),  # the act the accusation names: no report of its own
              ev("e2", "ACCUSE", accusation), ev("e3", "ASSAULT", "The shelling killed nine people.")]
    found = align(golden, events, {"doc": TEXT}, {"doc": "a"})
    assert [e["id"] for e in found] == ["e2", "e3"]


def test_baseline_groups_by_quad_class_admin1_and_day():
    a = ev("e1", "ASSAULT", "The shelling killed nine people.")
    b = ev("e2", "COERCE", "The shelling killed nine people.")  # one quad class: material conflict
    c = ev("e3", "ASSAULT", "The shelling killed nine people.", day="2026-03-17")
    d = ev("e4", "ASSAULT", "The shelling killed nine people.", admin1=None)
    keys = baseline_groups([a, b, c, d])
    assert keys[0] == keys[1] and len({keys[0], keys[2], keys[3]}) == 3
