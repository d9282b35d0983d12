"""Every shared edge case through ``planner solve CASE --out DIR`` (click's CliRunner).

Cases that reach a solver (exit 0 or 3) run once per backend (``--solver``, the ``solver`` fixture
of tests/conftest.py); an invalid scenario (exit 2) never reaches one and runs once. The HiGHS and
CBC variants are slow (each CLI run costs a second, and the valid cases already meet every backend
in test_oracles.py::test_backends_agree_on_shared_cases).

- the exit code is the one expect.json names;
- exit 0: ``planner check CASE DIR`` passes, and summary.json's metrics are the checker's;
- exit 3: diagnosis.json and diagnosis.md exist, plan.csv does not, and every ``must_mention``
  item (a list item: any one of its strings) appears in the printed output or in diagnosis.md;
- exit 2: nothing is written (and ``must_mention`` appears in the output).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.check import check_dir
from planner.cli import main

CASES = Path(__file__).resolve().parents[3] / "shared" / "cases"     # shared/ beside the clone (as in CI)
if not CASES.is_dir():
    CASES = Path("/work/shared/cases")
CASE_DIRS = sorted(p for p in CASES.glob("*") if (p / "expect.json").is_file()) if CASES.is_dir() else []


def _expected_exit(case: Path) -> int:
    return json.loads((case / "expect.json").read_text(encoding="utf-8"))["exit"]


SOLVED_CASES = [c for c in CASE_DIRS if _expected_exit(c) != 2]
INVALID_CASES = [c for c in CASE_DIRS if _expected_exit(c) == 2]


def _missing(items, text):
    """The must_mention items not found in ``text`` (a list item is met by any one string)."""
    out = []
    for item in items:
        options = item if isinstance(item, list) else [item]
        if not any(o in text for o in options):
            out.append(item)
    return out


@pytest.mark.skipif(not CASE_DIRS, reason=f"shared cases not found at {CASES}")
@pytest.mark.slow_on("highs", "cbc")
@pytest.mark.parametrize("case", SOLVED_CASES, ids=lambda p: p.name)
def test_case_solve(case, solver, tmp_path):
    _run_case(case, tmp_path, ["--solver", solver])


@pytest.mark.skipif(not CASE_DIRS, reason=f"shared cases not found at {CASES}")
@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda p: p.name)
def test_case_invalid(case, tmp_path):
    _run_case(case, tmp_path, [])


def _run_case(case, tmp_path, options):
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(main, ["solve", str(case), "--out", str(out), "--workers", "1", *options])
    printed = res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), printed
    assert res.exit_code == expect["exit"], f"{case.name}: exit {res.exit_code}, expected {expect['exit']}\n{printed}"
    assert "Traceback" not in printed
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []

    if expect["exit"] == 0:
        assert "plan.csv" in written and "summary.json" in written
        chk = runner.invoke(main, ["check", str(case), str(out)])
        assert chk.exit_code == 0, chk.output
        report = check_dir(case, out)
        assert report.ok, [str(v) for v in report.violations] + [str(d) for d in report.metric_diffs]
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["status"] in ("OPTIMAL", "FEASIBLE")
        assert summary["metrics"] == pytest.approx(report.metrics)
        assert not _missing(expect["must_mention"], printed)
    elif expect["exit"] == 3:
        assert "diagnosis.json" in written and "diagnosis.md" in written
        assert "plan.csv" not in written
        diag = json.loads((out / "diagnosis.json").read_text(encoding="utf-8"))
        assert diag["rules"], diag
        md = (out / "diagnosis.md").read_text(encoding="utf-8")
        missing = _missing(expect["must_mention"], printed + "\n" + md)
        assert not missing, f"{case.name}: {missing} not mentioned\n{printed}\n{md}"
    elif expect["exit"] == 2:
        assert written == [], f"{case.name}: an invalid scenario wrote {written}"
        missing = _missing(expect["must_mention"], printed)
        assert not missing, f"{case.name}: {missing} not mentioned\n{printed}"
    else:  # pragma: no cover - a new kind of case
        pytest.fail(f"unexpected exit {expect['exit']} in {case.name}/expect.json")
