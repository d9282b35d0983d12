"""The metrics of SPEC 6, recomputed from the plan rows, and their comparison with summary.json."""
from __future__ import annotations

import math
from collections.abc import Iterable

from models import facts
from models.scenario import Scenario
from planner.check.findings import MetricDiff
from planner.check.plan_view import PlanView, as_rows, opening_points, unit_region

INT_METRICS = ("assignments", "postings", "seats_filled", "seats_total", "min_seats_unmet", "hardship_max",
               "no_grassroots_after", "cross_region_postings", "regions_sending", "regions_receiving",
               "preference_met", "talent_pool_development", "fit_total")
FLOAT_METRICS = ("hardship_gini",)
METRICS = INT_METRICS[:6] + FLOAT_METRICS + INT_METRICS[6:]   # SPEC 6 order
FLOAT_TOLERANCE = 1e-6


def gini(values: Iterable) -> float:
    """Σ_i Σ_j |p_i − p_j| / (2 n² mean p); 0 when all are 0 (or there are none).

    Uses the sorted form Σ_k (2k − n + 1) p_(k) / (n Σ p), exact in integers until the
    last division, so that it is O(n log n) at province size.
    """
    p = sorted(values)
    n, total = len(p), sum(p)
    if n == 0 or total == 0:
        return 0.0
    return sum((2 * k - n + 1) * v for k, v in enumerate(p)) / (n * total)


def view_of(scenario: Scenario, rows) -> PlanView:
    """A PlanView of ``rows`` (returned as is when it already is one)."""
    return rows if isinstance(rows, PlanView) else PlanView(scenario, as_rows(rows))


def total_points(scenario: Scenario, rows) -> dict:
    """cadre_id -> historical points (SPEC 3.2) plus the points of the plan's assignments."""
    plan = view_of(scenario, rows)
    return {cadre.cadre_id: facts.historical_points(scenario, cadre)
            + sum(opening_points(scenario, o) for o in plan.by_cadre.get(cadre.cadre_id, ()))
            for cadre in scenario.cadres}


def cross_region_postings(scenario: Scenario, plan: PlanView) -> list:
    """(from region, to region) of every posting that crosses regions (SPEC 6: the region of the
    cadre's current unit differs from the posting unit's; new recruits are left out)."""
    out = []
    for cadre_id, openings in plan.by_cadre.items():
        cadre = scenario.cadre_by_id[cadre_id]
        if cadre.unit_id is None:
            continue
        origin = unit_region(scenario, cadre.unit_id)
        for o in openings:
            target = unit_region(scenario, o.unit_id)
            if o.kind == "posting" and target != origin:
                out.append((origin, target))
    return out


def recompute_metrics(scenario: Scenario, rows) -> dict:
    """The metrics of SPEC 6, recomputed from the plan rows that name a known cadre and opening."""
    sc = scenario
    plan = view_of(sc, rows)
    assigned = {o.opening_id: len(plan.by_opening.get(o.opening_id, ())) for o in sc.openings}
    points = total_points(sc, plan)

    no_grassroots_after = 0
    for cadre in sc.cadres:
        if facts.service_years(cadre, sc.plan_year) < sc.rules.first_stop_years:
            continue
        record = facts.grassroots_record(sc, cadre) or any(
            o.kind in ("posting", "temporary") and sc.unit_by_id[o.unit_id].grassroots
            for o in plan.by_cadre.get(cadre.cadre_id, ()))
        if not record:
            no_grassroots_after += 1

    crossings = cross_region_postings(sc, plan)
    pairs = plan.pairs
    return {
        "assignments": len(pairs),
        "postings": sum(1 for _, oid in pairs if sc.opening_by_id[oid].kind == "posting"),
        "seats_filled": sum(min(assigned[o.opening_id], o.seats) for o in sc.openings),
        "seats_total": sum(o.seats for o in sc.openings),
        "min_seats_unmet": sum(max(0, o.min_seats - assigned[o.opening_id]) for o in sc.openings),
        "hardship_max": max(points.values(), default=0),
        "hardship_gini": gini(points.values()),
        "no_grassroots_after": no_grassroots_after,
        "cross_region_postings": len(crossings),
        "regions_sending": len({origin for origin, _ in crossings}),
        "regions_receiving": len({target for _, target in crossings}),
        "preference_met": sum(1 for pair in pairs if pair in sc.preference_rank),
        "talent_pool_development": sum(sc.opening_by_id[oid].development for cid, oid in pairs
                                       if sc.cadre_by_id[cid].talent_pool),
        "fit_total": sum(sc.fit_score.get(pair, 0) for pair in pairs),
    }


def compare_metrics(reported: dict, recomputed: dict) -> list:
    """Metric differences: integers must match exactly, floats within 1e-6."""
    diffs = []
    for name in METRICS:
        ours = recomputed[name]
        theirs = reported.get(name)
        if theirs is None:
            diffs.append(MetricDiff(name, None, ours))
            continue
        if isinstance(theirs, bool) or not isinstance(theirs, (int, float)):
            diffs.append(MetricDiff(name, theirs, ours))
            continue
        if name in FLOAT_METRICS:
            same = math.isfinite(theirs) and abs(theirs - ours) <= FLOAT_TOLERANCE
        else:
            same = theirs == ours
        if not same:
            diffs.append(MetricDiff(name, theirs, ours))
    return diffs
