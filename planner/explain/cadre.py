"""Explain one cadre: the facts the rules use, each line given and why, the path, and every other
opening - ruled out by a hard rule, or what taking it would cost, verified (``resolve``)."""
from __future__ import annotations

import time

from models import facts
from models.plan import Plan
from models.scenario import Scenario
from planner.explain.line_reasons import reason_words
from planner.explain.objective import ObjectiveView, load_plan
from planner.explain.path import cadre_path
from planner.explain.render import alternative_text
from planner.explain.resolve import evaluate_alternatives, plan_standing
from planner.explain.why_not import filter_blocks, plan_conflicts, team_block


def cadre_facts(scenario: Scenario, plan: Plan, cadre_id: str) -> dict:
    """The facts of SPEC 3 that the rules use, before and after the plan (``models.facts``)."""
    sc = scenario
    c = sc.cadre_by_id[cadre_id]
    y = sc.plan_year
    mine = [a.opening_id for a in plan.assignments if a.cadre_id == cadre_id]
    hist = facts.historical_points(sc, c)
    added = facts.plan_points(sc, mine)
    base = facts.based_after(sc, plan)
    unit = sc.unit_by_id.get(c.unit_id) if c.unit_id else None
    return {
        "cadre_id": cadre_id, "name": c.name, "gender": c.gender, "age": facts.age(c, y),
        "rank": c.rank, "post_type": c.post_type, "specialty": c.specialty, "education": c.education,
        "certificates": sorted(c.certificates), "rating": c.rating, "talent_pool": c.talent_pool,
        "exempt": c.exempt, "recruit": c.is_recruit,
        "unit_id": c.unit_id, "unit_name": unit.name if unit else None,
        "region": unit.region_id if unit else None, "home_region": c.home_region,
        "service_years": facts.service_years(c, y), "years_at_unit": facts.years_at_unit(c, y),
        "grassroots_record": facts.grassroots_record(sc, c),
        "grassroots_record_after": facts.grassroots_record_after(sc, c, mine),
        "points_before": hist, "points_plan": added, "points_after": hist + added,
        "rotation_due": facts.rotation_due(sc, c),
        "first_stop_restricted": facts.first_stop_restricted(sc, c),
        "no_return_units": sorted(facts.no_return_units(sc, c)),
        "based_after": base.get(cadre_id),
        "relations": [{"cadre_id": other, "name": sc.cadre_by_id[other].name, "relation": rel,
                       "based_before": sc.cadre_by_id[other].unit_id, "based_after": base.get(other)}
                      for other, rel in sc.partners.get(cadre_id, ())],
    }


def line_entry(scenario: Scenario, plan: Plan, view: ObjectiveView, assignment, lang: str) -> dict:
    """One line of the plan with its reasons in words and what it adds to each term that counts."""
    sc = scenario
    a = assignment
    o = sc.opening_by_id[a.opening_id]
    p = view.pair(a.cadre_id, a.opening_id)
    return {"cadre_id": a.cadre_id, "name": sc.cadre_by_id[a.cadre_id].name,
            "opening_id": a.opening_id, "opening_name": o.name, "kind": a.kind, "unit_id": a.unit_id,
            "unit_name": sc.unit_by_id[a.unit_id].name, "months": [a.start_month, a.end_month],
            "points": sc.opening_points(o), "reasons": list(a.reasons),
            "reasons_text": [reason_words(sc, plan, a.cadre_id, a.opening_id, r, lang) for r in a.reasons],
            "terms": view.pair_terms(p) if p is not None else {}}


def explain_cadre(scenario: Scenario, plan, cadre_id: str, lang: str = "zh", max_resolves: int = 5,
                  resolve_time: float = 5.0, solver: str = "cpsat", workers: int | None = None,
                  built=None, best_bound: float | None = None) -> dict:
    """Everything about one cadre's place in the plan, as a dict.

    Parameters
    ----------
    scenario : the scenario the plan was made for.
    plan : a ``models.Plan``, a list of assignments, or a plan folder (plan.csv, summary.json).
    cadre_id : the cadre.
    lang : ``zh`` or ``en`` for the words (codes are always given).
    max_resolves : how many alternatives to re-solve with the pair forced, in the order of their
        proven bound (likely cheapest first); 0 for none.
    resolve_time : time limit of each re-solve, seconds.
    built : the scenario's built model, to save building it again.
    best_bound : a proven upper bound on the objective (``Result.best_bound``) when ``plan`` is
        not a folder whose summary.json gives it.

    Returns
    -------
    dict
        ``cadre`` (facts and ``path``), ``lines`` (each with reasons in words), ``alternatives``
        (every other opening: ``opening_id``, ``status`` ``blocked``/``resolved``/``bound``,
        ``rule``, ``delta``, ``text``; see ``planner.explain.resolve``) and ``basis`` (the plan's
        objective, whether it is proven optimal, how many were re-solved).
    """
    plan, summary = load_plan(plan)
    sc = scenario
    if cadre_id not in sc.cadre_by_id:
        raise KeyError(f"unknown cadre {cadre_id}")
    t0 = time.perf_counter()
    view = ObjectiveView(sc, built)
    elig = view.ctx.elig
    standing = plan_standing(view, plan, summary, best_bound)
    mine = [a for a in plan.assignments if a.cadre_id == cadre_id]
    given = {a.opening_id for a in mine}
    blocked, open_alts = [], []
    for o in sc.openings:
        if o.opening_id in given:
            continue
        alt = {"opening_id": o.opening_id, "cadre_id": cadre_id, "name": o.name}
        rules = filter_blocks(sc, elig, cadre_id, o.opening_id, lang) or team_block(sc, cadre_id, o.opening_id, lang)
        if rules:
            alt.update(status="blocked", method="filter", delta=None, rules=rules)
            blocked.append(alt)
        else:
            alt["rules"] = plan_conflicts(sc, plan, cadre_id, o.opening_id, lang)
            open_alts.append(alt)
    policy = evaluate_alternatives(view, plan, standing, open_alts, max_resolves, resolve_time, solver, workers)
    alternatives = open_alts + blocked
    for alt in alternatives:
        finish_alternative(alt, standing, sc, lang)
    cadre = cadre_facts(sc, plan, cadre_id)
    cadre["path"] = cadre_path(sc, plan, cadre_id)
    return {"cadre": cadre,
            "lines": [line_entry(sc, plan, view, a, lang) for a in mine],
            "alternatives": alternatives,
            "basis": basis(standing, policy, lang, time.perf_counter() - t0)}


def finish_alternative(alt: dict, standing, scenario: Scenario, lang: str) -> None:
    """Add ``rule`` (the codes named, joined by ``+``, or None) and ``text`` to an alternative."""
    codes = []
    for r in alt.get("rules", []):
        if r["code"] not in codes:
            codes.append(r["code"])
    for w in alt.get("why", []):
        for code in w["codes"]:
            if code not in codes:
                codes.append(code)
    alt["rule"] = "+".join(codes) if codes else None
    alt["text"] = alternative_text(alt, standing.proven_optimal, scenario, lang)


def basis(standing, policy: dict, lang: str, seconds: float) -> dict:
    """What the figures of an explanation rest on."""
    return {"objective": standing.objective, "upper_bound": standing.upper_bound,
            "proven_optimal": standing.proven_optimal, "plan_valid": standing.valid,
            "candidates": policy["candidates"], "resolved": policy["resolved"],
            "time_limit_s": policy["time_limit_s"], "lang": lang, "seconds": round(seconds, 2)}
