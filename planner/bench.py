"""``planner bench``: generated scenarios x backends, one row per run.

Each run happens in a fresh process (so peak memory is that run's own). The default ``cpsat``
runs as a user runs it: the scenario is written to a folder and ``planner solve`` runs as a
subprocess, timed from the command's start (``first_plan_s`` is summary.json's
``first_plan_seconds``; ``peak_mib`` the command's peak). The peers (``cpsat-plain``, ``highs``,
``cbc``) run in the process on the whole model built there (their seconds count from the solve
call, so reading the scenario is not in them). Every plan is checked with the independent
checker. The reference bound ``lp_bound`` is the LP relaxation over all pairs, by pricing
(at national sizes: the bound the ``cpsat`` run itself reports, which is that LP's bound by
pricing); every ``gap`` is measured against it.
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

# Sizes: the generator's, and "broad-<size>": the same scenario with openings that accept wide
# specialty and rank lists (about a third of all pairs eligible, issue 14).
BROAD_PREFIX = "broad-"
def broad_scenario(size: str, seed: int):
    """The generated scenario of ``size`` and ``seed`` with broad openings
    (``planner generate --breadth broad``: about a third of all pairs eligible)."""
    from planner.generate import generate_scenario

    return generate_scenario(size, seed, breadth="broad")


def scenario_of(size: str, seed: int):
    """A bench size: a generator size, or ``broad-<size>``."""
    from planner.generate import generate_scenario

    if size.startswith(BROAD_PREFIX):
        return broad_scenario(size[len(BROAD_PREFIX):], seed)
    return generate_scenario(size, seed)


COLUMNS = ("size", "seed", "config", "pairs", "build_s", "first_plan_s", "gap1pct_s", "status",
           "objective", "best_bound", "gap", "lp_bound", "peak_mib", "total_s", "checked")


def _reference_lp(sc, time_limit: float):
    """The LP relaxation over all pairs, by pricing (converged, or a valid bound): the bound
    every configuration's gap is measured against."""
    from planner.backends.pricing_lp import PricingLP
    from planner.model.eligibility_blocks import EligibilityBits
    from planner.model.pair_values import PairValues

    bits = EligibilityBits(sc)
    lp = PricingLP(bits, PairValues(sc, bits.ca, sc.weights.as_dict())).solve(time.perf_counter() + time_limit)
    return lp.bound if lp.status in ("OPTIMAL", "BOUND") else None, lp.status, bits.n_pairs


def _cli_run(sc, time_limit: float, workers: int) -> tuple:
    """``planner solve`` in a subprocess, as a user runs it: the scenario written to a folder,
    the command timed from its start, the progress lines read for the seconds to a 1 % gap."""
    import json
    import os
    import re
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from planner.check import check_dir
    from planner.io import write_scenario

    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        scen, out = Path(tmp) / "scenario", Path(tmp) / "out"
        write_scenario(sc, scen)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "planner.cli", "solve", str(scen), "--out", str(out),
                              "--time-limit", str(time_limit), "--workers", str(workers)],
                             capture_output=True, text=True, env=dict(os.environ))
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        gap1 = None
        for line in run.stderr.splitlines():
            m = re.match(r"\s*([\d.]+)s\s+best plan [\d,]+\s+bound [\d,]+\s+gap ([\d.]+)%", line)
            if m and gap1 is None and float(m.group(2)) <= 1.0:
                gap1 = float(m.group(1))
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8")) if run.returncode == 0 else {}
        checked = check_dir(sc, out).ok if run.returncode == 0 else None
    return summary, wall, peak, gap1, checked, run.returncode


def _one_run(size: str, seed: int, config: str, time_limit: float, workers: int) -> dict:
    """Runs in a child process. ``cpsat`` runs as the command (``planner solve``, timed from the
    command's start, reading the scenario included); the peers run in this process on the model
    built here (their seconds count from the solve call)."""
    from planner.check import check_plan
    from planner.solve import build_model, solve

    solver, warm = CONFIGS[config]
    sc = scenario_of(size, seed)
    ref_limit = max(120.0, 2 * time_limit)
    if config == "cpsat":
        summary, wall, peak, gap1, checked, code = _cli_run(sc, time_limit, workers)
        lp_bound, lp_status, n_pairs = (None, None, None)
        if size.endswith("national"):
            # The run's own bound is the all-pairs LP bound (by pricing); a second LP is not run.
            bound = summary.get("best_bound")
            lp_bound = bound
            n_pairs = summary.get("model", {}).get("pairs")
        else:
            lp_bound, lp_status, n_pairs = _reference_lp(sc, ref_limit)
        obj = summary.get("objective")
        gap = summary.get("gap")
        if obj is not None and lp_bound is not None:
            ref = lp_bound if summary.get("best_bound") is None else min(summary["best_bound"], lp_bound)
            gap = max(0.0, ref - obj) / max(1.0, abs(obj))
        first = summary.get("first_plan_seconds")
        return {
            "size": size, "seed": seed, "config": config, "pairs": n_pairs, "build_s": None,
            "first_plan_s": None if first is None else round(first, 1),
            "gap1pct_s": None if gap1 is None else round(gap1, 1),
            "status": summary.get("status", f"exit {code}"), "objective": obj,
            "best_bound": summary.get("best_bound"),
            "gap": None if gap is None else round(gap, 6), "lp_bound": None if lp_bound is None else round(lp_bound, 1),
            "peak_mib": round(peak), "total_s": round(wall, 1), "checked": checked,
        }
    built = build_model(sc)
    lp_bound, _status, _n = _reference_lp(sc, ref_limit)
    marks = {"first": None, "gap1": None}

    def progress(seconds, objective, bound):
        if marks["first"] is None:
            marks["first"] = seconds
        ref = lp_bound if bound is None else (bound if lp_bound is None else min(bound, lp_bound))
        if marks["gap1"] is None and ref is not None and (ref - objective) <= 0.01 * max(1.0, abs(objective)):
            marks["gap1"] = seconds

    t1 = time.perf_counter()
    r = solve(sc, solver=solver, time_limit=time_limit, seed=0, workers=workers, progress=progress,
              warm_start=warm, t_start=t1, priced=False)
    total = time.perf_counter() - t1
    first = marks["first"] if marks["first"] is not None else r.first_solution_seconds
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
