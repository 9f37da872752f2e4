"""Hand-built articles about an invented spring of fighting in Sudan's Sennar state, each with its control
claims (records.ControlStatement) and an event or two, for the store, API, CLI and page tests. The places
are real; the events, outlets and sentences are written for these tests."""

from __future__ import annotations

from eventatlas.records import Actor, ArticleResult, Document
from eventatlas.store.synthetic import control_claim, event, place

RSF, SAF = "Rapid Support Forces", "Sudanese Armed Forces"
SINJA = place("Sinja", 13.15, 33.93, "SD", admin1="Sennar", text="Sinja")
SENNAR = place("Sennar", 13.57, 33.57, "SD", admin1="Sennar")
WAD_MADANI = place("Wad Madani", 14.40, 33.52, "SD", admin1="Gezira")

SEIZED = "The Rapid Support Forces seized the army-held town of Sinja on Sunday, residents said."
RETOOK = "The Sudanese army retook Sinja on Monday after two days of fighting."
STILL_HOLD = "Residents said RSF fighters still hold the centre of Sinja."
SENNAR_HELD = "The army still holds Sennar."
SHARE = "About 60% of Wad Madani is controlled by the RSF."


def _doc(doc_id: str, outlet: str, published: str, *sentences: str) -> Document:
    return Document(id=doc_id, text="\n\n".join(sentences), title=f"{outlet}: Sennar state", outlet=outlet,
                    url=f"https://example.org/{doc_id}", published=published)


def control_articles() -> list[ArticleResult]:
    a = _doc("sinja-seized", "Wire A", "2026-01-12", "Fighting spread along the Blue Nile.", SEIZED)
    b = _doc("sinja-retaken", "Wire B", "2026-02-03", RETOOK)
    c = _doc("sinja-centre", "Wire C", "2026-02-05", STILL_HOLD)
    d = _doc("sennar-held", "Wire A", "2026-03-01", SENNAR_HELD)
    e = _doc("madani-share", "Wire B", "2026-03-10", SHARE)
    rsf = [Actor(role="agent", text="The Rapid Support Forces", name=RSF, type="rebel")]
    return [
        ArticleResult(document=a, events=[event(a, 1, SEIZED, day="2026-01-11", where=SINJA, actors=rsf)],
                      claims=[control_claim(a, 1, SEIZED, where=SINJA, holder=RSF, change="took", day="2026-01-11",
                                            previous=SAF)]),
        ArticleResult(document=b, events=[event(b, 1, RETOOK, day="2026-02-02", where=SINJA)],
                      claims=[control_claim(b, 1, RETOOK, where=SINJA, holder=SAF, change="took", day="2026-02-02")]),
        ArticleResult(document=c, claims=[control_claim(c, 1, STILL_HOLD, where=SINJA, holder=RSF, extent="part",
                                                        persists=True)]),
        ArticleResult(document=d, claims=[control_claim(d, 1, SENNAR_HELD, where=SENNAR, holder=SAF, persists=True)]),
        ArticleResult(document=e, claims=[control_claim(e, 1, SHARE, where=WAD_MADANI, holder=RSF, share=0.6)]),
    ]


def fill_control_store(store) -> None:
    """Store the articles and keep their control periods current, as ingest does."""
    from eventatlas.control import ControlStep

    step = ControlStep(geocoder=None)  # every place here is resolved already
    for result in control_articles():
        assert store.add_result(result)
        step.update(store, result)
