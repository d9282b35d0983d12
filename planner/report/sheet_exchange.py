"""地域交流: the exchange figures, the region × region table of postings and the exchange graph.

Where the regions are few enough (a municipal bureau's), the drawing sits beside the table and the
print area takes both, fitted to one A4 landscape page; else the drawing prints on a page of its
own below the table. Count columns are narrow with their headers set vertically, as Chinese
tables do, so the table leaves the drawing room.
"""
from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

import planner.report.layout as layout
from planner.labels.report import REGION_HEADERS, headers, report_text, sheet_title
from planner.report.exchange_drawing import FIGSIZE, exchange_graph_png
from planner.report.exchange_graph import (
    CATEGORIES,
    exchange_graph,
    exchange_postings,
    graph_metrics,
    regions_by_category,
)
from planner.report.plan_facts import PlanFacts
from planner.report.styles import DIAGONAL_FILL, TOTAL_FILL

MATRIX_LIMIT = 40          # regions; past this the matrix is left to exchange.graphml (it would not print)
PAGE_PX = (1060, 680)      # A4 landscape inside the margins at 100 %, in pixels (96 dpi)
MIN_SIDE_PX = 380          # narrower than this, the drawing goes below the table instead
NAME_WIDTH, COUNT_WIDTH = 15, 4.5
NAMES_SHOWN = 30


def exchange_matrix(f: PlanFacts) -> dict:
    """(from region, to region) -> postings of cadres with a current unit (the diagonal holds
    postings within a region); new recruits' postings under the key (None, region)."""
    sc = f.sc
    counts: dict = {}
    for src, dst, _, _ in exchange_postings(sc, f.plan.assignments):
        counts[(src, dst)] = counts.get((src, dst), 0) + 1
    for a in f.plan.assignments:
        if a.kind == "posting" and sc.cadre_by_id[a.cadre_id].unit_id is None:
            dst = sc.unit_by_id[sc.opening_by_id[a.opening_id].unit_id].region_id
            counts[(None, dst)] = counts.get((None, dst), 0) + 1
    return counts


def _table(f: PlanFacts, graph, with_matrix: bool) -> tuple:
    """(headers, rows): one row per region (the matrix part first when shown), then 合计.

    Columns: 地区 (偏远 marked on the name), [to each region], 跨地域调出, 跨地域调入, 区内交流,
    新录用到岗.
    """
    sc = f.sc
    counts = exchange_matrix(f)
    regions = list(sc.regions)
    per = headers(REGION_HEADERS, f.lang)
    head = [f.text("ex_matrix_corner") if with_matrix else per[0]]
    head += [r.name for r in regions] if with_matrix else []
    head += [per[2], per[3], per[4], per[5]]
    rows = []
    for r in regions:
        rid = r.region_id
        row = [r.name + (f.text("remote_mark") if r.remote else "")]
        row += [counts.get((rid, to.region_id), 0) for to in regions] if with_matrix else []
        row += [graph.out_degree(rid, weight="weight"), graph.in_degree(rid, weight="weight"),
                counts.get((rid, rid), 0), counts.get((None, rid), 0)]
        rows.append(row)
    if rows:
        rows.append([f.text("total")] + [sum(row[j] for row in rows) for j in range(1, len(head))])
    return head, rows


def _key_figures(f: PlanFacts, graph, gm: dict) -> list:
    """The figures a committee member asks about first, then the regions by category."""
    key = [
        (f.text("ex_cross"), gm["cross_region_postings"]),
        (f.text("ex_postings"), gm["postings"]),
        (f.text("ex_share"), gm["cross_region_share"]),
        (f.text("ex_regions"), f.text("ex_regions_value", sending=gm["regions_sending"],
                                      receiving=gm["regions_receiving"], regions=gm["regions"])),
        (f.text("ex_reciprocity"), gm["reciprocity"]),
        (f.text("ex_scc"), gm["largest_scc"]),
    ]
    by_category = regions_by_category(graph)
    for category in CATEGORIES:
        ids = by_category[category]
        if ids:
            names = f.text("sep").join(graph.nodes[v]["name"] for v in ids[:NAMES_SHOWN])
            if len(ids) > NAMES_SHOWN:
                names += f.text("more_items_people", k=len(ids))
            key.append((f.text(f"ex_cat_{category}"), names))
    return key


def _rows_below(ws, first_row: int, height_px: float) -> int:
    """The last row a picture ``height_px`` tall covers when anchored at ``first_row``."""
    row, covered = first_row, 0.0
    while covered < height_px:
        points = ws.row_dimensions[row].height or 15
        covered += points * 96 / 72
        row += 1
    return row - 1


def add_exchange_sheet(wb, f: PlanFacts) -> None:
    """Add 地域交流 to ``wb``."""
    sc, lang = f.sc, f.lang
    ws = wb.create_sheet(sheet_title("exchange", lang))
    graph = exchange_graph(sc, f.plan)
    gm = graph_metrics(graph)
    with_matrix = len(sc.regions) <= MATRIX_LIMIT
    head, rows = _table(f, graph, with_matrix)
    ncols = len(head)
    widths = {0: NAME_WIDTH, **{j: COUNT_WIDTH for j in range(1, ncols)}}
    layout.set_widths(ws, {j + 1: w for j, w in widths.items()})
    layout.sheet_title(ws, report_text("exchange_title", lang, name=sc.name), ncols)
    key = _key_figures(f, graph, gm)
    label_cols = 1
    while layout.merged_width(ws, 1, label_cols) < 26 and label_cols < ncols - 1:
        label_cols += 1
    end = layout.key_block(ws, 3, key, label_cols, ncols - label_cols, number_formats={2: "0.0%", 4: "0.000"})
    layout.fit_block_heights(ws, 3, end - 1, label_cols, ncols - label_cols)
    row = layout.paragraph(ws, end + 1, f.text("ex_matrix") if with_matrix else f.text("ex_per_region"), ncols)
    if not with_matrix:
        row = layout.paragraph(ws, row, f.text("ex_matrix_too_big", limit=MATRIX_LIMIT), ncols)
    layout.write_table(ws, row, 1, head, rows, widths=widths, centre=set(range(1, ncols)),
                       vertical=set(range(1, ncols)))
    if with_matrix:
        for i in range(len(sc.regions)):
            ws.cell(row=row + 1 + i, column=2 + i).fill = DIAGONAL_FILL
    if rows:
        for j in range(ncols):
            ws.cell(row=row + len(rows), column=1 + j).fill = TOTAL_FILL
    last = row + len(rows)
    ws.freeze_panes = "A3"
    layout.print_setup(ws, None, lang)
    # The drawing: beside the table when there is room on the page, else on a page of its own.
    table_px = sum(w * 7 + 5 for w in widths.values())
    side_px = PAGE_PX[0] - table_px - 20
    aspect = FIGSIZE[1] / FIGSIZE[0]
    png = exchange_graph_png(graph, lang)
    if side_px >= MIN_SIDE_PX:
        width = int(min(side_px, (PAGE_PX[1] - 20) / aspect))
        gap_col, pic_col = get_column_letter(ncols + 1), get_column_letter(ncols + 2)
        ws.column_dimensions[gap_col].width = 2
        ws.column_dimensions[pic_col].width = (width - 5) / 7
        ws.add_image(layout.picture(png, width), f"{pic_col}3")
        # Pictures are not cells: without a print area that takes them in, a printer leaves
        # them to a page of their own. One page, table and drawing.
        ws.print_area = f"A1:{pic_col}{max(last, _rows_below(ws, 3, width * aspect))}"
        ws.page_setup.fitToHeight = 1
    else:
        ws.row_breaks.append(Break(id=last + 1))
        width = int(min(PAGE_PX[0] - 20, (PAGE_PX[1] - 20) / aspect))
        ws.add_image(layout.picture(png, width), f"A{last + 2}")
