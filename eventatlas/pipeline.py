"""The stages in the order they run, for one article or many:

    ingest (Document) -> nlp (parse) -> geo (Geography) -> extract (mentions) -> assemble (events) -> store

`Pipeline` runs them with the resources of one Atlas (eventatlas/atlas.py); build it through
`Atlas.pipeline`, never on its own."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from eventatlas.assemble import assemble
from eventatlas.geo.outlets import outlet_key
from eventatlas.nlp.dateline import blank, blank_dateline
from eventatlas.nlp.furniture import blank_furniture
from eventatlas.nlp.pieces import pipe_in_pieces
from eventatlas.nlp.truecase import needs_truecasing, truecase
from eventatlas.reasons import failure_reason
from eventatlas.records import ArticleResult, Document, Rejection


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of up to `size` items (itertools.batched, which Python 3.11 lacks)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class KnownNames:
    """The names truecasing capitalises in all-capitals text: months and weekdays, countries, actors'
    aliases, demonyms (and their plurals), and large places the geocoder knows."""

    _GENERIC = {"police", "army", "security forces", "junta", "pentagon"}  # nouns, not names
    _NOT_MONTHS = {"may", "march", "mar"}  # a modal and a verb far more often than months in running text

    def __init__(self, geocoder):
        import pycountry

        from eventatlas.extract.lexicon import actor_aliases
        from eventatlas.geo.recognize import demonym_table

        words: set[str] = set()
        words.update(m.lower() for m in calendar.month_name if m)
        words.update(m.lower() for m in calendar.month_abbr if m)
        words -= self._NOT_MONTHS
        words.update(d.lower() for d in calendar.day_name)
        for c in pycountry.countries:
            words.add(c.name.lower())
            if getattr(c, "common_name", None):
                words.add(c.common_name.lower())
        words.update(a for a in actor_aliases()[1] if len(a) > 3)
        words -= self._GENERIC
        for folded in demonym_table():
            words.update({folded, folded + "s"})
        self.words = frozenset(words)
        self.geocoder = geocoder
        # "two villages east of dilling": a bare compass word is a direction, though regions bear its name
        from eventatlas.extract.lexicon import words as word_set
        self.directions = word_set("directions")

    def is_name(self, phrase: str, n_words: int) -> bool:
        if phrase.strip(".") in self.directions:
            return False
        return phrase.strip(".") in self.words or self.geocoder.is_big_place(phrase, n_words)


class Pipeline:
    def __init__(self, atlas):
        self.atlas = atlas
        self.nlp = atlas.nlp
        self.geocoder = atlas.geocoder
        self.outlets = atlas.outlets  # where each outlet writes from, learnt over the Atlas's articles
        self.extract = atlas.extractor
        self.settings = atlas.settings
        self.names = KnownNames(self.geocoder)

    def process(self, document: Document) -> ArticleResult:
        return next(self.process_many([document]))

    def process_many(self, documents: Iterable[Document]) -> Iterator[ArticleResult]:
        """Parse in batches (nlp.pipe) and yield one ArticleResult per document, in order."""
        # long articles are parsed in paragraph-aligned pieces (nlp/pieces.py), every piece read
        pairs = pipe_in_pieces(self.nlp, ((self.parse_text(d), d) for d in documents),
                               batch_size=self.settings.batch_size)
        for spacy_doc, document in pairs:
            yield self.finish(document, spacy_doc)

    def process_safely(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, ArticleResult | Rejection]]:
        """Like process_many, but an article that breaks a stage comes out as a Rejection naming it."""
        for batch in batches(documents, self.settings.batch_size):
            yield from self._safe_batch(batch)

    def _safe_batch(self, batch: list[Document]):
        try:
            parsed = [doc for doc, _ in pipe_in_pieces(self.nlp, ((self.parse_text(d), None) for d in batch),
                                                       batch_size=len(batch))]
        except Exception:  # noqa: BLE001 - isolate the article that breaks the parser
            if len(batch) == 1:
                yield batch[0], Rejection(_name(batch[0]), "nlp", "the spaCy parser failed on this text")
                return
            for one in batch:
                yield from self._safe_batch([one])
            return
        for document, spacy_doc in zip(batch, parsed):
            try:
                yield document, self.finish(document, spacy_doc)
            except Exception as exc:  # noqa: BLE001 - a bug on one article must not lose the batch
                yield document, Rejection(_name(document), "extract", failure_reason(exc, "event extraction"))

    def parse_text(self, document: Document) -> str:
        """The text spaCy sees: the dateline blanked, all-capitals or lower-cased text truecased (same length,
        same offsets, so every span still points into the article as written)."""
        # the header (a text file's headline) is metadata, not body: blanked, so offsets still hold
        text = blank_dateline(blank(document.text, 0, document.body_start), document.body_start)
        text = blank_furniture(text)  # "Related stories", "Share this article", photo credits: no article text
        if needs_truecasing(text):
            text = truecase(text, self.names)
        body = text.rstrip()
        if body and not body.endswith(_SENTENCE_END):
            # A headline or a text cut short: the tagger reads "Bombardment targets Aleppo" as one noun
            # phrase unless a full stop closes it. The stop goes after the last character, so offsets hold.
            text = body + "." + text[len(body) + 1:]
        return text

    def geography(self, document: Document, spacy_doc):
        """The geo stage for one parsed document, with what the document says of its outlet (its address and
        name); the geo scorecard calls this too, so it scores what users get."""
        return self.geocoder.geography(spacy_doc, document,
                                       outlet=self.outlets.of(outlet_key(document.outlet, document.url)))

    def finish(self, document: Document, spacy_doc) -> ArticleResult:
        """Everything after the parse, for one document."""
        geography = self.geography(document, spacy_doc)
        found = self.extract(document, spacy_doc, geography)
        events = assemble(document, found, geography)
        # Evidence quotes the article as written (the parse may have run on a truecased or blanked copy), and
        # a span never carries the whitespace around a sentence: text[start:end] == span.text.
        parsed = spacy_doc.text
        spans = {id(s): s for e in events for s in [e.evidence, *e.mentions, *(a.evidence for a in e.accounts)]}
        spans.update((id(c.evidence), c.evidence) for c in found.claims)
        spans.update((id(o), o) for o in found.opinions)
        for span in spans.values():
            exact_span(span, document.text, parsed)
        return ArticleResult(document=document, events=events, claims=found.claims, opinions=found.opinions)


def exact_span(span, text: str, parsed: str) -> None:
    """Trim a span to the characters that are not space in the text the parser saw (a blanked header or
    dateline is space there), and take its text from the article as written."""
    piece = parsed[span.start:span.end]
    span.start += len(piece) - len(piece.lstrip())
    # the full stop parse_text puts after an unfinished last sentence is not in the text
    span.end = min(span.start + len(piece.strip()), len(text.rstrip()))
    span.text = text[span.start:span.end]


_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ")", "]", ":", ";", "…")


def _name(document: Document) -> str:
    return document.source or document.url or document.id


@dataclass
class IngestSummary:
    documents: int = 0
    duplicates: int = 0
    events: int = 0
    claims: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.documents} documents stored, {self.duplicates} already stored, {self.events} events, "
                f"{self.claims} claims, {self.rejected} rejected")


def ingest_into(store, inputs: Iterable[Document | Rejection], pipeline: Pipeline,
                progress: Callable[[], None] | None = None, skip: Iterable[str] = (),
                after_store: Callable[[ArticleResult], object] | None = None, batch: int = 32) -> IngestSummary:
    """Process documents and rejections from `ingest.read_inputs` into a store, in this process; one broken
    article never stops the batch: it becomes a Rejection with its stage and reason, and the rest goes on.
    Results are written in input order, several articles a transaction (scale/writer.py).

    after_store: called with each article once it is stored (the Atlas updates the control periods of the
    places the article names). batch: articles a transaction at most (settings.write_batch)."""
    from eventatlas.scale.writer import BatchWriter, fresh_documents

    summary = IngestSummary()
    writer = BatchWriter(store, summary, progress=progress, after_store=after_store, batch=batch)
    for _document, outcome in pipeline.process_safely(fresh_documents(inputs, store, writer, skip)):
        writer.add(outcome)
    writer.flush()
    return summary
