"""A small hand-built store for the page tests: events on several continents and days, six reports of one
incident with different figures, and an article whose text, title and fields carry live-looking markup."""

from __future__ import annotations

from pathlib import Path

from eventatlas.records import Actor, ArticleResult, Attribution, Document, Quantity
from eventatlas.store import open_store
from eventatlas.store.synthetic import event, place

# name, lat, lon, country, PLOVER type, day: far enough apart to stay separate markers at world zoom
SPREAD = [
    ("Bogotá", 4.71, -74.07, "CO", "PROTEST", "2024-03-02"),
    ("Lima", -12.05, -77.04, "PE", "PROTEST", "2024-03-04"),
    ("Kyiv", 50.45, 30.52, "UA", "ASSAULT", "2024-03-06"),
    ("Dhaka", 23.81, 90.41, "BD", "COERCE", "2024-03-09"),
    ("Jakarta", -6.21, 106.85, "ID", "AGREE", "2024-03-12"),
    ("Nairobi", -1.29, 36.82, "KE", "MOBILIZE", "2024-03-15"),
    ("Manila", 14.60, 120.98, "PH", "ACCUSE", "2024-03-18"),
    ("Lagos", 6.52, 3.38, "NG", "PROTEST", "2024-03-21"),
    ("Tehran", 35.69, 51.39, "IR", "THREATEN", "2024-03-24"),
    ("Sydney", -33.87, 151.21, "AU", "PROTEST", "2024-03-28"),
]

HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned='title'\">Bunia attack"
HOSTILE_SENTENCE = "Militia fighters <img src=x onerror=\"window.__pwned='img'\"> attacked Bunia, killing 5 people."
HOSTILE_TEXT = ("Residents described the night. <script>window.__pwned = 'script'</script>\n\n"
                + HOSTILE_SENTENCE + "\n\nThe <b>army</b> said it would respond.")


def _spread() -> list[ArticleResult]:
    out = []
    for i, (name, lat, lon, cc, etype, day) in enumerate(SPREAD):
        sentence = f"Crowds gathered in {name} on {day} as police watched."
        doc = Document(id=f"spread{i}", text=f"Report from {name}.\n\n{sentence}\n\nMore later.",
                       title=f"News from {name}", outlet="Test Wire", published=day,
                       url=f"https://example.org/{i}")
        out.append(ArticleResult(document=doc, events=[
            event(doc, 1, sentence, type=etype, day=day, where=place(name, lat, lon, cc))]))
    return out


def _incident() -> list[ArticleResult]:
    """Six outlets report the same shelling of Goma with different death tolls and sources."""
    out = []
    for doc_id, outlet, sentence, low, high, speaker in [
        ("goma-a", "Wire A", "Rebels shelled Goma on Sunday, killing 12 people, a UN spokesman said.", 12, 12,
         "UN spokesman"),
        ("goma-b", "Wire B", "Shelling by rebels killed between 15 and 20 people in Goma, local officials said.",
         15, 20, "local officials"),
        ("goma-c", "The Kivu Lakeside Evening Correspondent",
         "Rebel shells killed 14 people in Goma, the North Kivu provincial health directorate said.", 14, 14,
         "the North Kivu provincial health directorate"),
        ("goma-d", "Radio Grands Lacs", "Rebels shelled Goma, killing at least 20, residents of the Keshero "
         "neighbourhood told the radio.", 20, None, "residents of the Keshero neighbourhood"),
        ("goma-e", "Monitor East", "The shelling of Goma by rebels killed 13 people, the Kivu Security Tracker said.",
         13, 13, "the Kivu Security Tracker"),
        ("goma-f", "Wire F", "Rebels shelled Goma, killing 16 people, doctors at the CBCA Ndosho hospital said.",
         16, 16, "doctors at the CBCA Ndosho hospital"),
    ]:
        doc = Document(id=doc_id, text=f"Goma, DR Congo.\n\n{sentence} Aid groups were alarmed.",
                       title=f"Goma shelled ({outlet})", outlet=outlet, published="2024-03-10")
        out.append(ArticleResult(document=doc, events=[event(
            doc, 1, sentence, type="ASSAULT", day="2024-03-10", where=place("Goma", -1.68, 29.23, "CD"),
            actors=[Actor(role="agent", text="Rebels", name="rebels")],
            quantities=[Quantity(category="fatalities", low=low, high=high, approximate=False, text=str(high))],
            attribution=Attribution(speaker=speaker, affiliation=None, via=None, text=speaker),
            acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
        )]))
    return out


def _hostile() -> ArticleResult:
    doc = Document(id="hostile", text=HOSTILE_TEXT, title=HOSTILE_TITLE, outlet="<script>alert(1)</script>",
                   published="2024-03-26", url="javascript:window.__pwned='url'")
    return ArticleResult(document=doc, events=[event(
        doc, 1, HOSTILE_SENTENCE, type="ASSAULT", day="2024-03-26", where=place("Bunia", 1.56, 30.25, "CD"),
        actors=[Actor(role="agent", text="<b onmouseover=\"window.__pwned='actor'\">militia</b>", name="militia")],
        attribution=Attribution(speaker="<img src=y onerror=\"window.__pwned='speaker'\">", affiliation=None,
                                via=None, text="residents"),
    )])


def fill_store(path: Path) -> dict:
    """Write the corpus; returns what the tests need to know about it: event ids and day per event."""
    store = open_store(str(path))
    results = _spread() + _incident() + [_hostile()]
    for r in results:
        assert store.add_result(r), f"{r.document.id}: not stored"
    store.close()
    days = {e.id: e.date.start for r in results for e in r.events}
    with open_store(str(path), read_only=True) as s:
        incident_days = {i["id"]: i["date"]["start"] for i in s.iter_incidents()}
    return {"days": days, "incident_days": incident_days, "hostile": "hostile-e1", "goma": "goma-a-e1",
            "kyiv": "spread2-e1"}
