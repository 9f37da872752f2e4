"""The whole path for one article or many: spaCy parse -> toponyms -> events, claims, opinions.

The CLI, the HTTP API, the benchmarks and the scorecard all go through `Pipeline`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.geo.outlets import OutletProfiles, country_of_url, outlet_key
from eventatlas.nlp.dateline import blank_dateline, dateline_end
from eventatlas.nlp.truecase import is_shouting, truecase
from eventatlas.records import ArticleResult, Document, Rejection

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
        # where each outlet writes from, learnt over this pipeline's articles (see geo/outlets.py)
        self.outlets = OutletProfiles()
        self.extract = EXTRACTORS.get(extractor)

    def process(self, document: Document) -> ArticleResult:
        return next(self.process_many([document]))

    def process_many(self, documents: Iterable[Document]) -> Iterator[ArticleResult]:
        """Parse in batches (nlp.pipe) and yield one ArticleResult per document, in order."""
        docs = (d for d in documents)
        pairs = self.nlp.pipe(((self.parse_text(d), d) for d in docs), as_tuples=True,
                              batch_size=self.settings.batch_size)
        for spacy_doc, document in pairs:
            yield self.finish(document, spacy_doc)

    def process_safely(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, ArticleResult | Rejection]]:
        """Like process_many, but an article that breaks a stage comes out as a Rejection naming it."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.settings.batch_size:
                yield from self._safe_batch(batch)
                batch = []
        if batch:
            yield from self._safe_batch(batch)

    def _safe_batch(self, batch: list[Document]):
        try:
            parsed = list(self.nlp.pipe([self.parse_text(d) for d in batch]))
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
                yield document, Rejection(_name(document), "extract", f"{type(exc).__name__}: {exc}")

    def parse_text(self, document: Document) -> str:
        """The text spaCy sees: the dateline blanked, all-capitals wire copy truecased (same length, same
        offsets, so every span still points into the article as written)."""
        text = blank_dateline(document.text[:_MAX_CHARS])
        if is_shouting(text):
            text = truecase(text, self.geocoder.gazetteer)
        body = text.rstrip()
        if body and not body.endswith(_SENTENCE_END):
            # A headline or a text cut short: the tagger reads "Bombardment targets Aleppo" as one noun
            # phrase unless a full stop closes it. The stop goes after the last character, so offsets hold.
            text = body + "." + text[len(body) + 1:]
        return text

    def dateline_place(self, text: str):
        """Where the story was filed from ("CHITTAGONG, Bangladesh - "): blanked for the parser, but still
        the article's place of last resort when the body names none."""
        from eventatlas.geo import Toponym

        end = dateline_end(text)
        if not end:
            return None
        head = text[:end]
        name = head.split(",")[0].split("(")[0].strip(" -—–:")
        start = text.find(name)
        hint = None
        if "," in head:
            from eventatlas.geo import country_code_of_name
            hint = country_code_of_name(head.split(",")[1].split("(")[0].strip(" -—–:"))
        place = self.geocoder.resolve_name(name.title(), country_hint=hint) if name else None
        if place is None or start < 0:
            return None
        place.text = name
        return Toponym(start, start + len(name), place)

    def geography(self, document: Document, spacy_doc) -> list:
        """The article's places as the extractor gets them: the dateline place first, then the text's toponyms,
        resolved with what the document says of its outlet (its address and name). The geo scorecard calls this
        too, so it scores what users get."""
        toponyms = self.geocoder.geoparse(spacy_doc, outlet_country=country_of_url(document.url),
                                          outlet=self.outlets.of(outlet_key(document.outlet, document.url)))
        filed_from = self.dateline_place(document.text)
        return [filed_from, *toponyms] if filed_from is not None else toponyms

    def finish(self, document: Document, spacy_doc) -> ArticleResult:
        """Everything after the parse, for one document."""
        toponyms = self.geography(document, spacy_doc)
        events, claims, opinions = self.extract(document, spacy_doc, toponyms)
        if spacy_doc.text != document.text[:len(spacy_doc.text)]:
            # the parse ran on a truecased copy: evidence quotes the article as written
            for span in [e.evidence for e in events] + [c.evidence for c in claims] + opinions:
                span.end = span.start + len(document.text[span.start:span.end].rstrip())
                span.text = document.text[span.start:span.end]
        return ArticleResult(document=document, events=events, claims=claims, opinions=opinions)


_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ")", "]", ":", ";", "…")


def _name(document: Document) -> str:
    return document.source or document.url or document.id


def extract_text(text: str, *, published: str | None = None, outlet: str | None = None,
                 title: str | None = None, url: str | None = None, pipeline: Pipeline | None = None
                 ) -> ArticleResult:
    """One article from a string: the library call behind `eventatlas extract`."""
    from eventatlas.ingest import make_document
    from eventatlas.ingest.credits import find_credits

    doc = make_document(text, title=title, url=url, outlet=outlet, published=published)
    doc.credits = find_credits(text)
    return (pipeline or Pipeline()).process(doc)


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
                progress: Callable[[], None] | None = None, skip: Iterable[str] = ()) -> IngestSummary:
    """Process documents and rejections from `ingest.read_inputs` into a store; one broken article never
    stops the batch: it becomes a Rejection with its stage and reason, and the rest goes on."""
    summary = IngestSummary()

    def reject(rej: Rejection) -> None:
        summary.rejected += 1
        summary.rejections.append(rej)
        store.add_rejection(rej)

    # The database being written (and its WAL files) may sit in the folder being read: not an input.
    skipped = {str(Path(p).resolve()) for base in skip for p in (base, base + "-wal", base + "-shm", base + "-journal")}

    def fresh() -> Iterator[Document]:
        for item in inputs:
            name = item.input if isinstance(item, Rejection) else item.source
            if name and skipped and str(Path(name).resolve()) in skipped:
                if progress:
                    progress()
                continue
            if isinstance(item, Rejection):
                reject(item)
                if progress:
                    progress()
                continue
            if store.has_document(doc_id=item.id, url=item.url):
                summary.duplicates += 1
                if progress:
                    progress()
                continue
            yield item

    for document, outcome in pipeline.process_safely(fresh()):
        if isinstance(outcome, Rejection):
            reject(outcome)
        elif store.add_result(outcome):
            summary.documents += 1
            summary.events += len(outcome.events)
            summary.claims += len(outcome.claims)
        else:
            summary.duplicates += 1
        if progress:
            progress()
    return summary
