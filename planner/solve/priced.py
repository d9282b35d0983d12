"""Solving a scenario with many candidate pairs without holding them all (issue 14).

1. Candidate pairs as bits (``EligibilityBits``), priced in blocks; never all as arrays.
2. A constructive plan (``planner.backends.constructive``), built into the exact model of its
   pool of pairs and checked with ``planner.check.check_plan``: the first plan. With a
   wall-clock limit it is made beside the LP's first solves (``_FirstPlan``).
3. The LP relaxation over all pairs by pricing (``planner.backends.pricing_lp``): its bound is
   valid for every plan, whether or not pricing converged. At its share of the time, CP-SAT
   starts from the LP's snapshot after its last pass, and the LP goes on for the bound alone
   (``_lp_until``, ``_LateLP``).
4. CP-SAT on the exact model of the priced pairs (LP support, the pairs of least reduced cost,
   the best plan so far), hinted with the best plan. A pair left out is simply not chosen, so
   every plan is valid; OPTIMAL is claimed only when the reduced-cost argument proves it
   (``z >= L - theta``: every left-out pair has reduced cost at least ``theta``).
"""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass

import numpy as np

from models.scenario import Scenario
from planner.backends.base import RawSolution, SolveOptions, start_worker, worker_result
from planner.model.build import BuiltModel, build_model, settle_aux
from planner.model.context import ModelContext
from planner.model.eligibility import Eligibility
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues

log = logging.getLogger(__name__)

# Above this many candidate pairs, CP-SAT solves are priced (the whole model is not built).
# Narrow province (140 k pairs) included: first plan 2.2-3.3 s instead of 7-11 s, the same
# plans at 60 s on seeds 0-2, 0.55 GB instead of 0.87 (municipal, 1.6 k pairs, stays whole).
PRICED_PAIRS = 100_000
# Share of the time left after the first plan that the LP may take (wall-clock runs); then
# CP-SAT plans from what the LP had after its last pass, while the LP goes on for the bound
# alone until LATE_MARGIN seconds before the limit (``PricingLP.solve(bound_deadline=...)``).
LP_SHARE = 0.78
LATE_MARGIN = 3.0
# The CP-SAT model: the LP support plus this many times as many pairs of least reduced cost.
STAGE_FACTOR = 2
MIN_STAGE_PAIRS = 20_000
# CP-SAT threads for the priced model. Up to ONE_WORKER_PAIRS pairs, one LP-driven worker, not
# CP-SAT's interleaved portfolio: on broad province seed 0 (20 k priced pairs, 30 s) one worker
# proved the restricted optimum (0.013 % below the all-pairs LP bound) in 15 s, while two
# interleaved workers stopped at 0.8 %. Larger (national: 52 k pairs, 5 % off after the LP),
# one worker found nothing better in 200 s: there the workers run free, with LNS (interleaved
# only under --deterministic, where runs must repeat).
ONE_WORKER_PAIRS = 30_000
# Demand pairs above which counting checks are skipped (they would hold too much).
COUNTING_PAIRS = 5_000_000


@dataclass
class _Best:
    built: BuiltModel
    values: np.ndarray
    objective: float
    seconds: float


def _values_for(built: BuiltModel, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
    """A 0/1 vector over ``built``'s variables choosing these pairs (aux settled)."""
    ctx, m = built.ctx, built.model
    key = ctx.pc * ctx.n_o + ctx.po
    want = cad * ctx.n_o + op
    pos = np.searchsorted(key, want)
    pos = np.minimum(pos, max(0, key.size - 1))
    if key.size == 0 or not np.all(key[pos] == want):
        raise ValueError("a plan pair is not in the model")
    v = np.zeros(m.n_vars, dtype=np.int64)
    v[pos] = 1
    return settle_aux(m, v)


def _objective(built: BuiltModel, values: np.ndarray, weights: dict) -> float:
    idx, coef, const = built.model.objective_arrays(weights)
    return float(np.dot(values[idx], coef) + const)


def demand_context(scenario: Scenario, bits: EligibilityBits, pv: PairValues):
    """A ``BuiltModel`` with only a context over the pairs the counting checks look at: postings
    of R4/R6 cadres and of cadres with a relation (R7), pairs of openings with a minimum or a
    team need, required locks. Every
    counting check reads only these, so what it proves holds for all pairs. None when too many."""
    from planner.backends.candidate_pool import required_locks

    ca = bits.ca
    need_open = np.array([o.min_seats > 0 or bool(o.team_needs) for o in scenario.openings], dtype=bool)
    # Kin serving in one unit: one of them must move (R7), to any posting open to either.
    movers = ca.must_post | pv.kin
    cc, oo, total = [], [], 0
    for cad, op in bits.blocks():
        sel = ((pv.o_kind[op] == 0) & movers[cad]) | need_open[op]
        cc.append(cad[sel])
        oo.append(op[sel])
        total += int(sel.sum())
        if total > COUNTING_PAIRS:
            return None
    locks = required_locks(bits)
    cc.append(locks[:, 0])
    oo.append(locks[:, 1])
    key = np.unique(np.concatenate(cc) * pv.n_o + np.concatenate(oo))
    elig = Eligibility(scenario, ca, (key // pv.n_o, key % pv.n_o))
    return BuiltModel(None, ModelContext(scenario, elig), 0.0)


def solve_priced(scenario: Scenario, bits: EligibilityBits, weights: dict, options: SolveOptions,
                 baseline: set | None = None, phase=None, counting=None) -> RawSolution:
    """Plan a scenario with many candidate pairs; see the module docstring. The returned
    ``RawSolution.built`` is the model its values belong to. ``counting()``: run when no
    constructive plan comes; True when a counting check proves the scenario infeasible."""
    from planner.backends.candidate_pool import candidate_pools
    from planner.backends.pricing_lp import PricingLP

    t0 = time.perf_counter()
    origin = options.origin
    deadline = options.deadline()
    ca = bits.ca
    pv = PairValues(scenario, ca, weights, frozenset(baseline or ()))
    best: _Best | None = None
    first_at = None
    bound = math.inf
    interrupted = False

    def report(obj: float):
        if options.progress:
            options.progress(time.perf_counter() - origin, obj, bound)

    # --- 2. the constructive plan ---------------------------------------------------------
    t_pool = time.perf_counter()
    pool, reserve = candidate_pools(bits, pv)
    t_pool = time.perf_counter() - t_pool       # about what a full pricing pass takes
    first = _FirstPlan(scenario, bits, pv, pool, weights, baseline, options, counting, phase, report)
    # With a wall-clock limit the plan is made beside the LP's first solves (HiGHS lets go of
    # the interpreter lock), and its pairs join the LP before its first full pass: broad
    # national, that pass comes 25 s sooner. Without one (deterministic runs), in turn.
    concurrent = deadline is not None

    def take_first() -> bool:
        nonlocal best, first_at, pool
        first.join()
        pool = first.pool
        if first.best is not None:
            best, first_at = first.best, first.best.seconds
        return first.infeasible

    if concurrent:
        first.start()
    else:
        first.run()
        if take_first():
            return RawSolution("INFEASIBLE", None, None, None, time.perf_counter() - t0)
    # --- 3. the LP over all pairs by pricing ------------------------------------------------
    lp = late = None
    if not options.stopped():
        lp_deadline = time.perf_counter() + 3600.0 * 24
        if deadline is not None:
            lp_deadline = time.perf_counter() + LP_SHARE * max(0.0, deadline - time.perf_counter())
        pricing = PricingLP(bits, pv, seed=options.seed)
        bound_deadline = None if deadline is None else deadline - LATE_MARGIN
        lp, late = _lp_until(pricing, lambda stop: pricing.solve(
            lp_deadline, stop=lambda: stop() or first.infeasible, start=pool, reserve=reserve, pass_seconds=t_pool,
            bound_deadline=bound_deadline, pending=first.plan_pairs if concurrent else None),
            lp_deadline, options)
    if concurrent and take_first():
        return RawSolution("INFEASIBLE", None, None, None, time.perf_counter() - t0)
    if lp is not None:
        if lp.status == "INFEASIBLE":
            return RawSolution("INFEASIBLE", None, None, None, time.perf_counter() - t0)
        if lp.bound is not None and math.isfinite(lp.bound):
            bound = lp.bound
        if phase:
            phase(f"LP over all {bits.n_pairs:,} pairs: bound {bound:,.0f} ({lp.status.lower()}, "
                  f"{lp.rounds} pricing rounds, {lp.seconds:.1f}s)")
        if lp.support[0].size and not options.stopped():
            best, first_at = _lp_guided_plan(scenario, bits, pv, pool, lp, best, first_at, weights, baseline,
                                             origin, phase, report)
    # --- 4. CP-SAT on the priced pairs -----------------------------------------------------
    proven = infeasible = False
    stage_first = None
    if lp is not None and lp.status in ("OPTIMAL", "BOUND") and not options.stopped():
        def progress(sec, obj, _b):
            if options.progress and (best is None or obj > best.objective):
                options.progress(sec, obj, bound)
        best, proven, infeasible, stage_first, stopped = _cp_stages(
            scenario, bits, pv, weights, options, baseline, lp, best, pool, bound, progress, phase)
        interrupted = interrupted or stopped
    if late is not None:
        final = late.result(deadline)
        if final is not None and final.bound is not None and final.bound < bound:
            if phase:
                phase(f"LP bound after the search: {final.bound:,.0f} ({final.rounds} pricing rounds, "
                      f"{final.seconds:.1f}s)")
            bound = final.bound
    if infeasible:
        return RawSolution("INFEASIBLE", None, None, None, time.perf_counter() - t0)
    interrupted = interrupted or options.stopped()
    seconds = time.perf_counter() - t0
    if best is None:
        return RawSolution("UNKNOWN", None, None, None, seconds, None, interrupted)
    first_plan = min(t for t in (first_at, stage_first, best.seconds) if t is not None)
    status = "OPTIMAL" if proven else "FEASIBLE"
    out_bound = best.objective if proven else (bound if math.isfinite(bound) else None)
    raw = RawSolution(status, best.values, best.objective, out_bound, seconds, first_plan, interrupted)
    raw.built = best.built
    return raw


class _LateLP:
    """The LP's worker thread, still pricing for a better bound while CP-SAT searches."""

    def __init__(self, thread: threading.Thread, box: dict, pricing, stop: threading.Event):
        self.thread, self.box, self.pricing, self.stop = thread, box, pricing, stop

    def result(self, deadline: float):
        """The LP's final result; the thread is stopped if it runs to within a second of
        ``deadline`` (it plans to end LATE_MARGIN seconds before it)."""
        self.thread.join(max(0.0, deadline - 1.0 - time.perf_counter()))
        if self.thread.is_alive():
            self.stop.set()
            self.pricing.h.cancelSolve()
            self.thread.join(5.0)
        return worker_result(self.box)


def _lp_until(pricing, solve, lp_deadline: float, options: SolveOptions):
    """Run ``solve(stop)`` in a worker thread (a signal still reaches the main thread at once);
    return its result, or at ``lp_deadline`` the LP's ``snapshot`` (after its last pass) and the
    thread, which goes on for the bound: (PricedLP, _LateLP or None)."""
    late_stop = threading.Event()

    def stop() -> bool:
        return options.stopped() or late_stop.is_set()

    th, box = start_worker(lambda: solve(stop), "planner-lp")
    cancelled = False
    while th.is_alive():
        th.join(0.05)
        if not cancelled and options.stopped():
            pricing.h.cancelSolve()
            cancelled = True
        if not cancelled and time.perf_counter() >= lp_deadline and pricing.snapshot is not None:
            log.info("LP handed over after its last pass; pricing goes on for the bound")
            return pricing.snapshot, _LateLP(th, box, pricing, late_stop)
    return worker_result(box), None


class _FirstPlan:
    """The constructive plan over the pool, checked (``_checked``): the first plan; when there
    is none, the counting checks (``infeasible``). ``run()`` in turn, or ``start()`` beside the
    LP (a worker thread); ``pool`` gains the plan's pairs."""

    def __init__(self, scenario, bits, pv, pool, weights, baseline, options, counting, phase, report):
        self.args = (scenario, bits, pv, weights, baseline, options, counting, phase, report)
        self.pool = pool
        self.plan = None
        self.best: _Best | None = None
        self.infeasible = False
        self.thread, self.box = None, {}

    def start(self) -> None:
        self.thread, self.box = start_worker(self.run, "planner-first-plan")

    def join(self) -> None:
        """Wait for the worker, if any; its error is raised here."""
        if self.thread is not None:
            self.thread.join()
            worker_result(self.box)

    def plan_pairs(self, wait: bool):
        """For the LP: (ready, the plan's pairs or None); ``wait``: until it is ready."""
        if wait:
            self.thread.join()
        return (not self.thread.is_alive(), self.plan)

    def run(self) -> None:
        from planner.backends.constructive import constructive_plan

        scenario, bits, pv, weights, baseline, options, counting, phase, report = self.args
        plan = constructive_plan(bits, pv, self.pool)
        if plan is not None and not options.stopped():
            pool = self.pool
            key = np.unique(np.concatenate([pool[0], plan[0]]) * pv.n_o + np.concatenate([pool[1], plan[1]]))
            self.pool = (key // pv.n_o, key % pv.n_o)
            self.best = _checked(scenario, bits.ca, baseline, plan, weights, options.origin)
            if self.best is not None:
                if phase:
                    phase(f"constructive plan: objective {self.best.objective:,.0f} at {self.best.seconds:.1f}s "
                          f"({plan[0].size:,} assignments, checked)")
                report(self.best.objective)
            self.plan = plan
        if self.best is None and counting is not None and not options.stopped():
            self.infeasible = bool(counting())


MAX_STAGES = 4


def _lp_guided_plan(scenario, bits, pv, pool, lp, best, first_at, weights, baseline, origin, phase, report):
    """The rounded LP made feasible: the constructive flows over the pool and the LP's support,
    following the LP's values; kept when it checks and beats the best plan so far."""
    from planner.backends.constructive import constructive_plan

    plan = constructive_plan(bits, pv, pool, guide=(lp.support[0], lp.support[1], lp.support_x))
    found = None if plan is None else _checked(scenario, bits.ca, baseline, plan, weights, origin, best)
    if found is not None:
        best = found
        first_at = best.seconds if first_at is None else first_at
        if phase:
            phase(f"LP-guided plan: objective {best.objective:,.0f} at {best.seconds:.1f}s (checked)")
        report(best.objective)
    return best, first_at


def _checked(scenario, ca, baseline, plan: tuple, weights, origin: float, better_than: _Best | None = None):
    """A plan's pairs in the exact model of those pairs alone (tiny: it settles the terms and
    gives the reasons), as a ``_Best`` when it beats ``better_than`` and passes the checker."""
    from planner.check import check_plan
    from planner.solve.reasons import extract_plan

    built = build_model(scenario, baseline, pairs=plan, arrays=ca)
    values = settle_aux(built.model, (np.arange(built.model.n_vars) < built.ctx.n_pairs).astype(np.int64))
    objective = _objective(built, values, weights)
    if better_than is not None and objective <= better_than.objective:
        return None
    if not check_plan(scenario, extract_plan(built, values)).ok:
        log.info("a constructive plan fails the checker; it is not used")
        return None
    return _Best(built, values, objective, time.perf_counter() - origin)


def _cp_stages(scenario, bits, pv, weights, options, baseline, lp, best, pool, bound, progress, phase):
    """CP-SAT on the exact model of the LP support plus the pairs of least reduced cost; while
    the restricted optimum is not proven and the proof is in reach, the model grows (the pairs
    a proof needs have d < L - z). Returns (best, proven, infeasible, first plan s, interrupted)."""
    from planner.backends.candidate_pool import required_locks
    from planner.backends.cpsat import DETERMINISTIC_PER_SECOND, _run, build_cp_model, wall_net

    origin, ca = options.origin, bits.ca
    sup_c, sup_o = lp.support
    cheap_c, cheap_o, cheap_rc = lp.cheap
    take = max(MIN_STAGE_PAIRS, STAGE_FACTOR * sup_c.size)
    budget = float(options.time_limit_s)
    det_left = budget * DETERMINISTIC_PER_SECOND
    lk = required_locks(bits)
    proven = stopped = False
    first_seen = None
    for _stage in range(MAX_STAGES):
        everything = take >= cheap_c.size and lp.theta == math.inf     # every pair is in
        theta = math.inf if everything else (lp.theta if take >= cheap_c.size else float(cheap_rc[take]))
        parts_c = [sup_c, cheap_c[:take], lk[:, 0]]
        parts_o = [sup_o, cheap_o[:take], lk[:, 1]]
        if best is not None:
            on = best.values[: best.built.ctx.n_pairs] > 0
            parts_c.append(best.built.ctx.pc[on])
            parts_o.append(best.built.ctx.po[on])
        if best is None or (lp.status != "OPTIMAL" and pool[0].size <= 4 * take):
            # No plan yet, or duals not final: the pool's pairs give CP-SAT room (unless the
            # pool alone is far larger than the model CP-SAT is meant to see).
            parts_c.append(pool[0])
            parts_o.append(pool[1])
        key = np.unique(np.concatenate(parts_c) * pv.n_o + np.concatenate(parts_o))
        built = build_model(scenario, baseline, pairs=(key // pv.n_o, key % pv.n_o), arrays=ca)
        if phase:
            phase(f"CP-SAT on {built.ctx.n_pairs:,} priced pairs of {bits.n_pairs:,}")
        model, xs, _ = build_cp_model(built.model, weights)
        if best is not None:
            on = best.values[: best.built.ctx.n_pairs] > 0
            hint = _values_for(built, best.built.ctx.pc[on], best.built.ctx.po[on])
        if _stage == 0 and (best is None or lp.objective > best.objective):
            # The LP is nearly integral: its rounded support is the strongest first hint (the
            # restricted LP's, when pricing had no time to finish). Measured: better than the
            # best plan as the hint (gap at 60 s 1.2-2.9 % against 6.4-6.9 %).
            near = lp.support_x > 0.5
            hint = _values_for(built, sup_c[near], sup_o[near])
        if hint is not None:
            for j, v in enumerate(hint.tolist()):
                model.add_hint(xs[j], int(v))
        wall_left = wall_net(budget) - (time.perf_counter() - origin)
        name, values, _obj, _b, first, was_stopped, det_used = _run(
            model, xs, options, det_left, max(0.5, wall_left), origin, progress,
            1 if built.ctx.n_pairs <= ONE_WORKER_PAIRS else None, gap_bound=bound,
            interleave=options.deterministic)
        det_left -= det_used
        stopped = stopped or was_stopped
        if first is not None and first_seen is None:
            first_seen = first
        if values is not None:
            objective = _objective(built, values, weights)
            if best is None or objective > best.objective:
                best = _Best(built, values, objective, first if first is not None else time.perf_counter() - origin)
        if name == "INFEASIBLE" and everything and best is None:
            return best, False, True, first_seen, stopped
        # The reduced-cost argument: a plan that uses a pair outside the model is worth at most
        # L - theta (L of the same duals); objectives are integral.
        if name == "OPTIMAL" and best is not None:
            proven = everything or (lp.status == "OPTIMAL"
                                    and best.objective >= math.floor(lp.proof_bound - theta + 1e-6))
        if (proven or stopped or name != "OPTIMAL" or best is None
                or take >= cheap_c.size or det_left < 2 * det_used):
            break
        if lp.status != "OPTIMAL":
            # Pricing did not finish, so no proof; the restricted optimum came early: a model
            # twice as large may hold a better plan (broad national left a minute unused).
            take *= 2
            continue
        needed = int((cheap_rc < lp.proof_bound - best.objective).sum())
        if needed > 3 * take:
            break          # a proof would need far more of the model than CP-SAT can take
        take = max(2 * take, needed)
    return best, proven, False, first_seen, stopped
