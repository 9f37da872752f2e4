"""Reading URLs against a real HTTP server on 127.0.0.1 (a free port picked by the OS), which the user allows
(settings.allow_private_urls): by default a loopback address is refused (test_fetch_guard.py)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventatlas.config import Settings
from eventatlas.ingest import IngestError
from eventatlas.ingest.fetch import fetch
from .ingest_helpers import FIXTURES, read_all, read_one, reject_one

LOCAL = Settings(allow_private_urls=True)

ROUTES = {
    "/story": ("text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes()),
    "/feed": ("application/rss+xml", (FIXTURES / "feed.rss").read_bytes()),
    # a feed served with a vague content type: the bytes say what it is
    "/feed-as-text": ("text/xml", (FIXTURES / "feed.atom").read_bytes()),
    "/plain": ("text/plain; charset=windows-1252", (FIXTURES / "cp1252.txt").read_bytes()),
    "/json": ("application/json", (FIXTURES / "article.json").read_bytes()),
    "/chrome": ("text/html", (FIXTURES / "nav_only.html").read_bytes()),
    "/big": ("text/html",
             b"<html><body><p>" + b"Troops fought rebels, officials said. " * 2000 + b"</p></body></html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        ctype, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test): nothing to report

    def log_message(self, *args):  # keep test output clean
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client hanging up mid-answer is expected here, not news


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_html_page_is_fetched_and_read_with_its_metadata(server):
    doc = read_one(f"{server}/story", LOCAL)
    assert doc.title == "Gunmen attack army post in northern Mali"
    assert doc.outlet == "Sahel Wire" and doc.published == "2026-02-27"
    assert doc.source == f"{server}/story"
    assert doc.text.startswith("BAMAKO (AFP)")


def test_a_feed_url_yields_its_entries(server):
    docs, rejections = read_all(f"{server}/feed", settings=LOCAL)
    assert [d.outlet for d in docs] == ["Levant Dispatch", "Levant Dispatch"]
    assert len(rejections) == 1  # the empty entry


def test_content_type_that_says_little_falls_back_to_sniffing(server):
    assert read_one(f"{server}/feed-as-text", LOCAL).outlet == "Andes Times"
    assert "caf\u00e9" in read_one(f"{server}/plain", LOCAL).text  # charset from the header
    assert read_one(f"{server}/json", LOCAL).outlet == "Gulf Post"


def test_a_redirect_is_followed_and_the_final_url_is_kept(server):
    source = fetch(f"{server}/moved", LOCAL)
    assert source.url == f"{server}/story" and source.name == f"{server}/moved"


def test_http_errors_are_one_line_rejections(server):
    assert reject_one(f"{server}/missing", LOCAL).reason == "fetch failed: HTTP 404 Not Found"
    assert "no article text" in reject_one(f"{server}/chrome", LOCAL).reason
    small = Settings(max_bytes=20_000, allow_private_urls=True)
    assert "over the" in reject_one(f"{server}/big", settings=small).reason


def test_a_refused_connection():
    import socket
    with socket.socket() as s:  # a port that was free a moment ago and has nobody listening now
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rej = reject_one(f"http://127.0.0.1:{port}/story", LOCAL)
    assert rej.reason.startswith("fetch failed:") and "refused" in rej.reason.lower()


def test_a_server_that_does_not_answer_in_time(server):
    with pytest.raises(IngestError, match="no complete answer within 0.5 s"):
        fetch(f"{server}/slow", LOCAL, timeout=0.5)
