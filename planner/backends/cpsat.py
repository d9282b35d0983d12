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
import time

import numpy as np
from ortools.sat.python import cp_model

from planner.backends.base import RawSolution, SolveOptions
from planner.model.linear import LinearModel

log = logging.getLogger(__name__)

# CP-SAT's deterministic time runs slower than the wall clock on a busy 2-core machine; the
# time limit a planner gives is turned into deterministic units at this rate, so that the
# search stops on the deterministic clock (reproducible) close to the requested wall time.
# The wall-clock net (10 x the limit for short runs, 2 x + 60 s for long ones) only catches
# pathological runs.
DETERMINISTIC_PER_SECOND = 0.5
WALL_CLOCK_NET = 10.0
# The first LP-guided stage keeps the LP's support and this share (1/N) of the pairs with the
# smallest reduced costs.
FIRST_STAGE_SHARE = 8
SMALL_STAGE_VARS = 20_000
# Above this many pairs the LP relaxation is solved by pricing (column generation).
PRICING_PAIRS = 1_000_000

_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "UNKNOWN",
}


def add_constraint(model, vs: list, coefs: list, lo: float, hi: float, lit=None) -> None:
    """Add ``lo <= sum(coefs * vs) <= hi`` to a CpModel, only if ``lit`` when given.

    At-most-one and exactly-one rows become CP-SAT's own constraints (stronger propagation);
    an empty row that cannot hold becomes an empty clause (false).
    """
    if not vs:
        if lo <= 0 <= hi:
            return
        ct = model.add_bool_or([])
    elif lit is None and hi == 1 and lo <= 0 and all(a == 1 for a in coefs):
        model.add_at_most_one(vs)
        return
    elif lit is None and hi == 1 and lo == 1 and all(a == 1 for a in coefs):
        model.add_exactly_one(vs)
        return
    else:
        lo_i = -(2 ** 62) if lo == -math.inf else int(math.ceil(lo))
        hi_i = 2 ** 62 if hi == math.inf else int(math.floor(hi))
        ct = model.add_linear_constraint(cp_model.LinearExpr.weighted_sum(vs, coefs), lo_i, hi_i)
    if lit is not None:
        ct.only_enforce_if(lit)


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
        add_constraint(model, [xs[i] for i in c.idx.tolist()], c.coef.tolist(), c.lo, c.hi, lit)
    if assume is None:
        idx, coef, const = m.objective_arrays(weights)
        if idx.size:
            model.maximize(cp_model.LinearExpr.weighted_sum([xs[i] for i in idx.tolist()], coef.tolist()) + const)
    return model, xs, lits


class _Progress(cp_model.CpSolverSolutionCallback):
    """Reports each better plan (seconds from ``t0``) and ends the search once the plan is
    within ``gap`` of ``gap_bound`` (a bound valid for the whole model, e.g. the LP's)."""

    def __init__(self, report, t0, gap: float = 0.0, gap_bound: float | None = None):
        super().__init__()
        self.report, self.t0, self.first = report, t0, None
        self.gap, self.gap_bound = gap, gap_bound

    def on_solution_callback(self):
        now = time.perf_counter() - self.t0
        if self.first is None:
            self.first = now
        obj = self.objective_value
        if self.report:
            self.report(now, obj, self.best_objective_bound)
        if self.gap_bound is not None and self.gap > 0 and \
                self.gap_bound - obj <= self.gap * max(1.0, abs(obj)):
            self.stop_search()


def _restrict(m: LinearModel, keep: np.ndarray) -> tuple:
    """The model with only the variables where ``keep`` is True (the others fixed at 0, so they
    simply drop out of every sum). Returns the sub-model and the kept variables' old indices."""
    old = np.flatnonzero(keep)
    new_of = np.full(m.n_vars, -1, dtype=np.int64)
    new_of[old] = np.arange(old.size)
    sub = LinearModel(names=[m.names[i] for i in old.tolist()], ub=[m.ub[i] for i in old.tolist()],
                      n_pairs=int((old < m.n_pairs).sum()))
    for c in m.constraints:
        j = new_of[c.idx]
        sel = j >= 0
        sub.constraints.append(type(c)(j[sel], c.coef[sel], c.lo, c.hi, c.tag))
    for term, parts in m.terms.items():
        for idx, coef in parts:
            j = new_of[idx]
            sel = j >= 0
            sub.terms.setdefault(term, []).append((j[sel], coef[sel]))
    sub.constants = dict(m.constants)
    return sub, old


def wall_net(time_limit: float) -> float:
    """The wall-clock safety net for a time limit given in seconds."""
    limit = max(0.05, float(time_limit))
    return min(WALL_CLOCK_NET * limit, 2 * limit + 60)


def _run(model, xs, options: SolveOptions, det_limit: float, wall_limit: float, t0: float, offset_cb=None,
         workers=None, gap_bound: float | None = None, own_gap: bool = False, interleave: bool | None = None):
    """One CP-SAT solve; returns (status, values, objective, bound, first plan s, interrupted,
    deterministic time used).

    ``t0`` is where reported seconds count from. With ``options.deterministic`` the search ends on
    ``det_limit`` (CP-SAT's deterministic time; ``wall_limit`` seconds is only a safety net);
    otherwise on the wall clock, at ``options.deadline()`` or after ``wall_limit`` seconds,
    whichever comes first. It also ends at the gap ``options.gap`` against ``gap_bound`` when
    given (a bound valid for the whole model), or against CP-SAT's own bound with ``own_gap``
    (only where the model is the whole model), or when ``options.stop`` is set (a signal).
    A status is OPTIMAL only when the bound meets the plan (a gap stop is FEASIBLE).
    """
    from planner.backends.base import run_interruptible

    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = int(options.seed)
    p.num_workers = max(1, int(options.workers if workers is None else workers))
    # Interleaved search makes several workers reproducible; ``interleave=False`` lets them run
    # free (LNS included), which a caller may choose when the time limit is on the wall clock.
    p.interleave_search = p.num_workers > 1 if interleave is None else (interleave and p.num_workers > 1)
    deadline = options.deadline()
    if options.deterministic:
        p.max_deterministic_time = max(0.05, float(det_limit))
        p.max_time_in_seconds = max(0.5, float(wall_limit))
    else:
        left = float(wall_limit) if deadline is None else min(float(wall_limit), deadline - time.perf_counter())
        p.max_time_in_seconds = max(0.05, left)
    if own_gap and options.gap and options.gap > 0:
        p.relative_gap_limit = float(options.gap)
    p.log_search_progress = bool(options.log_search)
    # Signals are ours (the caller's handler sets options.stop); CP-SAT must not take SIGINT.
    p.catch_sigint_signal = False
    # The model is an assignment problem with side rules: a full LP relaxation in the search
    # proves optimality far sooner than the default (measured: municipal seed 1, 45 s -> <1 s).
    p.linearization_level = 2
    cb = _Progress(offset_cb or options.progress, t0, options.gap, gap_bound)
    if options.stopped():
        return "UNKNOWN", None, None, None, None, True, 0.0
    status = run_interruptible(lambda: solver.solve(model, cb), options.stop, solver.stop_search, deadline)
    interrupted = options.stopped()
    name = _STATUS.get(status, "UNKNOWN")
    values = objective = bound = None
    if name in ("OPTIMAL", "FEASIBLE"):
        # Variables were created in model order, so the response's solution vector is ours.
        values = np.array(solver.response_proto.solution, dtype=np.int64)[: len(xs)]
        objective = solver.objective_value
        bound = solver.best_objective_bound
        if name == "OPTIMAL" and bound > objective + 0.5:
            name = "FEASIBLE"            # ended by the gap limit, not by a proof
    return name, values, objective, bound, cb.first, interrupted, solver.deterministic_time


def solve_cpsat(m: LinearModel, weights: dict, options: SolveOptions) -> RawSolution:
    """CP-SAT on the model; by default LP-guided (see ``solve_lp_guided``)."""
    t0 = time.perf_counter()
    if options.warm_start and m.n_vars > 0:
        raw = solve_lp_guided(m, weights, options, t0)
        if raw is not None:
            return raw
    deadline = options.deadline()
    if options.stopped() or (deadline is not None and time.perf_counter() > deadline - 0.5):
        # No time left to build the whole model for plain CP-SAT (the LP-guided solve ran out).
        return RawSolution("UNKNOWN", None, None, None, time.perf_counter() - t0, None, options.stopped())
    model, xs, _ = build_cp_model(m, weights)
    if options.hint:
        for i, v in sorted(options.hint.items()):
            model.add_hint(xs[i], int(v))
    limit = float(options.time_limit_s)
    name, values, objective, bound, first, interrupted, _ = _run(
        model, xs, options, limit * DETERMINISTIC_PER_SECOND, wall_net(limit), options.origin, own_gap=True)
    seconds = time.perf_counter() - t0
    log.info("cp-sat: %s in %.2fs (objective %s, bound %s)", name, seconds, objective, bound)
    return RawSolution(name, values, objective, bound, seconds, first, interrupted)


def solve_lp_guided(m: LinearModel, weights: dict, options: SolveOptions, t0: float):
    """LP relaxation first, then CP-SAT on the pairs the LP says can matter.

    1. HiGHS solves the LP relaxation: an upper bound ``U`` on every plan, and for each variable
       its reduced cost ``d_j`` - any plan that sets a variable at 0 in the LP to 1 is worth at
       most ``U - d_j`` (LP duality).
    2. CP-SAT solves the model restricted to everything the LP uses plus the variables of
       smallest reduced cost (1/8 of the pairs, at most twice the LP's support), warm-started
       from the rounded LP solution.
    3. If the restricted optimum ``z`` satisfies ``z >= U - d_j`` for every variable left out, no
       plan using a left-out variable can beat it, so ``z`` is optimal for the whole model (the
       classic reduced-cost argument). Otherwise the model grows towards the variables with
       ``d_j < U - z`` while that set is within reach and deterministic time remains; the bound
       reported is the LP's ``U``, never the restricted model's own.
    Returns None when the LP gives nothing to work with (plain CP-SAT then runs).
    """
    from planner.backends.highs_direct import solve_highs_arrays, solve_lp_pricing

    budget = float(options.time_limit_s)
    deadline = options.deadline()
    lp_limit = max(1.0, budget / 2)
    if deadline is not None:
        lp_limit = max(0.1, min(lp_limit, (deadline - time.perf_counter()) / 2))
    if m.n_pairs > PRICING_PAIRS:
        lp = solve_lp_pricing(m, weights, time_limit=lp_limit, seed=options.seed)
    else:
        lp = solve_highs_arrays(m, weights, time_limit=lp_limit, relax=True, threads=1, seed=options.seed)
    if options.stopped():
        return RawSolution("UNKNOWN", None, None, None, time.perf_counter() - t0, None, True)
    if lp.status == "INFEASIBLE":
        return RawSolution("INFEASIBLE", None, None, None, time.perf_counter() - t0)
    if lp.status != "OPTIMAL" or lp.reduced_cost is None:
        return None
    U = lp.objective
    if options.phase:
        options.phase(f"LP relaxation: bound {U:,.0f} in {lp.seconds:.1f}s")
    d = np.maximum(lp.reduced_cost, 0.0)
    used = lp.values > 1e-6
    always = np.zeros(m.n_vars, dtype=bool)
    always[m.n_pairs:] = True           # auxiliary variables: few, keep them all
    for c in m.constraints:           # variables of must-hold rules with few choices (locks, R4/R6)
        if c.lo > 0 and c.idx.size <= 3:
            always[c.idx] = True
    # Variables in order of reduced cost: each stage takes the next slice of this order.
    order = np.argsort(d, kind="stable")
    base = used | always
    # Capped at twice the LP's own support: at national size 1/8 of the pairs is still far more
    # than CP-SAT presolves in reasonable time.
    n_base = int(base.sum())
    n_first = max(n_base, min(m.n_pairs // FIRST_STAGE_SHARE, 2 * n_base))
    hint = np.rint(lp.values).astype(np.int64)
    best = None
    stopped = False
    # The stages share the deterministic budget of the time limit; the LP (a second or two at
    # province size) is not counted against it, so that its wall time cannot change the stages.
    det_left = budget * DETERMINISTIC_PER_SECOND
    keep = base.copy()
    take = n_first
    proven = False
    while True:
        keep = base.copy()
        keep[order[:take]] = True
        sub, old = _restrict(m, keep)
        if options.phase:
            options.phase(f"CP-SAT on {old.size:,} of {m.n_vars:,} variables (smallest reduced costs)")
        model, xs, _ = build_cp_model(sub, weights)
        for j, i in enumerate(old.tolist()):
            model.add_hint(xs[j], int(hint[i]))
        t_stage = time.perf_counter()
        # Progress shows the LP bound: the restricted model's own bound holds for it alone.
        report = (lambda sec, obj, _b: options.progress(sec, obj, U)) if options.progress else None
        # A small restricted model is solved fastest by one LP-driven worker: interleaving two
        # deterministic workers costs more than it brings (measured on municipal models).
        workers = 1 if old.size <= SMALL_STAGE_VARS else None
        wall_left = wall_net(budget) - (time.perf_counter() - t0)
        name, values, objective, bound, first, interrupted, det_used = _run(
            model, xs, options, det_left, wall_left, options.origin, report, workers, gap_bound=U)
        det_left -= det_used
        stage_seconds = time.perf_counter() - t_stage
        stopped = stopped or interrupted
        if values is not None:
            full = np.zeros(m.n_vars, dtype=np.int64)
            full[old] = values
            if best is None or objective > best[2]:
                best = (name, full, objective, first, interrupted)
                hint = full
        out_d = d[~keep]
        threshold = U - (out_d.min() if out_d.size else np.inf)
        proven = best is not None and name == "OPTIMAL" and best[2] >= threshold - 1e-6
        log.info("lp-guided cp-sat: %d of %d variables, %s %s in %.1fs (LP bound %.0f, proof needs %.0f)",
                 old.size, m.n_vars, name, objective, stage_seconds, U, threshold)
        if name == "INFEASIBLE" and keep.all():
            return RawSolution("INFEASIBLE", None, None, None, time.perf_counter() - t0)
        # Grow only when the last stage was solved to optimality and the proof is in reach: the
        # variables a proof of z needs are those with d_j < U - z; when they are more than twice
        # the current model (and not small), growing costs more than it can bring (at province
        # size a proof would need nearly the whole model, while the first stage already finds
        # the optimum).
        # Time here is CP-SAT's deterministic time, so the decision, hence the plan, does not
        # depend on the machine's load.
        if (proven or keep.all() or interrupted or name not in ("OPTIMAL", "INFEASIBLE")
                or det_left < 2 * det_used):
            break
        needed = int((keep | (d < U - best[2])).sum()) if best is not None else m.n_vars
        if needed > 2 * int(keep.sum()) and needed > SMALL_STAGE_VARS:
            break
        take = max(int(take * 1.5) + 1, needed - n_base)
    seconds = time.perf_counter() - t0
    if best is None:
        return RawSolution("UNKNOWN", None, None, None, seconds, None, False)
    name, full, objective, first, _ = best
    interrupted = stopped
    bound = objective if proven else U
    status = "OPTIMAL" if proven else "FEASIBLE"
    return RawSolution(status, full, objective, float(bound), seconds, first, interrupted)
