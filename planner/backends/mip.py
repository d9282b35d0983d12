"""PuLP backend: the same ``LinearModel`` as a MIP for HiGHS (through highspy) or CBC.

HiGHS runs with a fixed ``random_seed`` and ``threads``; CBC with its default deterministic
branch and bound. Both get the time limit in wall-clock seconds.
"""
from __future__ import annotations

import logging
import math
import time

import numpy as np
import pulp

from planner.backends.base import RawSolution, SolveOptions, quiet_stdout
from planner.model.linear import LinearModel

log = logging.getLogger(__name__)


def build_lp(m: LinearModel, weights: dict, relax: bool = False):
    prob = pulp.LpProblem("posting_plan", pulp.LpMaximize)
    cat = "Continuous" if relax else "Integer"
    xs = [pulp.LpVariable(f"v{i}", lowBound=0, upBound=ub, cat=cat) for i, ub in enumerate(m.ub)]
    for k, c in enumerate(m.constraints):
        if c.idx.size == 0:
            if c.lo <= 0 <= c.hi:
                continue
            # An empty constraint that cannot hold: state it on a dummy fixed at 0.
            z = pulp.LpVariable(f"empty{k}", lowBound=0, upBound=0)
            prob += (z >= 1), f"c{k}"
            continue
        expr = pulp.LpAffineExpression([(xs[i], int(a)) for i, a in zip(c.idx.tolist(), c.coef.tolist())])
        if c.lo == c.hi:
            prob += (expr == c.lo), f"c{k}"
            continue
        if c.lo != -math.inf:
            prob += (expr >= c.lo), f"c{k}lo"
        if c.hi != math.inf:
            prob += (expr <= c.hi), f"c{k}hi"
    idx, coef, const = m.objective_arrays(weights)
    prob += pulp.LpAffineExpression([(xs[i], int(a)) for i, a in zip(idx.tolist(), coef.tolist())], constant=const)
    return prob, xs


def _make_solver(engine: str, options: SolveOptions, relax: bool):
    if engine == "highs":
        return pulp.HiGHS(mip=not relax, msg=options.log_search, timeLimit=_seconds_left(options),
                          threads=int(options.workers), random_seed=int(options.seed), gapRel=0.0)
    if engine == "cbc":
        return pulp.PULP_CBC_CMD(mip=not relax, msg=options.log_search, timeLimit=_seconds_left(options),
                                 threads=int(options.workers), gapRel=0.0,
                                 options=[f"randomSeed {int(options.seed) + 1}"])
    raise ValueError(f"unknown MIP engine {engine!r}")


def _seconds_left(options: SolveOptions) -> float:
    """The solver's own limit: what is left of the wall-clock limit counted from the command's
    start (building the PuLP model took some of it), or the whole limit when deterministic."""
    import time

    deadline = options.deadline()
    if deadline is None:
        return float(options.time_limit_s)
    return max(1.0, deadline - time.perf_counter())


def solve_mip(m: LinearModel, weights: dict, options: SolveOptions, engine: str = "highs",
              relax: bool = False) -> RawSolution:
    prob, xs = build_lp(m, weights, relax=relax)
    solver = _make_solver(engine, options, relax)
    t0 = time.perf_counter()
    if engine == "highs":
        # HiGHS keeps one global thread scheduler per process, fixed at the first solve; a later
        # solve with another thread count fails unless the scheduler is reset first.
        import highspy
        highspy.Highs.resetGlobalScheduler(True)
    with quiet_stdout(not options.log_search):
        prob.solve(solver)
    seconds = time.perf_counter() - t0
    pstat = pulp.LpStatus[prob.status]
    sol_status = getattr(prob, "sol_status", None)
    # PuLP leaves varValue None for a variable that appears in no constraint and not in the
    # objective (weight 0): such a variable is free, and 0 is as good as any value.
    has_values = sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)
    if pstat == "Infeasible":
        status = "INFEASIBLE"
    elif pstat == "Optimal" and has_values:
        # PuLP reports "Optimal" also when a time limit stopped the search with a plan in hand;
        # its sol_status tells the two apart.
        status = "FEASIBLE" if sol_status == pulp.LpSolutionIntegerFeasible else "OPTIMAL"
    elif has_values and pstat == "Not Solved":
        status = "FEASIBLE"  # stopped by the time limit with a plan in hand
    else:
        status = "UNKNOWN"
    values = objective = bound = None
    if status in ("OPTIMAL", "FEASIBLE"):
        raw = np.array([0.0 if x.varValue is None else x.varValue for x in xs], dtype=float)
        values = raw if relax else np.rint(raw).astype(np.int64)
        objective = pulp.value(prob.objective)
        bound = objective if status == "OPTIMAL" else _mip_bound(prob)
    log.info("%s: %s in %.2fs (objective %s)", engine, status, seconds, objective)
    return RawSolution(status, values, objective, bound, seconds, None)


def _mip_bound(prob):
    """Best bound where the engine exposes it (HiGHS through highspy), else unknown."""
    try:
        return float(prob.solverModel.getInfo().mip_dual_bound)
    except Exception:  # noqa: BLE001 - the bound is informative only
        return None
