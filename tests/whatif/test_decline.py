"""``planner decline`` (SPEC 9): the declined line is gone, every rule holds (planner.check), the
re-plan changes fewer lines than a re-plan without baseline, the chain of who moves instead is in
words and in decline.md, a later decline keeps the earlier one barred, a locked line and a line
without which no plan exists are answered as such."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from decline_cases import chain_scenario
from scenario_builder import ScenarioBuilder, fresh_highs_scheduler, solve_checked  # noqa: F401

from planner import api
from planner.check import check_dir, check_plan
from planner.cli import main
from planner.edits import with_lock
from planner.io import write_scenario
from planner.whatif.decline import DeclineError, decline

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo"


def _run(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res


@pytest.fixture(scope="module")
def demo():
    return api.read_scenario(DEMO)


@pytest.fixture(scope="module")
def demo_plan(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "plan"
    result = api.solve(demo, workers=1, time_limit=30)
    api.save_plan(result, demo, out)
    assert check_dir(demo, out).ok
    return out, result


def test_a_chain_of_who_moves_instead():
    sc, rows = chain_scenario()
    out = decline(sc, rows, "A1", "P1", workers=1)
    assert out.result.status == "OPTIMAL"
    assert out.result.plan.pairs() == {("B1", "P1"), ("C1", "P2")}
    assert check_plan(sc, out.result.plan, out.result.summary()).ok
    assert out.replan.changes == 2
    assert [[(s["step"], s["cadre"], s["opening"]) for s in chain] for chain in out.chains] == [
        [("declines", "A1", "P1"), ("takes", "B1", "P1"), ("takes", "C1", "P2")]]
    words = out.chain_words("zh")[0]
    assert words == ("A1（干部A1） 谢绝 P1（岗位P1） → B1（干部B1） 接任 P1（岗位P1）（原安排 P2） "
                     "→ C1（干部C1） 接任 P2（岗位P2）")
    assert out.chain_words("en")[0].startswith("A1 (干部A1) declines P1 (岗位P1) → B1 (干部B1) takes P1")


def test_a_seat_nobody_needs_to_take_costs_one_change():
    sc, rows = chain_scenario()
    sc = sc.replace(openings=tuple(dataclasses.replace(o, min_seats=0) for o in sc.openings))
    out = decline(sc, rows, "B1", "P2", workers=1)
    # C1 takes P2 at no cost (a seat a declined line left is not counted when someone takes it).
    assert out.result.plan.pairs() == {("A1", "P1"), ("C1", "P2")}
    assert out.replan.changes == 0


def test_demo_decline_is_checked_and_changes_less_than_a_fresh_replan(demo, demo_plan):
    folder, base = demo_plan
    out = decline(demo, base.plan, "C0015", "OP030", workers=1, earlier=folder)
    plan = out.result.plan
    assert ("C0015", "OP030") not in plan.pairs()
    report = check_plan(demo, plan, out.result.summary())
    assert report.ok, [str(v) for v in report.violations]
    fresh = solve_checked(with_lock(demo, "C0015", "OP030", "forbid"), time_limit=30)
    changed = len(plan.pairs() ^ base.plan.pairs())
    assert changed < len(fresh.plan.pairs() ^ base.plan.pairs())
    assert out.baseline_objective == base.objective


def test_cli_writes_a_checked_plan_folder_and_keeps_earlier_declines(demo_plan, tmp_path):
    folder, base = demo_plan
    first = tmp_path / "first"
    res = _run("decline", DEMO, folder, "--cadre", "C0015", "--opening", "OP030", "--out", first, "--workers", "1")
    assert res.exit_code == 0, res.output
    assert "替补链：" in res.output and "C0015（李霞薇） 谢绝 OP030" in res.output
    for name in ("plan.csv", "summary.json", "decline.md", "decline.json"):
        assert (first / name).is_file()
    assert _run("check", DEMO, first).exit_code == 0
    md = (first / "decline.md").read_text(encoding="utf-8")
    assert md.startswith("# ") and "- C0015（李霞薇） 谢绝 OP030" in md and "改动的计算" in md
    second = tmp_path / "second"
    line = next(a for a in base.plan.assignments if a.cadre_id != "C0015" and a.kind == "posting")
    # The decline folder knows its scenario (summary.json): the plan folder alone is enough.
    res = _run("decline", first, "--cadre", line.cadre_id, "--out", second, "--workers", "1", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "declined earlier (still barred): C0015/OP030" in res.output
    book = json.loads((second / "decline.json").read_text(encoding="utf-8"))
    assert ["C0015", "OP030"] in book["barred"] and [line.cadre_id, line.opening_id] in book["barred"]
    pairs = {(r.split(",")[0], r.split(",")[1]) for r in (second / "plan.csv").read_text().splitlines()[1:]}
    assert ("C0015", "OP030") not in pairs and (line.cadre_id, line.opening_id) not in pairs
    assert _run("check", DEMO, second).exit_code == 0
    assert _run("check", second).exit_code == 0


def test_a_locked_line_and_an_unknown_line_are_refused(demo, demo_plan):
    _, base = demo_plan
    lock = next(lk for lk in demo.locks if lk.lock == "require")
    with pytest.raises(DeclineError, match="lift the lock"):
        decline(demo, base.plan, lock.cadre_id, lock.opening_id)
    with pytest.raises(DeclineError, match="no such cadre"):
        decline(demo, base.plan, "NOBODY")
    idle = next(c.cadre_id for c in demo.cadres if c.cadre_id not in {a.cadre_id for a in base.plan.assignments})
    with pytest.raises(DeclineError, match="nothing to decline"):
        decline(demo, base.plan, idle)


def test_no_plan_without_the_line_exits_3_with_a_diagnosis(tmp_path):
    # A recruit whose only grassroots posting is P1 (R4): declining it leaves no valid plan.
    b = ScenarioBuilder()
    b.unit("U1", grassroots=True).unit("U2")
    b.recruit("R1").posting("P1", "U1").posting("P2", "U2")
    scen = tmp_path / "scenario"
    write_scenario(b.build(), scen)
    plan_dir = tmp_path / "plan"
    assert _run("solve", scen, "--out", plan_dir, "--workers", "1").exit_code == 0
    out = tmp_path / "declined"
    res = _run("decline", scen, plan_dir, "--cadre", "R1", "--out", out)
    assert res.exit_code == 3, res.output
    assert "没有满足全部规则的方案" in res.output
    assert (out / "diagnosis.md").is_file() and not (out / "plan.csv").exists()
    assert "R4" in json.loads((out / "diagnosis.json").read_text(encoding="utf-8"))["rules"]
