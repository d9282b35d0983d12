"""The workbook sheet 历年交流 (exchange over the years, SPEC 8): moves per year, each region's moves
out and in with the regions that only sent or only received, the barriers of the years before the
plan and whether the plan crosses each, the plan's moves that cross a barrier, the region x region
matrix of the window, and the two ledger pictures.

``add_ledger_sheet(wb, scenario, plan, lang)`` appends the sheet to an openpyxl workbook. Every
text from the scenario is stored as a string cell, never as a formula.
"""
from __future__ import annotations

from openpyxl.drawing.image import Image as XLImage
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from models.exchange import exchange_lookback_years, past_barriers, window_years
from models.plan import Plan
from models.scenario import Scenario
from planner.labels.ledger import ledger_text
from planner.ledger import barrier_crossings, ledger_of, region_categories
from planner.report.ledger_figures import ledger_heatmap_png, moves_per_year_png

YEARS = 5
MATRIX_LIMIT = 40
PICTURE_WIDTH = 470
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_PLAN_FILL = PatternFill("solid", fgColor="FCE4D6")
_DIAGONAL_FILL = PatternFill("solid", fgColor="EDEDED")


def _fonts(lang: str) -> dict:
    body, head = ("宋体", "黑体") if lang == "zh" else ("Calibri", "Calibri")
    return {"body": Font(name=body, size=10), "header": Font(name=head, size=10, bold=True),
            "title": Font(name=head, size=14, bold=True), "section": Font(name=head, size=11, bold=True)}


def _put(ws, row: int, col: int, value, font, border: bool = True, fill=None):
    """One cell; text is stored as a string (a name beginning with '=' stays text)."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    cell.font = font
    if border:
        cell.border = _BORDER
    if fill is not None:
        cell.fill = fill
    cell.alignment = Alignment(horizontal="left" if isinstance(value, str) else "right", vertical="center",
                               wrap_text=isinstance(value, str))
    return cell


def _width(value) -> int:
    """Width of a value in character cells: a CJK (full-width) character counts two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def _table(ws, top: int, headers, rows, fonts, fills=None) -> int:
    """Write a header row and rows; return the next free row (one blank row after the table).
    Each column is widened to its longest cell (up to 40)."""
    for j, value in enumerate(headers, start=1):
        longest = max([_width(value)] + [_width(r[j - 1]) for r in rows if j - 1 < len(r)])
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, min(40, longest + 2))
    for j, h in enumerate(headers, start=1):
        _put(ws, top, j, h, fonts["header"], fill=_HEADER_FILL).alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(rows, start=1):
        fill = (fills or {}).get(i - 1)
        for j, v in enumerate(row, start=1):
            _put(ws, top + i, j, v, fonts["body"], fill=fill)
    return top + len(rows) + 2


def _section(ws, row: int, text: str, fonts) -> int:
    _put(ws, row, 1, text, fonts["section"], border=False).alignment = Alignment(horizontal="left")
    return row + 1


def _image(png: bytes, width_px: int) -> XLImage:
    import io
    img = XLImage(io.BytesIO(png))
    scale = width_px / img.width
    img.width, img.height = int(img.width * scale), int(img.height * scale)
    return img


def add_ledger_sheet(wb, scenario: Scenario, plan, lang: str = "zh", years: int = YEARS):
    """Append the sheet 历年交流 (``Exchange over the years`` in English) to ``wb``; return it.

    Parameters
    ----------
    wb : openpyxl.Workbook
    scenario : models.Scenario
    plan : models.Plan (or rows) - the coming year's plan; its year is the window's last
    lang : "zh" or "en"
    years : int
        The window of the moves per year and the matrix (default 5). The barriers are those of
        the ``rules.exchange_lookback_years`` years before the plan, as the exchange term reads them.
    """
    sc = scenario
    rows = list(plan.assignments if isinstance(plan, Plan) else plan)
    t = lambda key, **kw: ledger_text(key, lang, **kw)  # noqa: E731
    fonts = _fonts(lang)
    book = ledger_of(sc, rows, years)
    first, last = book.years[0], book.years[-1]
    names = {r.region_id: r.name for r in sc.regions}

    def region(rid):
        return names.get(rid, rid)

    ws = wb.create_sheet(t("sheet"))
    _put(ws, 1, 1, t("sheet_title", name=sc.name, first=first, last=last), fonts["title"], border=False)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    row = 3

    # Moves per year; the plan year marked.
    row = _section(ws, row, t("sec_per_year"), fonts)
    moves = book.moves_per_year()
    seconded = {y: 0 for y in book.years}
    for y, _, _, count in book.secondments:
        seconded[y] += count
    year_rows = [[t("plan_mark", year=y) if y == sc.plan_year else str(y), moves[y], seconded[y]]
                 for y in book.years]
    plan_fill = {len(year_rows) - 1: _PLAN_FILL}
    row = _table(ws, row, [t("col_year"), t("col_moves"), t("col_secondments")], year_rows, fonts, plan_fill)

    # Per region, with who only sent or only received.
    row = _section(ws, row, t("sec_regions", first=first, last=last), fonts)
    cats = region_categories(book)
    totals = book.region_totals()
    region_rows = [[region(rid), totals[rid][0], totals[rid][1], t(f"cat_{cats[rid]}")]
                   for rid in book.regions]
    row = _table(ws, row, [t("col_region"), t("col_out"), t("col_in"), t("col_kind")], region_rows, fonts)

    # Barriers of the years before the plan, and whether the plan crosses each.
    lookback = exchange_lookback_years(sc)
    crossings = barrier_crossings(sc, rows, lookback)
    crossed = {(min(m.from_region, m.to_region), max(m.from_region, m.to_region)) for m in crossings}
    walls = sorted(past_barriers(sc, lookback))
    past = window_years(sc, max(1, lookback), with_plan=False)
    row = _section(ws, row, t("sec_barriers", n=lookback, first=past[0], last=past[-1]), fonts)
    if walls:
        row = _table(ws, row, [t("col_a"), t("col_b"), t("col_crossed")],
                     [[region(a), region(b), t("yes") if (a, b) in crossed else t("no")]
                      for a, b in walls], fonts)
    else:
        _put(ws, row, 1, t("no_barrier", n=lookback), fonts["body"], border=False)
        row += 2

    # The plan's moves that cross a barrier.
    row = _section(ws, row, t("sec_crossing"), fonts)
    if crossings:
        units = sc.unit_by_id
        # Names only: ids belong to the 附录 sheets (issue 12).
        plan_of = {a.cadre_id: getattr(sc.opening_by_id.get(a.opening_id), "name", a.opening_id)
                   for a in rows if a.kind == "posting"}
        cross_rows = [[sc.cadre_by_id[m.cadre_id].name, units[m.from_unit].name, region(m.from_region),
                       units[m.to_unit].name, region(m.to_region), plan_of.get(m.cadre_id, "")] for m in crossings]
        row = _table(ws, row, [t("col_name"), t("col_from_unit"), t("col_from"), t("col_to_unit"),
                               t("col_to"), t("col_opening")], cross_rows, fonts)
    else:
        _put(ws, row, 1, t("no_crossing"), fonts["body"], border=False)
        row += 2

    # The matrix of the window.
    row = _section(ws, row, t("sec_matrix", first=first, last=last), fonts)
    regions = list(book.regions)
    if len(regions) <= MATRIX_LIMIT:
        pairs = book.pair_totals()
        head = [f"{t('col_from')} \\ {t('col_to')}"] + [region(r) for r in regions] + [t("col_total")]
        body = []
        for src in regions:
            vals = [pairs.get((src, dst), 0) for dst in regions]
            body.append([region(src)] + vals + [sum(vals)])
        col_tot = [sum(r[1 + j] for r in body) for j in range(len(regions))]
        body.append([t("col_total")] + col_tot + [sum(col_tot)])
        top = row
        row = _table(ws, row, head, body, fonts)
        for i in range(len(regions)):
            ws.cell(row=top + 1 + i, column=2 + i).fill = _DIAGONAL_FILL
    else:
        _put(ws, row, 1, t("too_many_regions", n=MATRIX_LIMIT), fonts["body"], border=False)
        row += 2

    for col in range(1, max(8, len(regions) + 3) + 1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, 10)
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # The pictures below the tables, side by side, on a page of their own.
    ws.row_breaks.append(Break(id=row))
    ws.add_image(_image(moves_per_year_png(sc, book, lang), PICTURE_WIDTH), f"A{row + 1}")
    ws.add_image(_image(ledger_heatmap_png(sc, book, lang), PICTURE_WIDTH), f"G{row + 1}")
    return ws
