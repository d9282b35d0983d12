"""Fonts, fills, named cell styles and the one way text goes into a cell (never as a formula).

openpyxl stores a ``str`` that starts with ``=`` as a formula; a cadre named ``=HYPERLINK(...)``
or a scenario named ``=cmd|' /C calc'!A0`` would become a live formula in the committee's
workbook (issue 11). :func:`put` is the only way the report writes a value: text is cleaned of
characters XML cannot hold and stored as a string (``data_type = "s"``), whatever it starts with.
"""
from __future__ import annotations

import math
import re

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
DIAGONAL_FILL = PatternFill("solid", fgColor="EDEDED")
WARN_FILL = PatternFill("solid", fgColor="FCE4D6")

BODY_SIZE = 10.5        # 五号, the size of Chinese official tables; never below 10 pt
LINE_POINTS = 14.5      # one line of BODY_SIZE text, with leading
# Control characters XML 1.0 cannot hold (openpyxl raises on them); shown as U+FFFD instead.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without characters a workbook or a .docx cannot hold (each becomes U+FFFD)."""
    return _ILLEGAL.sub("\ufffd", text)


def put(ws, row: int, column: int, value, style: str | None = None):
    """Write ``value`` into a cell and return the cell; text is always stored as a string.

    Parameters
    ----------
    ws : openpyxl worksheet
    row, column : int
        1-based.
    value : str, int, float or None
    style : str, optional
        A named style registered by :func:`register_styles`.
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"          # never a formula, whatever the text starts with
    else:
        cell.value = value
    if style is not None:
        cell.style = style
    return cell


def fonts(lang: str) -> dict:
    """The fonts of the workbook: 宋体 for the body and 黑体 for headings, as Chinese official
    tables use (Excel and WPS on a Chinese system have both; LibreOffice substitutes its CJK font)."""
    body, head = ("宋体", "黑体") if lang == "zh" else ("Calibri", "Calibri")
    return {"body": Font(name=body, size=BODY_SIZE), "header": Font(name=head, size=BODY_SIZE, bold=True),
            "title": Font(name=head, size=16, bold=True), "bold": Font(name=body, size=BODY_SIZE, bold=True),
            "section": Font(name=head, size=12, bold=True)}


def register_styles(wb, font_set: dict) -> None:
    """The named cell styles of the tables; a named style per cell is far cheaper than setting
    font, border and alignment cell by cell (most of the time at province size)."""
    specs = {
        "pp_header": (font_set["header"], Alignment(horizontal="center", vertical="center", wrap_text=True),
                      HEADER_FILL, BORDER),
        "pp_header_vertical": (font_set["header"], Alignment(horizontal="center", vertical="center",
                                                             text_rotation=255), HEADER_FILL, BORDER),
        "pp_left": (font_set["body"], Alignment(horizontal="left", vertical="center", wrap_text=True), None, BORDER),
        "pp_centre": (font_set["body"], Alignment(horizontal="center", vertical="center", wrap_text=True), None,
                      BORDER),
        "pp_right": (font_set["body"], Alignment(horizontal="right", vertical="center"), None, BORDER),
        "pp_label": (font_set["bold"], Alignment(horizontal="left", vertical="center", wrap_text=True),
                     HEADER_FILL, BORDER),
        "pp_text": (font_set["body"], Alignment(horizontal="left", vertical="top", wrap_text=True), None, None),
        "pp_section": (font_set["section"], Alignment(horizontal="left", vertical="center"), None, None),
        "pp_title": (font_set["title"], Alignment(horizontal="center", vertical="center", wrap_text=True), None,
                     None),
    }
    for name, (font, align, fill, border) in specs.items():
        style = NamedStyle(name=name, font=font, alignment=align)
        if border is not None:
            style.border = border
        if fill is not None:
            style.fill = fill
        wb.add_named_style(style)


def display_width(value) -> float:
    """Width of a value in width units (its longest line): a CJK (full-width) character counts
    two, any other 1.1 (Latin letters and digits set in a CJK font run a little wider than the
    digits the unit is measured in)."""
    text = "" if value is None else str(value)
    return max(sum(2 if ord(ch) > 0x2E7F else 1.1 for ch in line) for line in text.split("\n"))


def text_lines(value, width: float) -> int:
    """Lines a wrapped value takes in a column ``width`` units wide.

    A 10.5 pt CJK character takes about two width units (units are Calibri 11 digits); explicit
    line breaks count. Neither Excel nor LibreOffice grows a row for wrapped text in a file they
    open (only when a cell is edited), so without explicit heights long text overprints.
    """
    if value is None:
        return 1
    usable = max(1.0, width - 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in str(value).split("\n"))
