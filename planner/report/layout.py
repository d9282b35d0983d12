"""How a sheet is laid out: titles, tables with borders and fitted row heights, key-figure
blocks, text paragraphs, pictures and the print setup (A4, fit to width, header row repeated)."""
from __future__ import annotations

import io

from openpyxl.drawing.image import Image as XLImage
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from planner.labels.report import report_text
from planner.report.styles import LINE_POINTS, display_width, put, text_lines

# A4 in width units (Excel: a unit is ~7 px at 96 dpi, plus 5 px padding per column) inside
# margins of 0.25 in: landscape 11.19 in, portrait 7.77 in.
A4_LANDSCAPE_UNITS = 152
A4_PORTRAIT_UNITS = 104


def set_widths(ws, widths: dict) -> None:
    """Column widths, ``{1-based column: width units}``."""
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def row_height(lines: int) -> float:
    """Points for ``lines`` lines of body text."""
    return LINE_POINTS * lines + 4


def fit_widths(header_row, rows, limits: dict, total: float) -> dict:
    """Column widths that share ``total`` width units by what the columns hold.

    Each column first asks for the width of its longer values (the 90th percentile of their
    longest lines, so one long value does not widen a whole column), bounded by ``limits``
    (0-based column -> (min, max)). Width left over goes to the columns whose text still wraps,
    in proportion to how much more they would take; when the columns ask for more than
    ``total``, each gives up width in proportion to what it has above its minimum.
    """
    widths, wants = {}, {}
    for j, header in enumerate(header_row):
        lo, hi = limits.get(j, (6, 40))
        values = sorted(display_width(row[j]) for row in rows if j < len(row) and row[j] not in (None, ""))
        typical = values[int(0.9 * (len(values) - 1))] if values else 0
        head = max(display_width(part) for part in str(header).split("\n"))
        wants[j] = max(typical, values[-1] if values else 0, head) + 1.5
        widths[j] = max(lo, min(hi, max(typical, head) + 1.5))
    used = sum(widths.values())
    if used > total:
        spare = {j: widths[j] - limits.get(j, (6, 40))[0] for j in widths}
        room = sum(spare.values()) or 1.0
        cut = min(used - total, room)
        widths = {j: w - cut * spare[j] / room for j, w in widths.items()}
    else:
        more = {j: max(0.0, min(limits.get(j, (6, 40))[1], wants[j]) - widths[j]) for j in widths}
        room = sum(more.values())
        if room > 0:
            give = min(total - used, room)
            widths = {j: w + give * more[j] / room for j, w in widths.items()}
    return {j: round(w, 1) for j, w in widths.items()}


def write_table(ws, top: int, left: int, header_row, rows, *, widths=None, limits=None, centre=(),
                number_formats=None, vertical=()) -> dict:
    """A header row and data rows with borders and row heights that fit their wrapped text.

    Parameters
    ----------
    ws : worksheet
    top, left : int
        The header cell's row and column (1-based).
    header_row : list of str
    rows : list of lists
        Values; text wraps, numbers are right-aligned.
    widths : dict, optional
        0-based column -> fixed width. Columns not given grow to fit their text between the
        bounds of ``limits`` (0-based column -> (min, max); default (6, 40)).
    centre : set of int
        0-based columns whose values are centred.
    number_formats : dict, optional
        0-based column -> number format.
    vertical : set of int
        0-based columns whose header is set vertically (Chinese tables do this for narrow count
        columns).

    Returns
    -------
    dict
        1-based column -> width used.
    """
    limits = limits or {}
    fixed = widths or {}
    number_formats = number_formats or {}
    want = {}
    for j, header in enumerate(header_row):
        put(ws, top, left + j, header, "pp_header_vertical" if j in vertical else "pp_header")
        if j in fixed:
            want[left + j] = fixed[j]
        else:
            lo, hi = limits.get(j, (6, 40))
            longest = max(display_width(part) for part in str(header).split("\n"))
            want[left + j] = max(lo, min(hi, longest + 2))
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if j in centre:
                style = "pp_centre"
            else:
                style = "pp_left" if isinstance(value, str) else "pp_right"
            cell = put(ws, top + i, left + j, value, style)
            if j in number_formats:
                cell.number_format = number_formats[j]
            if j not in fixed:
                lo, hi = limits.get(j, (6, 40))
                want[left + j] = max(want[left + j], min(hi, display_width(value) + 2))
    set_widths(ws, want)
    # Row heights from the values in hand (cheaper than reading cells back); every row at least
    # one line of body text, so that 10.5 pt never sits in a cramped 15 pt row.
    header_lines = max((len(str(h).replace("\n", "")) if j in vertical else text_lines(h, want[left + j])
                        for j, h in enumerate(header_row)), default=1)
    ws.row_dimensions[top].height = row_height(max(header_lines, 1)) + (header_lines if vertical else 0)
    for i, row in enumerate(rows, start=1):
        lines = max((text_lines(v, want[left + j]) for j, v in enumerate(row) if isinstance(v, str) and v),
                    default=1)
        ws.row_dimensions[top + i].height = row_height(lines)
    return want


def sheet_title(ws, text: str, ncols: int, lines: int = 2) -> None:
    """The sheet's title in row 1, merged over ``ncols`` columns."""
    put(ws, 1, 1, text, "pp_title")
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 22 * lines + 6


def key_block(ws, top: int, items, label_cols: int, value_cols: int, number_formats=None) -> int:
    """Label/value rows (labels merged over ``label_cols`` columns, values over the next
    ``value_cols``); returns the row after the block."""
    number_formats = number_formats or {}
    for i, (label, value) in enumerate(items):
        r = top + i
        put(ws, r, 1, label, "pp_label")
        for c in range(2, label_cols + 1):
            put(ws, r, c, None, "pp_label")
        cell = put(ws, r, label_cols + 1, value, "pp_left")
        if i in number_formats:
            cell.number_format = number_formats[i]
        for c in range(label_cols + 2, label_cols + value_cols + 1):
            put(ws, r, c, None, "pp_left")
        if label_cols > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=label_cols)
        if value_cols > 1:
            ws.merge_cells(start_row=r, start_column=label_cols + 1, end_row=r, end_column=label_cols + value_cols)
    return top + len(items)


def merged_width(ws, first: int, last: int) -> float:
    """Width units of columns ``first..last`` (1-based) together."""
    return sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(first, last + 1))


def fit_block_heights(ws, first_row: int, last_row: int, label_cols: int, value_cols: int) -> None:
    """Row heights of a key block whose labels and values wrap."""
    label_w = merged_width(ws, 1, label_cols)
    value_w = merged_width(ws, label_cols + 1, label_cols + value_cols)
    for r in range(first_row, last_row + 1):
        lines = max(text_lines(ws.cell(row=r, column=1).value, label_w),
                    text_lines(ws.cell(row=r, column=label_cols + 1).value, value_w))
        ws.row_dimensions[r].height = row_height(lines)


def paragraph(ws, row: int, text: str, ncols: int, style: str = "pp_text") -> int:
    """A line of prose merged over ``ncols`` columns, as tall as its wrapped text; returns the next row."""
    put(ws, row, 1, text, style)
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    lines = text_lines(text, merged_width(ws, 1, ncols))
    ws.row_dimensions[row].height = row_height(lines) if style == "pp_text" else 22
    return row + 1


def picture(png: bytes, width_px: int) -> XLImage:
    """A PNG scaled to ``width_px`` pixels wide, for ``ws.add_image``."""
    img = XLImage(io.BytesIO(png))
    scale = width_px / img.width
    img.width, img.height = int(img.width * scale), int(img.height * scale)
    return img


def column_at(widths: dict, px: int) -> str:
    """The letter of the first column starting at least ``px`` pixels from the left edge."""
    x, col = 0.0, 1
    while x < px:
        x += widths.get(col, 8.43) * 7 + 5
        col += 1
    return get_column_letter(col)


def print_setup(ws, header_row: int | None, lang: str, portrait: bool = False) -> None:
    """A4, fitted to one page wide (as many pages down as needed), narrow margins, the header
    row repeated on every page, page numbers in the footer."""
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.25
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.2
    ws.print_options.horizontalCentered = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = report_text("page_footer", lang)
    ws.oddHeader.right.text = "&A"
