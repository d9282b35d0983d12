"""The shared edge cases (/work/shared/cases): invalid ones exit 2 with every must_mention, the
infeasible ones exit 3 (the counting checks), the rest validate. ``planner solve`` on an invalid
case exits 2 and writes nothing."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import cli

# ../shared/cases beside the project (or beside the folder of worktrees a helper works in).
CASES_DIR = next((p / "shared" / "cases" for p in Path(__file__).resolve().parents
                  if (p / "shared" / "cases").is_dir()), Path("../shared/cases"))
CASES = sorted(p.parent for p in CASES_DIR.glob("*/expect.json")) if CASES_DIR.is_dir() else []
INVALID = [c for c in CASES if json.loads((c / "expect.json").read_text(encoding="utf-8"))["exit"] == 2]
VALID = [c for c in CASES if c not in INVALID]

pytestmark = pytest.mark.skipif(not CASES, reason=f"shared cases not found at {CASES_DIR}")


def _run(args):
    # mix_stderr went away in click 8.2; stderr is in result.output there, result.stderr too.
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    text = result.output
    try:
        text += result.stderr
    except (ValueError, AttributeError):
        pass
    return result, text


def _assert_mentions(text, must_mention):
    for item in must_mention:
        options = item if isinstance(item, list) else [item]
        assert any(o in text for o in options), f"none of {options} in:\n{text}"


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_validate_exits_2(case):
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    result, text = _run(["validate", case])
    assert result.exit_code == 2, text
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    _assert_mentions(text, expect["must_mention"])


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_other_case_validates(case):
    # An infeasible case (solve exits 3) is proved so by validate's counting checks (issue 15):
    # exit 3 naming what solve names; every other case is valid.
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    result, text = _run(["validate", case])
    if expect["exit"] == 3:
        assert result.exit_code == 3, text
        _assert_mentions(text, expect["must_mention"])
        return
    assert result.exit_code == 0, text
    assert "scenario is valid" in text


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_solve_exits_2_and_writes_nothing(case, tmp_path):
    if "solve" not in cli.main.commands:
        pytest.skip("planner solve is not registered yet")
    out = tmp_path / "out"
    result, text = _run(["solve", case, "--out", out])
    assert result.exit_code == 2, text
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert not out.exists() or not any(out.iterdir()), f"wrote {list(out.iterdir())}"
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    _assert_mentions(text, expect["must_mention"])
