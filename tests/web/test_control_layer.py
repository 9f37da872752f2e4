"""The control layer and a place's panel, in a real browser (Debian's chromium through Playwright) against the
real API over a real SQLite store of hand-built articles with control claims (tests/control/control_articles.py):
Sinja held by the army, taken by the RSF on 11 January, retaken on 2 February and contested since."""

from __future__ import annotations

import pytest

from eventatlas.store import open_store

from tests.control.control_articles import RETOOK, RSF, SAF, SEIZED, STILL_HOLD, fill_control_store

from .conftest import Page, serve


@pytest.fixture(scope="module")
def control_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("web-control") / "control.db"
    with open_store(str(path)) as store:
        fill_control_store(store)
    yield from serve(path)


@pytest.fixture
def page(browser, control_server):
    p = Page(browser, control_server)
    yield p
    p.tab.close()


def markers(tab) -> dict[str, tuple[str, str]]:
    return tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll('path.ctl-marker')].map(
        m => [m.dataset.place, [m.dataset.controller, m.dataset.status]]))""")


def test_the_layer_colours_each_place_by_its_holder_at_the_brushed_date(page):
    page.open()
    tab = page.tab
    tab.check("#f-control")
    tab.wait_for_function("document.querySelectorAll('path.ctl-marker').length === 3")
    assert markers(tab) == {"Sinja": ["", "contested"], "Sennar": [SAF, "held"], "Wad Madani": [RSF, "held"]}
    assert "Control, latest" in tab.inner_text("#control-legend")
    fills = tab.evaluate("[...document.querySelectorAll('path.ctl-marker')].map(m => m.getAttribute('fill'))")
    assert len(set(fills)) == 3, "three holders, three colours"

    # brush the first days of the timeline (events on 11 January and 2 February): the range ends in January
    page.brush(0.05, 0.3)
    tab.wait_for_function("document.querySelector('#control-legend').textContent.includes('Control on 2026-01')")
    tab.wait_for_function("document.querySelector('path.ctl-marker[data-place=Sinja]').dataset.status === 'held'")
    assert markers(tab)["Sinja"] == [RSF, "held"]
    assert page.errors == []


def test_a_place_panel_shows_its_timeline_with_each_change_s_evidence_and_sources(page, tmp_path):
    page.open()
    tab = page.tab
    tab.check("#f-control")
    tab.wait_for_selector("path.ctl-marker[data-place=Sinja]")
    tab.locator("path.ctl-marker[data-place=Sinja]").click()
    tab.wait_for_selector(".place .ctl-period")
    periods = tab.locator(".ctl-period")
    assert periods.count() == 3
    heads = periods.locator(".ctl-period-head").all_inner_texts()
    assert SAF in heads[0] and "until 2026-01-11" in heads[0]
    assert RSF in heads[1] and "2026-01-11 → 2026-02-02" in heads[1]
    assert "contested" in heads[2] and RSF in heads[2] and SAF in heads[2] and "since 2026-02-02" in heads[2]
    evidence = [periods.nth(i).locator(".ctl-ev q").all_inner_texts() for i in range(3)]
    assert SEIZED in evidence[0] and SEIZED in evidence[1], "the seizure ends one period and starts the next"
    assert set(evidence[2]) == {RETOOK, STILL_HOLD}, "both sides of the contest, side by side"
    assert "Wire B" in periods.nth(2).inner_text() and "Wire C" in periods.nth(2).inner_text()

    tab.screenshot(path=str(tmp_path / "place.png"))
    periods.nth(1).locator("a.read").first.click()  # the article behind the evidence opens in the reader
    tab.wait_for_selector("#reader .doc-text")
    assert SEIZED in tab.inner_text("#reader .doc-text")
    assert page.errors == []
