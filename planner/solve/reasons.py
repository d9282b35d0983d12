"""Why each line of a plan is there: the rule that required it, then the terms that chose it.

``pair_term_coefficients`` is the one place that reads what each candidate pair adds to each
term by itself; the reasons here and ``planner.explain`` (what a line adds, what a switch is
worth) both use it.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from models import facts
from models.plan import Assignment, Plan
from models.scenario import TERMS, Scenario
from planner.model.build import BuiltModel
from planner.model.context import ModelContext
from planner.model.linear import LinearModel


def pair_term_coefficients(model: LinearModel) -> dict[str, np.ndarray]:
    """What each candidate pair adds to each term by itself, before weighting.

    Parameters
    ----------
    model : the built ``LinearModel``; variables ``0 .. n_pairs - 1`` are the pairs.

    Returns
    -------
    dict
        term -> int64 array of length ``model.n_pairs``: the sum of the term's coefficients on
        the pair's variable (a term's auxiliary variables, such as a region that sends or a
        grassroots record gained, are left out: they belong to no single pair).
    """
    n = model.n_pairs
    out = {}
    for term in TERMS:
        coef = np.zeros(n, dtype=np.int64)
        for idx, c in model.terms.get(term, []):
            sel = idx < n
            np.add.at(coef, idx[sel], c[sel])
        out[term] = coef
    return out


def _reasons(ctx: ModelContext, m: LinearModel, chosen: np.ndarray, base: dict) -> dict:
    """Reason codes per chosen pair: the rule that required it, then the terms that chose it.

    A term is named only when its weight is above 0 and the line adds to it (issue 12): a term
    switched off chose nothing, and a term the line does not raise did not choose it.
    """
    sc, ca = ctx.scenario, ctx.ca
    weights = sc.weights.as_dict()
    per_term = pair_term_coefficients(m)
    on = {t: weights.get(t, 0) > 0 for t in TERMS}
    required = {(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"}
    need_grass = ~ca.grassroots_before & (ca.service >= sc.rules.first_stop_years)
    # "fairness" names a line when it gives hardship to someone who carried less than the cohort
    # average, or gives a grassroots record (worth a reward of its own through the term's
    # auxiliary variable); the term's reward is positive on nearly every hardship line, which
    # would say nothing.
    below_mean = ca.hist_points < (ca.hist_points.mean() if ca.hist_points.size else 0)
    out = {}
    for p in chosen.tolist():
        i, j = int(ctx.pc[p]), int(ctx.po[p])
        cid, o = ca.ids[i], sc.openings[j]
        r = []
        if ctx.p_posting[p] and ca.recruit[i]:
            r.append("R4")
        if ctx.p_posting[p] and ca.rotation_due[i] and not ca.recruit[i]:
            r.append("R6")
        if ctx.p_posting[p]:
            cur = sc.cadre_by_id[cid].unit_id
            # R7 required the move when a partner stays based in the unit we share.
            if cur is not None and any(sc.cadre_by_id[other].unit_id == cur and base.get(other) == cur
                                       for other, _ in sc.partners.get(cid, ())):
                r.append("R7")
        if (cid, o.opening_id) in required:
            r.append("lock")
        if on["shortage"] and per_term["shortage"][p] > 0:
            r.append("shortage")
        if on["preference"] and per_term["preference"][p] > 0 and ctx.pref_rank[p] > 0:
            r.append(f"preference:{int(ctx.pref_rank[p])}")
        gains_grass = need_grass[i] and ctx.p_kind[p] <= 1 and ctx.u_grass[ctx.p_unit[p]]
        if on["fairness"] and ((per_term["fairness"][p] > 0 and below_mean[i]) or gains_grass):
            r.append("fairness")
        if on["development"] and per_term["development"][p] > 0:
            r.append("development")
        if on["exchange"] and ctx.cross_region[p] and per_term["exchange"][p] > 0:
            r.append("exchange")
        if on["fit"] and per_term["fit"][p] > 0:
            r.append("fit")
        out[p] = tuple(r)
    return out


def extract_plan(built: BuiltModel, values: np.ndarray) -> Plan:
    """The plan of a solution: one assignment per chosen pair, with its reason codes.

    Parameters
    ----------
    built : the built model the values belong to.
    values : one value per model variable (pairs first).

    Returns
    -------
    Plan
        Assignments in pair order, each with ``reasons`` (rule codes first, then terms).
    """
    ctx, m = built.ctx, built.model
    chosen = np.flatnonzero(values[: ctx.n_pairs] > 0)
    rows = []
    for p in chosen.tolist():
        o = ctx.scenario.openings[ctx.po[p]]
        rows.append(Assignment(ctx.ca.ids[ctx.pc[p]], o.opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    # Reasons need the whole plan: where each cadre is based after it (R7).
    reasons = _reasons(ctx, m, chosen, facts.based_after(ctx.scenario, Plan(tuple(rows))))
    plan = Plan(tuple(replace(a, reasons=reasons[p]) for a, p in zip(rows, chosen.tolist())))
    # R3 (a holder needed for min_seats) and R9 (one of exactly k meeting a team need) depend on
    # the whole plan: they go after the per-line rule codes and before the terms.
    extra = required_codes(ctx.scenario, plan)
    if not extra:
        return plan
    rule_codes = {"R4", "R6", "R7", "lock"}

    def merged(a):
        add = extra.get((a.cadre_id, a.opening_id), ())
        head = [r for r in a.reasons if r in rule_codes]
        tail = [r for r in a.reasons if r not in rule_codes]
        return tuple(head + list(add) + tail)
    return Plan(tuple(replace(a, reasons=merged(a)) for a in plan.assignments))


def required_codes(scenario: Scenario, plan: Plan) -> dict:
    """Rule codes that required a line beyond R4/R6/R7/lock, for ``solve._reasons`` to append:
    ``R3`` when the opening has ``min_seats`` and holds no more than that (every holder is needed),
    ``R9`` when the holder is one of exactly k on the team meeting a team need ``CODE:k``.
    Returns {(cadre_id, opening_id): (codes...)}; pairs with nothing to add are left out."""
    sc = scenario
    out: dict = {}
    for oid, rows in plan.by_opening().items():
        o = sc.opening_by_id[oid]
        codes = {a.cadre_id: [] for a in rows}
        if o.min_seats and len(rows) <= o.min_seats:
            for a in rows:
                codes[a.cadre_id].append("R3")
        for code, k in o.team_needs:
            qual = [a.cadre_id for a in rows if sc.cadre_by_id[a.cadre_id].specialty == code
                    or code in sc.cadre_by_id[a.cadre_id].certificates]
            if len(qual) == k:
                for cid in qual:
                    if "R9" not in codes[cid]:
                        codes[cid].append("R9")
        for cid, cs in codes.items():
            if cs:
                out[(cid, oid)] = tuple(cs)
    return out
