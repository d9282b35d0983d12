"""diagnosis.md: the diagnosis in words a planning office can act on."""
from __future__ import annotations

from planner.diagnose.fixes import _step_text
from planner.labels import (  # noqa: F401
    FILTER_EN,
    HARDSHIP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,  # SPEC 7 labels live in one place
    RULE_EN_FULL,
    RULE_ZH,
    TERM_ZH,
    ids_text,
)


def _md_item(it, lang, scenario) -> str:
    zh = lang == "zh"
    codes = it.get("codes") or [it["rule"]]
    head = " + ".join(f"**{c}**" for c in codes)
    label = "、".join(RULE_ZH.get(c, c).split("（")[0] for c in codes) if zh else ", ".join(
        RULE_EN_FULL.get(c, c).split(" (")[0] for c in codes)
    text = it.get("text_zh" if zh else "text") or it.get("text", "")
    parts = [f"{head}（{label}）" if zh else f"{head} ({label})"]
    if it["cadres"]:
        parts.append(("干部 " if zh else "cadres ") + ids_text(it["cadres"], lang))
    if it["openings"]:
        parts.append(("岗位 " if zh else "openings ") + ids_text(it["openings"], lang, unit="个"))
    return "- " + ("；".join(parts) if zh else "; ".join(parts)) + ("：" if zh else ": ") + text


def _fix_summary(scenario, fix, lang, limit: int = 6) -> str:
    """A fix in one line; many seat additions are summed up, the biggest named (all in the json)."""
    zh = lang == "zh"
    steps = fix["steps"]
    if len(steps) <= limit:
        return fix["text_zh"] if zh else fix["text"]
    seats = sorted((s for s in steps if s["action"] == "add_seats"), key=lambda s: (-s["amount"], s["opening"]))
    other = [s for s in steps if s["action"] != "add_seats"]
    parts = [_step_text(scenario, s, lang) for s in other[:limit]]
    if seats:
        total = sum(s["amount"] for s in seats)
        top = ("、" if zh else ", ").join(f"{s['opening']} +{s['amount']}" for s in seats[:8])
        parts.append(f"在 {len(seats)} 个岗位共增加 {total} 个名额（{top}{' 等' if len(seats) > 8 else ''}；明细见 diagnosis.json）"
                     if zh else f"add {total} seats over {len(seats)} postings ({top}{', ...' if len(seats) > 8 else ''}; "
                                "every step in diagnosis.json)")
    return ("；" if zh else "; ").join(parts)


def diagnosis_markdown(diag: dict, scenario, lang: str = "zh") -> str:
    """diagnosis.md: the rules in conflict, the checks, the core and the verified fixes in words."""
    zh = lang == "zh"
    L = []
    L += [f"# {'无可行方案：诊断' if zh else 'No feasible plan: diagnosis'}", "",
          f"{'方案' if zh else 'Scenario'}: {scenario.name}", ""]
    if zh:
        L.append("没有任何方案能同时满足全部硬性规则。下面先列出快速核查发现的原因，再列出求解器找到的一组"
                 "不能同时成立的规则实例（去掉其中任何一条，其余即可同时满足），最后是经过验证的调整建议。")
    else:
        L.append("No plan obeys every hard rule. First the causes found by counting, then a set of rule instances "
                 "that cannot all hold (dropping any one lets the rest hold), then suggested fixes, each verified.")
    L += ["", "## 冲突的规则" if zh else "## Rules in conflict"]
    for r in diag.get("rules", []):
        L.append(f"- {r}: {RULE_ZH.get(r, r) if zh else RULE_EN_FULL.get(r, r)}")
    sections = (("快速核查", "Counting checks", "checks"),
                ("不能同时满足的规则实例", "Rule instances that cannot all hold", "core"))
    for title_zh, title_en, key in sections:
        items = diag.get(key) or []
        if not items:
            continue
        L += ["", f"## {title_zh if zh else title_en}"]
        for it in items[:8]:
            L.append(_md_item(it, lang, scenario))
        if len(items) > 8:
            L.append(f"- （另有 {len(items) - 8} 条，见 diagnosis.json）" if zh
                     else f"- ({len(items) - 8} more in diagnosis.json)")
    L += ["", "## 调整建议（均已验证）" if zh else "## Suggested fixes (each verified)"]
    fixes = diag.get("fixes") or []
    if not fixes:
        L.append("未找到经验证可行的单项调整；请根据上述原因调整岗位设置或党组预定。" if zh
                 else "No single verified fix was found; adjust the openings or locks named above.")
    for f in fixes:
        v = f.get("verified", {})
        how = (f"已验证：调整后可得到满足全部规则的方案（{v.get('plan_lines', '?')} 条安排，经独立核查）"
               if zh else f"verified: the fixed scenario has a plan ({v.get('plan_lines', '?')} line(s)) that the "
                          "independent checker accepts")
        if v.get("solve"):
            how += (f"；重新求解结果 {v['solve']}" if zh else f"; re-solved: {v['solve']}")
        L.append(f"{f['rank']}. {_fix_summary(scenario, f, lang)}（{how}）" if zh
                 else f"{f['rank']}. {_fix_summary(scenario, f, lang)} ({how})")
    secs = diag.get("seconds", {})
    if secs:
        L += ["", (f"诊断用时 {secs.get('total', 0):.1f} 秒。" if zh else f"Diagnosis took {secs.get('total', 0):.1f} s.")]
    return "\n".join(L) + "\n"
