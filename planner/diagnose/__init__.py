"""Why a scenario has no plan, in words a planning office can act on.

Three layers, cheapest first (SPEC 6, issue 4):

1. **Counting checks** (``counting_checks``): each names a cause and the ids involved - more new
   recruits than grassroots posting seats open to them (R4), more rotation-due cadres than
   posting seats they may take (R6), a ``min_seats`` above the cadres who may take the opening
   (R3, with who was kept off by R7/R10/...), overlapping or contradicting ``require`` locks
   (R8/R1/R3/R7 + R11), team needs no eligible cadre can meet (R9), and a max-flow / Hall-set
   check naming a set of must-move cadres whose posting seats are too few.
2. **A core** (``core_items``): rule instances (a constraint ``Tag``: rule code, cadres,
   openings) that cannot hold together, from CP-SAT with one assumption literal per instance,
   shrunk by a deletion filter until dropping any one makes the rest feasible.
3. **Suggested fixes** (``suggest_fixes``): add a seat, lower ``min_seats``, lift a lock, allow
   transfer, widen an opening's requirements, ... - each *verified*: the fixed scenario gets a
   concrete plan that ``planner.check`` accepts, and the first fix is also re-solved with
   ``planner.solve.solve`` when time allows. Only verified fixes are reported.

The exact reduction
-------------------
At province size the model has ~500k pair variables; CP-SAT with an assumption per rule
instance on all of it is slow. ``reduce_model`` shrinks it *without changing feasibility*: a
variable is "helpful" when raising it can be needed by some constraint (positive coefficient
in a constraint whose lower side can be violated, negative in one whose upper side can be);
starting from the demand constraints (R4 exactly one posting, R6, min_seats, require locks,
kin pairs in one unit) this closes in a few vectorised passes. Every other variable can be set
to 0 in any feasible plan without breaking a constraint, so the model restricted to the helpful
variables (and to the constraints that can still be violated over their range) is feasible
exactly when the full one is, and any core of it is a core of the full model. The same
reduction gives the fast feasibility test behind each suggested fix.
"""
from __future__ import annotations

import logging
import time

from planner.diagnose.core import core_items, order_codes
from planner.diagnose.fixes import apply_fix, suggest_fixes, verify_fix  # noqa: F401
from planner.diagnose.reduce import (
    reduce_model,
    reduced_feasible,  # noqa: F401
)
from planner.diagnose.render import diagnosis_markdown  # noqa: F401
from planner.model.counting import counting_checks

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# The whole diagnosis
# --------------------------------------------------------------------------------------------
def diagnose_infeasible(scenario, built, time_budget: float = 40.0, fixes: bool = True,
                        max_items: int = 5) -> dict:
    """The diagnosis of an infeasible scenario (``diagnosis.json``): counting checks, a core of at
    most ``max_items`` rule instances, and verified fixes, within about ``time_budget`` seconds."""
    t0 = time.perf_counter()
    checks = counting_checks(scenario, built)
    t_checks = time.perf_counter() - t0
    red = reduce_model(built.model)
    # A big reduced model gets less time for the whole-model core: the counting checks have
    # usually named the cause already, and the fixes need the time.
    cap = 20.0 if red.cons.size < 5000 else 8.0
    core_limit = max(2.0, min(cap, (time_budget - (time.perf_counter() - t0)) / 4))
    core = core_items(scenario, built, red, time_limit=core_limit, max_items=max_items, checks=checks)
    t_core = time.perf_counter() - t0 - t_checks
    out = {"status": "INFEASIBLE",
           "rules": order_codes(c for it in checks + core for c in it["codes"]),
           "checks": checks, "core": core, "fixes": [], "fixes_tried": 0}
    if fixes:
        left = time_budget - (time.perf_counter() - t0)
        res = suggest_fixes(scenario, built, checks, core, budget=max(3.0, left))
        out["fixes"] = res["fixes"]
        out["fixes_tried"] = len(res["tried"])
        out["fixes_candidates"] = res["candidates"]
    out["seconds"] = {"checks": round(t_checks, 2), "core": round(t_core, 2),
                      "total": round(time.perf_counter() - t0, 2)}
    out["reduced_model"] = {"constraints": int(red.cons.size), "helpful_variables": int(red.helpful.sum())}
    log.info("diagnosis: %d check(s), %d core item(s), %d verified fix(es) in %.1fs",
             len(checks), len(core), len(out["fixes"]), out["seconds"]["total"])
    return out


def attach_diagnosis(result, scenario, **kwargs) -> None:
    """Give an INFEASIBLE ``Result`` its diagnosis (from the model the solve built), in place.

    ``planner.solve`` sits below this layer and leaves ``result.diagnosis`` empty; the CLI and the
    API call this after an INFEASIBLE solve. ``kwargs`` go to ``diagnose_infeasible``.
    """
    if result.status != "INFEASIBLE" or result.diagnosis is not None:
        return
    built = result.built
    if built is None:
        from planner.model.build import build_model
        built = build_model(scenario)
    result.diagnosis = diagnose_infeasible(scenario, built, **kwargs)
    result.built = None


def write_diagnosed(result, scenario, out_dir, lang: str = "zh", **kwargs) -> list:
    """``planner.io.plan_files.write_result`` with the diagnosis attached and rendered when the
    result is INFEASIBLE; returns the paths written. ``kwargs`` go to ``write_result``
    (``scenario_dir``, ``before_commit``)."""
    from planner.io.plan_files import write_result
    attach_diagnosis(result, scenario)
    md = diagnosis_markdown(result.diagnosis, scenario, lang) if result.diagnosis else None
    return write_result(result, scenario, out_dir, lang=lang, diagnosis_md=md, **kwargs)
