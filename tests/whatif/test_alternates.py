"""Alternates (备选): for each line, the cadre who takes the seat when the chosen one declines -
and that cadre really takes the seat in the decline re-plan of that line."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from decline_cases import chain_scenario
from scenario_builder import fresh_highs_scheduler  # noqa: F401

from planner import api
from planner.check import check_plan
from planner.whatif.decline import alternates, decline

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo"


def test_alternates_of_the_chain_scenario():
    sc, rows = chain_scenario()
    # A1 declines P1: B1 takes it (and C1 takes B1's P2); B1 declines P2: C1 takes it.
    assert alternates(sc, rows) == {("A1", "P1"): "B1", ("B1", "P2"): "C1"}


@pytest.fixture(scope="module")
def demo_and_plan():
    sc = api.read_scenario(DEMO)
    result = api.solve(sc, workers=1, time_limit=30)
    assert result.status == "OPTIMAL"
    return sc, result.plan


def test_each_alternate_takes_the_seat_in_that_decline(demo_and_plan):
    sc, plan = demo_and_plan
    lines = [(a.cadre_id, a.opening_id) for a in plan.assignments if not any(
        (lk.cadre_id, lk.opening_id) == (a.cadre_id, a.opening_id) for lk in sc.locks)][::20]
    alt = alternates(sc, plan, lines=lines, workers=1)
    assert set(alt) == set(lines)
    for (c, o), who in alt.items():
        out = decline(sc, plan, c, o, workers=1)
        assert out.result.plan is not None, (c, o)
        assert check_plan(sc, out.result.plan, out.result.summary()).ok
        takers = {x for x, seat in out.replan.added if seat == o}
        if who is None:
            assert not takers
        else:
            assert who in takers and (who, o) in out.result.plan.pairs() and (who, o) not in plan.pairs()


@pytest.mark.slow
def test_all_alternates_of_the_demo_within_60_seconds(demo_and_plan):
    sc, plan = demo_and_plan
    t0 = time.perf_counter()
    alt = alternates(sc, plan, workers=1)
    seconds = time.perf_counter() - t0
    assert len(alt) == len(plan.assignments)
    assert seconds < 60, f"{len(alt)} alternates in {seconds:.1f}s"
