"""The ``planner`` command line. It only wires: read, solve, write, and prints for people.

Exit codes (SPEC 6): 0 plan written, 2 invalid scenario (nothing written), 3 infeasible
(diagnosis written), 4 no plan within the time limit. ``planner check``: 0 valid, 1 violations.
"""
from __future__ import annotations

import logging
import sys

import click

EXIT_OK, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_PLAN = 0, 2, 3, 4


def _read_or_exit(path):
    """Read a scenario; on bad input print every problem and exit 2 (no traceback)."""
    from planner.io import ScenarioError, read_scenario
    try:
        return read_scenario(path)
    except ScenarioError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo(f"scenario is invalid: {len(err.problems)} problem(s); nothing was written", err=True)
        sys.exit(EXIT_INVALID)


@click.group()
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose):
    """Plan the annual posting and rotation of young cadres."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
def validate(scenario):
    """Check a scenario folder: list every problem, or summarise it."""
    from planner.io import scenario_summary
    sc = _read_or_exit(scenario)
    for line in scenario_summary(sc):
        click.echo(line)


@main.command()
@click.option("--size", type=click.Choice(["tiny", "municipal", "province", "national"]), default="tiny",
              show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True)
@click.option("--xlsx", is_flag=True, help="Write one scenario.xlsx instead of CSV files.")
@click.option("--encoding", type=click.Choice(["utf-8", "utf-8-sig", "gb18030"]), default="utf-8",
              show_default=True, help="Encoding of the CSV files.")
def generate(size, seed, out_dir, xlsx, encoding):
    """Write a deterministic, feasible synthetic scenario."""
    from planner.generate import generate_scenario
    from planner.io import write_scenario
    sc = generate_scenario(size, seed)
    write_scenario(sc, out_dir, xlsx=xlsx, encoding=encoding)
    click.echo(f"wrote {out_dir}: {len(sc.cadres)} cadres, {len(sc.units)} units, {len(sc.openings)} openings")


@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_dir", type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(scenario, plan_dir, as_json):
    """Re-check a written plan against every hard rule and recompute its metrics (no solver).

    Exit 0 when the plan is valid and summary.json's metrics agree, 1 otherwise, 2 when the
    scenario is invalid.
    """
    import json as _json

    from planner.check import check_dir
    sc = _read_or_exit(scenario)
    report = check_dir(sc, plan_dir)
    if as_json:
        click.echo(_json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for violation in report.violations:
            click.echo(str(violation))
        for diff in report.metric_diffs:
            click.echo(str(diff))
        if report.ok:
            click.echo(f"plan is valid: {report.metrics.get('assignments', 0)} assignment(s), "
                       "every rule holds and the metrics agree")
        else:
            click.echo(f"plan is NOT valid: {len(report.violations)} violation(s), "
                       f"{len(report.metric_diffs)} metric difference(s)")
    sys.exit(0 if report.ok else 1)

@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="Folder for the plan files.")
@click.option("--solver", type=click.Choice(["cpsat", "highs", "cbc"]), default="cpsat", show_default=True)
@click.option("--time-limit", type=float, default=None, help="Seconds (default: scenario.yaml solver.time_limit_s).")
@click.option("--seed", type=int, default=None, help="Random seed (default: scenario.yaml).")
@click.option("--workers", type=int, default=None, help="Solver threads (default: scenario.yaml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of diagnosis.md and the committee workbook.")
@click.option("--report", "with_report", is_flag=True, help="Also write the committee workbook (committee.xlsx).")
@click.option("--quiet", is_flag=True, help="No progress lines.")
def solve(scenario, out_dir, solver, time_limit, seed, workers, lang, with_report, quiet):
    """Plan a scenario: write plan.csv and summary.json (or the diagnosis when infeasible).

    Exit 0 a plan was written, 2 invalid scenario, 3 infeasible (diagnosis written),
    4 no plan within the time limit.
    """
    import time

    from planner.output import write_result
    from planner.solve import solve as run_solve

    sc = _read_or_exit(scenario)
    t0 = time.perf_counter()

    def progress(seconds, objective, bound):
        if not quiet:
            gap = abs(bound - objective) / max(1.0, abs(objective))
            click.echo(f"  {seconds:7.1f}s  best plan {objective:,.0f}  bound {bound:,.0f}  gap {gap:.2%}", err=True)

    if not quiet:
        click.echo(f"planning {sc.name}: {len(sc.cadres)} cadres, {len(sc.openings)} openings, solver {solver}", err=True)
    result = run_solve(sc, solver=solver, time_limit=time_limit, seed=seed, workers=workers, progress=progress)
    write_result(result, sc, out_dir, lang=lang)
    elapsed = time.perf_counter() - t0
    if result.plan is not None:
        m = result.metrics
        gap = "" if result.gap is None else f", gap {result.gap:.3%}"
        click.echo(f"{result.status}: {m['assignments']} assignments ({m['postings']} postings), "
                   f"objective {result.objective:,.0f}{gap}, {elapsed:.1f}s -> {out_dir}")
        click.echo("terms: " + ", ".join(f"{t} {v:,}" for t, v in result.terms.items()))
        if result.interrupted:
            click.echo("interrupted: the best plan found so far was written", err=True)
        if with_report:
            from planner.report import write_report
            path = write_report(out_dir, scenario_dir=scenario, lang=lang)
            click.echo(f"committee workbook: {path}")
        sys.exit(EXIT_OK)
    if result.status == "INFEASIBLE":
        diag = result.diagnosis or {}
        click.echo(f"INFEASIBLE: no plan obeys every rule; rules in conflict: {', '.join(diag.get('rules', []))}")
        for item in diag.get("checks", []) + diag.get("core", []):
            who = ", ".join(item["cadres"] + item["openings"])
            click.echo(f"  {item['rule']}: {who}: {item['text']}")
        click.echo(f"diagnosis written to {out_dir}/diagnosis.md")
        sys.exit(EXIT_INFEASIBLE)
    click.echo(f"{result.status}: no plan found within {result.time_limit_s:g}s; nothing written", err=True)
    sys.exit(EXIT_NO_PLAN)


if __name__ == "__main__":  # pragma: no cover
    main()
