"""What the explain tests share: optimal municipal plans (``planner generate --size municipal
--seed 0/1``), each written once per test run as a scenario folder and a plan folder that records
it, and checked by the independent checker.

(A helper module rather than a conftest.py: ``from conftest import ...`` elsewhere in the suite
must keep finding the top-level one.)
"""
from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from planner.check import check_plan


@functools.cache
def planned(seed: int) -> tuple:
    """(scenario, result, scenario folder, plan folder) of the municipal scenario of ``seed``,
    solved to optimality once per test run."""
    from planner.generate import generate_scenario
    from planner.io import read_scenario, write_scenario
    from planner.io.plan_files import write_result
    from planner.solve import solve
    root = Path(tempfile.mkdtemp(prefix=f"explain-municipal{seed}-"))
    atexit.register(shutil.rmtree, root, True)
    write_scenario(generate_scenario("municipal", seed), root / "scenario")
    sc = read_scenario(root / "scenario")
    res = solve(sc, time_limit=30, workers=2, seed=0)
    assert res.status == "OPTIMAL"
    report = check_plan(sc, res.plan.assignments, res.summary())
    assert report.ok, report.violations
    write_result(res, sc, root / "plan", scenario_dir=root / "scenario")
    return sc, res, root / "scenario", root / "plan"


def busy_cadre(scenario, plan, least: int = 4) -> str:
    """A cadre with a posting in the plan and at least ``least`` other openings open to them
    (candidate pairs of the model), so that an explanation has figures to verify."""
    from planner.model.eligibility import Eligibility
    elig = Eligibility(scenario)
    count: dict = {}
    for c, _ in elig.pair_set():
        count[c] = count.get(c, 0) + 1
    lines = plan.by_cadre()
    return next(c for c in sorted(lines) if any(a.kind == "posting" for a in lines[c])
                and count.get(c, 0) - len(lines[c]) >= least)
