"""Why a scenario has no plan, in words a planning office can act on.

Three layers, cheapest first (SPEC 6, issue 4, issue 12):

1. **Counting checks** (``planner.model.counting``): each names a cause and the ids involved -
   more new recruits than grassroots posting seats open to them (R4), more rotation-due cadres
   than posting seats they may take (R6), a ``min_seats`` above the cadres who may take the
   opening (R3), team needs no candidate can meet (R9) - both with which filter (R7, R10, ...)
   removed which cadres - overlapping or contradicting ``require`` locks (R8/R1/R3/R7 + R11),
   and a max-flow / Hall-set check naming must-move cadres whose posting seats are too few.
   ``counting_diagnosis`` is this layer alone (``planner validate``, ``advance``).
2. **A core** (``core``): rule instances (a constraint ``Tag``: rule code, cadres, openings)
   that cannot hold together, from CP-SAT with one assumption literal per instance, shrunk by a
   deletion filter until dropping any one makes the rest feasible; each instance once.
3. **Suggested fixes** (``fixes``): edits of ``planner.edits`` (``steps``), ranked by how
   little they change and verified by the full solve a planner would run on the fixed scenario
   as ``planner fix`` writes it.

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
reduction screens each fix candidate before the full solve verifies it.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from models.scenario import Scenario
from planner.diagnose.core import core_items
from planner.diagnose.fixes import suggest_fixes, verify_fix  # noqa: F401
from planner.diagnose.reduce import reduce_model, reduced_feasible  # noqa: F401
from planner.diagnose.render import diagnosis_markdown, diagnosis_summary  # noqa: F401
from planner.diagnose.steps import FIX_EDITS, apply_fix, edit_step  # noqa: F401
from planner.model.build import BuiltModel
from planner.model.counting import counting_checks, order_codes
from planner.solve.result import Result

log = logging.getLogger(__name__)


def diagnose_infeasible(scenario: Scenario, built: BuiltModel, time_budget: float = 40.0, fixes: bool = True,
                        max_items: int = 5) -> dict:
    """The diagnosis of an infeasible scenario (``diagnosis.json``).

    Parameters
    ----------
    scenario : Scenario
    built : BuiltModel
        The model of ``scenario`` (``planner.model.build.build_model``).
    time_budget : float
        About this many seconds in all: counting checks, core, and fixes with their solves.
    fixes : bool
        Suggest and verify fixes.
    max_items : int
        Core items at most.

    Returns
    -------
    dict
        ``status``, ``rules`` (every rule code involved), ``checks``, ``core``, ``fixes``
        (each with the ``steps`` ``planner fix`` applies), ``fixes_tried``, ``seconds``.
    """
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
    out = {"status": "INFEASIBLE", "method": "full",
           "rules": order_codes(c for it in checks + core for c in it["codes"]),
           "checks": checks, "core": core, "fixes": [], "fixes_tried": 0}
    if fixes:
        left = time_budget - (time.perf_counter() - t0)
        res = suggest_fixes(scenario, built, checks, core, budget=max(5.0, left))
        out["fixes"] = res["fixes"]
        out["fixes_tried"] = len(res["tried"])
        out["fixes_candidates"] = res["candidates"]
    out["seconds"] = {"checks": round(t_checks, 2), "core": round(t_core, 2),
                      "total": round(time.perf_counter() - t0, 2)}
    out["reduced_model"] = {"constraints": int(red.cons.size), "helpful_variables": int(red.helpful.sum())}
    log.info("diagnosis: %d check(s), %d core item(s), %d verified fix(es) in %.1fs",
             len(checks), len(core), len(out["fixes"]), out["seconds"]["total"])
    return out


def counting_diagnosis(scenario: Scenario) -> dict | None:
    """The counting checks alone, as a diagnosis: fast (no model of the rules, no solver), for
    ``planner validate`` and ``planner advance``.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    dict or None
        None when no count proves the scenario infeasible (it may still be: only a solve can
        tell); else a diagnosis with ``method`` ``counting``, its ``rules`` and ``checks``, no
        core and no fixes (``planner solve`` gives those).
    """
    from types import SimpleNamespace

    from planner.model.context import ModelContext
    from planner.model.eligibility import Eligibility
    t0 = time.perf_counter()
    checks = counting_checks(scenario, SimpleNamespace(ctx=ModelContext(scenario, Eligibility(scenario))))
    if not checks:
        return None
    return {"status": "INFEASIBLE", "method": "counting",
            "rules": order_codes(c for it in checks for c in it["codes"]),
            "checks": checks, "core": [], "fixes": [],
            "seconds": {"checks": round(time.perf_counter() - t0, 2), "total": round(time.perf_counter() - t0, 2)}}


def attach_diagnosis(result: Result, scenario: Scenario, **kwargs) -> None:
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


def write_diagnosed(result: Result, scenario: Scenario, out_dir: str | Path, lang: str = "zh",
                    **kwargs) -> list:
    """``planner.io.plan_files.write_result`` with the diagnosis attached and rendered when the
    result is INFEASIBLE; returns the paths written. ``kwargs`` go to ``write_result``
    (``scenario_dir``, ``before_commit``)."""
    from planner.io.plan_files import write_result
    attach_diagnosis(result, scenario)
    md = diagnosis_markdown(result.diagnosis, scenario, lang) if result.diagnosis else None
    return write_result(result, scenario, out_dir, lang=lang, diagnosis_md=md, **kwargs)
