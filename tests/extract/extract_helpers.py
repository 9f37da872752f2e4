"""Helpers for the extraction tests: the events of one type in a result, and the names of an event's agents.

A plain module (not conftest) so test files can import it."""

from __future__ import annotations


def events_of(result, type_):
    return [e for e in result.events if e.type == type_]


def agent_names(event):
    return [a.name for a in event.actors if a.role == "agent"]
