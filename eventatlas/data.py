"""The one reader of the data files a package keeps in its `data/` folder (lexicons, word lists, ontology
tables): TSV with a header row, plain word lists, and YAML. Lines starting with '#' and blank lines are
comments in TSV files and word lists. Every reader is cached: the files are read once per process."""

from __future__ import annotations

import csv
import functools
from importlib import resources
from typing import Any

import yaml


class DataFileError(ValueError):
    """A packaged data file that does not have the shape its reader expects."""


def data_text(package: str, name: str) -> str:
    """The text of `name` in `package`'s data folder ("eventatlas.extract", "triggers.tsv")."""
    return resources.files(package).joinpath("data").joinpath(name).read_text("utf-8")


def _content_lines(package: str, name: str) -> list[str]:
    return [ln for ln in data_text(package, name).splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def read_table(package: str, name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV file as dicts keyed by its header row (the first line that is not a comment).
    Missing trailing cells read as ''."""
    lines = _content_lines(package, name)
    if not lines:
        raise DataFileError(f"{package}/data/{name}: no header row")
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, restval="")
    return tuple(reader)


@functools.cache
def read_rows(package: str, name: str, header: bool = True) -> tuple[tuple[str, ...], ...]:
    """The rows of a TSV file as tuples of cells, without the header row when the file has one."""
    lines = _content_lines(package, name)
    return tuple(tuple(ln.split("\t")) for ln in (lines[1:] if header else lines))


@functools.cache
def read_words(package: str, name: str, lower: bool = True) -> frozenset[str]:
    """A word list, one entry a line, stripped (and lower-cased unless the case matters)."""
    return frozenset(ln.strip().lower() if lower else ln.strip() for ln in _content_lines(package, name))


@functools.cache
def read_yaml(package: str, name: str) -> Any:
    return yaml.safe_load(data_text(package, name))
