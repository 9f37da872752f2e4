"""The JSON Schema of the output contract, and a validator for it."""

from __future__ import annotations

import functools
import json
from importlib import resources

import jsonschema


@functools.cache
def article_schema() -> dict:
    return json.loads(resources.files("eventatlas.schema").joinpath("article.schema.json").read_text("utf-8"))


@functools.cache
def control_schema() -> dict:
    return json.loads(resources.files("eventatlas.schema").joinpath("control.schema.json").read_text("utf-8"))


def validate_control_period(obj: dict) -> None:
    """Raise jsonschema.ValidationError when `obj` is no control period as records.ControlPeriod writes it."""
    jsonschema.Draft202012Validator(control_schema()).validate(obj)


def validate_article(obj: dict) -> None:
    """Raise jsonschema.ValidationError when `obj` breaks the output contract."""
    jsonschema.Draft202012Validator(article_schema()).validate(obj)
