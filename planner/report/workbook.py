"""The committee workbook (党组会材料): a plan as an organisation department lays it out.

``write_report(plan_dir, scenario_dir=..., lang="zh", out=None)`` reads ``plan.csv`` and
``summary.json`` (through the checker's reader, so a malformed plan is reported, not guessed at)
and the scenario, and writes ``committee.xlsx`` atomically. Sheets (Chinese names; English ones
with ``lang="en"``):

- 说明: scenario, plan year, status, gap, solver, seed, scenario hash, weights and terms, metrics,
  what each reason means, the date.
- 调整名单: one row per assignment in the columns of a cadre meeting list (序号, 姓名, 性别,
  出生年月（年龄）, ... 理由, 回避核查), then every further column of cadres.csv, then the ids.
- 按单位: per unit who leaves, who arrives, the net change, seats left unfilled.
- 公平性: Gini before and after, hardship points per cadre before and after, cadres still without
  a grassroots record, the Lorenz curve and the histogram as pictures.
- 地域交流: the region x region matrix of postings, sending and receiving per region, the
  exchange graph's figures and its drawing.
- 未满足: openings below their seats or min_seats, with how many cadres could take them and
  which eligibility filters keep the others off (the filters of ``planner.model.eligibility``, the
  same the diagnosis uses).

All derived facts come from ``models.facts``; the Gini from ``planner.model.metrics.gini`` over
``planner.model.metrics.total_points``, so that the workbook says what summary.json says.
"""
from __future__ import annotations

import datetime as _dt
import io
import logging
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XLImage
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from models import facts
from models.months import year_of
from models.plan import Plan
from models.scenario import Scenario
from planner import labels as L
from planner.errors import ReportError

log = logging.getLogger(__name__)

DEFAULT_NAME = "committee.xlsx"


# ------------------------------------------------------------------------------------------------
# Words
# ------------------------------------------------------------------------------------------------
SHEETS = {  # key: (zh, en)
    "notes": ("说明", "Notes"),
    "list": ("调整名单", "Assignments"),
    "units": ("按单位", "By unit"),
    "fairness": ("公平性", "Fairness"),
    "exchange": ("地域交流", "Exchange"),
    "unmet": ("未满足", "Unmet"),
}

# 调整名单: (key, zh, en, width min, width max, wrap)
LIST_COLUMNS = (
    ("no", "序号", "No.", 4.5, 5, False),
    ("name", "姓名", "Name", 7, 9, False),
    ("gender", "性别", "Gender", 4.5, 6, False),
    ("birth", "出生年月（年龄）", "Born (age)", 9, 10, True),
    ("education", "学历", "Education", 5, 8, True),
    ("specialty", "专业", "Specialty", 5, 9, True),
    ("rank", "职级", "Rank", 6.5, 12, True),
    ("post_type", "编制", "Post type", 8.5, 10, True),
    ("unit", "现单位", "Current unit", 10, 14, True),
    ("unit_since", "任现职时间", "At unit since", 8.5, 10, True),
    ("grassroots", "基层经历", "Grassroots", 6, 7, True),
    ("target", "拟任单位/岗位", "New unit / opening", 14, 18, True),
    ("type", "类型", "Type", 8, 11, True),
    ("months", "起止月份", "Months", 9, 17, True),
    ("shortage", "重点缺人单位", "Key shortage unit", 6, 7, True),
    ("hardship", "艰苦程度", "Hardship", 9, 10, True),
    ("reasons", "理由", "Reasons", 14, 20, True),
    ("recusal", "回避核查", "Recusal check", 12, 20, True),
)
ID_COLUMNS = (("cadre_id", "干部编号", "Cadre id"), ("opening_id", "岗位编号", "Opening id"))


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _yes(flag: bool, lang: str) -> str:
    return _t(lang, "是", "yes") if flag else _t(lang, "否", "no")


def _ym(index, lang: str) -> str:
    """A month index as 1995.09 (the form of cadre forms)."""
    return f"{year_of(index)}.{index % 12 + 1:02d}"


# ------------------------------------------------------------------------------------------------
# Styles and sheet helpers
# ------------------------------------------------------------------------------------------------
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
DIAGONAL_FILL = PatternFill("solid", fgColor="EDEDED")
WARN_FILL = PatternFill("solid", fgColor="FCE4D6")


def _fonts(lang: str) -> dict:
    # 宋体 for the body and 黑体 for headings, as Chinese official tables use; Excel and WPS on a
    # Chinese system have both, LibreOffice substitutes its CJK font.
    body, head = ("宋体", "黑体") if lang == "zh" else ("Calibri", "Calibri")
    return {"body": Font(name=body, size=10), "header": Font(name=head, size=10, bold=True),
            "title": Font(name=head, size=14, bold=True), "bold": Font(name=body, size=10, bold=True),
            "section": Font(name=head, size=11, bold=True)}


def _register_styles(wb, fonts) -> None:
    """The named cell styles of the tables (see ``_write_table``)."""
    from openpyxl.styles import NamedStyle

    specs = {
        "pp_header": (fonts["header"], Alignment(horizontal="center", vertical="center", wrap_text=True), HEADER_FILL),
        "pp_left": (fonts["body"], Alignment(horizontal="left", vertical="center"), None),
        "pp_wrap": (fonts["body"], Alignment(horizontal="left", vertical="center", wrap_text=True), None),
        "pp_right": (fonts["body"], Alignment(horizontal="right", vertical="center"), None),
    }
    for name, (font, align, fill) in specs.items():
        st = NamedStyle(name=name, font=font, alignment=align, border=BORDER)
        if fill is not None:
            st.fill = fill
        wb.add_named_style(st)


def display_width(value) -> int:
    """Width of a value in character cells (its longest line): a CJK (full-width) character counts two."""
    text = "" if value is None else str(value)
    return max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for line in text.split("\n"))


def _set_widths(ws, widths: dict) -> None:
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w


def _write_table(ws, top: int, left: int, headers, rows, fonts, *, wrap=(), limits=None, number_formats=None):
    """Write a header row and data rows with borders; return {column: width wanted}.

    ``limits`` maps a 0-based column to (min, max) width; a wrapped column never grows past its
    max (its text wraps instead), others grow to fit up to the max.
    """
    limits = limits or {}
    number_formats = number_formats or {}
    want = {}
    for j, h in enumerate(headers):
        c = ws.cell(row=top, column=left + j, value=h)
        c.style = "pp_header"
        lo, hi = limits.get(j, (6, 40))
        # Headers wrap, so they need only half their length when long.
        want[left + j] = max(lo, min(hi, (display_width(h) + 2) if display_width(h) <= 12 else display_width(h) // 2 + 2))
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            c = ws.cell(row=top + i, column=left + j, value=v)
            # Named styles: setting font, border and alignment cell by cell costs a hash of each
            # style object per cell, which at province size is most of the time spent.
            c.style = ("pp_wrap" if j in wrap else "pp_left") if isinstance(v, str) else "pp_right"
            if j in number_formats:
                c.number_format = number_formats[j]
            lo, hi = limits.get(j, (6, 40))
            want[left + j] = max(want[left + j], min(hi, display_width(v) + 2))
    # Row heights for wrapped text, from the values in hand (cheaper than reading cells back).
    cols = [j for j in range(len(headers)) if j in wrap]
    header_lines = max((_lines(h, want[left + j]) for j, h in enumerate(headers)), default=1)
    if header_lines > 1:
        ws.row_dimensions[top].height = LINE_POINTS * header_lines + 3
    for i, row in enumerate(rows, start=1):
        lines = max((_lines(row[j], want[left + j]) for j in cols if j < len(row) and row[j]), default=1)
        if lines > 1:
            ws.row_dimensions[top + i].height = LINE_POINTS * lines + 3
    return want


def _lines(value, width: float) -> int:
    """Lines a wrapped value takes in a column ``width`` units wide.

    A 10 pt CJK character is ~1.85 width units (units are Calibri 11 digits); explicit line
    breaks count. Neither Excel nor LibreOffice grows a row for wrapped text in a file they
    open (only when a cell is edited), so without explicit heights long text overprints.
    """
    if value is None:
        return 1
    return sum(max(1, math.ceil(0.93 * display_width(part) / max(1.0, width - 1.0)))
               for part in str(value).split("\n"))


def _title(ws, text: str, ncols: int, fonts, row: int = 1) -> None:
    ws.cell(row=row, column=1, value=text).font = fonts["title"]
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.cell(row=row, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[row].height = 24


def _print_setup(ws, header_row: int | None, lang: str) -> None:
    """Landscape A4, fitted to one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0          # as many pages down as needed
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.print_options.horizontalCentered = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = _t(lang, "第 &P 页，共 &N 页", "Page &P of &N")
    ws.oddHeader.right.text = "&A"


PICTURE_WIDTH = 470   # pixels: two pictures side by side fit a landscape page with the tables
PICTURE_ROWS = 20     # rows (of 20 px) kept free for a picture


def _column_at(widths: dict, px: int) -> str:
    """The letter of the first column starting at least ``px`` pixels from the left edge."""
    x, col = 0.0, 1
    while x < px:
        x += widths.get(col, 8.43) * 7 + 5      # Excel: a width unit is ~7 px plus padding
        col += 1
    return get_column_letter(col)


LINE_POINTS = 13.5    # one line of 10 pt text


def _fit_heights(ws, first_row: int = 1, last_row: int | None = None, reset: bool = False) -> None:
    """Heights for wrapped cells outside the tables (key-figure blocks, merged cells).

    A merged cell counts the width of all its columns. ``reset``: recompute the rows that hold
    wrapped text from scratch (after cells were merged, a table's own estimate is too high).
    """
    merged = {}
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = [get_column_letter(c) for c in range(rng.min_col, rng.max_col + 1)]
    need: dict = {}
    for row in ws.iter_rows(min_row=first_row, max_row=last_row or ws.max_row):
        for c in row:
            if c.value is None or not (c.alignment is not None and c.alignment.wrap_text):
                continue
            cols = merged.get((c.row, c.column), [c.column_letter])
            width = sum((ws.column_dimensions[k].width or 8.43) for k in cols)
            need[c.row] = max(need.get(c.row, 1), _lines(c.value, width))
    for r, lines in need.items():
        height = LINE_POINTS * lines + 3 if lines > 1 else None
        if reset:
            ws.row_dimensions[r].height = height
        elif height:
            ws.row_dimensions[r].height = max(ws.row_dimensions[r].height or 0, height)


def _image(png: bytes, width_px: int) -> XLImage:
    img = XLImage(io.BytesIO(png))
    scale = width_px / img.width
    img.width, img.height = int(img.width * scale), int(img.height * scale)
    return img


# ------------------------------------------------------------------------------------------------
# Facts the sheets share
# ------------------------------------------------------------------------------------------------
class _Facts:
    """Per-plan lookups computed once: bases after the plan, points before and after, ..."""

    def __init__(self, sc: Scenario, plan: Plan):
        from planner.model.metrics import gini, total_points

        self.sc, self.plan = sc, plan
        self.by_cadre = plan.by_cadre()
        self.by_opening = plan.by_opening()
        self.before = {c.cadre_id: facts.historical_points(sc, c) for c in sc.cadres}
        self.after = total_points(sc, plan)
        self.gini_before = gini(self.before.values())
        self.gini_after = gini(self.after.values())
        self.base = facts.based_after(sc, plan)   # unit each cadre is based in after the plan
        self.record_before = {c.cadre_id: facts.grassroots_record(sc, c) for c in sc.cadres}
        self.record_after = {c.cadre_id: facts.grassroots_record_after(
            sc, c, [a.opening_id for a in self.by_cadre.get(c.cadre_id, ())]) for c in sc.cadres}
        fsy = sc.rules.first_stop_years
        self.needs_record = {c.cadre_id: facts.service_years(c, sc.plan_year) >= fsy for c in sc.cadres}

    def unit_name(self, unit_id) -> str:
        return self.sc.unit_by_id[unit_id].name if unit_id else ""

    def region_name(self, region_id) -> str:
        r = self.sc.region_by_id.get(region_id)
        return r.name if r else (region_id or "")


# ------------------------------------------------------------------------------------------------
# 调整名单
# ------------------------------------------------------------------------------------------------
def recusal_check(sc: Scenario, f: _Facts, a, lang: str = "zh") -> str:
    """回避核查 for one line: 通过, naming the R7 checks that applied, or 未通过 and why.

    Kin recusal: where the cadre is based after the plan (the posting's unit, else the current
    one) against each relative's base, and for a temporary assignment or task whether a relative
    is on the same opening. Regional
    recusal (tasks only): the task's region against the home region and the current unit's region.
    """
    c = sc.cadre_by_id[a.cadre_id]
    o = sc.opening_by_id[a.opening_id]
    ok, bad = [], []
    has_posting = any(x.kind == "posting" for x in f.by_cadre.get(c.cadre_id, ()))
    for other, relation in sc.partners.get(c.cadre_id, ()):
        who = f"{sc.cadre_by_id[other].name}（{relation or _t(lang, '亲属', 'relative')}）" if lang == "zh" \
            else f"{sc.cadre_by_id[other].name} ({relation or 'relative'})"
        # Where the two are based after the plan: on the posting's line, or on every line of a
        # cadre who keeps the current unit (no posting line would show it otherwise).
        if o.kind == "posting" or not has_posting:
            mine = f.base.get(c.cadre_id)
            if mine is not None and f.base.get(other) == mine:
                bad.append(_t(lang, f"亲属回避：与{who}同在{f.unit_name(mine)}", f"kin: same unit as {who}"))
            else:
                ok.append(_t(lang, f"亲属回避：与{who}不在同一单位", f"kin: not in {who}'s unit"))
        if o.kind != "posting":
            if any(x.cadre_id == other for x in f.by_opening.get(o.opening_id, ())):
                bad.append(_t(lang, f"亲属回避：与{who}同在本项安排", f"kin: on the same team as {who}"))
            else:
                ok.append(_t(lang, f"亲属回避：{who}未同在本项安排", f"kin: {who} not on this team"))
    if o.kind == "task":
        region = sc.unit_by_id[o.unit_id].region_id
        rname = f.region_name(region)
        if region == c.home_region:
            bad.append(_t(lang, f"地域回避：任务地{rname}为本人籍贯地", f"region: task in home region {rname}"))
        elif c.unit_id is not None and sc.unit_by_id[c.unit_id].region_id == region:
            bad.append(_t(lang, f"地域回避：任务地{rname}为现单位所在地", f"region: task in current region {rname}"))
        else:
            ok.append(_t(lang, f"地域回避：任务地{rname}非籍贯地、非现单位所在地",
                         f"region: {rname} is neither home nor current region"))
    if bad:
        return _t(lang, "未通过：", "FAILED: ") + _t(lang, "；", "; ").join(bad)
    if ok:
        return _t(lang, "通过（", "passed (") + _t(lang, "；", "; ").join(ok) + _t(lang, "）", ")")
    return _t(lang, "通过", "passed")


def target_text(opening, unit) -> str:
    """拟任单位/岗位: the opening's name, with its unit's name in front unless the name has it."""
    if unit.name and unit.name in opening.name:
        return opening.name
    return f"{unit.name}：{opening.name}"


def months_text(sc: Scenario, o, lang: str) -> str:
    y = sc.plan_year
    if o.kind == "posting":
        return _t(lang, f"{y}.{o.start_month:02d}起", f"from {y}-{o.start_month:02d}")
    return _t(lang, f"{y}.{o.start_month:02d}—{y}.{o.end_month:02d}\n（{o.months}个月）",
              f"{y}-{o.start_month:02d} to {y}-{o.end_month:02d}\n({o.months} months)")


def list_rows(sc: Scenario, f: _Facts, lang: str = "zh") -> list:
    """The rows of 调整名单, one per assignment in plan order (values only)."""
    rows = []
    zh = lang == "zh"
    for n, a in enumerate(f.plan.assignments, start=1):
        c = sc.cadre_by_id[a.cadre_id]
        o = sc.opening_by_id[a.opening_id]
        u = sc.unit_by_id[o.unit_id]
        age = facts.age(c, sc.plan_year)
        if c.unit_id is None:
            unit, since = _t(lang, "新录用（未分配）", "new recruit"), ""
        else:
            unit = f.unit_name(c.unit_id)
            years = facts.years_at_unit(c, sc.plan_year)
            since = _t(lang, f"{_ym(c.unit_since, lang)}\n（{years}年）", f"{_ym(c.unit_since, lang)}\n({years} y)")
        gains = o.kind in ("posting", "temporary") and u.grassroots
        if f.record_before[c.cadre_id]:
            grass = _t(lang, "有", "yes")
        else:
            grass = _t(lang, "无（本次取得）", "no (gained now)") if gains else _t(lang, "无", "no")
        hardship = sc.opening_hardship(o)
        values = {
            "no": n,
            "name": c.name,
            "gender": L.GENDER_ZH[c.gender] if zh else c.gender,
            "birth": _t(lang, f"{_ym(c.birth, lang)}\n（{age}岁）", f"{_ym(c.birth, lang)}\n({age})"),
            "education": c.education,
            "specialty": L.specialty_text(c.specialty, lang),
            "rank": L.RANK_ZH[c.rank] if zh else c.rank,
            "post_type": L.POST_TYPE_ZH[c.post_type] if zh else c.post_type,
            "unit": unit,
            "unit_since": since,
            "grassroots": grass,
            "target": target_text(o, u),
            "type": L.opening_type(o, u, lang),
            "months": months_text(sc, o, lang),
            "shortage": _yes(u.key_shortage, lang),
            "hardship": L.HARDSHIP_ZH[hardship] if zh else L.HARDSHIP_EN[hardship],
            "reasons": L.reasons_text(a.reasons, lang),
            "recusal": recusal_check(sc, f, a, lang),
        }
        extra = dict(c.extra)
        rows.append([values[k] for k, *_ in LIST_COLUMNS]
                    + [extra.get(col, "") for col in sc.extra_columns]
                    + [a.cadre_id, a.opening_id])
    return rows


def _sheet_list(wb, sc: Scenario, f: _Facts, fonts, lang: str) -> None:
    ws = wb.create_sheet(SHEETS["list"][0 if lang == "zh" else 1])
    headers = ([_t(lang, zh, en) for _, zh, en, *_ in LIST_COLUMNS] + list(sc.extra_columns)
               + [_t(lang, zh, en) for _, zh, en in ID_COLUMNS])
    rows = list_rows(sc, f, lang)
    _title(ws, _t(lang, f"{sc.name} 干部调整名单", f"{sc.name}: assignments"), len(headers), fonts)
    wrap = {j for j, col in enumerate(LIST_COLUMNS) if col[5]}
    limits = {j: (col[3], col[4]) for j, col in enumerate(LIST_COLUMNS)}
    for k in range(len(sc.extra_columns)):
        limits[len(LIST_COLUMNS) + k] = (5, 10)
        wrap.add(len(LIST_COLUMNS) + k)
    widths = _write_table(ws, 2, 1, headers, rows, fonts, wrap=wrap, limits=limits)
    _set_widths(ws, widths)
    for i in range(len(rows)):
        ws.cell(row=3 + i, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = "C3"          # header and 序号/姓名 stay in view
    # The ids are for looking lines up on screen; the printed list ends with the cadre's own columns.
    ws.print_area = f"A1:{get_column_letter(len(headers) - len(ID_COLUMNS))}{2 + len(rows)}"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{2 + len(rows)}"
    _print_setup(ws, 2, lang)


# ------------------------------------------------------------------------------------------------
# 按单位
# ------------------------------------------------------------------------------------------------
def unit_rows(sc: Scenario, f: _Facts, lang: str = "zh") -> list:
    """Per unit: [unit, region, level, key shortage, hardship, out n, out names, in n, in names,
    net, temporary/task arrivals, seats, assigned, seats unfilled, min_seats gap, unit_id]."""
    sep = "、" if lang == "zh" else ", "
    leaving: dict = {}
    arriving: dict = {}
    away_in: dict = {}
    for a in f.plan.assignments:
        o = sc.opening_by_id[a.opening_id]
        c = sc.cadre_by_id[a.cadre_id]
        if o.kind == "posting":
            arriving.setdefault(o.unit_id, []).append(c.name)
            if c.unit_id is not None:
                leaving.setdefault(c.unit_id, []).append(c.name)
        else:
            away_in[o.unit_id] = away_in.get(o.unit_id, 0) + 1
    seats: dict = {}
    for o in sc.openings:
        n = len(f.by_opening.get(o.opening_id, ()))
        s = seats.setdefault(o.unit_id, [0, 0, 0, 0])
        s[0] += o.seats
        s[1] += n
        s[2] += max(0, o.seats - n)
        s[3] += max(0, o.min_seats - n)
    rows = []
    order = {r.region_id: i for i, r in enumerate(sc.regions)}
    for u in sorted(sc.units, key=lambda u: (order.get(u.region_id, 1 << 30), u.unit_id)):
        out, inn = leaving.get(u.unit_id, []), arriving.get(u.unit_id, [])
        s = seats.get(u.unit_id, [0, 0, 0, 0])
        rows.append([u.name, f.region_name(u.region_id), L.LEVEL_ZH[u.level] if lang == "zh" else u.level,
                     _yes(u.key_shortage, lang),
                     L.HARDSHIP_ZH[u.hardship] if lang == "zh" else L.HARDSHIP_EN[u.hardship],
                     len(out), sep.join(out), len(inn), sep.join(inn), len(inn) - len(out),
                     away_in.get(u.unit_id, 0), s[0], s[1], s[2], s[3], u.unit_id])
    return rows


UNIT_HEADERS = (("单位", "Unit"), ("所属地区", "Region"), ("层级", "Level"), ("重点缺人单位", "Key shortage"),
                ("艰苦程度", "Hardship"), ("调出人数", "Leaving"), ("调出人员", "Who leaves"),
                ("调入人数", "Arriving"), ("调入人员", "Who arrives"), ("净变化", "Net change"),
                ("挂职/任务到岗", "Temporary/task arrivals"), ("岗位名额", "Seats"), ("已安排", "Assigned"),
                ("空缺名额", "Seats unfilled"), ("最低人数缺口", "Min seats unmet"), ("单位编号", "Unit id"))


def _sheet_units(wb, sc: Scenario, f: _Facts, fonts, lang: str) -> None:
    ws = wb.create_sheet(SHEETS["units"][0 if lang == "zh" else 1])
    headers = [_t(lang, zh, en) for zh, en in UNIT_HEADERS]
    rows = unit_rows(sc, f, lang)
    counts = (5, 7, 9, 10, 11, 12, 13, 14)      # the columns that add up
    total = [sum(r[j] for r in rows) if j in counts else "" for j in range(len(headers))] if rows else []
    if total:
        total[0] = _t(lang, "合计", "Total")
    _title(ws, _t(lang, f"{sc.name} 各单位人员进出", f"{sc.name}: by unit"), len(headers), fonts)
    # Counts are narrow (their headers wrap); the names of who leaves and arrives wrap too.
    limits = {0: (12, 18), 1: (8, 10), 2: (6, 10), 3: (6, 7), 4: (8, 9), 6: (10, 24), 8: (10, 24), 15: (6, 8)}
    limits.update({j: (6, 7) for j in (5, 7, 9, 10, 11, 12, 13, 14)})
    widths = _write_table(ws, 2, 1, headers, rows + ([total] if total else []), fonts,
                          wrap={0, 2, 3, 4, 6, 8}, limits=limits)
    _set_widths(ws, widths)
    if total:
        for j in range(len(headers)):
            cell = ws.cell(row=3 + len(rows), column=1 + j)
            cell.fill, cell.font = TOTAL_FILL, fonts["bold"]
    for i, r in enumerate(rows):
        if r[14] > 0:
            ws.cell(row=3 + i, column=15).fill = WARN_FILL
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = "B3"
    _print_setup(ws, 2, lang)


# ------------------------------------------------------------------------------------------------
# 公平性
# ------------------------------------------------------------------------------------------------
FAIR_HEADERS = (("序号", "No."), ("干部编号", "Cadre id"), ("姓名", "Name"), ("现单位", "Current unit"),
                ("工龄", "Service years"), ("调整前积分", "Points before"), ("本次增加", "Added"),
                ("调整后积分", "Points after"), ("本次安排", "Assigned to"), ("基层经历（调整后）", "Grassroots after"),
                ("备注", "Note"))
# Labels of the key figures at the top of 公平性 (tests read the values beside them).
GINI_BEFORE = ("基尼系数（调整前）", "Gini before")
GINI_AFTER = ("基尼系数（调整后）", "Gini after")


def fairness_rows(sc: Scenario, f: _Facts, lang: str = "zh") -> list:
    """Per cadre, most points after the plan first."""
    sep = "、" if lang == "zh" else ", "
    rows = []
    fsy = sc.rules.first_stop_years
    order = sorted(sc.cadres, key=lambda c: (-f.after[c.cadre_id], c.cadre_id))
    for n, c in enumerate(order, start=1):
        cid = c.cadre_id
        got = [L.opening_type(sc.opening_by_id[a.opening_id], sc.unit_by_id[a.unit_id], lang)
               for a in f.by_cadre.get(cid, ())]
        note = ""
        if f.needs_record[cid] and not f.record_after[cid]:
            note = _t(lang, f"工龄满{fsy}年仍无基层经历", f"{fsy}+ years of service, still no grassroots record")
        elif not f.record_before[cid] and f.record_after[cid]:
            note = _t(lang, "本次取得基层经历", "gains a grassroots record")
        rows.append([n, cid, c.name, f.unit_name(c.unit_id) or _t(lang, "新录用", "new recruit"),
                     facts.service_years(c, sc.plan_year), f.before[cid], f.after[cid] - f.before[cid],
                     f.after[cid], sep.join(got), _t(lang, "有", "yes") if f.record_after[cid] else _t(lang, "无", "no"),
                     note])
    return rows


def _sheet_fairness(wb, sc: Scenario, f: _Facts, summary: dict, fonts, lang: str) -> None:
    from planner.report.figures import hardship_histogram_png, lorenz_png

    ws = wb.create_sheet(SHEETS["fairness"][0 if lang == "zh" else 1])
    headers = [_t(lang, zh, en) for zh, en in FAIR_HEADERS]
    _title(ws, _t(lang, f"{sc.name} 艰苦积分与公平性", f"{sc.name}: hardship and fairness"), len(headers), fonts)
    fsy = sc.rules.first_stop_years
    without_before = [c for c in sc.cadres if f.needs_record[c.cadre_id] and not f.record_before[c.cadre_id]]
    without_after = [c for c in sc.cadres if f.needs_record[c.cadre_id] and not f.record_after[c.cadre_id]]
    n = max(1, len(sc.cadres))
    sep = "、" if lang == "zh" else ", "
    key = [
        (_t(lang, *GINI_BEFORE), f.gini_before, "0.0000"),
        (_t(lang, *GINI_AFTER), f.gini_after, "0.0000"),
        (_t(lang, "最高积分（调整前 / 调整后）", "Most points (before / after)"),
         f"{max(f.before.values(), default=0)} / {max(f.after.values(), default=0)}", None),
        (_t(lang, "人均积分（调整前 / 调整后）", "Mean points (before / after)"),
         f"{sum(f.before.values()) / n:.1f} / {sum(f.after.values()) / n:.1f}", None),
        (_t(lang, f"工龄满{fsy}年无基层经历（调整前 / 调整后）", f"{fsy}+ years without grassroots (before / after)"),
         f"{len(without_before)} / {len(without_after)}", None),
        (_t(lang, "调整后仍无基层经历的干部", "Still without a grassroots record"),
         sep.join(f"{c.name}（{c.cadre_id}）" if lang == "zh" else f"{c.name} ({c.cadre_id})"
                  for c in without_after[:50]) + (f"{sep}…" if len(without_after) > 50 else "")
         or _t(lang, "无", "none"), None),
        (_t(lang, "说明", "Note"), _t(lang, f"积分 = 艰苦程度（0–3）× 月数，计近{sc.rules.hardship_lookback_years}年及本次安排；"
                                           "基尼系数越小越均衡（0 为完全均衡）。",
                                    f"points = hardship (0-3) x months over the last "
                                    f"{sc.rules.hardship_lookback_years} years plus this plan; a lower Gini is fairer."),
         None),
    ]
    for i, (label, value, fmt) in enumerate(key):
        r = 3 + i
        a = ws.cell(row=r, column=1, value=label)
        a.font, a.border, a.fill = fonts["bold"], BORDER, HEADER_FILL
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        b = ws.cell(row=r, column=5, value=value)
        b.font, b.border = fonts["body"], BORDER
        b.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if fmt:
            b.number_format = fmt
        ws.merge_cells(start_row=r, start_column=5, end_row=r, end_column=len(headers))
    reported = (summary.get("metrics") or {}).get("hardship_gini")
    if isinstance(reported, (int, float)) and abs(reported - f.gini_after) > 1e-6:
        log.warning("hardship_gini in summary.json (%s) differs from the plan's (%s)", reported, f.gini_after)
    # The pictures side by side under the key figures; the table starts on a new printed page.
    rows = fairness_rows(sc, f, lang)
    limits = {0: (5, 6), 1: (8, 10), 2: (8, 10), 3: (12, 20), 8: (10, 24), 9: (8, 10), 10: (10, 26)}
    pic_row = 3 + len(key) + 1
    header_row = pic_row + PICTURE_ROWS + 1
    widths = _write_table(ws, header_row, 1, headers, rows, fonts, wrap={3, 8, 9, 10}, limits=limits)
    widths[4] = max(widths[4], 18)   # the key-figure labels sit in merged A-D
    _set_widths(ws, widths)
    _fit_heights(ws, 3, 2 + len(key))
    for i, r in enumerate(rows):
        if r[10] and (r[9] == _t(lang, "无", "no")):
            ws.cell(row=header_row + 1 + i, column=11).fill = WARN_FILL
    ws.add_image(_image(lorenz_png(f.before.values(), f.after.values(), f.gini_before, f.gini_after, lang),
                        PICTURE_WIDTH), f"A{pic_row}")
    ws.add_image(_image(hardship_histogram_png(f.before.values(), f.after.values(), lang), PICTURE_WIDTH),
                 f"{_column_at(widths, PICTURE_WIDTH + 20)}{pic_row}")
    ws.row_breaks.append(Break(id=header_row - 1))
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{header_row + len(rows)}"
    _print_setup(ws, header_row, lang)


# ------------------------------------------------------------------------------------------------
# 地域交流
# ------------------------------------------------------------------------------------------------
MATRIX_LIMIT = 40  # regions; past this the matrix is left to exchange.graphml (it would not print)


def exchange_matrix(sc: Scenario, f: _Facts) -> dict:
    """(from region, to region) -> postings of cadres with a current unit; the diagonal holds
    postings within a region. New recruits' postings are counted under the key (None, region)."""
    from planner.report.exchange_graph import exchange_postings

    m: dict = {}
    for src, dst, _, _ in exchange_postings(sc, f.plan.assignments):
        m[(src, dst)] = m.get((src, dst), 0) + 1
    for a in f.plan.assignments:
        if a.kind == "posting" and sc.cadre_by_id[a.cadre_id].unit_id is None:
            dst = sc.unit_by_id[sc.opening_by_id[a.opening_id].unit_id].region_id
            m[(None, dst)] = m.get((None, dst), 0) + 1
    return m


def _sheet_exchange(wb, sc: Scenario, f: _Facts, fonts, lang: str) -> None:
    from planner.report.exchange_graph import (
        exchange_graph,
        graph_metrics,
        region_category,
    )
    from planner.report.figures import CATEGORY_EN, CATEGORY_ZH, exchange_graph_png

    ws = wb.create_sheet(SHEETS["exchange"][0 if lang == "zh" else 1])
    g = exchange_graph(sc, f.plan)
    gm = graph_metrics(g)
    cats = CATEGORY_ZH if lang == "zh" else CATEGORY_EN
    regions = list(sc.regions)
    m = exchange_matrix(sc, f)
    ncols = max(len(regions) + 3, 8) if len(regions) <= MATRIX_LIMIT else 8
    _title(ws, _t(lang, f"{sc.name} 跨地域交流", f"{sc.name}: exchange between regions"), ncols, fonts)
    sep = "、" if lang == "zh" else ", "

    def names(key):
        ids = [v for v in g.nodes if region_category(g, v) == key]
        return sep.join(g.nodes[v]["name"] for v in ids) or _t(lang, "无", "none")

    # Key figures first: what a committee member asks about.
    key = [
        (_t(lang, "跨地域交流人数", "Cross-region postings"), gm["cross_region_postings"]),
        (_t(lang, "交流任职人数（不含新录用）", "Postings (new recruits left out)"), gm["postings"]),
        (_t(lang, "跨地域占比", "Cross-region share"), gm["cross_region_share"]),
        (_t(lang, "有调出 / 有调入的地区数", "Regions sending / receiving"),
         f"{gm['regions_sending']} / {gm['regions_receiving']}（{_t(lang, '共', 'of')} {gm['regions']}）"),
        (_t(lang, "既调出又调入的地区", "Regions that send and receive"), names("both")),
        (_t(lang, "只调出的地区", "Regions that only send"), names("send_only")),
        (_t(lang, "只调入的地区", "Regions that only receive"), names("receive_only")),
        (_t(lang, "无跨地域交流的地区", "Regions with no exchange"), names("isolated")),
        (_t(lang, "互惠度（双向交流的线路占比）", "Reciprocity (share of two-way links)"), gm["reciprocity"]),
        (_t(lang, "最大强连通地区数", "Largest strongly connected component"), gm["largest_scc"]),
    ]
    for i, (label, value) in enumerate(key):
        r = 3 + i
        a = ws.cell(row=r, column=1, value=label)
        a.font, a.border, a.fill = fonts["bold"], BORDER, HEADER_FILL
        b = ws.cell(row=r, column=2, value=value)
        b.font, b.border = fonts["body"], BORDER
        b.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if isinstance(value, float):
            b.number_format = "0.0%" if i == 2 else "0.000"
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=ncols)
    row = 3 + len(key) + 1

    # Per region.
    ws.cell(row=row, column=1, value=_t(lang, "各地区交流情况", "Per region")).font = fonts["section"]
    row += 1
    per_headers = [_t(lang, "地区", "Region"), _t(lang, "偏远地区", "Remote"), _t(lang, "跨地域调出", "Sent"),
                   _t(lang, "跨地域调入", "Received"), _t(lang, "区内交流", "Within region"),
                   _t(lang, "新录用到岗", "New recruits"), _t(lang, "类别", "Category")]
    per_rows = []
    for r in regions:
        rid = r.region_id
        per_rows.append([r.name, _yes(r.remote, lang), g.out_degree(rid, weight="weight"),
                         g.in_degree(rid, weight="weight"), m.get((rid, rid), 0), m.get((None, rid), 0),
                         cats[region_category(g, rid)]])
    widths = _write_table(ws, row, 1, per_headers, per_rows, fonts, limits={0: (24, 30), 6: (10, 14)})
    row += len(per_rows) + 2

    # The matrix.
    if len(regions) <= MATRIX_LIMIT:
        ws.cell(row=row, column=1, value=_t(lang, "交流任职矩阵（行：原单位所在地区；列：拟任单位所在地区；对角线为区内交流）",
                                            "Postings (rows: from region; columns: to region; diagonal: within)")
                ).font = fonts["section"]
        row += 1
        head = [_t(lang, "调出地区＼调入地区", "from \\ to")] + [r.name for r in regions] + [_t(lang, "合计", "Total")]
        mrows = []
        for src in [r.region_id for r in regions] + [None]:
            vals = [m.get((src, r.region_id), 0) for r in regions]
            if src is None and not any(vals):
                continue
            label = f.region_name(src) if src is not None else _t(lang, "新录用", "new recruits")
            mrows.append([label] + vals + [sum(vals)])
        col_tot = [sum(r[1 + j] for r in mrows) for j in range(len(regions))]
        mrows.append([_t(lang, "合计", "Total")] + col_tot + [sum(col_tot)])
        w2 = _write_table(ws, row, 1, head, mrows, fonts, limits={0: (24, 30)})
        for col, w in w2.items():
            widths[col] = max(widths.get(col, 0), min(w, 14))
        for i in range(len(regions)):
            if i < len(mrows) - 1:
                ws.cell(row=row + 1 + i, column=2 + i).fill = DIAGONAL_FILL
        for j in range(len(head)):
            ws.cell(row=row + len(mrows), column=1 + j).fill = TOTAL_FILL
        row += len(mrows) + 2
    else:
        ws.cell(row=row, column=1, value=_t(lang, f"地区超过{MATRIX_LIMIT}个，交流矩阵见 exchange.graphml（planner graph）",
                                            f"more than {MATRIX_LIMIT} regions: see exchange.graphml (planner graph)"))
        row += 2
    widths[1] = max(widths.get(1, 0), 26)
    _set_widths(ws, widths)
    _fit_heights(ws, 3, 2 + len(key))
    ws.freeze_panes = "A3"
    _print_setup(ws, None, lang)
    # The drawing prints on a page of its own.
    ws.row_breaks.append(Break(id=row - 1))
    ws.add_image(_image(exchange_graph_png(g, lang), 640), f"A{row}")


# ------------------------------------------------------------------------------------------------
# 未满足
# ------------------------------------------------------------------------------------------------
UNMET_HEADERS = (("岗位编号", "Opening id"), ("岗位名称", "Opening"), ("单位", "Unit"), ("类型", "Type"),
                 ("名额", "Seats"), ("最低人数", "Min seats"), ("已安排", "Assigned"), ("空缺", "Unfilled"),
                 ("最低人数缺口", "Min seats unmet"), ("符合条件人数", "Eligible cadres"), ("原因", "Why"))


def unmet_openings(sc: Scenario, f: _Facts) -> list:
    """Openings with fewer cadres than seats: (opening, assigned), those below min_seats first."""
    out = []
    for o in sc.openings:
        n = len(f.by_opening.get(o.opening_id, ()))
        if n < o.seats:
            out.append((o, n))
    out.sort(key=lambda t: (-(max(0, t[0].min_seats - t[1])), -(t[0].seats - t[1]), t[0].opening_id))
    return out


def why_unmet(sc: Scenario, f: _Facts, elig, o, assigned: int, lang: str = "zh") -> tuple:
    """(eligible cadres, why in words) for an opening left below its seats.

    Uses the eligibility filters of the model (``planner.model.eligibility``): how many cadres pass
    every filter, and which filters keep most of the others off. Of the eligible, it counts those
    the plan sent elsewhere (another posting for a posting opening, an overlapping time away for
    the others); the rest were left where they are because the weighed terms preferred it.
    """
    import numpy as np

    from planner.model.eligibility import FILTERS

    masks = elig.filter_masks(o)
    ok = np.logical_and.reduce(masks) if masks else np.ones(len(sc.cadres), dtype=bool)
    eligible = [elig.ca.ids[i] for i in np.flatnonzero(ok)]
    here = {a.cadre_id for a in f.by_opening.get(o.opening_id, ())}
    free = [cid for cid in eligible if cid not in here]
    elsewhere = 0
    for cid in free:
        mine = f.by_cadre.get(cid, ())
        if o.kind == "posting":
            busy = any(a.kind == "posting" for a in mine)
        else:
            busy = any(a.kind != "posting" and not (a.end_month < o.start_month or o.end_month < a.start_month)
                       for a in mine)
        elsewhere += busy
    # Filters that turn the most cadres away (each counted on its own).
    fails = sorted(((int((~m).sum()), name) for (_, name), m in zip(FILTERS, masks) if (~m).any()),
                   key=lambda t: (-t[0], t[1]))
    labels = L.FILTER_ZH if lang == "zh" else L.FILTER_EN
    top = ("、" if lang == "zh" else ", ").join(
        _t(lang, f"{labels.get(name, name)} {k} 人", f"{labels.get(name, name)}: {k}") for k, name in fails[:3])
    missing = o.seats - assigned
    parts = []
    if not eligible:
        parts.append(_t(lang, "无符合条件的干部", "no cadre is eligible"))
    elif len(free) < missing:
        parts.append(_t(lang, f"符合条件的干部仅 {len(eligible)} 人", f"only {len(eligible)} eligible"))
    if top and (not eligible or len(free) < missing):
        parts.append(_t(lang, f"主要限制：{top}", f"main filters: {top}"))
    if free:
        if elsewhere:
            parts.append(_t(lang, f"其余符合条件者中 {elsewhere} 人已另有安排", f"{elsewhere} of the other eligible are assigned elsewhere"))
        if len(free) - elsewhere > 0:
            parts.append(_t(lang, f"{len(free) - elsewhere} 人未调整（按艰苦均衡、保持稳定等目标权衡）",
                            f"{len(free) - elsewhere} left in place by the weighed terms (fairness, stability, ...)"))
    if o.min_seats > assigned:
        parts.insert(0, _t(lang, f"未达最低人数 {o.min_seats}", f"below min_seats {o.min_seats}"))
    return len(eligible), _t(lang, "；", "; ").join(parts)


UNMET_DETAIL_LIMIT = 500   # openings analysed in full (those below min_seats come first)


def _eligibility_masks(sc: Scenario):
    """The model's eligibility filters, without building its whole candidate list.

    ``planner.model.eligibility.Eligibility`` computes every opening's masks up front (a minute at
    national size); the unmet sheet needs only the openings left unfilled. Should the class
    change shape, the full constructor is used instead.
    """
    from planner.model.eligibility import Eligibility, cadre_arrays

    class _MasksOnly(Eligibility):
        def __init__(self, scenario):       # noqa: D401 - skips the candidate list on purpose
            self.scenario = scenario
            self.ca = cadre_arrays(scenario)
            self._no_return = self._no_return_by_unit()
            self._forbid = self._forbid_by_opening()

    try:
        e = _MasksOnly(sc)
        e.filter_masks(sc.openings[0])
        return e
    except Exception as err:                 # pragma: no cover - only if eligibility.py changes
        log.debug("falling back to the full Eligibility: %s", err)
        return Eligibility(sc)


def _sheet_unmet(wb, sc: Scenario, f: _Facts, fonts, lang: str) -> None:
    ws = wb.create_sheet(SHEETS["unmet"][0 if lang == "zh" else 1])
    headers = [_t(lang, zh, en) for zh, en in UNMET_HEADERS]
    _title(ws, _t(lang, f"{sc.name} 未满额岗位", f"{sc.name}: openings not filled"), len(headers), fonts)
    items = unmet_openings(sc, f)
    rows = []
    elig = _eligibility_masks(sc) if items else None
    for i, (o, n) in enumerate(items):
        u = sc.unit_by_id[o.unit_id]
        if i < UNMET_DETAIL_LIMIT:
            k, why = why_unmet(sc, f, elig, o, n, lang)
        else:
            k, why = None, _t(lang, f"岗位较多，仅分析前 {UNMET_DETAIL_LIMIT} 个", f"only the first {UNMET_DETAIL_LIMIT} are analysed")
        rows.append([o.opening_id, o.name, u.name, L.opening_type(o, u, lang), o.seats, o.min_seats, n,
                     o.seats - n, max(0, o.min_seats - n), k, why])
    limits = {0: (8, 10), 1: (16, 30), 2: (10, 16), 3: (8, 12), 10: (30, 60)}
    widths = _write_table(ws, 2, 1, headers, rows, fonts, wrap={1, 2, 10}, limits=limits)
    _set_widths(ws, widths)
    for i, r in enumerate(rows):
        if r[8] > 0:
            for j in range(len(headers)):
                ws.cell(row=3 + i, column=1 + j).fill = WARN_FILL
    if not rows:
        ws.cell(row=3, column=1, value=_t(lang, "所有岗位均已满额", "every opening is filled")).font = fonts["body"]
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = "A3"
    _print_setup(ws, 2, lang)


# ------------------------------------------------------------------------------------------------
# 说明
# ------------------------------------------------------------------------------------------------
def _sheet_notes(ws, sc: Scenario, f: _Facts, summary: dict, fonts, lang: str) -> None:
    ws.title = SHEETS["notes"][0 if lang == "zh" else 1]
    _title(ws, _t(lang, f"{sc.name}", f"{sc.name}"), 4, fonts)
    status = summary.get("status", "")
    gap = summary.get("gap")
    sha = summary.get("scenario_sha256") or ""
    same = (not sc.sha256) or (not sha) or sha == sc.sha256
    kinds = {k: sum(1 for a in f.plan.assignments if a.kind == k) for k in ("posting", "temporary", "task")}
    solve_s = (summary.get("build_seconds") or 0) + (summary.get("solve_seconds") or 0)
    rows = [
        (_t(lang, "方案名称", "Scenario"), sc.name),
        (_t(lang, "计划年度", "Plan year"), sc.plan_year),
        (_t(lang, "求解状态", "Status"), f"{L.STATUS_ZH.get(status, status)}（{status}）" if lang == "zh" else status),
        (_t(lang, "目标值 / 最优界", "Objective / bound"), f"{summary.get('objective')} / {summary.get('best_bound')}"),
        (_t(lang, "相对差距", "Gap"), gap if isinstance(gap, (int, float)) else _t(lang, "—", "-")),
        (_t(lang, "求解器 / 随机种子 / 线程", "Solver / seed / workers"),
         f"{summary.get('solver')} / {summary.get('seed')} / {summary.get('workers', '')}"),
        (_t(lang, "用时（秒）", "Seconds"), round(solve_s, 2)),
        (_t(lang, "情景数据校验码（SHA-256）", "Scenario SHA-256"),
         sha + ("" if same else _t(lang, "（注意：与所给情景数据不一致）", " (WARNING: not this scenario's)"))),
        (_t(lang, "干部 / 单位 / 岗位", "Cadres / units / openings"), f"{len(sc.cadres)} / {len(sc.units)} / {len(sc.openings)}"),
        (_t(lang, "安排（交流任职 / 挂职跟班 / 专项任务）", "Assignments (postings / temporary / tasks)"),
         f"{len(f.plan.assignments)}（{kinds['posting']} / {kinds['temporary']} / {kinds['task']}）"),
        (_t(lang, "生成日期", "Date"), _dt.date.today().isoformat()),
    ]
    r = 3
    sha_row = 3 + 7
    for label, value in rows:
        a = ws.cell(row=r, column=1, value=label)
        a.font, a.fill, a.border = fonts["bold"], HEADER_FILL, BORDER
        b = ws.cell(row=r, column=2, value=value)
        b.font, b.border = fonts["body"], BORDER
        b.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if label == _t(lang, "相对差距", "Gap") and isinstance(value, float):
            b.number_format = "0.000%"
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        r += 1
    if not same:
        ws.cell(row=sha_row, column=2).fill = WARN_FILL

    r += 1
    ws.cell(row=r, column=1, value=_t(lang, "目标权重与得分", "Weights and terms")).font = fonts["section"]
    r += 1
    weights, terms = summary.get("weights") or {}, summary.get("terms") or {}
    trows = [[L.TERM_ZH.get(t, t) if lang == "zh" else t, weights.get(t, ""), terms.get(t, "")] for t in L.TERM_ZH]
    _write_table(ws, r, 1, [_t(lang, "目标", "Term"), _t(lang, "权重", "Weight"), _t(lang, "得分", "Value")], trows, fonts)
    r += len(trows) + 2

    ws.cell(row=r, column=1, value=_t(lang, "主要指标", "Metrics")).font = fonts["section"]
    r += 1
    metrics = summary.get("metrics") or {}
    mrows = []
    for k, zh in L.METRIC_ZH.items():
        if k in metrics:
            v = metrics[k]
            mrows.append([zh if lang == "zh" else k, round(v, 4) if isinstance(v, float) else v])
    _write_table(ws, r, 1, [_t(lang, "指标", "Metric"), _t(lang, "数值", "Value")], mrows, fonts)
    r += len(mrows) + 2

    ws.cell(row=r, column=1, value=_t(lang, "理由说明", "What the reasons mean")).font = fonts["section"]
    r += 1
    codes = ["R4", "R6", "R7", "lock", "shortage", "preference:1", "fairness", "development", "exchange", "fit"]
    expl_zh = {
        "R4": "新录用干部或工龄未满年限、尚无基层经历者，须先到基层单位任职",
        "R6": f"在现单位任职满{sc.rules.max_tenure_years}年，须交流",
        "R7": "与亲属同在一个单位，须调离其一",
        "lock": "党组已预先确定的安排",
        "shortage": "补充重点缺人单位，优先重点目标专业",
        "preference:1": "符合本人志愿（第一、第二、第三志愿）",
        "fairness": "由艰苦积分较少者承担艰苦岗位，或使工龄已满者取得基层经历",
        "development": "蓄水池成员获得培养锻炼机会",
        "exchange": "跨地区交流任职，打破地域壁垒",
        "fit": "人岗相适度高",
    }
    erows = [[L.reason_text(c, lang), expl_zh[c] if lang == "zh" else c] for c in codes]
    _write_table(ws, r, 1, [_t(lang, "理由", "Reason"), _t(lang, "含义", "Meaning")], erows, fonts, wrap={1})
    for i in range(len(erows)):
        ws.merge_cells(start_row=r + 1 + i, start_column=2, end_row=r + 1 + i, end_column=4)
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    r += len(erows) + 2

    ws.cell(row=r, column=1, value=_t(lang, "各工作表", "Sheets")).font = fonts["section"]
    r += 1
    srows = [[SHEETS["list"][0], "每条安排一行：干部基本情况、拟任单位/岗位、类型、起止月份、理由、回避核查，及名册中的其他信息"],
             [SHEETS["units"][0], "各单位调出、调入人员及人数，净变化，空缺名额"],
             [SHEETS["fairness"][0], "每名干部调整前后的艰苦积分，基尼系数，仍无基层经历的干部，洛伦兹曲线"],
             [SHEETS["exchange"][0], "地区之间的交流任职矩阵，各地区调出、调入情况，交流关系图"],
             [SHEETS["unmet"][0], "未满额的岗位，符合条件的人数及未满原因"]] if lang == "zh" else [
             [SHEETS[k][1], k] for k in ("list", "units", "fairness", "exchange", "unmet")]
    _write_table(ws, r, 1, [_t(lang, "工作表", "Sheet"), _t(lang, "内容", "Content")], srows, fonts, wrap={1})
    for i in range(len(srows) + 1):
        ws.merge_cells(start_row=r + i, start_column=2, end_row=r + i, end_column=4)
    _set_widths(ws, {1: 34, 2: 30, 3: 18, 4: 30})
    _fit_heights(ws, reset=True)
    _print_setup(ws, None, lang)
    ws.page_setup.orientation = "portrait"


# ------------------------------------------------------------------------------------------------
# Entry points
# ------------------------------------------------------------------------------------------------
def build_workbook(scenario: Scenario, plan: Plan, summary: dict, lang: str = "zh") -> Workbook:
    """The committee workbook of a plan, in memory (see the module docstring for its sheets)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    f = _Facts(scenario, plan)
    fonts = _fonts(lang)
    wb = Workbook()
    _register_styles(wb, fonts)
    _sheet_notes(wb.active, scenario, f, summary, fonts, lang)
    _sheet_list(wb, scenario, f, fonts, lang)
    _sheet_units(wb, scenario, f, fonts, lang)
    _sheet_fairness(wb, scenario, f, summary, fonts, lang)
    _sheet_exchange(wb, scenario, f, fonts, lang)
    _sheet_unmet(wb, scenario, f, fonts, lang)
    wb.active = 1          # open on 调整名单, the sheet the meeting reads
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def load_plan(plan_dir, scenario: Scenario) -> tuple:
    """(Plan, summary) of a plan folder; ReportError when there is no usable plan."""
    from planner.check import PlanFileError, read_plan

    plan_dir = Path(plan_dir)
    try:
        rows, summary = read_plan(plan_dir)
    except PlanFileError as err:
        if not (plan_dir / "plan.csv").exists() and (plan_dir / "diagnosis.md").exists():
            raise ReportError([f"{plan_dir}: no plan to report: the scenario is infeasible "
                               f"(see {plan_dir / 'diagnosis.md'})"]) from None
        raise ReportError(err.problems) from None
    problems = []
    for r in rows:
        if r.cadre_id not in scenario.cadre_by_id:
            problems.append(f"plan.csv: cadre {r.cadre_id} is not in the scenario")
        if r.opening_id not in scenario.opening_by_id:
            problems.append(f"plan.csv: opening {r.opening_id} is not in the scenario")
    if problems:
        raise ReportError(problems + ["the plan was made for other data: pass the scenario it was solved from"])
    sha = summary.get("scenario_sha256")
    if scenario.sha256 and sha and sha != scenario.sha256:
        log.warning("summary.json scenario_sha256 is not this scenario's: the workbook says so on its first sheet")
    return Plan(tuple(rows)), summary


def write_report(plan_dir, scenario_dir=None, lang: str = "zh", out=None) -> Path:
    """Write the committee workbook of a plan folder; return the path written.

    Parameters
    ----------
    plan_dir : str or Path
        A folder ``planner solve`` wrote a plan into (plan.csv, summary.json).
    scenario_dir : str, Path or models.Scenario
        The scenario the plan was solved from (required: summary.json records only its hash).
    lang : "zh" or "en"
    out : str or Path, optional
        The workbook's path; default ``PLAN_DIR/committee.xlsx``.

    Raises
    ------
    ReportError
        No scenario given, no plan in the folder, or a plan that names cadres or openings the
        scenario does not have. ``planner.io.ScenarioError`` when the scenario is invalid.
    """
    from planner.io.plan_files import atomic_write

    if scenario_dir is None:
        raise ReportError(["the scenario is needed (summary.json records only its hash): pass --scenario DIR"])
    if isinstance(scenario_dir, Scenario):
        scenario = scenario_dir
    else:
        from planner.io import read_scenario
        scenario = read_scenario(scenario_dir)
    plan, summary = load_plan(plan_dir, scenario)
    out = Path(out) if out is not None else Path(plan_dir) / DEFAULT_NAME
    wb = build_workbook(scenario, plan, summary, lang)
    atomic_write(out, workbook_bytes(wb))
    log.info("committee workbook: %d assignments -> %s", len(plan.assignments), out)
    return out
