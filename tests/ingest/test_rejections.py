"""Every way an input can be refused: one Rejection naming the input and a short reason, never a traceback."""

from __future__ import annotations

import os

import pytest

from eventatlas.config import Settings
from eventatlas.ingest import read_inputs
from .ingest_helpers import FIXTURES, read_all, reject_one


@pytest.mark.parametrize("name,reason", [
    ("blank.txt", "empty"),
    ("undecodable.txt", "undecodable text"),
    ("french.txt", "not English"),
    ("russian.txt", "Cyrillic script"),
    ("nav_only.html", "no article text in the HTML"),
    ("notext.json", "no text field"),
    ("notext.csv", "no text column"),
    ("broken.rss", "not a valid RSS/Atom feed"),
])
def test_fixture_is_rejected_with_its_reason(name, reason):
    rej = reject_one(FIXTURES / name)
    assert rej.input == str(FIXTURES / name)
    assert reason in rej.reason
    assert "\n" not in rej.reason and "Traceback" not in rej.reason


def test_the_french_rejection_says_which_language_it_reads_as():
    assert "reads as fr" in reject_one(FIXTURES / "french.txt").reason


def test_an_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert reject_one(tmp_path / "empty.txt").reason.startswith("empty")


def test_binary_data_is_refused_whatever_its_extension(tmp_path):
    for name in ("photo.jpg", "notes.txt", "page.html", "data.json"):
        (tmp_path / name).write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
        assert "binary" in reject_one(tmp_path / name).reason, name


def test_a_gzip_file_that_is_not_a_warc(tmp_path):
    import gzip
    f = tmp_path / "archive.gz"
    f.write_bytes(gzip.compress(b"just some text"))
    assert "not a WARC" in reject_one(f).reason


def test_larger_than_max_bytes_names_the_size_and_the_limit(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("Soldiers clashed with rebels near the town, officials said. " * 400)  # ~24 KB
    reason = reject_one(f, settings=Settings(max_bytes=10_000)).reason
    assert "over the 9.8 KB limit" in reason and "23.4 KB" in reason
    assert read_all(f, settings=Settings(max_bytes=100_000))[0]  # under a larger limit it reads


def test_the_size_limit_applies_to_each_record_of_a_dump(tmp_path):
    f = tmp_path / "dump.jsonl"
    small = '{"text": "Police fired tear gas at protesters in the capital on Monday, witnesses said."}'
    big = '{"text": "' + "Troops fought rebels in the north, the army said. " * 300 + '"}'
    f.write_text("\n".join([small, big, small.replace("Monday", "Tuesday")]) + "\n")
    docs, rejections = read_all(f, settings=Settings(max_bytes=2_000))
    assert len(docs) == 2
    assert [r.input for r in rejections] == [f"{f}:2"] and "over the" in rejections[0].reason


def test_a_missing_path():
    rej = reject_one(FIXTURES / "no-such-file.txt")
    assert rej.reason == "no such file or folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("Gunmen attacked a convoy near the border on Monday, officials said.")
    f.chmod(0)
    try:
        assert reject_one(f).reason == "permission denied"
    finally:
        f.chmod(0o644)


def test_permission_denied_is_reported_even_as_root(tmp_path, monkeypatch):
    """Root ignores file modes, so simulate the OS refusing the read: the Rejection must still be clean."""
    f = tmp_path / "secret.txt"
    f.write_text("Gunmen attacked a convoy near the border on Monday, officials said.")
    real = os.open

    def refuse(path, *args, **kwargs):
        if os.fspath(path) == str(f):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert reject_one(f).reason == "permission denied"


def test_a_reader_bug_on_one_input_does_not_end_the_batch(tmp_path, monkeypatch):
    from eventatlas.ingest import READERS
    from eventatlas.ingest.sources import Reader

    def broken(source, settings):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(READERS._items, "tsv", Reader("tsv", broken, (".tsv",), streamed=True))
    items = list(read_inputs([str(FIXTURES / "articles.tsv"), str(FIXTURES / "article.txt")], Settings()))
    assert items[0].reason == "the tsv reader failed on it (an internal error: boom); please report it"
    assert items[1].title == "Drone strike hits fuel depot in Kharkiv"
