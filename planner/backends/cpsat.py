"""OR-Tools CP-SAT backend.

Reproducibility: a fixed ``random_seed``, a fixed ``num_workers`` and ``interleave_search``
(CP-SAT then runs its workers in deterministic batches) make the search itself deterministic;
the time limit is given as deterministic time (``max_deterministic_time``, CP-SAT's own work
units, roughly seconds) so that where the search stops does not depend on the machine's load.
A wall-clock limit of three times that stays as a safety net. Cost: interleaved search is
somewhat slower than the default portfolio (measured in the README's performance section).
"""
from __future__ import annotations

import logging
import math
import signal
import threading
import time

import numpy as np
from ortools.sat.python import cp_model

from planner.backends import RawSolution, SolveOptions
from planner.linear import LinearModel

log = logging.getLogger(__name__)

_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "UNKNOWN",
}


def build_cp_model(m: LinearModel, weights: dict, assume: list | None = None):
    """Translate ``m`` into a ``CpModel``; returns ``(model, variables, literals)``.

    With ``assume`` (a list of constraint tags), only the constraints of those tags are kept,
    each made conditional on one literal per tag (``literals[tag]``): the diagnosis passes the
    literals as assumptions to find a core of rule instances that cannot hold together.
    """
    model = cp_model.CpModel()
    xs = []
    for name, ub in zip(m.names, m.ub):
        xs.append(model.new_bool_var(name) if ub == 1 else model.new_int_var(0, ub, name))
    lits = {}
    if assume is not None:
        for n, tag in enumerate(assume):
            lits[tag] = model.new_bool_var(f"assume{n}[{tag.rule}]")
    for c in m.constraints:
        lit = None
        if assume is not None:
            lit = lits.get(c.tag)
            if lit is None:
                continue
        vs = [xs[i] for i in c.idx.tolist()]
        coefs = c.coef.tolist()
        if not vs:
            if c.lo <= 0 <= c.hi:
                continue
            ct = model.add_bool_or([])  # an empty clause: false
        elif lit is None and c.hi == 1 and c.lo <= 0 and all(a == 1 for a in coefs):
            model.add_at_most_one(vs)
            continue
        elif lit is None and c.hi == 1 and c.lo == 1 and all(a == 1 for a in coefs):
            model.add_exactly_one(vs)
            continue
        else:
            expr = cp_model.LinearExpr.weighted_sum(vs, coefs)
            lo = -(2 ** 62) if c.lo == -math.inf else int(math.ceil(c.lo))
            hi = 2 ** 62 if c.hi == math.inf else int(math.floor(c.hi))
            ct = model.add_linear_constraint(expr, lo, hi)
        if lit is not None:
            ct.only_enforce_if(lit)
    if assume is None:
        idx, coef, const = m.objective_arrays(weights)
        if idx.size:
            model.maximize(cp_model.LinearExpr.weighted_sum([xs[i] for i in idx.tolist()], coef.tolist()) + const)
    return model, xs, lits


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, report, t0):
        super().__init__()
        self.report, self.t0, self.first = report, t0, None

    def on_solution_callback(self):
        now = time.perf_counter() - self.t0
        if self.first is None:
            self.first = now
        if self.report:
            self.report(now, self.objective_value, self.best_objective_bound)


def solve_cpsat(m: LinearModel, weights: dict, options: SolveOptions) -> RawSolution:
    model, xs, _ = build_cp_model(m, weights)
    if options.hint:
        for i, v in sorted(options.hint.items()):
            model.add_hint(xs[i], int(v))
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = int(options.seed)
    p.num_workers = max(1, int(options.workers))
    p.interleave_search = p.num_workers > 1
    p.max_deterministic_time = float(options.time_limit_s)
    p.max_time_in_seconds = 3.0 * float(options.time_limit_s)
    p.log_search_progress = bool(options.log_search)
    t0 = time.perf_counter()
    cb = _Progress(options.progress, t0)
    interrupted = threading.Event()

    # Ctrl-C: stop the search and keep the best plan so far (the caller writes it atomically).
    def on_sigint(signum, frame):
        interrupted.set()
        solver.stop_search()

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        status = solver.solve(model, cb)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    seconds = time.perf_counter() - t0
    name = _STATUS.get(status, "UNKNOWN")
    values = None
    objective = bound = None
    if name in ("OPTIMAL", "FEASIBLE"):
        # Variables were created in model order, so the response's solution vector is ours.
        values = np.array(solver.response_proto.solution, dtype=np.int64)[: len(xs)]
        objective = solver.objective_value
        bound = solver.best_objective_bound
    log.info("cp-sat: %s in %.2fs (objective %s, bound %s)", name, seconds, objective, bound)
    return RawSolution(name, values, objective, bound, seconds, cb.first, interrupted.is_set())
