"""The command line, run as a user runs it: a real process, real files, a real SQLite database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventatlas.schema import validate_article

ARTICLE = """Russian forces shelled Kharkiv on Friday, killing at least 12 civilians, regional governor Oleh \
Syniehubov said.

Ukrainian troops later repelled an assault near Kupiansk, the general staff said."""


def cli(*args, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, "-m", "eventatlas.cli", *args], input=stdin, text=True,
                          capture_output=True, env=env, cwd=cwd, timeout=600)


def test_extract_from_stdin_prints_json_that_meets_the_contract():
    proc = cli("extract", "-", "--published", "2026-03-14", "--outlet", "Test Wire", stdin=ARTICLE)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    validate_article(out)
    assert out["document"]["outlet"] == "Test Wire"
    shelling = [e for e in out["events"] if e["acled"] and e["acled"]["sub_event_type"].startswith("Shelling")]
    assert shelling and shelling[0]["date"]["start"] == "2026-03-13"


def test_extract_rejects_a_bad_date_with_a_usage_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    proc = cli("extract", str(f), "--published", "14/03/2026")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_extract_names_an_empty_file_and_why(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("   \n")
    proc = cli("extract", str(f))
    assert proc.returncode == 1
    assert "empty.txt" in proc.stderr and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """Twenty good articles and five broken files."""
    root = tmp_path_factory.mktemp("mixed")
    places = ["Kharkiv", "Idlib", "Mosul", "Gao", "Khan Younis"]
    for i in range(20):
        (root / f"good{i:02d}.txt").write_text(
            f"Story {i}\n\nGunmen attacked a checkpoint near {places[i % 5]} on Friday, killing {i + 2} "
            f"soldiers, officials said. The attack was the {i + 1}th this month.\n")
    (root / "empty.txt").write_text("")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (root / "french.txt").write_text("Les forces gouvernementales ont repris la ville apres des combats qui "
                                     "ont dure toute la nuit, selon les autorites locales et les temoins.")
    (root / "broken.jsonl").write_text("{not json\n")
    (root / "noarticle.html").write_text("<html><body><nav>Home</nav></body></html>")
    return root


def test_ingest_stores_the_good_records_the_broken_and_is_idempotent(tmp_path, mixed_folder):
    db = tmp_path / "events.db"
    first = cli("ingest", str(mixed_folder), "--db", str(db), "--quiet")
    assert first.returncode == 1, first.stderr  # some inputs failed, and the exit code says so
    assert "Traceback" not in first.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 20
    rejected = con.execute("select input, stage, reason from rejected").fetchall()
    assert len(rejected) == 5
    assert all(reason for _, _, reason in rejected)
    events_before = con.execute("select count(*) from events").fetchone()[0]
    assert events_before >= 20
    con.close()

    again = cli("ingest", str(mixed_folder), "--db", str(db), "--quiet")
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 20
    assert con.execute("select count(*) from events").fetchone()[0] == events_before
    assert "20 already stored" in again.stdout


def test_events_query_filters_and_formats(tmp_path, mixed_folder):
    db = tmp_path / "q.db"
    cli("ingest", str(mixed_folder), "--db", str(db), "--quiet")
    proc = cli("events", "--db", str(db), "--type", "assault", "--country", "ml", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows and all(r["type"] == "ASSAULT" and r["location"]["country_code"] == "ML" for r in rows)
    near = json.loads(cli("events", "--db", str(db), "--near", "35.93,36.63,30", "--format", "json").stdout)
    assert near and all(r["location"]["country_code"] == "SY" for r in near)
    csv_out = cli("events", "--db", str(db), "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("date,type,status")


def test_export_takes_the_same_filters_as_events(tmp_path, mixed_folder):
    db = tmp_path / "x.db"
    cli("ingest", str(mixed_folder), "--db", str(db), "--quiet")
    # a box around Syria and a text query: the export holds exactly the events the query lists
    filters = ("--bbox", "35.5,32.0,42.5,37.5", "--status", "occurred")
    listed = json.loads(cli("events", "--db", str(db), *filters, "--limit", "1000", "--format", "json").stdout)
    exported = cli("export", "--db", str(db), "--format", "jsonl", *filters)
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert listed and sorted(r["id"] for r in rows) == sorted(r["id"] for r in listed)
    assert all(r["location"]["country_code"] == "SY" for r in rows)
    parquet = tmp_path / "x.parquet"
    assert cli("export", "--db", str(db), "--format", "parquet", "-o", str(parquet), *filters).returncode == 0
    import pandas as pd
    assert sorted(pd.read_parquet(parquet)["id"]) == sorted(r["id"] for r in rows)
    bad = cli("export", "--db", str(db), "--format", "jsonl", "--bbox", "35,32,oops")
    assert bad.returncode == 2 and "--bbox" in bad.stderr


def test_events_on_a_missing_database_says_so(tmp_path):
    proc = cli("events", "--db", str(tmp_path / "nope.db"))
    assert proc.returncode == 3 and "nope.db" in proc.stderr


def test_every_command_has_help():
    for cmd in ("extract", "ingest", "events", "incidents", "demo", "serve", "export", "eval"):
        proc = cli(cmd, "--help")
        assert proc.returncode == 0 and "Usage" in proc.stdout


def test_demo_stores_every_bundled_article_and_nothing_else(tmp_path):
    db = tmp_path / "demo.db"
    proc = cli("demo", "--db", str(db), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert f"eventatlas serve --db {db}" in proc.stdout
    corpus = Path(__file__).resolve().parents[1] / "eventatlas" / "demo" / "corpus"
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert stored == len(list(corpus.glob("*.json")))
    assert conn.execute("SELECT count(*) FROM rejected").fetchone()[0] == 0


# -- errors a user can act on: one line, the README's exit code, the file left as it was ---------------------

def _one_line(proc) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "acled"], ["serve"], ["upgrade"]])
def test_a_random_bytes_db_exits_3_with_one_line(tmp_path, command):
    bad = tmp_path / "random.db"
    bad.write_bytes(bytes(range(256)) * 16)
    before = bad.read_bytes()
    proc = cli(*command, "--db", str(bad))
    assert proc.returncode == 3
    line = _one_line(proc)
    assert "random.db" in line and "not an eventatlas database" in line and "[EA300]" in line
    assert bad.read_bytes() == before


def test_a_read_command_never_gives_an_empty_file_a_schema(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    proc = cli("events", "--db", str(empty))
    assert proc.returncode == 3 and "empty.db" in _one_line(proc)
    assert empty.stat().st_size == 0


def test_a_missing_db_is_named(tmp_path):
    proc = cli("events", "--db", str(tmp_path / "nowhere.db"))
    assert proc.returncode == 3 and "nowhere.db: no such database" in _one_line(proc)


def test_a_read_only_db_cannot_take_an_ingest_and_says_so(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only files; the permission check cannot fail as root")
    db = tmp_path / "ro.db"
    assert cli("ingest", "-", "--db", str(db), "--quiet", stdin=ARTICLE).returncode == 0
    db.chmod(0o444)
    proc = cli("ingest", "-", "--db", str(db), "--quiet", stdin=ARTICLE.replace("Friday", "Monday"))
    assert proc.returncode == 3 and "ro.db" in _one_line(proc)


def test_every_command_lists_in_help_without_loading_the_scorecard():
    proc = cli("--help")
    assert proc.returncode == 0
    for name in ("extract", "ingest", "events", "export", "serve", "demo", "eval", "upgrade"):
        assert name in proc.stdout
    probe = subprocess.run([sys.executable, "-c", "import sys, eventatlas.cli; "
                            "print('eventatlas.evaluate' in sys.modules)"], capture_output=True, text=True)
    assert probe.stdout.strip() == "False"


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> str:
    from eventatlas.store import open_store
    from eventatlas.store.synthetic import synthetic_articles

    path = str(tmp_path_factory.mktemp("small") / "events.db")
    with open_store(path) as store:
        for article in synthetic_articles(50):
            store.add_result(article)
    return path


def test_an_overlong_filter_is_a_usage_error_in_one_line(small_db):
    """60,000 characters of actor were a LIKE pattern SQLite refuses: a traceback, and the input echoed."""
    proc = cli("events", "--db", small_db, "--actor", "a" * 60_000)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert "--actor: 60,000 characters, more than the 200 a filter may have" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr) < 1000


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts server processes in /proc")
def test_serve_with_workers_answers_from_several_processes(small_db):
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventatlas.cli", "serve", "--db", small_db, "--port",
                               str(port), "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["total"] == 50
        children = [p for p in Path("/proc").iterdir() if p.name.isdigit() and
                    _parent_of(p) == server.pid and b"multiprocessing" in (p / "cmdline").read_bytes()]
        assert len(children) >= 2
    finally:
        server.terminate()
        server.wait(timeout=30)


def _parent_of(proc_dir: Path) -> int | None:
    try:
        return int((proc_dir / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
