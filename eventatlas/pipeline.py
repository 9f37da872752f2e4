"""The whole path for one article or many: spaCy parse -> toponyms -> events, claims, opinions.

The CLI, the HTTP API, the benchmarks and the scorecard all go through `Pipeline`."""

from __future__ import annotations

from typing import Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.records import ArticleResult, Document

# spaCy's parser is quadratic-ish in sentence length and its memory grows with document length;
# articles longer than this are parsed in paragraph-aligned pieces.
_MAX_CHARS = 100_000


class Pipeline:
    def __init__(self, settings: Settings | None = None, *, extractor: str = "rules"):
        from eventatlas.extract import EXTRACTORS
        from eventatlas.geo import get_geocoder
        from eventatlas.nlp import load_model

        self.settings = settings or Settings.from_env()
        self.nlp = load_model(self.settings.model)
        self.geocoder = get_geocoder(self.settings)
        self.extract = EXTRACTORS.get(extractor)

    def process(self, document: Document) -> ArticleResult:
        return next(self.process_many([document]))

    def process_many(self, documents: Iterable[Document]) -> Iterator[ArticleResult]:
        """Parse in batches (nlp.pipe) and yield one ArticleResult per document, in order."""
        docs = (d for d in documents)
        pairs = self.nlp.pipe(((d.text[:_MAX_CHARS], d) for d in docs), as_tuples=True,
                              batch_size=self.settings.batch_size)
        for spacy_doc, document in pairs:
            yield self.finish(document, spacy_doc)

    def finish(self, document: Document, spacy_doc) -> ArticleResult:
        """Everything after the parse, for one document."""
        outlet_country = None
        toponyms = self.geocoder.geoparse(spacy_doc, outlet_country=outlet_country)
        events, claims, opinions = self.extract(document, spacy_doc, toponyms)
        return ArticleResult(document=document, events=events, claims=claims, opinions=opinions)


def extract_text(text: str, *, published: str | None = None, outlet: str | None = None,
                 title: str | None = None, url: str | None = None, pipeline: Pipeline | None = None
                 ) -> ArticleResult:
    """One article from a string: the library call behind `eventatlas extract`."""
    from eventatlas.ingest import make_document
    from eventatlas.ingest.credits import find_credits

    doc = make_document(text, title=title, url=url, outlet=outlet, published=published)
    doc.credits = find_credits(text)
    return (pipeline or Pipeline()).process(doc)
