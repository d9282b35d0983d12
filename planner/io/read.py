"""Reading and checking a scenario folder (SPEC 2): ``read_scenario``.

Every problem found is collected and raised together as a :class:`ScenarioError` whose
``problems`` read ``file:row: column: what is wrong`` (rows counted as a spreadsheet counts
them: header row 1, first data row 2; ``scenario.yaml: key: what`` for the settings).
"""
from __future__ import annotations

import logging
from pathlib import Path

from models.scenario import (
    Cadre,
    Fit,
    FrozenMap,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Relation,
    Scenario,
    Unit,
)
from planner.errors import ScenarioError
from planner.io.checks import Table, check_tables, convert_table
from planner.io.grids import CellBudget, read_csv_tables, read_xlsx_tables
from planner.io.hashing import scenario_sha256
from planner.io.problems import Problems, shown
from planner.io.settings import read_settings
from planner.io.tables import COLUMNS, TABLES, XLSX_NAME

log = logging.getLogger(__name__)

_ROW_CLASSES = {"regions": Region, "units": Unit, "openings": Opening, "history": HistoryRow,
                "relations": Relation, "preferences": Preference, "fit": Fit, "locks": Lock}


def _rows(table: Table | None, names) -> list:
    if table is None or not len(table):
        return []
    return list(zip(*(table.cols[n] for n in names)))


def _build(tables: dict, settings: dict, sha: str) -> Scenario:
    """The Scenario of checked tables and settings."""
    built = {name: tuple(cls(*r) for r in _rows(tables.get(name), COLUMNS[name]))
             for name, cls in _ROW_CLASSES.items()}
    cadre_table = tables["cadres"]
    extra_cols = tuple(c for c in cadre_table.raw.columns if c not in COLUMNS["cadres"])
    extra_vals = [cadre_table.raw.df[c].tolist() for c in extra_cols]
    cadres = tuple(Cadre(*r, extra=tuple((c, v[i]) for c, v in zip(extra_cols, extra_vals)))
                   for i, r in enumerate(_rows(cadre_table, COLUMNS["cadres"])))
    scenario = Scenario(cadres=cadres, sha256=sha, extra_columns=extra_cols, **built, **settings)
    origin = FrozenMap({name: (t.raw.label, tuple(t.raw.rows.tolist())) for name, t in tables.items()})
    object.__setattr__(scenario, "origin", origin)    # not a field: see models.scenario.Scenario.origin
    return scenario


def read_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario folder (SPEC 2).

    Parameters
    ----------
    path : str or Path
        A folder holding ``scenario.yaml`` and either the CSV tables or one ``scenario.xlsx``.

    Returns
    -------
    models.Scenario
        With ``sha256`` set to the folder's hash (SPEC 6) and ``origin`` naming the file and row
        of every object (for warnings, :func:`planner.io.scenario_warnings`).

    Raises
    ------
    ScenarioError
        With every problem found (the first ``MAX_PROBLEMS``, then a count), each
        ``file:row: column: what is wrong``.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ScenarioError([f"{shown(str(folder), 200)}: (folder): not a scenario folder"])
    problems = Problems()
    settings = read_settings(folder, problems)

    csvs = [f"{n}.csv" for n in TABLES if (folder / f"{n}.csv").is_file()]
    budget = CellBudget()
    if (folder / XLSX_NAME).is_file():
        if csvs:
            problems.add(XLSX_NAME, None, "(file)",
                         f"the folder holds both {XLSX_NAME} and CSV tables ({', '.join(csvs)}); keep one", 1)
            raise ScenarioError(problems.texts())
        raws = read_xlsx_tables(folder / XLSX_NAME, problems, budget)
    else:
        raws = read_csv_tables(folder, problems, budget)

    orders = {n: i for i, n in enumerate(TABLES, start=1)}
    tables = {n: convert_table(r, problems, orders[n]) for n, r in raws.items()}
    check_tables(tables, settings.get("plan_year"), problems)

    if len(problems):
        raise ScenarioError(problems.texts())
    try:
        scenario = _build(tables, settings, scenario_sha256(folder))
    except (ValueError, TypeError) as err:  # models' own invariants; validation should have caught it
        raise ScenarioError([f"{folder.name}: (scenario): {shown(str(err), 200)}"]) from err
    log.info("read %s: %d cadres, %d openings, %d history rows", folder, len(scenario.cadres),
             len(scenario.openings), len(scenario.history))
    return scenario
