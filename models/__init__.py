"""The pure domain of the posting planner: scenario data, derived facts, plans.

Nothing here imports pandas, a solver, or anything of ``planner/``.
"""
from models.months import month_index, month_str, MonthIndex
from models.scenario import (
    Region, Unit, Cadre, Opening, HistoryRow, Relation, Preference, Fit, Lock,
    Rules, Weights, SolverSettings, Scenario,
    KINDS, RANKS, POST_TYPES, RATINGS, RATING_ORDER, LEVELS, TERMS,
)
from models.plan import Assignment, Plan
from models import facts

__all__ = [
    "month_index", "month_str", "MonthIndex",
    "Region", "Unit", "Cadre", "Opening", "HistoryRow", "Relation", "Preference", "Fit",
    "Lock", "Rules", "Weights", "SolverSettings", "Scenario",
    "KINDS", "RANKS", "POST_TYPES", "RATINGS", "RATING_ORDER", "LEVELS", "TERMS",
    "Assignment", "Plan", "facts",
]
