"""A real store holding hand-built articles, served by the real app: each API test runs on a SQLite file
and on a PostgreSQL database."""

from __future__ import annotations

from eventatlas import Atlas, Settings

import pytest
from fastapi.testclient import TestClient

from eventatlas.records import Actor, ArticleResult, Attribution, Document, Quantity
from eventatlas.serve.api import create_app
from eventatlas.store import open_store
from eventatlas.store.synthetic import event, opinion, place

RSF = Actor(role="agent", text="RSF fighters", name="Rapid Support Forces", type="rebel")
EL_FASHER = place("El Fasher", 13.6279, 25.3494, "SD", admin1="North Darfur")


def _article(doc_id, outlet, paragraphs, sentence, *, dead, speaker, day="2024-02-09", url=None):
    text = "\n\n".join(paragraphs)
    doc = Document(id=doc_id, text=text, title=f"{outlet}: El Fasher", outlet=outlet, url=url, published=day)
    ev = event(doc, 1, sentence, day=day, where=EL_FASHER, actors=[RSF],
               quantities=[Quantity("fatalities", dead[0], dead[1], False, "dead")],
               attribution=Attribution(speaker, None, None, f"{speaker} said"),
               acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"})
    return ArticleResult(document=doc, events=[ev])


def build(db_path: str) -> None:
    a = _article("tribune", "Sudan Tribune", [
        "EL FASHER, 9 February.",
        "RSF fighters attacked the Abu Shouk camp, killing 12 people. Residents fled north.",
        "The city has been besieged for months.",
    ], "RSF fighters attacked the Abu Shouk camp, killing 12 people.", dead=(12, 12), speaker="a medic",
        url="https://example.org/tribune/1")
    b = _article("wire", "Wire", [
        "The Rapid Support Forces shelled El Fasher on Friday; the ministry said 3 people died.",
        "Aid groups said the toll could rise. This is an outrage, one said.",
    ], "The Rapid Support Forces shelled El Fasher on Friday; the ministry said 3 people died.",
        dead=(3, 3), speaker="the ministry", day="2024-02-10", url="https://example.org/wire/1")
    b.opinions.append(opinion(b.document, "This is an outrage, one said."))
    kyiv_doc = Document(id="kyiv", text="Police detained 40 protesters in Kyiv.", outlet="Kyiv Post",
                        published="2024-03-04")
    kyiv = ArticleResult(document=kyiv_doc, events=[event(
        kyiv_doc, 1, "Police detained 40 protesters in Kyiv.", type="COERCE", day="2024-03-04",
        where=place("Kyiv", 50.4501, 30.5234, "UA", admin1="Kyiv City"),
        actors=[Actor(role="agent", text="Police", name="police"),
                Actor(role="target", text="40 protesters", name="protesters")],
        acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"})])
    with open_store(db_path) as store:
        for art in (a, b, kyiv):
            assert store.add_result(art)


@pytest.fixture(scope="module")
def db_path(module_store_locations):
    """The store's location (a SQLite path or a postgresql:// URL), filled."""
    path = module_store_locations.new("api")
    build(path)
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(Atlas(Settings(db=db_path)))) as c:
        yield c
