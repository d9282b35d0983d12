"""The committee pack as files: ``committee.xlsx`` and ``memo.docx`` beside it, written from a
plan folder. The one entry point is :func:`write_report` (``planner report`` and
``planner solve --report`` both call it)."""
from __future__ import annotations

import logging
from pathlib import Path

from models.plan import Plan
from models.scenario import Scenario
from planner.errors import ReportError
from planner.io.plan_files import atomic_write
from planner.report.memo import memo_bytes, memo_of
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import plan_figures
from planner.report.workbook import workbook_bytes, workbook_of

log = logging.getLogger(__name__)

DEFAULT_NAME = "committee.xlsx"
MEMO_NAME = "memo.docx"


def memo_path(workbook_path) -> Path:
    """Where the memo goes: ``memo.docx`` in the workbook's folder."""
    return Path(workbook_path).with_name(MEMO_NAME)


def load_plan(plan_dir, scenario: Scenario) -> tuple:
    """(Plan, summary) of a plan folder.

    Raises
    ------
    ReportError
        No usable plan in the folder (an infeasible one says so), or a plan that names cadres or
        openings the scenario does not have.
    """
    from planner.check import PlanFileError, read_plan

    plan_dir = Path(plan_dir)
    try:
        rows, summary = read_plan(plan_dir)
    except PlanFileError as err:
        if not (plan_dir / "plan.csv").exists() and (plan_dir / "diagnosis.md").exists():
            raise ReportError([f"{plan_dir}: no plan to report: the scenario is infeasible "
                               f"(see {plan_dir / 'diagnosis.md'})"]) from None
        raise ReportError(err.problems) from None
    problems = []
    for r in rows:
        if r.cadre_id not in scenario.cadre_by_id:
            problems.append(f"plan.csv: cadre {r.cadre_id} is not in the scenario")
        if r.opening_id not in scenario.opening_by_id:
            problems.append(f"plan.csv: opening {r.opening_id} is not in the scenario")
    if problems:
        raise ReportError(problems + ["the plan was made for other data: pass the scenario it was solved from"])
    sha = summary.get("scenario_sha256")
    if scenario.sha256 and sha and sha != scenario.sha256:
        log.warning("summary.json scenario_sha256 is not this scenario's: the workbook says so on its first sheet")
    return Plan(tuple(rows)), summary


def write_report(plan_dir, scenario_dir=None, lang: str = "zh", out=None, alternates: dict | None = None) -> Path:
    """Write the committee workbook and the memo of a plan folder; return the workbook's path.

    Parameters
    ----------
    plan_dir : str or Path
        A folder ``planner solve`` wrote a plan into (plan.csv, summary.json).
    scenario_dir : str, Path or models.Scenario
        The scenario the plan was solved from (required: summary.json records only its hash).
    lang : "zh" or "en"
    out : str or Path, optional
        The workbook's path; default ``PLAN_DIR/committee.xlsx``. The memo is written beside it
        as ``memo.docx`` (:func:`memo_path`).
    alternates : dict, optional
        (cadre_id, opening_id) -> the alternate cadre_id (备选), shown in 调整名单 and 附录二.

    Returns
    -------
    Path
        The workbook written.

    Raises
    ------
    ReportError
        No scenario given, no plan in the folder, or a plan that names cadres or openings the
        scenario does not have. ``planner.io.ScenarioError`` when the scenario is invalid.
    ValueError
        ``lang`` is neither "zh" nor "en".
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    if scenario_dir is None:
        raise ReportError(["the scenario is needed (summary.json records only its hash): pass --scenario DIR"])
    if isinstance(scenario_dir, Scenario):
        scenario = scenario_dir
    else:
        from planner.io import read_scenario
        scenario = read_scenario(scenario_dir)
    plan, summary = load_plan(plan_dir, scenario)
    out = Path(out) if out is not None else Path(plan_dir) / DEFAULT_NAME
    facts = PlanFacts(scenario, plan, lang, alternates)
    figures = plan_figures(facts)
    workbook = workbook_bytes(workbook_of(facts, figures, summary))
    memo = memo_bytes(memo_of(facts, figures, summary))
    atomic_write(out, workbook)
    atomic_write(memo_path(out), memo)
    log.info("committee workbook: %d assignments -> %s (memo: %s)", len(plan.assignments), out, memo_path(out))
    return out
