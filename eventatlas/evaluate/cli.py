"""`eventatlas eval`: run the installed pipeline on the gold sets and print each set's scores beside a
simple baseline, fresh sets and older ones (1989-91 MUC wire text, LGL) in separate sections."""

from __future__ import annotations

import json
import sys
import time

import click

GEO_SETS = ("gwn", "lgl")  # what "geo" stands for
ORDER = ("plover", "acled", "cameo", "ucdp", "muc", "wikievents", "location", "events", "incidents", "geo")
# The targets the scorecard is held to (anchor: NGEC-2025 reports PLOVER macro-F1 0.52).
TARGETS = {("plover", "type_macro_f1"): 0.60, ("acled", "sub_event_macro_f1"): 0.50,
           ("muc", "incident_type_f1"): 0.60, ("incidents", "pairwise_precision"): 0.95,
           ("incidents", "pairwise_recall"): 0.90}
EXIT_SET_FAILED = 1


def run_scorecard(names: list[str], path: str | None = None, limit: int | None = None, geo_sets=GEO_SETS,
                  jobs: int | None = None, progress: bool = True, warn=None) -> dict[str, dict]:
    """{set: {metric: value}} for the named sets ("geo" stands for geo_sets). A set that cannot be scored
    is reported through `warn` in one line and left out; the others go on."""
    from eventatlas.evaluate import SETS, score_set
    from eventatlas.evaluate.runner import Runner

    warn = warn or (lambda line: click.echo(line, err=True))
    expanded = []
    for n in names:
        expanded += list(geo_sets) if n == "geo" else [n]
    card: dict[str, dict] = {}
    with Runner(jobs=jobs, progress=progress) as runner:
        for name in expanded:
            t0 = time.perf_counter()
            before = len(runner.rejections)
            try:
                scores = score_set(name, runner, path, limit)
            except (OSError, ValueError, KeyError) as exc:
                warn(f"{name}: {exc.args[0] if exc.args else exc}")
                continue
            rejected = runner.rejections[before:]
            if rejected:
                scores["n_rejected"] = len(rejected)  # scored as predicting nothing
                warn(f"{name}: the pipeline rejected {len(rejected)} item(s), first: {rejected[0]}")
            scores["seconds"] = round(time.perf_counter() - t0, 1)
            card[name] = {"era": SETS.get(name).era, **scores}
    return card


def _fmt(v) -> str:
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def _metric_line(name: str, metric: str, value, base, width: int) -> str:
    numbers = isinstance(base, (int, float)) and isinstance(value, (int, float))
    gain = f"{value - base:+.4f}" if numbers else ""
    target = TARGETS.get((name, metric))
    mark = f"   target >= {target:.2f}: {'met' if value >= target else 'MISSED'}" if target else ""
    shown = _fmt(base) if base is not None else ""
    return f"  {metric:{width}} {_fmt(value):>8} {shown:>9} {gain:>8}{mark}"


def _set_lines(name: str, scores: dict) -> list[str]:
    from eventatlas.evaluate import SETS

    about = SETS.get(name).baseline
    counts = ", ".join(f"{k}={v}" for k, v in scores.items() if k == "n" or k.startswith("n_"))
    width = max([34] + [len(m) for m in scores if not m.startswith("baseline_")])
    lines = [f"{name}  ({counts}, {scores.get('seconds')} s; baseline: {about})",
             f"  {'metric':{width}} {'ours':>8} {'baseline':>9} {'gain':>8}"]
    for metric, value in scores.items():
        if metric.startswith(("baseline_", "n_")) or metric in ("era", "n", "seconds"):
            continue
        lines.append(_metric_line(name, metric, value, scores.get(f"baseline_{metric}"), width))
    return lines + [""]


def render(card: dict[str, dict]) -> str:
    lines = []
    for era, title in (("fresh", "Fresh sets"), ("older", "Older sets (1989-91 wire text, LGL): read apart")):
        names = [n for n in card if card[n].get("era") == era]
        if not names:
            continue
        lines += [f"== {title} ==", ""]
        for name in names:
            lines += _set_lines(name, card[name])
    return "\n".join(lines)


@click.command("eval")
@click.argument("sets", nargs=-1)
@click.option("--path", "path",
              help="Score this file (same format as the set's gold) instead of the default; needs exactly one SET.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object {set: {metric: value}}.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items of each set.")
@click.option("--set", "geo_set", type=click.Choice(GEO_SETS),
              help="Geo only: score this geoparsing set (default: both).")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes for the pipeline (default: up to 2 cores).")
@click.option("--no-progress", is_flag=True, help="No progress bars on stderr.")
def eval_command(sets, path, as_json, limit, geo_set, jobs, no_progress):
    """Score the installed pipeline on gold SETs (default: all of plover acled cameo ucdp muc wikievents location
    events incidents geo), each beside a simple baseline. Gold is read from EVENTATLAS_GOLD or ../shared/gold; the
    events and incidents corpora ship with the package."""
    from eventatlas.evaluate import SETS

    known = set(SETS.names()) | {"geo"}
    names = list(sets) or list(ORDER)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise click.UsageError(f"unknown set(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    if path and len(names) != 1:
        raise click.UsageError("--path points one set at another file: name exactly one SET")
    if geo_set and not any(n in ("geo",) + GEO_SETS for n in names):
        raise click.UsageError("--set chooses a geoparsing set: use it with SET geo")
    geo_sets = (geo_set,) if geo_set else GEO_SETS
    failed = []

    def warn(line: str) -> None:
        failed.append(line)
        click.echo(f"eventatlas eval: {line}", err=True)

    card = run_scorecard(names, path, limit, geo_sets, jobs, progress=not no_progress, warn=warn)
    if as_json:
        click.echo(json.dumps(card, indent=2))
    else:
        click.echo(render(card))
    if failed:
        sys.exit(EXIT_SET_FAILED)
