"""The `eventatlas` command line: a thin layer over an Atlas (eventatlas/atlas.py), the same object the HTTP
API, the benchmarks and the scorers build.

Exit codes: 0 all went well; 1 some inputs were rejected (they are recorded, the rest went on);
2 usage error; 3 the environment is missing something (model, database, optional package); 4 a bug.
Errors print as one line, `eventatlas: [CODE] what: why`; no traceback reaches the user."""

from __future__ import annotations

import csv
import importlib
import json
import re
import sys
from pathlib import Path

import click

from eventatlas.config import Settings
from eventatlas.errors import EXIT_BUG, EXIT_REJECTED, EventAtlasError, MissingDependency, describe_bug

# Commands whose module is imported only when they run (the scorecard pulls in every gold reader).
_LAZY = {"eval": "eventatlas.evaluate.cli:eval_command", "incidents": "eventatlas.cli_incidents:incidents_command"}


def _settings(**overrides) -> Settings:
    return Settings.from_env().with_overrides(**overrides)


def _export_formats() -> list[str]:
    from eventatlas.export import EXPORTERS
    return EXPORTERS.names()


def _atlas(settings: Settings):
    from eventatlas.atlas import Atlas
    return Atlas(settings)


class _Group(click.Group):
    """Loads lazy commands on demand, and turns every error into one line and the README's exit code."""

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *_LAZY})

    def get_command(self, ctx, name):
        if name in _LAZY:
            module, _, attr = _LAZY[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EventAtlasError as exc:
            click.echo(f"eventatlas: [{exc.code}] {exc.line()}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("eventatlas: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - a bug still gets one line, not a traceback
            click.echo(f"eventatlas: {describe_bug(exc)}", err=True)
            sys.exit(EXIT_BUG)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventatlas")
def main() -> None:
    """Turn news into a verifiable, geocoded database of political and conflict events."""


@main.command()
@click.argument("source", type=str)
@click.option("--published", help="Publication date (YYYY-MM-DD); relative dates resolve against it.")
@click.option("--outlet", help="Outlet name.")
@click.option("--title", help="Article title.")
@click.option("--url", help="Article URL.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--model", help="spaCy pipeline to use (package name or path).")
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Fetch a URL on a loopback, private or link-local address (your own intranet).")
def extract(source, published, outlet, title, url, fmt, model, allow_private_urls):
    """Extract events from one article: a file (.txt/.html/.json), a URL, or - for standard input."""
    from eventatlas.ingest import read_inputs
    from eventatlas.records import Rejection

    settings = _settings(model=model, allow_private_urls=allow_private_urls)
    atlas = _atlas(settings)
    items = list(read_inputs([source], settings))
    docs = [i for i in items if not isinstance(i, Rejection)]
    for rej in (i for i in items if isinstance(i, Rejection)):
        click.echo(f"eventatlas: {rej.line()}", err=True)
    if not docs:
        sys.exit(EXIT_REJECTED)
    doc = docs[0]
    for key, value in (("published", published), ("outlet", outlet), ("title", title), ("url", url)):
        if value:
            setattr(doc, key, value)
    if published:
        _check_date(published, "--published")
    result = atlas.process(doc)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        from eventatlas.serve.render import EVENT_HEADER, event_rows, table
        out = result.to_dict()
        click.echo(table(EVENT_HEADER, event_rows(out["events"])))
        for c in out["claims"]:
            click.echo(f"claim {c['kind']}: {c['evidence']['text']}")
        for o in out["opinions"]:
            click.echo(f"opinion: {o['text']}")


def _check_date(value: str, name: str) -> None:
    from datetime import date
    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=name) from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="SQLite file or postgresql:// URL (default: eventatlas.db or EVENTATLAS_DB).")
@click.option("--model", help="spaCy pipeline to use.")
@click.option("--published", help="For inputs with no publication date of their own and none stated in the text: "
                                  "YYYY-MM-DD (or YYYY / YYYY-MM: the year of a dateline that gives only the day).")
@click.option("--outlet", help="For inputs with no outlet of their own and none stated in the text.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that parse and extract (default: the cores available).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run on a Dask cluster: a scheduler's address (tcp://host:8786) or local:N for N local workers.")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="With --dask: files, lines or records per task (default 64; fewer for a small input).")
@click.option("--article-seconds", type=float, help="Wall-clock budget per article and 10,000 characters "
              "(default 30); an article over it is rejected and the batch goes on.")
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Fetch URLs on loopback, private and link-local addresses (your own intranet).")
def ingest(paths, db, model, published, outlet, quiet, jobs, dask_address, partition_size, article_seconds,
           allow_private_urls):
    """Read files, folders, URLs, feeds, WARC and JSONL/CSV dumps into the database (idempotent)."""
    settings = _settings(model=model, db=db, article_seconds=article_seconds, allow_private_urls=allow_private_urls)
    if published:
        from eventatlas.ingest.provenance import check_published
        try:
            published = check_published(published)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--published") from None
    if dask_address:
        if jobs is not None:
            raise click.UsageError("--jobs and --dask do not go together: the cluster's workers do the work")
        if published or outlet:
            raise click.UsageError("--published and --outlet apply where inputs are read; with --dask that is "
                                   "on the workers, which do not take them yet")
        summary = run_on_cluster(list(paths), settings, dask_address, quiet=quiet, partition_size=partition_size)
    else:
        summary = run_ingest(list(paths), settings, quiet=quiet, jobs=jobs, published=published, outlet=outlet)
    sys.exit(EXIT_REJECTED if summary.rejected else 0)


def run_on_cluster(paths: list[str], settings: Settings, address: str, *, quiet: bool = False,
                   partition_size: int | None = None):
    from tqdm import tqdm

    from eventatlas.scale.cluster import ingest_on_cluster
    from eventatlas.scale.partitions import PARTITION_SIZE

    with _atlas(settings) as atlas, tqdm(unit="doc", disable=quiet, file=sys.stderr, desc="ingest") as bar:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        summary = ingest_on_cluster(settings, atlas.store, address, paths, progress=progress,
                                    partition_size=partition_size or PARTITION_SIZE, after_store=atlas.update_control)
    _report(summary)
    return summary


def run_ingest(paths: list[str], settings: Settings, *, quiet: bool = False, jobs: int | None = 1,
               published: str | None = None, outlet: str | None = None):
    """jobs None: the cores available, but no more workers than there are batches of input to share."""
    from tqdm import tqdm

    from eventatlas.ingest import count_inputs
    from eventatlas.scale.jobs import available_cores

    total = count_inputs(paths)
    if jobs is None:
        jobs = min(available_cores(), max(1, -(-total // settings.batch_size)))
    with _atlas(settings) as atlas:
        if jobs == 1:
            # the pipeline runs in a worker process, each article under its budget (worker.py); a missing
            # model is reported before the store file is created (--jobs workers do likewise)
            _ = atlas.worker
        with tqdm(total=total, unit="doc", disable=quiet, file=sys.stderr, desc="ingest") as bar:
            summary = atlas.ingest(paths, progress=lambda: bar.update(1), jobs=jobs, isolated=True,
                                   published=published, outlet=outlet)
    _report(summary)
    return summary


def _report(summary) -> None:
    for rej in summary.rejections:
        click.echo(f"rejected: {rej.line()} [{rej.stage}]", err=True)
    click.echo(summary.line())


# The filters of `events` and `export`: the HTTP API's, read by the same EventFilter.from_params.
_FILTER_OPTIONS = [
    click.option("--type", "type", help="PLOVER type, e.g. ASSAULT."),
    click.option("--acled-type", "acled_type", help="ACLED event or sub-event type."),
    click.option("--status", type=click.Choice(["occurred", "planned", "possible", "denied", "hypothetical"])),
    click.option("--actor", help="Actor name contains this text."),
    click.option("--country", help="ISO 3166 alpha-2 country code of the event's place."),
    click.option("--since", help="Events on or after this date (YYYY-MM-DD)."),
    click.option("--until", help="Events on or before this date (YYYY-MM-DD)."),
    click.option("--bbox", help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT: events inside a box."),
    click.option("--near", help="LAT,LON,KM: events within KM of a point."),
    click.option("--q", "q", help="Full-text search in each event's evidence sentence, actors and place."),
]


def filter_options(command):
    for option in reversed(_FILTER_OPTIONS):
        command = option(command)
    return command


def filter_from_options(**options):
    from eventatlas.store import EventFilter, FilterError
    try:
        return EventFilter.from_params(options)
    except FilterError as exc:
        raise click.UsageError(_option_message(exc)) from None


def _existing_db(db: str | None) -> Settings:
    """Settings for a command that reads a store: the store must exist (reading never creates one)."""
    from eventatlas.errors import StoreError

    settings = _settings(db=db)
    if "://" not in settings.db and not Path(settings.db).exists():
        raise StoreError(settings.db, "no such database (run `eventatlas ingest` first)")
    return settings


def _reading(db: str | None):
    """The store of a read command, opened read-only: a damaged or foreign file is reported, never changed."""
    return _atlas(_existing_db(db)).store(read_only=True)


@main.command()
@click.option("--db", help="SQLite file.")
@filter_options
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events(db, limit, fmt, **filters):
    """Query stored events."""
    flt = filter_from_options(**filters)
    with _reading(db) as store:
        rows, _cursor = store.query_events(flt, limit=limit)
    from eventatlas.serve.render import EVENT_HEADER, event_rows
    print_rows(rows, fmt, EVENT_HEADER, event_rows)


def print_rows(rows: list[dict], fmt: str, header: list[str], cells) -> None:
    """Records as JSON, or as CSV / a terminal table of `header` with cells(rows) as its rows."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from eventatlas.serve.render import table
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(header)
        w.writerows(cells(rows))
    else:
        click.echo(table(header, cells(rows)))


@main.command()
@click.option("--db", default="demo.db", show_default=True, help="SQLite file to (re)create.")
@click.option("--quiet", is_flag=True)
def demo(db, quiet):
    """Ingest the bundled demo corpus into a fresh SQLite file and show what it found."""
    from importlib import resources

    from eventatlas.store import EventFilter

    path = Path(db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    corpus = resources.files("eventatlas.demo").joinpath("corpus")
    settings = _settings(db=str(path))
    # the articles only: the folder's README describes them and is no article itself
    articles = sorted(str(p) for p in corpus.iterdir() if p.name.endswith(".json"))
    summary = run_ingest(articles, settings, quiet=quiet)
    from eventatlas.serve.render import EVENT_HEADER, event_rows, table
    with _reading(settings.db) as store:
        rows, _ = store.query_events(EventFilter(status="occurred"), limit=25)
    click.echo("")
    click.echo(table(EVENT_HEADER, event_rows(rows)))
    click.echo(f"\n{summary.line()}; database: {path}")
    click.echo(f"Browse it on a map:  eventatlas serve --db {path}   (then open http://127.0.0.1:8000/)")
    sys.exit(EXIT_REJECTED if summary.rejected else 0)


@main.command()
@click.option("--db", help="SQLite file to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(1, 64), help="Server processes (default: one per core, at most 4).")
@click.option("--request-seconds", type=float, help="Time budget of one request in the store (default 5); a "
              "request over it gets a 503.")
def serve(db, host, port, workers, request_seconds):
    """Serve the HTTP API, its OpenAPI docs and the map page over a database (read-only)."""
    try:
        import uvicorn

        from eventatlas.serve.api import create_app
    except ImportError as exc:
        raise MissingDependency(exc.name or "fastapi", "to serve the API and the map") from None

    settings = _existing_db(db).with_overrides(request_seconds=request_seconds)
    atlas = _atlas(settings)
    app = create_app(atlas)  # opens the store first, so a bad database is reported before serving
    workers = workers or _default_workers(settings)
    click.echo(f"serving {settings.db} on http://{host}:{port}/  (API docs: /docs; {workers} "
               f"process{'es' if workers > 1 else ''})")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    atlas.close()
    # Each process builds its own app from the environment (app_from_env): a read-only SQLite file, or a
    # server database, can be read by many processes at once, and one slow request then holds one of them.
    _export_settings(settings)
    uvicorn.run("eventatlas.cli:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


def app_from_env():
    """The app each process of `serve --workers N` builds, over the settings `serve` put in its environment."""
    from eventatlas.serve.api import create_app
    return create_app(_atlas(Settings.from_env()))


def _default_workers(settings: Settings) -> int:
    import os

    if settings.db in ("", ":memory:"):
        return 1  # a store in memory lives in one process
    return max(1, min(4, os.cpu_count() or 1))


def _export_settings(settings: Settings) -> None:
    """What the server processes read back with Settings.from_env()."""
    import os

    db = settings.db if "://" in settings.db else str(Path(settings.db).resolve())
    os.environ.update({"EVENTATLAS_DB": db, "EVENTATLAS_REQUEST_SECONDS": str(settings.request_seconds)})


@main.command()
@click.option("--db", help="SQLite file.")
@click.option("--format", "fmt", type=click.Choice(_export_formats()),
              required=True, help="ACLED- or UCDP-style CSV, GeoJSON, JSONL or Parquet.")
@click.option("--output", "-o", default="-", show_default=True, help="File to write, - for standard output.")
@click.option("--level", type=click.Choice(["report", "incident"]),
              help="One row per report or per incident (default: incident for ucdp, report for the others).")
@filter_options
def export(db, fmt, output, level, **filters):
    """Export events in the formats analysts' tools load, on the same filters as `events`."""
    from eventatlas.export import write_export

    if fmt == "parquet" and output == "-":
        raise click.BadParameter("Parquet is binary: give a file with --output", param_hint="--output")
    flt = filter_from_options(**filters)
    with _reading(db) as store:
        # write_export writes bytes: to a path, or to stdout's underlying binary stream
        write_export(store, fmt, flt, sys.stdout.buffer if output == "-" else output, level=level)


@main.command()
@click.option("--db", help="SQLite file or postgresql:// URL.")
@click.option("--place", help="A place by name (any spelling the articles or the gazetteer use).")
@click.option("--near", help="LAT,LON,KM: places within KM of a point.")
@click.option("--country", help="ISO 3166 alpha-2 country code of the places.")
@click.option("--at", "at", help="YYYY-MM-DD: who held what that day (without it, every period).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]), default="table", show_default=True)
@click.option("--limit", type=int, default=1000, show_default=True, help="At most this many periods.")
@click.option("--rebuild", is_flag=True, help="First recompute every place's periods from every stored article.")
def control(db, place, near, country, at, fmt, limit, rebuild):
    """Who held which place when: the control periods, with their evidence and sources."""
    flt = control_filter_from_options(place=place, near=near, country=country, at=at)
    settings = _existing_db(db)
    if rebuild:
        with _atlas(settings) as atlas:
            done = atlas.control.rebuild(atlas.store())
        click.echo(f"rebuilt {done.periods} control periods of {done.places} places from {done.articles} articles",
                   err=fmt != "table")
    with _reading(settings.db) as store:
        rows = store.control_periods(flt, limit=limit, evidence=fmt != "geojson")
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "geojson":
        from eventatlas.export.control import control_geojson
        click.echo(json.dumps(control_geojson(rows, at), ensure_ascii=False))
    else:
        from eventatlas.export.control import CONTROL_HEADER, control_rows
        from eventatlas.serve.render import table
        click.echo(table(CONTROL_HEADER, control_rows(rows)))


def control_filter_from_options(**options):
    from eventatlas.store import ControlFilter, FilterError
    try:
        return ControlFilter.from_params(options)
    except FilterError as exc:
        raise click.UsageError(_option_message(exc)) from None


def _option_message(exc: Exception) -> str:
    """"bbox='1,2': not ..." and "actor: 60,000 characters ..." name the filter; the user typed the option."""
    m = re.match(r"(\w+)([=:])(.*)", str(exc), re.S)
    return f"--{m[1].replace('_', '-')}{m[2]}{m[3]}" if m else str(exc)


@main.command()
@click.option("--db", help="SQLite file or postgresql:// URL to upgrade to this eventatlas's schema.")
def upgrade(db):
    """Bring a store written by an earlier eventatlas up to this version's schema (done in place)."""
    settings = _existing_db(db)
    with _atlas(settings) as atlas:
        store = atlas.store()
        counts = store.counts()
        # control periods are derived by the control stage, not by the schema step: a store from before the
        # control tables may hold control claims that no period reflects yet
        if not store.control_periods(limit=1) and next(iter(store.control_sources()), None) is not None:
            done = atlas.control.rebuild(store)
            click.echo(f"derived {done.periods} control periods of {done.places} places from {done.articles} articles")
    click.echo(f"{settings.db}: up to date ({counts['documents']} documents, {counts['events']} events)")


if __name__ == "__main__":
    main()
