"""What-if commands: compare, sweep, advance."""
from __future__ import annotations

import sys

import click

from planner.cli.common import (
    EXIT_INVALID,
    EXIT_OUTPUT,
    SECONDS,
    SEED,
    WORKERS,
    _read_or_exit,
    _scenario_for_plan,
    main,
)


@main.command("compare")
@click.argument("plan_a", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_b", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--scenario", "scenario_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="The scenario both plans were made from (default: each plan's own, from summary.json).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def compare_cmd(plan_a, plan_b, fmt, scenario_dir, lang):
    """Compare two plan folders: lines added, removed and changed (with names and units), and the
    weights, every metric and term side by side with the difference (B - A). Exit 0, or 2 when a
    plan folder cannot be read or was made from other data than --scenario."""
    from planner.check import PlanFileError
    from planner.whatif.compare import compare as run_compare
    from planner.whatif.compare import format_csv, format_json, format_table

    scenario = _read_or_exit(scenario_dir) if scenario_dir else None
    try:
        cmp = run_compare(plan_a, plan_b, scenario=scenario, label_a=plan_a, label_b=plan_b)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    text = format_table(cmp, lang) if fmt == "table" else format_csv(cmp) if fmt == "csv" else format_json(cmp)
    click.echo(text, nl=False)


_SWEEP_SHOWN = ("status", "objective", "assignments", "postings", "hardship_gini", "hardship_max",
                "no_grassroots_after", "cross_region_postings", "preference_met", "fit_total")


def _cell(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.4f}" if not v.is_integer() else f"{v:,.0f}"
    return str(v)


@main.command("sweep")
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.option("--set", "sets", multiple=True, required=True, metavar="PATH=V1,V2,...",
              help="An axis of the grid, e.g. weights.fairness=0,5,10 or openings.O12.seats=1,2 (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for sweep.csv, sweep.json and one plan folder per variant.")
@click.option("--jobs", type=int, default=1, show_default=True, help="Variants solved at once (processes).")
@click.option("--executor", type=click.Choice(["process", "dask"]), default="process", show_default=True)
@click.option("--scheduler", default=None,
              help="Dask scheduler address (tcp://HOST:8786); without it --executor dask starts a local cluster.")
@click.option("--solver", type=click.Choice(["cpsat", "highs", "cbc"]), default="cpsat", show_default=True)
@click.option("--time-limit", type=SECONDS, default=None, help="Seconds per variant (default: scenario.yaml).")
@click.option("--seed", type=SEED, default=None, help="Random seed (default: scenario.yaml).")
@click.option("--workers", type=WORKERS, default=None, help="Solver threads per variant (default: scenario.yaml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--force", is_flag=True, help="Allow a grid of more than 200 variants.")
def sweep_cmd(scenario, sets, out_dir, jobs, executor, scheduler, solver, time_limit, seed, workers, lang, quiet,
              force):
    """Solve a grid of scenario variants and tabulate their metrics.

    Each --set PATH=V1,V2,... is one axis; the variants are every combination. Each variant's
    plan is kept in OUT/<variant>/, the table in OUT/sweep.csv. Exit 0 when every variant was
    solved (some may be infeasible: see the status column), 2 on a bad scenario or --set.
    """
    from planner.edits import EditError
    from planner.errors import PlannerError
    from planner.io.folder_writer import refuse_out_in_scenario
    from planner.whatif.sweep import MAX_VARIANTS, grid_size, make_variants, parse_set, run_sweep

    sc = _read_or_exit(scenario)
    try:
        refuse_out_in_scenario(out_dir, scenario)
        axes = [parse_set(s) for s in sets]
        if grid_size(axes) > MAX_VARIANTS and not force:
            raise click.UsageError(f"the grid has {grid_size(axes):,} variants, more than {MAX_VARIANTS}; "
                                   "each is a full solve: narrow it or pass --force")
        variants = make_variants(sc, axes)
    except EditError as err:
        raise click.BadParameter(str(err), param_hint="--set") from None
    except PlannerError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_OUTPUT)
    if executor == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise click.UsageError("--executor dask needs Dask: pip install 'posting-planner[dask]'") from None
    paths = [p for p, _ in variants[0].settings]
    with click.progressbar(length=len(variants), label=f"solving {len(variants)} variant(s)", file=sys.stderr,
                           show_pos=True) as bar:
        def on_done(row, done, total):
            if not quiet:
                bar.update(1)

        try:
            result = run_sweep(sc, variants, out_dir=out_dir, jobs=jobs, executor=executor, scheduler=scheduler,
                               solver=solver, time_limit=time_limit, seed=seed, workers=workers, lang=lang,
                               on_done=on_done, force=force, scenario_dir=scenario)
        except PlannerError as err:
            for problem in err.problems:
                click.echo(problem, err=True)
            sys.exit(EXIT_INVALID)
    header = ["variant"] + paths + list(_SWEEP_SHOWN)
    table = [header] + [[_cell(r.get(h)) for h in header] for r in result.rows]
    widths = [max(len(row[k]) for row in table) for k in range(len(header))]
    for row in table:
        click.echo("  ".join(c.ljust(w) if k <= len(paths) else c.rjust(w)
                             for k, (c, w) in enumerate(zip(row, widths))).rstrip())
    solved = sum(1 for r in result.rows if r["status"] in ("OPTIMAL", "FEASIBLE"))
    click.echo(f"{solved} of {len(result.rows)} variant(s) have a plan; table {out_dir}/sweep.csv, "
               f"plans in {out_dir}/<variant>/")


@main.command("advance")
@click.argument("paths", nargs=-1, required=True, metavar="[SCENARIO] PLAN_DIR")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for next year's scenario.")
@click.option("--xlsx", is_flag=True, help="Write one scenario.xlsx instead of CSV files.")
@click.option("--revise", is_flag=True,
              help="Also revise the openings template as a simulation would: lower minimums no one can "
                   "meet and open posts for cadres who must move or lack a grassroots record but have none.")
@click.option("--no-check", is_flag=True, help="Apply the plan without re-checking it against the rules.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def advance_cmd(paths, out_dir, xlsx, revise, no_check, lang):
    """Apply an approved plan and write next year's scenario.

    Postings move unit_id/unit_since (to January of the plan year), the left posting and the
    plan's temporary assignments and tasks go into history - so next year's ledger (planner
    ledger) holds this year's moves and secondments -, plan_year advances by one, the openings
    are kept as a template. With --revise, says what it changed in the template and why.
    The scenario is the one the plan folder records unless given first. Exit 0 written, 1 the
    plan breaks a rule (nothing written), 2 invalid scenario or plan files, or a plan made from
    other data, 5 --out cannot be written (or is the scenario folder).
    """
    from models.exchange import compute_ledger
    from planner.check import PlanFileError, read_plan
    from planner.errors import OutputError
    from planner.io import write_scenario
    from planner.io.folder_writer import refuse_out_in_scenario
    from planner.labels.advance import advance_text, revision_lines
    from planner.whatif.advance import AdvanceError, advance, revise_with_report

    if len(paths) > 2:
        raise click.UsageError("give PLAN_DIR, or SCENARIO and PLAN_DIR")
    scenario, plan_dir = (None, paths[0]) if len(paths) == 1 else paths
    sc = _scenario_for_plan(scenario, "advance", plan_dir)
    try:
        refuse_out_in_scenario(out_dir, scenario)
    except OutputError as err:
        click.echo(err.problems[0], err=True)
        sys.exit(EXIT_OUTPUT)
    try:
        rows, summary = read_plan(plan_dir)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    try:
        nxt = advance(sc, rows, check=not no_check)
    except AdvanceError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo("the plan cannot be applied; nothing written", err=True)
        sys.exit(1)
    kept = len(nxt.openings)
    revision = None
    if revise:
        nxt, revision = revise_with_report(nxt)
    write_scenario(nxt, out_dir, xlsx=xlsx)
    moved = sum(1 for a in rows if a.kind == "posting")
    click.echo(advance_text("advanced", lang, year=nxt.plan_year, postings=moved,
                            history=len(nxt.history) - len(sc.history), kept=kept, out=out_dir))
    year = compute_ledger(sc, rows, 1)
    click.echo(advance_text("ledger", lang, year=sc.plan_year, moves=sum(n for *_, n in year.moves),
                            secondments=sum(n for *_, n in year.secondments)))
    lines = revision_lines(revision, lang, nxt.rules.first_stop_years) if revision is not None else ()
    for line in lines:
        click.echo(line)
    # The year just written gets the counting checks validate runs: a template copied unchanged
    # is often short of seats for next year's movers, and the planner should hear it now.
    from planner.cli.common import EXIT_INFEASIBLE
    from planner.diagnose import counting_diagnosis, diagnosis_summary
    from planner.labels import diagnosis_text
    diagnosis = counting_diagnosis(nxt)
    if diagnosis is not None:
        click.echo(advance_text("next_year_infeasible", lang, year=nxt.plan_year, out=out_dir))
        for line in diagnosis_summary(diagnosis, lang):
            click.echo(line)
        click.echo(diagnosis_text("cli.counting_only", lang))
        sys.exit(EXIT_INFEASIBLE)
