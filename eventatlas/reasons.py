"""Sentences for failures that Python names by class: what a Rejection says when a stage raised.

A reason is read by the person who fed eventatlas the input, so it says what is wrong with the input
(nested too deeply, too large for memory) or, for a fault of eventatlas itself, that it is one and
where; never "RecursionError: maximum recursion depth exceeded" or a traceback."""

from __future__ import annotations


def failure_reason(exc: BaseException, what: str) -> str:
    """One line for an exception raised while `what` ("the HTML reader", "event extraction") ran."""
    if isinstance(exc, RecursionError):
        return f"nested too deeply for {what} to follow (markup or data thousands of levels deep)"
    if isinstance(exc, MemoryError):
        return f"too large for {what} in the memory available"
    if isinstance(exc, UnicodeError):
        return f"holds characters that are not valid Unicode, which {what} could not handle"
    detail = " ".join(str(exc).split())[:80]
    return f"{what} failed on it (an internal error{': ' + detail if detail else ''}); please report it"
