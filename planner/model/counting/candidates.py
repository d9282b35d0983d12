"""Counting checks on who may take what: demands with no candidate at all (a require lock on a
removed pair, a must-move cadre with no posting open), ``min_seats`` above the candidates, and team
needs no candidate can meet - each naming the filters that removed the cadres who are missing."""
from __future__ import annotations

import numpy as np

from models import facts
from models.scenario import Scenario
from planner.labels import (
    COMMA,
    cadre_named,
    diagnosis_text,
    ids_text,
    opening_named,
    qualification_name,
)
from planner.model.counting.items import (
    R2_FILTER_COUNT,
    HasContext,
    diagnosis_item,
    filter_name,
    holders_of,
    order_codes,
    removal_codes,
    removal_words,
    removals,
    removed_by_filter,
    why_words,
)
from planner.model.eligibility import FILTERS


def check_empty(scenario: Scenario, built: HasContext) -> list:
    """Demands with no candidate pair at all: a require lock on a pair the filters removed (R11
    with the filters that removed it), a new recruit or a rotation-due cadre with no posting open
    (R4/R6, with how many postings each filter closed). Needs only ``built.ctx``.

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
    sc, ctx = scenario, built.ctx
    elig, arrays = ctx.elig, ctx.ca
    items = []
    for lk in sc.locks:
        if lk.lock != "require" or lk.cadre_id not in arrays.index or lk.opening_id not in sc.opening_by_id:
            continue
        if ctx.pair_index(lk.cadre_id, lk.opening_id) is not None:
            continue
        cid, oid = lk.cadre_id, lk.opening_id
        fs = elig.blocking_filters(cid, oid)
        items.append(diagnosis_item(
            "R11", [cid], [oid],
            lambda lang, cid=cid, oid=oid, fs=fs: diagnosis_text(
                "check.require_lock_blocked", lang, cadre=cadre_named(sc, cid, lang),
                opening=opening_named(sc, oid, lang), why=why_words(sc, cid, oid, fs, lang)),
            codes=["R11"] + order_codes(code for code, _ in fs), check="require_lock_blocked",
            blocked=[[code, name] for code, name in fs]))
    n_post = np.bincount(ctx.pc[ctx.p_posting], minlength=len(arrays.ids))
    stuck = np.flatnonzero((arrays.recruit | arrays.rotation_due) & (n_post == 0))
    if not stuck.size:
        return items
    # Per posting opening, the first filter that closes it, for every stuck cadre at once.
    counts = {int(i): {} for i in stuck}
    for o in sc.openings:
        if o.kind != "posting":
            continue
        masks = elig.filter_masks(o)
        for i in stuck.tolist():
            f = next((FILTERS[k] for k, mk in enumerate(masks) if not mk[i]), None)
            if f is not None:
                counts[i][f] = counts[i].get(f, 0) + 1
    for i in stuck.tolist():
        cid = arrays.ids[i]
        closed = sorted(counts[i].items(), key=lambda kv: -kv[1])

        def why(lang, closed=closed):
            if not closed:
                return diagnosis_text("check.no_postings", lang)
            return diagnosis_text("check.postings_closed_by", lang, counts=COMMA[lang].join(
                diagnosis_text("check.filter_count_postings", lang, code=code, filter=filter_name(name, lang),
                               count=k) for (code, name), k in closed))

        rules = order_codes(code for (code, _), _ in closed)
        recruit = bool(arrays.recruit[i])
        years = facts.years_at_unit(sc.cadre_by_id[cid], sc.plan_year) if not recruit else 0
        items.append(diagnosis_item(
            "R4" if recruit else "R6", [cid], [],
            lambda lang, cid=cid, why=why, recruit=recruit, years=years: diagnosis_text(
                "check.recruit_no_posting" if recruit else "check.due_no_posting", lang,
                cadre=cadre_named(sc, cid, lang), years=years, why=why(lang)),
            codes=["R4" if recruit else "R6"] + rules, check="no_posting_open"))
    return items


def check_r3_min_seats(scenario: Scenario, built: HasContext) -> list:
    """R3 (+R7, R10, ...): an opening's ``min_seats`` above the cadres who may take it at all,
    with the filters that removed the others (one by one for those who pass R2, counted by
    filter for those who do not).

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
    ctx, sc, arrays, elig = built.ctx, scenario, built.ctx.ca, built.ctx.elig
    items = []
    for j, o in enumerate(sc.openings):
        available = int(ctx.pairs_by_opening[j].size)
        if o.min_seats <= available:
            continue
        masks = elig.filter_masks(o)
        r2_ok = np.logical_and.reduce(masks[:R2_FILTER_COUNT])
        every_ok = np.logical_and.reduce(masks)
        kept_off = removals(elig, o, np.flatnonzero(r2_ok & ~every_ok))
        not_eligible = [(FILTERS[k], int((~masks[k]).sum())) for k in range(R2_FILTER_COUNT) if (~masks[k]).any()]
        may = [arrays.ids[i] for i in ctx.pc[ctx.pairs_by_opening[j]].tolist()]
        oid = o.opening_id
        codes = ["R3"] + (removal_codes(kept_off) if kept_off else ["R2"] if not available and not_eligible else [])

        def wording(lang, o=o, oid=oid, available=available, may=may, kept_off=kept_off, not_eligible=not_eligible):
            text = diagnosis_text("check.min_seats", lang, opening=opening_named(sc, oid, lang),
                                  min_seats=o.min_seats, available=available)
            if may:
                text += diagnosis_text("check.who_may", lang, ids=ids_text(may, lang))
            if kept_off:
                text += diagnosis_text("check.kept_off", lang, removed=removal_words(sc, oid, kept_off, lang))
            if not_eligible and not kept_off:
                text += diagnosis_text("check.not_eligible", lang, counts=COMMA[lang].join(
                    diagnosis_text("check.filter_count_cadres", lang, code=code, filter=filter_name(name, lang),
                                   count=n) for (code, name), n in not_eligible))
            return text

        items.append(diagnosis_item(
            "R3", [cid for cid, _ in kept_off] + may, [oid], wording, codes=codes, check="min_seats",
            available=available, min_seats=o.min_seats, removed=removed_by_filter(kept_off)))
    return items


def check_r9_team_needs(scenario: Scenario, built: HasContext) -> list:
    """R9: an opening that must be staffed (min_seats > 0 or a require lock) whose team need
    ``CODE:k`` cannot be met - fewer than k of the cadres who may take it qualify, or k > seats;
    the holders of CODE whom the filters keep off are named with the filters that removed them.

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
    ctx, sc, arrays, elig = built.ctx, scenario, built.ctx.ca, built.ctx.elig
    locked = {lk.opening_id for lk in sc.locks if lk.lock == "require"}
    items = []
    for j, o in enumerate(sc.openings):
        if not o.team_needs or (o.min_seats == 0 and o.opening_id not in locked):
            continue
        candidates = ctx.pc[ctx.pairs_by_opening[j]]
        for code, need in o.team_needs:
            qualified = holders_of(arrays, code, candidates)
            count = int(qualified.sum())
            if count >= need and need <= o.seats:
                continue
            who = [arrays.ids[i] for i in candidates[qualified].tolist()]
            holders = np.flatnonzero(holders_of(arrays, code))
            kept_off = removals(elig, o, np.setdiff1d(holders, candidates))
            forced = ["R3" if o.min_seats else "R11"]
            oid = o.opening_id

            def wording(lang, o=o, oid=oid, code=code, need=need, count=count, who=who, kept_off=kept_off,
                        holders=holders):
                forced_words = (diagnosis_text("check.forced_min_seats", lang, min_seats=o.min_seats) if o.min_seats
                                else diagnosis_text("check.forced_lock", lang))
                text = diagnosis_text("check.team_need", lang, opening=opening_named(sc, oid, lang),
                                      forced=forced_words, need=need, code=qualification_name(code, lang),
                                      qualified=count)
                if who:
                    text += diagnosis_text("check.who_may", lang, ids=ids_text(who, lang))
                if need > o.seats:
                    text += diagnosis_text("check.team_need_seats", lang, seats=o.seats)
                if kept_off:
                    text += diagnosis_text("check.holders_kept_off", lang, code=qualification_name(code, lang),
                                           removed=removal_words(sc, oid, kept_off, lang))
                elif not holders.size:
                    text += diagnosis_text("check.no_holders", lang, code=qualification_name(code, lang))
                return text

            items.append(diagnosis_item(
                "R9", who + [cid for cid, _ in kept_off], [oid], wording,
                codes=["R9"] + forced + removal_codes(kept_off), check="team_needs", code=code, need=need,
                qualified=count, removed=removed_by_filter(kept_off)))
    return items


