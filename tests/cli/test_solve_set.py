"""solve --set KEY=VALUE (issue 15 point 4): one value changed for one run, through the same edits
sweep uses; the folder is untouched, summary.json records the change, and planner check re-applies it."""
from __future__ import annotations

import json

from click.testing import CliRunner
from scenario_builder import ScenarioBuilder

from planner.cli import main
from planner.io import write_scenario


def test_solve_set_changes_one_run_and_check_agrees(tmp_path):
    sc = (ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1", since="2019-01")
          .posting("P2", "U2").posting("P3", "U3").weights(fit=1).fit("C1", "P2", 50).build())
    scen = write_scenario(sc, tmp_path / "scen")
    before = {p.name: p.read_bytes() for p in scen.iterdir()}
    runner = CliRunner()
    r = runner.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "a"), "--quiet"])
    assert r.exit_code == 0 and "P2" in (tmp_path / "a" / "plan.csv").read_text()
    r = runner.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "b"), "--quiet",
                             "--set", "weights.fit=0", "--set", "openings.P2.seats=0"])
    assert r.exit_code == 0, r.output
    assert "P3" in (tmp_path / "b" / "plan.csv").read_text()
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert summary["weights"]["fit"] == 0
    assert summary["parameters"]["cli_set"] == [{"path": "weights.fit", "value": "0"},
                                                {"path": "openings.P2.seats", "value": "0"}]
    r = runner.invoke(main, ["check", str(tmp_path / "b")])
    assert r.exit_code == 0, r.output
    assert {p.name: p.read_bytes() for p in scen.iterdir()} == before
    r = runner.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "c"), "--set", "weights.nope=1"])
    assert r.exit_code == 2 and not (tmp_path / "c").exists()
