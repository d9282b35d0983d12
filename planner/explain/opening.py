"""Explain one opening: who took it and why, who else could have taken it and what it would cost
(verified, ``resolve``), and who is kept off by which rule."""
from __future__ import annotations

import time

import numpy as np

from models.scenario import Scenario
from planner.explain.cadre import basis, finish_alternative, line_entry
from planner.explain.objective import ObjectiveView, load_plan
from planner.explain.resolve import evaluate_alternatives, plan_standing
from planner.explain.why_not import filter_blocks, plan_conflicts, team_block
from planner.labels import policy_text
from planner.labels.explain import filter_words_short, with_source


def _ineligible(scenario: Scenario, elig, opening, lang: str) -> list:
    """How many cadres each candidate filter keeps off the opening (a cadre may count under several)."""
    from planner.model.eligibility import FILTERS
    out = []
    for (code, name), mask in zip(FILTERS, elig.filter_masks(opening)):
        off = np.flatnonzero(~mask)
        if off.size:
            ids = [elig.ca.ids[i] for i in off.tolist()]
            words = filter_words_short(name, lang)
            out.append({"code": code, "filter": name, "count": int(off.size), "examples": ids[:10],
                        "text": with_source(f"{code} {words}", code, scenario, lang),
                        "source": policy_text(code, scenario, lang)})
    return out


def explain_opening(scenario: Scenario, plan, opening_id: str, lang: str = "zh", max_resolves: int = 5,
                    resolve_time: float = 5.0, solver: str = "cpsat", workers: int | None = None,
                    built=None, best_bound: float | None = None) -> dict:
    """Who took an opening and why, and for every other cadre why not or what it would cost.

    Parameters are those of ``explain_cadre``, with ``opening_id`` for the cadre.

    Returns
    -------
    dict
        ``opening`` (its facts), ``lines`` (who took it, with reasons in words), ``alternatives``
        (every other cadre: ``cadre_id``, ``status`` ``blocked``/``resolved``/``bound``, ``rule``,
        ``delta``, ``text``), ``ineligible`` (how many each filter keeps off) and ``basis``.
    """
    plan, summary = load_plan(plan)
    sc = scenario
    if opening_id not in sc.opening_by_id:
        raise KeyError(f"unknown opening {opening_id}")
    t0 = time.perf_counter()
    o = sc.opening_by_id[opening_id]
    unit = sc.unit_by_id[o.unit_id]
    view = ObjectiveView(sc, built)
    elig = view.ctx.elig
    standing = plan_standing(view, plan, summary, best_bound)
    takers = [a for a in plan.assignments if a.opening_id == opening_id]
    taken = {a.cadre_id for a in takers}
    candidates = {view.ctx.ca.ids[i] for i in view.ctx.pc[view.ctx.pairs_by_opening[view.ctx.opening_index[opening_id]]]
                  .tolist()}
    blocked, open_alts = [], []
    for c in sc.cadres:
        if c.cadre_id in taken:
            continue
        alt = {"cadre_id": c.cadre_id, "opening_id": opening_id, "name": c.name}
        rules = ([] if c.cadre_id in candidates else filter_blocks(sc, elig, c.cadre_id, opening_id, lang)) \
            or team_block(sc, c.cadre_id, opening_id, lang)
        if rules:
            alt.update(status="blocked", method="filter", delta=None, rules=rules)
            blocked.append(alt)
        else:
            alt["rules"] = plan_conflicts(sc, plan, c.cadre_id, opening_id, lang)
            open_alts.append(alt)
    policy = evaluate_alternatives(view, plan, standing, open_alts, max_resolves, resolve_time, solver, workers)
    alternatives = open_alts + blocked
    for alt in alternatives:
        finish_alternative(alt, standing, sc, lang)
    facts_of_opening = {
        "opening_id": opening_id, "name": o.name, "kind": o.kind, "unit_id": o.unit_id, "unit_name": unit.name,
        "months": [o.start_month, o.end_month], "seats": o.seats, "min_seats": o.min_seats,
        "hardship": sc.opening_hardship(o), "points": sc.opening_points(o), "development": o.development,
        "team_needs": [list(t) for t in o.team_needs], "key_shortage": unit.key_shortage,
        "grassroots": unit.grassroots}
    return {"opening": facts_of_opening,
            "lines": [line_entry(sc, plan, view, a, lang) for a in takers],
            "alternatives": alternatives,
            "ineligible": _ineligible(sc, elig, o, lang),
            "basis": basis(standing, policy, lang, time.perf_counter() - t0)}
