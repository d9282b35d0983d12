"""Re-planning with the fewest changes against an approved plan when lines are barred (SPEC 9).

One model is built for a scenario and its approved plan, translated to CP-SAT once, and re-solved
for each set of declined lines by changing variable domains in a copy: a declined pair is fixed at
0, its require lock (if any) is lifted, and the seat it leaves may be filled. This is what makes
``alternates`` of a whole municipal plan quick (one build, one translation, a warm start from the
approved plan for each re-plan).

The objective is lexicographic: first the fewest **changes**, then the best plan by the scenario's
weights. Changes against the approved plan (the baseline) are

    lines of the baseline dropped (the declined lines excepted: they go whatever happens)
  + lines added, except one that takes a seat a declined line left
  + seats left by declined lines that nobody takes.

So declining a seat that someone else can take costs nothing more when that someone has no other
line to leave; leaving the seat empty costs one change; a chain (B leaves their own line to take
the seat, C takes B's, ...) costs one change per link. Lexicographic order is exact: the change
count is weighted by ``M = 1 + sum of |weighted objective coefficients|``, more than the whole
range of the scenario's objective, so no gain by the weights pays for one change more.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from models.plan import Plan
from models.scenario import TERMS, Scenario
from planner.backends.cpsat import build_cp_model
from planner.model.build import build_model, settle_aux
from planner.model.linear import LinearModel, Tag
from planner.model.metrics import compute_metrics
from planner.solve.reasons import extract_plan
from planner.solve.result import Result

log = logging.getLogger(__name__)

CHANGES_TERM = "changes"
PRESOLVE_PAIRS = 20_000       # above this many pairs CP-SAT presolves each re-plan
_STATUS = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE", cp_model.INFEASIBLE: "INFEASIBLE"}


def _fix(variable, lo: int, hi: int) -> None:
    """Set a CP-SAT variable's domain (in the model's proto) to ``[lo, hi]``."""
    variable.domain[0] = lo
    variable.domain[1] = hi


@dataclass
class Replan:
    """One re-plan: the Result (a plan and its figures, or a status without one), the pairs barred,
    and the lines changed against the baseline."""
    result: Result
    declined: tuple           # (cadre_id, opening_id) barred because declined
    dropped: tuple            # baseline pairs not in the re-plan, declined ones included
    added: tuple              # re-plan pairs not in the baseline
    changes: int              # as counted by the objective (see the module docstring)
    seconds: float


class MinimalChangeModel:
    """The scenario's model with an approved plan as baseline, ready to be re-solved for any set of
    declined lines (:meth:`replan`).

    Parameters
    ----------
    scenario : models.Scenario
    baseline : iterable of (cadre_id, opening_id)
        The approved plan's lines.
    barred : iterable of (cadre_id, opening_id)
        Pairs never to be used (lines declined earlier).
    time_limit, seed, workers : float, int, int
        Per re-plan; default the scenario's solver settings (time limit at most 60 s).

    Raises
    ------
    ValueError
        When a baseline line is not a candidate of the scenario (the plan was made for other data).
    """

    def __init__(self, scenario: Scenario, baseline, barred=(), time_limit: float | None = None,
                 seed: int | None = None, workers: int | None = None) -> None:
        t0 = time.perf_counter()
        st = scenario.solver
        self.scenario = scenario
        self.time_limit = float(min(st.time_limit_s, 60) if time_limit is None else time_limit)
        self.seed = int(st.seed if seed is None else seed)
        self.workers = int(st.workers if workers is None else workers)
        self.built = build_model(scenario)
        ctx, m = self.built.ctx, self.built.model
        self.baseline = tuple(sorted(set(baseline)))
        where = {pair: ctx.pair_index(*pair) for pair in self.baseline}
        missing = [f"{c}/{o}" for (c, o), p in where.items() if p is None]
        if missing:
            raise ValueError("lines of the approved plan that the scenario does not allow: " + ", ".join(missing))
        self.pair_of = where
        base_idx = np.array(sorted(where.values()), dtype=np.int64)
        in_base = np.zeros(ctx.n_pairs, dtype=bool)
        in_base[base_idx] = True
        self.in_base = in_base
        self.weights = scenario.weights.as_dict()
        _, coef, _ = m.objective_arrays(self.weights)
        self.big_m = int(np.abs(coef).sum()) + 1
        work = LinearModel(names=list(m.names), ub=list(m.ub), constraints=[],
                           terms={k: list(v) for k, v in m.terms.items()}, constants=dict(m.constants),
                           n_pairs=m.n_pairs, pair_cadre=m.pair_cadre)
        # Require locks are re-imposed per re-plan (a declined locked line is lifted).
        self.required = {}
        for c in m.constraints:
            if c.tag.rule == "R11" and c.idx.size == 1 and c.lo >= 1:
                self.required[int(c.idx[0])] = c
            else:
                work.constraints.append(c)
        for pair in barred:
            p = ctx.pair_index(*pair) if pair[0] in ctx.ca.index and pair[1] in ctx.opening_index else None
            if p is not None:
                work.ub[p] = 0
        # A fill variable per opening of the baseline: how many seats left by declined lines of
        # that opening someone new takes (upper bound set per re-plan; 0 here).
        self.fill_of = {}
        new_on = {}
        for p in np.flatnonzero(~in_base).tolist():
            new_on.setdefault(int(ctx.po[p]), []).append(p)
        for j in sorted({int(ctx.po[p]) for p in base_idx.tolist()}):
            f = work.new_var(f"fill[{ctx.scenario.openings[j].opening_id}]", ub=0)
            self.fill_of[j] = f
            idx = new_on.get(j, [])
            work.add(idx + [f], [1] * len(idx) + [-1], 0, math.inf,
                     Tag("term", (), (ctx.scenario.openings[j].opening_id,), "seat of a declined line taken"))
        changes_idx = np.arange(ctx.n_pairs)
        work.add_term(CHANGES_TERM, changes_idx, np.where(in_base, -1, 1))
        work.add_term(CHANGES_TERM, list(self.fill_of.values()), -2)
        work.constants[CHANGES_TERM] = int(base_idx.size)
        self.model = work
        self.cp, self.xs, _ = build_cp_model(work, dict(self.weights, **{CHANGES_TERM: -self.big_m}))
        self.build_seconds = time.perf_counter() - t0
        log.info("minimal-change model: %d pairs, %d baseline lines, M = %d, built in %.2fs",
                 ctx.n_pairs, base_idx.size, self.big_m, self.build_seconds)

    def replan(self, declined) -> Replan:
        """The fewest-change re-plan with the ``declined`` pairs (each a baseline line) barred."""
        t0 = time.perf_counter()
        ctx = self.built.ctx
        declined = tuple(sorted(set(declined)))
        unknown = [f"{c}/{o}" for c, o in declined if (c, o) not in self.pair_of]
        if unknown:
            raise ValueError("declined lines that are not in the approved plan: " + ", ".join(unknown))
        barred = {self.pair_of[pair] for pair in declined}
        model = self.cp.clone()
        variables = model.proto.variables
        seats: dict = {}
        for p in barred:
            _fix(variables[p], 0, 0)
            j = int(ctx.po[p])
            seats[j] = seats.get(j, 0) + 1
        for j, k in seats.items():
            _fix(variables[self.fill_of[j]], 0, k)
        for p in self.required:
            if p not in barred:
                _fix(variables[p], 1, 1)
        hint = model.proto.solution_hint
        for p in range(ctx.n_pairs):
            hint.vars.append(p)
            hint.values.append(int(self.in_base[p] and p not in barred))
        status, values, seconds, first = self._solve(model)
        result = self._result(status, values, seconds, first, declined)
        dropped = added = ()
        changes = 0
        if result.plan is not None:
            got = result.plan.pairs()
            base = set(self.baseline)
            dropped = tuple(sorted(base - got))
            added = tuple(sorted(got - base))
            filled = sum(min(k, sum(1 for c, o in added if ctx.opening_index[o] == j)) for j, k in seats.items())
            changes = (len(dropped) - len(declined)) + (len(added) - filled) + (len(declined) - filled)
        log.info("re-plan without %s: %s, %d change(s) in %.2fs", declined, result.status, changes,
                 time.perf_counter() - t0)
        return Replan(result, declined, dropped, added, changes, time.perf_counter() - t0)

    def _solve(self, model) -> tuple:
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.random_seed = self.seed
        p.num_workers = max(1, self.workers)
        p.interleave_search = p.num_workers > 1
        p.max_time_in_seconds = max(0.5, self.time_limit)
        p.linearization_level = 2
        # A re-plan starts from the approved plan and changes little: on a small model CP-SAT's
        # presolve costs more than the search it saves (measured on the demo: 0.15 s instead of
        # 0.3 s per re-plan).
        p.cp_model_presolve = self.built.ctx.n_pairs > PRESOLVE_PAIRS
        t0 = time.perf_counter()
        status = solver.solve(model)
        seconds = time.perf_counter() - t0
        name = _STATUS.get(status, "UNKNOWN")
        values = None
        if name in ("OPTIMAL", "FEASIBLE"):
            values = np.array(solver.response_proto.solution, dtype=np.int64)[: len(self.xs)]
        return name, values, seconds, seconds if values is not None else None

    def _result(self, status: str, values, seconds: float, first, declined) -> Result:
        sc = self.scenario
        result = Result(
            status=status, solver="cpsat", seed=self.seed, workers=self.workers, time_limit_s=self.time_limit,
            scenario_sha256=sc.sha256, weights=dict(self.weights), build_seconds=self.build_seconds,
            solve_seconds=seconds, first_solution_seconds=first,
            model_size={"pairs": self.built.ctx.n_pairs, "variables": self.model.n_vars,
                        "constraints": len(self.model.constraints) + len(self.required)},
            parameters={"solver": "cpsat", "time_limit_s": self.time_limit, "seed": self.seed,
                        "workers": self.workers, "warm_start": True, "baseline_lines": len(self.baseline),
                        "declined": [list(p) for p in declined], "objective_order": ["changes", "weights"],
                        "rules": vars(sc.rules).copy(), "target_specialties": sorted(sc.target_specialties)})
        if values is None:
            return result
        settled = settle_aux(self.model, values)
        plan = extract_plan(self.built, settled)
        result.plan = Plan(plan.assignments)
        result.terms = {t: self.model.term_value(t, settled) for t in TERMS}
        result.objective = float(sum(self.weights[t] * result.terms[t] for t in TERMS))
        # The objective is lexicographic: proven optimal, the plan is the best by the weights among
        # the plans with the fewest changes, and that is the bound; otherwise no bound is claimed.
        result.best_bound = result.objective if status == "OPTIMAL" else None
        result.gap = 0.0 if status == "OPTIMAL" else None
        result.metrics = compute_metrics(sc, result.plan)
        return result
