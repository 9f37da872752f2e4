"""WARC archives written here with warcio: HTML responses become Documents, the rest of a crawl is skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .ingest_helpers import FIXTURES, read_all, reject_one

HTML = (FIXTURES / "article.html").read_bytes()
SECOND = (b"<html><head><title>Clashes in Tripoli</title></head><body><article>"
          b"<p>Armed groups clashed in the south of Tripoli overnight, killing four people, the health "
          b"ministry said on Wednesday.</p><p>Residents said the fighting lasted for several hours.</p>"
          b"</article></body></html>")


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], gzip: bool) -> Path:
    """records: (uri, content type, body, HTTP status line)."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for uri, ctype, body, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(uri, "request", payload=request))
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


CRAWL = [
    ("https://sahelwire.example/mali/gao-attack", "text/html; charset=utf-8", HTML, "200 OK"),
    ("https://sahelwire.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), "200 OK"),
    ("https://sahelwire.example/old", "text/html", b"<html>Moved</html>", "301 Moved Permanently"),
    ("https://libya.example/tripoli", "text/html", SECOND, "200 OK"),
    ("https://libya.example/menu", "text/html", (FIXTURES / "nav_only.html").read_bytes(), "200 OK"),
]


@pytest.mark.parametrize("gzip,name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_html_responses_in_a_warc_become_documents(tmp_path, gzip, name):
    path = write_warc(tmp_path / name, CRAWL, gzip=gzip)
    docs, rejections = read_all(path)
    assert [d.url for d in docs] == ["https://sahelwire.example/mali/gao-attack", "https://libya.example/tripoli"]
    assert docs[0].outlet == "Sahel Wire" and docs[0].credits == ["AFP"]
    assert docs[1].title == "Clashes in Tripoli"
    assert docs[1].source == f"{path}#https://libya.example/tripoli"
    # the image and the redirect are not articles; the menu-only page is an HTML page that failed
    assert [r.input for r in rejections] == [f"{path}#https://libya.example/menu"]


def test_a_warc_is_recognised_without_its_extension(tmp_path):
    path = write_warc(tmp_path / "crawl.bin", CRAWL[:1], gzip=True)
    docs, _ = read_all(path)
    assert docs[0].title == "Gunmen attack army post in northern Mali"


def test_a_warc_with_no_html_pages(tmp_path):
    path = write_warc(tmp_path / "images.warc.gz", [CRAWL[1]], gzip=True)
    assert reject_one(path).reason == "WARC holds no HTML response records"


def test_a_file_that_only_claims_to_be_a_warc(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("This is not an archive at all, just a line of text.\n")
    assert "not a readable WARC file" in reject_one(path).reason
