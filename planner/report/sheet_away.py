"""挂职及任务: temporary assignments (挂职锻炼, 跟班学习) and tasks, one row per person, the
person's lines numbered in one cell."""
from __future__ import annotations

from openpyxl.utils import get_column_letter

import planner.report.layout as layout
from planner import labels as L
from planner.labels.report import AWAY_HEADERS, headers, report_text, sheet_title
from planner.report.plan_facts import PlanFacts
from planner.report.recusal import recusal_check
from planner.report.sheet_postings import alternate_note, lock_note

LIMITS = {0: (4.5, 4.5), 1: (6.5, 8), 2: (4.5, 4.5), 3: (9.5, 9.5), 4: (12, 20), 5: (24, 40), 6: (5, 5),
          7: (10, 22), 8: (16, 26), 9: (6, 18)}
TOTAL_WIDTH = 140
CENTRED = {0, 1, 2, 3, 6}
HEADER_ROW = 2


def _numbered(f: PlanFacts, texts: list) -> str:
    """One text per line of the person: numbered when there are several."""
    if len(texts) == 1:
        return texts[0]
    return "\n".join(f.text("numbered", n=n, text=t) for n, t in enumerate(texts, start=1) if t)


def _rows(f: PlanFacts) -> list:
    sc = f.sc
    rows = []
    for n, cadre_id in enumerate(f.away, start=1):
        cadre = sc.cadre_by_id[cadre_id]
        lines = [a for a in f.by_cadre[cadre_id] if a.kind != "posting"]
        openings = [sc.opening_by_id[a.opening_id] for a in lines]
        what = _numbered(f, [f.away_line(o) for o in openings])
        reasons = _numbered(f, [f.text("semi").join(L.reason_text(c, f.lang) for c in a.reasons if c.strip())
                                for a in lines])
        recusal = _numbered(f, [recusal_check(f, a) for a in lines])
        remarks = []
        for notes in ([lock_note(f, a) for a in lines], [alternate_note(f, a) for a in lines]):
            if any(notes):
                remarks.append(_numbered(f, notes))
        if cadre_id in f.posted:
            remarks.append(f.text("remark_also_posting"))
        rows.append([n, cadre.name, f.gender(cadre), f.born(cadre), f.unit_and_post(cadre), what,
                     sum(o.months for o in openings), reasons, recusal, "\n".join(remarks)])
    return rows


def add_away_sheet(wb, f: PlanFacts) -> None:
    """Add 挂职及任务 to ``wb``: one row per cadre with a temporary assignment or task."""
    ws = wb.create_sheet(sheet_title("away", f.lang))
    header_row = headers(AWAY_HEADERS, f.lang)
    layout.sheet_title(ws, report_text("away_title", f.lang, name=f.sc.name), len(header_row))
    rows = _rows(f)
    widths = layout.fit_widths(header_row, rows, LIMITS, TOTAL_WIDTH)
    layout.write_table(ws, HEADER_ROW, 1, header_row, rows, widths=widths, centre=CENTRED)
    if not rows:
        layout.paragraph(ws, HEADER_ROW + 1, f.text("empty_list"), len(header_row))
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(header_row))}{HEADER_ROW + len(rows)}"
    layout.print_setup(ws, HEADER_ROW, f.lang)
