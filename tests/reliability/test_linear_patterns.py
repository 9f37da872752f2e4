"""Every regular expression that reads article text runs in time linear in the text.

Python's engine backtracks: a pattern with a repeat inside a repeat that can split a run of characters
in many ways ("with A&A&A&...", where & may join two names or sit inside one) takes exponential time,
and one that can start anywhere in a long run and scan to its end takes quadratic time. Each pattern is
run over strings built to provoke both, 30,000 characters long; a linear pattern needs milliseconds, a
quadratic one several seconds and an exponential one forever. The bound below only stops a hang."""

from __future__ import annotations

import pytest

from eventatlas.config import Settings
from eventatlas.ingest import read_inputs
from eventatlas.extract import control_places
from eventatlas.nlp import dateline
from tests.ingest.ingest_helpers import Hung, within
from tests.reliability.patterns import held_patterns, hostile_strings

ARTICLE = ("KHARKIV, Ukraine (AP) \u2014 Russian forces shelled a market in Kharkiv on Tuesday, killing at least "
           "seven people and wounding 20, regional governor Oleh Syniehubov said. About 40% of the city was "
           "without power.\n\nAdditional reporting by Reuters.")


# Patterns the code only ever matches at one position (re.match), so a scan from every start is not how
# they run: they are tried at the start of the text, as they are used.
MATCHED_ONLY = {dateline._DATELINE.pattern}


@pytest.fixture(scope="module")
def patterns(pipeline, tmp_path_factory):
    """Read and process one article first, so every lazily loaded rule table is in memory."""
    path = tmp_path_factory.mktemp("one") / "article.txt"
    path.write_text(ARTICLE)
    for doc in read_inputs([str(path)], Settings()):
        pipeline.process(doc)
    return held_patterns()


def test_the_pipeline_holds_the_patterns_this_test_looks_for(patterns):
    assert len(patterns) > 50
    assert any("contributed" in p for p in patterns)  # ingest/credits.py
    assert any("stranded" in p for p in patterns)     # extract/claims.py
    assert control_places._HEADING.pattern in patterns  # extract/control_places.py


def test_no_pattern_takes_more_than_linear_time(patterns):
    slow = []
    for source, pattern in sorted(patterns.items()):
        for text in hostile_strings(pattern, 30_000):
            try:
                with within(2):
                    if source in MATCHED_ONLY:
                        pattern.match(text)
                    else:
                        for _ in pattern.finditer(text):
                            pass
            except Hung:
                slow.append(f"{source[:90]!r} on {text[:24]!r}...")
                break
    assert not slow, "\n".join(slow)
