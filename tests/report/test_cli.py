"""``planner report`` and ``planner solve --report``: the pack written, or a clear refusal."""
from __future__ import annotations

import openpyxl
import pytest
import report_fixtures
from click.testing import CliRunner

from planner.check import read_plan
from planner.cli import main
from planner.report import ReportError, load_plan, write_report

# Fixtures shared by the report tests (tests/report/report_fixtures.py).
cheap_pictures = report_fixtures.cheap_pictures
solved = report_fixtures.solved


def test_report_needs_a_scenario(solved):
    plan_dir = solved[2]
    with pytest.raises(ReportError, match="--scenario"):
        write_report(plan_dir)
    res = CliRunner().invoke(main, ["report", str(plan_dir)])
    assert res.exit_code == 2
    assert "--scenario" in res.output


def test_report_of_a_plan_for_other_data(solved, tiny):
    plan_dir = solved[2]
    from planner.io import read_scenario
    with pytest.raises(ReportError, match="not in the scenario"):
        load_plan(plan_dir, read_scenario(tiny))
    res = CliRunner().invoke(main, ["report", str(plan_dir), "--scenario", str(tiny)])
    assert res.exit_code == 2 and "other data" in res.output      # refused by its hash (SPEC 6)


def test_report_of_an_infeasible_folder(tiny, tmp_path):
    # tests/data/tiny is infeasible: its new recruit C3 has no grassroots posting open to him.
    runner = CliRunner()
    res = runner.invoke(main, ["solve", str(tiny), "--out", str(tmp_path / "p"), "--quiet"])
    assert res.exit_code == 3
    res = runner.invoke(main, ["report", str(tmp_path / "p"), "--scenario", str(tiny)])
    assert res.exit_code == 2 and "infeasible" in res.output
    assert not (tmp_path / "p" / "committee.xlsx").exists() and not (tmp_path / "p" / "memo.docx").exists()


def test_cli_report_out_and_solve_report(solved, tmp_path, cheap_pictures):
    _, sc_dir, plan_dir, rows, _, _ = solved
    runner = CliRunner()
    out = tmp_path / "会议材料.xlsx"
    res = runner.invoke(main, ["report", str(plan_dir), "--scenario", str(sc_dir), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert str(out) in res.output and out.is_file()
    assert f"memo: {tmp_path / 'memo.docx'}" in res.output and (tmp_path / "memo.docx").is_file()
    res = runner.invoke(main, ["solve", str(sc_dir), "--out", str(tmp_path / "p"), "--quiet", "--report",
                               "--time-limit", "30", "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "p" / "memo.docx").is_file()
    wb = openpyxl.load_workbook(tmp_path / "p" / "committee.xlsx")
    ws = wb["附录二 安排明细"]
    assert ws.max_row - 2 == len(read_plan(tmp_path / "p")[0])          # every plan line, once
