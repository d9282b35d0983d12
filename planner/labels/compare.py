"""Words of ``planner compare`` and of the verdict of ``planner check`` (zh and en)."""
from __future__ import annotations

CHANGE = {"zh": {"added": "新增", "removed": "取消", "changed": "变更"},
          "en": {"added": "added", "removed": "removed", "changed": "changed"}}
SECTION = {"zh": {"metric": "指标", "term": "目标项", "weight": "权重"},
           "en": {"metric": "metric", "term": "term", "weight": "weight"}}
TEMPLATES = {
    "zh": {
        "side": "方案 {tag}：{label}（{status}{objective}，{lines} 条安排）",
        "objective_part": "，目标值 {value}",
        "counts": "安排：新增 {added} 条，取消 {removed} 条，变更 {changed} 条，不变 {unchanged} 条；涉及 {cadres} 人",
        "objective": "目标值：A {a}，B {b}，B − A {diff}",
        "other_data": "注意：两个方案基于不同的数据（A {a}…，B {b}…），差异可能来自数据本身",
        "line": "{kind} {opening}{unit}（{months} 月）",
        "check_ok": "方案有效：{n} 条安排，全部硬性规则成立，各项指标、目标项和理由与方案一致",
        "check_bad": "方案无效：{v} 处违规，{d} 项指标不一致",
    },
    "en": {
        "side": "plan {tag}: {label} ({status}{objective}, {lines} lines)",
        "objective_part": ", objective {value}",
        "counts": "lines: {added} added, {removed} removed, {changed} changed, {unchanged} unchanged; "
                  "{cadres} cadre(s) affected",
        "objective": "objective: A {a}, B {b}, B - A {diff}",
        "other_data": "note: the plans were made from different data (A {a}…, B {b}…)",
        "line": "{kind} {opening} @{unit} ({months})",
        "check_ok": "plan is valid: {n} assignment(s), every rule holds and the metrics agree",
        "check_bad": "plan is NOT valid: {v} violation(s), {d} metric difference(s)",
    },
}


def compare_text(key: str, lang: str = "zh", **values) -> str:
    """One template of ``planner compare`` filled in."""
    return TEMPLATES["zh" if lang == "zh" else "en"][key].format(**values)
