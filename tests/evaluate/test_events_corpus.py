"""The events corpus (eventatlas/evaluate/corpora/events) is well-formed: what its README promises holds.

Each invented article has a golden file that lists its events article-level, coded with the repository's own
vocabularies (PLOVER types and statuses, ACLED sub-event types, actor types, quantity categories, claim kinds);
every string a golden file quotes is a stretch of its article's text; dates follow the corpus's date rules; and
every error class of traps.tsv is exercised by at least two articles. Nothing here runs the extractor: these
tests keep the yardstick straight, the scorer measures the pipeline against it."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from eventatlas.extract import lexicon
from eventatlas.records import CLAIM_KINDS, PLOVER_TYPES, QUANTITY_CATEGORIES, STATUSES

CORPUS = Path(str(resources.files("eventatlas.evaluate").joinpath("corpora", "events")))
ARTICLES = sorted((CORPUS / "articles").glob("*.json"))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _pairs() -> list[tuple[str, dict, dict]]:
    return [(p.stem, _load(p), _load(CORPUS / "golden" / p.name)) for p in ARTICLES]


def _trap_labels() -> list[str]:
    lines = [ln for ln in (CORPUS / "traps.tsv").read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    return [row["label"] for row in csv.DictReader(lines, delimiter="\t")]


def _actor_types() -> set[str]:
    _, by_alias = lexicon.actor_aliases()
    return {entry.type for entry in by_alias.values()} | set(lexicon.generic_actor_types().values())


def _actors(gold: dict):
    for event in gold["events"]:
        for role in ("agent", "target"):
            if event[role] is not None:
                yield event[role]


CASES = _pairs()
IDS = [stem for stem, _, _ in CASES]


def test_the_corpus_has_at_least_twenty_articles_each_with_a_golden_file():
    assert len(ARTICLES) >= 20
    assert {p.stem for p in ARTICLES} == {p.stem for p in (CORPUS / "golden").glob("*.json")}


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_an_article_has_the_demo_corpus_fields_and_reads_like_a_news_article(stem, article, gold):
    assert set(article) == {"title", "outlet", "published", "url", "text"}
    assert all(isinstance(article[k], str) and article[k].strip() for k in article)
    assert 2025 <= dt.date.fromisoformat(article["published"]).year <= 2026
    assert re.match(r"https://([a-z-]+\.)*example\.[a-z]+/", article["url"]), "URLs stay on example.* domains"
    assert "\n\n" in article["text"], "paragraphs are separated by a blank line"
    assert 250 <= len(article["text"].split()) <= 600
    assert len(gold["events"]) >= 3, "every article is multi-event"


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_every_string_a_golden_file_quotes_is_in_its_article(stem, article, gold):
    text = article["text"]
    quoted = [s for e in gold["events"] for s in e["evidence"]] + [c["evidence"] for c in gold["claims"]]
    quoted += gold["not_events"] + gold.get("not_figures", []) + gold.get("furniture", [])
    assert [s for s in quoted if s not in text] == []
    lines = text.split("\n")
    assert [s for s in gold.get("furniture", []) if s not in lines] == [], "furniture is whole lines"


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_no_event_evidence_lies_inside_a_not_event_string(stem, article, gold):
    clashes = [(s, n) for e in gold["events"] for s in e["evidence"] for n in gold["not_events"] if s in n or n in s]
    assert clashes == []


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_events_use_the_repository_vocabularies(stem, article, gold):
    acled = set(lexicon.acled_event_type_of())
    for event in gold["events"]:
        assert event["type"] in PLOVER_TYPES
        assert event["status"] in STATUSES
        assert event["acled"] is None or event["acled"] in acled
        if event["status"] != "occurred":
            assert event["acled"] is None, "ACLED codes only what happened"
        assert isinstance(event["background"], bool)
        for figures in [event.get("figures", {})] + [s["figures"] for s in event.get("sources", [])]:
            assert set(figures) <= set(QUANTITY_CATEGORIES)
            for value in figures.values():
                assert isinstance(value["low"], int) and value["low"] >= 0
                assert value["high"] is None or value["high"] >= value["low"]
        if "sources" in event:
            assert len(event["sources"]) >= 2 and all(s["speaker"] for s in event["sources"])
    for claim in gold["claims"]:
        assert claim["kind"] in CLAIM_KINDS
        assert claim.get("share") is None or 0 < claim["share"] <= 1
        assert claim.get("quantity") is None or claim["quantity"]["category"] in QUANTITY_CATEGORIES


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_actors_have_canonical_names_and_types_from_the_actor_tables(stem, article, gold):
    _, by_alias = lexicon.actor_aliases()
    types = _actor_types()
    for actor in _actors(gold):
        assert actor["type"] in types
        listed = by_alias.get(actor["name"].lower())
        if listed is not None:  # a listed actor goes by its canonical name and its listed type
            assert (actor["name"], actor["type"]) == (listed.name, listed.type)
    for claim in gold["claims"]:
        listed = claim["subject"] and by_alias.get(claim["subject"].lower())
        assert not listed or claim["subject"] == listed.name


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_places_carry_an_iso_country_code(stem, article, gold):
    for event in gold["events"]:
        place = event["place"]
        if place is not None:
            assert place["name"]
            assert place["country"] is None or pycountry.countries.get(alpha_2=place["country"]) is not None


def _parse_date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    raise AssertionError(f"not a date: {value!r}")


def _weekday_date(published: dt.date, weekday: str, forward: bool) -> dt.date:
    """The named weekday before publication (past events) or after it (planned ones); never the same day."""
    sign = 1 if forward else -1
    step = (sign * (WEEKDAYS.index(weekday) - published.weekday())) % 7 or 7
    return published + dt.timedelta(days=sign * step)


@pytest.mark.parametrize(("stem", "article", "gold"), CASES, ids=IDS)
def test_dates_parse_and_weekdays_resolve_against_the_publication_date(stem, article, gold):
    published = dt.date.fromisoformat(article["published"])
    for event in gold["events"]:
        if event["date"] is None:
            assert not event["background"], "background history is history with a date"
            continue
        day = _parse_date(event["date"])
        assert event["background"] == (day.year < published.year), "background is history from an earlier year"
        named = [w for w in WEEKDAYS if re.search(rf"\b{w}\b", event["evidence"][0], re.IGNORECASE)]
        if named:
            expected = _weekday_date(published, named[0], forward=event["status"] != "occurred")
            assert event["date"] == expected.isoformat(), event["evidence"][0]


def test_the_two_sources_rule_keeps_the_lowest_figure_and_each_speakers_own():
    """ACLED's conservative rule: the event carries the lowest estimate; each source keeps its own figure."""
    seen = 0
    for _, _, gold in CASES:
        for event in gold["events"]:
            if "sources" not in event:
                continue
            seen += 1
            lows = [s["figures"]["fatalities"]["low"] for s in event["sources"] if "fatalities" in s["figures"]]
            assert event["figures"]["fatalities"]["low"] == min(lows)
            assert len(set(lows)) > 1, "sources are listed only where they disagree"
    assert seen >= 2


def test_the_corpus_holds_lowercased_all_caps_and_furnished_text():
    def cased(pred):
        return [stem for stem, article, _ in CASES if pred(article["text"])]
    assert len(cased(lambda t: t == t.lower())) >= 2
    assert len(cased(lambda t: t == t.upper())) >= 2
    assert len([stem for stem, _, gold in CASES if gold.get("furniture")]) >= 3


def test_every_error_class_is_exercised_by_two_articles_or_more():
    labels = _trap_labels()
    used = collections.Counter(label for _, _, gold in CASES for label in set(gold["traps"]))
    assert sorted(set(used) - set(labels)) == [], "golden files use only the labels of traps.tsv"
    assert {label: used[label] for label in labels if used[label] < 2} == {}


def test_police_actions_against_civilians_appear_in_three_articles_or_more():
    def police_on_civilians(event):
        agent, target = event["agent"], event["target"]
        return agent and agent["name"] == "Police" and target and target["type"] in ("civilians", "protesters")
    with_police = [stem for stem, _, gold in CASES if any(police_on_civilians(e) for e in gold["events"])]
    assert len(with_police) >= 3
