"""planner solve: plan a scenario into a plan folder."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_NO_PLAN,
    EXIT_OK,
    EXIT_OUTPUT,
    SECONDS,
    SEED,
    WORKERS,
    _read_or_exit,
    main,
)
from planner.errors import PlannerError


@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(), required=True, help="Folder for the plan files (replaced whole).")
@click.option("--solver", type=click.Choice(["cpsat", "highs", "cbc"]), default="cpsat", show_default=True)
@click.option("--time-limit", type=SECONDS, default=None,
              help="Seconds of wall clock from the command's start (default: scenario.yaml solver.time_limit_s).")
@click.option("--gap", "gap_percent", type=click.FloatRange(0, 100), default=0.01, show_default=True,
              help="Stop once the plan is within this many percent of the best bound.")
@click.option("--deterministic", is_flag=True,
              help="Measure the time limit in the solver's deterministic time (reproducible, for audits).")
@click.option("--seed", type=SEED, default=None, help="Random seed (default: scenario.yaml).")
@click.option("--workers", type=WORKERS, default=None, help="Solver threads (default: scenario.yaml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of diagnosis.md and the committee workbook.")
@click.option("--report", "with_report", is_flag=True,
              help="Also write the committee pack (committee.xlsx and memo.docx).")
@click.option("--quiet", is_flag=True, help="No progress lines.")
@click.option("--baseline", "baseline_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="An earlier plan folder: re-plan with as few changed lines as possible (each changed "
                   "line costs 100 x the stability weight).")
@click.option("--lock", "locks", multiple=True, metavar="CADRE=OPENING",
              help="Require this assignment, on top of locks.csv (repeatable).")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="Change one value for this run, e.g. weights.fairness=20 or openings.OP012.seats=3 "
                   "(the keys sweep takes; repeatable). The scenario folder is not changed.")
@click.option("--forbid", "forbids", multiple=True, metavar="CADRE=OPENING",
              help="Forbid this assignment, on top of locks.csv (repeatable).")
def solve(scenario, out_dir, solver, time_limit, gap_percent, deterministic, seed, workers, lang, with_report, quiet,
          baseline_dir, locks, settings, forbids):
    """Plan a scenario: write plan.csv and summary.json (or the diagnosis when infeasible).

    Exit 0 a plan was written, 2 invalid scenario, 3 infeasible (diagnosis written),
    4 no plan within the time limit (or interrupted before any plan).
    Ctrl-C or SIGTERM ends the search: the best plan so far is written (exit 0).
    """
    import time

    t0 = _command_start()
    stop = _catch_signals()
    from planner.diagnose import write_diagnosed
    from planner.solve import solve as run_solve

    sc = _read_or_exit(scenario)
    _exit_if_stopped(stop)

    def progress(seconds, objective, bound):
        if quiet:
            return
        if bound is None or bound != bound or bound == float("inf"):
            click.echo(f"  {seconds:7.1f}s  best plan {objective:,.0f}", err=True)
            return
        gap = abs(bound - objective) / max(1.0, abs(objective))
        click.echo(f"  {seconds:7.1f}s  best plan {objective:,.0f}  bound {bound:,.0f}  gap {gap:.2%}", err=True)

    if not quiet:
        click.echo(f"planning {sc.name[:80]}: {len(sc.cadres)} cadres, {len(sc.openings)} openings, "
                   f"solver {solver}", err=True)
    sc, baseline, what_if = _what_if_inputs(sc, baseline_dir, locks, forbids, settings)
    try:
        result = run_solve(sc, solver=solver, time_limit=time_limit, seed=seed, workers=workers, progress=progress,
                           baseline=baseline,
                           phase=None if quiet else (lambda text: click.echo(f"  {text}", err=True)),
                           gap=gap_percent / 100.0, deterministic=deterministic, t_start=t0, stop=stop)
    except KeyboardInterrupt:
        # Only if a signal came before our handler was in place.
        stop.set()
        result = None
    if result is None or (result.plan is None and stop.is_set()):
        # Interrupted before the search had a plan (reading, building, the LP): nothing was
        # written, the previous files are as they were.
        click.echo(INTERRUPTED_NO_PLAN, err=True)
        sys.exit(EXIT_NO_PLAN)
    result.interrupted = result.interrupted or stop.is_set()
    result.parameters.update(what_if)
    reports = []

    def add_report(staging):
        # The workbook goes into the new plan folder before it replaces the old one: a failed
        # report leaves the previous folder whole (SPEC 6).
        from planner.report import write_report
        reports.append(write_report(staging, scenario_dir=sc, lang=lang))

    try:
        write_diagnosed(result, sc, out_dir, lang=lang, scenario_dir=scenario,
                        before_commit=add_report if with_report and result.plan is not None else None)
    except PlannerError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo("the outputs could not be written; the plan folder is as it was", err=True)
        sys.exit(EXIT_OUTPUT)
    elapsed = time.perf_counter() - t0
    if result.plan is not None:
        m = result.metrics
        gap = "" if result.gap is None else f", gap {result.gap:.3%}"
        click.echo(f"{result.status}: {m['assignments']} assignments ({m['postings']} postings), "
                   f"objective {result.objective:,.0f}{gap}, {elapsed:.1f}s -> {out_dir}")
        click.echo("terms: " + ", ".join(f"{t} {v:,}" for t, v in result.terms.items()))
        if result.interrupted:
            click.echo(INTERRUPTED_WITH_PLAN, err=True)
        if reports:
            from planner.report import memo_path
            click.echo(f"committee workbook: {Path(out_dir) / Path(reports[0]).name}; "
                       f"memo: {Path(out_dir) / memo_path(reports[0]).name}")
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


INTERRUPTED_NO_PLAN = "interrupted before any plan was found; nothing was written"
INTERRUPTED_WITH_PLAN = "interrupted: the best plan found so far was written"


def _command_start() -> float:
    """``time.perf_counter()`` at the process's start (Linux: from /proc), else now: a time limit
    counts from the moment the command was started, interpreter start-up included. Only when
    this process is the command (``planner solve ...``); called in-process (tests, notebooks),
    the command starts now."""
    import os
    import time

    now = time.perf_counter()
    ours = os.path.basename(sys.argv[0]) in ("planner", "__main__.py") and "solve" in sys.argv[1:]
    if not ours:
        return now
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        return now - age if 0 <= age < 60 else now
    except (OSError, ValueError, IndexError):
        return now


def _catch_signals():
    """SIGINT (Ctrl-C) and SIGTERM set an event instead of ending the process: the search stops
    and the best plan so far is written (OR-Tools is told not to take SIGINT itself)."""
    import signal
    import threading

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    if threading.current_thread() is threading.main_thread():
        before = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        # A caller may have started us with them blocked; a signal already pending arrives now.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})

        def restore():
            for sig, handler in before.items():
                signal.signal(sig, handler)
        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            ctx.call_on_close(restore)     # the command's end (in-process callers get theirs back)
    return stop


def _exit_if_stopped(stop) -> None:
    if stop.is_set():
        click.echo(INTERRUPTED_NO_PLAN, err=True)
        sys.exit(EXIT_NO_PLAN)


# --------------------------------------------------------------------------------------------
# what-if: solve --baseline/--lock/--forbid, compare, sweep, advance
# --------------------------------------------------------------------------------------------
def _pair_option(text, option):
    cadre, sep, opening = text.partition("=")
    if not sep or not cadre.strip() or not opening.strip():
        raise click.BadParameter(f"{text!r}: expected CADRE=OPENING", param_hint=option)
    return cadre.strip(), opening.strip()


def _what_if_inputs(sc, baseline_dir, locks, forbids, settings=()):
    """Apply --lock/--forbid to the scenario and read --baseline; returns (scenario, baseline pairs,
    parameters for summary.json). The scenario keeps its folder's sha256: the data files are the
    folder's, and the command-line locks and the baseline are recorded beside it."""
    from planner.edits import EditError, with_lock

    params = {}
    sha = sc.sha256
    if settings:
        from planner.edits import with_value
        recorded = []
        for text in settings:
            path, sep, value = text.partition("=")
            if not sep or not path.strip():
                raise click.BadParameter(f"{text[:60]!r}: expected KEY=VALUE", param_hint="--set")
            try:
                sc = with_value(sc, path.strip(), value.strip())
            except EditError as err:
                raise click.BadParameter(str(err)[:200], param_hint="--set") from None
            recorded.append({"path": path.strip(), "value": value.strip()})
        sc = sc.replace(sha256=sha)
        params["cli_set"] = recorded
    cli_locks = [(c, o, "require") for c, o in (_pair_option(t, "--lock") for t in locks)]
    cli_locks += [(c, o, "forbid") for c, o in (_pair_option(t, "--forbid") for t in forbids)]
    for cadre, opening, kind in cli_locks:
        try:
            sc = with_lock(sc, cadre, opening, kind, note="command line")
        except EditError as err:
            raise click.BadParameter(str(err), param_hint="--lock" if kind == "require" else "--forbid") from None
    if cli_locks:
        sc = sc.replace(sha256=sha)
        params["cli_locks"] = [{"cadre_id": c, "opening_id": o, "lock": k} for c, o, k in cli_locks]
    baseline = None
    if baseline_dir is not None:
        from planner.check import PlanFileError, read_plan
        try:
            rows, _ = read_plan(baseline_dir)
        except PlanFileError as err:
            raise click.BadParameter("; ".join(err.problems), param_hint="--baseline") from None
        pairs = {(a.cadre_id, a.opening_id) for a in rows}
        baseline = {(c, o) for c, o in pairs if c in sc.cadre_by_id and o in sc.opening_by_id}
        if len(baseline) < len(pairs):
            click.echo(f"baseline: {len(pairs) - len(baseline)} line(s) name a cadre or opening this scenario "
                       "does not hold; they are left out", err=True)
        params["baseline"] = str(baseline_dir)
        params["baseline_pairs"] = [list(pair) for pair in sorted(baseline)]   # planner check recomputes stability
    return sc, baseline, params
