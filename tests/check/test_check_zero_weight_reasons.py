"""A term whose weight is 0 never names a line (issue 12 point 4): the planner leaves it out and
the checker refuses a plan that names it."""
from __future__ import annotations

from dataclasses import replace

from planner.check import check_plan
from planner.generate import generate_scenario
from planner.solve import solve


def test_zero_weight_terms_name_no_line_and_the_checker_refuses_them():
    sc = generate_scenario("municipal", 0)
    weights = replace(sc.weights, preference=0, shortage=0, development=0)
    sc = sc.replace(weights=weights)
    result = solve(sc, seed=0, workers=1, time_limit=20)
    assert result.plan is not None
    named = [a for a in result.plan.assignments for r in a.reasons
             if r.split(":")[0] in ("preference", "shortage", "development")]
    assert named == []
    assert check_plan(sc, result.plan.assignments, result.summary()).ok
    lying = [replace(a, reasons=a.reasons + ("shortage",)) for a in result.plan.assignments]
    report = check_plan(sc, lying)
    assert not report.ok
    assert any("weight is 0" in v.message for v in report.violations)
