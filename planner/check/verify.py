"""The checker's entry points: ``check_plan`` (rows in memory) and ``check_dir`` (a plan folder)."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from models.scenario import Scenario
from planner.check.findings import FORMAT, CheckReport, Violation
from planner.check.metrics import compare_metrics, recompute_metrics
from planner.check.plan_view import PlanView, as_rows, check_format
from planner.check.reasons import check_reasons
from planner.check.rules import RULE_CHECKS
from planner.check.summary import check_claims, check_summary, read_what_if, with_what_if
from planner.check.terms import recompute_terms
from planner.errors import PlanFileError
from planner.io.folder_writer import file_sha256
from planner.io.plan_files import read_plan

log = logging.getLogger(__name__)


def check_plan(scenario: Scenario, rows: Iterable, summary: dict | None = None,
               plan_sha256: str | None = None) -> CheckReport:
    """Check a plan against every hard rule of SPEC 4, its reasons, and summary.json's claims.

    Parameters
    ----------
    scenario : models.Scenario
    rows : iterable of models.plan.Assignment (or a models.plan.Plan)
        The plan rows, in file order (the order itself is checked).
    summary : dict, optional
        The parsed summary.json. When given: its keys and metrics are compared, its weights must
        be the scenario's, its terms and objective what the plan gives, its ``plan_sha256`` the
        hash of plan.csv; the what-if changes it records (command-line locks, a baseline) apply.
    plan_sha256 : str, optional
        SHA-256 of plan.csv's bytes (``check_dir`` passes it); without it the rows written as
        ``planner solve`` writes them stand in.

    Returns
    -------
    CheckReport
        ``violations`` (rule code, cadres, openings, message), ``metric_diffs``, ``metrics``,
        ``terms`` and ``notes``.
    """
    rows = as_rows(rows)
    violations = check_format(scenario, rows)
    what_if = read_what_if(summary) if isinstance(summary, dict) else None
    ruled = with_what_if(scenario, what_if) if what_if else scenario
    plan = PlanView(ruled, rows)
    for rule in RULE_CHECKS:
        violations.extend(rule(plan))
    violations.extend(check_reasons(ruled, plan, rows))
    # The run's scenario: command-line locks, declines and --set values as summary.json records them.
    scenario = ruled
    metrics = recompute_metrics(scenario, plan)
    terms = recompute_terms(scenario, plan, what_if.baseline if what_if else None)
    diffs: list = []
    notes: list = []
    if summary is not None:
        violations.extend(check_summary(scenario, summary))
        if isinstance(summary.get("metrics"), dict):
            diffs = compare_metrics(summary["metrics"], metrics)
        claims, notes = check_claims(scenario, summary, terms, what_if, plan_sha256, rows)
        if what_if and what_if.settings:
            notes = list(notes) + ["checked with the values the run changed (parameters.cli_set): "
                                   + ", ".join(f"{path}={value[:40]}" for path, value in what_if.settings)]
        violations.extend(claims)
    log.info("checked %d rows: %d violation(s), %d metric diff(s)", len(rows), len(violations), len(diffs))
    return CheckReport(violations, diffs, metrics, terms, notes)


def check_dir(scenario, plan_dir) -> CheckReport:
    """Read a plan folder and check it (``check_plan``); unreadable files become FORMAT violations.

    Parameters
    ----------
    scenario : models.Scenario or path
        A path is read with ``planner.io.read_scenario`` (``ScenarioError`` on bad input).
    plan_dir : path
        The folder holding plan.csv and summary.json.
    """
    if not isinstance(scenario, Scenario):
        from planner.io import read_scenario  # pandas only when asked to read files
        scenario = read_scenario(scenario)
    try:
        rows, summary = read_plan(plan_dir)
        plan_sha256 = file_sha256(Path(plan_dir) / "plan.csv")
    except PlanFileError as err:
        return CheckReport([Violation(FORMAT, (), (), p) for p in err.problems], [], {})
    except OSError as err:
        return CheckReport([Violation(FORMAT, (), (), f"plan.csv: cannot be read ({err.strerror})")], [], {})
    return check_plan(scenario, rows, summary, plan_sha256=plan_sha256)
