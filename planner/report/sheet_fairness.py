"""公平性: Gini before and after, hardship points per cadre before and after, cadres still
without a grassroots record, the Lorenz curve and the histogram."""
from __future__ import annotations

import logging

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

import planner.report.layout as layout
from models import facts
from planner.labels.report import FAIR_HEADERS, GINI_AFTER, GINI_BEFORE, headers, report_text, sheet_title
from planner.report.histogram import hardship_histogram_png
from planner.report.lorenz import lorenz_png
from planner.report.plan_facts import PlanFacts
from planner.report.styles import WARN_FILL

log = logging.getLogger(__name__)

WIDTHS = (5, 8, 24, 6, 8, 7, 8, 30, 10, 30)
PICTURE_WIDTH = 480      # pixels: two pictures side by side fill a landscape page
PICTURE_ROWS = 20        # rows kept free for the pictures
NAMES_SHOWN = 50


def _rows(f: PlanFacts) -> list:
    """Per cadre, most points after the plan first."""
    sc = f.sc
    sep = f.text("sep")
    rows = []
    order = sorted(sc.cadres, key=lambda c: (-f.after[c.cadre_id], c.cadre_id))
    for n, c in enumerate(order, start=1):
        cid = c.cadre_id
        got = [f.opening_type(sc.opening_by_id[a.opening_id]) for a in f.by_cadre.get(cid, ())]
        note = ""
        if f.needs_record[cid] and not f.record_after[cid]:
            note = f.text("fair_note_still", years=sc.rules.first_stop_years)
        elif not f.record_before[cid] and f.record_after[cid]:
            note = f.text("remark_gains")
        rows.append([n, c.name, f.unit_name(c.unit_id) or f.text("new_recruit"),
                     facts.service_years(c, sc.plan_year), f.before[cid], f.after[cid] - f.before[cid], f.after[cid],
                     sep.join(got), f.text("yes") if f.record_after[cid] else f.text("none"), note])
    return rows


def add_fairness_sheet(wb, f: PlanFacts, summary: dict) -> None:
    """Add 公平性 to ``wb``: key figures, the two pictures, then the table on a page of its own."""
    sc, lang = f.sc, f.lang
    ws = wb.create_sheet(sheet_title("fairness", lang))
    header_row = headers(FAIR_HEADERS, lang)
    layout.set_widths(ws, dict(enumerate(WIDTHS, start=1)))
    layout.sheet_title(ws, report_text("fair_title", lang, name=sc.name), len(header_row))
    fsy = sc.rules.first_stop_years
    without_before = [c for c in sc.cadres if f.needs_record[c.cadre_id] and not f.record_before[c.cadre_id]]
    without_after = [c for c in sc.cadres if f.needs_record[c.cadre_id] and not f.record_after[c.cadre_id]]
    n = max(1, len(sc.cadres))
    sep = f.text("sep")
    names = sep.join(c.name for c in without_after[:NAMES_SHOWN])
    if len(without_after) > NAMES_SHOWN:
        names += sep + f.text("more_items_people", k=len(without_after))
    key = [
        (GINI_BEFORE[0 if lang == "zh" else 1], f.gini_before),
        (GINI_AFTER[0 if lang == "zh" else 1], f.gini_after),
        (f.text("fair_most"), f"{max(f.before.values(), default=0)} / {max(f.after.values(), default=0)}"),
        (f.text("fair_mean"), f"{sum(f.before.values()) / n:.1f} / {sum(f.after.values()) / n:.1f}"),
        (f.text("fair_without", years=fsy), f"{len(without_before)} / {len(without_after)}"),
        (f.text("fair_without_names"), names or f.text("none")),
        (f.text("fair_note"), f.text("fair_note_text", years=sc.rules.hardship_lookback_years)),
    ]
    end = layout.key_block(ws, 3, key, 4, len(header_row) - 4, number_formats={0: "0.0000", 1: "0.0000"})
    layout.fit_block_heights(ws, 3, end - 1, 4, len(header_row) - 4)
    reported = (summary.get("metrics") or {}).get("hardship_gini")
    if isinstance(reported, (int, float)) and abs(reported - f.gini_after) > 1e-6:
        log.warning("hardship_gini in summary.json (%s) differs from the plan's (%s)", reported, f.gini_after)
    # The pictures side by side under the key figures; the table starts on a new printed page.
    pic_row = end + 1
    table_row = pic_row + PICTURE_ROWS + 1
    rows = _rows(f)
    layout.write_table(ws, table_row, 1, header_row, rows, widths=dict(enumerate(WIDTHS)), centre={0, 1, 3, 8})
    for i, r in enumerate(rows):
        if r[9] and r[8] == f.text("none"):
            ws.cell(row=table_row + 1 + i, column=10).fill = WARN_FILL
    ws.add_image(layout.picture(lorenz_png(f.before.values(), f.after.values(), f.gini_before, f.gini_after, lang),
                                PICTURE_WIDTH), f"A{pic_row}")
    widths = {c: WIDTHS[c - 1] for c in range(1, len(WIDTHS) + 1)}
    ws.add_image(layout.picture(hardship_histogram_png(f.before.values(), f.after.values(), lang), PICTURE_WIDTH),
                 f"{layout.column_at(widths, PICTURE_WIDTH + 30)}{pic_row}")
    ws.row_breaks.append(Break(id=table_row - 1))
    ws.auto_filter.ref = f"A{table_row}:{get_column_letter(len(header_row))}{table_row + len(rows)}"
    layout.print_setup(ws, table_row, lang)
