"""report --alternates (issue 13 point 5): each posting line of 调整名单 names its alternate, the
cadre who takes the seat in that line's decline re-plan."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from planner.cli import main
from planner.io.plan_files import read_plan_folder
from planner.whatif.decline import alternates

BASE = Path(__file__).resolve().parents[1] / "hostile" / "base"


def test_report_alternates_names_who_would_take_each_seat(tmp_path):
    scen = tmp_path / "scen"
    shutil.copytree(BASE, scen)
    runner = CliRunner()
    assert runner.invoke(main, ["solve", str(scen), "--out", str(tmp_path / "plan"), "--quiet"]).exit_code == 0
    r = runner.invoke(main, ["report", str(tmp_path / "plan"), "--alternates"])
    assert r.exit_code == 0, r.output
    sc, rows, _ = read_plan_folder(tmp_path / "plan")
    postings = [(a.cadre_id, a.opening_id) for a in rows if a.kind == "posting"]
    expected = alternates(sc, rows, lines=postings)
    named = {sc.cadre_by_id[alt].name for alt in expected.values() if alt}
    sheet = load_workbook(tmp_path / "plan" / "committee.xlsx")["调整名单"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    for name in named:
        assert any("备选" in c and name in c for c in cells), name
