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
from planner.io.problems import BadValue, Problems, shown
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
                     f"found in header {shown(head, 60)!r}{hint}", order, -1)
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


def check_unique_ids(t: Table, problems: Problems) -> None:
    """Duplicate ids: each repeat names the row of the first occurrence."""
    col = ID_COLUMN[t.raw.name]
    if t.cols.get(col) is None:
        return
    s = t.raw.df[col]
    dup = (s.duplicated(keep="first") & (s != "")).to_numpy()
    if not dup.any():
        return
    first_row = _first_rows(s, t.raw.rows)
    t.add_rows(problems, np.nonzero(dup)[0], col,
               lambda i: f"duplicate {col} {shown(s.iat[i])} (first at row {first_row[s.iat[i]]})")


def check_refs(tables: dict, problems: Problems) -> None:
    """Every reference names an existing id (when the referenced table and column could be read)."""
    for (name, col), target in REFS.items():
        t = tables.get(name)
        parent = tables.get(target)
        id_col = ID_COLUMN[target]
        if t is None or t.cols.get(col) is None or parent is None or parent.cols.get(id_col) is None:
            continue
        ids = parent.raw.df[id_col]
        s = t.raw.df[col]
        bad = ((s != "") & ~s.isin(ids[ids != ""])).to_numpy()
        t.add_rows(problems, np.nonzero(bad)[0], col,
                   lambda i, s=s, target=target, parent=parent:
                   f"unknown {SINGULAR[target]} {shown(s.iat[i])} (not in {parent.raw.label})")


def check_cadres(t: Table, plan_year: int | None, problems: Problems) -> None:
    """unit_id and unit_since both set (a posted cadre) or both empty (a new recruit); with the plan
    year, a cadre aged 16-100 on 1 January of it, and entry and unit_since not after its December."""
    uid, since = t.cols["unit_id"], t.cols["unit_since"]
    if uid is not None and since is not None:
        raw_since = t.raw.df["unit_since"].tolist()
        t.add_rows(problems, [i for i, (u, rs) in enumerate(zip(uid, raw_since)) if u is not None and rs == ""],
                   "unit_since",
                   lambda i: f"empty while unit_id is {shown(uid[i])}; both are set or both empty (new recruit)")
        t.add_rows(problems, [i for i, (u, s) in enumerate(zip(uid, since)) if u is None and s is not None],
                   "unit_id", lambda i: "empty while unit_since is set; both are set or both empty (new recruit)")
    if plan_year is None:
        return
    january = plan_year * 12
    birth = t.cols["birth"]
    if birth is not None:
        t.add_rows(problems, [i for i, b in enumerate(birth) if b is not None and january - b < MIN_AGE * 12],
                   "birth", lambda i: f"{month_str(birth[i])} makes the cadre younger than {MIN_AGE} "
                                      f"on {plan_year}-01-01")
        t.add_rows(problems, [i for i, b in enumerate(birth) if b is not None and january - b >= (MAX_AGE + 1) * 12],
                   "birth", lambda i: f"{month_str(birth[i])} makes the cadre older than {MAX_AGE} "
                                      f"on {plan_year}-01-01")
    for column in ("entry", "unit_since"):
        months = t.cols[column]
        if months is None:
            continue
        t.add_rows(problems, [i for i, m in enumerate(months) if m is not None and m >= january + 12], column,
                   lambda i, months=months: f"{month_str(months[i])} is after December of plan_year {plan_year}")


def check_openings(t: Table, problems: Problems) -> None:
    """Months in order, a posting ends in December, min_seats <= seats."""
    c = t.cols
    kind, start, end = c["kind"], c["start_month"], c["end_month"]
    seats, min_seats = c["seats"], c["min_seats"]
    if start is not None and end is not None:
        t.add_rows(problems, [i for i, (s, e) in enumerate(zip(start, end)) if s is not None and e is not None
                              and s > e], "start_month", lambda i: f"{start[i]} is after end_month {end[i]}")
    if kind is not None and end is not None:
        t.add_rows(problems, [i for i, (k, e) in enumerate(zip(kind, end)) if k == "posting" and e is not None
                              and e != 12], "end_month", lambda i: f"{end[i]}: a posting's end_month is 12")
    if seats is not None and min_seats is not None:
        t.add_rows(problems, [i for i, (s, m) in enumerate(zip(seats, min_seats)) if s is not None and m is not None
                              and m > s], "min_seats", lambda i: f"{min_seats[i]} is more than seats {seats[i]}")


def check_history(t: Table, plan_year: int | None, problems: Problems) -> None:
    """start <= end < January of plan_year."""
    start, end = t.cols["start"], t.cols["end"]
    if start is None or end is None:
        return
    t.add_rows(problems, [i for i, (s, e) in enumerate(zip(start, end)) if s is not None and e is not None and s > e],
               "start", lambda i: f"{month_str(start[i])} is after end {month_str(end[i])}")
    if plan_year is not None:
        t.add_rows(problems, [i for i, e in enumerate(end) if e is not None and e >= plan_year * 12], "end",
                   lambda i: f"{month_str(end[i])} is not before {plan_year}-01; history ends before plan_year")


def check_pairs(t: Table, problems: Problems, a: str, b: str, what: str) -> None:
    """A (cadre, opening) pair listed twice is ambiguous."""
    if t.cols.get(a) is None or t.cols.get(b) is None:
        return
    df = t.raw.df
    key = df[a] + "\x00" + df[b]
    dup = key.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    first = _first_rows(key, t.raw.rows)
    t.add_rows(problems, np.nonzero(dup)[0], b,
               lambda i: f"{what} for {shown(df[a].iat[i])} and {shown(df[b].iat[i])} given twice "
                         f"(first at row {first[key.iat[i]]})")


def check_preferences(t: Table, problems: Problems) -> None:
    """At most 3 wishes per cadre (the 4th and later rows are reported)."""
    check_pairs(t, problems, "cadre_id", "opening_id", "preference")
    if t.cols.get("cadre_id") is None:
        return
    s = t.raw.df["cadre_id"]
    nth = s.groupby(s, sort=False).cumcount().to_numpy()
    t.add_rows(problems, np.nonzero(nth >= 3)[0], "cadre_id",
               lambda i: f"{shown(s.iat[i])} has more than 3 preferences (at most 3 per cadre)")


def check_relations(t: Table, problems: Problems) -> None:
    """A cadre is not related to itself."""
    if t.cols.get("cadre_a") is None or t.cols.get("cadre_b") is None:
        return
    df = t.raw.df
    same = ((df["cadre_a"] == df["cadre_b"]) & (df["cadre_a"] != "")).to_numpy()
    t.add_rows(problems, np.nonzero(same)[0], "cadre_b",
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
            check_unique_ids(tables[name], problems)
    check_refs(tables, problems)
    if "cadres" in tables:
        check_cadres(tables["cadres"], plan_year, problems)
    if "openings" in tables:
        check_openings(tables["openings"], problems)
    if "history" in tables:
        check_history(tables["history"], plan_year, problems)
    if "relations" in tables:
        check_relations(tables["relations"], problems)
    if "preferences" in tables:
        check_preferences(tables["preferences"], problems)
    if "fit" in tables:
        check_pairs(tables["fit"], problems, "cadre_id", "opening_id", "fit score")
    if "locks" in tables:
        check_pairs(tables["locks"], problems, "cadre_id", "opening_id", "lock")
