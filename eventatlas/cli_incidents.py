"""`eventatlas incidents`: the stored incidents on the events' filters, or `--rebuild` to regroup every
report of a store (after changing the rules, or to get the one grouping every input order leads to)."""

from __future__ import annotations

import sys

import click

from eventatlas.cli import _atlas, _existing_db, _reading, filter_from_options, filter_options, print_rows


@click.command("incidents")
@click.option("--db", help="SQLite file or postgresql:// URL.")
@filter_options
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--rebuild", is_flag=True, help="Regroup every stored report into incidents and rewrite them all.")
@click.option("--quiet", is_flag=True, help="No progress bar (with --rebuild).")
def incidents_command(db, limit, fmt, rebuild, quiet, **filters):
    """Query stored incidents: every report of one real event, with its sources and figures side by side.
    The filters read each incident's own type, place, dates and actors; --q words in any of its reports."""
    if rebuild:
        _rebuild(db, quiet, any(v is not None for v in filters.values()))
        return
    flt = filter_from_options(**filters)
    with _reading(db) as store:
        rows, _cursor = store.query_incidents(flt, limit=limit)
    from eventatlas.serve.render import INCIDENT_HEADER, incident_rows
    print_rows(rows, fmt, INCIDENT_HEADER, incident_rows)


def _rebuild(db: str | None, quiet: bool, filtered: bool) -> None:
    from tqdm import tqdm

    if filtered:
        raise click.UsageError("--rebuild regroups the whole store: it takes no filters")
    settings = _existing_db(db)
    with _atlas(settings).store() as store:
        total = store.counts()["documents"]
        with tqdm(total=total, unit="doc", disable=quiet, file=sys.stderr, desc="rebuild") as bar:
            done = store.rebuild_incidents(progress=bar.update)
    click.echo(f"{settings.db}: {done['events']} reports of {done['documents']} documents regrouped into "
               f"{done['incidents']} incidents")
