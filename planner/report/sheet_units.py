"""按单位: per unit who leaves, who arrives, the net change, seats left unfilled."""
from __future__ import annotations

import planner.report.layout as layout
from planner import labels as L
from planner.labels.report import UNIT_HEADERS, headers, report_text, sheet_title
from planner.report.plan_facts import PlanFacts
from planner.report.styles import TOTAL_FILL, WARN_FILL

COUNT_COLUMNS = (5, 7, 9, 10, 11, 12, 13, 14)       # the columns that add up
HEADER_ROW = 2


def _rows(f: PlanFacts) -> list:
    """Per unit: [unit, region, level, key shortage, hardship, out n, out names, in n, in names,
    net, temporary/task arrivals, seats, assigned, seats unfilled, min_seats gap]."""
    sc, lang = f.sc, f.lang
    sep = f.text("sep")
    leaving: dict = {}
    arriving: dict = {}
    away_in: dict = {}
    for a in f.plan.assignments:
        opening = sc.opening_by_id[a.opening_id]
        cadre = sc.cadre_by_id[a.cadre_id]
        if opening.kind == "posting":
            arriving.setdefault(opening.unit_id, []).append(cadre.name)
            if cadre.unit_id is not None:
                leaving.setdefault(cadre.unit_id, []).append(cadre.name)
        else:
            away_in[opening.unit_id] = away_in.get(opening.unit_id, 0) + 1
    seats: dict = {}
    for o in sc.openings:
        n = len(f.by_opening.get(o.opening_id, ()))
        s = seats.setdefault(o.unit_id, [0, 0, 0, 0])
        s[0] += o.seats
        s[1] += n
        s[2] += max(0, o.seats - n)
        s[3] += max(0, o.min_seats - n)
    order = {r.region_id: i for i, r in enumerate(sc.regions)}
    rows = []
    for u in sorted(sc.units, key=lambda u: (order.get(u.region_id, 1 << 30), u.unit_id)):
        out, into = leaving.get(u.unit_id, []), arriving.get(u.unit_id, [])
        s = seats.get(u.unit_id, [0, 0, 0, 0])
        rows.append([u.name, f.region_name(u.region_id), L.LEVEL_ZH[u.level] if lang == "zh" else u.level,
                     f.text("yes") if u.key_shortage else f.text("no"),
                     L.HARDSHIP_ZH[u.hardship] if lang == "zh" else L.HARDSHIP_EN[u.hardship],
                     len(out), sep.join(out), len(into), sep.join(into), len(into) - len(out),
                     away_in.get(u.unit_id, 0), s[0], s[1], s[2], s[3]])
    return rows


def add_units_sheet(wb, f: PlanFacts) -> None:
    """Add 按单位 to ``wb``, with a total row."""
    ws = wb.create_sheet(sheet_title("units", f.lang))
    header_row = headers(UNIT_HEADERS, f.lang)
    rows = _rows(f)
    total = []
    if rows:
        total = [sum(r[j] for r in rows) if j in COUNT_COLUMNS else "" for j in range(len(header_row))]
        total[0] = f.text("total")
    layout.sheet_title(ws, report_text("units_title", f.lang, name=f.sc.name), len(header_row))
    # Counts are narrow with their headers set vertically; the names of who leaves and arrives wrap.
    widths = {0: 20, 1: 9, 2: 8, 3: 8, 4: 9, 6: 26, 8: 26}
    widths.update({j: 4.5 for j in COUNT_COLUMNS})
    layout.write_table(ws, HEADER_ROW, 1, header_row, rows + ([total] if total else []), widths=widths,
                       centre={1, 2, 3, 4, *COUNT_COLUMNS}, vertical=set(COUNT_COLUMNS))
    if total:
        for j in range(len(header_row)):
            cell = ws.cell(row=HEADER_ROW + 1 + len(rows), column=1 + j)
            cell.fill = TOTAL_FILL
    for i, r in enumerate(rows):
        if r[14] > 0:
            ws.cell(row=HEADER_ROW + 1 + i, column=15).fill = WARN_FILL
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    layout.print_setup(ws, HEADER_ROW, f.lang)
