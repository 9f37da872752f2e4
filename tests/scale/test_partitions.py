"""A large input cut into partitions reads, piece by piece, exactly as the whole input does: files in
groups, a JSONL dump in line ranges, a WARC archive in record ranges."""

from __future__ import annotations

import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventatlas.config import Settings
from eventatlas.errors import UsageError
from eventatlas.ingest import read_inputs
from eventatlas.records import Rejection
from eventatlas.scale.partitions import partitions

TOWNS = ["Kidal", "Gao", "Menaka", "Timbuktu", "Mopti", "Segou", "Kayes", "Sikasso", "Koutiala", "Bougouni"]


def _article(i: int) -> str:
    return (f"Gunmen on motorbikes attacked a market in {TOWNS[i]} on Monday, killing {i + 2} traders, a local "
            f"official said. Shops in the town stayed closed the next day, residents said.")


def _split_and_whole(path, size):
    settings = Settings()
    parts = list(partitions([str(path)], size))
    pieces = [item for part in parts for item in part.read(settings)]
    whole = list(read_inputs([str(path)], settings))
    return parts, pieces, whole


def _ids(items):
    return [i.id for i in items if not isinstance(i, Rejection)]


def test_a_jsonl_dump_is_read_in_line_ranges_as_it_reads_whole(tmp_path):
    dump = tmp_path / "news.jsonl"
    lines = [json.dumps({"text": _article(i), "url": f"https://wire.example/{i}"}) for i in range(10)]
    lines.insert(6, "{this line is broken")
    dump.write_text("\n".join(lines) + "\n")
    parts, pieces, whole = _split_and_whole(dump, size=3)
    assert [(p.first, p.count) for p in parts] == [("line 1", 3), ("line 4", 3), ("line 7", 3), ("line 10", 2)]
    assert len({p.key for p in parts}) == 4
    assert _ids(pieces) == _ids(whole) and len(_ids(whole)) == 10
    broken = [r for r in pieces if isinstance(r, Rejection)]
    assert [r.input for r in broken] == [f"{dump} (from line 7):1"]  # the seventh line of the file


def _warc(path, pages: int) -> None:
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i in range(pages):
            uri = f"https://sahel.example/story/{i}"
            body = f"<html><body><article><p>{_article(i)}</p></article></body></html>".encode()
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(uri, "request", payload=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_a_warc_archive_is_read_in_record_ranges_as_it_reads_whole(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, 5)  # ten records: a request and a response for each page
    parts, pieces, whole = _split_and_whole(archive, size=4)
    assert [(p.first, p.count) for p in parts] == [("record 1", 4), ("record 5", 4), ("record 9", 2)]
    assert _ids(pieces) == _ids(whole) and len(_ids(whole)) == 5
    assert [d.url for d in pieces] == [f"https://sahel.example/story/{i}" for i in range(5)]


def test_files_go_in_groups_and_a_small_dump_stays_whole(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(_article(i))
    (tmp_path / "small.jsonl").write_text(json.dumps({"text": _article(9)}) + "\n")
    parts = list(partitions([str(tmp_path)], size=2))
    assert [len(p.files) for p in parts] == [2, 2, 2]
    assert sum(p.count for p in parts) == 6


def test_the_same_input_gives_the_same_partition_keys(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(_article(i))
    assert [p.key for p in partitions([str(tmp_path)], 2)] == [p.key for p in partitions([str(tmp_path)], 2)]


def test_a_url_or_standard_input_is_refused_for_a_cluster():
    with pytest.raises(UsageError, match="https://wire.example/story: a cluster reads files and folders"):
        list(partitions(["https://wire.example/story"]))
    missing = list(partitions(["/nonexistent/folder"]))
    assert isinstance(missing[0], Rejection) and missing[0].reason == "no such file or folder"
