"""Fixes: steps are edits of planner.edits (the ones sweeps and what-if use), ranked by how little
they change, and never a value the scenario reader refuses."""
from __future__ import annotations

import pytest

from models import Opening, Unit
from planner.diagnose import FIX_EDITS, apply_fix, edit_step
from planner.diagnose.steps import change_rank, change_size, fix_words, merge_steps
from planner.edits import EditError, with_opening, with_seats, with_team_need, without_lock, without_team_need
from tests.diagnose.scenarios import base, cadre, diagnose, exempt_law_specialist, feasible_after


def small_and_large() -> object:
    """Four recruits (environment) and one grassroots seat open to them (G1); the grassroots
    posting G2 has three seats but takes law specialists only. Small fix: let G2 accept
    environment (one value widened). Large fix: three more seats on G1 (1 -> 4)."""
    sc = base()
    recruits = tuple(cadre(f"N{k}", "environment", entry="2026-08", birth="2002-01") for k in range(1, 5))
    units = sc.units + (Unit("G", "南岭监测站", "R3", "station", True, 1, False),)
    openings = (Opening("G1", "北湖监测站 监测岗位", "posting", "U3", 1, 12, 1),
                Opening("G2", "南岭监测站 法制岗位", "posting", "G", 1, 12, 3, specialties=frozenset({"law"})),
                Opening("P3", "局机关办公室 综合岗位", "posting", "U1", 1, 12, 4))
    keep = tuple(c for c in sc.cadres if not c.is_recruit and c.cadre_id not in ("B1", "B2"))
    return sc.replace(units=units, cadres=keep + recruits, openings=openings)


def test_small_fix_ranks_before_large_fix():
    sc = small_and_large()
    d = diagnose(sc)
    assert [f["rank"] for f in d["fixes"]] == list(range(1, len(d["fixes"]) + 1))
    first = d["fixes"][0]
    assert first["steps"] == [edit_step("with_opening", opening_id="G2", specialties=["environment", "law"])]
    assert first["change"]["amount"] == 1 and first["change"]["openings"] == 1
    seats = [f for f in d["fixes"] if f["steps"] == [edit_step("with_seats", opening_id="G1", seats=4)]]
    assert seats, [f["steps"] for f in d["fixes"]]
    assert seats[0]["rank"] > first["rank"] and seats[0]["change"]["amount"] == 3
    ranks = [change_rank(f["change"]) for f in d["fixes"]]
    assert ranks == sorted(ranks)
    assert "let G2 (南岭监测站 法制岗位) accept specialty environment" in first["text"]
    assert "放宽专业要求，接受 环境（environment）" in first["text_zh"]
    for fix in d["fixes"]:
        feasible_after(sc, fix)


def test_every_step_is_an_edit_and_applies_through_planner_edits():
    sc = exempt_law_specialist()
    steps = [edit_step("with_seats", opening_id="DC01", seats=4),
             edit_step("with_opening", opening_id="DC01", min_seats=0, ranks=["staff"]),
             edit_step("with_team_need", opening_id="DC01", code="law", count=2),
             edit_step("without_team_need", opening_id="DC01", code="law")]
    via_fix = apply_fix(sc, {"steps": steps})
    by_hand = without_team_need(with_team_need(with_opening(with_seats(sc, "DC01", 4), "DC01", min_seats=0,
                                                             ranks=frozenset({"staff"})), "DC01", "law", 2),
                                "DC01", "law")
    assert via_fix == by_hand
    assert set(FIX_EDITS.values()) >= {with_seats, with_opening, without_lock, without_team_need}
    with pytest.raises(EditError):
        edit_step("with_cadre", cadre_id="L1", exempt=False)       # a cadre's facts are not a fix


def test_a_team_need_of_zero_is_refused_as_the_reader_refuses_it():
    sc = exempt_law_specialist()
    with pytest.raises(EditError, match="positive"):
        with_team_need(sc, "DC01", "law", 0)
    with pytest.raises(EditError, match="positive"):
        with_opening(sc, "DC01", team_needs=[["law", 0]])
    with pytest.raises(EditError, match="no need"):
        without_team_need(sc, "DC01", "it")
    assert without_team_need(sc, "DC01", "law").opening_by_id["DC01"].team_needs == ()


def test_merge_steps_keeps_the_last_value_and_one_step_per_opening():
    steps = [edit_step("with_seats", opening_id="P1", seats=3),
             edit_step("with_opening", opening_id="P1", ranks=["staff"]),
             edit_step("with_seats", opening_id="P1", seats=5),
             edit_step("with_opening", opening_id="P1", specialties=["law"]),
             edit_step("without_lock", cadre_id="A1", opening_id="P1")]
    assert merge_steps(steps) == [edit_step("with_opening", opening_id="P1", ranks=["staff"], specialties=["law"]),
                                  edit_step("with_seats", opening_id="P1", seats=5),
                                  edit_step("without_lock", cadre_id="A1", opening_id="P1")]


def test_change_size_counts_what_a_planner_would():
    sc = base()
    one_seat = change_size(sc, [edit_step("with_seats", opening_id="P1", seats=3)])
    seven = change_size(sc, [edit_step("with_seats", opening_id="P1", seats=9)])
    cap = change_size(sc, [edit_step("with_rules", max_away_months=10)])
    assert (one_seat["openings"], one_seat["amount"]) == (1, 1) and seven["amount"] == 7
    assert change_rank(one_seat) < change_rank(seven) < change_rank(cap)      # a rule touches everyone
    words = fix_words(sc, [edit_step("with_seats", opening_id="P1", seats=3)], "zh")
    assert words == ["给 P1（东山分局 综合岗位） 增加 1 个名额（2 → 3）"]
