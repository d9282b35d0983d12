"""Plans and metrics as tidy DataFrames (the notebook API, ``planner.api``); pandas stays in io."""
from __future__ import annotations

import pandas as pd

from models.scenario import Scenario

PLAN_FRAME_COLUMNS = ("cadre_id", "opening_id", "kind", "unit_id", "start_month", "end_month", "months",
                      "reasons")


def plan_frame(plan: object, scenario: Scenario | None = None) -> pd.DataFrame:
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


def metrics_frame(data: dict | list, index: str = "variant") -> pd.DataFrame:
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
