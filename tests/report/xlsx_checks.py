"""Checks any test can run on a workbook the planner wrote (the hostile suite of issue 11 too).

    from xlsx_checks import assert_no_formulas      # tests/report is on sys.path for its tests
"""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from planner.labels.report import APPENDIX_PREFIX

TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def assert_no_formulas(path) -> int:
    """Fail when any cell of any sheet of the workbook at ``path`` is a formula; return the
    number of text cells seen (so a caller can assert the check looked at something).

    Opens the file as Excel would see it (not the values openpyxl cached): a cell is a formula
    when its type is ``f`` (openpyxl) - what a text starting with ``=`` becomes unless it is
    stored as a string.
    """
    wb = openpyxl.load_workbook(Path(path))
    formulas, texts = [], 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{ws.title}!{cell.coordinate}: {cell.value!r}")
                elif cell.data_type == "s" and cell.value is not None:
                    texts += 1
    assert not formulas, f"{len(formulas)} formula cell(s) in {path}: {formulas[:10]}"
    return texts


def text_cells(ws):
    """(coordinate, text) of every non-empty text cell of a sheet."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip():
                yield cell.coordinate, cell.value


def is_appendix(title: str) -> bool:
    """Sheets whose titles begin with 附录 (or Appendix) may hold codes and solver words."""
    return title.startswith(APPENDIX_PREFIX)


def code_words(scenario) -> set:
    """Every id and English code of a scenario that a Chinese reader must never see."""
    from models.scenario import KINDS, LEVELS, POST_TYPES, RANKS, RATINGS, TERMS

    words = {r.region_id for r in scenario.regions} | {u.unit_id for u in scenario.units}
    words |= {c.cadre_id for c in scenario.cadres} | {o.opening_id for o in scenario.openings}
    words |= {c.specialty for c in scenario.cadres} | {c.home_region for c in scenario.cadres}
    for c in scenario.cadres:
        words |= set(c.certificates)
    for o in scenario.openings:
        words |= set(o.specialties) | set(o.certificates) | {code for code, _ in o.team_needs}
    words |= set(KINDS) | set(LEVELS) | set(POST_TYPES) | set(RANKS) | set(RATINGS) | set(TERMS)
    words |= {"lock", "preference", "OPTIMAL", "FEASIBLE", "cpsat", "highs", "cbc", "SHA"}
    return words


def code_words_outside_appendix(path, scenario) -> list:
    """``sheet!cell: word`` for each id, code or solver word in a text cell of a non-附录 sheet."""
    words = code_words(scenario)
    solver_words = ("最优界", "随机种子", "SHA-256", "求解器", "目标值")
    found = []
    wb = openpyxl.load_workbook(Path(path))
    for ws in wb.worksheets:
        if is_appendix(ws.title):
            continue
        for coordinate, text in text_cells(ws):
            for token in TOKEN.findall(text):
                if token in words or re.fullmatch(r"R\d+", token):
                    found.append(f"{ws.title}!{coordinate}: {token}")
            found += [f"{ws.title}!{coordinate}: {w}" for w in solver_words if w in text]
    return found
