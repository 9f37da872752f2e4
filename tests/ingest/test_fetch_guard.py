"""What a fetch may reach: public addresses only, unless the user allows their own network; every redirect
hop checked before a connection is made; a bounded number of redirects and a bounded time in all.

A real HTTP server on loopback plays the public site (the tests allow 127.0.0.1 alone); its redirects point
at addresses no packet may reach. An audit hook sees every socket.connect this process makes, so a test can
tell that a forbidden address was refused before any connection to it was tried."""

from __future__ import annotations

import gzip
import ipaddress
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from eventatlas.config import Settings
from eventatlas.ingest.fetch import AddressGuard, FetchRefused, fetch
from eventatlas.ingest.validate import IngestError
from .ingest_helpers import FIXTURES, read_one, reject_one

ONLY_THIS_SERVER = AddressGuard(also=(ipaddress.ip_network("127.0.0.1/32"),))
ARTICLE = (FIXTURES / "article.html").read_bytes()
CONNECTS: list[tuple] = []


def _record_connects(event: str, args: tuple) -> None:
    if event == "socket.connect":
        CONNECTS.append(args[1])


sys.addaudithook(_record_connects)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        parts = urlsplit(self.path)
        if parts.path == "/to":  # a redirect to wherever ?target= says
            return self._answer(302, b"", Location=parse_qs(parts.query)["target"][0])
        if parts.path == "/loop":
            return self._answer(302, b"", Location="/loop")
        if parts.path == "/story":
            return self._answer(200, ARTICLE, **{"Content-Type": "text/html; charset=utf-8"})
        if parts.path == "/gzipped":
            return self._answer(200, gzip.compress(ARTICLE), **{"Content-Type": "text/html",
                                                                "Content-Encoding": "gzip"})
        if parts.path == "/bomb":  # 20 MB of spaces in 20 KB
            return self._answer(200, gzip.compress(b" " * 20_000_000), **{"Content-Type": "text/html",
                                                                         "Content-Encoding": "gzip"})
        if parts.path == "/article.json":
            body = json.dumps({"title": "Curfew in Gao", "text": "The army imposed a curfew on Gao on Monday "
                               "after gunmen attacked a police station, the governor said."}).encode()
            return self._answer(200, body, **{"Content-Type": "application/json"})
        if parts.path == "/trickle":  # a byte every 0.1 s, for 20 s
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "200")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.1)
            return None
        return self._answer(404, b"")

    def _answer(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client hanging up on /trickle is the point of that test


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_server_on_loopback_is_refused_by_default(server):
    CONNECTS.clear()
    rej = reject_one(f"{server}/story")
    assert rej.reason.startswith("fetch refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback address")
    assert "--allow-private-urls" in rej.reason
    assert CONNECTS == []


def test_the_option_allows_private_addresses(server):
    assert read_one(f"{server}/story", Settings(allow_private_urls=True)).outlet == "Sahel Wire"


@pytest.mark.parametrize("target, why", [
    ("http://10.0.0.1/", "10.0.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://[fd00::1]/", "fd00::1 is a private address"),
    ("http://[::1]:8080/", "::1 is a loopback address"),
    ("http://[::ffff:10.0.0.1]/", "10.0.0.1 is a private address (inside the IPv6 address ::ffff:a00:1)"),
    ("http://[64:ff9b::a9fe:a9fe]/", "169.254.169.254 is a link-local address (inside the IPv6 address"),
    ("http://0.0.0.0/", "0.0.0.0 is"),
    ("http://224.0.0.251/", "224.0.0.251 is a multicast address"),
    ("http://127.0.0.2/", "127.0.0.2 is a loopback address"),
    ("ftp://192.0.2.1/file.txt", "fetch refused: ftp scheme"),
    ("file:///etc/passwd", "fetch refused: file scheme"),
])
def test_a_redirect_to_a_forbidden_target_is_refused_before_connecting(server, target, why):
    CONNECTS.clear()
    with pytest.raises(FetchRefused) as refused:
        fetch(f"{server}/to?target={target}", Settings(), guard=ONLY_THIS_SERVER)
    assert why in str(refused.value)
    port = int(server.rsplit(":", 1)[1])
    assert CONNECTS == [("127.0.0.1", port)], "only the first hop may be connected to"


def test_redirects_are_capped(server):
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        fetch(f"{server}/loop", Settings(), guard=ONLY_THIS_SERVER)


def test_a_redirect_to_an_allowed_page_is_followed(server):
    source = fetch(f"{server}/to?target=/story", Settings(), guard=ONLY_THIS_SERVER)
    assert source.url == f"{server}/story" and b"Sahel Wire" in source.data


def test_the_whole_fetch_is_bounded_in_time_however_slowly_the_server_sends(server):
    started = time.monotonic()
    with pytest.raises(IngestError, match="no complete answer within 1 s"):
        fetch(f"{server}/trickle", Settings(), timeout=1, guard=ONLY_THIS_SERVER)
    assert time.monotonic() - started < 10  # the server would take 20 s


def test_a_gzip_body_is_decoded(server):
    source = fetch(f"{server}/gzipped", Settings(), guard=ONLY_THIS_SERVER)
    assert source.data == ARTICLE


def test_a_gzip_body_is_held_to_the_size_limit_as_it_expands(server):
    with pytest.raises(IngestError, match="page is .* over the"):
        fetch(f"{server}/bomb", Settings(max_bytes=1_000_000), guard=ONLY_THIS_SERVER)


def test_an_article_served_as_json_keeps_its_url(server):
    doc = read_one(f"{server}/article.json", Settings(allow_private_urls=True))
    assert doc.title == "Curfew in Gao" and doc.url == f"{server}/article.json"
