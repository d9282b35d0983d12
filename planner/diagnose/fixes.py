"""Suggested fixes: candidates screened for feasibility, ranked by how little they change, and
verified by the solve a planner would run.

1. **Candidates** (``planner.diagnose.candidates``): the edits that answer each cause.
2. **Ranked** by ``steps.change_rank``: fewest openings, cadres and settings touched, then the
   smallest numeric change.
3. **Screened** in that order, cheaply: the counting checks, then the model reduced for
   feasibility (``reduce``), whose plan must pass ``planner.check``. When several causes are at
   work and no single candidate is enough, a combined fix is built greedily (``repair``).
4. **Verified** as the planner would: the fixed scenario is written with
   ``planner.io.write_scenario`` and read back with ``read_scenario`` (so every value is one the
   reader accepts: ``planner fix`` writes the same folder), solved in full with
   ``planner.solve.solve`` and its own settings, and the plan checked with
   ``planner.check.check_plan``; the fix reports that plan's status and line count.
"""
from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from models.plan import Assignment, Plan
from models.scenario import Scenario
from planner.diagnose.candidates import candidate_fixes
from planner.diagnose.core import core_items
from planner.diagnose.reduce import reduce_model, reduced_feasible
from planner.diagnose.steps import apply_fix, change_rank, change_size, fix_words, merge_steps
from planner.edits import EditError
from planner.labels import CLAUSE_SEP
from planner.model.build import BuiltModel
from planner.model.counting import HasContext, counting_checks

log = logging.getLogger(__name__)
PLANNED = ("OPTIMAL", "FEASIBLE")
# Seconds kept back from a verifying solve's time limit for building its model and writing.
SOLVE_MARGIN_S = 3.0
LARGE_MODEL_PAIRS = 50_000


def solve_seconds_needed(built: HasContext) -> float:
    """The least time limit worth giving a verifying solve: a large model (province size) needs
    a while for its first plan; below it the solve is not run and the fix says so."""
    return 20.0 if built.ctx.n_pairs > LARGE_MODEL_PAIRS else 5.0


# --------------------------------------------------------------------------------------------
# screening: is the fixed scenario feasible at all? (cheap)
# --------------------------------------------------------------------------------------------
def plan_of_values(built: BuiltModel, values: np.ndarray) -> Plan:
    """The plan of the pair variables set in ``values`` (a solution of the reduced model), as
    plan lines."""
    ctx, sc = built.ctx, built.ctx.scenario
    rows = []
    for p in np.flatnonzero(values[: ctx.n_pairs] > 0).tolist():
        o = sc.openings[ctx.po[p]]
        rows.append(Assignment(ctx.ca.ids[ctx.pc[p]], o.opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    return Plan(tuple(rows))


def screen(scenario: Scenario, time_limit: float) -> dict:
    """Is ``scenario`` feasible? The counting checks first (a failing one settles it), then the
    reduced model; a plan found must pass ``planner.check``.

    Parameters
    ----------
    scenario : Scenario
    time_limit : float
        Seconds for CP-SAT on the reduced model.

    Returns
    -------
    dict
        ``status`` (``FEASIBLE``, ``INFEASIBLE``, ``UNKNOWN``), ``built``, ``checks``, ``reduced``,
        and with a plan ``plan_lines``.
    """
    from planner.check import check_plan
    from planner.model.build import build_model
    from planner.model.context import ModelContext
    from planner.model.eligibility import Eligibility
    light = SimpleNamespace(ctx=ModelContext(scenario, Eligibility(scenario)), model=None)
    checks = counting_checks(scenario, light)
    out = {"built": light, "checks": checks, "reduced": None}
    if checks:
        out["status"] = "INFEASIBLE"
        return out
    built = build_model(scenario)
    reduced = reduce_model(built.model)
    out.update(built=built, reduced=reduced)
    status, values = reduced_feasible(reduced, time_limit)
    out["status"] = status
    if values is not None:
        plan = plan_of_values(built, values)
        out["plan_lines"] = len(plan)
        if check_plan(scenario, plan.assignments).violations:
            log.warning("the reduced model's plan fails the checker")
            out["status"] = "UNKNOWN"
    return out


# --------------------------------------------------------------------------------------------
# verification: the solve a planner would run
# --------------------------------------------------------------------------------------------
def written_and_read(scenario: Scenario) -> Scenario:
    """The scenario as ``planner fix`` leaves it on disk: written, then read back.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    Scenario
        As ``planner.io.read_scenario`` reads the written folder; its ``ScenarioError`` when the
        reader refuses a value.
    """
    from planner.io import read_scenario, write_scenario
    with tempfile.TemporaryDirectory(prefix="planner-fix-") as tmp:
        folder = Path(tmp) / "scenario"
        write_scenario(scenario, folder)
        return read_scenario(folder)


def verify_fix(scenario: Scenario, fix: dict, time_limit: float | None = None) -> dict:
    """Apply ``fix``, write and read the scenario back, solve it in full and check the plan.

    Parameters
    ----------
    scenario : Scenario
    fix : dict
        ``{"steps": [...]}``.
    time_limit : float, optional
        At most this many seconds for the solve (the scenario's own limit when smaller or None).

    Returns
    -------
    dict
        ``status`` (the solve's: ``OPTIMAL``, ``FEASIBLE``, ``INFEASIBLE``, ``UNKNOWN``, or
        ``REFUSED`` when the reader refuses the fixed scenario), ``seconds``, and with a plan
        ``lines`` (plan.csv's rows) and ``checked`` (the independent checker found no violation).
    """
    from planner.check import check_plan
    from planner.io import ScenarioError
    from planner.solve import solve
    t0 = time.perf_counter()
    try:
        fixed = written_and_read(apply_fix(scenario, fix))
    except (EditError, ScenarioError) as err:
        log.warning("fix refused: %s", err)
        return {"status": "REFUSED", "seconds": round(time.perf_counter() - t0, 2)}
    limit = fixed.solver.time_limit_s if time_limit is None else min(fixed.solver.time_limit_s, time_limit)
    result = solve(fixed, time_limit=max(1.0, limit))
    out = {"status": result.status, "seconds": round(time.perf_counter() - t0, 2), "time_limit_s": round(limit, 1)}
    if result.plan is not None:
        out["lines"] = len(result.plan)
        out["checked"] = not check_plan(fixed, result.plan.assignments).violations
    return out


# --------------------------------------------------------------------------------------------
# a combined fix when no single one is enough
# --------------------------------------------------------------------------------------------
def repair(scenario: Scenario, built: HasContext, checks: list, core: list, deadline: float) -> dict | None:
    """Greedy repair: apply the smallest candidate of the first remaining cause, screen, repeat.

    Parameters
    ----------
    scenario : Scenario
    built : HasContext
        The model of ``scenario`` (its ``ctx`` at least).
    checks, core : list of dict
        The diagnosis items of ``scenario``.
    deadline : float
        ``time.perf_counter()`` value to stop at.

    Returns
    -------
    dict or None
        A combined fix (``steps``, ``origin`` ``repair``, ``screened``), or None when none was
        found in time.
    """
    steps: list = []
    current, current_built, current_checks, current_core = scenario, built, checks, core
    for _ in range(8):
        if time.perf_counter() > deadline:
            return None
        found = candidate_fixes(current, current_built, current_checks[:1], [] if current_checks else current_core)
        if not found:
            return None
        best = min(found, key=lambda f: change_rank(change_size(current, f["steps"])))
        steps = merge_steps(steps + best["steps"])
        current = apply_fix(current, best)
        res = screen(current, max(1.0, min(20.0, deadline - time.perf_counter())))
        if res["status"] == "FEASIBLE":
            return {"steps": steps, "origin": "repair", "screened": {"status": "FEASIBLE",
                                                                     "plan_lines": res["plan_lines"]}}
        if res["status"] != "INFEASIBLE" or time.perf_counter() > deadline:
            return None
        current_built, current_checks = res["built"], res["checks"]
        current_core = [] if current_checks else core_items(
            current, current_built, res["reduced"] or reduce_model(current_built.model),
            time_limit=max(1.0, min(10.0, (deadline - time.perf_counter()) / 3)))
    return None


# --------------------------------------------------------------------------------------------
# the fixes of a diagnosis
# --------------------------------------------------------------------------------------------
def suggest_fixes(scenario: Scenario, built: BuiltModel, checks: list, core: list, budget: float = 30.0,
                  max_fixes: int = 3) -> dict:
    """Verified fixes, smallest change first.

    Parameters
    ----------
    scenario : Scenario
    built : BuiltModel
    checks, core : list of dict
        The diagnosis items.
    budget : float
        Seconds for screening, repair and the verifying solves together.
    max_fixes : int

    Returns
    -------
    dict
        ``fixes`` (each ``steps``, ``change``, ``verified``, ``rank``, ``text``, ``text_zh``,
        ``steps_text``, ``steps_text_zh``), ``tried`` (each candidate screened and its status),
        ``candidates`` (how many).
    """
    t0 = time.perf_counter()
    deadline = t0 + budget
    found = candidate_fixes(scenario, built, checks, core)
    for fix in found:
        fix["change"] = change_size(scenario, fix["steps"])
    found.sort(key=lambda f: change_rank(f["change"]))
    screened, tried = [], []
    for fix in found:
        left = deadline - time.perf_counter()
        if len(screened) >= max_fixes or left < 1.0:
            break
        res = screen(apply_fix(scenario, fix), min(20.0, max(1.0, left - 1.0)))
        tried.append({"steps": fix["steps"], "status": res["status"]})
        if res["status"] == "FEASIBLE":
            fix["screened"] = {"status": "FEASIBLE", "plan_lines": res["plan_lines"]}
            screened.append(fix)
    if not screened and deadline - time.perf_counter() > 2.0:
        combined = repair(scenario, built, checks, core, deadline - (deadline - time.perf_counter()) / 3)
        tried.append({"steps": combined["steps"] if combined else [], "repair": True,
                      "status": "FEASIBLE" if combined else "not found"})
        if combined:
            combined["change"] = change_size(scenario, combined["steps"])
            screened.append(combined)
    verified = []
    need = solve_seconds_needed(built)
    for k, fix in enumerate(screened):
        left = deadline - time.perf_counter() - SOLVE_MARGIN_S
        share = left / (len(screened) - k)
        if share >= need or (k == 0 and left >= need):
            fix["verified"] = verify_fix(scenario, fix, time_limit=max(share, need) if k == 0 else share)
        else:
            fix["verified"] = {"status": "NOT_RUN", "time_left_s": round(max(0.0, left), 1)}
        if fix["verified"]["status"] in PLANNED and fix["verified"].get("checked"):
            verified.append(fix)
        elif (fix["verified"]["status"] in ("UNKNOWN", "NOT_RUN")
              and fix.get("screened", {}).get("plan_lines") is not None):
            verified.append(fix)        # a plan exists; the full solve did not run or finish (said so in words)
    verified.sort(key=lambda f: change_rank(f["change"]))
    for rank, fix in enumerate(verified, 1):
        fix["rank"] = rank
        fix["steps_text"] = fix_words(scenario, fix["steps"], "en")
        fix["steps_text_zh"] = fix_words(scenario, fix["steps"], "zh")
        fix["text"] = CLAUSE_SEP["en"].join(fix["steps_text"])
        fix["text_zh"] = CLAUSE_SEP["zh"].join(fix["steps_text_zh"])
    return {"fixes": verified, "tried": tried, "candidates": len(found),
            "seconds": round(time.perf_counter() - t0, 2)}
