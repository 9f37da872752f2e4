"""Inputs that once stopped a whole batch, hung it, or were lost without a word.

Each becomes one Rejection that names the input and says what is wrong with it, and the good articles
beside it are read as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from eventatlas.config import Settings
from eventatlas.ingest import read_inputs
from eventatlas.records import ArticleResult, Document
from eventatlas.store import open_store
from .ingest_helpers import read_all, reject_one, within

GOOD = ("Gunmen attacked a police station near Gao on Saturday, killing four officers, the regional "
        "governor said. Residents said the attackers fled on motorbikes.")

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file types")


def store_all(tmp_path, items) -> dict:
    """What the store makes of read_inputs' items: every document and rejection written to a real file."""
    with open_store(str(tmp_path / "events.db")) as store:
        for item in items:
            if isinstance(item, Document):
                assert store.add_result(ArticleResult(document=item))
            else:
                store.add_rejection(item)
        return {"documents": store.counts()["documents"], "rejections": store.rejections()}


@posix_only
def test_a_symlink_loop_between_two_files_is_one_rejection(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    docs, rejections = read_all(tmp_path)
    assert len(docs) == 1
    assert sorted(os.path.basename(r.input) for r in rejections) == ["x.txt", "y.txt"]
    assert all("symbolic links" in r.reason for r in rejections)


@posix_only
def test_ingest_skipping_its_database_survives_a_symlink_loop(tmp_path, pipeline):
    """The check that keeps the database out of its own input resolved every path: a loop raised there."""
    from eventatlas.pipeline import ingest_into

    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    db = str(tmp_path / "events.db")
    with open_store(db) as store:
        summary = ingest_into(store, read_inputs([str(tmp_path)], Settings()), pipeline, skip=[db])
    assert summary.documents == 1 and summary.rejected == 2


@posix_only
def test_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9-report.txt"), "w") as f:  # Latin-1 bytes in the name
        f.write(GOOD)
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert [type(i).__name__ for i in items] == ["Document"]
    assert items[0].source.endswith("caf\\xe9-report.txt")  # shown, not garbled, not a crash
    assert store_all(tmp_path, items)["documents"] == 1


@posix_only
def test_a_rejected_file_with_a_non_utf8_name_is_stored(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt"), "w") as f:
        f.write("")
    items = list(read_inputs([str(tmp_path)], Settings()))
    stored = store_all(tmp_path, items)
    assert [r.input.rsplit("/", 1)[-1] for r in stored["rejections"]] == ["\\xff\\xfe.txt"]


def test_a_lone_surrogate_in_a_json_title_is_replaced_not_fatal(tmp_path):
    f = tmp_path / "article.json"
    # a title cut in the middle of an emoji's surrogate pair, as some CMS exports do
    f.write_text('{"title": "Night raid \\ud83d", "text": ' + json.dumps(GOOD) + '}')
    items = list(read_inputs([str(f)], Settings()))
    assert items[0].title == "Night raid \ufffd"
    assert store_all(tmp_path, items)["documents"] == 1


def test_lone_surrogates_in_the_text_keep_its_length(tmp_path):
    f = tmp_path / "article.json"
    f.write_text(json.dumps({"text": GOOD + " \ud800"}))
    doc = read_all(f)[0][0]
    assert doc.text == GOOD + " \ufffd"


@posix_only
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    with within(10):
        docs, rejections = read_all(tmp_path)
    assert len(docs) == 1
    assert [os.path.basename(r.input) for r in rejections] == ["pipe.txt"]
    assert rejections[0].reason == "not a regular file (a named pipe)"


@posix_only
def test_a_symlink_to_dev_zero_is_refused_without_reading_it(tmp_path):
    """stat() gives a device a size of 0, so the size check passed and the read had no end (3.7 GB before
    it died). Run in a process of its own with 2 GB of address space, so a regression cannot take the
    machine down with it."""
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    code = ("import sys; from eventatlas.ingest import read_inputs; from eventatlas.config import Settings; "
            "[print(getattr(i, 'reason', 'document')) for i in read_inputs([sys.argv[1]], Settings())]")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))"
    proc = subprocess.run([sys.executable, "-c", f"{limit}\n{code}", str(tmp_path / "zero.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "not a regular file (a character device)"


def test_nul_bytes_past_the_first_8_kb_are_refused(tmp_path):
    f = tmp_path / "spliced.txt"
    f.write_bytes((GOOD + "\n\n").encode() * 60 + b"\x00\x00\x00 trailing junk")
    rej = reject_one(f)
    assert rej.reason.startswith("NUL bytes in the text")


def test_nul_bytes_in_a_json_field_are_refused(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"text": GOOD + "\x00" + GOOD}))
    assert reject_one(f).reason.startswith("NUL bytes in the text")


def test_a_csv_field_over_the_limit_is_one_rejection_and_the_rows_after_it_are_read(tmp_path):
    f = tmp_path / "dump.csv"
    rows = ["title,text", f'"First","{GOOD}"', f'"Huge","{"x" * 200_000}"',
            f'"Third","{GOOD.replace("Gao", "Kidal")}"', f'"Fourth","{GOOD.replace("Gao", "Menaka")}"']
    f.write_text("\n".join(rows) + "\n")
    docs, rejections = read_all(f, settings=Settings(max_bytes=100_000))
    assert [d.title for d in docs] == ["First", "Third", "Fourth"]
    assert [r.input for r in rejections] == [f"{f}:3"]
    assert "over the" in rejections[0].reason


def test_a_nul_byte_in_a_csv_row_rejects_that_row_only(tmp_path):
    f = tmp_path / "dump.csv"
    head = ["title,text", f'"First","{GOOD}"'] * 1  # the NUL lies past the part sniffed for binary data
    pad = [f'"Pad {i}","{GOOD.replace("Gao", f"Gao {i}")}"' for i in range(300)]
    f.write_text("\n".join(head + pad + ['"Broken","a\x00b"', f'"Last","{GOOD.replace("Gao", "Ansongo")}"'])
                 + "\n")
    docs, rejections = read_all(f)
    assert docs[-1].title == "Last" and len(docs) == 302
    assert len(rejections) == 1 and rejections[0].reason.startswith("NUL bytes")


@pytest.mark.parametrize("depth", [100_000])
def test_deeply_nested_json_is_a_readable_rejection(tmp_path, depth):
    f = tmp_path / "deep.json"
    f.write_text("[" * depth + "]" * depth)
    rej = reject_one(f)
    assert rej.reason == "not valid JSON (nested too deeply to read, over about 1,000 levels)"


def test_a_json_article_whose_text_is_markup_nested_deeply_is_read(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text(json.dumps({"text": "<div>" * 5000 + f"<p>{GOOD}</p>" + "</div>" * 5000}))
    with within(30):
        docs, rejections = read_all(f)
    assert [r.reason for r in rejections] == [] and GOOD in docs[0].text


def test_deeply_nested_html_is_read_or_refused_in_a_sentence(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 20_000 + f"<p>{GOOD}</p>" + "</div>" * 20_000 + "</body></html>")
    with within(60):
        docs, rejections = read_all(f)
    for r in rejections:
        assert "Error" not in r.reason, r.reason
    assert len(docs) + len(rejections) == 1


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    """It was refused as a binary file: half its bytes are NUL."""
    f = tmp_path / "article.txt"
    f.write_bytes(GOOD.encode(encoding))
    assert read_all(f)[0][0].text == GOOD
