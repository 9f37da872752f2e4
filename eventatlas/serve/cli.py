"""The `eventatlas` command line: a thin layer over the library calls the HTTP API also uses.

Exit codes: 0 all went well; 1 some inputs were rejected (they are recorded, the rest went on);
2 usage error; 3 the environment is missing something (model, database)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from eventatlas.config import Settings

EXIT_REJECTED = 1
EXIT_ENVIRONMENT = 3


def _settings(model: str | None = None, db: str | None = None) -> Settings:
    return Settings.from_env().with_overrides(model=model, db=db)


def _pipeline(settings: Settings):
    from eventatlas.nlp import ModelNotFound
    from eventatlas.pipeline import Pipeline

    try:
        return Pipeline(settings)
    except ModelNotFound as exc:
        click.echo(f"eventatlas: {exc}", err=True)
        sys.exit(EXIT_ENVIRONMENT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
def extract(source, published, outlet, title, url, fmt, model):
    """Extract events from one article: a file (.txt/.html/.json) or - for standard input."""
    from eventatlas.ingest import read_inputs
    from eventatlas.records import Rejection

    settings = _settings(model)
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
    result = _pipeline(settings).process(doc)
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
@click.option("--db", help="SQLite file (default: eventatlas.db or EVENTATLAS_DB).")
@click.option("--model", help="spaCy pipeline to use.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--article-seconds", type=float, help="Wall-clock budget per article and 10,000 characters "
              "(default 30); an article over it is rejected and the batch goes on.")
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Fetch URLs on loopback, private and link-local addresses (your own intranet).")
def ingest(paths, db, model, quiet, article_seconds, allow_private_urls):
    """Read files, folders, URLs, feeds, WARC and JSONL/CSV dumps into the database (idempotent)."""
    settings = _settings(model, db).with_overrides(article_seconds=article_seconds,
                                                   allow_private_urls=allow_private_urls)
    summary = run_ingest(list(paths), settings, quiet=quiet)
    sys.exit(EXIT_REJECTED if summary.rejected else 0)


def _guarded_pipeline(settings: Settings):
    """The pipeline in a worker process, each article under its wall-clock budget (worker.py)."""
    from eventatlas.nlp import ModelNotFound
    from eventatlas.worker import GuardedPipeline

    try:
        return GuardedPipeline(settings)
    except ModelNotFound as exc:
        click.echo(f"eventatlas: {exc}", err=True)
        sys.exit(EXIT_ENVIRONMENT)


def run_ingest(paths: list[str], settings: Settings, *, quiet: bool = False):
    from tqdm import tqdm

    from eventatlas.ingest import count_inputs, read_inputs
    from eventatlas.pipeline import ingest_into
    from eventatlas.store import open_store

    with _guarded_pipeline(settings) as pipeline, open_store(settings.db, settings) as store:
        total = count_inputs(paths)
        with tqdm(total=total, unit="doc", disable=quiet, file=sys.stderr, desc="ingest") as bar:
            summary = ingest_into(store, read_inputs(paths, settings), pipeline, progress=lambda: bar.update(1),
                                  skip=[settings.db])
    for rej in summary.rejections:
        click.echo(f"rejected: {rej.line()} [{rej.stage}]", err=True)
    click.echo(summary.line())
    return summary


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
        # "bbox='1,2': not ..." names the filter; the user typed the option
        name, sep, rest = str(exc).partition("=")
        raise click.UsageError(f"--{name.replace('_', '-')}={rest}" if sep else str(exc)) from None


def _existing_db(db: str | None) -> Settings:
    settings = _settings(db=db)
    if not Path(settings.db).exists():
        click.echo(f"eventatlas: {settings.db}: no such database (run `eventatlas ingest` first)", err=True)
        sys.exit(EXIT_ENVIRONMENT)
    return settings


@main.command()
@click.option("--db", help="SQLite file.")
@filter_options
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events(db, limit, fmt, **filters):
    """Query stored events."""
    from eventatlas.store import open_store

    flt = filter_from_options(**filters)
    settings = _existing_db(db)
    with open_store(settings.db, settings) as store:
        rows, _cursor = store.query_events(flt, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from eventatlas.serve.render import EVENT_HEADER, event_rows, table
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(EVENT_HEADER)
        w.writerows(event_rows(rows))
    else:
        click.echo(table(EVENT_HEADER, event_rows(rows)))


@main.command()
@click.option("--db", default="demo.db", show_default=True, help="SQLite file to (re)create.")
@click.option("--quiet", is_flag=True)
def demo(db, quiet):
    """Ingest the bundled demo corpus into a fresh SQLite file and show what it found."""
    from importlib import resources

    from eventatlas.store import EventFilter, open_store

    path = Path(db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    corpus = resources.files("eventatlas.demo").joinpath("corpus")
    settings = _settings(db=str(path))
    # the articles only: the folder's README describes them and is no article itself
    articles = sorted(str(p) for p in corpus.iterdir() if p.name.endswith(".json"))
    summary = run_ingest(articles, settings, quiet=quiet)
    from eventatlas.serve.render import EVENT_HEADER, event_rows, table
    with open_store(settings.db, settings) as store:
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
def serve(db, host, port):
    """Serve the HTTP API, its OpenAPI docs and the map page over a database (read-only)."""
    import uvicorn

    from eventatlas.serve.api import create_app

    settings = _existing_db(db)
    click.echo(f"serving {settings.db} on http://{host}:{port}/  (API docs: /docs)")
    uvicorn.run(create_app(settings.db), host=host, port=port, log_level="warning")


@main.command()
@click.option("--db", help="SQLite file.")
@click.option("--format", "fmt", type=click.Choice(["acled", "ucdp", "geojson", "jsonl", "parquet"]),
              required=True, help="ACLED- or UCDP-style CSV, GeoJSON, JSONL or Parquet.")
@click.option("--output", "-o", default="-", show_default=True, help="File to write, - for standard output.")
@filter_options
def export(db, fmt, output, **filters):
    """Export events in the formats analysts' tools load, on the same filters as `events`."""
    from eventatlas.export import write_export
    from eventatlas.store import open_store

    if fmt == "parquet" and output == "-":
        raise click.BadParameter("Parquet is binary: give a file with --output", param_hint="--output")
    flt = filter_from_options(**filters)
    settings = _existing_db(db)
    with open_store(settings.db, settings) as store:
        # write_export writes bytes: to a path, or to stdout's underlying binary stream
        write_export(store, fmt, flt, sys.stdout.buffer if output == "-" else output)


from eventatlas.evaluate.cli import eval_command  # noqa: E402

main.add_command(eval_command, name="eval")


if __name__ == "__main__":
    main()
