"""The words of the report: reasons, opening types, specialty and certificate names, templates."""
from __future__ import annotations

import dataclasses
import string

import pytest

from models import Opening, Unit
from planner import labels as L
from planner.labels import report as R


def test_reason_codes_in_plain_chinese():
    assert L.reason_text("R4") == "基层第一站"
    assert L.reason_text("R6") == "任职满限须交流"
    assert L.reason_text("preference:1") == "本人第一志愿"
    assert L.reason_text("preference:3") == "本人第三志愿"
    assert L.reason_text("shortage") == "补充重点缺人单位"
    assert L.reason_text("lock") == "党组预定"
    assert L.reason_text("exchange") == "跨地域交流"
    assert L.reason_text("R9") == L.RULE_ZH["R9"]
    assert L.reason_text("something_new") == "something_new"     # never silently dropped
    assert L.reasons_text(["R4", "fairness", "preference:2"]) == "基层第一站；艰苦均衡；本人第二志愿"
    assert L.reason_text("preference:1", "en") == "wish no. 1"


def test_opening_types():
    u_ext = Unit("X", "省厅大气处", "R", "external")
    u_br = Unit("B", "东山分局", "R", "branch", True, 3)
    mk = lambda name, kind, unit: (Opening("O", name, kind, unit.unit_id, 3, 12, 1), unit)  # noqa: E731
    assert L.opening_type(*mk("岗位", "posting", u_br)) == "交流任职"
    assert L.opening_type(*mk("挂职", "temporary", u_br)) == "挂职锻炼"
    assert L.opening_type(*mk("上派", "temporary", u_ext)) == "跟班学习"
    assert L.opening_type(*mk("2027年第一轮省级生态环保督察", "task", u_br)) == "督察"
    assert L.opening_type(*mk('2027年"四进"工作队', "task", u_br)) == '"四进"工作队'
    assert L.opening_type(*mk("帮扶执法", "task", u_br)) == "帮扶执法"
    assert L.opening_type(*mk("调研", "task", u_br)) == "专项任务"


@dataclasses.dataclass
class _WithLabels:
    labels: dict


def test_specialty_and_certificate_names_and_scenario_labels():
    usual = ("environment", "chemistry", "law", "finance", "it", "monitoring", "enforcement", "radiation",
             "management", "ecology", "biology", "hydrology", "geology", "atmosphere", "soil", "water", "noise",
             "solid_waste", "eia")
    for code in usual:
        name = L.specialty_text(code)
        assert name != code and not any(ch in string.ascii_letters for ch in name), code
    for code in ("enforcement", "monitoring", "eia", "radiation"):
        assert not any(ch in string.ascii_letters for ch in L.certificate_text(code))
    assert L.specialty_text("management", "en") == "management"
    assert L.specialty_text("quantum") == "quantum"                      # unknown: shown as is
    sc = _WithLabels({"quantum": "量子信息", "law": "法律"})
    assert L.specialty_text("quantum", scenario=sc) == "量子信息"
    assert L.specialty_text("law", scenario=sc) == "法律"                # the scenario's own word wins
    nested = _WithLabels({"certificates": {"drone": "无人机驾驶证"}})
    assert L.certificate_text("drone", scenario=nested) == "无人机驾驶证"


def test_templates_fill_and_spec7_words_come_from_codes():
    for table in (R.REPORT_WORDS, R.PLAIN_WORDS, R.SOLVER_WORDS, R.MEMO_WORDS):
        for key, (zh, en) in table.items():
            fields = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
            values = {name: 1 for name in fields if not name.startswith(("term_", "rule_", "reason_"))}
            assert "{" not in R.report_text(key, "zh", table, **values), key
            fields_en = {name for _, name, _, _ in string.Formatter().parse(en) if name}
            values_en = {name: 1 for name in fields_en if not name.startswith(("term_", "rule_", "reason_"))}
            assert "{" not in R.report_text(key, "en", table, **values_en), key
    assert R.report_text("ex_cross") == L.TERM_ZH["exchange"] + "人数"
    with pytest.raises(KeyError):
        R.report_text("no such key")
