"""The JSON Schema file and the records module describe one and the same shape."""

import dataclasses

import pytest

from eventatlas import records
from eventatlas.schema import article_schema, control_schema


@pytest.mark.parametrize("cls,name", [
    (records.Event, "event"), (records.Claim, "claim"), (records.Place, "place"),
    (records.Quantity, "quantity"), (records.Attribution, "attribution"), (records.EventDate, "date"),
    (records.Actor, "actor"), (records.Span, "span"), (records.Account, "account"),
])
def test_schema_properties_are_the_record_fields(cls, name):
    props = article_schema()["$defs"][name]["properties"]
    assert set(props) == {f.name for f in dataclasses.fields(cls)}


def test_document_header_is_the_schema_document():
    doc = records.Document(id="x", text="t")
    assert set(doc.header()) == set(article_schema()["$defs"]["document"]["properties"])


def test_schema_lists_all_plover_types():
    assert article_schema()["$defs"]["event"]["properties"]["type"]["enum"] == list(records.PLOVER_TYPES)


def test_an_assembled_event_validates_with_its_mentions_background_flag_and_accounts():
    from eventatlas.schema import validate_article

    span = records.Span(text="A bomb went off.", start=0, end=16)
    event = records.Event(
        id="d-e1", type="ASSAULT", mode="explosion", acled=None, status="occurred",
        date=records.EventDate(text=None, start=None, end=None, precision=None), location=None, actors=[],
        quantities=[], attribution=None, evidence=span, confidence=0.5, mentions=[span], background=True,
        accounts=[records.Account(attribution=None, evidence=span, quantities=[
            records.Quantity(category="fatalities", low=3, high=3, approximate=False, text="three")])])
    result = records.ArticleResult(document=records.Document(id="d", text=span.text), events=[event])
    validate_article(result.to_dict())
    assert records.event_from_dict(result.to_dict()["events"][0]) == event


@pytest.mark.parametrize("cls,name", [
    (records.ControlPeriod, "control_period"), (records.ControlPlace, "control_place"),
    (records.ControlEvidence, "control_evidence"),
])
def test_control_schema_properties_are_the_record_fields(cls, name):
    props = control_schema()["$defs"][name]["properties"]
    assert set(props) == {f.name for f in dataclasses.fields(cls)}


def test_claim_control_statement_is_in_the_article_schema():
    props = article_schema()["$defs"]["control_statement"]["properties"]
    assert set(props) == {f.name for f in dataclasses.fields(records.ControlStatement)}
