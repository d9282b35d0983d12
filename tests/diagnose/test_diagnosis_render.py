"""diagnosis.md and the printed summary: every rule named with the document behind it (issue 13),
words from the templates of planner.labels.diagnosis in both languages."""
from __future__ import annotations

import re

import pytest

from planner.diagnose import counting_diagnosis, diagnosis_markdown, diagnosis_summary
from planner.labels import DIAGNOSIS_TEMPLATES, RULE_ZH, diagnosis_text, policy_text, rule_name
from tests.diagnose.scenarios import base, diagnose, exempt_law_specialist, with_openings


def test_every_rule_named_in_zh_carries_its_policy_source():
    sc = with_openings(base(), K={"min_seats": 2})
    d = diagnose(sc)
    md = diagnosis_markdown(d, sc, "zh")
    rule_lines = [line for line in md.splitlines() if re.match(r"- R\d+: ", line)]
    assert {line.split(":")[0][2:] for line in rule_lines} == set(d["rules"])
    for line in rule_lines:
        code = line.split(":")[0][2:]
        assert policy_text(code, sc) in line, line
    assert "《公务员回避规定》" in md                        # R7 recusal, named in this diagnosis
    for line in md.splitlines():
        if line.startswith("- **R"):                         # an item: its rules and their documents
            assert "依据《" in line, line


def test_a_scenario_policy_overrides_the_default_document():
    sc = exempt_law_specialist()
    if "policy" not in {f.name for f in __import__("dataclasses").fields(sc)}:
        pytest.skip("Scenario.policy not in this tree yet")
    sc = sc.replace(policy={"R10": "关于关心关爱干部的若干措施"})
    d = diagnose(sc)
    assert "《关于关心关爱干部的若干措施》" in diagnosis_markdown(d, sc, "zh")


def test_english_and_chinese_markdown():
    sc = with_openings(base(), K={"min_seats": 2})
    d = diagnose(sc)
    zh, en = diagnosis_markdown(d, sc, "zh"), diagnosis_markdown(d, sc, "en")
    assert "无可行方案" in zh and "调整建议" in zh and "最低人数" in zh and "条安排" in zh
    assert "No feasible plan" in en and "Suggested fixes" in en and "lower min_seats of K" in en
    assert "调整" not in en and "line(s)" in en


def test_counting_diagnosis_and_its_summary():
    assert counting_diagnosis(base()) is None
    d = counting_diagnosis(exempt_law_specialist())
    assert d["method"] == "counting" and "R10" in d["rules"] and d["fixes"] == [] and d["core"] == []
    lines = diagnosis_summary(d, "en")
    assert lines[0].startswith("INFEASIBLE (proved by the counting checks") and "R10" in lines[0]
    assert any("L1" in line for line in lines[1:])
    md = diagnosis_markdown(d, exempt_law_specialist(), "zh")
    assert "planner solve" in md and "## 调整建议" not in md


def test_templates_fill_in_both_languages_without_writing_rule_names():
    assert diagnosis_text("md.no_fix", "zh").endswith(f"{rule_name('R11')}。")
    assert rule_name("R10") == RULE_ZH["R10"] and rule_name("R7", "en") == "recusal"
    for key, by_lang in DIAGNOSIS_TEMPLATES.items():
        assert set(by_lang) == {"zh", "en"}, key
        # A template names a rule only through a rule_ field, never by its SPEC 7 name.
        for code, name in RULE_ZH.items():
            assert name.split("（")[0] not in by_lang["zh"] or "{rule_" in by_lang["zh"], (key, code)


def test_a_fix_with_many_seats_names_every_other_step_and_sums_the_seats():
    from planner.diagnose import edit_step
    from planner.diagnose.render import fix_summary
    from planner.diagnose.steps import fix_words
    sc = base()
    steps = ([edit_step("with_seats", opening_id=o, seats=5) for o in ("P1", "P2", "P3", "P4")]
             + [edit_step("with_opening", opening_id="P2", allow_transfer=True)]
             + [edit_step("with_seats", opening_id=o, seats=4) for o in ("K", "T")]
             + [edit_step("with_seats", opening_id="P1", seats=9)])
    fix = {"steps": steps, "steps_text": fix_words(sc, steps, "en"), "steps_text_zh": fix_words(sc, steps, "zh")}
    en, zh = fix_summary(sc, fix, "en"), fix_summary(sc, fix, "zh")
    # P1 2 -> 9, P2..P4 2 -> 5, K 3 -> 4, T 1 -> 4: 7 + 9 + 1 + 3 = 20 seats over 6 openings.
    assert "add 20 seats over 6 postings (P1 +7, P2 +3, P3 +3, P4 +3, T +3, K +1" in en
    assert "allow transfer (admin <-> civil) for P2" in en and "在 6 个岗位共增加 20 个名额" in zh
