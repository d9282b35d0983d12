"""The independent checker (``planner check``): re-verifies a written plan against SPEC 4 and 6.

A second reading of the contract, written apart from the model on purpose: it never imports a
solver (ortools, pulp) nor ``planner.model`` / ``backends`` / ``solve`` (tests/house/test_layers.py
enforces it). It recomputes every metric and every term of the objective with its own code, checks
each reason code of each line against the facts, and checks summary.json's claims.

Modules
-------
findings    Violation, MetricDiff, CheckReport
plan_view   the plan as the rules see it (PlanView), FORMAT of the rows
rules       check_r1 .. check_r11, one per hard rule of SPEC 4
metrics     the SPEC 6 metrics, recomputed and compared
terms       the objective's terms, recomputed from the formulas of docs/objective.md
reasons     each reason code of each line against the facts
summary     summary.json: keys, weights, terms, objective, plan hash, recorded what-if changes
verify      check_plan, check_dir
"""
from planner.check.findings import CheckReport, MetricDiff, Violation
from planner.check.metrics import (
    FLOAT_METRICS,
    FLOAT_TOLERANCE,
    INT_METRICS,
    METRICS,
    compare_metrics,
    gini,
    recompute_metrics,
    total_points,
)
from planner.check.plan_view import PlanView, check_format
from planner.check.reasons import check_reasons
from planner.check.rules import (
    RULE_CHECKS,
    check_r1,
    check_r2,
    check_r3,
    check_r4,
    check_r5,
    check_r6,
    check_r7,
    check_r8,
    check_r9,
    check_r10,
    check_r11,
)
from planner.check.summary import PLAN_STATUSES, SUMMARY_KEYS, check_summary
from planner.check.terms import recompute_terms
from planner.check.verify import check_dir, check_plan
from planner.errors import PlanFileError
from planner.io.plan_files import PLAN_COLUMNS, read_plan

__all__ = [
    "CheckReport", "MetricDiff", "Violation", "PlanFileError", "PLAN_COLUMNS", "read_plan",
    "check_plan", "check_dir", "check_format", "check_summary", "check_reasons", "PlanView",
    "recompute_metrics", "recompute_terms", "compare_metrics", "gini", "total_points",
    "METRICS", "INT_METRICS", "FLOAT_METRICS", "FLOAT_TOLERANCE", "SUMMARY_KEYS", "PLAN_STATUSES",
    "RULE_CHECKS", "check_r1", "check_r2", "check_r3", "check_r4", "check_r5", "check_r6", "check_r7",
    "check_r8", "check_r9", "check_r10", "check_r11",
]
