"""Counting checks on seats: more new recruits (R4) or rotation-due cadres (R6) than the posting
seats open to them."""
from __future__ import annotations

import numpy as np

from models.scenario import Scenario
from planner.labels import COMMA, diagnosis_text, ids_text
from planner.model.counting.items import HasContext, diagnosis_item


def _seat_list(scenario: Scenario, opening_indices: list, lang: str, limit: int) -> str:
    return COMMA[lang].join(diagnosis_text("check.seats_of", lang, opening=scenario.openings[j].opening_id,
                                           seats=scenario.openings[j].seats) for j in opening_indices[:limit])


def check_r4_recruits(scenario: Scenario, built: HasContext) -> list:
    """R4: more new recruits than seats of grassroots postings open to them.

    Parameters
    ----------
    scenario : Scenario
    built : HasContext
        The built model, or anything holding its ``ctx`` (the candidate pairs).

    Returns
    -------
    list of dict
        Diagnosis items (``diagnosis_item``), empty when the count holds.
    """
    ctx, sc, arrays = built.ctx, scenario, built.ctx.ca
    recruits = np.flatnonzero(arrays.recruit)
    if not recruits.size:
        return []
    sel = ctx.p_posting & arrays.recruit[ctx.pc]
    opens = sorted(set(ctx.po[sel].tolist()))
    seats = sum(sc.openings[j].seats for j in opens)
    if recruits.size <= seats:
        return []
    ids = [arrays.ids[i] for i in recruits]

    def wording(lang):
        text = diagnosis_text("check.recruits_vs_grassroots", lang, count=recruits.size, ids=ids_text(ids, lang),
                              seats=seats)
        if opens:
            text += diagnosis_text("check.seats_list", lang, seats=_seat_list(sc, opens, lang, 10))
        return text

    return [diagnosis_item("R4", ids, [sc.openings[j].opening_id for j in opens], wording, codes=["R4", "R3"],
                           check="recruits_vs_grassroots", deficit=int(recruits.size - seats))]


def check_r6_due(scenario: Scenario, built: HasContext) -> list:
    """R6: more rotation-due cadres than seats of the postings open to them.

    Parameters
    ----------
    scenario : Scenario
    built : HasContext
        The built model, or anything holding its ``ctx`` (the candidate pairs).

    Returns
    -------
    list of dict
        Diagnosis items (``diagnosis_item``), empty when the count holds.
    """
    ctx, sc, arrays = built.ctx, scenario, built.ctx.ca
    due = np.flatnonzero(arrays.rotation_due & ~arrays.recruit)
    if not due.size:
        return []
    sel = ctx.p_posting & arrays.rotation_due[ctx.pc] & ~arrays.recruit[ctx.pc]
    opens = sorted(set(ctx.po[sel].tolist()))
    seats = sum(sc.openings[j].seats for j in opens)
    if due.size <= seats:
        return []
    ids = [arrays.ids[i] for i in due]
    return [diagnosis_item(
        "R6", ids, [sc.openings[j].opening_id for j in opens],
        lambda lang: diagnosis_text("check.due_vs_seats", lang, years=sc.rules.max_tenure_years, count=due.size,
                                    ids=ids_text(ids, lang), seats=seats),
        codes=["R6", "R3"], check="due_vs_seats", deficit=int(due.size - seats))]


