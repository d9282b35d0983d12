"""The pure domain of the posting planner: scenario data, derived facts, plans.

Nothing here imports pandas, a solver, or anything of ``planner/``.
"""
from models import facts
from models.months import MonthIndex, month_index, month_str
from models.plan import Assignment, Plan
from models.scenario import (
    KINDS,
    LEVELS,
    POST_TYPES,
    RANKS,
    RATING_ORDER,
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

__all__ = [
    "month_index", "month_str", "MonthIndex",
    "Region", "Unit", "Cadre", "Opening", "HistoryRow", "Relation", "Preference", "Fit",
    "Lock", "Rules", "Weights", "SolverSettings", "Scenario",
    "KINDS", "RANKS", "POST_TYPES", "RATINGS", "RATING_ORDER", "LEVELS", "TERMS",
    "Assignment", "Plan", "facts",
]
