"""Issue 6: `planner advance` - the approved plan applied, next year's scenario written.

A hand-made scenario with figures worked out by hand (SPEC 3), then the same facts checked on a
generated scenario for every cadre against an independent reading of SPEC 3.2, then the CLI
round trip advance -> validate -> solve -> check.
"""
from pathlib import Path

import pytest
from click.testing import CliRunner

from models import facts
from models.exchange import compute_ledger
from models.months import month_index as m
from models.months import month_of, overlap_months
from models.plan import Assignment, Plan
from models.scenario import (
    Cadre,
    Fit,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Scenario,
    Unit,
)
from planner.check import check_plan
from planner.cli import main
from planner.edits import with_cadre, with_opening
from planner.generate import generate_scenario
from planner.io import read_scenario, write_scenario
from planner.labels.advance import revision_lines
from planner.model.eligibility import Eligibility
from planner.solve import solve
from planner.whatif.advance import (
    AdvanceError,
    advance,
    next_year_name,
    open_for_grassroots,
    open_for_movers,
    relax_min_seats,
    revise_template,
    revise_with_report,
)

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo"


def _cadre(cid, unit, since, entry="2018-07", **kw):
    return Cadre(cid, f"干部{cid}", "M", m("1994-05"), m(entry), "本科", kw.pop("specialty", "environment"),
                 kw.pop("rank", "staff"), kw.pop("post_type", "admin"), unit, m(since) if since else None,
                 kw.pop("home_region", "R1"), kw.pop("rating", "competent"), **kw)


def hand_scenario() -> Scenario:
    """2027, look-back 5 years (window 2022-01 .. 2026-12).

    C1 at U1 (bureau, hardship 1) since 2021-03: 5 years, rotation due (R6); a 2022 task at U3.
    C2 at U3 (grassroots station, hardship 2) since 2025-01. C3 a new recruit.
    """
    return Scenario(
        name="测试局 2027 年度交流计划", plan_year=2027,
        regions=(Region("R1", "北湖区"), Region("R2", "东山县", True)),
        units=(Unit("U1", "局机关", "R1", "bureau", False, 1, False),
               Unit("U2", "东山分局", "R2", "branch", True, 3, True),
               Unit("U3", "东山监测站", "R2", "station", True, 2, False),
               Unit("U4", "省厅法规处", "R1", "external", False, 0, False)),
        cadres=(_cadre("C1", "U1", "2021-03"),
                _cadre("C2", "U3", "2025-01", entry="2020-07"),
                _cadre("C3", None, None, entry="2026-08", home_region="R9")),
        openings=(Opening("P2", "东山分局 2027年交流岗位", "posting", "U2", 1, 12, 1),
                  Opening("P3", "东山监测站 2027年新录用岗位", "posting", "U3", 1, 12, 2, min_seats=1),
                  Opening("K3", "2027年第一轮生态环保督察", "task", "U3", 4, 5, 2),
                  Opening("T4", "上派跟班学习", "temporary", "U4", 3, 8, 1, development=4)),
        history=(HistoryRow("C1", "U3", "task", m("2022-05"), m("2022-06")),),
        preferences=(Preference("C1", "P2", 1),),
        fit=(Fit("C1", "P2", 70),),
        locks=(Lock("C1", "P2", "require", "党组预定"),),
    )


HAND_PLAN = Plan((
    Assignment("C1", "P2", "posting", "U2", 1, 12),
    Assignment("C1", "K3", "task", "U3", 4, 5),
    Assignment("C2", "T4", "temporary", "U4", 3, 8),
    Assignment("C3", "P3", "posting", "U3", 1, 12),
))


def test_the_hand_plan_is_valid():
    assert check_plan(hand_scenario(), HAND_PLAN).violations == []


def test_hand_scenario_facts_move_as_spec_3_says():
    sc = hand_scenario()
    nxt = advance(sc, HAND_PLAN)
    c1, c2, c3 = (nxt.cadre_by_id[c] for c in ("C1", "C2", "C3"))
    assert nxt.plan_year == 2028 and nxt.name == "测试局 2028 年度交流计划"
    # Postings move unit_id / unit_since to January of the plan year.
    assert (c1.unit_id, c1.unit_since) == ("U2", m("2027-01"))
    assert (c3.unit_id, c3.unit_since) == ("U3", m("2027-01")) and not c3.is_recruit
    assert (c2.unit_id, c2.unit_since) == ("U3", m("2025-01"))
    # History: the left posting ends December 2026, the task and the temporary keep their 2027 months.
    assert set(nxt.history) == {
        HistoryRow("C1", "U3", "task", m("2022-05"), m("2022-06")),
        HistoryRow("C1", "U1", "posting", m("2021-03"), m("2026-12")),
        HistoryRow("C1", "U3", "task", m("2027-04"), m("2027-05")),
        HistoryRow("C2", "U4", "temporary", m("2027-03"), m("2027-08")),
    }
    assert all(h.end < month_of(2028, 1) for h in nxt.history)
    # Years at unit: 1 after a posting, one more otherwise.
    assert [facts.years_at_unit(c, 2028) for c in (c1, c2, c3)] == [1, 3, 1]
    assert [facts.service_years(c, 2028) for c in (c1, c2, c3)] == [10, 8, 2]
    assert facts.age(c1, 2028) == facts.age(sc.cadre_by_id["C1"], 2027) + 1
    # Grassroots record: C1 had none (a task never counts), now serves at a grassroots branch.
    assert not facts.grassroots_record(sc, sc.cadre_by_id["C1"])
    assert [facts.grassroots_record(nxt, c) for c in (c1, c2, c3)] == [True, True, True]
    # R5: C1 may not return to U1 (a posting that ended in 2026).
    assert facts.no_return_units(nxt, c1) == frozenset({"U1"})
    # Hardship points by hand. 2027 (window 2022..2026): C1 = task U3 2x2 + U1 1x60 = 64, plus the plan
    # 3x12 + 2x2 = 40 -> 104 total. 2028 (window 2023..2027): U1 1x48 + task 2027 2x2 + U2 3x12 = 88
    # (the 2022 task and 2022 at U1 slid out: 104 - 4 - 12).
    assert facts.historical_points(sc, sc.cadre_by_id["C1"]) == 64
    assert facts.historical_points(nxt, c1) == 88
    # C2 stayed at U3: 2025-2026 = 24 months x 2 = 48 before; 2025-2027 = 72 after (the temporary at U4 is 0).
    assert facts.historical_points(sc, sc.cadre_by_id["C2"]) == 48
    assert facts.historical_points(nxt, c2) == 72
    # C3 carried nothing; 2027 at U3 counts 2 x 12.
    assert facts.historical_points(nxt, c3) == 24
    # Openings kept as a template, the year in their names moved on; this year's wishes and locks dropped.
    assert [(o.opening_id, o.seats, o.min_seats) for o in nxt.openings] == \
        [(o.opening_id, o.seats, o.min_seats) for o in sc.openings]
    assert nxt.opening_by_id["K3"].name == "2028年第一轮生态环保督察"
    assert nxt.preferences == () and nxt.locks == () and nxt.fit == sc.fit
    assert nxt.sha256 == ""


def test_written_next_year_validates(tmp_path):
    nxt = advance(hand_scenario(), HAND_PLAN)
    write_scenario(nxt, tmp_path / "next")
    back = read_scenario(tmp_path / "next")
    assert back.replace(sha256="") == nxt.replace(sha256="")
    res = CliRunner().invoke(main, ["validate", str(tmp_path / "next")])
    assert res.exit_code == 0 and "scenario is valid" in res.output


def test_a_plan_that_breaks_a_rule_is_not_applied():
    sc = hand_scenario()
    no_recruit = Plan(tuple(a for a in HAND_PLAN.assignments if a.cadre_id != "C3"))
    with pytest.raises(AdvanceError) as err:
        advance(sc, no_recruit)
    assert {p.split(":")[0] for p in err.value.problems} == {"R3", "R4"}   # P3's minimum, C3's first stop
    assert advance(sc, no_recruit, check=False).cadre_by_id["C3"].is_recruit


def test_next_year_name():
    assert next_year_name("2027年第一轮督察（2027-2028）", 2027) == "2028年第一轮督察（2028-2028）"
    assert next_year_name("编号120270", 2027) == "编号120270"


# --------------------------------------------------------------------------------------------
# every cadre of a generated scenario, against an independent reading of SPEC 3.2
# --------------------------------------------------------------------------------------------
def _points_in(sc, cadre, lo, hi) -> int:
    """Hardship points of the cadre's past (history + current posting up to the year before the
    plan) inside months lo..hi, at the units' hardship - SPEC 3.2 read afresh."""
    units = sc.unit_by_id
    pts = sum(units[h.unit_id].hardship * overlap_months(h.start, h.end, lo, hi)
              for h in sc.history if h.cadre_id == cadre.cadre_id)
    if cadre.unit_id is not None:
        pts += units[cadre.unit_id].hardship * overlap_months(cadre.unit_since, month_of(sc.plan_year - 1, 12), lo, hi)
    return pts


def test_generated_scenario_every_cadre():
    sc = generate_scenario("tiny", 0)
    r = solve(sc, time_limit=5, seed=0, workers=1)
    assert r.status == "OPTIMAL"
    nxt = advance(sc, r.plan)
    y, lb = sc.plan_year, sc.rules.hardship_lookback_years
    by = r.plan.by_cadre()
    for old in sc.cadres:
        new = nxt.cadre_by_id[old.cadre_id]
        lines = [sc.opening_by_id[a.opening_id] for a in by.get(old.cadre_id, [])]
        posting = next((o for o in lines if o.kind == "posting"), None)
        if posting:
            assert (new.unit_id, new.unit_since) == (posting.unit_id, month_of(y, 1))
            assert facts.years_at_unit(new, y + 1) == 1
        else:
            assert (new.unit_id, new.unit_since) == (old.unit_id, old.unit_since)
            assert facts.years_at_unit(new, y + 1) == facts.years_at_unit(old, y) + (old.unit_id is not None)
        assert facts.service_years(new, y + 1) == facts.service_years(old, y) + 1
        assert facts.grassroots_record(nxt, new) == facts.grassroots_record_after(
            sc, old, [o.opening_id for o in lines])
        # Next year's window is this year's minus its first year, plus the plan year itself: the
        # plan's lines at their units' hardship and, for whoever stayed, a year at the current unit.
        year_lines = sum(sc.unit_by_id[o.unit_id].hardship * o.months for o in lines)
        stayed = 12 * sc.unit_by_id[old.unit_id].hardship if (posting is None and old.unit_id) else 0
        dropped = _points_in(sc, old, month_of(y - lb, 1), month_of(y - lb, 12))
        assert facts.historical_points(nxt, new) == \
            facts.historical_points(sc, old) - dropped + year_lines + stayed, old.cadre_id


def test_cli_advance_validate_solve_check(tmp_path):
    sc = generate_scenario("tiny", 0)
    scen = write_scenario(sc, tmp_path / "y1")
    run = CliRunner()
    common = ["--time-limit", "5", "--seed", "0", "--workers", "1", "--quiet"]
    assert run.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "p1")] + common).exit_code == 0
    res = run.invoke(main, ["advance", str(scen), str(tmp_path / "p1"), "--out", str(tmp_path / "y2"), "--revise"])
    assert res.exit_code == 0, res.output
    assert "已推进到 2028 年" in res.output
    res = run.invoke(main, ["validate", str(tmp_path / "y2")])
    assert res.exit_code == 0, res.output
    res = run.invoke(main, ["solve", str(tmp_path / "y2"), "--out", str(tmp_path / "p2")] + common)
    assert res.exit_code == 0, res.output
    assert run.invoke(main, ["check", str(tmp_path / "y2"), str(tmp_path / "p2")]).exit_code == 0
    # A plan made for other data is refused; so is --out pointing at the scenario itself.
    res = run.invoke(main, ["advance", str(tmp_path / "y2"), str(tmp_path / "p1"), "--out", str(tmp_path / "y3")])
    assert res.exit_code == 2 and "other data" in res.output and not (tmp_path / "y3").exists()
    res = run.invoke(main, ["advance", str(scen), str(tmp_path / "p1"), "--out", str(scen)])
    assert res.exit_code == 5
    # the plan folder alone knows its scenario (SPEC 6)
    res = run.invoke(main, ["advance", str(tmp_path / "p1"), "--out", str(tmp_path / "y2b")])
    assert res.exit_code in (0, 3), res.output       # 3: the unrevised template cannot be planned
    assert (tmp_path / "y2b" / "scenario.yaml").is_file()


# --------------------------------------------------------------------------------------------
# template revision for simulations
# --------------------------------------------------------------------------------------------
def _posting_candidates(sc, cadre_id):
    el = Eligibility(sc)
    i = el.ca.index[cadre_id]
    return [sc.openings[j].opening_id for c, j in zip(el.cadre.tolist(), el.opening.tolist())
            if c == i and sc.openings[j].kind == "posting"]


def test_open_for_movers_gives_a_stuck_rotation_due_cadre_postings():
    # Next year C2 is not due; make C1's only postings unreachable: P2 asks for law, P3 for section rank.
    sc = with_opening(with_opening(hand_scenario().replace(locks=()), "P2", specialties=frozenset({"law"})), "P3",
                      ranks=frozenset({"section"}), min_seats=0)
    assert facts.rotation_due(sc, sc.cadre_by_id["C1"]) and _posting_candidates(sc, "C1") == []
    revised = open_for_movers(sc)
    added = [o for o in revised.openings if o.opening_id.startswith("N2027-C1-")]
    assert added and _posting_candidates(revised, "C1")
    assert all(o.unit_id != "U1" and sc.unit_by_id[o.unit_id].level != "external" for o in added)
    assert sorted(sc.unit_by_id[o.unit_id].hardship for o in added) == [2, 3]   # one per level reachable
    # C3 (recruit) is stuck too: P3 is section-only now; its openings are grassroots (R4).
    recruit = [o for o in revised.openings if o.opening_id.startswith("N2027-C3-")]
    assert recruit and all(sc.unit_by_id[o.unit_id].grassroots for o in recruit)
    assert solve(revised, time_limit=5, seed=0, workers=1).status == "OPTIMAL"


def test_open_for_movers_sees_two_movers_sharing_one_seat():
    # Both C1 (due) and the recruit C3 can take only P2, which has one seat: one of them is stuck.
    sc = with_opening(hand_scenario(), "P3", ranks=frozenset({"section"}), min_seats=0)
    assert _posting_candidates(sc, "C1") == ["P2"] == _posting_candidates(sc, "C3")
    revised = open_for_movers(sc)
    assert len(revised.openings) > len(sc.openings)
    assert solve(revised, time_limit=5, seed=0, workers=1).status == "OPTIMAL"


def test_relax_min_seats_and_open_for_grassroots():
    # P3 asks for environment; C1 is a lawyer, C2 serves at U3 already (R1): only C3 may take it.
    sc = with_cadre(with_opening(hand_scenario().replace(locks=()), "P3", min_seats=2,
                                 specialties=frozenset({"environment"})), "C1", specialty="law")
    assert [c for c in ("C1", "C2", "C3") if "P3" in _posting_candidates(sc, c)] == ["C3"]
    assert relax_min_seats(sc).opening_by_id["P3"].min_seats == 1
    assert relax_min_seats(hand_scenario()) == hand_scenario()          # nothing to lower
    # C1 lacks a grassroots record; with every grassroots opening closed to C1, one is opened.
    closed = hand_scenario().replace(locks=())
    for oid in ("P2", "P3", "K3"):
        closed = with_opening(closed, oid, specialties=frozenset({"chemistry"}), min_seats=0)
    revised = open_for_grassroots(closed)
    added = [o for o in revised.openings if o.opening_id.startswith("G2027-C1-")]
    assert added and all(closed.unit_by_id[o.unit_id].grassroots for o in added)
    assert revise_template(closed).openings[:len(closed.openings)] == closed.openings


def test_revise_template_drops_last_years_supplements():
    sc = with_opening(hand_scenario().replace(locks=()), "P2", specialties=frozenset({"law"}))
    sc = with_opening(sc, "P3", ranks=frozenset({"section"}), min_seats=0)
    revised = revise_template(sc)
    added = {o.opening_id for o in revised.openings} - {o.opening_id for o in sc.openings}
    assert added and all(i.startswith(("N2027-", "G2027-")) for i in added)
    # A year later the 2027 supplements are gone before this year's are opened.
    later = revise_template(revised.replace(plan_year=2028))
    assert not any(o.opening_id.startswith(("N2027-", "G2027-")) for o in later.openings)
    assert [o.opening_id for o in later.openings][:4] == ["P2", "P3", "K3", "T4"]


# --------------------------------------------------------------------------------------------
# the ledger carried forward (issue 13), --revise in plain numbers (issue 15)
# --------------------------------------------------------------------------------------------
def test_next_years_ledger_holds_this_years_plan():
    # The 2028 scenario alone (window 2023..2027) is the 2027 scenario with its plan (same window):
    # C1's move R1->R2 (U1 -> U2) of 2027 is history now, C1's task at U3 (R2) a secondment from
    # U2 (R2): none; C2's temporary at U4 (R1) while at U3 (R2) a secondment R2->R1; C3 a recruit.
    sc = hand_scenario()
    nxt = advance(sc, HAND_PLAN)
    with_plan = compute_ledger(sc, HAND_PLAN, 5)
    assert with_plan.as_dict() == {
        "years": [2023, 2024, 2025, 2026, 2027],
        "moves": [{"year": 2027, "from": "R1", "to": "R2", "count": 1}],
        "secondments": [{"year": 2027, "from": "R2", "to": "R1", "count": 1}],
        "barriers": []}
    for years in (1, 5, 8):
        assert compute_ledger(nxt, None, years).as_dict() == compute_ledger(sc, HAND_PLAN, years).as_dict()


def test_next_years_ledger_holds_the_demo_plan():
    sc = read_scenario(DEMO)
    result = solve(sc, time_limit=20, seed=0, workers=1)
    nxt = advance(sc, result.plan)
    assert compute_ledger(nxt, None, 5).as_dict() == compute_ledger(sc, result.plan, 5).as_dict()
    assert sum(n for y, *_, n in compute_ledger(nxt, None, 1).moves) == result.metrics["cross_region_postings"]


def test_revise_says_what_it_changed_in_numbers():
    sc = with_opening(hand_scenario().replace(locks=()), "P2", specialties=frozenset({"law"}))
    sc = with_opening(sc, "P3", ranks=frozenset({"section"}), min_seats=0)
    revised, rev = revise_with_report(sc)
    assert revised == revise_template(sc)
    assert rev.movers == ("C1", "C3") and len(rev.for_movers) == len(revised.openings) - len(sc.openings)
    assert (rev.before, rev.after) == (len(sc.openings), len(revised.openings))
    lines = revision_lines(rev, "en")
    assert lines[0] == f"--revise revised the openings template: 4 -> {rev.after} opening(s) (+{rev.after - 4}):"
    assert lines[1].startswith(f"  opened {len(rev.for_movers)} posting(s) for 2 cadre(s) who must move")
    # A year later last year's supplements are removed, and the lines say so.
    _, later = revise_with_report(revised.replace(plan_year=2028))
    assert later.removed == rev.for_movers + rev.for_grassroots
    assert revision_lines(later, "zh")[1].startswith(f"  删除 {len(later.removed)} 个往年为个别干部补充的岗位")


def test_cli_advance_revise_prints_each_change(tmp_path):
    run = CliRunner()
    plan = tmp_path / "plan"
    assert run.invoke(main, ["solve", str(DEMO), "--out", str(plan), "--workers", "1", "--quiet"]).exit_code == 0
    res = run.invoke(main, ["advance", str(DEMO), str(plan), "--out", str(tmp_path / "next"), "--revise",
                            "--lang", "en"])
    assert res.exit_code == 0, res.output
    nxt = read_scenario(tmp_path / "next")
    kept = len(read_scenario(DEMO).openings)
    assert f"{kept} opening(s) kept as template" in res.output
    assert f"--revise revised the openings template: {kept} -> {len(nxt.openings)} opening(s)" in res.output
    added = len(nxt.openings) - kept
    opened = [int(line.split()[1]) for line in res.output.splitlines() if line.startswith("  opened ")]
    assert sum(opened) == added
    assert "ledger: 2027's" in res.output


def test_advance_says_when_the_year_it_writes_cannot_be_planned(tmp_path):
    """Issue 15 point 3: the demo's template copied unchanged leaves rotation-due cadres without a
    posting next year; advance writes the year, then proves it by counting and exits 3."""
    scen = DEMO
    plan = tmp_path / "plan"
    run = CliRunner()
    assert run.invoke(main, ["solve", str(scen), "--out", str(plan), "--quiet", "--workers", "1"]).exit_code == 0
    res = run.invoke(main, ["advance", str(plan), "--out", str(tmp_path / "next")])
    assert res.exit_code == 3, res.output
    assert "无可行方案" in res.output and "R6" in res.output
    assert (tmp_path / "next" / "scenario.yaml").is_file()
    assert run.invoke(main, ["validate", str(tmp_path / "next")]).exit_code == 3
    res = run.invoke(main, ["advance", str(plan), "--out", str(tmp_path / "revised"), "--revise"])
    assert res.exit_code == 0, res.output
