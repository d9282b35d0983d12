"""Words of the exchange ledger (SPEC 8): ``planner ledger``, the sheet 历年交流 and its pictures.

Each entry is a ``(zh, en)`` pair of ``str.format`` templates; :func:`ledger_text` picks one.
"""
from __future__ import annotations

LEDGER_WORDS: dict[str, tuple[str, str]] = {
    # planner ledger (text)
    "title": ("{name}：{first}—{last} 年地域交流台账", "{name}: exchange ledger {first}-{last}"),
    "title_plan": ("（含 {year} 年度方案）", " (with the {year} plan)"),
    "title_past": ("（历史，不含方案）", " (the past, no plan)"),
    "per_year_header": ("年份  跨地区交流任职  跨地区挂职/任务", "year  moves  secondments"),
    "per_year_row": ("{year}  {moves:>12}  {secondments:>14}", "{year}  {moves:>5}  {secondments:>11}"),
    "plan_year_mark": ("（本年度方案）", " (the plan)"),
    "moves_of_year": ("{year} 年交流任职：{pairs}", "{year} moves: {pairs}"),
    "secondments_of_year": ("{year} 年挂职/任务：{pairs}", "{year} secondments: {pairs}"),
    "pair": ("{src}→{dst} {count}", "{src} -> {dst} {count}"),
    "none": ("无", "none"),
    "regions_header": ("各地区调出 / 调入（{n} 年合计）：", "Moves out / in per region ({n} years):"),
    "region_row": ("  {region}：调出 {out}，调入 {into}", "  {region}: out {out}, in {into}"),
    "barriers": ("交流壁垒（{n} 年内双向均无交流任职的地区）：{pairs}",
                 "Barriers (no move either way in {n} years): {pairs}"),
    "barrier_pair": ("{a}—{b}", "{a} - {b}"),
    "only_send": ("只调出的地区：{regions}", "Regions that only sent: {regions}"),
    "only_receive": ("只调入的地区：{regions}", "Regions that only received: {regions}"),
    "written": ("已写入：{paths}", "written: {paths}"),
    "sep": ("、", ", "),
    # the sheet 历年交流
    "sheet": ("历年交流", "Exchange over the years"),
    "sheet_title": ("{name} 历年跨地区交流（{first}—{last} 年）", "{name}: exchange over the years ({first}-{last})"),
    "sec_per_year": ("各年度跨地区交流任职（人）", "Moves between regions per year"),
    "col_year": ("年份", "Year"),
    "col_moves": ("交流任职", "Moves"),
    "col_secondments": ("挂职/任务", "Secondments"),
    "col_from": ("调出地区", "From region"),
    "col_to": ("调入地区", "To region"),
    "col_count": ("人数", "Cadres"),
    "col_total": ("合计", "Total"),
    "col_region": ("地区", "Region"),
    "col_out": ("调出", "Out"),
    "col_in": ("调入", "In"),
    "col_kind": ("类别", "Category"),
    "col_a": ("地区甲", "Region A"),
    "col_b": ("地区乙", "Region B"),
    "col_crossed": ("本年度方案是否打破", "Crossed by the plan"),
    "col_name": ("姓名", "Name"),
    "col_cadre": ("干部编号", "Cadre id"),
    "col_from_unit": ("现单位", "Current unit"),
    "col_to_unit": ("拟任单位", "New unit"),
    "col_opening": ("岗位编号", "Opening id"),
    "plan_mark": ("{year}（方案）", "{year} (plan)"),
    "sec_matrix": ("交流任职矩阵（{first}—{last} 年合计；行：调出地区，列：调入地区）",
                   "Moves {first}-{last} (rows: from region; columns: to region)"),
    "sec_regions": ("各地区调出、调入（{first}—{last} 年合计）", "Moves out and in per region ({first}-{last})"),
    "cat_both": ("既调出又调入", "sent and received"),
    "cat_send_only": ("只调出", "only sent"),
    "cat_receive_only": ("只调入", "only received"),
    "cat_isolated": ("无交流任职", "no move"),
    "sec_barriers": ("交流壁垒：方案前 {n} 年（{first}—{last} 年）双向均无交流任职的地区",
                     "Barriers: no move either way in the {n} years before the plan ({first}-{last})"),
    "no_barrier": ("无交流壁垒：每两个地区之间近 {n} 年都有交流任职",
                   "No barrier: every two regions exchanged within {n} years"),
    "sec_crossing": ("本年度方案中打破壁垒的交流任职", "Moves of this plan that cross a barrier"),
    "no_crossing": ("本年度方案没有打破壁垒的交流任职", "No move of this plan crosses a barrier"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "too_many_regions": ("地区超过 {n} 个，矩阵见 ledger.json（planner ledger --out）",
                         "more than {n} regions: see ledger.json (planner ledger --out)"),
    # pictures
    "fig_heat_title": ("地区间交流任职（{first}—{last} 年合计）", "Moves between regions, {first}-{last}"),
    "fig_heat_x": ("调入地区", "to region"),
    "fig_heat_y": ("调出地区", "from region"),
    "fig_heat_bar": ("人数", "cadres"),
    "fig_year_title": ("各年度跨地区交流", "Exchange between regions per year"),
    "fig_year_x": ("年份", "year"),
    "fig_year_y": ("人数", "cadres"),
    "fig_year_moves": ("交流任职", "moves"),
    "fig_year_secondments": ("挂职/任务", "secondments"),
    "fig_year_plan": ("{year}（方案）", "{year} (plan)"),
}


def ledger_text(key: str, lang: str = "zh", **values) -> str:
    """The ledger's words for ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``."""
    zh, en = LEDGER_WORDS[key]
    return (zh if lang == "zh" else en).format(**values)
