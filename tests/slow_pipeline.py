"""A real pipeline whose extraction stage also runs a pattern that backtracks exponentially, as the
closing-credit pattern once did on "with A&A&...A!": the worker tests' article that never finishes.
A module of its own so that the worker process (a fresh interpreter) can import it."""

from __future__ import annotations

import re

HOSTILE_LINE = "with " + "A&" * 40 + "A!"
# NAME (& NAME)* where a name may hold & itself: every split of the run is tried before failing
_BACKTRACKS = re.compile(r"with\s+([A-Z][\w&]*(?:&[A-Z][\w&]*)*)$", re.M)


def build(settings):
    from eventatlas.atlas import Atlas

    pipeline = Atlas(settings).pipeline
    extract = pipeline.extract

    def extract_with_a_slow_pattern(document, spacy_doc, toponyms):
        _BACKTRACKS.search(document.text)
        return extract(document, spacy_doc, toponyms)

    pipeline.extract = extract_with_a_slow_pattern
    return pipeline
