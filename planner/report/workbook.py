"""The committee workbook (党组会材料): a plan as a 干部调整 meeting pack.

Sheets (Chinese names; English ones with ``lang="en"``), each built by its own module:

- 说明 (:mod:`~planner.report.sheet_notes`): the plan in plain words, the decisions asked of the
  committee, the principles with their documents;
- 调整名单 (:mod:`~planner.report.sheet_postings`): postings, one row per person, 12 columns;
- 挂职及任务 (:mod:`~planner.report.sheet_away`): temporary assignments and tasks, one row per person;
- 按单位, 公平性, 地域交流, 未满足: per unit, fairness, exchange between regions, unfilled openings;
- 历年交流, when :mod:`planner.report.sheet_ledger` exists (the ledger over the years);
- 附录一 计算信息, 附录二 安排明细, 附录三 干部名册: the technical facts, the ids and codes, and the
  further columns of cadres.csv. Codes and solver words appear only in these.

Every text cell is stored as a string, never a formula (:func:`planner.report.styles.put`).
"""
from __future__ import annotations

import importlib
import io
import logging

from openpyxl import Workbook

from models.plan import Plan
from models.scenario import Scenario
from planner.labels.ledger import ledger_text
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import PlanFigures, plan_figures
from planner.report.sheet_away import add_away_sheet
from planner.report.sheet_exchange import add_exchange_sheet
from planner.report.sheet_fairness import add_fairness_sheet
from planner.report.sheet_lines import add_lines_sheet
from planner.report.sheet_notes import add_notes_sheet
from planner.report.sheet_postings import add_postings_sheet
from planner.report.sheet_roster import add_roster_sheet
from planner.report.sheet_solver import add_solver_sheet
from planner.report.sheet_units import add_units_sheet
from planner.report.sheet_unmet import add_unmet_sheet
from planner.report.styles import fonts, register_styles

log = logging.getLogger(__name__)


LEDGER_SHEET_MODULE = "planner.report.sheet_ledger"


def _ledger_sheet_adder():
    """``planner.report.sheet_ledger.add_ledger_sheet(wb, scenario, plan, lang)`` when that
    module exists (issue 13: 历年交流, the exchange ledger over the years), else None.

    Looked up by name: the module is optional, and an import statement of a module that is not
    there would read to the house checks as an import of this package itself.
    """
    try:
        module = importlib.import_module(LEDGER_SHEET_MODULE)
    except ModuleNotFoundError as err:
        if err.name != LEDGER_SHEET_MODULE:
            raise
        return None
    return module.add_ledger_sheet


def _add_ledger_sheet(wb, scenario: Scenario, plan: Plan, lang: str) -> None:
    """历年交流 after 地域交流, when the ledger module is there (the one place it is wired)."""
    add_ledger_sheet = _ledger_sheet_adder()
    if add_ledger_sheet is None:
        return
    before = list(wb.sheetnames)
    add_ledger_sheet(wb, scenario, plan, lang)
    added = [name for name in wb.sheetnames if name not in before]
    for name in added:
        wb.move_sheet(name, offset=len(before) - wb.sheetnames.index(name))


def build_workbook(scenario: Scenario, plan: Plan, summary: dict, lang: str = "zh",
                   alternates: dict | None = None) -> Workbook:
    """The committee workbook of a plan, in memory (see the module docstring for its sheets).

    Parameters
    ----------
    scenario : Scenario
    plan : Plan
    summary : dict
        summary.json of the plan (status, weights, terms, metrics, hashes, solver facts).
    lang : "zh" or "en"
    alternates : dict, optional
        (cadre_id, opening_id) -> cadre_id of the alternate (备选) who would take the seat if the
        chosen cadre declined; shown in 备注 of 调整名单 and in 附录二.

    Raises
    ------
    ValueError
        ``lang`` is neither "zh" nor "en".
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    f = PlanFacts(scenario, plan, lang, alternates)
    return workbook_of(f, plan_figures(f), summary)


def workbook_of(f: PlanFacts, fig: PlanFigures, summary: dict) -> Workbook:
    """:func:`build_workbook` from the plan's facts and figures computed once (the memo shares them)."""
    scenario, plan, lang = f.sc, f.plan, f.lang
    wb = Workbook()
    register_styles(wb, fonts(lang))
    ledger_title = ledger_text("sheet", lang) if _ledger_sheet_adder() is not None else None
    add_notes_sheet(wb.active, f, fig, summary, ledger_title)
    add_postings_sheet(wb, f)
    add_away_sheet(wb, f)
    add_units_sheet(wb, f)
    add_fairness_sheet(wb, f, summary)
    add_exchange_sheet(wb, f)
    _add_ledger_sheet(wb, scenario, plan, lang)
    add_unmet_sheet(wb, f)
    add_solver_sheet(wb, f, fig, summary)
    add_lines_sheet(wb, f)
    add_roster_sheet(wb, f)
    # Open on 调整名单, the sheet the meeting reads; only it selected (two selected tabs would
    # open as a group, and an edit would go to both).
    wb.active = 1
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.active
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
