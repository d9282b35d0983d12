"""Scenarios for the diagnosis tests: one feasible base, built by hand, that each test breaks in one
way; the exempt law specialist of issue 12; and helpers that diagnose and re-solve."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from models import Cadre, Opening, Region, Scenario, Unit
from models import month_index as m
from planner.api import solve
from planner.check import check_plan
from planner.diagnose import apply_fix

CASES = Path(__file__).resolve().parents[3] / "shared" / "cases"
if not CASES.is_dir():
    CASES = Path("/work/shared/cases")


def cadre(cid, spec="environment", unit=None, since=None, home="R1", certs=(), exempt=False, entry="2017-07",
          birth="1994-01", rank="staff", rating="competent") -> Cadre:
    return Cadre(cid, f"干部{cid}", "M", m(birth), m(entry), "本科", spec, rank, "admin",
                 unit, m(since) if since else None, home, rating, False, frozenset(certs), exempt)


def base() -> Scenario:
    """A feasible scenario: two recruits, two rotation-due cadres, enforcement holders for a task.

    Regions R1 北湖区, R2 东山县 (remote), R3 西江区. U2/U3/U4 are grassroots; U1 is the bureau.
    """
    units = (Unit("U1", "局机关办公室", "R1", "bureau", False, 0, False),
             Unit("U2", "东山分局", "R2", "branch", True, 3, True),
             Unit("U3", "北湖监测站", "R1", "station", True, 1, False),
             Unit("U4", "西江分局", "R3", "branch", True, 1, False),
             Unit("U5", "省生态环境厅", "R1", "external", False, 0, False))
    cadres = (
        cadre("A1", "environment", entry="2026-08", birth="2002-01"),                 # recruit
        cadre("A2", "chemistry", entry="2026-08", birth="2002-03"),                   # recruit
        cadre("B1", "law", "U1", "2020-01", entry="2015-07", birth="1992-01"),        # 7 years: R6
        cadre("B2", "law", "U3", "2021-01", entry="2016-07", birth="1993-01"),        # 6 years: R6
        cadre("C1", "environment", "U4", "2024-01", home="R3", certs=("enforcement",)),
        cadre("C2", "finance", "U3", "2023-01", home="R2", certs=("enforcement",)),   # home region R2
        cadre("E1", "environment", "U1", "2023-01", certs=("enforcement",), exempt=True),
        cadre("T1", "environment", "U1", "2024-01", home="R2", certs=("enforcement",)),
        cadre("T2", "environment", "U2", "2024-01", certs=("enforcement",)),           # serves in R2
    )
    openings = (
        Opening("P1", "东山分局 综合岗位", "posting", "U2", 1, 12, 2),
        Opening("P2", "北湖监测站 监测岗位", "posting", "U3", 1, 12, 2),
        Opening("P3", "局机关办公室 综合岗位", "posting", "U1", 1, 12, 2),
        Opening("P4", "西江分局 执法岗位", "posting", "U4", 1, 12, 2),
        Opening("K", "2027年生态环保督察（东山县）", "task", "U2", 4, 5, 3,
                certificates=frozenset({"enforcement"}), team_needs=(("enforcement", 1),), development=4),
        Opening("T", "上派跟班学习", "temporary", "U5", 3, 8, 1, development=3),
    )
    return Scenario(name="诊断测试", plan_year=2027,
                    regions=(Region("R1", "北湖区"), Region("R2", "东山县", True), Region("R3", "西江区")),
                    units=units, cadres=cadres, openings=openings)


def with_openings(sc: Scenario, **changes) -> Scenario:
    """``P1={"seats": 0}`` style edits of openings."""
    ops = tuple(dataclasses.replace(o, **changes[o.opening_id]) if o.opening_id in changes else o for o in sc.openings)
    return sc.replace(openings=ops)


def exempt_law_specialist(staffed_by: str = "min_seats", kind: str = "task") -> Scenario:
    """Issue 12: the opening DC01 at unit DC (东山县, hardship 3) must be staffed and needs one law
    specialist; the only one, 王律 (L1), is exempt from hardship temporaries and tasks (R10).

    ``staffed_by``: ``min_seats`` (min_seats 1) or ``lock`` (a require lock on C1). ``kind``:
    ``task`` or ``temporary``. Four environment cadres may take DC01; none has law.
    """
    units = (Unit("HQ", "局机关办公室", "R1", "bureau", False, 0, False),
             Unit("DC", "东山分局", "R2", "branch", True, 3, True))
    cadres = tuple(cadre(f"C{k}", "environment", "HQ", "2024-01", home="R1") for k in range(1, 5))
    lawyer = dataclasses.replace(cadre("L1", "law", "HQ", "2024-01", home="R1", exempt=True), name="王律")
    opening = Opening("DC01", "东山分局 执法帮扶", kind, "DC", 4, 6, 3, min_seats=1 if staffed_by == "min_seats" else 0,
                      team_needs=(("law", 1),))
    sc = Scenario(name="照顾对象诊断", plan_year=2027, regions=(Region("R1", "北湖区"), Region("R2", "东山县", True)),
                  units=units, cadres=cadres + (lawyer,), openings=(opening,))
    if staffed_by == "lock":
        from planner.edits import with_lock
        sc = with_lock(sc, "C1", "DC01", "require")
    return sc


def diagnose(sc: Scenario) -> dict:
    """Solve (it must be infeasible) and return the diagnosis, after the checks every diagnosis
    must pass: few items, verified fixes, JSON-able."""
    res = solve(sc, time_limit=10, workers=1)
    assert res.status == "INFEASIBLE"
    d = res.diagnosis
    assert len(d["core"]) <= 5 and len(d["checks"]) <= 5, d
    assert d["fixes"], "no verified fix"
    # Every fix reported was verified by a full solve whose plan the independent checker accepts.
    assert all(f["verified"]["status"] in ("OPTIMAL", "FEASIBLE") and f["verified"]["checked"] for f in d["fixes"])
    json.dumps(d, ensure_ascii=False)       # diagnosis.json must serialise
    return d


def feasible_after(sc: Scenario, fix: dict):
    """Apply ``fix``, solve again and check the plan; returns the result."""
    fixed = apply_fix(sc, fix)
    res = solve(fixed, time_limit=10, workers=1)
    assert res.status in ("OPTIMAL", "FEASIBLE"), (fix, res.status)
    report = check_plan(fixed, res.plan.assignments)
    assert not report.violations, report.violations
    return res


def check_item(d: dict, check: str) -> dict:
    """The first counting-check item of a kind."""
    hits = [it for it in d["checks"] if it.get("check") == check]
    assert hits, [it.get("check") for it in d["checks"]]
    return hits[0]
