"""Words of ``planner advance``: what was applied, what the ledger now holds, and what ``--revise``
changed in the openings template and why, in plain numbers.

Each entry is a ``(zh, en)`` pair of ``str.format`` templates; :func:`advance_text` picks one.
"""
from __future__ import annotations

ADVANCE_WORDS: dict[str, tuple[str, str]] = {
    "advanced": ("已推进到 {year} 年：应用 {postings} 条交流任职，新增 {history} 条历史记录，"
                 "{kept} 个岗位沿用为模板 → {out}",
                 "advanced to {year}: {postings} posting(s) applied, {history} history row(s) added, "
                 "{kept} opening(s) kept as template -> {out}"),
    "ledger": ("台账：{year} 年的 {moves} 次跨地区交流任职、{secondments} 次跨地区挂职/任务已记入历史"
               "（planner ledger 可查）",
               "ledger: {year}'s {moves} move(s) between regions and {secondments} secondment(s) are now "
               "history (see planner ledger)"),
    "next_year_infeasible": ("注意：写出的 {year} 年方案数据按计数即可证明无可行方案（见下），"
                             "请修改 {out} 中的岗位，或用 --revise 重新推进",
                             "note: the {year} scenario written to {out} provably has no plan (see below): "
                             "edit its openings, or advance again with --revise"),
    "revise_head": ("--revise 修订岗位模板：{before} 个 → {after} 个岗位（{delta:+d}）：",
                    "--revise revised the openings template: {before} -> {after} opening(s) ({delta:+d}):"),
    "revise_none": ("  无需修订：每个必须交流的干部都有岗位可去，最低人数都能满足",
                    "  nothing to revise: every cadre who must move has an opening, every minimum can be met"),
    "revise_removed": ("  删除 {n} 个往年为个别干部补充的岗位（{ids}）：它们是为当年的干部设的",
                       "  removed {n} opening(s) added for an earlier year's cadres ({ids}): "
                       "they were cut for those cadres"),
    "revise_lowered": ("  降低 {n} 个岗位的最低人数（{items}）：现在符合条件的干部少于原最低人数",
                       "  lowered min_seats of {n} opening(s) ({items}): fewer cadres may take them now "
                       "than the minimum asked"),
    "revise_movers": ("  为 {c} 名必须交流（新录用 R4、任职满限 R6）却没有岗位可去的干部（{cadres}）"
                      "新增 {n} 个交流任职岗位（每人在可去的每个艰苦等级各一个）",
                      "  opened {n} posting(s) for {c} cadre(s) who must move (R4 new recruit, R6 rotation due) "
                      "but whom no opening admits ({cadres}): one per hardship level each may go to"),
    "revise_grassroots": ("  为 {c} 名工龄已满 {years} 年仍无基层经历、且没有基层岗位可去的干部（{cadres}）"
                          "新增 {n} 个基层岗位",
                          "  opened {n} grassroots posting(s) for {c} cadre(s) with {years}+ service years and no "
                          "grassroots record whom no grassroots opening admits ({cadres})"),
    "lowered_item": ("{id} {old}→{new}", "{id} {old}->{new}"),
    "more": ("（另 {n} 个）", " and {n} more"),
    "sep": ("、", ", "),
}

SHOWN = 6      # ids listed before "and N more"


def advance_text(key: str, lang: str = "zh", **values) -> str:
    """The advance words for ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``."""
    zh, en = ADVANCE_WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


def some(items, lang: str = "zh") -> str:
    """The first few items joined, then "and N more"."""
    items = list(items)
    text = advance_text("sep", lang).join(str(i) for i in items[:SHOWN])
    if len(items) > SHOWN:
        text += advance_text("more", lang, n=len(items) - SHOWN)
    return text


def revision_lines(revision, lang: str = "zh", first_stop_years: int = 3) -> list:
    """What ``--revise`` changed (a ``planner.whatif.advance.Revision``), one line per step, in numbers."""
    r = revision
    lines = [advance_text("revise_head", lang, before=r.before, after=r.after, delta=r.after - r.before)]
    if r.removed:
        lines.append(advance_text("revise_removed", lang, n=len(r.removed), ids=some(r.removed, lang)))
    if r.lowered:
        items = [advance_text("lowered_item", lang, id=i, old=old, new=new) for i, old, new in r.lowered]
        lines.append(advance_text("revise_lowered", lang, n=len(r.lowered), items=some(items, lang)))
    if r.for_movers:
        lines.append(advance_text("revise_movers", lang, n=len(r.for_movers), c=len(r.movers),
                                  cadres=some(r.movers, lang)))
    if r.for_grassroots:
        lines.append(advance_text("revise_grassroots", lang, n=len(r.for_grassroots), c=len(r.grassroots),
                                  cadres=some(r.grassroots, lang), years=first_stop_years))
    if len(lines) == 1:
        lines.append(advance_text("revise_none", lang))
    return lines
