"""`planner compare` in the reader's words (issue 15): names and units beside the ids, both plans'
weights, Chinese by default; a plan of other data than --scenario is refused."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from scenario_builder import ScenarioBuilder

from planner.check import check_dir
from planner.cli import main
from planner.io import write_scenario


@pytest.fixture()
def two_plans(tmp_path):
    sc = (ScenarioBuilder().unit("U1").unit("U2").unit("U3")
          .cadre("C1", since="2019-01").posting("P2", "U2").posting("P3", "U3")
          .weights(fit=1).fit("C1", "P2", 50).build())
    scen = write_scenario(sc, tmp_path / "scen")
    a, b = tmp_path / "a", tmp_path / "b"
    runner = CliRunner()
    assert runner.invoke(main, ["solve", str(scen), "--out", str(a), "--quiet"]).exit_code == 0
    assert runner.invoke(main, ["solve", str(scen), "--out", str(b), "--quiet", "--forbid", "C1=P2"]).exit_code == 0
    assert check_dir(sc, a).ok
    return scen, a, b


def test_compare_names_units_and_weights(two_plans):
    scen, a, b = two_plans
    r = CliRunner().invoke(main, ["compare", str(a), str(b)])
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if "干部C1（C1）" in x)
    assert line.split()[0] == "变更" and "单位U2" in line and "单位U3" in line
    assert "权重" in r.output and "人岗相适（fit）" in r.output
    en = CliRunner().invoke(main, ["compare", str(a), str(b), "--lang", "en"]).output
    assert "changed" in en and "C1 干部C1" in en and "weight" in en


def test_compare_refuses_a_plan_of_other_data(two_plans, tmp_path):
    _, a, b = two_plans
    other = write_scenario(ScenarioBuilder().unit("U1").unit("U9").cadre("C1", since="2019-01")
                           .posting("P9", "U9").build(), tmp_path / "other")
    r = CliRunner().invoke(main, ["compare", str(a), str(b), "--scenario", str(other)])
    assert r.exit_code == 2 and "other data" in r.output
