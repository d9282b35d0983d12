"""planner init (issue 15 point 2): a template a planner fills in by hand. Its sheets have the
reader's headers, a Chinese note on every column, drop-down lists of Chinese labels for the coded
columns, example rows, a 填表说明 sheet; the untouched template says what to fill in, and once
the name and year are filled the examples validate and solve."""
from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook
from scenario_builder import ScenarioBuilder

from planner.check import check_dir
from planner.cli import main
from planner.io import read_scenario, write_scenario


def _headers_of_the_writer(tmp_path) -> dict:
    sc = (ScenarioBuilder().unit("U1").unit("U2").cadre("C1").cadre("C2").posting("P2", "U2")
          .fit("C1", "P2", 5).build())
    wb = load_workbook(write_scenario(sc, tmp_path / "ref", xlsx=True) / "scenario.xlsx", read_only=True)
    return {ws.title: [c.value for c in next(ws.iter_rows(max_row=1))] for ws in wb}


def test_init_writes_a_template_a_planner_can_fill(tmp_path):
    out = tmp_path / "mine"
    r = CliRunner().invoke(main, ["init", str(out)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out / "scenario.xlsx")
    assert wb.sheetnames[0] == "填表说明"
    reference = _headers_of_the_writer(tmp_path)
    for table, headers in reference.items():
        ws = wb[table]
        assert [c.value for c in ws[1]][: len(headers)] == headers, table
        assert all(c.comment is not None and c.comment.text for c in ws[1]), table
        assert ws.max_row >= 2                                     # an example row
    lists = {table: [dv.formula1 for dv in wb[table].data_validations.dataValidation] for table in reference}
    assert any("正科级" in f for f in lists["cadres"]) and any("行政编制" in f for f in lists["cadres"])
    assert any("交流任职" in f for f in lists["openings"])
    assert not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row)
    assert "# 计划名称" in (out / "scenario.yaml").read_text(encoding="utf-8")


def test_untouched_template_says_what_to_fill_in_then_solves(tmp_path):
    out = tmp_path / "mine"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(out)]).exit_code == 0
    r = runner.invoke(main, ["validate", str(out)])
    assert r.exit_code == 2
    problems = [line for line in r.output.splitlines() if line.startswith("scenario")]
    assert any("scenario.yaml: name" in p for p in problems) and any("plan_year" in p for p in problems)
    assert not any("scenario.xlsx" in p for p in problems), problems        # the examples are valid
    text = (out / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("name:  ", "name: 测试局 2027 年度交流计划 ", 1).replace("plan_year:  ", "plan_year: 2027 ", 1)
    (out / "scenario.yaml").write_text(text, encoding="utf-8")
    r = runner.invoke(main, ["validate", str(out)])
    assert r.exit_code == 0, r.output
    sc = read_scenario(out)
    assert sc.cadre_by_id["C0001"].rank == "staff" and sc.cadre_by_id["C0002"].unit_id is None
    r = runner.invoke(main, ["solve", str(out), "--out", str(tmp_path / "plan"), "--quiet"])
    assert r.exit_code == 0, r.output
    assert check_dir(sc, tmp_path / "plan").ok


def test_init_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "cadres.csv").write_text("keep")
    r = CliRunner().invoke(main, ["init", str(tmp_path / "x")])
    assert r.exit_code == 5 and (tmp_path / "x" / "cadres.csv").read_text() == "keep"
