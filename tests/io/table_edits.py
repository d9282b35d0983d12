"""Editing the tables of a scenario copy one cell at a time, and asserting the problems it gives."""
import csv

import pytest

from planner.io import ScenarioError, read_scenario


def load_rows(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def save_rows(folder, table, rows):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(folder, table, row, column, value):
    """Set the cell at spreadsheet ``row`` (2 = first data row) of ``column``."""
    rows = load_rows(folder, table)
    rows[row - 1][rows[0].index(column)] = value
    save_rows(folder, table, rows)


def add_row(folder, table, **values):
    rows = load_rows(folder, table)
    rows.append([values.get(h, "") for h in rows[0]])
    save_rows(folder, table, rows)


def drop_column(folder, table, column):
    rows = load_rows(folder, table)
    k = rows[0].index(column)
    save_rows(folder, table, [r[:k] + r[k + 1:] for r in rows])


def problems_of(folder):
    with pytest.raises(ScenarioError) as err:
        read_scenario(folder)
    assert err.value.problems, "a ScenarioError lists its problems"
    return err.value.problems


def assert_problem(folder, prefix, contains=""):
    probs = problems_of(folder)
    hits = [p for p in probs if p.startswith(prefix) and contains in p]
    assert hits, f"no problem starting {prefix!r} (containing {contains!r}) in {probs}"
    return probs


