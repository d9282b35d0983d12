"""``planner fix`` and ``planner validate`` on infeasible scenarios (issues 12 and 15).

Every fix of the shared infeasible cases j, k and l is applied with ``planner fix``; the new
folder then validates (exit 0), solves (exit 0) to the line count the diagnosis reported, and its
plan passes ``planner check``. ``validate`` exits 3 on a scenario the counting checks prove
infeasible, and writes nothing.
"""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.io import write_scenario
from tests.diagnose.scenarios import CASES, base, exempt_law_specialist, with_openings

INFEASIBLE_CASES = ["j_min_seats_recusal", "k_recruit_no_grassroots", "l_require_locks_overlap"]


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


def _files(folder):
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_mtime_ns) for p in folder.rglob("*"))


@pytest.mark.parametrize("case", INFEASIBLE_CASES)
def test_every_fix_of_a_shared_case_validates_solves_and_checks(case, tmp_path):
    src = CASES / case
    if not src.is_dir():
        pytest.skip("shared cases not present")
    diag_dir = tmp_path / "diagnosis"
    assert _run("solve", src, "--out", diag_dir, "--quiet").exit_code == 3
    fixes = json.loads((diag_dir / "diagnosis.json").read_text(encoding="utf-8"))["fixes"]
    assert fixes
    listed = _run("fix", src, diag_dir, "--lang", "en")
    assert listed.exit_code == 0 and f"{len(fixes)} verified fix(es)" in listed.output
    for fix in fixes:
        new, plan = tmp_path / f"fixed{fix['rank']}", tmp_path / f"plan{fix['rank']}"
        applied = _run("fix", src, diag_dir, "--apply", fix["rank"], "--out", new)
        assert applied.exit_code == 0, applied.output
        assert _run("validate", new).exit_code == 0
        solved = _run("solve", new, "--out", plan, "--quiet")
        assert solved.exit_code == 0, solved.output
        checked = _run("check", new, plan)
        assert checked.exit_code == 0, checked.output
        summary = json.loads((plan / "summary.json").read_text(encoding="utf-8"))
        if summary["status"] == fix["verified"]["status"] == "OPTIMAL":
            assert summary["metrics"]["assignments"] == fix["verified"]["lines"]


def test_fix_refuses_what_it_cannot_do(tmp_path):
    sc_dir, diag_dir = tmp_path / "sc", tmp_path / "diagnosis"
    write_scenario(exempt_law_specialist(), sc_dir)
    assert _run("solve", sc_dir, "--out", diag_dir, "--quiet").exit_code == 3
    assert _run("fix", sc_dir, diag_dir, "--apply", "99", "--out", tmp_path / "new").exit_code == 2
    assert _run("fix", sc_dir, diag_dir, "--apply", "1", "--out", sc_dir).exit_code == 2
    assert _run("fix", sc_dir, tmp_path, "--apply", "1", "--out", tmp_path / "new").exit_code == 2   # no diagnosis
    other = tmp_path / "other"
    write_scenario(base(), other)
    assert _run("fix", other, diag_dir, "--apply", "1", "--out", tmp_path / "new").exit_code == 2   # other data
    assert not (tmp_path / "new").exists()
    done = _run("fix", sc_dir, diag_dir, "--apply", "1", "--out", tmp_path / "new", "--lang", "en")
    assert done.exit_code == 0 and "drop the team need law:1 of DC01" in done.output


def test_validate_exits_3_when_counting_proves_infeasible_and_writes_nothing(tmp_path):
    # Two new recruits, one grassroots posting seat open to them (R4).
    sc_dir = tmp_path / "sc"
    write_scenario(with_openings(base(), P1={"seats": 0}, P2={"seats": 0}, P4={"seats": 1}), sc_dir)
    before = _files(tmp_path)
    result = _run("validate", sc_dir, "--lang", "en")
    assert result.exit_code == 3, result.output
    assert "R4" in result.output and "A1" in result.output and "A2" in result.output
    assert "counting checks" in result.output and "planner solve" in result.output
    assert _files(tmp_path) == before
    zh = _run("validate", sc_dir, "--lang", "zh")
    assert zh.exit_code == 3 and "新录用人员" in zh.output and "快速核查" in zh.output


def test_validate_says_valid_when_no_count_fails(tmp_path):
    write_scenario(base(), tmp_path / "sc")
    result = _run("validate", tmp_path / "sc")
    assert result.exit_code == 0 and "scenario is valid" in result.output


def test_validate_names_the_exempt_holder(tmp_path):
    write_scenario(exempt_law_specialist(), tmp_path / "sc")
    result = _run("validate", tmp_path / "sc")
    assert result.exit_code == 3 and "R10" in result.output and "L1" in result.output


def test_shared_case_folders_are_left_as_they_were(tmp_path):
    src = CASES / "l_require_locks_overlap"
    if not src.is_dir():
        pytest.skip("shared cases not present")
    case = tmp_path / "case"
    shutil.copytree(src, case)
    before = _files(case)
    assert _run("solve", case, "--out", tmp_path / "d", "--quiet").exit_code == 3
    assert _run("fix", case, tmp_path / "d", "--apply", "1", "--out", tmp_path / "new").exit_code == 0
    assert _files(case) == before
