"""Folders: recursed in sorted order, hidden files skipped; one broken file never stops the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventatlas.ingest import count_inputs, read_inputs
from .ingest_helpers import FIXTURES, read_all

PLACES = ["Kharkiv", "Idlib", "Mosul", "Gao", "Khan Younis"]


def _story(i: int) -> str:
    return (f"Gunmen attacked a checkpoint near {PLACES[i % 5]} on Friday, killing {i + 2} soldiers, "
            f"officials said. It was attack number {i + 1} in the area this month.")


@pytest.fixture
def mixed(tmp_path) -> Path:
    """20 good articles in four formats (some in a subfolder), 5 broken files, and hidden files to skip."""
    root = tmp_path / "mixed"
    (root / "more").mkdir(parents=True)
    for i in range(20):
        folder = root if i < 12 else root / "more"
        kind = i % 4
        if kind == 0:
            (folder / f"a{i:02d}.txt").write_text(f"Story {i}\n\n{_story(i)}\n")
        elif kind == 1:
            (folder / f"a{i:02d}.html").write_text(
                f"<html><head><title>Story {i}</title></head><body><article><p>{_story(i)}</p>"
                f"<p>The army said it would send more troops to the area.</p></article></body></html>")
        elif kind == 2:
            (folder / f"a{i:02d}.json").write_text(json.dumps({"title": f"Story {i}", "text": _story(i)}))
        else:
            (folder / f"a{i:02d}.md").write_text(_story(i))
    (root / "empty.txt").write_text("")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    shutil.copy(FIXTURES / "french.txt", root / "french.txt")
    (root / "more" / "broken.jsonl").write_text("{not json\n")
    shutil.copy(FIXTURES / "nav_only.html", root / "more" / "noarticle.html")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def test_twenty_good_and_five_broken_files_give_twenty_documents_and_five_rejections(mixed):
    docs, rejections = read_all(mixed)
    assert len(docs) == 20
    assert len(rejections) == 5
    assert sorted(Path(r.input).name.split(":")[0] for r in rejections) == [
        "binary.txt", "broken.jsonl", "empty.txt", "french.txt", "noarticle.html"]
    assert len({d.id for d in docs}) == 20
    assert all(".git" not in r.input and ".DS_Store" not in r.input for r in rejections)


def test_folder_order_is_sorted_and_stable(mixed):
    first = [getattr(i, "source", None) or i.input for i in read_inputs([str(mixed)])]
    again = [getattr(i, "source", None) or i.input for i in read_inputs([str(mixed)])]
    assert first == again
    top = [Path(p).name for p in first if Path(p).parent == mixed]
    assert top == sorted(top)


def test_count_inputs_matches_the_files_read(mixed):
    # every file here yields one item, so the estimate is exact
    assert count_inputs([str(mixed)]) == 25


def test_read_inputs_is_lazy(tmp_path):
    """A file is read only when its turn comes: a change made after the first item shows in the second."""
    (tmp_path / "a.txt").write_text(_story(1))
    (tmp_path / "b.txt").write_text(_story(2))
    gen = read_inputs([str(tmp_path)])
    assert "near Idlib" in next(gen).text
    (tmp_path / "b.txt").write_text(_story(4))
    assert "near Khan Younis" in next(gen).text


def test_the_same_article_in_two_files_has_one_id(tmp_path):
    (tmp_path / "a.txt").write_text(_story(3))
    (tmp_path / "b.json").write_text(json.dumps({"text": "  " + _story(3).upper() + "\n"}))
    docs, _ = read_all(tmp_path)
    assert docs[0].id == docs[1].id


def test_a_symlink_loop_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(_story(1))
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    docs, rejections = read_all(tmp_path)
    assert len(docs) == 1 and not rejections
