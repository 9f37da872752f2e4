"""The two cross-article corpora are well formed: the incidents set (issue 15) and the control set (issue 13).

Both live under eventatlas/evaluate/corpora/ with their articles and golden files; each README says how the
golden answers follow from the articles. These tests check the data, not any pipeline: every evidence string is
in its article, every date agrees with the article's publication date, the vocabularies are the repo's own, and
each corpus has the size and the hard cases its issue asks for."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import pytest

from eventatlas.extract.lexicon import acled_event_type_of, actor_aliases, plover
from eventatlas.records import CONTROL_LEVELS, CONTROL_STATUSES, PLOVER_TYPES, QUANTITY_CATEGORIES, STATUSES

CORPORA = Path(str(resources.files("eventatlas.evaluate").joinpath("corpora")))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH = "|".join(MONTHS)
DATE_IN_TEXT = re.compile(rf"(\d{{1,2}}) ({MONTH})|({MONTH}) (\d{{1,2}})")
# issue 13's states and levels of a place: the control stage's own vocabulary
LEVELS = CONTROL_LEVELS


def read_articles(folder: Path) -> dict[str, dict]:
    out = {p.stem: json.loads(p.read_text("utf-8")) for p in sorted((folder / "articles").glob("*.json"))}
    for p in sorted((folder / "articles_txt").glob("*.txt")):
        out[p.stem] = {"text": p.read_text("utf-8").strip(), "txt": True}
    return out


@pytest.fixture(scope="module")
def incidents() -> tuple[dict, dict[str, dict]]:
    folder = CORPORA / "incidents"
    return json.loads((folder / "golden" / "incidents.json").read_text("utf-8")), read_articles(folder)


@pytest.fixture(scope="module")
def control() -> tuple[dict, dict[str, dict]]:
    folder = CORPORA / "control"
    return json.loads((folder / "golden" / "control.json").read_text("utf-8")), read_articles(folder)


def stated_day(text: str, published: dt.date) -> dt.date | None:
    """The day a date phrase names, counted back from publication: 'on Tuesday', '5 March', 'yesterday'."""
    low = text.lower()
    m = DATE_IN_TEXT.search(low)
    if m:
        return dt.date(published.year, MONTHS.index(m.group(2) or m.group(3)) + 1, int(m.group(1) or m.group(4)))
    for i, name in enumerate(WEEKDAYS):
        if name in low:
            return published - dt.timedelta(days=(published.weekday() - i) % 7)
    if low.startswith(("yesterday", "last night")):
        return published - dt.timedelta(days=1)
    return None


def published_of(article: dict, golden: dict, stem: str) -> dt.date:
    if not article.get("txt"):
        return dt.date.fromisoformat(article["published"])
    return dt.date.fromisoformat(next(t["published"] for t in golden["articles_txt"] if t["article"] == stem))


# ---------------------------------------------------------------- articles of both corpora

@pytest.mark.parametrize("corpus", ["incidents", "control"])
def test_articles_carry_the_demo_corpus_fields_and_house_rules(corpus):
    articles = {s: a for s, a in read_articles(CORPORA / corpus).items() if not a.get("txt")}
    hosts = defaultdict(set)
    for stem, art in articles.items():
        assert set(art) == {"title", "outlet", "published", "url", "text"}, stem
        assert art["published"].startswith("2026-"), stem
        url = urlparse(art["url"])
        assert url.hostname.endswith(".example.org") or url.hostname.endswith(".example.com"), stem
        hosts[art["outlet"]].add(url.hostname + "/" + url.path.split("/")[1] if "example.org" in url.hostname
                                 else url.hostname)
        assert art["url"].split("/")[-4:-1] == art["published"].split("-"), f"{stem}: url date"
        assert 150 <= len(art["text"].split()) <= 450, f"{stem}: {len(art['text'].split())} words"
        assert "\n\n" in art["text"] and "\n\n\n" not in art["text"], f"{stem}: paragraphs"
    assert all(len(h) == 1 for h in hosts.values()), "each outlet has one address of its own"


def test_txt_articles_name_their_outlet_and_date_in_their_first_line(incidents):
    golden, articles = incidents
    assert len(golden["articles_txt"]) >= 3
    for meta in golden["articles_txt"]:
        first = articles[meta["article"]]["text"].split("\n\n")[0]
        assert first == meta["line"].rstrip(" -") or first.startswith(meta["line"]), meta["article"]
        assert meta["outlet"].removeprefix("The ") in first
        published = dt.date.fromisoformat(meta["published"])
        assert stated_day(first, published) == published, meta["article"]


# ---------------------------------------------------------------- incidents (issue 15)

def test_incident_corpus_has_the_size_the_issue_asks_for(incidents):
    golden, articles = incidents
    json_articles = [a for a in articles.values() if not a.get("txt")]
    assert len(json_articles) >= 40
    assert len({a["outlet"] for a in json_articles}) >= 4
    assert len(golden["incidents"]) >= 12
    multi = [i for i in golden["incidents"] if len({r["article"] for r in i["reports"]}) >= 3]
    assert len(multi) >= 3, "several incidents with three or more reports"
    assert len({d["article"] for d in golden["distractors"]}) >= 10


def test_incident_vocabularies_are_the_repos_own(incidents):
    golden, _ = incidents
    acled, modes = acled_event_type_of(), plover()
    for inc in golden["incidents"]:
        assert inc["type"] in PLOVER_TYPES, inc["id"]
        assert inc["mode"] in modes[inc["type"]]["modes"], inc["id"]
        assert inc["status"] in STATUSES, inc["id"]
        assert inc["acled"] is None or inc["acled"] in acled, inc["id"]
        assert set(inc["figures"]) <= set(QUANTITY_CATEGORIES), inc["id"]
        assert re.fullmatch(r"[A-Z]{2}", inc["place"]["country"]), inc["id"]


def test_every_report_quotes_its_article(incidents):
    golden, articles = incidents
    for inc in golden["incidents"]:
        assert inc["reports"], inc["id"]
        for rep in inc["reports"]:
            text = articles[rep["article"]]["text"]
            for key in ("evidence", "place_text", "date_text"):
                assert rep[key] is None or rep[key] in text, f"{inc['id']} {rep['article']}: {key} {rep[key]!r}"
        for cat, fig in inc["figures"].items():
            for src in fig["by_source"]:
                assert src["evidence"] in articles[src["article"]]["text"], f"{inc['id']} {cat} {src['evidence']!r}"


def test_every_article_event_belongs_to_exactly_one_incident(incidents):
    golden, articles = incidents
    owner = Counter((r["article"], r["evidence"]) for i in golden["incidents"] for r in i["reports"])
    assert all(n == 1 for n in owner.values()), [k for k, n in owner.items() if n > 1]
    reported = {article for article, _ in owner}
    assert reported == set(articles), f"articles with no incident: {set(articles) - reported}"
    assert len({i["id"] for i in golden["incidents"]}) == len(golden["incidents"])


def test_report_dates_agree_with_the_incident_and_the_publication_date(incidents):
    golden, articles = incidents
    for inc in golden["incidents"]:
        start, end = dt.date.fromisoformat(inc["date"]["start"]), dt.date.fromisoformat(inc["date"]["end"])
        assert start <= end, inc["id"]
        for rep in inc["reports"]:
            published = published_of(articles[rep["article"]], golden, rep["article"])
            assert start <= published, f"{inc['id']} reported before it happened in {rep['article']}"
            day = stated_day(rep["date_text"] or "", published)
            assert day is None or start <= day <= end, f"{inc['id']} {rep['article']}: {rep['date_text']!r} is {day}"


def test_figures_keep_bounds_and_order(incidents):
    golden, _ = incidents
    for inc in golden["incidents"]:
        for cat, fig in inc["figures"].items():
            for src in fig["by_source"]:
                assert src["high"] is None or src["low"] <= src["high"], f"{inc['id']} {cat}"
                assert src["reliability"] in (1, 2, 3, 4)
            assert fig["low"] <= fig["best"], f"{inc['id']} {cat}"
            assert fig["high"] is None or fig["best"] <= fig["high"], f"{inc['id']} {cat}"
            assert fig["low"] == min(s["low"] for s in fig["by_source"]), f"{inc['id']} {cat}"
            if all(s["high"] is None for s in fig["by_source"]):
                assert fig["high"] is None, f"{inc['id']} {cat}: a bound only keeps high null"


def test_two_sources_in_one_article_give_two_figures_which_are_not_summed(incidents):
    golden, _ = incidents
    summed_would_be_wrong = []
    for inc in golden["incidents"]:
        for cat, fig in inc["figures"].items():
            per_article = defaultdict(list)
            for src in fig["by_source"]:
                per_article[src["article"]].append(src)
            for article, sources in per_article.items():
                if len({s["speaker"] for s in sources}) > 1 and fig["high"] is not None:
                    assert fig["high"] < sum(s["low"] for s in sources), f"{inc['id']} {cat} {article}"
                    summed_would_be_wrong.append((inc["id"], article))
    assert len(summed_would_be_wrong) >= 2, "one source says 1 dead and another 2, in one article"


def test_distractors_are_incidents_of_their_own(incidents):
    golden, _ = incidents
    reports = {(r["article"], r["evidence"]): i["id"] for i in golden["incidents"] for r in i["reports"]}
    ids = {i["id"] for i in golden["incidents"]}
    for d in golden["distractors"]:
        assert reports[(d["article"], d["evidence"])] == d["incident"], d
        assert d["not_with"] and set(d["not_with"]) <= ids and d["incident"] not in d["not_with"], d
        assert d["why"], d


def test_statements_are_one_incident_per_speaker_and_day(incidents):
    golden, _ = incidents
    statements = [i for i in golden["incidents"] if i["type"] in ("ACCUSE", "REJECT")]
    keys = Counter((i["speaker"], i["date"]["start"]) for i in statements)
    assert all(n == 1 for n in keys.values())
    assert len(statements) >= 12
    assert any(len({r["article"] for r in i["reports"]}) >= 3 for i in statements), "one statement, many reports"


# ---------------------------------------------------------------- control (issue 13)

def test_control_corpus_has_the_size_the_issue_asks_for(control):
    golden, articles = control
    assert len(articles) >= 12
    assert len({a["outlet"] for a in articles.values()}) >= 3
    days = sorted(a["published"] for a in articles.values())
    assert (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days >= 90, "over months"
    cited = {e["article"] for p in golden["periods"] for e in p["evidence"]}
    assert cited == set(articles)


def test_control_periods_are_well_formed(control):
    golden, articles = control
    _, by_alias = actor_aliases()
    known = {entry.name for entry in by_alias.values()} | set(golden["controllers_not_in_actor_table"])
    for p in golden["periods"]:
        where = f"{p['place']['name']} ({p['place']['level']}) {p['since']}"
        assert p["status"] in CONTROL_STATUSES and p["place"]["level"] in LEVELS, where
        assert (p["controller"] is None) == (p["status"] == "contested"), where
        assert p["controller"] is None or p["controller"] in known, where
        assert p["share"] is None or 0 < p["share"] < 1, where
        assert p["since"] is None or p["until"] is None or p["since"] < p["until"], where
        for e in p["evidence"]:
            assert e["evidence"] in articles[e["article"]]["text"], f"{where}: {e['evidence']!r}"
        assert p["sources"] == sorted({articles[e["article"]]["outlet"] for e in p["evidence"]}), where
        if p["since"]:
            first = min(articles[e["article"]]["published"] for e in p["evidence"])
            assert p["since"] <= first, f"{where}: no article after the start supports it"


def test_control_periods_of_a_place_follow_one_another(control):
    golden, _ = control
    by_place = defaultdict(list)
    for p in golden["periods"]:
        by_place[(p["place"]["name"], p["place"]["level"])].append(p)
    for place, periods in by_place.items():
        for before, after in itertools.pairwise(periods):
            assert before["until"] == after["since"], f"{place}: a gap or an overlap at {before['until']}"
        assert periods[0]["since"] is None or periods[0]["since"] >= "2026-01-01", place
        assert periods[-1]["until"] is None, place


def test_control_has_the_situations_the_issue_names(control):
    golden, _ = control
    s = golden["situations"]

    def periods(name, level="town"):
        return [p for p in golden["periods"] if p["place"]["name"] == name and p["place"]["level"] == level]

    held = [p["controller"] for p in periods(s["changes_hands_three_times"])]
    assert sum(a != b for a, b in itertools.pairwise(held)) >= 3
    assert any(p["share"] for p in periods(s["stated_share"]))
    assert any(p["share"] for p in periods(s["district_share"], "district"))
    disputed = [p for p in periods(s["outlets_disagree"]) if p["status"] == "contested"]
    assert disputed and len(disputed[0]["sources"]) >= 2
    left = periods(s["withdrawal_no_taker"])
    assert [p["status"] for p in left] == ["held", "contested"] and left[1]["controller"] is None
    assert periods(s["admin1"], "admin1")
    for key, words in (("still_holds", "still hold"), ("remains_in_hands", "remain")):
        assert any(words in e["evidence"] for p in periods(s[key]) for e in p["evidence"]), key
    for key, words in (("negotiated_handover", "handed"), ("surrender", "surrendered")):
        handed = periods(s[key])
        assert len({p["controller"] for p in handed}) == 2, key
        assert any(words in e["evidence"] for e in handed[1]["evidence"]), key


def test_control_dates_agree_with_the_publication_dates(control):
    golden, articles = control
    for p in golden["periods"]:
        for e in p["evidence"]:
            published = dt.date.fromisoformat(articles[e["article"]]["published"])
            day = stated_day(e["evidence"], published)
            if day is not None:
                inside = (p["since"] or "") <= day.isoformat() <= (p["until"] or "9999")
                assert inside, f"{p['place']['name']}: {e['evidence']!r} names {day}, outside the period"
