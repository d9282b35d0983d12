"""Exchange over the years and what-if on an approved plan: ``ledger`` (SPEC 8), ``decline`` (SPEC 9)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_INVALID,
    EXIT_NO_PLAN,
    EXIT_OUTPUT,
    _read_or_exit,
    _scenario_for_plan,
    main,
)

SCENARIO_FILES = ("scenario.yaml", "scenario.xlsx")


def _split_paths(paths, command: str, plan_required: bool) -> tuple:
    """``(scenario_dir or None, plan_dir or None)`` from ``[SCENARIO] [PLAN_DIR]``: one path is a
    scenario (it holds scenario.yaml or scenario.xlsx) or a plan folder (its scenario is the one
    summary.json records)."""
    if not 1 <= len(paths) <= 2:
        raise click.UsageError(f"planner {command}: give [SCENARIO] PLAN_DIR" if plan_required
                               else f"planner {command}: give SCENARIO, PLAN_DIR, or SCENARIO PLAN_DIR")
    if len(paths) == 2:
        return paths[0], paths[1]
    (only,) = paths
    if any((Path(only) / name).is_file() for name in SCENARIO_FILES):
        if plan_required:
            raise click.UsageError(f"planner {command}: {only} is a scenario; give the plan folder too")
        return only, None
    if (Path(only) / "summary.json").is_file():
        return None, only
    raise click.UsageError(f"planner {command}: {only} is neither a scenario nor a plan folder")


def _plan_or_exit(scenario_dir, plan_dir, command: str) -> tuple:
    """The scenario (from ``scenario_dir``, else the plan folder's summary.json) and the plan's rows;
    every problem printed and exit 2 when they do not belong together (SPEC 6)."""
    from planner.check import PlanFileError, read_plan
    from planner.io.plan_files import scenario_path_of

    sc = _scenario_for_plan(scenario_dir, command, plan_dir)
    try:
        rows, _ = read_plan(plan_dir)
        where = scenario_dir if scenario_dir is not None else scenario_path_of(plan_dir)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    problems = [f"plan.csv: cadre {r.cadre_id} is not in the scenario" for r in rows
                if r.cadre_id not in sc.cadre_by_id]
    problems += [f"plan.csv: opening {r.opening_id} is not in the scenario" for r in rows
                 if r.opening_id not in sc.opening_by_id]
    if problems:
        for problem in problems + ["the plan was made for other data"]:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    return sc, rows, where


@main.command("ledger")
@click.argument("paths", nargs=-1, required=True, metavar="[SCENARIO] [PLAN_DIR]",
                type=click.Path(exists=True, file_okay=False))
@click.option("--years", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Years in the window: the plan year (or the year before it without a plan) and the years before.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write ledger.json, ledger.graphml and the pictures into this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print SPEC 8's JSON instead of text.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def ledger_cmd(paths, years, out_dir, as_json, lang):
    """Exchange between regions over the years (SPEC 8): moves and secondments per year and
    region pair, each region's moves out and in, and the barriers (pairs of regions with no move
    either way in the window).

    Without PLAN_DIR the window is the past (it ends the year before plan_year); with a plan it
    ends at plan_year and includes the plan's postings. A plan folder alone brings its scenario
    (summary.json). Exit 0; 2 on an invalid scenario, or a plan not made from it.
    """
    from planner.labels.ledger import ledger_text
    from planner.ledger import ledger_json, ledger_lines, ledger_of, write_ledger_files

    scenario, plan_dir = _split_paths(paths, "ledger", plan_required=False)
    if plan_dir is None:
        sc, rows = _read_or_exit(scenario), None
    else:
        sc, rows, _ = _plan_or_exit(scenario, plan_dir, "ledger")
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
@click.argument("paths", nargs=-1, required=True, metavar="[SCENARIO] PLAN_DIR",
                type=click.Path(exists=True, file_okay=False))
@click.option("--cadre", "cadre_id", required=True, help="The cadre who declines.")
@click.option("--opening", "opening_id", default=None,
              help="The line declined (default: every line of the cadre).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for the re-plan (plan.csv, summary.json, decline.md).")
@click.option("--time-limit", type=float, default=None, help="Seconds for the re-plan (default: scenario.yaml).")
@click.option("--workers", type=int, default=None, help="Solver threads (default: scenario.yaml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def decline_cmd(paths, cadre_id, opening_id, out_dir, time_limit, workers, lang):
    """A cadre declines (SPEC 9): re-plan with the fewest changes that keep every rule.

    The approved plan is the baseline; the declined line (every line of the cadre without
    --opening) is barred; the re-plan changes as few other lines as it can (a seat left empty
    by the declined line counts as a change unless someone takes it), and among those plans it is
    the best by the scenario's weights. Prints the chain of who moves instead and writes a
    checked plan folder with decline.md (the scenario is the plan folder's own unless given).
    Exit 0 written; 2 invalid input; 3 no plan keeps every rule without that line (diagnosis
    written); 4 no plan within the time limit; 5 the folder could not be written.
    """
    from planner.errors import PlannerError
    from planner.whatif.decline import DeclineError, decline, write_decline

    scenario, plan_dir = _split_paths(paths, "decline", plan_required=True)
    sc, rows, scenario_dir = _plan_or_exit(scenario, plan_dir, "decline")
    if Path(out_dir).resolve() == Path(plan_dir).resolve():
        raise click.BadParameter("--out must be a new folder, not the approved plan's", param_hint="--out")
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
    try:
        written = write_decline(outcome, out_dir, lang, scenario_dir=scenario_dir)
    except PlannerError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo("the outputs could not be written; the folder is as it was", err=True)
        sys.exit(EXIT_OUTPUT)
    for line in outcome.lines(lang):
        click.echo(line)
    click.echo(", ".join(str(p) for p in written))
    if outcome.result.plan is None:
        sys.exit(EXIT_INFEASIBLE)
