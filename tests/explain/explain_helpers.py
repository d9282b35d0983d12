"""Helpers shared by the explain tests."""
from __future__ import annotations


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
