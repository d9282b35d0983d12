"""Fixtures of the report tests: a solved, checked plan of a small scenario with its committee pack, and
stand-in pictures. Imported by name (``from report_fixtures import solved``): a conftest.py here would
shadow the root one that other tests import as ``conftest``."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[2]
CASES = Path("/work/shared/cases")
if not CASES.is_dir():                      # CI keeps a copy of shared/ beside the clone
    CASES = REPO.parent / "shared" / "cases"
CASE_B = CASES / "b_valid_utf8_bom"


_SOLVED: dict = {}     # each test module imports the fixture; the plan is solved once for all


@pytest.fixture(scope="session")
def solved(tmp_path_factory):
    """(scenario, scenario_dir, plan_dir, plan rows, summary, workbook) of a solved small scenario
    (the shared case b_valid_utf8_bom: relations, locks, extra columns 民族 and 职务; else the
    generated tiny scenario), its plan checked by planner.check, its pack written by write_report."""
    if "pack" not in _SOLVED:
        _SOLVED["pack"] = _solve_and_report(tmp_path_factory)
    return _SOLVED["pack"]


def _solve_and_report(tmp_path_factory) -> tuple:
    from planner.check import check_dir, read_plan
    from planner.io import read_scenario, write_scenario
    from planner.io.plan_files import write_result
    from planner.report import write_report
    from planner.solve import solve

    base = tmp_path_factory.mktemp("report")
    if CASE_B.is_dir():
        sc_dir = CASE_B
    else:
        from planner.generate import generate_scenario
        sc_dir = base / "scenario"
        write_scenario(generate_scenario("tiny", 1), sc_dir)
    sc = read_scenario(sc_dir)
    result = solve(sc, time_limit=30, seed=0, workers=1)
    assert result.plan is not None and len(result.plan) > 0
    plan_dir = base / "plan"
    write_result(result, sc, plan_dir, lang="zh")
    report = check_dir(sc, plan_dir)
    assert report.ok, [str(v) for v in report.violations] + [str(d) for d in report.metric_diffs]
    path = write_report(plan_dir, scenario_dir=sc_dir, lang="zh")
    assert path == plan_dir / "committee.xlsx" and path.is_file()
    rows, summary = read_plan(plan_dir)
    wb = openpyxl.load_workbook(path)
    return sc, sc_dir, plan_dir, rows, summary, wb


@pytest.fixture
def cheap_pictures(monkeypatch):
    """Stand-in pictures (a 4×4 PNG) for tests of the workbook that do not look at them: drawing
    the three real ones is most of the time a workbook takes."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format="PNG")
    png = buf.getvalue()
    from planner.report import sheet_exchange, sheet_fairness

    monkeypatch.setattr(sheet_fairness, "lorenz_png", lambda *a, **k: png)
    monkeypatch.setattr(sheet_fairness, "hardship_histogram_png", lambda *a, **k: png)
    monkeypatch.setattr(sheet_exchange, "exchange_graph_png", lambda *a, **k: png)
