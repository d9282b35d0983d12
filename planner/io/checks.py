"""Columns converted cell by cell, then the checks across rows and tables (SPEC 2).

Cells are converted once per distinct value (``pandas.factorize``) and mapped back to rows, so a
column of 50,000 fit scores costs 101 conversions, not 50,000; cross-row checks (duplicates,
references) are vectorised. However many cells are bad, a column reports its first
``MAX_PROBLEMS`` and counts the rest, so a garbage file costs no more than a good one.

Where the SPEC is silent, these checks decide: a (cadre, opening) pair listed twice in
preferences, fit or locks is a problem (ambiguous); a cadre is at most 100 years old on
1 January of ``plan_year`` (SPEC 2 gives the lower bound, 16).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.months import month_str
from planner.io.grids import RawTable
from planner.io.limits import MAX_PROBLEMS
from planner.io.problems import BadValue, Problems, quoted, shown
from planner.io.tables import ID_COLUMN, REFS, SINGULAR, SPECS, ColumnSpec

MIN_AGE, MAX_AGE = 16, 100


@dataclass
class Table:
    """Converted columns of one table: ``cols[name]`` is a list (None for a bad cell) or None
    when the column is missing (already reported)."""

    raw: RawTable
    cols: dict
    order: int

    def __len__(self) -> int:
        return len(self.raw.rows)

    def col_order(self, name: str) -> int:
        return self.raw.columns.index(name) if name in self.raw.columns else 0

    def add(self, problems: Problems, i: int, column: str, what: str) -> None:
        """Report a problem in data row ``i`` (0-based) of ``column``."""
        problems.add(self.raw.label, int(self.raw.rows[i]), column, what, self.order, self.col_order(column))

    def add_rows(self, problems: Problems, rows: Sequence[int], column: str, what_of: Callable[[int], str]) -> None:
        """Report a problem in each of ``rows`` (ascending); past ``MAX_PROBLEMS`` only count them."""
        for i in rows[:MAX_PROBLEMS]:
            self.add(problems, int(i), column, what_of(int(i)))
        problems.count_unlisted(max(0, len(rows) - MAX_PROBLEMS))


def _convert(raw: RawTable, spec: ColumnSpec, problems: Problems, order: int, col_order: int) -> list:
    """Convert one column, once per distinct text; report each bad cell; bad cells give None."""
    codes, texts = raw.factors[spec.name]
    values = [None] * len(texts)
    errors: dict = {}
    for k, text in enumerate(texts):
        try:
            values[k] = spec.convert(text)
        except BadValue as err:
            errors[k] = str(err)
    if errors:
        bad = np.zeros(len(texts), dtype=bool)
        bad[list(errors)] = True
        bad_rows = np.nonzero(bad[codes])[0]
        for i in bad_rows[:MAX_PROBLEMS]:
            problems.add(raw.label, int(raw.rows[i]), spec.name, errors[codes[i]], order, col_order)
        problems.count_unlisted(max(0, len(bad_rows) - MAX_PROBLEMS))
    return [values[c] for c in codes.tolist()]


def convert_table(raw: RawTable, problems: Problems, order: int) -> Table:
    """Every column of a table converted by its ColumnSpec (``planner.io.tables.SPECS``).

    Parameters
    ----------
    raw : RawTable
        The table as trimmed text.
    problems : Problems
        Receives a problem for every bad cell and every missing required column.
    order : int
        The table's place in problem order.

    Returns
    -------
    Table
    """
    cols: dict = {}
    required = [c.name for c in SPECS[raw.name] if c.required]
    if raw.columns and not any(c in raw.columns for c in required):
        # Nothing we know: most likely the wrong separator or a missing header row. One line
        # says so instead of one line per column.
        head = ",".join(raw.columns)
        hint = ("; the file seems separated by tabs or semicolons, not commas"
                if len(raw.columns) == 1 and any(sep in raw.columns[0] for sep in ";\t") else "")
        problems.add(raw.label, 1, "(header)", f"none of the required columns {', '.join(required)} "
                     f"found in header {quoted(head, 60)}{hint}", order, -1)
        return Table(raw, {c.name: None for c in SPECS[raw.name]}, order)
    for spec in SPECS[raw.name]:
        if spec.name not in raw.df.columns:
            if spec.required:
                problems.add(raw.label, 1, spec.name, "missing required column", order, -1)
                cols[spec.name] = None
            else:
                cols[spec.name] = [spec.default] * len(raw.rows)
            continue
        cols[spec.name] = _convert(raw, spec, problems, order, raw.columns.index(spec.name))
    return Table(raw, cols, order)


def _first_rows(values: pd.Series, rows: np.ndarray) -> dict:
    """value -> spreadsheet row of its first occurrence."""
    first = ~values.duplicated(keep="first").to_numpy()
    return dict(zip(values.to_numpy()[first].tolist(), rows[first].tolist()))


def _unique_ids(table: Table, problems: Problems) -> None:
    """Duplicate ids: each repeat names the row of the first occurrence."""
    column = ID_COLUMN[table.raw.name]
    if table.cols.get(column) is None:
        return
    ids = table.raw.df[column]
    repeat = (ids.duplicated(keep="first") & (ids != "")).to_numpy()
    if not repeat.any():
        return
    first_row = _first_rows(ids, table.raw.rows)
    table.add_rows(problems, np.nonzero(repeat)[0], column,
                   lambda i: f"duplicate {column} {shown(ids.iat[i])} (first at row {first_row[ids.iat[i]]})")


def _references(tables: dict, problems: Problems) -> None:
    """Every reference names an existing id (when the referenced table and column could be read)."""
    for (name, column), target in REFS.items():
        table, parent = tables.get(name), tables.get(target)
        id_column = ID_COLUMN[target]
        if table is None or table.cols.get(column) is None or parent is None or parent.cols.get(id_column) is None:
            continue
        ids = parent.raw.df[id_column]
        refs = table.raw.df[column]
        unknown = ((refs != "") & ~refs.isin(ids[ids != ""])).to_numpy()
        table.add_rows(problems, np.nonzero(unknown)[0], column,
                       lambda i, refs=refs, target=target, parent=parent:
                       f"unknown {SINGULAR[target]} {shown(refs.iat[i])} (not in {parent.raw.label})")


def _cadre_dates(table: Table, plan_year: int | None, problems: Problems) -> None:
    """unit_id and unit_since both set (a posted cadre) or both empty (a new recruit); with the plan
    year, a cadre aged 16-100 on 1 January of it, and entry and unit_since not after its December."""
    unit, since = table.cols["unit_id"], table.cols["unit_since"]
    if unit is not None and since is not None:
        since_text = table.raw.df["unit_since"].tolist()
        table.add_rows(problems, [i for i, (u, text) in enumerate(zip(unit, since_text)) if u is not None and not text],
                       "unit_since",
                       lambda i: f"empty while unit_id is {shown(unit[i])}; both are set or both empty (new recruit)")
        table.add_rows(problems, [i for i, (u, m) in enumerate(zip(unit, since)) if u is None and m is not None],
                       "unit_id", lambda i: "empty while unit_since is set; both are set or both empty (new recruit)")
    if plan_year is None:
        return
    january = plan_year * 12
    birth = table.cols["birth"]
    if birth is not None:
        table.add_rows(problems, [i for i, b in enumerate(birth) if b is not None and january - b < MIN_AGE * 12],
                       "birth", lambda i: f"{month_str(birth[i])} makes the cadre younger than {MIN_AGE} "
                                          f"on {plan_year}-01-01")
        table.add_rows(problems, [i for i, b in enumerate(birth)
                                  if b is not None and january - b >= (MAX_AGE + 1) * 12],
                       "birth", lambda i: f"{month_str(birth[i])} makes the cadre older than {MAX_AGE} "
                                          f"on {plan_year}-01-01")
    for column in ("entry", "unit_since"):
        months = table.cols[column]
        if months is None:
            continue
        table.add_rows(problems, [i for i, m in enumerate(months) if m is not None and m >= january + 12], column,
                       lambda i, months=months: f"{month_str(months[i])} is after December of plan_year {plan_year}")


def _opening_months_and_seats(table: Table, problems: Problems) -> None:
    """Months in order, a posting ends in December, min_seats <= seats."""
    cols = table.cols
    kind, start, end = cols["kind"], cols["start_month"], cols["end_month"]
    seats, min_seats = cols["seats"], cols["min_seats"]
    if start is not None and end is not None:
        table.add_rows(problems, [i for i, (s, e) in enumerate(zip(start, end)) if s is not None and e is not None
                                  and s > e], "start_month", lambda i: f"{start[i]} is after end_month {end[i]}")
    if kind is not None and end is not None:
        table.add_rows(problems, [i for i, (k, e) in enumerate(zip(kind, end)) if k == "posting" and e is not None
                                  and e != 12], "end_month", lambda i: f"{end[i]}: a posting's end_month is 12")
    if seats is not None and min_seats is not None:
        table.add_rows(problems, [i for i, (s, m) in enumerate(zip(seats, min_seats))
                                  if s is not None and m is not None and m > s],
                       "min_seats", lambda i: f"{min_seats[i]} is more than seats {seats[i]}")


def _history_months(table: Table, plan_year: int | None, problems: Problems) -> None:
    """start <= end < January of plan_year."""
    start, end = table.cols["start"], table.cols["end"]
    if start is None or end is None:
        return
    table.add_rows(problems, [i for i, (s, e) in enumerate(zip(start, end)) if s is not None and e is not None
                              and s > e], "start", lambda i: f"{month_str(start[i])} is after end {month_str(end[i])}")
    if plan_year is not None:
        table.add_rows(problems, [i for i, e in enumerate(end) if e is not None and e >= plan_year * 12], "end",
                       lambda i: f"{month_str(end[i])} is not before {plan_year}-01; history ends before plan_year")


def _pairs_once(table: Table, problems: Problems, first: str, second: str, what: str) -> None:
    """A (cadre, opening) pair listed twice is ambiguous."""
    if table.cols.get(first) is None or table.cols.get(second) is None:
        return
    df = table.raw.df
    key = df[first] + "\x00" + df[second]
    # a pair with an empty id is reported as empty already
    repeat = (key.duplicated(keep="first") & (df[first] != "") & (df[second] != "")).to_numpy()
    if not repeat.any():
        return
    first_row = _first_rows(key, table.raw.rows)
    table.add_rows(problems, np.nonzero(repeat)[0], second,
                   lambda i: f"{what} for {shown(df[first].iat[i])} and {shown(df[second].iat[i])} given twice "
                             f"(first at row {first_row[key.iat[i]]})")


def _preferences(table: Table, problems: Problems) -> None:
    """At most 3 wishes per cadre (the 4th and later rows are reported)."""
    _pairs_once(table, problems, "cadre_id", "opening_id", "preference")
    if table.cols.get("cadre_id") is None:
        return
    cadres = table.raw.df["cadre_id"]
    nth = cadres.groupby(cadres, sort=False).cumcount().to_numpy()
    table.add_rows(problems, np.nonzero((nth >= 3) & (cadres != "").to_numpy())[0], "cadre_id",
                   lambda i: f"{shown(cadres.iat[i])} has more than 3 preferences (at most 3 per cadre)")


def _relations(table: Table, problems: Problems) -> None:
    """A cadre is not related to itself."""
    if table.cols.get("cadre_a") is None or table.cols.get("cadre_b") is None:
        return
    df = table.raw.df
    same = ((df["cadre_a"] == df["cadre_b"]) & (df["cadre_a"] != "")).to_numpy()
    table.add_rows(problems, np.nonzero(same)[0], "cadre_b",
                   lambda i: f"{shown(df['cadre_b'].iat[i])} is related to itself")


def check_tables(tables: dict, plan_year: int | None, problems: Problems) -> None:
    """Every check across rows and tables, in problem order.

    Parameters
    ----------
    tables : dict of str -> Table
        The converted tables (optional ones may be absent).
    plan_year : int or None
        From scenario.yaml; None when it could not be read (its checks are then left out).
    problems : Problems
        Receives every problem found.
    """
    for name in ID_COLUMN:
        if name in tables:
            _unique_ids(tables[name], problems)
    _references(tables, problems)
    if "cadres" in tables:
        _cadre_dates(tables["cadres"], plan_year, problems)
    if "openings" in tables:
        _opening_months_and_seats(tables["openings"], problems)
    if "history" in tables:
        _history_months(tables["history"], plan_year, problems)
    if "relations" in tables:
        _relations(tables["relations"], problems)
    if "preferences" in tables:
        _preferences(tables["preferences"], problems)
    if "fit" in tables:
        _pairs_once(tables["fit"], problems, "cadre_id", "opening_id", "fit score")
    if "locks" in tables:
        _pairs_once(tables["locks"], problems, "cadre_id", "opening_id", "lock")
