"""The core object: one `Atlas` owns the settings and every resource built from them.

    from eventatlas import Atlas, Settings

    with Atlas(Settings(db="events.db")) as atlas:
        result = atlas.extract_text("Rebels shelled Kidal on Monday.", published="2026-03-14")
        summary = atlas.ingest(["news/", "feed.xml"])        # into atlas.store()
        rows, cursor = atlas.store().query_events(EventFilter(type="ASSAULT"))

The spaCy pipeline, the geocoder (and its gazetteer), the extractor and the store are built on first use
and once only; the outlet profiles (where each outlet writes from, learnt over this Atlas's articles) live as
long as the Atlas does. The CLI, the HTTP API, the benchmarks and the scorers build an Atlas and take
everything from it: no module reads the environment or keeps a global default of its own. Reading
EVENTATLAS_* variables is the caller's choice (`Settings.from_env()`, which the CLI makes).
"""

from __future__ import annotations

import functools
from typing import Callable, Iterable, Iterator

from eventatlas.config import Settings
from eventatlas.geo.outlets import OutletProfiles
from eventatlas.records import ArticleResult, Document, Rejection


class Atlas:
    def __init__(self, settings: Settings | None = None, *, extractor: str = "rules"):
        self.settings = settings if settings is not None else Settings()
        self.extractor_name = extractor
        self.outlets = OutletProfiles()
        self._store = None

    # -- resources, each built once, on first use ------------------------------------------------------

    @functools.cached_property
    def nlp(self):
        """The spaCy pipeline (settings.model, or the first installed default)."""
        from eventatlas.nlp import load_model
        return load_model(self.settings.model)

    @functools.cached_property
    def geocoder(self):
        from eventatlas.geo import GEOCODERS
        return GEOCODERS.get(self.settings.geocoder).from_settings(self.settings)

    @functools.cached_property
    def extractor(self):
        from eventatlas.extract import EXTRACTORS
        return EXTRACTORS.get(self.extractor_name)(self.geocoder)

    @functools.cached_property
    def control(self):
        """The control stage (eventatlas/control/): keeps the store's control periods current."""
        from eventatlas.control import ControlStep
        return ControlStep(geocoder_factory=lambda: self.geocoder)

    @functools.cached_property
    def pipeline(self):
        from eventatlas.pipeline import Pipeline
        return Pipeline(self)

    @functools.cached_property
    def worker(self):
        """The pipeline in a worker process of its own, each article under settings.article_seconds
        (worker.py): what `ingest(..., isolated=True)` runs. Started when first asked for."""
        from eventatlas.worker import GuardedPipeline, build_pipeline
        return GuardedPipeline(self.settings, build=functools.partial(build_pipeline, extractor=self.extractor_name))

    def store(self, *, read_only: bool = False):
        """The store settings.db names, opened on first call (read_only applies to that first call)."""
        if self._store is None:
            from eventatlas.store import open_store
            self._store = open_store(self.settings.db, self.settings, read_only=read_only)
        return self._store

    # -- what users do ----------------------------------------------------------------------------------

    def process(self, document: Document) -> ArticleResult:
        return self.pipeline.process(document)

    def process_many(self, documents: Iterable[Document]) -> Iterator[ArticleResult]:
        return self.pipeline.process_many(documents)

    def extract_text(self, text: str, *, published: str | None = None, outlet: str | None = None,
                     title: str | None = None, url: str | None = None) -> ArticleResult:
        """One article from a string, as `eventatlas extract` reads one from a file."""
        from eventatlas.ingest import make_document
        from eventatlas.ingest.credits import find_credits

        doc = make_document(text, title=title, url=url, outlet=outlet, published=published)
        doc.credits = find_credits(text)
        return self.process(doc)

    def read(self, paths: Iterable[str], *, published: str | None = None,
             outlet: str | None = None) -> Iterator[Document | Rejection]:
        """Documents (or Rejections) from files, folders, URLs, feeds, dumps; nothing read until iterated.
        published / outlet: for inputs that carry none and whose text does not say (ingest.provenance)."""
        from eventatlas.ingest import read_inputs
        return read_inputs(paths, self.settings, published=published, outlet=outlet)

    def ingest(self, inputs: Iterable[str | Document | Rejection], *,
               progress: Callable[[], None] | None = None, jobs: int = 1, report=None, isolated: bool = False,
               published: str | None = None, outlet: str | None = None):
        """Read and process inputs (paths, or Documents/Rejections already read) into the store; one broken
        article never stops the batch. After each article is stored, the control periods of the places it
        names are brought up to date (self.control). Returns pipeline.IngestSummary.

        jobs: worker processes that parse and extract (scale/jobs.py), each with an Atlas of its own built
        from these settings; this process reads and writes. 1: all in this process. The stored result is
        the same either way. report: a scale.jobs.JobsReport to fill with the workers' peak memory.
        isolated: the pipeline runs in a worker process of its own (self.worker, or one per job), each
        article under its wall-clock budget (as the CLI runs it). published / outlet: as for `read`."""
        from eventatlas.pipeline import ingest_into

        items = list(inputs) if not isinstance(inputs, (list, tuple)) else inputs
        paths = [i for i in items if isinstance(i, str)]
        read = [i for i in items if not isinstance(i, str)]
        stream = iter(read) if not paths else _chain(read, self.read(paths, published=published, outlet=outlet))
        if jobs > 1:
            from eventatlas.scale.jobs import ingest_parallel
            return ingest_parallel(self.settings, self.store, stream, jobs, progress=progress,
                                   skip=[self.settings.db], report=report, isolated=isolated,
                                   after_store=self.update_control)
        pipeline = self.worker if isolated else self.pipeline
        return ingest_into(self.store(), stream, pipeline, progress=progress, skip=[self.settings.db],
                           after_store=self.update_control, batch=self.settings.write_batch)

    def update_control(self, result) -> None:
        """The control stage for one article just stored (every ingest path calls it, in the writing process)."""
        self.control.update(self.store(), result)

    def close(self) -> None:
        if "worker" in self.__dict__:
            self.__dict__.pop("worker").close()
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> "Atlas":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _chain(first, second):
    yield from first
    yield from second
