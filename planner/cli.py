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
@click.option("--baseline", "baseline_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="An earlier plan folder: re-plan with as few changed lines as possible (each changed "
                   "line costs 100 x the stability weight).")
@click.option("--lock", "locks", multiple=True, metavar="CADRE=OPENING",
              help="Require this assignment, on top of locks.csv (repeatable).")
@click.option("--forbid", "forbids", multiple=True, metavar="CADRE=OPENING",
              help="Forbid this assignment, on top of locks.csv (repeatable).")
def solve(scenario, out_dir, solver, time_limit, seed, workers, lang, with_report, quiet, baseline_dir, locks,
          forbids):
    """Plan a scenario: write plan.csv and summary.json (or the diagnosis when infeasible).

    Exit 0 a plan was written, 2 invalid scenario, 3 infeasible (diagnosis written),
    4 no plan within the time limit.
    """
    import time

    from planner.diagnose import write_diagnosed
    from planner.solve import solve as run_solve

    sc = _read_or_exit(scenario)
    t0 = time.perf_counter()

    def progress(seconds, objective, bound):
        if not quiet:
            gap = abs(bound - objective) / max(1.0, abs(objective))
            click.echo(f"  {seconds:7.1f}s  best plan {objective:,.0f}  bound {bound:,.0f}  gap {gap:.2%}", err=True)

    if not quiet:
        click.echo(f"planning {sc.name}: {len(sc.cadres)} cadres, {len(sc.openings)} openings, solver {solver}", err=True)
    sc, baseline, what_if = _what_if_inputs(sc, baseline_dir, locks, forbids)
    try:
        result = run_solve(sc, solver=solver, time_limit=time_limit, seed=seed, workers=workers, progress=progress,
                           baseline=baseline, phase=None if quiet else (lambda text: click.echo(f"  {text}", err=True)))
    except KeyboardInterrupt:
        # Interrupted before the search had a plan (reading, building, the LP): nothing was
        # written, the previous files are as they were.
        click.echo("interrupted before any plan was found; nothing was written", err=True)
        sys.exit(EXIT_NO_PLAN)
    result.parameters.update(what_if)
    write_diagnosed(result, sc, out_dir, lang=lang)
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
            # The item's text already names the ids, shortened when the list is long.
            click.echo(f"  {item['rule']}: {item['text']}")
        click.echo(f"diagnosis written to {out_dir}/diagnosis.md")
        sys.exit(EXIT_INFEASIBLE)
    click.echo(f"{result.status}: no plan found within {result.time_limit_s:g}s; nothing written", err=True)
    sys.exit(EXIT_NO_PLAN)


# --------------------------------------------------------------------------------------------
# what-if: solve --baseline/--lock/--forbid, compare, sweep, advance
# --------------------------------------------------------------------------------------------
def _pair_option(text, option):
    cadre, sep, opening = text.partition("=")
    if not sep or not cadre.strip() or not opening.strip():
        raise click.BadParameter(f"{text!r}: expected CADRE=OPENING", param_hint=option)
    return cadre.strip(), opening.strip()


def _what_if_inputs(sc, baseline_dir, locks, forbids):
    """Apply --lock/--forbid to the scenario and read --baseline; returns (scenario, baseline pairs,
    parameters for summary.json). The scenario keeps its folder's sha256: the data files are the
    folder's, and the command-line locks and the baseline are recorded beside it."""
    from planner.whatif.edits import EditError, with_lock

    params = {}
    sha = sc.sha256
    cli_locks = [(c, o, "require") for c, o in (_pair_option(t, "--lock") for t in locks)]
    cli_locks += [(c, o, "forbid") for c, o in (_pair_option(t, "--forbid") for t in forbids)]
    for cadre, opening, kind in cli_locks:
        try:
            sc = with_lock(sc, cadre, opening, kind, note="command line")
        except EditError as err:
            raise click.BadParameter(str(err), param_hint="--lock" if kind == "require" else "--forbid")
    if cli_locks:
        sc = sc.replace(sha256=sha)
        params["cli_locks"] = [{"cadre_id": c, "opening_id": o, "lock": k} for c, o, k in cli_locks]
    baseline = None
    if baseline_dir is not None:
        from planner.check import PlanFileError, read_plan
        try:
            rows, _ = read_plan(baseline_dir)
        except PlanFileError as err:
            raise click.BadParameter("; ".join(err.problems), param_hint="--baseline")
        pairs = {(a.cadre_id, a.opening_id) for a in rows}
        baseline = {(c, o) for c, o in pairs if c in sc.cadre_by_id and o in sc.opening_by_id}
        if len(baseline) < len(pairs):
            click.echo(f"baseline: {len(pairs) - len(baseline)} line(s) name a cadre or opening this scenario "
                       "does not hold; they are left out", err=True)
        params["baseline"] = str(baseline_dir)
    return sc, baseline, params


@main.command("compare")
@click.argument("plan_a", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_b", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def compare_cmd(plan_a, plan_b, fmt):
    """Compare two plan folders: lines added, removed and changed, and every metric side by side
    with its difference (B - A). Exit 0, or 2 when a plan folder cannot be read."""
    from planner.check import PlanFileError
    from planner.whatif.compare import compare as run_compare
    from planner.whatif.compare import format_csv, format_json, format_table

    try:
        cmp = run_compare(plan_a, plan_b, label_a=plan_a, label_b=plan_b)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    render = {"table": format_table, "csv": format_csv, "json": format_json}[fmt]
    click.echo(render(cmp), nl=False)


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
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:8786) for --executor dask.")
@click.option("--solver", type=click.Choice(["cpsat", "highs", "cbc"]), default="cpsat", show_default=True)
@click.option("--time-limit", type=float, default=None, help="Seconds per variant (default: scenario.yaml).")
@click.option("--seed", type=int, default=None, help="Random seed (default: scenario.yaml).")
@click.option("--workers", type=int, default=None, help="Solver threads per variant (default: scenario.yaml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def sweep_cmd(scenario, sets, out_dir, jobs, executor, scheduler, solver, time_limit, seed, workers, lang, quiet):
    """Solve a grid of scenario variants and tabulate their metrics.

    Each --set PATH=V1,V2,... is one axis; the variants are every combination. Each variant's
    plan is kept in OUT/<variant>/, the table in OUT/sweep.csv. Exit 0 when every variant was
    solved (some may be infeasible: see the status column), 2 on a bad scenario or --set.
    """
    from planner.whatif.edits import EditError
    from planner.whatif.sweep import make_variants, parse_set, run_sweep

    sc = _read_or_exit(scenario)
    try:
        variants = make_variants(sc, [parse_set(s) for s in sets])
    except EditError as err:
        raise click.BadParameter(str(err), param_hint="--set")
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    if executor == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise click.UsageError("--executor dask needs Dask: pip install 'posting-planner[dask]'")
    paths = [p for p, _ in variants[0].settings]
    with click.progressbar(length=len(variants), label=f"solving {len(variants)} variant(s)", file=sys.stderr,
                           show_pos=True) as bar:
        def on_done(row, done, total):
            if not quiet:
                bar.update(1)

        result = run_sweep(sc, variants, out_dir=out_dir, jobs=jobs, executor=executor, scheduler=scheduler,
                           solver=solver, time_limit=time_limit, seed=seed, workers=workers, lang=lang,
                           on_done=on_done)
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
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for next year's scenario.")
@click.option("--xlsx", is_flag=True, help="Write one scenario.xlsx instead of CSV files.")
@click.option("--revise", is_flag=True,
              help="Also revise the openings template as a simulation would: lower minimums no one can "
                   "meet and open posts for cadres who must move or lack a grassroots record but have none.")
@click.option("--no-check", is_flag=True, help="Apply the plan without re-checking it against the rules.")
def advance_cmd(scenario, plan_dir, out_dir, xlsx, revise, no_check):
    """Apply an approved plan and write next year's scenario.

    Postings move unit_id/unit_since (to January of the plan year), the left posting and the
    plan's temporary assignments and tasks go into history, plan_year advances by one, the
    openings are kept as a template. Exit 0 written, 1 the plan breaks a rule or was made for
    other data (nothing written), 2 invalid scenario or plan files.
    """
    from pathlib import Path

    from planner.check import PlanFileError, read_plan
    from planner.io import write_scenario
    from planner.whatif.advance import AdvanceError, advance, revise_template

    if Path(out_dir).resolve() == Path(scenario).resolve():
        raise click.BadParameter("--out must not be the scenario folder itself", param_hint="--out")
    sc = _read_or_exit(scenario)
    try:
        rows, summary = read_plan(plan_dir)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    sha = summary.get("scenario_sha256")
    if not no_check and sha and sc.sha256 and sha != sc.sha256:
        click.echo("the plan was made for other data (summary.json scenario_sha256 differs); nothing written",
                   err=True)
        sys.exit(1)
    try:
        nxt = advance(sc, rows, check=not no_check)
    except AdvanceError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo("the plan cannot be applied; nothing written", err=True)
        sys.exit(1)
    before = len(nxt.openings)
    if revise:
        nxt = revise_template(nxt)
    write_scenario(nxt, out_dir, xlsx=xlsx)
    moved = sum(1 for a in rows if a.kind == "posting")
    click.echo(f"advanced to {nxt.plan_year}: {moved} posting(s) applied, "
               f"{len(nxt.history) - len(sc.history)} history row(s) added, {before} opening(s) kept as template"
               + (f", {len(nxt.openings) - before} opened by --revise" if revise else "") + f" -> {out_dir}")


# --------------------------------------------------------------------------------------------
# committee pack: report, graph
# --------------------------------------------------------------------------------------------
def _scenario_for_plan(scenario_dir, command):
    """The scenario a plan folder was solved from; summary.json keeps only its hash, so it must be given."""
    if scenario_dir is None:
        click.echo(f"planner {command} needs --scenario DIR (the scenario the plan was solved from): "
                   "summary.json records only its hash", err=True)
        sys.exit(EXIT_INVALID)
    return _read_or_exit(scenario_dir)


@main.command("report")
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--scenario", "scenario_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="The scenario the plan was solved from (required).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the workbook.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Workbook to write (default: PLAN_DIR/committee.xlsx).")
def report_cmd(plan_dir, scenario_dir, lang, out_file):
    """Write the committee workbook of a plan folder (sheets 说明, 调整名单, 按单位, 公平性, 地域交流, 未满足).

    Exit 0 written; 2 when --scenario is missing or invalid, or the folder holds no plan for it.
    """
    from planner.report import ReportError, write_report
    sc = _scenario_for_plan(scenario_dir, "report")
    try:
        path = write_report(plan_dir, scenario_dir=sc, lang=lang, out=out_file)
    except ReportError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo("no workbook written", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(f"committee workbook: {path}")


@main.command("graph")
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--scenario", "scenario_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="The scenario the plan was solved from (required).")
@click.option("--out", "prefix", default=None, metavar="PREFIX",
              help="Write PREFIX.graphml and PREFIX.png (default: PLAN_DIR/exchange).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the drawing's labels.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def graph_cmd(plan_dir, scenario_dir, prefix, lang, as_json):
    """The exchange graph of a plan: regions as nodes, cross-region postings as weighted edges.

    Prints its metrics (regions sending, receiving, both, isolated; reciprocity; share of
    cross-region postings; largest strongly connected component) and writes GraphML and PNG.
    Exit 0 written; 2 when --scenario is missing or invalid, or the folder holds no plan for it.
    """
    import json as _json
    from pathlib import Path

    from planner.report import ReportError, load_plan
    from planner.report.exchange_graph import summary_lines
    from planner.report.graph_files import write_graph
    sc = _scenario_for_plan(scenario_dir, "graph")
    try:
        plan, _ = load_plan(plan_dir, sc)
    except ReportError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    g, metrics, paths = write_graph(sc, plan, prefix or Path(plan_dir) / "exchange", lang=lang)
    if as_json:
        click.echo(_json.dumps(metrics, ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(g, metrics):
            click.echo(line)
    click.echo("wrote " + ", ".join(str(p) for p in paths), err=as_json)


@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--cadre", "cadre_id", help="Explain this cadre: facts, lines and why, every other opening.")
@click.option("--opening", "opening_id", help="Explain this opening: who took it, who else could have, why not.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the words (codes are always shown).")
@click.option("--max-resolves", type=int, default=5, show_default=True,
              help="Re-solve with the pair forced for at most this many switches (ranked by a quick estimate).")
@click.option("--resolve-time", type=float, default=5.0, show_default=True, help="Seconds per re-solve.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain(scenario, plan_dir, cadre_id, opening_id, lang, max_resolves, resolve_time, as_json):
    """Why the plan is what it is for one cadre (--cadre) or one opening (--opening).

    Exit 0 explained; 1 unknown id or unreadable plan; 2 invalid scenario.
    """
    import json as _json

    from planner.check import PlanFileError
    from planner.explain import (
        explain_cadre,
        explain_opening,
        load_plan,
        render_cadre,
        render_opening,
    )
    if not cadre_id and not opening_id:
        raise click.UsageError("give --cadre ID or --opening ID")
    sc = _read_or_exit(scenario)
    try:
        plan, _ = load_plan(plan_dir)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(1)
    for kind, key, table in (("cadre", cadre_id, sc.cadre_by_id), ("opening", opening_id, sc.opening_by_id)):
        if key and key not in table:
            click.echo(f"unknown {kind} {key}", err=True)
            sys.exit(1)
    out = []
    if cadre_id:
        out.append(("cadre", explain_cadre(sc, plan, cadre_id, lang=lang, max_resolves=max_resolves,
                                           resolve_time=resolve_time)))
    if opening_id:
        out.append(("opening", explain_opening(sc, plan, opening_id, lang=lang, max_resolves=max_resolves,
                                               resolve_time=resolve_time)))
    if as_json:
        payload = {k: v for k, v in out} if len(out) > 1 else out[0][1]
        click.echo(_json.dumps(payload, ensure_ascii=False, indent=2, default=list))
    else:
        for kind, d in out:
            click.echo(render_cadre(d, lang) if kind == "cadre" else render_opening(d, lang))


@main.command()
@click.option("--sizes", default="municipal,province", show_default=True, help="Comma-separated sizes.")
@click.option("--seeds", default="0,1,2", show_default=True, help="Comma-separated seeds.")
@click.option("--solvers", "configs", default="cpsat,cpsat-plain,highs,cbc", show_default=True,
              help="Comma-separated configurations: cpsat (LP-guided, default), cpsat-plain, highs, cbc.")
@click.option("--time-limit", type=float, default=60, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--out", "out_prefix", default="bench-out/bench", show_default=True,
              help="Writes PREFIX.csv and PREFIX.md.")
def bench(sizes, seeds, configs, time_limit, workers, out_prefix):
    """Benchmark generated scenarios x solver configurations (each run in a fresh process)."""
    from pathlib import Path

    from planner.bench import rows_csv, rows_markdown, run_bench
    from planner.io.plan_files import atomic_write

    size_list = [s for s in sizes.split(",") if s]
    seed_list = [int(s) for s in seeds.split(",") if s]
    config_list = [c for c in configs.split(",") if c]

    def show(row):
        click.echo(f"{row.get('size')}/{row.get('seed')}/{row.get('config')}: {row.get('status')} "
                   f"first {row.get('first_plan_s')}s, 1% {row.get('gap1pct_s')}s, gap {row.get('gap')}, "
                   f"total {row.get('total_s')}s, peak {row.get('peak_mib')} MiB, checked {row.get('checked')}",
                   err=True)

    rows = run_bench(size_list, seed_list, config_list, time_limit, workers, on_row=show)
    atomic_write(Path(out_prefix + ".csv"), rows_csv(rows))
    atomic_write(Path(out_prefix + ".md"), rows_markdown(rows))
    click.echo(rows_markdown(rows))
    click.echo(f"written {out_prefix}.csv and {out_prefix}.md")


if __name__ == "__main__":  # pragma: no cover
    main()
