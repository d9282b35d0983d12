"""Why each line of a plan is there: the rule that required it, then the terms that chose it."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from models import facts
from models.plan import Assignment, Plan
from models.scenario import TERMS, Scenario
from planner.model.build import BuiltModel
from planner.model.context import ModelContext
from planner.model.linear import LinearModel


def _reasons(ctx: ModelContext, m: LinearModel, chosen: np.ndarray, base: dict) -> dict:
    """Reason codes per chosen pair: the rule that required it, then the terms that chose it."""
    sc, ca = ctx.scenario, ctx.ca
    per_term = {}
    for t in TERMS:
        coef = np.zeros(ctx.n_pairs, dtype=np.int64)
        for idx, c in m.terms.get(t, []):
            sel = idx < ctx.n_pairs
            np.add.at(coef, idx[sel], c[sel])
        per_term[t] = coef
    required = {(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"}
    need_grass = ~ca.grassroots_before & (ca.service >= sc.rules.first_stop_years)
    # "fairness" names a line when it gives hardship to someone who carried less than the cohort
    # average, or gives a grassroots record; the term's reward is positive on nearly every
    # hardship line, which would say nothing.
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
        if per_term["shortage"][p] > 0:
            r.append("shortage")
        if ctx.pref_rank[p] > 0:
            r.append(f"preference:{int(ctx.pref_rank[p])}")
        gains_grass = need_grass[i] and ctx.p_kind[p] <= 1 and ctx.u_grass[ctx.p_unit[p]]
        if (per_term["fairness"][p] > 0 and below_mean[i]) or gains_grass:
            r.append("fairness")
        if per_term["development"][p] > 0:
            r.append("development")
        if ctx.cross_region[p]:
            r.append("exchange")
        if per_term["fit"][p] > 0:
            r.append("fit")
        out[p] = tuple(r)
    return out


def extract_plan(built: BuiltModel, values: np.ndarray) -> Plan:
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
