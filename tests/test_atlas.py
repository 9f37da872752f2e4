"""The core object: one Atlas owns the settings and every resource built from them, and nothing else in the
package reads the environment or keeps a default of its own behind the caller's back."""

from __future__ import annotations

import re
from pathlib import Path

from eventatlas import Atlas, Settings

PACKAGE = Path(__file__).resolve().parents[1] / "eventatlas"


def test_resources_are_built_once_and_shared(atlas):
    assert atlas.pipeline.nlp is atlas.nlp
    assert atlas.pipeline.geocoder is atlas.geocoder
    assert atlas.extractor.geocoder is atlas.geocoder
    assert atlas.pipeline.outlets is atlas.outlets
    assert atlas.pipeline is atlas.pipeline


def test_the_gazetteer_lives_where_the_settings_say(tmp_path, atlas):
    own = Atlas(Settings(cache_dir=atlas.settings.cache_dir, db=str(tmp_path / "x.db")))
    assert Path(own.geocoder.gazetteer.path).parent == Path(atlas.settings.cache_dir)


def test_the_store_is_the_one_the_settings_name(tmp_path):
    with Atlas(Settings(db=str(tmp_path / "events.db"))) as own:
        store = own.store()
        assert own.store() is store
        assert store.counts()["documents"] == 0
    assert (tmp_path / "events.db").exists()


def test_only_the_command_line_reads_the_environment():
    readers = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        if re.search(r"Settings\.from_env\(\)", text) and path.name not in ("cli.py", "config.py", "atlas.py"):
            readers.append(str(path.relative_to(PACKAGE)))
    assert readers == []
