"""A new user's first hour (issue 15): init -> fill the template by hand (here by code, cell by
cell, with the Chinese labels a planner picks from the drop-down lists) -> validate -> solve
--report -> explain -> graph. Every step must succeed; with PLANNER_WRITE_DOCS=1 the transcript,
with timings, is written to docs/first-hour.md."""
from __future__ import annotations

import os
import shlex
import time
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from planner.check import check_dir
from planner.cli import main

ROOT = Path(__file__).resolve().parents[2]

REGIONS = [("R01", "北湖区", "否"), ("R02", "南山县", "是")]
UNITS = [("U01", "局机关综合科", "R01", "局机关", "否", "无", "否"),
         ("U02", "北湖分局", "R01", "分局", "是", "无", "否"),
         ("U03", "南山分局", "R02", "分局", "是", "艰苦", "是"),
         ("U04", "南山生态环境监测站", "R02", "监测站", "是", "偏远艰苦", "是")]
CADRES = [("C01", "王磊", "男", "1990-05", "2014-08", "硕士", "environment", "副科级", "行政编制", "U01", "2020-03",
           "R01", "优秀", "是", "", "否"),
          ("C02", "李娜", "女", "1994-11", "2018-07", "本科", "law", "科员", "行政编制", "U02", "2023-09", "R02",
           "称职", "否", "enforcement", "否"),
          ("C03", "张伟", "男", "1996-02", "2020-08", "本科", "chemistry", "科员", "参公编制", "U03", "2024-01", "R02",
           "称职", "否", "monitoring", "否"),
          ("C04", "陈静", "女", "2001-06", "2026-08", "硕士", "environment", "科员", "行政编制", "", "", "R01",
           "称职", "否", "", "否")]
OPENINGS = [("OP01", "南山分局 执法岗位", "交流任职", "U03", "1", "12", "1", "0", "科员;副科级", "environment;law", "",
             "", "是", "称职", "否", "0", "", "", "", "0"),
            ("OP02", "北湖分局 综合岗位", "交流任职", "U02", "1", "12", "2", "0", "科员;副科级", "", "", "", "是", "",
             "否", "0", "", "", "", "0"),
            ("OP03", "南山生态环境监测站 挂职锻炼", "挂职锻炼", "U04", "3", "8", "1", "0", "", "", "", "", "是", "",
             "否", "0", "", "", "", "3")]


def _fill(ws, rows) -> None:
    """Replace the example rows with ours, cell by cell, as a planner types them."""
    ws.delete_rows(2, ws.max_row)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value or None)


def test_first_hour(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    transcript = []

    def step(title: str, argv: list, expect: int = 0) -> str:
        t0 = time.perf_counter()
        result = CliRunner().invoke(main, argv)
        seconds = time.perf_counter() - t0
        assert result.exit_code == expect, (argv, result.output[-2000:])
        shown = "\n".join(result.output.splitlines()[:25])
        transcript.append(f"### {title}\n\n```console\n$ planner {shlex.join(argv)}\n{shown}\n```\n\n"
                          f"exit {result.exit_code}, {seconds:.1f} s\n")
        return result.output

    step("1. A template to fill in", ["init", "城南局"])
    out = step("2. Validate the untouched template: it says what to fill in", ["validate", "城南局"], expect=2)
    assert "name" in out and "plan_year" in out
    yaml_path = Path("城南局/scenario.yaml")
    text = yaml_path.read_text(encoding="utf-8")
    text = text.replace("name:  ", "name: 城南市生态环境局 2027 年度年轻干部交流计划 ", 1)
    yaml_path.write_text(text.replace("plan_year:  ", "plan_year: 2027 ", 1), encoding="utf-8")
    wb = load_workbook("城南局/scenario.xlsx")
    _fill(wb["regions"], REGIONS)
    _fill(wb["units"], UNITS)
    _fill(wb["cadres"], CADRES)
    _fill(wb["openings"], OPENINGS)
    for optional in ("history", "relations", "preferences", "fit", "locks"):
        _fill(wb[optional], [])
    wb.save("城南局/scenario.xlsx")
    transcript.append("### 3. Fill in the sheets\n\nName and plan year in scenario.yaml; 2 regions, 4 units, "
                      "4 cadres (one new recruit) and 3 openings typed into scenario.xlsx with the Chinese "
                      "labels of the drop-down lists (科员, 行政编制, 交流任职, 偏远艰苦, 是/否 …).\n")
    step("4. Validate", ["validate", "城南局"])
    step("5. Plan, with the committee pack", ["solve", "城南局", "--out", "方案", "--report"])
    assert check_dir("城南局", "方案").ok
    assert Path("方案/committee.xlsx").is_file() and Path("方案/memo.docx").is_file()
    step("6. Why a cadre goes where she goes", ["explain", "方案", "--cadre", "C04", "--max-resolves", "1"])
    step("7. The exchange between regions", ["graph", "方案"])
    if os.environ.get("PLANNER_WRITE_DOCS") == "1":
        head = ("# The first hour\n\nA transcript made by `tests/docs/test_first_hour.py` "
                "(`PLANNER_WRITE_DOCS=1 python -m pytest tests/docs/test_first_hour.py`): a new scenario "
                "from `planner init` to a committee pack, as a planner would do it. Timings on the 2-core "
                "development machine.\n\n")
        (ROOT / "docs" / "first-hour.md").write_text(head + "\n".join(transcript), encoding="utf-8")
