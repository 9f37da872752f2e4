"""The web page in a real browser: the real API (create_app) over a real SQLite store, served by uvicorn on a
loopback port, driven by Playwright through Debian's chromium. Skipped, with the reason, when either is absent."""

from __future__ import annotations

from eventatlas import Atlas, Settings

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .web_corpus import fill_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("web") / "events.db"
    return path, fill_store(path)


def serve(db: Path):
    """The real app over a store, served by uvicorn on a free loopback port: yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (pip install eventatlas[serve])")
    from eventatlas.serve.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(Atlas(Settings(db=str(db)))), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(web_db) -> str:
    yield from serve(web_db[0])


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


class Page:
    """A fresh browser tab on the atlas that records what went wrong: script errors, failed or foreign requests."""

    def __init__(self, browser, base: str):
        self.base = base
        # bypass_csp: the page's Content-Security-Policy would block Playwright's own polling scripts; it also
        # means the markup test proves the rendering safe on its own, without the CSP as a second net
        self.tab = browser.new_page(viewport={"width": 1400, "height": 850}, bypass_csp=True)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.tab.on("pageerror", lambda e: self.errors.append(f"script error: {e}"))
        self.tab.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.tab.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status} {r.url}"))

    def open(self, fragment: str = "") -> "Page":
        self.tab.goto(self.base + "/" + fragment)
        self.tab.wait_for_selector("#map[data-basemap=ready]", timeout=15_000)
        self.tab.wait_for_function("/^[0-9,]+ (events?|incidents?) /.test("
                                   "document.querySelector('#status').textContent + ' ')")
        return self

    def show(self, level: str) -> "Page":
        """Switch the map between incidents and reports ("incident" or "report") and wait for it."""
        noun = "incident" if level == "incident" else "event"
        self.tab.select_option("#f-level", level)
        self.tab.wait_for_function(f"/^[0-9,]+ {noun}s? /.test(document.querySelector('#status').textContent + ' ')")
        return self

    def wait_count(self, n: int) -> None:
        """Wait until the status line says the page shows n events (or incidents)."""
        self.tab.wait_for_function(
            "n => /^[0-9,]+ (events?|incidents?) /.test(document.querySelector('#status').textContent + ' ') && "
            "parseInt(document.querySelector('#status').textContent.replace(/,/g, '')) === n", arg=n, timeout=10_000)

    def brush(self, start: float, end: float) -> dict:
        """Drag across the timeline from `start` to `end` (fractions of its width); returns its box."""
        box = self.tab.locator("#timeline svg").bounding_box()
        y = box["y"] + box["height"] / 2
        self.tab.mouse.move(box["x"] + box["width"] * start, y)
        self.tab.mouse.down()
        self.tab.mouse.move(box["x"] + box["width"] * end, y, steps=5)
        self.tab.mouse.up()
        return box

    def status_count(self) -> int:
        text = self.tab.inner_text("#status")
        return int(text.split(" ")[0].replace(",", ""))


@pytest.fixture
def page(browser, server):
    p = Page(browser, server)
    yield p
    p.tab.close()
