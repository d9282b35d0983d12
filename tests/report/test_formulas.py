"""No input text is ever a formula in the workbook (issue 11 point 1).

A scenario whose region, unit, cadre and opening names, extra columns (names and values), lock
note, relation and scenario name start with =, +, - and @ (a DDE payload among them) is solved
and reported through the CLI; the workbook opened with openpyxl has no formula cell and every
text is there as it was typed. The memo keeps them as text too.
"""
from __future__ import annotations

import openpyxl
import report_fixtures
from click.testing import CliRunner
from docx import Document
from xlsx_checks import assert_no_formulas

from models import Cadre, Lock, Opening, Region, Relation, Scenario, Unit, month_index
from planner.check import check_dir
from planner.cli import main
from planner.io import write_scenario

# Fixtures shared by the report tests (tests/report/report_fixtures.py).
cheap_pictures = report_fixtures.cheap_pictures

DDE = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://x.example","点我")'
HOSTILE = [DDE, LINK, "+1+1", "-2-2", "@SUM(A1:A2)", "=1+1"]


def _hostile_scenario() -> Scenario:
    m = month_index
    regions = (Region("RA", "=甲区"), Region("RB", "@乙县", True))
    units = (Unit("UA", "+甲区分局", "RA", "branch", True, 1), Unit("UB", "-乙县分局", "RB", "branch", True, 3),
             Unit("UC", LINK, "RA", "station", True, 1))

    def cadre(cid, name, unit, extra):
        return Cadre(cid, name, "F", m("1994-01"), m("2016-07"), "=本科", "law", "staff", "admin", unit,
                     m("2020-01"), "RB", "competent", extra=(("=民族", extra), ("职务", "@科长")))

    cadres = (cadre("C1", DDE, "UA", "=汉族"), cadre("C2", "+张三", "UB", "-回族"), cadre("C3", "@李四", "UC", LINK))
    openings = (Opening("P1", "=乙县分局 岗位", "posting", "UB", 1, 12, 2),
                Opening("P2", "+甲区分局 岗位", "posting", "UA", 1, 12, 2),
                Opening("P3", "-监测站 岗位", "posting", "UC", 1, 12, 2),
                Opening("K1", "@督察（乙县）", "task", "UB", 4, 5, 2))
    return Scenario(DDE, 2027, regions, units, cadres, openings, extra_columns=("=民族", "职务"),
                    relations=(Relation("C2", "C3", "=配偶"),), locks=(Lock("C1", "P1", "require", "=HYPERLINK(1)"),))


def test_hostile_text_stays_text(tmp_path, cheap_pictures):
    sc_dir, out = tmp_path / "scenario", tmp_path / "plan"
    write_scenario(_hostile_scenario(), sc_dir)
    res = CliRunner().invoke(main, ["solve", str(sc_dir), "--out", str(out), "--quiet", "--report",
                                    "--workers", "1", "--time-limit", "20"])
    assert res.exit_code == 0, res.output
    from planner.io import read_scenario
    sc = read_scenario(sc_dir)
    assert sc.name == DDE and sc.cadre_by_id["C1"].name == DDE
    assert check_dir(sc, out).ok
    assert assert_no_formulas(out / "committee.xlsx") > 50
    wb = openpyxl.load_workbook(out / "committee.xlsx")
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    joined = "\n".join(texts)
    for typed in (DDE, LINK, "+张三", "@李四", "=汉族", "-回族", "=民族", "=乙县分局 岗位", "=甲区", "@乙县"):
        assert typed in joined, typed
    assert DDE in texts                                   # the scenario name, in A1 of 附录 sheets
    assert wb["说明"]["A1"].value == DDE and wb["说明"]["A1"].data_type == "s"
    memo = Document(out / "memo.docx")
    assert any(DDE in p.text for p in memo.paragraphs)


def test_assert_no_formulas_catches_a_formula(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=1+1"
    wb.save(tmp_path / "f.xlsx")
    try:
        assert_no_formulas(tmp_path / "f.xlsx")
    except AssertionError as err:
        assert "A1" in str(err)
    else:
        raise AssertionError("a formula cell went unnoticed")
