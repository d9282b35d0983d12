"""Issue 13 point 4: a cadre's path (成长轨迹), checked by hand on a small scenario.

Plan year 2027, look-back 5 years: the window is 2022-01 .. 2026-12.

C1's path:
- history posting at U1 (region RA, hardship 1, not grassroots) 2020-07 .. 2022-06:
  2020: 6 months, 6 points, none counted (before the window); 2021: 12 months, 12, none counted;
  2022: 6 months, 6 points, all counted;
- history task at U3 (region RC, grassroots, hardship 3) 2022-03 .. 2022-05: 3 months, 9 points,
  counted, and no record (tasks never give one);
- current posting at U2 (region RB, grassroots, hardship 2) since 2022-07: 2022: 6 months, 12
  points, the grassroots record gained here; 2023 .. 2026: 12 months, 24 points each;
- the plan: temporary at U3 months 3-5: 3 months, 9 points; and C1 stays at U2 (no plan points).
Historical points 6 + 9 + 12 + 4 x 24 = 123, plan points 9, total 132.

C2 (no record, entered 2020, at U1 since 2020-01) is posted by the plan to U3: the record is
gained in 2027 on the plan line.
"""
from __future__ import annotations

from scenario_builder import ScenarioBuilder

from models import Assignment, Plan, facts
from planner import api
from planner.check import check_plan
from planner.explain import cadre_path, render_path


def _scenario():
    b = ScenarioBuilder()
    b.unit("U1", region="RA", hardship=1).unit("U2", region="RB", grassroots=True, hardship=2)
    b.unit("U3", region="RC", grassroots=True, hardship=3)
    b.cadre("C1", unit="U2", since="2022-07", entry="2018-07")
    b.cadre("C2", unit="U1", since="2020-01", entry="2020-01")
    b.history("C1", "U1", "posting", "2020-07", "2022-06")
    b.history("C1", "U3", "task", "2022-03", "2022-05")
    b.temporary("T1", "U3", 3, 5).posting("P1", "U3")
    sc = b.build()
    plan = Plan((Assignment("C1", "T1", "temporary", "U3", 3, 5), Assignment("C2", "P1", "posting", "U3", 1, 12)))
    assert check_plan(sc, plan.assignments).ok
    return sc, plan


def test_path_by_hand():
    sc, plan = _scenario()
    rows = cadre_path(sc, plan, "C1")
    got = [(r["year"], r["source"], r["kind"], r["unit_id"], r["region_id"], r["months"], r["points"],
            r["counted_points"], r["record_gained"], r["record"]) for r in rows]
    assert got == [
        (2020, "history", "posting", "U1", "RA", 6, 6, 0, False, False),
        (2021, "history", "posting", "U1", "RA", 12, 12, 0, False, False),
        (2022, "history", "posting", "U1", "RA", 6, 6, 6, False, False),
        (2022, "history", "task", "U3", "RC", 3, 9, 9, False, False),
        (2022, "current", "posting", "U2", "RB", 6, 12, 12, True, True),
        (2023, "current", "posting", "U2", "RB", 12, 24, 24, False, True),
        (2024, "current", "posting", "U2", "RB", 12, 24, 24, False, True),
        (2025, "current", "posting", "U2", "RB", 12, 24, 24, False, True),
        (2026, "current", "posting", "U2", "RB", 12, 24, 24, False, True),
        (2027, "stays", "posting", "U2", "RB", 12, 24, 0, False, True),
        (2027, "plan", "temporary", "U3", "RC", 3, 9, 9, False, True),
    ]
    assert [r["start"] for r in rows[:3]] == ["2020-07", "2021-01", "2022-01"]
    assert rows[-1]["opening_id"] == "T1"
    c1 = sc.cadre_by_id["C1"]
    assert facts.historical_points(sc, c1) == 123
    assert sum(r["counted_points"] for r in rows) == 123 + 9 == 132


def test_record_gained_on_the_plan_line_and_the_text():
    sc, plan = _scenario()
    rows = cadre_path(sc, plan, "C2")
    gained = [r for r in rows if r["record_gained"]]
    assert [(r["year"], r["source"], r["unit_id"]) for r in gained] == [(2027, "plan", "U3")]
    assert not any(r["source"] == "stays" for r in rows)       # posted away: no stay row
    text = "\n".join(render_path(rows, sc, "zh"))
    assert "2027 年在 U3" in text and "取得基层经历" in text
    assert "不在近 5 年统计期内" in text
    # The past alone (no plan): no record for C2.
    assert not any(r["record"] for r in cadre_path(sc, None, "C2"))


def test_api_returns_a_dataframe():
    sc, plan = _scenario()
    frame = api.cadre_path(sc, plan, "C1")
    assert list(frame.columns)[:4] == ["year", "source", "kind", "opening_id"]
    assert len(frame) == 11 and int(frame["counted_points"].sum()) == 132
    assert frame.loc[frame["record_gained"], "year"].tolist() == [2022]
    past = api.cadre_path(sc, "C1")                  # no plan: the past alone
    assert past["year"].max() == 2026 and int(past["counted_points"].sum()) == 123
