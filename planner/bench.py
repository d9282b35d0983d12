"""``planner bench``: generated scenarios x backends, one row per run.

Each run happens in a fresh process (so peak memory is that run's own), builds the model,
solves, checks the plan with the independent checker, and reports: build seconds, seconds to
the first plan, seconds to a 1 % gap (against the better of the solver's bound and the LP
relaxation bound of the same model), final status, objective, bound, gap, peak memory, and
the LP relaxation bound as the reference.
"""
from __future__ import annotations

import concurrent.futures as cf
import csv
import io
import logging
import multiprocessing
import resource
import time

log = logging.getLogger(__name__)

# Backend configurations: name -> (solver, warm_start)
CONFIGS = {
    "cpsat": ("cpsat", True),          # the default: LP-guided CP-SAT
    "cpsat-plain": ("cpsat", False),   # CP-SAT on the whole model, no LP guidance
    "highs": ("highs", True),          # HiGHS through PuLP
    "cbc": ("cbc", True),              # CBC through PuLP
}

COLUMNS = ("size", "seed", "config", "pairs", "build_s", "first_plan_s", "gap1pct_s", "status",
           "objective", "best_bound", "gap", "lp_bound", "peak_mib", "total_s", "checked")


def _one_run(size: str, seed: int, config: str, time_limit: float, workers: int) -> dict:
    """Runs in a child process."""
    from planner.backends.highs_direct import solve_highs_arrays
    from planner.check import check_plan
    from planner.generate import generate_scenario
    from planner.solve import build_model, solve

    solver, warm = CONFIGS[config]
    sc = generate_scenario(size, seed)
    built = build_model(sc)
    lp = solve_highs_arrays(built.model, sc.weights.as_dict(), time_limit=max(60.0, time_limit), relax=True)
    lp_bound = lp.objective if lp.status == "OPTIMAL" else None
    marks = {"first": None, "gap1": None}

    def progress(seconds, objective, bound):
        if marks["first"] is None:
            marks["first"] = seconds
        ref = bound if lp_bound is None else min(bound, lp_bound)
        if marks["gap1"] is None and (ref - objective) <= 0.01 * max(1.0, abs(objective)):
            marks["gap1"] = seconds

    t1 = time.perf_counter()
    r = solve(sc, solver=solver, time_limit=time_limit, seed=0, workers=workers, progress=progress,
              warm_start=warm)
    total = time.perf_counter() - t1
    first = marks["first"] if marks["first"] is not None else r.first_solution_seconds
    if first is None and r.plan is not None:
        first = r.solve_seconds
    gap = r.gap
    if r.plan is not None and lp_bound is not None:
        ref = lp_bound if r.best_bound is None else min(r.best_bound, lp_bound)
        gap = max(0.0, ref - r.objective) / max(1.0, abs(r.objective))
    gap1 = marks["gap1"]
    if gap1 is None and gap is not None and gap <= 0.01:
        gap1 = r.solve_seconds
    checked = None
    if r.plan is not None:
        checked = check_plan(sc, r.plan, r.summary()).ok
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "size": size, "seed": seed, "config": config, "pairs": built.ctx.n_pairs,
        "build_s": round(built.seconds, 2),
        "first_plan_s": None if first is None else round(first, 1),
        "gap1pct_s": None if gap1 is None else round(gap1, 1),
        "status": r.status, "objective": r.objective, "best_bound": r.best_bound,
        "gap": None if gap is None else round(gap, 6), "lp_bound": None if lp_bound is None else round(lp_bound, 1),
        "peak_mib": round(peak), "total_s": round(built.seconds + total, 1),
        "checked": checked,
    }


def run_bench(sizes, seeds, configs, time_limit: float, workers: int = 2, on_row=None) -> list:
    """Every (size, seed, config) in a fresh process, one after the other (timings stay clean)."""
    ctx = multiprocessing.get_context("spawn")
    rows = []
    for size in sizes:
        for seed in seeds:
            for config in configs:
                if config not in CONFIGS:
                    raise ValueError(f"unknown configuration {config!r}: choose from {', '.join(CONFIGS)}")
                with cf.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                    try:
                        row = pool.submit(_one_run, size, seed, config, time_limit, workers).result()
                    except Exception as err:  # noqa: BLE001 - a crashed run is a row, not the end of the bench
                        log.warning("bench %s/%s/%s failed: %s", size, seed, config, err)
                        row = {"size": size, "seed": seed, "config": config, "status": f"ERROR: {err}"}
                rows.append(row)
                if on_row:
                    on_row(row)
    return rows


def rows_csv(rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def rows_markdown(rows) -> str:
    def fmt(v):
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.1f}" if abs(v) >= 1 else f"{v:.4g}"
        return str(v)
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        out.append("| " + " | ".join(fmt(r.get(c)) for c in COLUMNS) + " |")
    return "\n".join(out) + "\n"
