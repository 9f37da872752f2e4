"""Every reader, on a small file of its kind: the article text and its metadata come through."""

from __future__ import annotations

import pytest

from eventatlas.ingest import READERS, count_inputs
from .ingest_helpers import FIXTURES, read_all, read_one


def test_every_builtin_reader_is_registered_by_kind():
    assert set(READERS.names()) >= {"text", "html", "json", "jsonl", "csv", "tsv", "feed", "warc"}
    assert ".warc.gz" in READERS.get("warc").extensions


def test_text_file_takes_its_headline_from_a_short_first_line():
    doc = read_one(FIXTURES / "article.txt")
    assert doc.title == "Drone strike hits fuel depot in Kharkiv"
    # the text is the file as given, so offsets index the file; the body starts after the headline
    assert doc.text == (FIXTURES / "article.txt").read_text("utf-8")
    assert doc.text[doc.body_start:].startswith("KHARKIV, Ukraine (AP)")
    assert doc.credits == ["Associated Press", "Reuters"]
    assert doc.source.endswith("article.txt") and doc.published is None and doc.language == "en"


def test_text_file_header_block_gives_title_url_outlet_and_date():
    doc = read_one(FIXTURES / "header.txt")
    assert (doc.title, doc.url, doc.outlet, doc.published) == (
        "Protesters march on parliament in Tbilisi", "https://news.example.org/georgia/protest-march",
        "Caucasus Daily", "2026-03-03")
    assert doc.text == (FIXTURES / "header.txt").read_text("utf-8")
    assert doc.text[doc.body_start:].startswith("Thousands of protesters")
    assert doc.credits == ["OC Media", "Civil.ge"]


def test_a_first_line_that_is_a_sentence_is_not_taken_for_a_title(tmp_path):
    f = tmp_path / "lede.txt"
    f.write_text("Gunmen killed three police officers in Zamfara on Monday.\n\nThe attack came at night.\n")
    doc = read_one(f)
    assert doc.title is None and doc.text.startswith("Gunmen killed")


def test_html_reader_keeps_the_article_and_drops_the_page_chrome():
    doc = read_one(FIXTURES / "article.html")
    assert doc.title == "Gunmen attack army post in northern Mali"
    assert doc.outlet == "Sahel Wire"
    assert doc.published == "2026-02-27"
    assert doc.url == "https://sahelwire.example/mali/gao-attack"
    assert doc.text.startswith("BAMAKO (AFP)") and "third on a military position" in doc.text
    assert "Privacy" not in doc.text and "Sport" not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay paragraphs
    assert doc.credits == ["AFP"]


def test_json_object_with_alternative_field_names():
    doc = read_one(FIXTURES / "article.json")
    assert doc.title == "Ceasefire talks resume in Doha"
    assert doc.url == "https://gulfpost.example/doha-talks"
    assert doc.outlet == "Gulf Post"  # a {"name": ...} source object
    assert doc.published == "2026-03-01"  # the publisher's day, not shifted to UTC


def test_json_list_reads_each_record_and_names_a_bad_one_by_index():
    docs, rejections = read_all(FIXTURES / "list.json")
    assert [d.title for d in docs] == ["Flooding displaces thousands in Sindh",
                                       "Police arrest 20 after clashes in Karachi"]
    assert docs[0].published == "2026-03-04" and docs[1].published == "2026-03-05"
    assert docs[1].text == ("Police arrested 20 people after clashes between rival groups in Karachi on "
                            "Thursday.\n\nThree people were injured, a police spokesman said.")  # markup gone
    assert [r.input for r in rejections] == [f"{FIXTURES / 'list.json'}[1]"]
    assert "no text field" in rejections[0].reason


def test_json_wrapping_a_list_of_articles(tmp_path):
    f = tmp_path / "newsapi.json"
    f.write_text('{"status": "ok", "articles": [{"title": "T", "description": "d", "content": '
                 '"Soldiers and rebels clashed near the border on Monday, the army said."}]}')
    assert read_one(f).text.startswith("Soldiers and rebels")


def test_jsonl_bad_line_is_named_file_colon_line_and_the_rest_goes_on():
    docs, rejections = read_all(FIXTURES / "articles.jsonl")
    assert [d.title for d in docs] == ["Troops deploy to border town", "Aid convoy reaches Idlib",
                                       "Blast in Mogadishu market"]
    assert [d.source.rsplit(":", 1)[1] for d in docs] == ["1", "3", "5"]  # the blank line 4 is skipped
    assert len(rejections) == 1
    assert rejections[0].input == f"{FIXTURES / 'articles.jsonl'}:2"
    assert rejections[0].reason.startswith("not valid JSON")


def test_csv_columns_use_the_same_field_names():
    docs, rejections = read_all(FIXTURES / "articles.csv")
    assert [(d.title, d.outlet, d.published) for d in docs] == [
        ("Strike closes ports in Chile", "Andes Times", "2026-03-02"),
        ("Riot police clear camp", "Andes Times", "2026-03-03")]
    assert [r.input.rsplit(":", 1)[1] for r in rejections] == ["4"]


def test_tsv():
    doc = read_one(FIXTURES / "articles.tsv")
    assert (doc.title, doc.outlet, doc.published) == ("Talks collapse in Addis Ababa", "Horn Monitor", "2026-02-27")


def test_rss_feed_entries_become_documents_with_the_feed_title_as_outlet():
    docs, rejections = read_all(FIXTURES / "feed.rss")
    assert [d.title for d in docs] == ["Shelling kills five in southern Lebanon", "Protest over fuel prices in Amman"]
    assert all(d.outlet == "Levant Dispatch" for d in docs)
    assert docs[0].url == "https://levant.example/lebanon-shelling"
    # content:encoded wins over the one-line description; 23:30 at +0200 is still the 28th where it was written
    assert docs[0].text.startswith("Artillery shelling killed five") and docs[0].published == "2026-02-28"
    assert docs[1].text.startswith("Hundreds of people protested")  # only a description: that is the text
    assert [r.input for r in rejections] == [f"{FIXTURES / 'feed.rss'}#3"]


def test_atom_feed():
    doc = read_one(FIXTURES / "feed.atom")
    assert (doc.title, doc.outlet, doc.published) == ("Miners block highway in Peru", "Andes Times", "2026-03-03")
    assert doc.text == ("Informal miners blocked a highway in southern Peru on Tuesday to protest a new "
                        "licensing law, police said.")


def test_a_feed_saved_as_xml_is_sniffed(tmp_path):
    f = tmp_path / "latest.xml"
    f.write_bytes((FIXTURES / "feed.atom").read_bytes())
    assert read_one(f).outlet == "Andes Times"


@pytest.mark.parametrize("name,kind_hint", [("story", "text"), ("page", "html"), ("dump", "jsonl")])
def test_files_without_an_extension_are_sniffed(tmp_path, name, kind_hint):
    source = {"text": "article.txt", "html": "article.html", "jsonl": "articles.jsonl"}[kind_hint]
    f = tmp_path / name
    f.write_bytes((FIXTURES / source).read_bytes())
    docs, _ = read_all(f)
    assert docs and docs[0].title


def test_windows_1252_and_bom_files_decode():
    doc = read_one(FIXTURES / "cp1252.txt")
    assert "\u201cWe are afraid,\u201d" in doc.text and "caf\u00e9" in doc.text
    assert read_one(FIXTURES / "bom.txt").text.startswith("Soldiers killed")


def test_utf16_with_a_bom_decodes(tmp_path):
    f = tmp_path / "utf16.txt"
    f.write_bytes("Police detained 30 protesters in Minsk on Sunday, rights groups said.".encode("utf-16"))
    assert read_one(f).text.startswith("Police detained 30")


def test_stdin_is_read_when_the_path_is_a_dash(monkeypatch):
    import io
    import sys
    data = (FIXTURES / "header.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read_one("-")
    assert doc.source == "<stdin>" and doc.outlet == "Caucasus Daily"


def test_count_inputs_counts_files_and_dump_lines_without_parsing():
    assert count_inputs([str(FIXTURES / "article.txt"), str(FIXTURES / "articles.jsonl"), "-"]) == 1 + 5 + 1
    assert count_inputs([str(FIXTURES / "articles.csv")]) == 3  # rows, not the header
    assert count_inputs([str(FIXTURES / "missing.txt")]) == 1  # still one item: its Rejection
