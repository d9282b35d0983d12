"""What an alternative would cost, as a verified number only: forced re-solves and proven bounds.

Each alternative (a cadre on an opening the plan does not give them) that no hard rule rules
out gets one of two figures:

``resolved``
    the exact change of the objective, from a re-solve of the scenario with the pair forced by
    a ``require`` lock that CP-SAT proves optimal: ``delta = z_forced - z_plan``. On an optimal
    plan it is never positive; on a plan not proven optimal a positive one is an improvement
    the plan's search missed, and is said so.
``bound``
    an upper bound on that change, so ``-delta`` is a proven lower bound on the loss ("costs at
    least X"). The argument, for a maximising objective with integer coefficients:

    1. Any plan with the pair is feasible for the LP relaxation with ``x_pair >= 1`` added, so
       its objective is at most that LP's optimum ``LP_forced``; the objective is an integer,
       so ``z_forced <= floor(LP_forced)`` (a relative tolerance of 1e-6 absorbs the
       simplex's rounding).
    2. Any plan at all, the forced ones included, is at most a proven upper bound ``U`` on the
       optimum: ``floor`` of the LP relaxation of the whole model, or of the plan's own
       ``best_bound`` (summary.json) when it belongs to this very model (same objective,
       no baseline). On a plan proven optimal ``U = z_plan``.
    3. Hence ``delta = z_forced - z_plan <= min(floor(LP_forced), U) - z_plan``. On an optimal
       plan the right side is at most 0, so the loss bound is never below 0. On a plan not
       proven optimal it may be positive: then it is shown as the most the objective could
       rise ("could raise the objective by at most ..."), not as a loss.

    A time-limited re-solve that stops without a proof tightens the bound with its own best
    bound and adds the loss of the plan it found (``loss_at_most``).

The LP with the pair forced is solved by HiGHS (``planner.backends.highs_direct``); models too
large for one LP per alternative use the reduced cost instead: with the optimal duals of the
whole LP, raising a variable at 0 with reduced cost ``d`` to 1 leaves a dual bound of
``LP - d`` (weak duality), a valid if looser ``LP_forced``.

Alternatives are re-solved in the order of their bound, the likely cheapest first, at most
``max_resolves`` of them; the rest keep their bound. A forced LP or re-solve without any plan
makes the alternative ``blocked``, with the rules a diagnosis of the forced scenario names.
"""
from __future__ import annotations

import logging
import math
import re
import time
from dataclasses import dataclass, replace

import numpy as np

from models.plan import Plan
from models.scenario import TERMS, Lock, Scenario
from planner.backends.highs_direct import solve_highs_arrays
from planner.explain.objective import ObjectiveView
from planner.model.linear import Constraint, Tag

log = logging.getLogger(__name__)

# Relative tolerance on an LP optimum before rounding it down to an integer objective.
LP_TOLERANCE = 1e-6
# Above this many variables one LP per alternative is too slow: use the reduced-cost bound.
FORCED_LP_MAX_VARS = 200_000
LP_TIME_LIMIT = 60.0


def floor_bound(value: float) -> int:
    """The largest integer an integer objective bounded by ``value`` (an LP optimum) can reach."""
    return int(math.floor(value + LP_TOLERANCE * max(1.0, abs(value))))


@dataclass
class PlanStanding:
    """What is proven about the plan being explained.

    Attributes
    ----------
    objective : the plan's weighted objective (recomputed from its pairs).
    terms : each term's value for the plan.
    upper_bound : a proven upper bound on every plan's objective, or None when none is known.
    proven_optimal : the plan is valid and reaches ``upper_bound``.
    valid : the independent checker accepts the plan.
    """
    objective: int
    terms: dict
    upper_bound: int | None
    proven_optimal: bool
    valid: bool
    lp: object | None = None


def plan_standing(view: ObjectiveView, plan: Plan, summary: dict | None = None,
                  best_bound: float | None = None) -> PlanStanding:
    """The plan's objective and the best proven upper bound on any plan (see the module docstring).

    Parameters
    ----------
    view : the objective view of the scenario.
    plan : the plan explained.
    summary : its summary.json, when read from a folder; its ``best_bound`` is used only when its
        ``objective`` is the plan's objective recomputed here and no baseline was given.
    best_bound : a proven upper bound given by the caller (``Result.best_bound``).
    """
    from planner.check import check_plan
    sc = view.scenario
    terms = view.terms_of(plan.pairs())
    objective = view.objective_of_terms(terms)
    valid = not check_plan(sc, plan.assignments).violations
    bounds = []
    lp = solve_highs_arrays(view.model, view.weights, time_limit=LP_TIME_LIMIT, relax=True)
    if lp.status == "OPTIMAL":
        bounds.append(floor_bound(lp.objective))
    if summary and summary.get("best_bound") is not None and summary.get("objective") is not None:
        baseline = (summary.get("parameters") or {}).get("baseline_lines", 0)
        if not baseline and round(float(summary["objective"])) == objective:
            bounds.append(floor_bound(float(summary["best_bound"])))
    if best_bound is not None:
        bounds.append(floor_bound(float(best_bound)))
    upper = min(bounds) if bounds else None
    if upper is not None and valid and upper < objective:
        log.warning("explain: a bound %s below the plan's objective %s; bounds dropped", upper, objective)
        upper = None
    proven = valid and upper is not None and upper <= objective
    return PlanStanding(objective, terms, upper, proven, valid, lp if lp.status == "OPTIMAL" else None)


def forced_lp_bound(view: ObjectiveView, standing: PlanStanding, pair: int) -> tuple:
    """``(bound, method)``: an integer bound on the objective of any plan holding ``pair``, or
    ``(None, "infeasible")`` when not even the LP relaxation has such a plan, or ``(None, "")``
    when the LP could not be solved."""
    m = view.model
    if m.n_vars > FORCED_LP_MAX_VARS:
        lp = standing.lp
        if lp is None or lp.reduced_cost is None:
            return None, ""
        return floor_bound(lp.objective - max(0.0, float(lp.reduced_cost[pair]))), "lp_reduced"
    cid = view.ctx.ca.ids[view.ctx.pc[pair]]
    oid = view.scenario.openings[view.ctx.po[pair]].opening_id
    force = Constraint(np.array([pair], dtype=np.int64), np.array([1], dtype=np.int64), 1, math.inf,
                       Tag("R11", (cid,), (oid,), "forced by explain"))
    forced = replace(m, constraints=[*m.constraints, force])
    ans = solve_highs_arrays(forced, view.weights, time_limit=LP_TIME_LIMIT, relax=True)
    if ans.status == "INFEASIBLE":
        return None, "infeasible"
    if ans.status != "OPTIMAL":
        return None, ""
    return floor_bound(ans.objective), "lp"


# A diagnosis sentence with an empty list in it ("只能去 （无）", "（）") says nothing; it is left out.
_EMPTY_LIST = re.compile(r"（）|\(\)|（无）|\(none\)")


def _diagnosed_rules(forced: Scenario, cadre_id: str, opening_id: str, time_budget: float) -> list:
    """The rule instances a diagnosis of the forced scenario names (the forcing lock alone and
    sentences holding an empty list left out), at most three."""
    from planner.diagnose import diagnose_infeasible
    from planner.model.build import build_model
    d = diagnose_infeasible(forced, build_model(forced), time_budget=time_budget, fixes=False)
    out = []
    for item in d.get("checks", []) + d.get("core", []):
        codes = list(item.get("codes") or [item.get("rule")])
        if codes == ["R11"] and item.get("cadres") == [cadre_id] and item.get("openings") == [opening_id]:
            continue
        entry = {"codes": codes, "text_zh": item.get("text_zh") or item.get("text", ""),
                 "text_en": item.get("text", "")}
        if _EMPTY_LIST.search(entry["text_zh"]) or _EMPTY_LIST.search(entry["text_en"]):
            log.info("explain: diagnosis sentence with an empty list left out: %s", entry["text_en"])
            continue
        if entry not in out:
            out.append(entry)
    return out[:3]


def forced_resolve(scenario: Scenario, cadre_id: str, opening_id: str, time_limit: float = 5.0,
                   solver: str = "cpsat", workers: int | None = None) -> dict:
    """Re-solve the scenario with the pair forced by a ``require`` lock; the plan found counts only
    when the independent checker (``planner.check``) accepts it.

    Returns
    -------
    dict
        ``status`` (the solve's), ``objective``, ``best_bound``, ``terms`` and ``pairs`` of the plan
        found (absent without one), ``seconds``, ``time_limit_s``; on INFEASIBLE, ``why``: the
        rule instances a diagnosis names.
    """
    from planner.solve import solve
    forced = scenario.replace(locks=tuple(scenario.locks) + (Lock(cadre_id, opening_id, "require", "explain"),))
    t0 = time.perf_counter()
    res = solve(forced, solver=solver, time_limit=time_limit, workers=workers)
    out = {"status": res.status, "seconds": round(time.perf_counter() - t0, 2), "time_limit_s": time_limit}
    if res.plan is not None:
        from planner.check import check_plan
        violations = check_plan(forced, res.plan.assignments).violations
        if violations:
            # Only a plan the independent checker accepts backs a figure.
            log.error("explain: the forced re-solve of %s on %s broke %s", cadre_id, opening_id, violations[0])
            out["status"] = "UNKNOWN"
            return out
        out.update(objective=int(round(res.objective)), terms={t: int(res.terms[t]) for t in TERMS},
                   best_bound=res.best_bound, pairs=res.plan.pairs())
    elif res.status == "INFEASIBLE":
        out["why"] = _diagnosed_rules(forced, cadre_id, opening_id, min(5.0, time_limit))
    return out


def _bounded(alt: dict, standing: PlanStanding, bound: int | None, method: str) -> None:
    """Set ``alt`` to the status ``bound`` with ``delta`` the proven upper bound on the change."""
    caps = [b for b in (bound, standing.upper_bound) if b is not None]
    alt["status"] = "bound"
    alt["method"] = method
    alt["delta"] = (min(caps) - standing.objective) if caps else None
    alt["loss_at_least"] = None if alt["delta"] is None else -alt["delta"]


def _apply_resolve(alt: dict, r: dict, standing: PlanStanding, plan_pairs: set) -> None:
    alt["resolve"] = {k: v for k, v in r.items() if k not in ("pairs", "terms", "why")}
    if r["status"] == "OPTIMAL":
        alt["status"] = "resolved"
        alt["method"] = "resolve"
        alt["delta"] = r["objective"] - standing.objective
        alt["terms_delta"] = {t: r["terms"][t] - standing.terms[t] for t in TERMS if r["terms"][t] != standing.terms[t]}
        alt["added"] = sorted(r["pairs"] - plan_pairs)
        alt["removed"] = sorted(plan_pairs - r["pairs"])
        alt["changed_lines"] = len(r["pairs"] ^ plan_pairs)
        alt.pop("loss_at_least", None)
        if alt["delta"] > 0 and standing.proven_optimal:
            log.error("explain: forcing %s on %s raised a proven optimum by %d", alt.get("cadre_id"),
                      alt.get("opening_id"), alt["delta"])
        return
    if r["status"] == "INFEASIBLE":
        alt["status"] = "blocked"
        alt["method"] = "resolve"
        alt["delta"] = None
        alt.pop("loss_at_least", None)
        alt["why"] = r.get("why", [])
        return
    # Stopped by the time limit: the re-solve's bound tightens ours; its plan bounds the loss from above.
    bound = alt["delta"] + standing.objective if alt.get("delta") is not None else None
    if r.get("best_bound") is not None:
        own = floor_bound(float(r["best_bound"]))
        bound = own if bound is None else min(bound, own)
    _bounded(alt, standing, bound, "timeout")
    if r.get("objective") is not None:
        alt["loss_at_most"] = standing.objective - r["objective"]


def evaluate_alternatives(view: ObjectiveView, plan: Plan, standing: PlanStanding, alternatives: list,
                          max_resolves: int = 5, resolve_time: float = 5.0, solver: str = "cpsat",
                          workers: int | None = None) -> dict:
    """Give every alternative that no hard rule rules out its verified figure, in place.

    Parameters
    ----------
    alternatives : dicts with ``cadre_id`` and ``opening_id`` (and ``rules``: the rules that hold
        the pair through the rest of the plan, kept as they are).
    max_resolves : how many to re-solve, in the order of their bound (likely cheapest first).

    Returns
    -------
    dict
        ``{"candidates", "resolved", "time_limit_s", "seconds"}``; the alternatives come back
        sorted in the order they were considered (largest bound on the change first).
    """
    t0 = time.perf_counter()
    for alt in alternatives:
        p = view.pair(alt["cadre_id"], alt["opening_id"])
        bound, method = forced_lp_bound(view, standing, p)
        if method == "infeasible":
            alt["status"], alt["method"], alt["delta"] = "blocked", "lp", None
            continue
        alt["lp_bound"] = bound
        _bounded(alt, standing, bound, method or "none")
    open_alts = [a for a in alternatives if a["status"] == "bound"]
    # Largest bound on the change first (the likely cheapest); one without any bound before all;
    # among equal bounds (the plan's own bound caps many at 0), the larger forced LP first, then
    # the pair worth most by its own coefficients.
    def order(a):
        worth = int(view.objective_coef[view.pair(a["cadre_id"], a["opening_id"])])
        lp = a.get("lp_bound")
        return (-a["delta"] if a["delta"] is not None else -math.inf, -lp if lp is not None else 0, -worth,
                a["cadre_id"], a["opening_id"])
    open_alts.sort(key=order)
    plan_pairs = plan.pairs()
    done = 0
    for alt in open_alts[:max(0, max_resolves)]:
        r = forced_resolve(view.scenario, alt["cadre_id"], alt["opening_id"], resolve_time, solver, workers)
        _apply_resolve(alt, r, standing, plan_pairs)
        done += 1
    for alt in alternatives:
        if alt["status"] == "blocked" and alt.get("method") == "lp":
            # The LP already proves there is no such plan; a diagnosis names the rules.
            forced = view.scenario.replace(
                locks=tuple(view.scenario.locks) + (Lock(alt["cadre_id"], alt["opening_id"], "require", "explain"),))
            alt["why"] = _diagnosed_rules(forced, alt["cadre_id"], alt["opening_id"], min(5.0, resolve_time))
    order = {id(a): k for k, a in enumerate(open_alts)}
    alternatives.sort(key=lambda a: (a["status"] == "blocked", order.get(id(a), len(order))))
    return {"candidates": len(open_alts), "resolved": done, "time_limit_s": resolve_time,
            "seconds": round(time.perf_counter() - t0, 2)}
