"""Thin orchestration: candidates -> rules and terms -> backend -> plan, terms, metrics, reasons.

An INFEASIBLE result carries no diagnosis: the diagnosis layer sits above this one, and the CLI
and the API attach it (``planner.diagnose.diagnose_infeasible``)."""
from __future__ import annotations

import logging
import time

from models.scenario import TERMS, Scenario
from planner.backends import SOLVERS, get_backend
from planner.backends.base import RawSolution, SolveOptions
from planner.model.build import BuiltModel, build_model, settle_aux
from planner.model.counting import counting_checks
from planner.model.eligibility import cadre_arrays
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.metrics import compute_metrics
from planner.model.pair_values import PairValues
from planner.solve.priced import PRICED_PAIRS
from planner.solve.reasons import extract_plan
from planner.solve.result import Result

log = logging.getLogger(__name__)

# The API runs to a proof (or the time limit) unless a gap is given; the command's ``--gap``
# has SPEC 6's default of 0.01 %.
DEFAULT_GAP = 0.0


def solve(scenario: Scenario, solver: str = "cpsat", time_limit: float | None = None, seed: int | None = None,
          workers: int | None = None, baseline: set | None = None, progress=None, log_search: bool = False,
          hint: dict | None = None, warm_start: bool = True, phase=None, gap: float | None = None,
          deterministic: bool = False, t_start: float | None = None, stop=None,
          priced: bool | None = None) -> Result:
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
    gap : relative gap at which the search ends (default 0: run to a proof; ``planner solve``
        passes its ``--gap``, 0.01 % unless told).
    deterministic : measure the time limit in CP-SAT's deterministic time (reproducible).
    t_start : ``time.perf_counter()`` at the command's start: the time limit and every reported
        second (``first_plan_seconds``) count from it; default: now.
    stop : a ``threading.Event``; once set (a signal), the search ends with the best plan so far.
    priced : CP-SAT only: price the candidate pairs instead of building the whole model (default:
        when there are more than ``PRICED_PAIRS`` pairs).
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}: choose one of {', '.join(SOLVERS)}")
    backend = get_backend(solver)
    st = scenario.solver
    options = SolveOptions(
        time_limit_s=float(st.time_limit_s if time_limit is None else time_limit),
        seed=int(st.seed if seed is None else seed),
        workers=int(st.workers if workers is None else workers),
        progress=progress, log_search=log_search, warm_start=warm_start, phase=phase,
        gap=DEFAULT_GAP if gap is None else float(gap), t_start=time.perf_counter() if t_start is None else t_start,
        deterministic=deterministic, stop=stop)
    weights = scenario.weights.as_dict()
    ca = cadre_arrays(scenario)
    bits = EligibilityBits(scenario, ca)
    if priced is None:
        priced = bits.n_pairs > PRICED_PAIRS
    if priced and solver == "cpsat" and warm_start and not hint:
        return _solve_priced(scenario, bits, weights, options, baseline, solver, phase)
    built = build_model(scenario, baseline, pairs=bits.all_pairs(), arrays=ca)
    del bits
    m = built.model
    if phase:
        phase(f"model built in {built.seconds:.1f}s: {built.ctx.n_pairs:,} candidate pairs, "
              f"{len(m.constraints):,} constraints")
    if hint:
        where = {pair: built.ctx.pair_index(*pair) for pair in hint}
        options.hint = {where[pair]: v for pair, v in hint.items() if where[pair] is not None}
    # Counting checks prove infeasibility in well under a second where a solver may need a
    # minute to find out; when one fires, skip the solver and go straight to the diagnosis.
    deadline = options.deadline()
    if counting_checks(scenario, built):
        raw = RawSolution("INFEASIBLE", None, None, None, 0.0)
    elif options.stopped() or (deadline is not None and time.perf_counter() >= deadline):
        raw = RawSolution("UNKNOWN", None, None, None, 0.0, None, options.stopped())
    else:
        raw = backend(m, weights, options)
    return _result(scenario, solver, options, built, raw, baseline)


def _solve_priced(scenario, bits, weights, options, baseline, solver, phase) -> Result:
    """The priced path (``planner.solve.priced``): counting checks over the demand pairs, then
    the constructive plan, the LP by pricing, CP-SAT on the priced pairs."""
    from planner.solve.priced import demand_context, solve_priced

    if phase:
        phase(f"{bits.n_pairs:,} candidate pairs: priced in blocks (the whole model is not built)")
    pv = PairValues(scenario, bits.ca, weights, frozenset(baseline or ()))
    found = {}

    def counting():
        """Counting checks over the demand pairs (only when no constructive plan came: a checked
        plan already shows that the scenario has one)."""
        found["demand"] = demand_context(scenario, bits, pv)
        return found["demand"] is not None and bool(counting_checks(scenario, found["demand"]))

    raw = solve_priced(scenario, bits, weights, options, baseline, phase, counting=counting)
    built = raw.built
    demand = found.get("demand")
    if built is None and raw.status == "INFEASIBLE" and demand is not None:
        # Proven for all pairs (counting checks or the LP); the diagnosis reads the demand pairs.
        built = build_model(scenario, baseline, pairs=(demand.ctx.pc, demand.ctx.po), arrays=bits.ca)
    if built is None:
        built = BuiltModel(None, None, 0.0)
    result = _result(scenario, solver, options, built, raw, baseline, n_pairs=bits.n_pairs)
    result.parameters["priced"] = True
    return result


def _result(scenario, solver, options, built, raw, baseline, n_pairs: int | None = None) -> Result:
    """The ``Result`` of a backend's raw solution over ``built``."""
    m = built.model
    weights = scenario.weights.as_dict()
    warm_start = options.warm_start
    model_size = {"pairs": n_pairs if n_pairs is not None else built.ctx.n_pairs}
    if m is not None:
        model_size.update({"model_pairs": built.ctx.n_pairs, "variables": m.n_vars,
                           "constraints": len(m.constraints)})
    first = raw.first_solution_seconds
    result = Result(
        status=raw.status, solver=solver, seed=options.seed, workers=options.workers,
        time_limit_s=options.time_limit_s, scenario_sha256=scenario.sha256, weights=weights,
        build_seconds=built.seconds, solve_seconds=raw.solve_seconds,
        first_solution_seconds=first, interrupted=raw.interrupted or options.stopped(),
        model_size=model_size,
        parameters={"solver": solver, "time_limit_s": options.time_limit_s, "seed": options.seed,
                    "workers": options.workers, "warm_start": warm_start, "gap_limit": options.gap,
                    "deterministic": options.deterministic,
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
