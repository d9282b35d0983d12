"""Thin orchestration: candidates -> rules and terms -> backend -> plan, terms, metrics, reasons."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import numpy as np

from models import facts
from models.plan import Assignment, Plan
from models.scenario import TERMS, Scenario
from planner.backends import SOLVERS, RawSolution, SolveOptions, get_backend
from planner.context import ModelContext
from planner.eligibility import Eligibility
from planner.linear import LinearModel
from planner.metrics import compute_metrics
from planner.result import Result
from planner.rules import RULES
from planner.terms import TERM_FUNCTIONS

log = logging.getLogger(__name__)


@dataclass
class BuiltModel:
    model: LinearModel
    ctx: ModelContext
    seconds: float


def build_model(scenario: Scenario, baseline: set | None = None) -> BuiltModel:
    """Candidates, every active rule, every term (weights are applied by the backend)."""
    t0 = time.perf_counter()
    ctx = ModelContext(scenario, Eligibility(scenario), frozenset(baseline or ()))
    m = LinearModel()
    # Pair variables come first and are named lazily (ctx.pair_name) to keep building fast.
    m.names = [""] * ctx.n_pairs
    m.ub = [1] * ctx.n_pairs
    m.n_pairs = ctx.n_pairs
    m.pair_cadre = ctx.pc
    for rule in RULES:
        rule(m, ctx)
    for term in TERM_FUNCTIONS.values():
        term(m, ctx)
    seconds = time.perf_counter() - t0
    log.info("model: %d variables (%d pairs), %d constraints, built in %.2fs",
             m.n_vars, ctx.n_pairs, len(m.constraints), seconds)
    return BuiltModel(m, ctx, seconds)


def settle_aux(m: LinearModel, values: np.ndarray) -> np.ndarray:
    """Set each term's auxiliary variable to the value its definition gives for the chosen pairs.

    A term's aux variable is defined by one constraint tagged ``term`` whose last variable is the
    aux with coefficient -1: ``sum - v >= 0`` (a reward: v = min(ub, sum)) or ``sum - v <= rhs``
    (a penalty: v = max(0, sum - rhs)). Doing this makes reported term values canonical, whatever
    a backend left in variables whose weight is 0.
    """
    v = values.copy()
    for c in m.constraints:
        if c.tag.rule != "term":
            continue
        aux = int(c.idx[-1])
        rest = int(np.dot(v[c.idx[:-1]], c.coef[:-1]))
        if c.hi == np.inf:       # rest - v >= lo
            v[aux] = min(m.ub[aux], max(0, rest - int(c.lo)))
        else:                    # rest - v <= hi
            v[aux] = min(m.ub[aux], max(0, rest - int(c.hi)))
    return v


def _reasons(ctx: ModelContext, m: LinearModel, chosen: np.ndarray, base: dict) -> dict:
    """Reason codes per chosen pair: the rule that required it, then the terms that chose it."""
    sc, ca = ctx.scenario, ctx.ca
    per_term = {}
    for t in TERMS:
        coef = np.zeros(ctx.n_pairs, dtype=np.int64)
        for idx, c in m.terms.get(t, []):
            sel = idx < ctx.n_pairs
            np.add.at(coef, idx[sel], c[sel])
        per_term[t] = coef
    required = {(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"}
    need_grass = ~ca.grassroots_before & (ca.service >= sc.rules.first_stop_years)
    # "fairness" names a line when it gives hardship to someone who carried less than the cohort
    # average, or gives a grassroots record; the term's reward is positive on nearly every
    # hardship line, which would say nothing.
    below_mean = ca.hist_points < (ca.hist_points.mean() if ca.hist_points.size else 0)
    out = {}
    for p in chosen.tolist():
        i, j = int(ctx.pc[p]), int(ctx.po[p])
        cid, o = ca.ids[i], sc.openings[j]
        r = []
        if ctx.p_posting[p] and ca.recruit[i]:
            r.append("R4")
        if ctx.p_posting[p] and ca.rotation_due[i] and not ca.recruit[i]:
            r.append("R6")
        if ctx.p_posting[p]:
            cur = sc.cadre_by_id[cid].unit_id
            # R7 required the move when a partner stays based in the unit we share.
            if cur is not None and any(sc.cadre_by_id[other].unit_id == cur and base.get(other) == cur
                                       for other, _ in sc.partners.get(cid, ())):
                r.append("R7")
        if (cid, o.opening_id) in required:
            r.append("lock")
        if per_term["shortage"][p] > 0:
            r.append("shortage")
        if ctx.pref_rank[p] > 0:
            r.append(f"preference:{int(ctx.pref_rank[p])}")
        gains_grass = need_grass[i] and ctx.p_kind[p] <= 1 and ctx.u_grass[ctx.p_unit[p]]
        if (per_term["fairness"][p] > 0 and below_mean[i]) or gains_grass:
            r.append("fairness")
        if per_term["development"][p] > 0:
            r.append("development")
        if ctx.cross_region[p]:
            r.append("exchange")
        if per_term["fit"][p] > 0:
            r.append("fit")
        out[p] = tuple(r)
    return out


def extract_plan(built: BuiltModel, values: np.ndarray) -> Plan:
    ctx, m = built.ctx, built.model
    chosen = np.flatnonzero(values[: ctx.n_pairs] > 0)
    rows = []
    for p in chosen.tolist():
        o = ctx.scenario.openings[ctx.po[p]]
        rows.append(Assignment(ctx.ca.ids[ctx.pc[p]], o.opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    # Reasons need the whole plan: where each cadre is based after it (R7).
    reasons = _reasons(ctx, m, chosen, facts.based_after(ctx.scenario, Plan(tuple(rows))))
    plan = Plan(tuple(replace(a, reasons=reasons[p]) for a, p in zip(rows, chosen.tolist())))
    # R3 (a holder needed for min_seats) and R9 (one of exactly k meeting a team need) depend on
    # the whole plan: they go after the per-line rule codes and before the terms.
    from planner.explain import required_codes
    extra = required_codes(ctx.scenario, plan)
    if not extra:
        return plan
    rule_codes = {"R4", "R6", "R7", "lock"}

    def merged(a):
        add = extra.get((a.cadre_id, a.opening_id), ())
        head = [r for r in a.reasons if r in rule_codes]
        tail = [r for r in a.reasons if r not in rule_codes]
        return tuple(head + list(add) + tail)
    return Plan(tuple(replace(a, reasons=merged(a)) for a in plan.assignments))


def solve(scenario: Scenario, solver: str = "cpsat", time_limit: float | None = None, seed: int | None = None,
          workers: int | None = None, baseline: set | None = None, progress=None, log_search: bool = False,
          hint: dict | None = None, diagnose: bool = True, warm_start: bool = True, phase=None) -> Result:
    """Plan a scenario. Always returns a ``Result``; an unknown solver name is a ``ValueError``.

    Parameters
    ----------
    scenario : the scenario (``planner.io.read_scenario``).
    solver : ``cpsat`` (default), ``highs`` or ``cbc``.
    time_limit, seed, workers : override ``scenario.solver``.
    baseline : pairs (cadre_id, opening_id) of an earlier plan; changes against it cost (stability).
    progress : callable(seconds, objective, bound), called as better plans are found (CP-SAT).
    warm_start : CP-SAT only: LP-guided solve (default); False runs plain CP-SAT on the whole model.
    phase : callable(text), told what a long solve is doing (model built, LP bound, stages).
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}: choose one of {', '.join(SOLVERS)}")
    backend = get_backend(solver)
    st = scenario.solver
    options = SolveOptions(
        time_limit_s=float(st.time_limit_s if time_limit is None else time_limit),
        seed=int(st.seed if seed is None else seed),
        workers=int(st.workers if workers is None else workers),
        progress=progress, log_search=log_search, warm_start=warm_start, phase=phase)
    weights = scenario.weights.as_dict()
    built = build_model(scenario, baseline)
    m = built.model
    if phase:
        phase(f"model built in {built.seconds:.1f}s: {built.ctx.n_pairs:,} candidate pairs, "
              f"{len(m.constraints):,} constraints")
    if hint:
        where = {pair: built.ctx.pair_index(*pair) for pair in hint}
        options.hint = {where[pair]: v for pair, v in hint.items() if where[pair] is not None}
    # Counting checks prove infeasibility in well under a second where a solver may need a
    # minute to find out; when one fires, skip the solver and go straight to the diagnosis.
    from planner.diagnose import counting_checks
    if counting_checks(scenario, built):
        raw = RawSolution("INFEASIBLE", None, None, None, 0.0)
    else:
        raw = backend(m, weights, options)
    result = Result(
        status=raw.status, solver=solver, seed=options.seed, workers=options.workers,
        time_limit_s=options.time_limit_s, scenario_sha256=scenario.sha256, weights=weights,
        build_seconds=built.seconds, solve_seconds=raw.solve_seconds,
        first_solution_seconds=raw.first_solution_seconds, interrupted=raw.interrupted,
        model_size={"pairs": built.ctx.n_pairs, "variables": m.n_vars, "constraints": len(m.constraints)},
        parameters={"solver": solver, "time_limit_s": options.time_limit_s, "seed": options.seed,
                    "workers": options.workers, "warm_start": warm_start, "baseline_lines": len(baseline) if baseline else 0,
                    "rules": vars(scenario.rules).copy(),
                    "target_specialties": sorted(scenario.target_specialties)})
    if raw.values is not None:
        values = settle_aux(m, raw.values)
        result.plan = extract_plan(built, values)
        result.terms = {t: m.term_value(t, values) for t in TERMS}
        result.objective = float(sum(weights[t] * result.terms[t] for t in TERMS))
        result.best_bound = float(raw.best_bound) if raw.best_bound is not None else None
        if result.status == "OPTIMAL":
            result.best_bound = result.objective
        if result.best_bound is not None:
            result.gap = abs(result.best_bound - result.objective) / max(1.0, abs(result.objective))
        result.metrics = compute_metrics(scenario, result.plan)
    elif raw.status == "INFEASIBLE" and diagnose:
        from planner.diagnose import diagnose_infeasible
        result.diagnosis = diagnose_infeasible(scenario, built)
    return result
