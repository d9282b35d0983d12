"""Issue 12 point 5: the diagnosis names the cause a planner can act on.

DC01 (东山分局, hardship 3) must be staffed and needs one law specialist; the only one, L1 王律,
is exempt from hardship temporaries and tasks (R10). Before the fix the diagnosis named R3 (twice,
the same instance) and R9, never R10 or the exempt cadre, and its first fix "law:1 -> law:0" was
refused by validate.
"""
from __future__ import annotations

import pytest

from planner.api import solve
from planner.check import check_plan
from planner.diagnose import FIX_EDITS, apply_fix, diagnosis_markdown, edit_step
from planner.diagnose.fixes import written_and_read
from tests.diagnose.scenarios import diagnose, exempt_law_specialist

VARIANTS = [("min_seats", "task"), ("min_seats", "temporary"), ("lock", "task")]


@pytest.mark.parametrize("staffed_by,kind", VARIANTS)
def test_names_the_exemption_and_the_exempt_cadre(staffed_by, kind):
    sc = exempt_law_specialist(staffed_by, kind)
    d = diagnose(sc)
    assert "R10" in d["rules"] and "R9" in d["rules"]
    team = [it for it in d["checks"] if it.get("check") == "team_needs"]
    assert len(team) == 1
    it = team[0]
    assert "R10" in it["codes"] and "L1" in it["cadres"]
    assert it["removed"] == [{"rule": "R10", "filter": "exempt", "cadres": ["L1"]}]
    # In words, both languages: the rule, the cadre (by id and name in Chinese), the reason.
    assert "R10" in it["text"] and "L1" in it["text"] and "exempt" in it["text"]
    assert "R10" in it["text_zh"] and "L1（王律）" in it["text_zh"] and "照顾对象" in it["text_zh"]
    zh, en = diagnosis_markdown(d, sc, "zh"), diagnosis_markdown(d, sc, "en")
    assert "R10" in zh and "L1（王律）" in zh and "照顾对象" in zh and "法律" in zh
    assert "R10" in en and "L1" in en and "exempt" in en


@pytest.mark.parametrize("staffed_by,kind", VARIANTS)
def test_core_items_are_not_repeated(staffed_by, kind):
    d = diagnose(exempt_law_specialist(staffed_by, kind))
    keys = [(it["rule"], tuple(it["cadres"]), tuple(it["openings"])) for it in d["core"]]
    assert len(keys) == len(set(keys)), keys
    # The core's team-need instance names the exemption too.
    r9 = [it for it in d["core"] if it["rule"] == "R9"]
    assert r9 and "R10" in r9[0]["codes"] and "L1" in r9[0]["cadres"]


def test_first_fix_drops_the_team_need_and_is_verified_by_the_full_solve():
    sc = exempt_law_specialist()
    d = diagnose(sc)
    first = d["fixes"][0]
    assert first["steps"] == [edit_step("without_team_need", opening_id="DC01", code="law")]
    assert "drop the team need law:1 of DC01" in first["text"]
    # No fix sets a need to 0 or touches the cadre's own facts (the exemption): only the edits a
    # fix may use, each with values the reader accepts (written and read back).
    for fix in d["fixes"]:
        for step in fix["steps"]:
            assert step["edit"] in FIX_EDITS
            assert step["args"].get("count", 1) >= 1
        written_and_read(apply_fix(sc, fix))
    # The reported line count is the one the planner's own solve of the fixed scenario gives.
    fixed = written_and_read(apply_fix(sc, first))
    res = solve(fixed)
    assert res.status == "OPTIMAL" and not check_plan(fixed, res.plan.assignments).violations
    assert first["verified"] == {**first["verified"], "status": "OPTIMAL", "lines": len(res.plan), "checked": True}
    # Staffing DC01 was the point: the fixed plan staffs it.
    assert any(a.opening_id == "DC01" for a in res.plan.assignments)
