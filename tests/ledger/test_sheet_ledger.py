"""The workbook sheet 历年交流 (``add_ledger_sheet``): moves per year, regions that only sent or only
received, the barriers before the plan and whether the plan crosses each, the plan's moves across
a barrier; scenario text stays text."""
from __future__ import annotations

import dataclasses
import io

from openpyxl import Workbook, load_workbook
from test_ledger_counts import hand_plan, hand_scenario

from planner.report.sheet_ledger import add_ledger_sheet


def _rows(ws):
    return [tuple(v for v in row if v is not None) for row in ws.iter_rows(values_only=True)]


def test_sheet_of_the_hand_scenario():
    sc = hand_scenario()
    # A region name that a spreadsheet would read as a formula must stay text.
    sc = sc.replace(regions=tuple(dataclasses.replace(r, name="=1+1") if r.region_id == "RD" else r
                                  for r in sc.regions))
    wb = Workbook()
    add_ledger_sheet(wb, sc, hand_plan(), "zh")
    buf = io.BytesIO()
    wb.save(buf)
    ws = load_workbook(io.BytesIO(buf.getvalue()))["历年交流"]
    rows = _rows(ws)
    # Moves per year 2023..2027 (counted by hand in test_ledger_counts): 1, 1, 0, 0, 2; secondments 1, 0, 0, 0, 3.
    assert ("2023", 1, 1) in rows and ("2025", 0, 0) in rows and ("2027（方案）", 2, 3) in rows
    # Per region over the window: RA only received (RB->RA), RD only received (RC->RD).
    assert ("区域RA", 0, 1, "只调入") in rows and ("区域RB", 2, 1, "既调出又调入") in rows
    # Barriers of 2022..2026: RA-RB, RA-RD, RB-RD, RC-RD; the plan crosses RA-RB (K1) and RC-RD (K6).
    assert ("区域RA", "区域RB", "是") in rows and ("区域RA", "=1+1", "否") in rows
    assert ("区域RC", "=1+1", "是") in rows and ("区域RB", "=1+1", "否") in rows
    crossing = [r for r in rows if r and r[0].startswith("干部")]
    assert crossing == [("干部K1", "单位UB", "区域RB", "单位UA2", "区域RA", "P1"),      # names only (ids in 附录)
                        ("干部K6", "单位UC", "区域RC", "单位UD", "=1+1", "P3")]
    formula_like = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    assert len(ws._images) == 2


def test_sheet_in_english_without_barriers():
    sc = hand_scenario()
    wb = Workbook()
    ws = add_ledger_sheet(wb, sc, hand_plan(), "en", years=13)
    assert ws.title == "Exchange over the years"
    rows = _rows(ws)
    assert ("2027 (plan)", 2, 3) in rows
    assert any(r and str(r[0]).startswith("Barriers: no move either way in the 5 years before the plan") for r in rows)
