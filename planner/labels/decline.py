"""Words of ``planner decline`` (SPEC 9): the chain of who moves instead, and decline.md.

Each entry is a ``(zh, en)`` pair of ``str.format`` templates; :func:`decline_text` picks one.
"""
from __future__ import annotations

DECLINE_WORDS: dict[str, tuple[str, str]] = {
    "title": ("# {name}：{who} 谢绝安排后的调整方案", "# {name}: the plan after {who} declines"),
    "declines": ("{who} 谢绝 {opening}", "{who} declines {opening}"),
    "takes": ("{who} 接任 {opening}", "{who} takes {opening}"),
    "takes_leaving": ("{who} 接任 {opening}（原安排 {left}）", "{who} takes {opening} (leaves {left})"),
    "replaces": ("{who} 改任 {opening}（替下 {replaced}）", "{who} takes {opening} in place of {replaced}"),
    "stops": ("{who} 不再安排 {opening}", "{who} no longer goes to {opening}"),
    "stays_empty": ("{opening} 空缺", "{opening} stays empty"),
    "arrow": (" → ", " → "),
    "chain_header": ("替补链：", "Who moves instead:"),
    "other_header": ("其他调整：", "Other changes:"),
    "added": ("  新增：{who} → {opening}", "  added: {who} -> {opening}"),
    "dropped": ("  取消：{who} → {opening}", "  dropped: {who} -> {opening}"),
    "changes": ("改动 {changes} 处（谢绝的 {declined} 条之外）：取消 {dropped} 条、新增 {added} 条安排"
                "（其中 {filled} 条接任谢绝空出的岗位，不计为改动）；所有规则均满足，在改动最少的方案中按权重最优。",
                "{changes} change(s) besides the {declined} declined line(s): {dropped} line(s) dropped, "
                "{added} added ({filled} of them taking a declined seat, not counted as a change); every rule "
                "holds, and among the plans with the fewest changes this one is the best by the weights."),
    "objective": ("目标值 {before:,.0f} → {after:,.0f}（{delta:+,.0f}）",
                  "objective {before:,.0f} -> {after:,.0f} ({delta:+,.0f})"),
    "earlier": ("此前已谢绝（继续排除）：{lines}", "declined earlier (still barred): {lines}"),
    "infeasible": ("不安排 {lines} 时没有满足全部规则的方案（见 diagnosis.md）",
                   "no plan keeps every rule without {lines} (see diagnosis.md)"),
    "no_plan": ("时限内未找到方案（{status}）", "no plan found within the time limit ({status})"),
    "status": ("求解状态 {status}，{seconds:.1f} 秒", "status {status}, {seconds:.1f} s"),
    "sep": ("、", ", "),
    "md_baseline": ("原方案：{path}", "Approved plan: {path}"),
    "md_note": ("改动的计算：取消的原安排（谢绝的除外）+ 新增的安排（接任谢绝空出岗位的除外）"
                "+ 谢绝空出后无人接任的岗位。",
                "Changes count: baseline lines dropped (the declined excepted) + lines added (except one "
                "that takes a declined seat) + declined seats nobody takes."),
}


def decline_text(key: str, lang: str = "zh", **values) -> str:
    """The decline words for ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``."""
    zh, en = DECLINE_WORDS[key]
    return (zh if lang == "zh" else en).format(**values)
