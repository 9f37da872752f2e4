"""Hand-built articles (real records.py dataclasses) stored in a real store per test: a SQLite file and a
database on a real PostgreSQL server (tests/conftest.py starts one), every test on both."""

from __future__ import annotations

import pytest

from eventatlas.records import Actor, ArticleResult, Document, Quantity
from eventatlas.store import open_store
from eventatlas.store.synthetic import claim, event, opinion, place

KHARKIV_TEXT = (
    "Russian forces shelled Kharkiv on Tuesday, killing 3 civilians. "
    "Police arrested 40 protesters in Kyiv. "
    "The strike was a disgrace, the mayor said. "
    "Officials said 12 fighters surrendered."
)
SUDAN_TEXT = (
    "The Rapid Support Forces attacked El Fasher, killing at least 20 people. "
    "Thousands protested in Khartoum against the war."
)
FIJI_TEXT = "Villagers on Taveuni protested against the logging company."


def kharkiv_article() -> ArticleResult:
    doc = Document(id="doc-kharkiv", text=KHARKIV_TEXT, title="Shelling in Kharkiv", outlet="Kyiv Post",
                   url="https://example.org/kharkiv", published="2024-03-05")
    return ArticleResult(
        document=doc,
        events=[
            event(doc, 1, "Russian forces shelled Kharkiv on Tuesday, killing 3 civilians.", type="ASSAULT",
                  day="2024-03-05", where=place("Kharkiv", 49.9935, 36.2304, "UA", admin1="Kharkiv"),
                  actors=[Actor(role="agent", text="Russian forces", name="Russian Armed Forces", type="state")],
                  quantities=[Quantity("fatalities", 3, 3, False, "killing 3 civilians")],
                  acled={"event_type": "Explosions/Remote violence",
                         "sub_event_type": "Shelling/artillery/missile attack"}),
            event(doc, 2, "Police arrested 40 protesters in Kyiv.", type="COERCE", day="2024-03-04",
                  where=place("Kyiv", 50.4501, 30.5234, "UA", admin1="Kyiv City"),
                  actors=[Actor(role="agent", text="Police", name="police"),
                          Actor(role="target", text="40 protesters", name="protesters")],
                  acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"}),
        ],
        claims=[claim(doc, 1, "Officials said 12 fighters surrendered.",
                      quantity=Quantity("surrendered", 12, 12, False, "12 fighters"))],
        opinions=[opinion(doc, "The strike was a disgrace, the mayor said.")],
    )


def sudan_article() -> ArticleResult:
    doc = Document(id="doc-sudan", text=SUDAN_TEXT, title="Darfur", outlet="Sudan Tribune",
                   url="https://example.org/sudan", published="2024-02-10")
    return ArticleResult(document=doc, events=[
        event(doc, 1, "The Rapid Support Forces attacked El Fasher, killing at least 20 people.", type="ASSAULT",
              day="2024-02-09", where=place("El Fasher", 13.6279, 25.3494, "SD", admin1="North Darfur"),
              actors=[Actor(role="agent", text="The Rapid Support Forces", name="Rapid Support Forces")],
              quantities=[Quantity("fatalities", 20, None, True, "at least 20 people")],
              acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"}),
        event(doc, 2, "Thousands protested in Khartoum against the war.", type="PROTEST", day=None,
              where=place("Khartoum", 15.5007, 32.5599, "SD", admin1="Khartoum"),
              actors=[Actor(role="agent", text="Thousands", name="protesters")]),
    ])


def fiji_article() -> ArticleResult:
    # Taveuni lies on the antimeridian: the place filter must not lose it.
    doc = Document(id="doc-fiji", text=FIJI_TEXT, title=None, outlet=None, url=None, published="2023-11-20")
    return ArticleResult(document=doc, events=[
        event(doc, 1, FIJI_TEXT, type="PROTEST", status="occurred", day="2023-11-19",
              where=place("Taveuni", -16.85, -179.95, "FJ"),
              actors=[Actor(role="agent", text="Villagers", name="villagers")]),
    ])


@pytest.fixture
def store_url(store_locations):
    """An empty store's location: a SQLite path, or a postgresql:// URL."""
    return store_locations.new()


@pytest.fixture
def sqlite_path(tmp_path):
    """For what only the SQLite back-end has (its file, its upgrades)."""
    return str(tmp_path / "events.db")


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


@pytest.fixture
def filled(store):
    for art in (kharkiv_article(), sudan_article(), fiji_article()):
        assert store.add_result(art)
    return store


@pytest.fixture
def articles():
    """Fresh copies of the hand-built articles, by name."""
    return {"kharkiv": kharkiv_article, "sudan": sudan_article, "fiji": fiji_article}
