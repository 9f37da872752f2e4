"""What an analyst does on the page, in a real browser against the real API and store."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse
from urllib.request import urlopen

from .web_corpus import HOSTILE_SENTENCE, SPREAD


def test_page_maps_incidents_and_opens_the_evidence_of_a_clicked_marker(page, web_db, tmp_path):
    page.open()
    tab = page.tab
    tab.wait_for_selector("path.ev-marker")
    assert tab.locator("path.ev-marker").count() >= len(SPREAD) - 2, "most far-apart incidents are separate markers"
    assert page.status_count() == len(web_db[1]["incident_days"])
    assert "incidents" in tab.inner_text("#status")

    kyiv = web_db[1]["kyiv"]  # an incident of one report, named after it
    tab.locator(f'path.ev-marker[data-incident-id="{kyiv}"]').click()
    tab.wait_for_selector(f'.incident[data-incident-id="{kyiv}"]')
    evidence = tab.inner_text(".source.first mark.evidence")
    assert evidence == "Crowds gathered in Kyiv on 2024-03-06 as police watched."
    # the sentence is shown inside its paragraph, which here is exactly that sentence's line
    assert tab.inner_text(".source.first .paragraph") == evidence
    assert "Kyiv" in tab.inner_text(".event h2")
    assert "2024-03-06" in tab.inner_text(".facts")
    tab.screenshot(path=str(tmp_path / "event.png"))
    assert (tmp_path / "event.png").stat().st_size > 10_000
    assert page.errors == []


def test_an_incident_is_one_marker_and_its_reports_come_on_demand(page, web_db, tmp_path):
    goma = web_db[1]["goma"]
    page.open(f"#incident={goma}")
    tab = page.tab
    tab.wait_for_selector(f'.incident[data-incident-id="{goma}"]')
    # the map zooms to the incident's marker: one marker for the six reports
    tab.wait_for_selector(f'path.ev-marker[data-incident-id="{goma}"]')
    assert tab.locator("path.ev-marker[data-event-id]").count() == 0
    assert tab.inner_text(".report-count").startswith("6 reports in 6 articles")
    assert tab.locator(".incident .source").count() == 6
    assert tab.locator("table.figures .fig-src").count() == 6
    tab.screenshot(path=str(tmp_path / "incident.png"))
    tab.locator(".incident .report-link").nth(2).click()  # one report on its own, and back to its incident
    tab.wait_for_selector(".event[data-event-id]")
    tab.locator(".incident-link").click()
    tab.wait_for_selector(f'.incident[data-incident-id="{goma}"]')

    page.show("report")
    assert page.status_count() == len(web_db[1]["days"])
    assert tab.locator("path.ev-marker[data-event-id]").count() >= 1
    assert tab.locator("path.ev-marker[data-incident-id]").count() == 0
    assert page.errors == []


def test_page_works_offline_every_request_stays_on_the_server(page):
    page.open()
    page.tab.wait_for_selector("path.ev-marker")
    hosts = {urlparse(u).netloc for u in page.requests if not u.startswith("data:")}
    assert hosts == {urlparse(page.base).netloc}
    assert page.tab.locator("#map path.leaflet-interactive, #map svg path").count() > 100, "country outlines drawn"
    assert page.errors == []


def test_untrusted_article_markup_is_shown_as_text_and_never_runs(page, web_db, tmp_path):
    hostile = web_db[1]["hostile"]
    page.open(f"#event={hostile}")
    tab = page.tab
    tab.wait_for_selector(f'.event[data-event-id="{hostile}"]')
    assert tab.inner_text(".source.first mark.evidence") == HOSTILE_SENTENCE
    panel = tab.locator("#panel")
    assert panel.locator("img, script, b[onmouseover]").count() == 0
    assert "<script>alert(1)</script>" in panel.inner_text()
    assert panel.locator("a.ext").count() == 0, "a javascript: URL is not made a link"

    tab.locator(".source.first a.read").click()
    tab.wait_for_selector("#reader .doc-text")
    reader = tab.locator("#reader")
    assert reader.locator("img, script").count() == 0
    assert "<script>window.__pwned = 'script'</script>" in tab.inner_text("#reader .doc-text")
    assert tab.inner_text("#reader mark.ev.focus") == HOSTILE_SENTENCE
    assert tab.inner_text("#reader h2").startswith("<img src=x")
    tab.mouse.move(700, 300)
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__pwned") is None
    tab.screenshot(path=str(tmp_path / "reader.png"))


def test_the_reports_of_one_incident_and_their_figures_fit_the_panel(page, web_db, server, tmp_path):
    goma = web_db[1]["goma"]
    with urlopen(f"{server}/api/events/{goma}") as r:
        detail = json.load(r)
    sources = detail["figures"]["fatalities"]["sources"]
    assert len(sources) >= 5
    page.open(f"#event={goma}")
    tab = page.tab
    tab.wait_for_selector(f'.event[data-event-id="{goma}"]')
    assert tab.locator(".source").count() == len(detail["sources"])
    assert tab.locator("table.figures .fig-src").count() == len(sources)
    shown = tab.inner_text("table.figures")
    for f in sources:
        amount = str(f["low"]) if f["low"] == f["high"] else f"{f['low']}+" if f["high"] is None else \
            f"{f['low']}–{f['high']}"
        assert amount in shown and f["speaker"] in shown
    best = detail["figures"]["fatalities"]["best"]
    assert tab.inner_text("table.figures .fig-sum td.best") == str(best)
    # however many sources, nothing overflows the panel sideways
    widths = tab.evaluate("""() => { const p = document.querySelector('#panel');
        const t = document.querySelector('table.figures');
        return [p.scrollWidth, p.clientWidth, t.getBoundingClientRect().right, p.getBoundingClientRect().right]; }""")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths
    tab.screenshot(path=str(tmp_path / "figures.png"))
    assert "UN spokesman" in tab.inner_text(".source.first .attr")


def test_brushing_the_timeline_keeps_only_that_date_range(page, web_db):
    page.open()
    tab = page.tab
    total = page.status_count()
    box = page.brush(0.15, 0.45)
    y = box["y"] + box["height"] / 2
    label = tab.inner_text("#timeline-label")
    since, until = re.search(r"showing (\S+) to (\S+)", label).groups()
    expected = sum(since <= day <= until for day in web_db[1]["incident_days"].values())
    assert 0 < expected < total
    page.wait_count(expected)
    assert page.status_count() == expected
    listed = tab.locator(".event-list li").count()
    assert listed == expected, "everything in the range is in view and listed"

    tab.mouse.click(box["x"] + box["width"] * 0.8, y)  # a click without a drag clears the range
    page.wait_count(total)
    assert "drag across" in tab.inner_text("#timeline-label")


def test_type_status_and_text_filters_ask_the_api(page, web_db):
    page.open()
    tab = page.tab
    tab.select_option("#f-type", "PROTEST")
    n_protest = sum(1 for row in SPREAD if row[4] == "PROTEST")
    page.wait_count(n_protest)
    assert set(tab.locator(".event-list li b").all_inner_texts()) == {"PROTEST"}
    page.show("report")  # the same filters at report level: no protest here has a second report
    page.wait_count(n_protest)
    page.show("incident")

    tab.select_option("#f-type", "")
    tab.fill("#f-q", "spokesman")  # only in the first Goma report; stemmed full-text would match both on "shelled"
    page.wait_count(1)
    assert "Rebels shelled Goma" in tab.inner_text(".event-list")

    tab.fill("#f-q", "")
    tab.select_option("#f-status", "denied")
    page.wait_count(0)
    assert page.errors == []
