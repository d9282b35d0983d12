"""附录二 安排明细: every line of the plan with its ids and reason codes, keyed by the list and
序号 it appears under in 调整名单 or 挂职及任务, so that a row of either can be traced to plan.csv."""
from __future__ import annotations

import planner.report.layout as layout
from planner.labels.report import LINE_HEADERS, SOLVER_WORDS, headers, report_text, sheet_title
from planner.report.plan_facts import PlanFacts

WIDTHS = (12, 6, 9, 11, 11, 30, 10, 8, 32, 12)
HEADER_ROW = 2


def add_lines_sheet(wb, f: PlanFacts) -> None:
    """Add 附录二 to ``wb``: one row per plan line, postings first, then temporaries and tasks."""
    sc, lang = f.sc, f.lang
    ws = wb.create_sheet(sheet_title("lines", lang))
    header_row = headers(LINE_HEADERS, lang)
    layout.sheet_title(ws, report_text("lines_title", lang, SOLVER_WORDS, name=sc.name), len(header_row))
    rows = []
    for list_key, people in (("postings", f.posted), ("away", f.away)):
        for n, cadre_id in enumerate(people, start=1):
            for a in f.by_cadre[cadre_id]:
                if (a.kind == "posting") != (list_key == "postings"):
                    continue
                rows.append([sheet_title(list_key, lang), n, sc.cadre_by_id[cadre_id].name, cadre_id,
                             a.opening_id, sc.opening_by_id[a.opening_id].name, a.kind,
                             f"{a.start_month}-{a.end_month}", ";".join(a.reasons),
                             f.alternates.get((cadre_id, a.opening_id), "")])
    layout.write_table(ws, HEADER_ROW, 1, header_row, rows, widths=dict(enumerate(WIDTHS)), centre={1})
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:J{HEADER_ROW + len(rows)}"
    layout.print_setup(ws, HEADER_ROW, lang)
