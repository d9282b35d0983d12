"""Small decline scenarios shared by the decline and alternates tests."""
from __future__ import annotations

from scenario_builder import ScenarioBuilder

from models.plan import Assignment, Plan
from planner.check import check_plan


def chain_scenario():
    """A1 holds P1 and B1 holds P2 in the approved plan; both seats have min_seats 1. Only A1 and B1
    may take P1 (environment, law); only B1 and C1 may take P2 (law, finance). When A1 declines P1,
    B1 must take P1 and C1 must take B1's P2: two changes (B1's P2 dropped, C1's P2 added)."""
    b = ScenarioBuilder()
    b.unit("U1").unit("U2").unit("U3")
    b.cadre("A1", unit="U1", specialty="environment").cadre("B1", unit="U1", specialty="law")
    b.cadre("C1", unit="U1", specialty="finance")
    b.posting("P1", "U2", min_seats=1, specialties=["environment", "law"])
    b.posting("P2", "U3", min_seats=1, specialties=["law", "finance"])
    sc = b.build()
    rows = Plan((Assignment("A1", "P1", "posting", "U2", 1, 12), Assignment("B1", "P2", "posting", "U3", 1, 12)))
    assert check_plan(sc, rows).ok
    return sc, rows
