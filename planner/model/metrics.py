"""The metrics of SPEC 6, computed from a plan and its scenario (the checker recomputes them
independently in ``planner/check.py``)."""
from __future__ import annotations

from models import facts
from models.plan import Plan
from models.scenario import Scenario


def gini(values) -> float:
    """sum_i sum_j |p_i - p_j| / (2 n^2 mean p); 0 when all are 0. O(n log n) via sorting."""
    p = sorted(values)
    n = len(p)
    total = sum(p)
    if n == 0 or total == 0:
        return 0.0
    # sum_{i<j} (p_j - p_i) over sorted values = sum_k p_k * (2k - n + 1)
    acc = sum(v * (2 * k - n + 1) for k, v in enumerate(p))
    return (2 * acc) / (2 * n * total)


def total_points(scenario: Scenario, plan: Plan) -> dict:
    """cadre_id -> historical points + the plan's points."""
    by = plan.by_cadre()
    return {c.cadre_id: facts.historical_points(scenario, c)
            + facts.plan_points(scenario, [a.opening_id for a in by.get(c.cadre_id, [])])
            for c in scenario.cadres}


def compute_metrics(scenario: Scenario, plan: Plan, points: dict | None = None) -> dict:
    sc = scenario
    by_cadre = plan.by_cadre()
    by_opening = plan.by_opening()
    points = points if points is not None else total_points(sc, plan)
    pts = list(points.values())
    units = sc.unit_by_id
    cross = 0
    sending, receiving = set(), set()
    for a in plan.assignments:
        if a.kind != "posting":
            continue
        c = sc.cadre_by_id[a.cadre_id]
        if c.unit_id is None:
            continue
        src, dst = units[c.unit_id].region_id, units[a.unit_id].region_id
        if src != dst:
            cross += 1
            sending.add(src)
            receiving.add(dst)
    no_grass = sum(
        1 for c in sc.cadres
        if facts.service_years(c, sc.plan_year) >= sc.rules.first_stop_years
        and not facts.grassroots_record_after(sc, c, [a.opening_id for a in by_cadre.get(c.cadre_id, [])]))
    prefs = sc.preference_rank
    fit = sc.fit_score
    return {
        "assignments": len(plan.assignments),
        "postings": sum(1 for a in plan.assignments if a.kind == "posting"),
        "seats_filled": sum(min(len(by_opening.get(o.opening_id, [])), o.seats) for o in sc.openings),
        "seats_total": sum(o.seats for o in sc.openings),
        "min_seats_unmet": sum(max(0, o.min_seats - len(by_opening.get(o.opening_id, []))) for o in sc.openings),
        "hardship_max": max(pts) if pts else 0,
        "hardship_gini": gini(pts),
        "no_grassroots_after": no_grass,
        "cross_region_postings": cross,
        "regions_sending": len(sending),
        "regions_receiving": len(receiving),
        "preference_met": sum(1 for a in plan.assignments if (a.cadre_id, a.opening_id) in prefs),
        "talent_pool_development": sum(sc.opening_by_id[a.opening_id].development for a in plan.assignments
                                       if sc.cadre_by_id[a.cadre_id].talent_pool),
        "fit_total": sum(fit.get((a.cadre_id, a.opening_id), 0) for a in plan.assignments),
    }
