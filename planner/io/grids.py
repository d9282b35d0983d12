"""Tables as trimmed text, from CSV files or the sheets of ``scenario.xlsx``, before any conversion.

Reading is bounded by ``planner.io.limits``: a file's size, rows and cells are measured before
the file is parsed, and a workbook is read by its real cells (never padded to the size it
claims), so that a small hostile file cannot make the reader work for minutes or fill memory.

Where the SPEC is silent, this reader decides: header names are trimmed and matched to the
SPEC's without regard to case; cells without a header (stray cells right of a table) are ignored;
a blank line still counts as a row; in CSV a row with more non-empty cells than the header is a
problem and a short row is padded; in ``scenario.xlsx`` numbers are read as Excel shows them
(3.0 -> ``3``), date cells as their month (``YYYY-MM``), and sheets other than the tables are
ignored; an optional table whose file is empty reads as no rows.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io as _io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planner.io.limits import (
    MAX_SCENARIO_CELLS,
    MAX_TABLE_BYTES,
    MAX_TABLE_CELLS,
    MAX_TABLE_ROWS,
    MAX_WORKBOOK_XML_BYTES,
)
from planner.io.problems import Problems, shown
from planner.io.tables import COLUMNS, REQUIRED_TABLES, SPECS, TABLES, XLSX_NAME
from planner.io.workbook_cells import WorkbookCells, WorkbookError

log = logging.getLogger(__name__)

_EXCEL_MAX_ROW = 1_048_576


@dataclass
class RawTable:
    """One table as trimmed strings, with the spreadsheet row number of each data row.

    ``factors[column]`` holds the same column as (codes, distinct texts): ``df[column]`` is
    ``texts[codes]``, so that a column is converted once per distinct text.
    """

    name: str
    label: str                 # "cadres.csv" or "scenario.xlsx[cadres]"
    df: pd.DataFrame           # one str column per header name (first of duplicates)
    rows: np.ndarray           # spreadsheet row numbers
    columns: list              # header names in file order (deduplicated, empty names dropped)
    factors: dict              # column -> (codes, distinct texts)


class CellBudget:
    """Cells left for the whole scenario (``MAX_SCENARIO_CELLS``), spent table by table."""

    def __init__(self) -> None:
        self.left = MAX_SCENARIO_CELLS

    def spend(self, cells: int, problems: Problems, label: str, order: int) -> bool:
        """Take ``cells``; False when the scenario would hold more than its limit, which the
        first table over it reports (the tables after it are not read)."""
        if self.left < 0:
            return False
        self.left -= cells
        if self.left < 0:
            problems.add(label, None, "(file)",
                         f"the scenario's tables hold more than {MAX_SCENARIO_CELLS:,} cells together", order)
            return False
        return True


def _size_problem(problems: Problems, label: str, order: int, what: str) -> None:
    problems.add(label, None, "(file)", what, order)


def decode_text(data: bytes, label: str, problems: Problems, order: int) -> str | None:
    """The text of a file: UTF-8 (with or without BOM), else GB18030 (a superset of GBK); None
    (and a problem) if neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        log.debug("%s decoded as GB18030", label)
        return text
    except UnicodeDecodeError as err:
        problems.add(label, None, "(file)",
                     f"cannot decode: neither UTF-8 nor GB18030 ({err.reason} at byte {err.start})", order)
        return None


def _csv_within_limits(text: str, label: str, problems: Problems, order: int, budget: CellBudget) -> bool:
    """Rows and cells counted by their separators, before anything is parsed."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines - 1 > MAX_TABLE_ROWS:
        _size_problem(problems, label, order,
                      f"{lines - 1:,} rows; a table holds at most {MAX_TABLE_ROWS:,} rows")
        return False
    cells = text.count(",") + lines
    if cells > MAX_TABLE_CELLS:
        _size_problem(problems, label, order,
                      f"about {cells:,} cells; a table holds at most {MAX_TABLE_CELLS:,} cells")
        return False
    return budget.spend(cells, problems, label, order)


def _grid_from_csv(text: str, label: str, problems: Problems, order: int) -> pd.DataFrame | None:
    """Parse CSV text into a frame of strings, header row included, a blank line kept as a row
    (so row numbers stay a spreadsheet's); None if there is nothing or it cannot be parsed."""
    try:
        return pd.read_csv(_io.StringIO(text), header=None, dtype=str, na_filter=False,
                           skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL)
    except pd.errors.EmptyDataError:
        return None
    except pd.errors.ParserError as err:
        m = re.search(r"EOF inside string starting at row (\d+)", str(err))
        if m:   # pandas counts records from 0, the header included
            problems.add(label, int(m.group(1)) + 1, "(row)", "a quoted cell is never closed (unbalanced \")", order)
            return None
    # A row with more cells than the header: the csv module finds it (the cells are few: counted).
    try:
        rows = list(csv.reader(_io.StringIO(text)))
    except csv.Error as err:
        problems.add(label, None, "(file)", f"not a readable CSV file: {shown(str(err), 80)}", order)
        return None
    if not rows:
        return None
    width = len(rows[0])
    grid = []
    for i, r in enumerate(rows):
        if len(r) > width:
            if any(c.strip() for c in r[width:]):
                problems.add(label, i + 1, "(row)", f"{len(r)} cells but the header has {width}", order)
            r = r[:width]
        elif len(r) < width:
            r = r + [""] * (width - len(r))
        grid.append(r)
    return pd.DataFrame(grid, dtype=str)


def _factored(values) -> tuple[np.ndarray, np.ndarray]:
    """Cells trimmed as (codes, distinct texts), trimming once per distinct text (a column of
    50,000 cells often holds 100 texts); texts in order of first appearance."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    stripped = [str(u).strip() for u in uniques]
    again, texts = pd.factorize(np.array(stripped + [""], dtype=object))
    return again[codes], np.asarray(texts, dtype=object)   # an empty cell (code -1) is the last ""


def _table_from_columns(name: str, label: str, header: list, body: list, rows: np.ndarray,
                        problems: Problems, order: int) -> RawTable:
    """Name the columns by the header, drop rows with no text and columns with no header.

    ``header`` holds a name per column, or (position in the file, name) pairs when columns
    without a name were left out already; ``body`` one (codes, distinct texts) pair per entry.
    """
    nonempty = np.zeros(len(rows), dtype=bool)
    for codes, texts in body:
        nonempty |= (texts != "")[codes]
    keep_rows = np.nonzero(nonempty)[0]
    known = {c.lower(): c for c in COLUMNS[name]}
    data, factors, names, seen = {}, {}, [], {}
    for k, head in enumerate(header):
        pos, head = head if isinstance(head, tuple) else (k, head)
        if head == "":
            continue   # a stray cell right of the table (Excel) has no header: ignore it
        head = known.get(head.lower(), head)    # "Cadre_ID" is cadre_id; other names are kept as written
        if head in seen:
            problems.add(label, 1, shown(head),
                         f"duplicate column (columns {seen[head] + 1} and {pos + 1}); the first is used", order, pos)
            continue
        seen[head] = pos
        codes, texts = body[k]
        factors[head] = (codes[keep_rows], texts)
        data[head] = texts[factors[head][0]]
        names.append(head)
    df = pd.DataFrame(data, columns=names, index=range(len(keep_rows)))
    return RawTable(name, label, df, rows[keep_rows], names, factors)


def _empty_header_problem(name: str, label: str, problems: Problems, order: int, what: str) -> None:
    if name in REQUIRED_TABLES:
        required = ", ".join(c.name for c in SPECS[name] if c.required)
        problems.add(label, 1, "(header)", f"empty {what}; a header row is required ({required})", order)


def read_csv_tables(folder: Path, problems: Problems, budget: CellBudget) -> dict[str, RawTable]:
    """Every table of a CSV scenario folder as a RawTable (missing optional tables left out).

    Parameters
    ----------
    folder : Path
        The scenario folder.
    problems : Problems
        Receives every problem found (a missing required table, an undecodable file, ...).
    budget : CellBudget
        Cells the scenario may still hold.

    Returns
    -------
    dict of str -> RawTable
    """
    raws = {}
    for order, name in enumerate(TABLES, start=1):
        path = folder / f"{name}.csv"
        label = f"{name}.csv"
        if not path.is_file():
            if name in REQUIRED_TABLES:
                problems.add(label, None, "(file)", "missing required table", order)
            continue
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            _size_problem(problems, label, order, f"{size:,} bytes; a table file holds at most "
                                                  f"{MAX_TABLE_BYTES:,} bytes")
            continue
        text = decode_text(path.read_bytes(), label, problems, order)
        if text is None or not _csv_within_limits(text, label, problems, order, budget):
            continue
        before = len(problems)
        df = _grid_from_csv(text, label, problems, order)
        del text
        if df is None and len(problems) > before:
            continue    # unparseable: already reported
        header = [str(h).strip() for h in df.iloc[0]] if df is not None and len(df) else []
        if not any(header):
            _empty_header_problem(name, label, problems, order, "file")
            continue
        body = [_factored(df[c].to_numpy()[1:]) for c in df.columns]
        rows = np.arange(2, len(df) + 1)
        del df
        raws[name] = _table_from_columns(name, label, header, body, rows, problems, order)
    return raws


# --------------------------------------------------------------------------------------------
# scenario.xlsx
# --------------------------------------------------------------------------------------------
def _xlsx_cell(v) -> str:
    """One Excel cell as trimmed text: integral numbers without ``.0``, dates as their month."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v) if abs(v) < 10 ** 30 else repr(float(v))
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e30 else repr(v)
    if isinstance(v, (_dt.datetime, _dt.date)):
        return f"{v.year:04d}-{v.month:02d}"
    return str(v).strip()


def _sheet_table(book: WorkbookCells, member: str, name: str, label: str, problems: Problems, order: int,
                 budget: CellBudget) -> RawTable | None:
    header: list = []       # the named columns of row 1, in order
    position: dict = {}     # sheet column number -> index into header
    columns: list = []      # per named column, the cell texts
    rows: list = []
    cells_seen = 0
    for idx, cells in book.rows(member):
        if idx > _EXCEL_MAX_ROW:
            problems.add(label, None, "(sheet)", f"a row numbered beyond {_EXCEL_MAX_ROW:,}: not a valid sheet", order)
            return None
        cells_seen += len(cells)
        if cells_seen > MAX_TABLE_CELLS or (len(rows) + 1) * len(header) > MAX_TABLE_CELLS:
            problems.add(label, None, "(sheet)", f"more than {MAX_TABLE_CELLS:,} cells; "
                         f"a table holds at most {MAX_TABLE_CELLS:,}", order)
            return None
        if idx == 1:
            for col, v in sorted(cells, key=lambda cell: cell[0]):
                text = _xlsx_cell(v)
                if text and col not in position:
                    position[col] = len(header)
                    header.append((col - 1, text))
            columns = [[] for _ in header]
            continue
        if not header:
            break       # no header in row 1: reported below
        texts = [""] * len(header)
        for col, v in cells:
            k = position.get(col)
            if k is not None:
                texts[k] = _xlsx_cell(v)
        if not any(texts):
            continue    # blank, or only cells without a header
        if len(rows) >= MAX_TABLE_ROWS:
            problems.add(label, None, "(sheet)", f"more than {MAX_TABLE_ROWS:,} rows; "
                         f"a table holds at most {MAX_TABLE_ROWS:,}", order)
            return None
        rows.append(idx)
        for k, text in enumerate(texts):
            columns[k].append(text)
    if not header:
        _empty_header_problem(name, label, problems, order, "sheet")
        return None
    if not budget.spend(len(rows) * len(header), problems, label, order):
        return None
    body = [_factored(c) for c in columns]
    return _table_from_columns(name, label, header, body, np.array(rows, dtype=np.int64), problems, order)


def _workbook_too_big(path: Path, problems: Problems) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            claimed = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        problems.add(XLSX_NAME, None, "(file)", f"cannot read workbook: {shown(str(err), 80)}", 1)
        return True
    if claimed > MAX_WORKBOOK_XML_BYTES:
        problems.add(XLSX_NAME, None, "(file)", f"the workbook unpacks to {claimed:,} bytes; "
                     f"at most {MAX_WORKBOOK_XML_BYTES:,}", 1)
        return True
    return False


def read_xlsx_tables(path: Path, problems: Problems, budget: CellBudget) -> dict[str, RawTable]:
    """Every table of ``scenario.xlsx`` as a RawTable; sheet names match without regard to case
    or surrounding spaces, and a missing sheet lists the sheets found.

    Parameters
    ----------
    path : Path
        The workbook.
    problems : Problems
        Receives every problem found.
    budget : CellBudget
        Cells the scenario may still hold.

    Returns
    -------
    dict of str -> RawTable
    """
    raws: dict = {}
    if _workbook_too_big(path, problems):
        return raws
    try:
        book = WorkbookCells(path)
    except WorkbookError as err:
        problems.add(XLSX_NAME, None, "(file)", f"cannot read workbook: {shown(str(err), 80)}", 1)
        return raws
    try:
        sheets: dict = {}
        for title, member in book.sheets:    # "Cadres " names the cadres sheet too; the first one wins
            sheets.setdefault(title.strip().lower(), member)
        titles = [title for title, _ in book.sheets]
        found = ", ".join(shown(t) for t in titles[:20]) + (", …" if len(titles) > 20 else "")
        for order, name in enumerate(TABLES, start=1):
            label = f"{XLSX_NAME}[{name}]"
            member = sheets.get(name)
            if member is None:
                if name in REQUIRED_TABLES:
                    problems.add(label, None, "(sheet)", f"missing required sheet (sheets found: {found or 'none'})",
                                 order)
                continue
            try:
                table = _sheet_table(book, member, name, label, problems, order, budget)
            except (WorkbookError, SyntaxError, zipfile.BadZipFile, OSError, EOFError) as err:
                problems.add(label, None, "(sheet)", f"cannot read sheet: {shown(str(err), 80)}", order)
                continue
            if table is not None:
                raws[name] = table
    finally:
        book.close()
    return raws
