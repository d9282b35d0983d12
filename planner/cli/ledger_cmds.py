"""Exchange over the years and what-if on an approved plan: ``ledger`` (SPEC 8), ``decline`` (SPEC 9)."""
from __future__ import annotations

import sys

import click

from planner.cli.common import EXIT_INFEASIBLE, EXIT_INVALID, EXIT_NO_PLAN, _read_or_exit, main


def _plan_or_exit(scenario, plan_dir):
    """The rows of a plan folder made for ``scenario``; every problem printed and exit 2 otherwise
    (unreadable files, ids the scenario lacks, a summary.json hash of other data)."""
    from planner.check import PlanFileError, read_plan
    try:
        rows, summary = read_plan(plan_dir)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    problems = [f"plan.csv: cadre {r.cadre_id} is not in the scenario" for r in rows
                if r.cadre_id not in scenario.cadre_by_id]
    problems += [f"plan.csv: opening {r.opening_id} is not in the scenario" for r in rows
                 if r.opening_id not in scenario.opening_by_id]
    sha = summary.get("scenario_sha256")
    if not problems and sha and scenario.sha256 and sha != scenario.sha256:
        problems.append(f"{plan_dir}/summary.json: scenario_sha256 is not this scenario's: "
                        "the plan was made for other data")
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    return rows, summary


@main.command("ledger")
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False), required=False)
@click.option("--years", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Years in the window: the plan year (or the year before it without a plan) and the years before.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write ledger.json, ledger.graphml and the pictures into this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print SPEC 8's JSON instead of text.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def ledger_cmd(scenario, plan_dir, years, out_dir, as_json, lang):
    """Exchange between regions over the years (SPEC 8): moves and secondments per year and
    region pair, each region's moves out and in, and the barriers (pairs of regions with no move
    either way in the window).

    Without PLAN_DIR the window is the past (it ends the year before plan_year); with a plan it
    ends at plan_year and includes the plan's postings. Exit 0; 2 on an invalid scenario or plan.
    """
    from planner.labels.ledger import ledger_text
    from planner.ledger import ledger_json, ledger_lines, ledger_of, write_ledger_files

    sc = _read_or_exit(scenario)
    rows = _plan_or_exit(sc, plan_dir)[0] if plan_dir else None
    ledger = ledger_of(sc, rows, years)
    if as_json:
        click.echo(ledger_json(ledger))
    else:
        for line in ledger_lines(sc, ledger, lang):
            click.echo(line)
    if out_dir:
        from planner.report.ledger_figures import write_ledger_pictures
        paths = write_ledger_files(sc, ledger, out_dir) + write_ledger_pictures(sc, ledger, out_dir, lang)
        click.echo(ledger_text("written", lang, paths=", ".join(str(p) for p in paths)), err=as_json)


@main.command("decline")
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--cadre", "cadre_id", required=True, help="The cadre who declines.")
@click.option("--opening", "opening_id", default=None,
              help="The line declined (default: every line of the cadre).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for the re-plan (plan.csv, summary.json, decline.md).")
@click.option("--time-limit", type=float, default=None, help="Seconds for the re-plan (default: scenario.yaml).")
@click.option("--workers", type=int, default=None, help="Solver threads (default: scenario.yaml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def decline_cmd(scenario, plan_dir, cadre_id, opening_id, out_dir, time_limit, workers, lang):
    """A cadre declines (SPEC 9): re-plan with the fewest changes that keep every rule.

    The approved plan is the baseline; the declined line (every line of the cadre without
    --opening) is barred; the re-plan changes as few other lines as it can (a seat left empty
    by the declined line counts as a change unless someone takes it), and among those plans it is
    the best by the scenario's weights. Prints the chain of who moves instead and writes a
    checked plan folder with decline.md. Exit 0 written; 2 invalid input; 3 no plan keeps every
    rule without that line; 4 no plan within the time limit.
    """
    from pathlib import Path

    from planner.whatif.decline import DeclineError, decline, write_decline

    sc = _read_or_exit(scenario)
    rows, _ = _plan_or_exit(sc, plan_dir)
    if Path(out_dir).resolve() in (Path(plan_dir).resolve(), Path(scenario).resolve()):
        raise click.BadParameter("--out must be a new folder, not the plan or the scenario", param_hint="--out")
    try:
        outcome = decline(sc, rows, cadre_id, opening_id, time_limit=time_limit, workers=workers,
                          earlier=Path(plan_dir))
    except DeclineError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    status = outcome.result.status
    if outcome.result.plan is None and status != "INFEASIBLE":
        for line in outcome.lines(lang):
            click.echo(line, err=True)
        sys.exit(EXIT_NO_PLAN)
    paths = write_decline(outcome, out_dir, lang)
    for line in outcome.lines(lang):
        click.echo(line)
    click.echo(", ".join(str(p) for p in paths))
    if outcome.result.plan is None:
        sys.exit(EXIT_INFEASIBLE)
