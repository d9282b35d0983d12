"""调整名单: the postings of the plan as a 干部调整 meeting list, one row per person.

Twelve columns in the order such lists use (序号, 姓名, 性别, 出生年月（年龄）, 学历（专业）,
现单位及职务, 任现职时间, 拟任单位及岗位, 类型, 理由, 回避核查, 备注), text wrapped in widths that
add up to an A4 landscape page, so that the list prints at 100 % and 10.5 pt.
"""
from __future__ import annotations

from openpyxl.utils import get_column_letter

import planner.report.layout as layout
from planner import labels as L
from planner.labels.report import POSTING_HEADERS, headers, report_text, sheet_title
from planner.report.plan_facts import PlanFacts
from planner.report.recusal import recusal_check

# Width bounds per column; the columns share TOTAL_WIDTH by what they hold (layout.fit_widths),
# which with 12 columns stays inside an A4 landscape page at 100 %.
LIMITS = {0: (4.5, 4.5), 1: (6.5, 8), 2: (4.5, 4.5), 3: (9.5, 9.5), 4: (8, 11), 5: (12, 22), 6: (10, 10),
          7: (14, 26), 8: (9, 12), 9: (14, 30), 10: (8.5, 24), 11: (17.5, 20)}
TOTAL_WIDTH = 140
CENTRED = {0, 1, 2, 3, 4, 6, 8}
HEADER_ROW = 2


def type_text(f: PlanFacts, cadre, opening) -> str:
    """类型: 交流任职 (新录用人员分配 for a recruit's first posting), then whether the move
    crosses regions and the post's hardship (the unit's name shows grassroots, 理由 a shortage unit)."""
    sc = f.sc
    unit = sc.unit_by_id[opening.unit_id]
    kind = f.text("posting_first") if cadre.unit_id is None else f.opening_type(opening)
    features = []
    if cadre.unit_id is not None and sc.unit_by_id[cadre.unit_id].region_id != unit.region_id:
        features.append(f.text("feature_cross"))
    hardship = sc.opening_hardship(opening)
    if hardship:
        features.append(L.HARDSHIP_ZH[hardship] if f.lang == "zh" else L.HARDSHIP_EN[hardship])
    return "\n".join([kind] + features)


def lock_note(f: PlanFacts, line) -> str:
    """备注 for a line the committee decided in advance (the lock's note, if any)."""
    notes = [lk.note for lk in f.sc.locks
             if lk.cadre_id == line.cadre_id and lk.opening_id == line.opening_id and lk.lock == "require"]
    if not notes and "lock" not in line.reasons:
        return ""
    return f.text("remark_lock", note=notes[0]) if notes and notes[0] else f.text("remark_lock_plain")


def alternate_note(f: PlanFacts, line) -> str:
    """备注: who would take the seat if this cadre declined (when alternates were given)."""
    other = f.alternates.get((line.cadre_id, line.opening_id))
    if not other or other not in f.sc.cadre_by_id:
        return ""
    alt = f.sc.cadre_by_id[other]
    return f.text("remark_alternate", name=alt.name, unit=f.unit_name(alt.unit_id) or f.text("new_recruit"))


def _remarks(f: PlanFacts, cadre, line, opening) -> str:
    sc = f.sc
    out = []
    if not f.record_before[cadre.cadre_id] and f.record_after[cadre.cadre_id] \
            and sc.unit_by_id[opening.unit_id].grassroots:
        out.append(f.text("remark_gains"))
    if opening.post_type and opening.post_type != cadre.post_type:
        names = L.POST_TYPE_ZH if f.lang == "zh" else {k: k for k in L.POST_TYPE_ZH}
        out.append(f.text("remark_transfer", from_type=names[cadre.post_type], to_type=names[opening.post_type]))
    note = lock_note(f, line)
    if note:
        out.append(note)
    if any(a.kind != "posting" for a in f.by_cadre.get(cadre.cadre_id, ())):
        out.append(f.text("remark_also_away"))
    alt = alternate_note(f, line)
    if alt:
        out.append(alt)
    return "\n".join(out)


def _rows(f: PlanFacts) -> list:
    sc = f.sc
    rows = []
    for n, cadre_id in enumerate(f.posted, start=1):
        cadre = sc.cadre_by_id[cadre_id]
        line = next(a for a in f.by_cadre[cadre_id] if a.kind == "posting")
        opening = sc.opening_by_id[line.opening_id]
        rows.append([n, cadre.name, f.gender(cadre), f.born(cadre), f.education(cadre), f.unit_and_post(cadre),
                     f.since(cadre), f.target(opening), type_text(f, cadre, opening),
                     f.text("semi").join(L.reason_text(code, f.lang) for code in line.reasons if code.strip()),
                     recusal_check(f, line), _remarks(f, cadre, line, opening)])
    return rows


def add_postings_sheet(wb, f: PlanFacts) -> None:
    """Add 调整名单 to ``wb``: one row per cadre with a posting, in plan order."""
    ws = wb.create_sheet(sheet_title("postings", f.lang))
    header_row = headers(POSTING_HEADERS, f.lang)
    layout.sheet_title(ws, report_text("list_title", f.lang, name=f.sc.name), len(header_row))
    rows = _rows(f)
    widths = layout.fit_widths(header_row, rows, LIMITS, TOTAL_WIDTH)
    layout.write_table(ws, HEADER_ROW, 1, header_row, rows, widths=widths, centre=CENTRED)
    if not rows:
        layout.paragraph(ws, HEADER_ROW + 1, f.text("empty_list"), len(header_row))
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    last = get_column_letter(len(header_row))
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    layout.print_setup(ws, HEADER_ROW, f.lang)
