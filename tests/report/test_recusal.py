"""回避核查 by hand: which R7 check applied to a line, in words."""
from __future__ import annotations

from models import Cadre, Opening, Region, Relation, Scenario, Unit, month_index
from models.plan import Assignment, Plan
from planner.report.plan_facts import PlanFacts
from planner.report.recusal import recusal_check


def _kin_scenario():
    m = month_index
    regions = (Region("RA", "甲区"), Region("RB", "乙县", True))
    units = (Unit("UA", "甲区分局", "RA", "branch", True, 1), Unit("UB", "乙县分局", "RB", "branch", True, 3),
             Unit("UC", "甲区监测站", "RA", "station", True, 1))

    def cadre(cid, unit, home):
        return Cadre(cid, f"干部{cid}", "F", m("1995-01"), m("2018-07"), "本科", "law", "staff", "admin",
                     unit, m("2022-01"), home, "competent")

    cadres = (cadre("C1", "UA", "RA"), cadre("C2", "UB", "RB"), cadre("C3", "UC", "RB"))
    openings = (Opening("P1", "乙县分局 岗位", "posting", "UB", 1, 12, 2),
                Opening("P2", "甲区分局 岗位", "posting", "UA", 1, 12, 2),
                Opening("K1", "督察（乙县）", "task", "UB", 4, 5, 2),
                Opening("K2", "督察（甲区）", "task", "UA", 6, 6, 2))
    return Scenario("回避测试", 2027, regions, units, cadres, openings,
                    relations=(Relation("C1", "C2", "配偶"),))


def _check(sc, pairs):
    plan = Plan(tuple(Assignment(c, o, sc.opening_by_id[o].kind, sc.opening_by_id[o].unit_id,
                                 sc.opening_by_id[o].start_month, sc.opening_by_id[o].end_month) for c, o in pairs))
    f = PlanFacts(sc, plan)
    return {(a.cadre_id, a.opening_id): recusal_check(f, a) for a in plan.assignments}


def test_recusal_check_names_the_check_that_applied():
    sc = _kin_scenario()
    # C1 posted to UB where spouse C2 stays: kin recusal fails.
    out = _check(sc, [("C1", "P1")])
    assert out[("C1", "P1")] == "未通过：亲属回避：与干部C2（配偶）同在乙县分局"
    # C1 and C2 both on task K1 (region RB is C2's home and current region too).
    out = _check(sc, [("C1", "K1"), ("C2", "K1")])
    assert "同在本项安排" in out[("C1", "K1")]
    assert "籍贯地" in out[("C2", "K1")] and out[("C2", "K1")].startswith("未通过")
    # C2 posted into UA, where C1 stays and takes only a task: both lines show the shared base.
    out = _check(sc, [("C2", "P2"), ("C1", "K1")])
    assert out[("C2", "P2")] == "未通过：亲属回避：与干部C1（配偶）同在甲区分局"
    assert out[("C1", "K1")].startswith("未通过：亲属回避：与干部C2（配偶）同在甲区分局")
    # C3 (home RB, based in RA) on a task in RA: regional recusal fails on the current region.
    out = _check(sc, [("C3", "K2")])
    assert out[("C3", "K2")] == "未通过：地域回避：任务地甲区为现单位所在地"
    # C1 on K1 alone: kin passes (C2 not on it), the region check passes and is named.
    out = _check(sc, [("C1", "K1")])
    assert out[("C1", "K1")].split("\n")[0] == "通过"
    assert "地域回避：乙县非本人籍贯地及现单位所在地" in out[("C1", "K1")]
    # No relative, no task: plain 通过.
    out = _check(sc, [("C3", "P1")])
    assert out[("C3", "P1")] == "通过"
