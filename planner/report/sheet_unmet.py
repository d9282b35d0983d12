"""未满足: openings below their seats or min_seats, with how many cadres could take them and
which eligibility filters keep the others off (the filters of ``planner.model.eligibility``, the
same the diagnosis uses)."""
from __future__ import annotations

import logging

import numpy as np

import planner.report.layout as layout
from planner import labels as L
from planner.labels.report import UNMET_HEADERS, headers, report_text, sheet_title
from planner.model.eligibility import FILTERS, Eligibility, cadre_arrays
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import unmet_openings
from planner.report.styles import WARN_FILL

log = logging.getLogger(__name__)

DETAIL_LIMIT = 500   # openings analysed in full (those below min_seats come first)
WIDTHS = (5, 24, 14, 9, 6, 6, 6, 6, 7, 7, 48)
HEADER_ROW = 2


def _why(f: PlanFacts, eligibility, opening, assigned: int) -> tuple:
    """(eligible cadres, why in words) for an opening left below its seats.

    How many cadres pass every filter, and which filters keep most of the others off. Of the
    eligible, it counts those the plan sent elsewhere (another posting for a posting opening, an
    overlapping time away for the others); the rest were left where they are because the
    weighed terms preferred it.
    """
    sc = f.sc
    masks = eligibility.filter_masks(opening)
    ok = np.logical_and.reduce(masks) if masks else np.ones(len(sc.cadres), dtype=bool)
    eligible = [eligibility.ca.ids[i] for i in np.flatnonzero(ok)]
    here = {a.cadre_id for a in f.by_opening.get(opening.opening_id, ())}
    free = [cid for cid in eligible if cid not in here]
    elsewhere = 0
    for cid in free:
        mine = f.by_cadre.get(cid, ())
        if opening.kind == "posting":
            busy = any(a.kind == "posting" for a in mine)
        else:
            busy = any(a.kind != "posting" and not (a.end_month < opening.start_month
                                                    or opening.end_month < a.start_month) for a in mine)
        elsewhere += busy
    fails = sorted(((int((~m).sum()), name) for (_, name), m in zip(FILTERS, masks) if (~m).any()),
                   key=lambda t: (-t[0], t[1]))
    words = L.FILTER_ZH if f.lang == "zh" else L.FILTER_EN
    top = f.text("sep").join(f.text("unmet_filter", filter=words.get(name, name), k=k) for k, name in fails[:3])
    missing = opening.seats - assigned
    parts = []
    if not eligible:
        parts.append(f.text("unmet_none_eligible"))
    elif len(free) < missing:
        parts.append(f.text("unmet_few_eligible", k=len(eligible)))
    if top and (not eligible or len(free) < missing):
        parts.append(f.text("unmet_filters", filters=top))
    if free:
        if elsewhere:
            parts.append(f.text("unmet_elsewhere", k=elsewhere))
        if len(free) - elsewhere > 0:
            parts.append(f.text("unmet_left", k=len(free) - elsewhere))
    if opening.min_seats > assigned:
        parts.insert(0, f.text("unmet_below_min", k=opening.min_seats))
    return len(eligible), f.text("semi").join(parts)


def _eligibility_masks(sc):
    """The model's eligibility filters, without building its whole candidate list.

    ``Eligibility`` computes every opening's candidates up front (a minute at national size);
    this sheet needs only the openings left unfilled. Should the class change shape, the full
    constructor is used instead.
    """

    class MasksOnly(Eligibility):
        def __init__(self, scenario):       # skips the candidate list on purpose
            self.scenario = scenario
            self.ca = cadre_arrays(scenario)
            self._no_return = self._no_return_by_unit()
            self._forbid = self._forbid_by_opening()

    try:
        masks = MasksOnly(sc)
        masks.filter_masks(sc.openings[0])
        return masks
    except Exception as err:                 # pragma: no cover - only if eligibility.py changes
        log.debug("falling back to the full Eligibility: %s", err)
        return Eligibility(sc)


def add_unmet_sheet(wb, f: PlanFacts) -> None:
    """Add 未满足 to ``wb``: one row per opening left below its seats, those below min_seats first."""
    sc, lang = f.sc, f.lang
    ws = wb.create_sheet(sheet_title("unmet", lang))
    header_row = headers(UNMET_HEADERS, lang)
    layout.sheet_title(ws, report_text("unmet_title", lang, name=sc.name), len(header_row))
    items = unmet_openings(f)
    eligibility = _eligibility_masks(sc) if items else None
    rows = []
    for i, (o, n) in enumerate(items):
        unit = sc.unit_by_id[o.unit_id]
        if i < DETAIL_LIMIT:
            k, why = _why(f, eligibility, o, n)
        else:
            k, why = None, f.text("unmet_only_first", limit=DETAIL_LIMIT)
        rows.append([i + 1, o.name, unit.name, f.opening_type(o), o.seats, o.min_seats, n, o.seats - n,
                     max(0, o.min_seats - n), k, why])
    layout.write_table(ws, HEADER_ROW, 1, header_row, rows, widths=dict(enumerate(WIDTHS)), centre={3})
    for i, r in enumerate(rows):
        if r[8] > 0:
            for j in range(len(header_row)):
                ws.cell(row=HEADER_ROW + 1 + i, column=1 + j).fill = WARN_FILL
    if not rows:
        layout.paragraph(ws, HEADER_ROW + 1, f.text("unmet_all_filled"), len(header_row))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    layout.print_setup(ws, HEADER_ROW, lang)
