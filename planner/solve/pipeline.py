"""Thin orchestration: candidates -> rules and terms -> backend -> plan, terms, metrics, reasons.

An INFEASIBLE result carries no diagnosis: the diagnosis layer sits above this one, and the CLI
and the API attach it (``planner.diagnose.diagnose_infeasible``)."""
from __future__ import annotations

import logging

from models.scenario import TERMS, Scenario
from planner.backends import SOLVERS, get_backend
from planner.backends.base import RawSolution, SolveOptions
from planner.model.build import build_model, settle_aux
from planner.model.counting import counting_checks
from planner.model.metrics import compute_metrics
from planner.solve.reasons import extract_plan
from planner.solve.result import Result

log = logging.getLogger(__name__)


def solve(scenario: Scenario, solver: str = "cpsat", time_limit: float | None = None, seed: int | None = None,
          workers: int | None = None, baseline: set | None = None, progress=None, log_search: bool = False,
          hint: dict | None = None, warm_start: bool = True, phase=None) -> Result:
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
                    "workers": options.workers, "warm_start": warm_start,
                    "baseline_lines": len(baseline) if baseline else 0,
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
    elif raw.status == "INFEASIBLE":
        # Kept for the diagnosis, which the CLI/API attach (planner.diagnose.attach_diagnosis).
        result.built = built
    return result
