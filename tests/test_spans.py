"""Every span indexes the text exactly as the user gave it: text[start:end] == span.text, no whitespace around.

A text file led by a headline (or a "Key: value" header) keeps that line in the text; the body's offsets are
offsets into the file, not into the body alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEADLINE_FIRST = (
    "Mortar fire hits market in Kidal\r\n\r\n"
    "Mortar rounds struck the main market in Kidal on Tuesday, killing four traders, a local official said.\r\n"
    "\r\n\r\n"
    "Separately, police arrested 12 men in Gao on Wednesday after a protest over fuel prices.\r\n"
)


def _all_spans(out: dict) -> list[dict]:
    return ([e["evidence"] for e in out["events"]] + [c["evidence"] for c in out["claims"]] + out["opinions"])


def _check(text: str, out: dict) -> None:
    spans = _all_spans(out)
    assert spans, out
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"], span
        assert span["text"] == span["text"].strip(), span


@pytest.fixture()
def headline_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(HEADLINE_FIRST.encode("utf-8"))  # CRLF line ends and a run of blank lines, as given
    return path


def test_extract_on_a_headline_first_file_gives_spans_that_index_the_file(headline_file):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.run([sys.executable, "-m", "eventatlas.cli", "extract", str(headline_file),
                           "--published", "2026-03-14"], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["document"]["title"] == "Mortar fire hits market in Kidal"
    text = headline_file.read_bytes().decode("utf-8")
    _check(text, out)
    market = next(s for s in _all_spans(out) if "market" in s["text"])
    assert market["start"] == text.index("Mortar rounds")  # past the headline, counted in the file


def test_the_headline_itself_yields_no_event(atlas, headline_file):
    docs = list(atlas.read([str(headline_file)]))
    result = atlas.process(docs[0])
    assert all(e.evidence.start >= docs[0].body_start for e in result.events)


def test_stored_spans_index_the_stored_text(atlas, headline_file, tmp_path):
    from eventatlas import Atlas, Settings

    with Atlas(Settings(db=str(tmp_path / "spans.db"), model=atlas.settings.model,
                        cache_dir=atlas.settings.cache_dir)) as own:
        own.ingest([str(headline_file)])
        store = own.store()
        (doc_id,) = [r[0] for r in store._conn().execute("SELECT id FROM documents")]
        stored = store.get_document(doc_id)
    assert stored["text"] == headline_file.read_bytes().decode("utf-8")
    _check(stored["text"], stored)


def test_json_field_text_is_indexed_as_given(atlas):
    text = "  Gunmen abducted 20 villagers near Zurmi on Sunday.\n\n\nThe army said it was searching.  "
    result = atlas.extract_text(text, published="2026-03-14")
    _check(text, result.to_dict())
