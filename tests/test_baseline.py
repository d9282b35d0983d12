"""Issue 6: re-planning against a baseline (`planner solve --baseline`) and command-line locks.

The stability term with a baseline (planner/terms.py term_stability) is
    -100 per posting of a cadre no rule requires to move  -100 per line changed against the baseline
where a changed line is a baseline line dropped or a new line added; the stability weight
multiplies both. These tests pin that form and its effect.
"""
import json

import pytest
from click.testing import CliRunner

from planner import api
from planner.check import check_dir
from planner.cli import main
from planner.generate import generate_scenario
from planner.io import write_scenario
from planner.model.eligibility import cadre_arrays

OPTS = {"time_limit": 5, "seed": 0, "workers": 1}


@pytest.fixture(scope="module")
def sc():
    return generate_scenario("tiny", 0)


@pytest.fixture(scope="module")
def base(sc):
    r = api.solve(sc, **OPTS)
    assert r.status == "OPTIMAL"
    return r


@pytest.fixture(scope="module")
def other(sc, base):
    """A valid plan that differs from the base plan (other weights): any lock it satisfies is feasible."""
    r = api.solve(api.with_weights(sc, fairness=0, fit=0, preference=0), **OPTS)
    assert r.status == "OPTIMAL" and r.plan.pairs() != base.plan.pairs()
    return r


def _free_postings(sc, plan) -> int:
    must = dict(zip(cadre_arrays(sc).ids, cadre_arrays(sc).must_post.tolist()))
    return sum(1 for a in plan.assignments if a.kind == "posting" and not must[a.cadre_id])


def test_baseline_of_an_optimal_plan_changes_nothing(sc, base):
    again = api.solve(sc, baseline=base, **OPTS)
    assert again.status == "OPTIMAL"
    cmp = api.compare(base, again)
    assert cmp.identical and cmp.unchanged == len(base.plan)
    assert again.terms == base.terms and again.objective == base.objective
    assert again.parameters["baseline_lines"] == len(base.plan)


def test_every_changed_line_costs_100_times_the_stability_weight(sc, base, other):
    # Forbid one line of the baseline (one that another valid plan does without, so the forbid is
    # feasible): the re-plan must change at least that line.
    line = next(a for a in base.plan.assignments if (a.cadre_id, a.opening_id) not in other.plan.pairs())
    forced = api.with_lock(sc, line.cadre_id, line.opening_id, "forbid")
    with_base = api.solve(forced, baseline=base, **OPTS)
    without = api.solve(forced, **OPTS)
    assert with_base.status == without.status == "OPTIMAL"
    changed = len(base.plan.pairs() ^ with_base.plan.pairs())
    assert (line.cadre_id, line.opening_id) not in with_base.plan.pairs() and changed >= 1
    assert with_base.terms["stability"] == -100 * _free_postings(sc, with_base.plan) - 100 * changed
    # Minimal change: no plan found without the baseline changes fewer lines.
    assert changed <= len(base.plan.pairs() ^ without.plan.pairs())
    # A larger stability weight can only lower the number of changed lines.
    heavy = api.solve(api.with_weights(forced, stability=50), baseline=base, **OPTS)
    assert len(base.plan.pairs() ^ heavy.plan.pairs()) <= changed


def test_cli_baseline_and_locks(sc, base, other, tmp_path):
    scen = write_scenario(sc, tmp_path / "scen")
    run = CliRunner()
    common = ["--time-limit", "5", "--seed", "0", "--workers", "1", "--quiet"]
    res = run.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "p1")] + common)
    assert res.exit_code == 0, res.output
    res = run.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "p2"), "--baseline", str(tmp_path / "p1")]
                     + common)
    assert res.exit_code == 0, res.output
    res = run.invoke(main, ["compare", str(tmp_path / "p1"), str(tmp_path / "p2"), "--lang", "en"])
    assert "0 added, 0 removed, 0 changed" in res.output
    summary = json.loads((tmp_path / "p2" / "summary.json").read_text())
    assert summary["parameters"]["baseline"] == str(tmp_path / "p1")

    # Require a pair the other plan holds and the base plan does not, forbid one the other plan
    # does without: the other plan obeys both, so the locked scenario is feasible.
    cadre, opening = sorted(other.plan.pairs() - base.plan.pairs())[0]
    kept = sorted(base.plan.pairs() - other.plan.pairs())[-1]
    res = run.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "p3"), "--lock", f"{cadre}={opening}",
                            "--forbid", f"{kept[0]}={kept[1]}"] + common)
    assert res.exit_code == 0, res.output
    plan3, summary3 = api.load_plan(tmp_path / "p3")
    assert (cadre, opening) in plan3.pairs() and kept not in plan3.pairs()
    line = next(a for a in plan3.assignments if (a.cadre_id, a.opening_id) == (cadre, opening))
    assert "lock" in line.reasons
    assert summary3["parameters"]["cli_locks"] == [
        {"cadre_id": cadre, "opening_id": opening, "lock": "require"},
        {"cadre_id": kept[0], "opening_id": kept[1], "lock": "forbid"}]
    # The folder's data is unchanged, so its hash stays and the plan checks against it.
    assert summary3["scenario_sha256"] == api.read_scenario(scen).sha256
    assert check_dir(scen, tmp_path / "p3").ok


@pytest.mark.parametrize("args, message", [
    (["--lock", "C0001"], "expected CADRE=OPENING"),
    (["--lock", "NOPE=OP001"], "no cadre 'NOPE'"),
    (["--forbid", "C0001=NOPE"], "no opening 'NOPE'"),
])
def test_cli_bad_locks_exit_2(sc, tmp_path, args, message):
    scen = write_scenario(sc, tmp_path / "scen")
    res = CliRunner().invoke(main, ["solve", str(scen), "--out", str(tmp_path / "p")] + args)
    assert res.exit_code == 2 and message in res.output
    assert not (tmp_path / "p").exists()


def test_cli_unreadable_baseline_exits_2(sc, tmp_path):
    scen = write_scenario(sc, tmp_path / "scen")
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(main, ["solve", str(scen), "--out", str(tmp_path / "p"), "--baseline",
                                    str(tmp_path / "empty")])
    assert res.exit_code == 2 and "plan.csv: file is missing" in res.output
