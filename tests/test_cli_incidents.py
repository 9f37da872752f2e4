"""The incident commands as a user runs them: `eventatlas incidents` (and --rebuild), `export --level`, and
`ingest --published --outlet` for files that carry no metadata. Real processes, real SQLite files."""

from __future__ import annotations

import io
import json
import sqlite3

import pandas as pd
import pytest

from eventatlas.records import Actor, ArticleResult, Attribution, Document, Quantity
from eventatlas.store import open_store
from eventatlas.store.synthetic import event, place

from .test_cli import cli

GAO = place("Gao", 16.2666, -0.0400, "ML", admin1="Gao")


def _report(doc_id: str, outlet: str, sentence: str, dead: tuple[int, int | None], speaker: str) -> ArticleResult:
    doc = Document(id=doc_id, text=sentence, title=f"{outlet} on Gao", outlet=outlet, published="2026-02-07",
                   url=f"https://example.org/{doc_id}")
    return ArticleResult(document=doc, events=[event(
        doc, 1, sentence, day="2026-02-06", where=GAO, actors=[Actor("agent", "gunmen", "gunmen", "rebel")],
        quantities=[Quantity("fatalities", dead[0], dead[1], False, sentence)],
        attribution=Attribution(speaker, None, None, speaker),
        acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"})])


@pytest.fixture
def gao_db(tmp_path) -> str:
    """One attack near Gao told by three outlets with three tolls."""
    db = str(tmp_path / "gao.db")
    with open_store(db) as s:
        for art in (_report("a", "Sahel Wire", "Gunmen attacked a bus near Gao on Friday, killing 6.", (6, 6),
                            "a local official"),
                    _report("b", "Niger Bend Post", "Gunmen killed 9 bus passengers near Gao.", (9, 9),
                            "the regional hospital"),
                    _report("c", "Radio Gao", "At least 12 died when gunmen stopped a bus near Gao.", (12, None),
                            "witnesses")):
            s.add_result(art)
    return db


def test_incidents_lists_each_incident_with_its_reports_and_figures(gao_db):
    proc = cli("incidents", "--db", gao_db, "--country", "ml", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (inc,) = json.loads(proc.stdout)
    assert inc["number_of_reports"] == 3 and inc["outlets"] == ["Sahel Wire", "Niger Bend Post", "Radio Gao"]
    fat = inc["figures"]["fatalities"]
    assert (fat["low"], fat["best"], fat["high"]) == (6, 9, 12)  # best: the hospital
    table = cli("incidents", "--db", gao_db).stdout
    assert "6/9/12" in table and "3 in 3" in table
    assert cli("incidents", "--db", gao_db, "--type", "PROTEST", "--format", "json").stdout.strip() == "[]"


def test_rebuild_regroups_the_store_and_says_what_it_did(gao_db):
    con = sqlite3.connect(gao_db)
    con.execute("UPDATE events SET incident_id = id")  # as if another set of rules had kept them apart
    con.commit()
    con.close()
    proc = cli("incidents", "--db", gao_db, "--rebuild", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "3 reports of 3 documents regrouped into 1 incidents" in proc.stdout
    con = sqlite3.connect(gao_db)
    assert con.execute("SELECT count(DISTINCT incident_id) FROM events").fetchone()[0] == 1
    bad = cli("incidents", "--db", gao_db, "--rebuild", "--country", "ml")
    assert bad.returncode == 2 and "no filters" in bad.stderr


def test_export_is_at_incident_level_for_ucdp_and_at_either_level_on_demand(gao_db):
    ucdp = pd.read_csv(io.StringIO(cli("export", "--db", gao_db, "--format", "ucdp").stdout))
    assert len(ucdp) == 1 and ucdp.iloc[0]["number_of_sources"] == 3
    assert (ucdp.iloc[0]["deaths_low"], ucdp.iloc[0]["deaths_best"], ucdp.iloc[0]["deaths_high"]) == (6, 9, 12)
    reports = pd.read_csv(io.StringIO(cli("export", "--db", gao_db, "--format", "ucdp", "--level", "report").stdout))
    assert len(reports) == 3
    acled = pd.read_csv(io.StringIO(cli("export", "--db", gao_db, "--format", "acled", "--level", "incident").stdout))
    assert list(acled["fatalities"]) == [6]
    assert cli("export", "--db", gao_db, "--format", "acled", "--level", "story").returncode == 2


def test_ingest_dates_files_without_metadata_from_their_text_and_the_users_values(tmp_path):
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "stated.txt").write_text("This story is from the Sahel Courier, 6 February 2026\n\n"
                                       "Gunmen attacked a bus near Gao on Thursday, killing six passengers.\n")
    (folder / "wire.txt").write_text("GAO, February 6 (Niger Bend Wire) - Gunmen attacked a bus near Gao on "
                                     "Thursday, killing six passengers, officials said.\n")
    (folder / "bare.txt").write_text("Gunmen attacked a bus near Gao on Thursday, killing six passengers.\n")
    db = tmp_path / "txt.db"
    proc = cli("ingest", str(folder), "--db", str(db), "--quiet", "--published", "2026-02-13", "--outlet", "Desk")
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(db)
    got = dict(con.execute("SELECT outlet, published FROM documents").fetchall())
    assert got == {"Sahel Courier": "2026-02-06", "Niger Bend Wire": "2026-02-06", "Desk": "2026-02-13"}
    days = {d for (d,) in con.execute("SELECT date_start FROM events WHERE type = 'ASSAULT'")}
    assert days == {"2026-02-05", "2026-02-12"}  # "on Thursday" before each publication date
    bad = cli("ingest", str(folder), "--db", str(db), "--published", "06/02/2026")
    assert bad.returncode == 2 and "--published" in bad.stderr
