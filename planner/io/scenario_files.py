"""Reading, validating and writing scenario folders (SPEC section 2).

This is the only module that imports pandas. ``read_scenario`` turns a folder of CSV tables
(or one ``scenario.xlsx``) plus ``scenario.yaml`` into a :class:`models.Scenario`, after checking
every cell; every problem found is collected and raised together as a :class:`ScenarioError`
whose ``problems`` read ``file:row: column: what is wrong`` (rows counted as a spreadsheet counts
them: header row 1, first data row 2).

Speed matters at province scale (tens of thousands of rows): cells are parsed once per *distinct*
value (``pandas.factorize``) and mapped back to rows, so a column of 50,000 fit scores costs 101
Python conversions, not 50,000; cross-row checks (duplicates, references) are vectorised.

Where the SPEC is silent, this reader decides:

- Columns that may be left out (every row takes the default): booleans and lists, ``education``,
  ``relation``, ``note``, and every openings column after ``seats``. All other SPEC columns must
  be present (an empty ``home_region`` or ``specialty`` cell is allowed; an empty id, enum,
  month or required integer is not).
- Header names are trimmed and matched case-insensitively to the SPEC's; cells without a header
  (stray cells right of a table) are ignored; a blank line still counts as a row.
- A row with more non-empty cells than the header is a problem; a short row is padded.
- A (cadre, opening) pair listed twice in preferences, fit or locks is a problem (ambiguous).
- ``team_needs`` accepts ``：`` for ``:``; a code listed twice in one cell is a problem.
- In ``scenario.xlsx``, numbers are read as Excel shows them (3.0 -> ``3``) and date cells as
  their month (``YYYY-MM``); other sheets are ignored.
- An optional table whose file is empty reads as no rows.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io as _io
import logging
import os
import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from models import facts
from models.months import month_index, month_str
from models.scenario import (
    KINDS,
    LEVELS,
    LOCKS,
    POST_TYPES,
    RANKS,
    RATINGS,
    TERMS,
    Cadre,
    Fit,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Relation,
    Rules,
    Scenario,
    SolverSettings,
    Unit,
    Weights,
)
from planner.errors import ScenarioError

log = logging.getLogger(__name__)

__all__ = ["ScenarioError", "read_scenario", "write_scenario", "scenario_sha256", "scenario_summary",
           "TABLES", "REQUIRED_TABLES"]

TABLES = ("regions", "units", "cadres", "openings", "history", "relations", "preferences", "fit", "locks")
REQUIRED_TABLES = ("regions", "units", "cadres", "openings")
YAML_NAME = "scenario.yaml"
XLSX_NAME = "scenario.xlsx"

# Column order of each table as written by ``write_scenario`` (SPEC 2).
COLUMNS = {
    "regions": ("region_id", "name", "remote"),
    "units": ("unit_id", "name", "region_id", "level", "grassroots", "hardship", "key_shortage"),
    "cadres": ("cadre_id", "name", "gender", "birth", "entry", "education", "specialty", "rank",
               "post_type", "unit_id", "unit_since", "home_region", "rating", "talent_pool",
               "certificates", "exempt"),
    "openings": ("opening_id", "name", "kind", "unit_id", "start_month", "end_month", "seats",
                 "min_seats", "ranks", "specialties", "certificates", "post_type", "allow_transfer",
                 "min_rating", "talent_pool_only", "min_service_years", "max_age", "team_needs",
                 "hardship", "development"),
    "history": ("cadre_id", "unit_id", "kind", "start", "end"),
    "relations": ("cadre_a", "cadre_b", "relation"),
    "preferences": ("cadre_id", "opening_id", "rank"),
    "fit": ("cadre_id", "opening_id", "score"),
    "locks": ("cadre_id", "opening_id", "lock", "note"),
}

_LIST_SEP = re.compile(r"[;；、]")
_INT_RE = re.compile(r"[+-]?[0-9]+(?:\.0+)?")
_TRUE = frozenset({"1", "true", "yes", "是", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "否", "n", "f"})
_GENDER = {"m": "M", "f": "F", "男": "M", "女": "F"}
_REQUIRED = object()   # sentinel: an empty cell is an error


class _Bad(ValueError):
    """A cell that does not parse; the message says why."""


# --------------------------------------------------------------------------------------------
# problems
# --------------------------------------------------------------------------------------------
class _Problems:
    """Collects problems with a sort key so the report reads file by file, row by row."""

    def __init__(self):
        self._items: list = []

    def add(self, label: str, row, column: str, what: str, order: int = 0, col_order: int = 0):
        where = f"{label}:{row}" if row is not None else label
        self._items.append(((order, row if row is not None else 0, col_order), f"{where}: {column}: {what}"))

    def __len__(self):
        return len(self._items)

    def texts(self) -> list:
        # Stable sort: checks added in a sensible order keep it within one (file, row, column).
        return [t for _, t in sorted(self._items, key=lambda it: it[0])]


# --------------------------------------------------------------------------------------------
# cell converters (applied once per distinct value)
# --------------------------------------------------------------------------------------------
def split_list(text: str) -> list:
    """Split a list cell on ``;``, ``；`` or ``、``; items trimmed, empty items dropped."""
    return [p.strip() for p in _LIST_SEP.split(text) if p.strip()]


def parse_bool(text: str) -> bool:
    """``1/0``, ``true/false``, ``yes/no``, ``是/否`` (any case); empty is false."""
    v = text.strip().lower()
    if v == "" or v in _FALSE:
        return False
    if v in _TRUE:
        return True
    raise _Bad(f"{text!r} is not a boolean (1/0, true/false, yes/no, 是/否)")


def _c_str(v: str) -> str:
    return v


def _c_id(v: str) -> str:
    if not v:
        raise _Bad("empty; an id is required")
    return v


def _c_ref_required(v: str) -> str:
    if not v:
        raise _Bad("empty; a reference is required")
    return v


def _c_ref_optional(v: str):
    return v or None


def _c_gender(v: str) -> str:
    g = _GENDER.get(v.lower())
    if g is None:
        raise _Bad(f"{v!r} is not a gender (M/F, 男/女)" if v else "empty; expected M/F (男/女)")
    return g


def _c_enum(values, default=_REQUIRED):
    def conv(v: str):
        if v == "":
            if default is _REQUIRED:
                raise _Bad(f"empty; expected one of {', '.join(values)}")
            return default
        if v not in values:
            raise _Bad(f"{v!r} is not one of {', '.join(values)}")
        return v
    return conv


def _c_int(lo=None, hi=None, default=_REQUIRED):
    if lo is not None and hi is not None:
        expect = f"an integer {lo}-{hi}"
    elif lo is not None:
        expect = f"an integer >= {lo}"
    else:
        expect = "an integer"

    def conv(v: str):
        if v == "":
            if default is _REQUIRED:
                raise _Bad(f"empty; expected {expect}")
            return default
        if not _INT_RE.fullmatch(v):
            raise _Bad(f"{v!r} is not an integer; expected {expect}")
        n = int(float(v)) if "." in v else int(v)
        if (lo is not None and n < lo) or (hi is not None and n > hi):
            what = "negative" if (lo == 0 and n < 0) else f"outside {lo}-{hi}" if hi is not None else f"below {lo}"
            raise _Bad(f"{n} is {what}; expected {expect}")
        return n
    return conv


def _c_month(optional=False):
    def conv(v: str):
        if v == "":
            if optional:
                return None
            raise _Bad("empty; expected a month YYYY-MM")
        try:
            return month_index(v)
        except ValueError:
            raise _Bad(f"{v!r} is not a month (YYYY-MM)") from None
    return conv


def _c_set(allowed=None):
    def conv(v: str) -> frozenset:
        items = split_list(v)
        if allowed is not None:
            bad = [i for i in items if i not in allowed]
            if bad:
                raise _Bad(f"{', '.join(map(repr, bad))} not in {', '.join(allowed)}")
        return frozenset(items)
    return conv


def _c_team_needs(v: str) -> tuple:
    out = []
    seen = set()
    for item in split_list(v):
        code, sep, k = item.replace("：", ":").rpartition(":")
        code, k = code.strip(), k.strip()
        if not sep or not code or not re.fullmatch(r"[0-9]+", k) or int(k) < 1:
            raise _Bad(f"{item!r} is not CODE:k with k a positive integer")
        if code in seen:
            raise _Bad(f"{code!r} is given twice")
        seen.add(code)
        out.append((code, int(k)))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# table specs: (column, column required?, converter)
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Col:
    name: str
    required: bool          # the column must be present
    conv: Callable
    default: object = None  # value of every row when an optional column is absent


_SPECS = {
    "regions": (
        _Col("region_id", True, _c_id), _Col("name", True, _c_str, ""),
        _Col("remote", False, parse_bool, False)),
    "units": (
        _Col("unit_id", True, _c_id), _Col("name", True, _c_str, ""),
        _Col("region_id", True, _c_ref_required), _Col("level", True, _c_enum(LEVELS)),
        _Col("grassroots", False, parse_bool, False), _Col("hardship", True, _c_int(0, 3)),
        _Col("key_shortage", False, parse_bool, False)),
    "cadres": (
        _Col("cadre_id", True, _c_id), _Col("name", True, _c_str, ""), _Col("gender", True, _c_gender),
        _Col("birth", True, _c_month()), _Col("entry", True, _c_month()),
        _Col("education", False, _c_str, ""), _Col("specialty", True, _c_str),
        _Col("rank", True, _c_enum(RANKS)), _Col("post_type", True, _c_enum(POST_TYPES)),
        _Col("unit_id", True, _c_ref_optional), _Col("unit_since", True, _c_month(optional=True)),
        _Col("home_region", True, _c_str), _Col("rating", True, _c_enum(RATINGS)),
        _Col("talent_pool", False, parse_bool, False), _Col("certificates", False, _c_set(), frozenset()),
        _Col("exempt", False, parse_bool, False)),
    "openings": (
        _Col("opening_id", True, _c_id), _Col("name", True, _c_str, ""), _Col("kind", True, _c_enum(KINDS)),
        _Col("unit_id", True, _c_ref_required), _Col("start_month", True, _c_int(1, 12)),
        _Col("end_month", True, _c_int(1, 12)), _Col("seats", True, _c_int(0)),
        _Col("min_seats", False, _c_int(0, default=0), 0),
        _Col("ranks", False, _c_set(RANKS), frozenset()), _Col("specialties", False, _c_set(), frozenset()),
        _Col("certificates", False, _c_set(), frozenset()),
        _Col("post_type", False, _c_enum(POST_TYPES, default=None), None),
        _Col("allow_transfer", False, parse_bool, False),
        _Col("min_rating", False, _c_enum(RATINGS, default="competent"), "competent"),
        _Col("talent_pool_only", False, parse_bool, False),
        _Col("min_service_years", False, _c_int(0, default=0), 0),
        _Col("max_age", False, _c_int(0, default=None), None),
        _Col("team_needs", False, _c_team_needs, ()),
        _Col("hardship", False, _c_int(0, 3, default=None), None),
        _Col("development", False, _c_int(0, default=0), 0)),
    "history": (
        _Col("cadre_id", True, _c_ref_required), _Col("unit_id", True, _c_ref_required),
        _Col("kind", True, _c_enum(KINDS)), _Col("start", True, _c_month()), _Col("end", True, _c_month())),
    "relations": (
        _Col("cadre_a", True, _c_ref_required), _Col("cadre_b", True, _c_ref_required),
        _Col("relation", False, _c_str, "")),
    "preferences": (
        _Col("cadre_id", True, _c_ref_required), _Col("opening_id", True, _c_ref_required),
        _Col("rank", True, _c_int(1, 3))),
    "fit": (
        _Col("cadre_id", True, _c_ref_required), _Col("opening_id", True, _c_ref_required),
        _Col("score", True, _c_int(0, 100))),
    "locks": (
        _Col("cadre_id", True, _c_ref_required), _Col("opening_id", True, _c_ref_required),
        _Col("lock", True, _c_enum(LOCKS)), _Col("note", False, _c_str, "")),
}

# (table, column) -> (table whose ids it names, id column)
_REFS = {
    ("units", "region_id"): "regions",
    ("cadres", "unit_id"): "units",
    ("openings", "unit_id"): "units",
    ("history", "cadre_id"): "cadres",
    ("history", "unit_id"): "units",
    ("relations", "cadre_a"): "cadres",
    ("relations", "cadre_b"): "cadres",
    ("preferences", "cadre_id"): "cadres",
    ("preferences", "opening_id"): "openings",
    ("fit", "cadre_id"): "cadres",
    ("fit", "opening_id"): "openings",
    ("locks", "cadre_id"): "cadres",
    ("locks", "opening_id"): "openings",
}
_ID_COL = {"regions": "region_id", "units": "unit_id", "cadres": "cadre_id", "openings": "opening_id"}
_SINGULAR = {"regions": "region", "units": "unit", "cadres": "cadre", "openings": "opening"}


# --------------------------------------------------------------------------------------------
# raw tables
# --------------------------------------------------------------------------------------------
@dataclass
class _Raw:
    """One table as trimmed strings, with the spreadsheet row number of each data row."""
    name: str
    label: str                 # "cadres.csv" or "scenario.xlsx[cadres]"
    df: pd.DataFrame           # one str column per header name (first of duplicates)
    rows: np.ndarray           # spreadsheet row numbers
    columns: list              # header names in file order (deduplicated, empty names dropped)


def _decode(data: bytes, label: str, problems: _Problems, order: int) -> str | None:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); None if neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        log.debug("%s decoded as GB18030", label)
        return text
    except UnicodeDecodeError as err:
        problems.add(label, None, "(file)", f"cannot decode: neither UTF-8 nor GB18030 ({err.reason} at byte {err.start})",
                     order)
        return None


def _grid_from_csv(text: str, label: str, problems: _Problems, order: int) -> pd.DataFrame | None:
    """Parse CSV text into a frame of strings, header row included, a blank line kept as a row
    (so row numbers stay a spreadsheet's); None if there is nothing or it cannot be parsed."""
    try:
        df = pd.read_csv(_io.StringIO(text), header=None, dtype=str, na_filter=False,
                         skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL)
        return df
    except pd.errors.EmptyDataError:
        return None
    except pd.errors.ParserError as err:
        m = re.search(r"EOF inside string starting at row (\d+)", str(err))
        if m:   # pandas counts records from 0, the header included
            problems.add(label, int(m.group(1)) + 1, "(row)", "a quoted cell is never closed (unbalanced \")", order)
            return None
        # A row with more cells than the header: fall back to the csv module to find it.
        try:
            rows = list(csv.reader(_io.StringIO(text)))
        except csv.Error as cerr:
            problems.add(label, None, "(file)", f"not a readable CSV file: {cerr}", order)
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


def _xlsx_cell(v) -> str:
    """One Excel cell as text: integral numbers without ``.0``, dates as their month."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (_dt.datetime, _dt.date)):
        return f"{v.year:04d}-{v.month:02d}"
    return str(v)


def _raw_from_frame(name: str, label: str, df: pd.DataFrame, problems: _Problems, order: int) -> _Raw:
    """Trim cells, take the header from row 1, drop empty rows and unnamed columns."""
    df = df.astype(str)
    for c in df.columns:
        df[c] = df[c].str.strip()
    header = list(df.iloc[0]) if len(df) else []
    body = df.iloc[1:]
    rows = np.arange(2, len(df) + 1)
    nonempty = (body != "").any(axis=1).to_numpy() if len(body.columns) else np.zeros(len(body), bool)
    body, rows = body[nonempty], rows[nonempty]
    keep, names, seen = [], [], {}
    known = {c.lower(): c for c in COLUMNS[name]}
    for pos, h in enumerate(header):
        if h == "":
            continue   # a stray cell right of the table (Excel) has no header: ignore it
        h = known.get(h.lower(), h)    # "Cadre_ID" is cadre_id; other names are kept as written
        if h in seen:
            problems.add(label, 1, h, f"duplicate column (columns {seen[h] + 1} and {pos + 1}); the first is used",
                         order, pos)
            continue
        seen[h] = pos
        keep.append(body.columns[pos])
        names.append(h)
    out = body[keep].copy()
    out.columns = names
    out.index = range(len(out))
    return _Raw(name, label, out, rows, names)


def _read_csv_tables(folder: Path, problems: _Problems) -> dict:
    raws = {}
    for order, name in enumerate(TABLES, start=1):
        path = folder / f"{name}.csv"
        label = f"{name}.csv"
        if not path.is_file():
            if name in REQUIRED_TABLES:
                problems.add(label, None, "(file)", "missing required table", order)
            continue
        text = _decode(path.read_bytes(), label, problems, order)
        if text is None:
            continue
        before = len(problems)
        df = _grid_from_csv(text, label, problems, order)
        if df is None and len(problems) > before:
            continue    # unparseable: already reported
        if df is None or not any(str(h).strip() for h in df.iloc[0]):
            if name in REQUIRED_TABLES:
                problems.add(label, 1, "(header)", "empty file; a header row is required "
                             f"({', '.join(c.name for c in _SPECS[name] if c.required)})", order)
            continue
        raws[name] = _raw_from_frame(name, label, df, problems, order)
    return raws


def _read_xlsx_tables(path: Path, problems: _Problems) -> dict:
    import openpyxl  # only when a workbook is given

    raws = {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - any unreadable workbook is bad input
        problems.add(XLSX_NAME, None, "(file)", f"cannot read workbook: {err}", 1)
        return raws
    try:
        sheets = {}
        for ws in wb.worksheets:        # "Cadres " names the cadres sheet too; the first one wins
            sheets.setdefault(ws.title.strip().lower(), ws)
        for order, name in enumerate(TABLES, start=1):
            label = f"{XLSX_NAME}[{name}]"
            ws = sheets.get(name)
            if ws is None:
                if name in REQUIRED_TABLES:
                    problems.add(label, None, "(sheet)", "missing required sheet", order)
                continue
            ws.reset_dimensions()   # some writers store wrong dimensions; read what is there
            grid = [[_xlsx_cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
            width = max((len(r) for r in grid), default=0)
            if not grid or not any(c.strip() for c in grid[0]):
                if name in REQUIRED_TABLES:
                    problems.add(label, 1, "(header)", "empty sheet; a header row is required", order)
                continue
            grid = [r + [""] * (width - len(r)) for r in grid]
            raws[name] = _raw_from_frame(name, label, pd.DataFrame(grid, dtype=str), problems, order)
    finally:
        wb.close()
    return raws


# --------------------------------------------------------------------------------------------
# column conversion and checks
# --------------------------------------------------------------------------------------------
def _convert(raw: _Raw, col: _Col, problems: _Problems, order: int, col_order: int) -> list:
    """Convert one column, once per distinct value; report each bad cell; bad cells give None."""
    s = raw.df[col.name]
    codes, uniques = pd.factorize(s)
    uniques = np.asarray(uniques, dtype=object)   # iterating a pandas array is slow per item
    vals = np.empty(len(uniques), dtype=object)
    errs = [None] * len(uniques)
    for k, u in enumerate(uniques):
        try:
            vals[k] = col.conv(u)
        except _Bad as err:
            vals[k] = None
            errs[k] = str(err)
    bad_u = np.fromiter((e is not None for e in errs), dtype=bool, count=len(errs))
    if bad_u.any():
        for i in np.nonzero(bad_u[codes])[0]:
            problems.add(raw.label, int(raw.rows[i]), col.name, errs[codes[i]], order, col_order)
    return vals[codes].tolist() if len(s) else []


@dataclass
class _Table:
    """Converted columns of one table: ``cols[name]`` is a list (None for a bad cell) or None
    when the column is missing (already reported)."""
    raw: _Raw
    cols: dict
    order: int

    def __len__(self):
        return len(self.raw.rows)

    def col_order(self, name):
        return self.raw.columns.index(name) if name in self.raw.columns else 0

    def add(self, problems: _Problems, i: int, column: str, what: str):
        problems.add(self.raw.label, int(self.raw.rows[i]), column, what, self.order, self.col_order(column))


def _convert_table(raw: _Raw, problems: _Problems, order: int) -> _Table:
    cols = {}
    required = [c.name for c in _SPECS[raw.name] if c.required]
    if raw.columns and not any(c in raw.columns for c in required):
        # Nothing we know: most likely the wrong separator or a missing header row. One line
        # says so instead of one line per column.
        head = ",".join(raw.columns)[:60]
        hint = ("; the file seems separated by tabs or semicolons, not commas"
                if len(raw.columns) == 1 and any(sep in raw.columns[0] for sep in ";\t") else "")
        problems.add(raw.label, 1, "(header)", f"none of the required columns {', '.join(required)} "
                     f"found in header {head!r}{hint}", order, -1)
        return _Table(raw, {c.name: None for c in _SPECS[raw.name]}, order)
    for spec in _SPECS[raw.name]:
        if spec.name not in raw.df.columns:
            if spec.required:
                problems.add(raw.label, 1, spec.name, "missing required column", order, -1)
                cols[spec.name] = None
            else:
                cols[spec.name] = [spec.default] * len(raw.rows)
            continue
        cols[spec.name] = _convert(raw, spec, problems, order, raw.columns.index(spec.name))
    return _Table(raw, cols, order)


def _check_unique_ids(t: _Table, problems: _Problems) -> None:
    """Duplicate ids: each repeat names the row of the first occurrence."""
    col = _ID_COL[t.raw.name]
    if t.cols.get(col) is None:
        return
    s = t.raw.df[col]
    dup = (s.duplicated(keep="first") & (s != "")).to_numpy()
    if not dup.any():
        return
    first_row = {}
    for v, r in zip(s.tolist(), t.raw.rows.tolist()):
        first_row.setdefault(v, r)
    for i in np.nonzero(dup)[0]:
        v = s.iat[i]
        t.add(problems, i, col, f"duplicate {col} {v} (first at row {first_row[v]})")


def _check_refs(tables: dict, problems: _Problems) -> None:
    """Every reference names an existing id (when the referenced table and column could be read)."""
    for (name, col), target in _REFS.items():
        t = tables.get(name)
        parent = tables.get(target)
        if t is None or t.cols.get(col) is None or parent is None or parent.cols.get(_ID_COL[target]) is None:
            continue
        ids = parent.raw.df[_ID_COL[target]]
        s = t.raw.df[col]
        bad = ((s != "") & ~s.isin(ids[ids != ""])).to_numpy()
        for i in np.nonzero(bad)[0]:
            t.add(problems, i, col, f"unknown {_SINGULAR[target]} {s.iat[i]} (not in {parent.raw.label})")


def _check_cadres(t: _Table, problems: _Problems) -> None:
    """unit_id and unit_since: both set (a posted cadre) or both empty (a new recruit)."""
    uid, since = t.cols["unit_id"], t.cols["unit_since"]
    if uid is None or since is None:
        return
    raw_since = t.raw.df["unit_since"].tolist()
    for i, (u, s, rs) in enumerate(zip(uid, since, raw_since)):
        if u is not None and rs == "":
            t.add(problems, i, "unit_since", f"empty while unit_id is {u}; both are set or both empty (new recruit)")
        elif u is None and s is not None:
            t.add(problems, i, "unit_id", "empty while unit_since is set; both are set or both empty (new recruit)")


def _check_openings(t: _Table, problems: _Problems) -> None:
    """Months in order, a posting ends in December, min_seats <= seats."""
    c = t.cols
    kind, start, end = c["kind"], c["start_month"], c["end_month"]
    seats, min_seats = c["seats"], c["min_seats"]
    for i in range(len(t)):
        if start is not None and end is not None and start[i] is not None and end[i] is not None \
                and start[i] > end[i]:
            t.add(problems, i, "start_month", f"{start[i]} is after end_month {end[i]}")
        if kind is not None and end is not None and kind[i] == "posting" and end[i] is not None and end[i] != 12:
            t.add(problems, i, "end_month", f"{end[i]}: a posting's end_month is 12")
        if seats is not None and min_seats is not None and seats[i] is not None and min_seats[i] is not None \
                and min_seats[i] > seats[i]:
            t.add(problems, i, "min_seats", f"{min_seats[i]} is more than seats {seats[i]}")


def _check_history(t: _Table, plan_year: int | None, problems: _Problems) -> None:
    """start <= end < January of plan_year."""
    start, end = t.cols["start"], t.cols["end"]
    if start is None or end is None:
        return
    limit = plan_year * 12 if plan_year is not None else None
    for i, (s, e) in enumerate(zip(start, end)):
        if s is not None and e is not None and s > e:
            t.add(problems, i, "start", f"{month_str(s)} is after end {month_str(e)}")
        if e is not None and limit is not None and e >= limit:
            t.add(problems, i, "end", f"{month_str(e)} is not before {plan_year}-01; history ends before plan_year")


def _check_pairs(t: _Table, problems: _Problems, a: str, b: str, what: str) -> None:
    """A (cadre, opening) pair listed twice is ambiguous."""
    if t.cols.get(a) is None or t.cols.get(b) is None:
        return
    df = t.raw.df
    key = df[a] + "\x00" + df[b]
    dup = key.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    first = {}
    for k, r in zip(key.tolist(), t.raw.rows.tolist()):
        first.setdefault(k, r)
    for i in np.nonzero(dup)[0]:
        t.add(problems, i, b, f"{what} for {df[a].iat[i]} and {df[b].iat[i]} given twice (first at row {first[key.iat[i]]})")


def _check_preferences(t: _Table, problems: _Problems) -> None:
    """At most 3 wishes per cadre (the 4th and later rows are reported)."""
    _check_pairs(t, problems, "cadre_id", "opening_id", "preference")
    if t.cols.get("cadre_id") is None:
        return
    s = t.raw.df["cadre_id"]
    nth = s.groupby(s, sort=False).cumcount().to_numpy()
    for i in np.nonzero(nth >= 3)[0]:
        t.add(problems, i, "cadre_id", f"{s.iat[i]} has more than 3 preferences (at most 3 per cadre)")


def _check_relations(t: _Table, problems: _Problems) -> None:
    if t.cols.get("cadre_a") is None or t.cols.get("cadre_b") is None:
        return
    df = t.raw.df
    same = ((df["cadre_a"] == df["cadre_b"]) & (df["cadre_a"] != "")).to_numpy()
    for i in np.nonzero(same)[0]:
        t.add(problems, i, "cadre_b", f"{df['cadre_b'].iat[i]} is related to itself")


# --------------------------------------------------------------------------------------------
# scenario.yaml
# --------------------------------------------------------------------------------------------
def _yaml_int(v, lo=None, hi=None):
    """An int (not a bool); an integral float is accepted."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (isinstance(v, float) and not v.is_integer()):
        raise _Bad(f"{v!r} is not an integer")
    v = int(v)
    if lo is not None and v < lo:
        raise _Bad(f"{v} is below {lo}")
    if hi is not None and v > hi:
        raise _Bad(f"{v} is above {hi}")
    return v


def _yaml_bool(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, str)):
        return parse_bool(str(v))
    raise _Bad(f"{v!r} is not a boolean")


def _yaml_positive_number(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
        raise _Bad(f"{v!r} is not a positive number")
    return v


_YAML_SECTIONS = {
    "rules": (Rules, {
        "first_stop_years": lambda v: _yaml_int(v, 0),
        "no_return_years": lambda v: _yaml_int(v, 0),
        "max_tenure_years": lambda v: _yaml_int(v, 1),
        "max_away_months": lambda v: _yaml_int(v, 0, 12),
        "hardship_lookback_years": lambda v: _yaml_int(v, 0),
        "allow_transfer": _yaml_bool,
    }),
    "weights": (Weights, {t: (lambda v: _yaml_int(v, 0)) for t in TERMS}),
    "solver": (SolverSettings, {
        "time_limit_s": _yaml_positive_number,
        "seed": lambda v: _yaml_int(v, 0),
        "workers": lambda v: _yaml_int(v, 1),
    }),
}
_YAML_TOP = ("name", "plan_year", "target_specialties", "rules", "weights", "solver")


def _read_yaml(folder: Path, problems: _Problems) -> dict:
    """Parse scenario.yaml into keyword arguments of Scenario (only the keys that are valid)."""
    def bad(key, what):
        problems.add(YAML_NAME, None, key, what, 0)

    path = folder / YAML_NAME
    if not path.is_file():
        bad("(file)", "missing; scenario.yaml with name and plan_year is required")
        return {}
    text = _decode(path.read_bytes(), YAML_NAME, problems, 0)
    if text is None:
        return {}
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        bad("(file)", f"not valid YAML{where}: {getattr(err, 'problem', None) or err}")
        return {}
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        bad("(file)", f"expected a mapping of keys, found {type(doc).__name__}")
        return {}
    out: dict = {}
    for key in doc:
        if key not in _YAML_TOP:
            bad(str(key), f"unknown key (known: {', '.join(_YAML_TOP)})")
    name = doc.get("name")
    if name is None or (isinstance(name, str) and not name.strip()):
        bad("name", "missing; a scenario name is required")
    elif isinstance(name, (dict, list)):
        bad("name", "expected text")
    else:
        out["name"] = str(name).strip()
    if "plan_year" not in doc or doc["plan_year"] is None:
        bad("plan_year", "missing; the plan year is required")
    else:
        try:
            out["plan_year"] = _yaml_int(doc["plan_year"], 1900, 2999)
        except _Bad as err:
            bad("plan_year", str(err))
    if "target_specialties" in doc:
        ts = doc["target_specialties"]
        if ts is None:
            out["target_specialties"] = frozenset()
        elif isinstance(ts, str):
            out["target_specialties"] = frozenset(split_list(ts))
        elif isinstance(ts, list) and all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in ts):
            out["target_specialties"] = frozenset(str(x).strip() for x in ts if str(x).strip())
        else:
            bad("target_specialties", "expected a list of specialty codes")
    for section, (cls, convs) in _YAML_SECTIONS.items():
        if section not in doc or doc[section] is None:
            continue
        sub = doc[section]
        if not isinstance(sub, dict):
            bad(section, f"expected a mapping of {', '.join(convs)}")
            continue
        kwargs = {}
        for key, value in sub.items():
            if key not in convs:
                bad(f"{section}.{key}", f"unknown key (known: {', '.join(convs)})")
                continue
            try:
                kwargs[key] = convs[key](value)
            except _Bad as err:
                bad(f"{section}.{key}", str(err))
        out[section] = cls(**kwargs)
    return out


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------
def scenario_sha256(path) -> str:
    """SHA-256 of a scenario folder (SPEC 6): for each file in sorted name order, its name, a NUL
    byte, its bytes and a NUL byte. Subfolders are not part of the scenario."""
    folder = Path(path)
    h = hashlib.sha256()
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        h.update(name.encode("utf-8"))
        h.update(b"\0")
        h.update((folder / name).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def read_scenario(path) -> Scenario:
    """Read and validate a scenario folder (SPEC 2).

    Parameters
    ----------
    path : str or Path
        A folder holding ``scenario.yaml`` and either the CSV tables or one ``scenario.xlsx``.

    Returns
    -------
    models.Scenario
        With ``sha256`` set to the folder's hash (SPEC 6).

    Raises
    ------
    ScenarioError
        With every problem found, each ``file:row: column: what is wrong``.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ScenarioError([f"{folder}: (folder): not a scenario folder"])
    problems = _Problems()
    settings = _read_yaml(folder, problems)

    csvs = [f"{n}.csv" for n in TABLES if (folder / f"{n}.csv").is_file()]
    if (folder / XLSX_NAME).is_file():
        if csvs:
            problems.add(XLSX_NAME, None, "(file)",
                         f"the folder holds both {XLSX_NAME} and CSV tables ({', '.join(csvs)}); keep one", 1)
            raise ScenarioError(problems.texts())
        raws = _read_xlsx_tables(folder / XLSX_NAME, problems)
    else:
        raws = _read_csv_tables(folder, problems)

    orders = {n: i for i, n in enumerate(TABLES, start=1)}
    tables = {n: _convert_table(r, problems, orders[n]) for n, r in raws.items()}
    for n in _ID_COL:
        if n in tables:
            _check_unique_ids(tables[n], problems)
    _check_refs(tables, problems)
    if "cadres" in tables:
        _check_cadres(tables["cadres"], problems)
    if "openings" in tables:
        _check_openings(tables["openings"], problems)
    if "history" in tables:
        _check_history(tables["history"], settings.get("plan_year"), problems)
    if "relations" in tables:
        _check_relations(tables["relations"], problems)
    if "preferences" in tables:
        _check_preferences(tables["preferences"], problems)
    if "fit" in tables:
        _check_pairs(tables["fit"], problems, "cadre_id", "opening_id", "fit score")
    if "locks" in tables:
        _check_pairs(tables["locks"], problems, "cadre_id", "opening_id", "lock")

    if len(problems):
        raise ScenarioError(problems.texts())
    try:
        scenario = _build(tables, settings, scenario_sha256(folder))
    except (ValueError, TypeError) as err:  # models' own invariants; validation should have caught it
        raise ScenarioError([f"{folder.name}: (scenario): {err}"]) from err
    log.info("read %s: %d cadres, %d openings, %d history rows", folder, len(scenario.cadres),
             len(scenario.openings), len(scenario.history))
    return scenario


def _rows(t: _Table | None, names) -> list:
    if t is None:
        return []
    return list(zip(*(t.cols[n] for n in names))) if len(t) else []


def _build(tables: dict, settings: dict, sha: str) -> Scenario:
    regions = tuple(Region(*r) for r in _rows(tables.get("regions"), COLUMNS["regions"]))
    units = tuple(Unit(*r) for r in _rows(tables.get("units"), COLUMNS["units"]))
    ct = tables["cadres"]
    extra_cols = tuple(c for c in ct.raw.columns if c not in COLUMNS["cadres"])
    extra_vals = [ct.raw.df[c].tolist() for c in extra_cols]
    cadres = []
    for i, r in enumerate(_rows(ct, COLUMNS["cadres"])):
        extra = tuple((c, v[i]) for c, v in zip(extra_cols, extra_vals))
        cadres.append(Cadre(*r, extra=extra))
    openings = tuple(Opening(*r) for r in _rows(tables.get("openings"), COLUMNS["openings"]))
    history = tuple(HistoryRow(*r) for r in _rows(tables.get("history"), COLUMNS["history"]))
    relations = tuple(Relation(*r) for r in _rows(tables.get("relations"), COLUMNS["relations"]))
    preferences = tuple(Preference(*r) for r in _rows(tables.get("preferences"), COLUMNS["preferences"]))
    fit = tuple(Fit(*r) for r in _rows(tables.get("fit"), COLUMNS["fit"]))
    locks = tuple(Lock(*r) for r in _rows(tables.get("locks"), COLUMNS["locks"]))
    return Scenario(
        regions=regions, units=units, cadres=tuple(cadres), openings=openings, history=history,
        relations=relations, preferences=preferences, fit=fit, locks=locks, sha256=sha,
        extra_columns=extra_cols, **settings)


# --------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------
def _fmt(v) -> str:
    """A domain value as cell text (inverse of the converters)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, frozenset):
        return ";".join(sorted(v))
    if isinstance(v, tuple):   # team_needs
        return ";".join(f"{code}:{k}" for code, k in v)
    return str(v)


_MONTH_COLS = {("cadres", "birth"), ("cadres", "entry"), ("cadres", "unit_since"),
               ("history", "start"), ("history", "end")}
_INT_COLS = {("units", "hardship"), ("openings", "start_month"), ("openings", "end_month"),
             ("openings", "seats"), ("openings", "min_seats"), ("openings", "min_service_years"),
             ("openings", "max_age"), ("openings", "hardship"), ("openings", "development"),
             ("preferences", "rank"), ("fit", "score")}


def _table_rows(scenario: Scenario, name: str, extra_columns: tuple) -> tuple:
    """Header and rows (as cell values) of one table."""
    cols = COLUMNS[name]
    objs = getattr(scenario, name)
    header = list(cols) + (list(extra_columns) if name == "cadres" else [])
    rows = []
    for o in objs:
        row = []
        for c in cols:
            v = getattr(o, c)
            if (name, c) in _MONTH_COLS:
                row.append(month_str(v) if v is not None else "")
            elif (name, c) in _INT_COLS and v is not None:
                row.append(int(v))
            else:
                row.append(_fmt(v))
        if name == "cadres":
            extra = dict(o.extra)
            row.extend(_fmt(extra.get(c, "")) for c in extra_columns)
        rows.append(row)
    return header, rows


def _extra_columns(scenario: Scenario) -> tuple:
    cols = list(scenario.extra_columns)
    seen = set(cols)
    for c in scenario.cadres:
        for k, _ in c.extra:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    return tuple(cols)


def _yaml_doc(scenario: Scenario) -> dict:
    def section(obj):
        return {f.name: getattr(obj, f.name) for f in fields(obj)}
    return {
        "name": scenario.name,
        "plan_year": scenario.plan_year,
        "target_specialties": sorted(scenario.target_specialties),
        "rules": section(scenario.rules),
        "weights": section(scenario.weights),
        "solver": section(scenario.solver),
    }


def write_scenario(scenario: Scenario, out_dir, xlsx: bool = False, encoding: str = "utf-8") -> Path:
    """Write a scenario folder that :func:`read_scenario` reads back to an equal scenario.

    Parameters
    ----------
    scenario : models.Scenario
    out_dir : str or Path
        Created if missing. Written atomically: a new folder is filled under a temporary name
        and renamed; in an existing folder each file is written to a temporary name and
        replaced, and tables of the other format (CSV vs ``scenario.xlsx``) are removed so the
        folder stays readable.
    xlsx : bool
        One ``scenario.xlsx`` (a sheet per table) instead of CSV files.
    encoding : str
        Of the CSV files: ``utf-8``, ``utf-8-sig`` (with BOM) or ``gb18030``.

    Returns
    -------
    Path
        The folder.
    """
    out = Path(out_dir)
    extra_columns = _extra_columns(scenario)
    tables = {n: _table_rows(scenario, n, extra_columns) for n in TABLES}
    files: dict = {YAML_NAME: yaml.safe_dump(_yaml_doc(scenario), allow_unicode=True, sort_keys=False)
                   .encode("utf-8")}
    if xlsx:
        files[XLSX_NAME] = _xlsx_bytes(tables)
    else:
        for n, (header, rows) in tables.items():
            buf = _io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
            files[f"{n}.csv"] = buf.getvalue().encode(encoding)

    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        # A plain mkdir (not mkdtemp, which makes it 0700) so the folder gets the usual umask.
        tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            os.rename(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    else:
        for name, data in files.items():
            tmp_name = out / f".{name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            try:
                with open(tmp_name, "xb") as fh:
                    fh.write(data)
                os.replace(tmp_name, out / name)
            except BaseException:
                tmp_name.unlink(missing_ok=True)
                raise
        stale = [f"{n}.csv" for n in TABLES] if xlsx else [XLSX_NAME]
        for name in stale:
            (out / name).unlink(missing_ok=True)
    log.info("wrote scenario %s (%s)", out, "xlsx" if xlsx else encoding)
    return out


def _xlsx_bytes(tables: dict) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    for name, (header, rows) in tables.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for r in rows:
            ws.append(r)
    buf = _io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# summary
# --------------------------------------------------------------------------------------------
def scenario_summary(scenario: Scenario) -> list:
    """Lines for ``planner validate``: what the scenario holds and the facts that drive the plan."""
    sc = scenario
    y = sc.plan_year
    cadres = sc.cadres
    recruits = sum(c.is_recruit for c in cadres)
    due = sum(facts.rotation_due(sc, c) for c in cadres)
    no_record = sum(not facts.grassroots_record(sc, c) for c in cadres)
    restricted = sum(facts.first_stop_restricted(sc, c) for c in cadres)
    exempt = sum(c.exempt for c in cadres)
    pool = sum(c.talent_pool for c in cadres)
    by_kind = {k: [0, 0, 0] for k in KINDS}   # openings, seats, min_seats
    shortage_open = shortage_seats = 0
    for o in sc.openings:
        by_kind[o.kind][0] += 1
        by_kind[o.kind][1] += o.seats
        by_kind[o.kind][2] += o.min_seats
        if sc.unit_by_id[o.unit_id].key_shortage:
            shortage_open += 1
            shortage_seats += o.seats
    require = sum(lk.lock == "require" for lk in sc.locks)
    grassroots_units = sum(u.grassroots for u in sc.units)
    shortage_units = sum(u.key_shortage for u in sc.units)
    lines = [
        f"scenario: {sc.name} (plan year {y})",
        f"sha256: {sc.sha256 or '-'}",
        f"regions: {len(sc.regions)}; units: {len(sc.units)} (grassroots {grassroots_units}, "
        f"key shortage {shortage_units})",
        f"cadres: {len(cadres)} (new recruits {recruits}, rotation due {due}, "
        f"without grassroots record {no_record}, first-stop restricted {restricted}, "
        f"exempt {exempt}, talent pool {pool})",
        f"openings: {len(sc.openings)}, seats {sum(v[1] for v in by_kind.values())} - "
        + ", ".join(f"{k} {v[0]} ({v[1]} seats, min {v[2]})" for k, v in by_kind.items()),
        f"key shortage: {shortage_open} openings, {shortage_seats} seats",
        f"history rows: {len(sc.history)}; relations: {len(sc.relations)}; preferences: {len(sc.preferences)}; "
        f"fit scores: {len(sc.fit)}; locks: {len(sc.locks)} (require {require}, forbid {len(sc.locks) - require})",
    ]
    if sc.extra_columns:
        lines.append(f"extra cadre columns: {', '.join(sc.extra_columns)}")
    lines.append("scenario is valid")
    return lines


# --------------------------------------------------------------------------------------------
# plans and metrics as tidy DataFrames (the notebook API, planner/api.py)
# --------------------------------------------------------------------------------------------
PLAN_FRAME_COLUMNS = ("cadre_id", "opening_id", "kind", "unit_id", "start_month", "end_month", "months",
                      "reasons")


def plan_frame(plan, scenario: Scenario | None = None) -> pd.DataFrame:
    """A plan as a tidy DataFrame: one row per assignment, in plan order.

    Parameters
    ----------
    plan : models.Plan, a planner Result (its ``.plan``) or an iterable of Assignment
    scenario : models.Scenario, optional
        When given, columns for people are added: ``name`` (cadre), ``from_unit`` (the unit
        before the plan), ``unit_name``, ``region_id``, ``grassroots``, ``hardship`` and
        ``points`` (hardship x months, SPEC 3.2).

    Returns
    -------
    pandas.DataFrame
        ``reasons`` is the ``;``-joined text of plan.csv; ``months`` counts 12 for a posting.
    """
    if hasattr(plan, "plan") and not hasattr(plan, "assignments"):
        plan = plan.plan
    rows = list(plan.assignments if hasattr(plan, "assignments") else plan or ())
    data = {
        "cadre_id": [a.cadre_id for a in rows],
        "opening_id": [a.opening_id for a in rows],
        "kind": [a.kind for a in rows],
        "unit_id": [a.unit_id for a in rows],
        "start_month": [int(a.start_month) for a in rows],
        "end_month": [int(a.end_month) for a in rows],
        "months": [12 if a.kind == "posting" else int(a.end_month) - int(a.start_month) + 1 for a in rows],
        "reasons": [";".join(a.reasons) for a in rows],
    }
    df = pd.DataFrame(data, columns=list(PLAN_FRAME_COLUMNS))
    if scenario is not None:
        cadres, units, openings = scenario.cadre_by_id, scenario.unit_by_id, scenario.opening_by_id
        df.insert(1, "name", [cadres[a.cadre_id].name if a.cadre_id in cadres else "" for a in rows])
        df.insert(2, "from_unit", [cadres[a.cadre_id].unit_id if a.cadre_id in cadres else None for a in rows])
        df["unit_name"] = [units[a.unit_id].name if a.unit_id in units else "" for a in rows]
        df["region_id"] = [units[a.unit_id].region_id if a.unit_id in units else "" for a in rows]
        df["grassroots"] = [bool(units[a.unit_id].grassroots) if a.unit_id in units else False for a in rows]
        df["hardship"] = [scenario.opening_hardship(openings[a.opening_id]) if a.opening_id in openings else 0
                          for a in rows]
        df["points"] = df["hardship"] * df["months"]
    return df


def metrics_frame(data, index: str = "variant") -> pd.DataFrame:
    """Metrics (or any flat records) as a tidy DataFrame.

    Parameters
    ----------
    data : dict of label -> metrics dict (e.g. ``{"A": result_a.metrics, "B": result_b.metrics}``),
        one metrics dict (one row), or a list of flat dicts (e.g. the rows of a sweep).
    index : str
        Name of the label column for the dict-of-dicts form.

    Returns
    -------
    pandas.DataFrame
        One row per label / record, one column per metric, in first-seen order.
    """
    if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
        records = [{index: k, **v} for k, v in data.items()]
    elif isinstance(data, dict):
        records = [dict(data)]
    else:
        records = [dict(r) for r in data]
    columns: list = []
    for r in records:
        columns.extend(k for k in r if k not in columns)
    return pd.DataFrame.from_records(records, columns=columns)
