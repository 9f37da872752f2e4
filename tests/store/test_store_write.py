"""Writing to a store (SQLite and PostgreSQL alike): articles go in whole or not at all, duplicates are
refused, rejections kept. What only one back-end has (files, upgrades) is in test_sqlite.py / test_postgres.py."""

from __future__ import annotations

import dataclasses

import pytest

from eventatlas.records import Rejection
from eventatlas.store import STORES, StoreError, open_store


def test_an_article_is_stored_with_its_events_claims_and_opinions(store, articles):
    assert store.add_result(articles["kharkiv"]()) is True
    assert store.counts() == {"documents": 1, "events": 2, "claims": 1, "opinions": 1, "rejected": 0}
    assert store.has_document(doc_id="doc-kharkiv")
    assert store.has_document(url="https://example.org/kharkiv")
    assert not store.has_document(doc_id="doc-other", url="https://example.org/other")


def test_the_same_document_twice_is_refused_without_change(store, articles):
    assert store.add_result(articles["kharkiv"]())
    assert store.add_result(articles["kharkiv"]()) is False
    assert store.counts()["events"] == 2


def test_another_document_at_a_known_url_is_a_duplicate(store, articles):
    assert store.add_result(articles["kharkiv"]())
    again = articles["sudan"]()
    again.document.url = "https://example.org/kharkiv"
    assert store.add_result(again) is False
    assert not store.has_document(doc_id="doc-sudan")


def test_documents_without_url_are_told_apart_by_id(store, articles):
    a, b = articles["fiji"](), articles["fiji"]()
    b.document = dataclasses.replace(b.document, id="doc-fiji-2")
    b.events[0].id = "doc-fiji-2-e1"
    assert store.add_result(a) and store.add_result(b)
    assert store.counts()["documents"] == 2


def test_a_broken_article_leaves_nothing_behind(store, articles):
    art = articles["kharkiv"]()
    art.events[1].id = art.events[0].id
    with pytest.raises(ValueError, match="doc-kharkiv.*appears twice"):
        store.add_result(art)
    assert store.counts() == {"documents": 0, "events": 0, "claims": 0, "opinions": 0, "rejected": 0}
    # and the store still works afterwards
    assert store.add_result(articles["sudan"]())


def test_an_event_id_taken_by_another_document_rolls_back_the_article(store, articles):
    assert store.add_result(articles["kharkiv"]())
    art = articles["sudan"]()
    art.events[0].id = "doc-kharkiv-e1"
    with pytest.raises(ValueError, match="doc-sudan"):
        store.add_result(art)
    assert not store.has_document(doc_id="doc-sudan")
    assert store.counts()["events"] == 2


def test_rejections_are_recorded_with_stage_reason_in_order(store):
    store.add_rejection(Rejection(input="feeds/broken.xml", stage="ingest", reason="not a feed"))
    store.add_rejection(Rejection(input="a.txt", stage="extract", reason="empty text"))
    assert store.rejections() == [Rejection("feeds/broken.xml", "ingest", "not a feed"),
                                  Rejection("a.txt", "extract", "empty text")]
    assert store.counts()["rejected"] == 2


def test_data_survives_reopening(store_url, articles):
    with open_store(store_url) as s:
        s.add_result(articles["kharkiv"]())
    with open_store(store_url) as s:
        assert s.counts()["events"] == 2
        assert s.add_result(articles["kharkiv"]()) is False


def test_several_articles_go_in_one_transaction_each_seeing_the_ones_before(store, articles):
    first, again, other = articles["kharkiv"](), articles["kharkiv"](), articles["sudan"]()
    assert store.add_results([first, again, other]) == [True, False, True]
    assert store.counts()["documents"] == 2
    assert store.stored_documents(["doc-kharkiv", "doc-sudan", "doc-nowhere"]) == {"doc-kharkiv", "doc-sudan"}


def test_a_broken_article_in_a_batch_leaves_none_of_the_batch(store, articles):
    broken = articles["sudan"]()
    broken.events[1].id = broken.events[0].id
    with pytest.raises(ValueError, match="doc-sudan"):
        store.add_results([articles["kharkiv"](), broken])
    assert store.counts()["documents"] == 0


def test_both_back_ends_are_registered_by_url_scheme():
    assert {"sqlite", "postgresql", "postgres"} <= set(STORES.names())


def test_read_only_store_refuses_writes(store_url, articles):
    with open_store(store_url) as s:
        s.add_result(articles["sudan"]())
    with open_store(store_url, read_only=True) as ro:
        assert ro.counts()["events"] == 2
        with pytest.raises(StoreError, match="read-only"):
            ro.add_result(articles["kharkiv"]())
