"""附录三 干部名册: every cadre with the codes of cadres.csv and its further columns (民族, 籍贯,
职务, ...), which SPEC 2 says are carried into the committee export beside the cadre."""
from __future__ import annotations

import planner.report.layout as layout
from planner.labels.report import ROSTER_HEADERS, SOLVER_WORDS, headers, report_text, sheet_title
from planner.report.plan_facts import PlanFacts

LIMITS = {0: (8, 12), 1: (8, 10), 2: (8, 12), 3: (8, 16), 4: (10, 26), 5: (8, 16), 6: (8, 13), 7: (8, 12),
          8: (8, 13), 9: (6, 12), 10: (6, 8)}
EXTRA_WIDTH = (8, 20)
HEADER_ROW = 2


def add_roster_sheet(wb, f: PlanFacts) -> None:
    """Add 附录三 to ``wb``: one row per cadre of the scenario, in file order."""
    sc, lang = f.sc, f.lang
    ws = wb.create_sheet(sheet_title("roster", lang))
    header_row = headers(ROSTER_HEADERS, lang) + list(sc.extra_columns)
    layout.sheet_title(ws, report_text("roster_title", lang, SOLVER_WORDS, name=sc.name), len(header_row))
    rows = []
    for c in sc.cadres:
        extra = dict(c.extra)
        rows.append([c.cadre_id, c.name, c.unit_id or "", c.specialty, ";".join(sorted(c.certificates)), c.rank,
                     c.post_type, c.home_region, c.rating, int(c.talent_pool), int(c.exempt)]
                    + [extra.get(col, "") for col in sc.extra_columns])
    limits = dict(LIMITS)
    limits.update({len(LIMITS) + k: EXTRA_WIDTH for k in range(len(sc.extra_columns))})
    layout.write_table(ws, HEADER_ROW, 1, header_row, rows, limits=limits)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    layout.print_setup(ws, HEADER_ROW, lang)
