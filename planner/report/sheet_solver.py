"""附录一 计算信息: the technical facts of the plan for whoever checks it — status, objective,
bound, gap, solver, seed, hashes, the weights and every term's value, the metrics of summary.json."""
from __future__ import annotations

import datetime as dt

import planner.report.layout as layout
from planner import labels as L
from planner.labels.report import (
    METRIC_TABLE_HEADERS,
    SOLVER_WORDS,
    TERM_TABLE_HEADERS,
    headers,
    report_text,
    sheet_title,
    term_name,
)
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import PlanFigures
from planner.report.styles import WARN_FILL

WIDTHS = (30, 30, 16, 34)


def add_solver_sheet(wb, f: PlanFacts, fig: PlanFigures, summary: dict) -> None:
    """Add 附录一 to ``wb``."""
    sc, lang = f.sc, f.lang

    def say(key, **values):
        return report_text(key, lang, SOLVER_WORDS, **values)

    ws = wb.create_sheet(sheet_title("solver", lang))
    layout.set_widths(ws, dict(enumerate(WIDTHS, start=1)))
    layout.sheet_title(ws, say("title", name=sc.name), len(WIDTHS))
    sha = summary.get("scenario_sha256") or ""
    same = not sc.sha256 or not sha or sha == sc.sha256
    gap = summary.get("gap")
    seconds = (summary.get("build_seconds") or 0) + (summary.get("solve_seconds") or 0)
    key = [
        (say("scenario"), sc.name),
        (say("year"), sc.plan_year),
        (say("status"), str(summary.get("status", ""))),
        (say("objective"), summary.get("objective")),
        (say("bound"), summary.get("best_bound")),
        (say("gap"), gap if isinstance(gap, (int, float)) else "-"),
        (say("solver"), str(summary.get("solver", ""))),
        (say("seed"), summary.get("seed")),
        (say("workers"), summary.get("workers", "")),
        (say("seconds"), round(seconds, 2)),
        (say("sha"), sha + ("" if same else say("sha_mismatch"))),
        (say("plan_sha"), str(summary.get("plan_sha256") or "-")),
        (say("sizes"), f"{len(sc.cadres)} / {len(sc.units)} / {len(sc.openings)}"),
        (say("check"), say("check_bad", k=fig.violations) if fig.violations else say("check_ok")),
        (say("date"), dt.date.today().isoformat()),
    ]
    end = layout.key_block(ws, 3, key, 1, 3, number_formats={5: "0.000%"})
    layout.fit_block_heights(ws, 3, end - 1, 1, 3)
    if not same:
        ws.cell(row=3 + 10, column=2).fill = WARN_FILL
    row = layout.paragraph(ws, end + 1, say("terms"), 4, "pp_section")
    weights, terms = summary.get("weights") or {}, summary.get("terms") or {}
    term_rows = [[term_name(t, lang), t, weights.get(t, ""), terms.get(t, "")] for t in L.TERM_ZH]
    layout.write_table(ws, row, 1, headers(TERM_TABLE_HEADERS, lang), term_rows, widths=dict(enumerate(WIDTHS)))
    row = layout.paragraph(ws, row + len(term_rows) + 2, say("metrics"), 4, "pp_section")
    metrics = summary.get("metrics") or {}
    metric_rows = [[name if lang == "zh" else code, code, round(metrics[code], 4)
                    if isinstance(metrics[code], float) else metrics[code]]
                   for code, name in L.METRIC_ZH.items() if code in metrics]
    layout.write_table(ws, row, 1, headers(METRIC_TABLE_HEADERS, lang), metric_rows,
                       widths=dict(enumerate(WIDTHS)))
    layout.print_setup(ws, None, lang, portrait=True)
