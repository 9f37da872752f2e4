"""The page's files without a browser: everything index.html and the scripts load is served, comes from this
server, and is a file the package data in pyproject.toml ships, so `pip install eventatlas` gets a working page."""

from __future__ import annotations

from eventatlas import Atlas, Settings

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "eventatlas" / "serve" / "static"


def _referenced() -> set[str]:
    """Every /static/... path named in the page's HTML and JavaScript, plus the modules app.js imports."""
    paths = set()
    for f in [STATIC / "index.html", *STATIC.glob("*.js")]:
        text = f.read_text(encoding="utf-8")
        paths |= set(re.findall(r"""["'](/static/[^"'?#]+)""", text))
        paths |= {f"/static/{m}" for m in re.findall(r"""from\s+["']\./([\w.-]+\.js)["']""", text)}
    return paths


def test_the_page_names_no_outside_host():
    for f in [STATIC / "index.html", *STATIC.glob("*.js"), *STATIC.glob("*.css")]:
        urls = re.findall(r"""(?:https?:)?//[\w.-]+\.\w+[^\s"')]*""", f.read_text(encoding="utf-8"))
        # links shown to people (the W3C SVG namespace is an identifier, never fetched)
        assert [u for u in urls if "www.w3.org/2000/svg" not in u] == [], f"{f.name} names an outside URL"


def test_every_static_file_is_shipped_by_the_package_data_globs():
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    unshipped = [str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file()
                 and not any(fnmatch.fnmatch(p.name, g) for g in globs)]
    assert unshipped == [], f"not matched by package-data {globs}"


def test_every_referenced_asset_is_served_by_the_api(tmp_path):
    testclient = pytest.importorskip("fastapi.testclient", reason="fastapi is not installed")
    from eventatlas.serve.api import create_app
    from eventatlas.store import open_store

    db = tmp_path / "empty.db"
    open_store(str(db)).close()
    client = testclient.TestClient(create_app(Atlas(Settings(db=str(db)))))
    page = client.get("/")
    assert page.status_code == 200 and "<title>eventatlas</title>" in page.text
    refs = _referenced()
    assert "/static/vendor/world-atlas/countries-50m.json" in refs and "/static/panel.js" in refs
    for path in sorted(refs):
        r = client.get(path)
        assert r.status_code == 200, f"{path}: HTTP {r.status_code}"
        if path.endswith(".js"):
            assert "javascript" in r.headers["content-type"], f"{path}: served as {r.headers['content-type']}"
