"""Optimal municipal plans (``planner generate --size municipal --seed 0/1``), written as plan
folders and checked by the independent checker, shared by the explain tests."""
from __future__ import annotations

import pytest

from planner.check import check_plan


def _planned(tmp_path_factory, seed: int):
    from planner.generate import generate_scenario
    from planner.io import read_scenario, write_scenario
    from planner.io.plan_files import write_result
    from planner.solve import solve
    root = tmp_path_factory.mktemp(f"municipal{seed}")
    write_scenario(generate_scenario("municipal", seed), root / "scenario")
    sc = read_scenario(root / "scenario")
    res = solve(sc, time_limit=30, workers=2, seed=0)
    assert res.status == "OPTIMAL"
    report = check_plan(sc, res.plan.assignments, res.summary())
    assert report.ok, report.violations
    write_result(res, sc, root / "plan", scenario_dir=root / "scenario")
    return sc, res, root / "scenario", root / "plan"


@pytest.fixture(scope="session")
def municipal0(tmp_path_factory):
    """(scenario, result, scenario folder, plan folder) of the municipal scenario of seed 0."""
    return _planned(tmp_path_factory, 0)


@pytest.fixture(scope="session")
def municipal1(tmp_path_factory):
    """The same for seed 1."""
    return _planned(tmp_path_factory, 1)
