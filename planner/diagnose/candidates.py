"""Fix candidates: for each cause a counting check or the core names, the edits that would remove it.

Only what a planning office decides is proposed: seats, an opening's minimum and requirements
(R2), its team needs, the committee's locks, and the yearly away cap. A cadre's own facts
(exemption, home region, years at the unit) and the recusal rules are never edited. Every
value proposed is one the scenario reader accepts (a team need is dropped, never set to 0).
"""
from __future__ import annotations

import numpy as np

from models import facts
from models.scenario import RATING_ORDER, Scenario
from planner.diagnose.steps import edit_step
from planner.model.counting import HasContext, must_move_demands
from planner.model.eligibility import Eligibility

# Filters a fix may lift: an opening's requirements (R2) and the committee's forbid locks (R11).
WIDENABLE = {"rank", "specialty", "certificates", "post_type", "rating", "talent_pool", "service_years", "age",
             "forbid"}
LOCK_CHECKS = ("locks_overlap", "locks_months", "locks_two_postings", "locks_over_seats", "locks_kin")
SEAT_CHECKS = ("recruits_vs_grassroots", "due_vs_seats", "hall")
# The cost of one extra seat in the seat-filling flow, above any spreading cost (k for the k-th
# extra seat of one opening, at most the number of must-move cadres): fewest seats first.
EXTRA_SEAT_COST = 1_000_000


def candidate(steps: list, origin: str) -> dict:
    """A fix candidate: its steps and the item it answers (``check:N`` or ``core:N``)."""
    return {"steps": steps, "origin": origin}


def widen_steps(scenario: Scenario, elig: Eligibility, cadre_id: str, opening_id: str) -> list | None:
    """The steps that open ``opening_id`` to ``cadre_id`` when only an opening's requirements (R2)
    or a forbid lock keep the cadre off; None when another filter does (or nothing does)."""
    filters = elig.blocking_filters(cadre_id, opening_id)
    if not filters or any(name not in WIDENABLE for _, name in filters):
        return None
    c, o = scenario.cadre_by_id[cadre_id], scenario.opening_by_id[opening_id]
    changes: dict = {}
    steps = []
    for _, name in filters:
        if name == "forbid":
            steps.append(edit_step("without_lock", cadre_id=cadre_id, opening_id=opening_id))
        elif name == "post_type":
            if (c.post_type in ("admin", "civil") and o.post_type in ("admin", "civil")
                    and scenario.rules.allow_transfer and not o.allow_transfer):
                changes["allow_transfer"] = True
            else:
                changes["post_type"] = None
        elif name == "rank":
            changes["ranks"] = sorted(set(o.ranks) | {c.rank})
        elif name == "specialty":
            changes["specialties"] = sorted(set(o.specialties) | {c.specialty})
        elif name == "certificates":
            changes["certificates"] = sorted(set(o.certificates) & set(c.certificates))
        elif name == "rating":
            changes["min_rating"] = c.rating
        elif name == "talent_pool":
            changes["talent_pool_only"] = False
        elif name == "service_years":
            changes["min_service_years"] = facts.service_years(c, scenario.plan_year)
        elif name == "age":
            changes["max_age"] = facts.age(c, scenario.plan_year)
    if changes:
        steps.insert(0, edit_step("with_opening", opening_id=opening_id, **changes))
    return steps


def _free_cadres(scenario: Scenario, elig, opening, cadre_indices, count: int) -> tuple:
    """Steps opening ``opening`` to ``count`` of the given cadres, the cheapest first (fewest
    filters to lift), and the cadres so freed; ``(None, [])`` when fewer than ``count`` can be
    freed by widening alone."""
    options = []
    for i in cadre_indices:
        cid = elig.ca.ids[int(i)]
        steps = widen_steps(scenario, elig, cid, opening.opening_id)
        if steps:
            options.append((len(elig.blocking_filters(cid, opening.opening_id)), cid, steps))
    if count <= 0 or len(options) < count:
        return None, []
    chosen = sorted(options, key=lambda t: (t[0], t[1]))[:count]
    # One with_opening step carrying every change (the union of what each cadre needs).
    changes: dict = {}
    locks = []
    for _, _, steps in chosen:
        for step in steps:
            if step["edit"] == "without_lock":
                locks.append(step)
                continue
            for field, value in step["args"].items():
                if field == "opening_id":
                    continue
                changes[field] = _wider(field, changes.get(field, getattr(opening, field)), value)
    out = [edit_step("with_opening", opening_id=opening.opening_id, **changes)] if changes else []
    return out + locks, [cid for _, cid, _ in chosen]


def _wider(field: str, old, new):
    """The wider of two values of one requirement field."""
    if field in ("ranks", "specialties"):
        return sorted(set(old) | set(new))
    if field == "certificates":
        return sorted(set(old) & set(new))
    if field == "min_rating":
        return min(old, new, key=lambda r: RATING_ORDER[r])
    if field == "min_service_years":
        return min(old, new)
    if field == "max_age":
        return max(old, new) if old is not None else new
    return new


def seat_fill_steps(scenario: Scenario, built: HasContext, opening_ids: list | None = None) -> list | None:
    """The fewest extra posting seats so that every must-move cadre (``must_move_demands``) finds
    a posting: a min-cost flow where today's seats cost 0 and the k-th extra seat of one opening
    costs ``EXTRA_SEAT_COST + k`` - the fewest seats in all first, then spread over the openings
    rather than piled on one. Extra seats only on ``opening_ids`` when given. None when some
    must-move cadre has no posting open."""
    from ortools.graph.python import min_cost_flow
    demands = must_move_demands(scenario, built)
    if not demands or any(not d.openings for d in demands):
        return None
    allowed = None if opening_ids is None else {built.ctx.opening_index[o] for o in opening_ids}
    groups: dict = {}
    for d in demands:
        groups.setdefault(d.openings, []).append(d)
    opening_indices = sorted(set().union(*groups))
    node_of = {j: 2 + len(groups) + k for k, j in enumerate(opening_indices)}
    total = len(demands)
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    for g, (opens, members) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        flow.add_arc_with_capacity_and_unit_cost(source, 2 + g, len(members), 0)
        for j in sorted(opens):
            flow.add_arc_with_capacity_and_unit_cost(2 + g, node_of[j], len(members), 0)
    extra_arcs: dict = {}
    for j in opening_indices:
        flow.add_arc_with_capacity_and_unit_cost(node_of[j], sink, scenario.openings[j].seats, 0)
        if allowed is None or j in allowed:
            extra_arcs[j] = [flow.add_arc_with_capacity_and_unit_cost(node_of[j], sink, 1, EXTRA_SEAT_COST + k)
                             for k in range(1, total + 1)]
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    if flow.solve() != flow.OPTIMAL:
        return None
    steps = []
    for j, arcs in sorted(extra_arcs.items()):
        added = sum(flow.flow(a) for a in arcs)
        if added:
            o = scenario.openings[j]
            steps.append(edit_step("with_seats", opening_id=o.opening_id, seats=o.seats + int(added)))
    return steps


def _lift(cadre_id: str, opening_id: str, origin: str) -> dict:
    return candidate([edit_step("without_lock", cadre_id=cadre_id, opening_id=opening_id)], origin)


def _lock_candidates(sc: Scenario, item: dict, origin: str) -> list:
    cids, oids, check = item["cadres"], item["openings"], item.get("check")
    out = [_lift(lk.cadre_id, lk.opening_id, origin) for lk in sc.locks
           if lk.lock == "require" and lk.cadre_id in cids and lk.opening_id in oids]
    if check == "locks_over_seats":
        out.append(candidate([edit_step("with_seats", opening_id=oids[0], seats=len(cids))], origin))
    if check == "locks_months" and item.get("months", 13) <= 12:
        out.append(candidate([edit_step("with_rules", max_away_months=item["months"])], origin))
    return out


def _min_seats_candidates(sc: Scenario, built, item: dict, origin: str) -> list:
    o = sc.opening_by_id[item["openings"][0]]
    out = [candidate([edit_step("with_opening", opening_id=o.opening_id, min_seats=item["available"])], origin)]
    elig = built.ctx.elig
    masks = elig.filter_masks(o)
    everyone_else = np.flatnonzero(~np.logical_and.reduce(masks))
    freed, _ = _free_cadres(sc, elig, o, everyone_else[:200], o.min_seats - item["available"])
    if freed:
        out.append(candidate(freed, origin))
    return out


def _team_need_candidates(sc: Scenario, built, item: dict, origin: str) -> list:
    o = sc.opening_by_id[item["openings"][0]]
    code, need, qualified = item["code"], item["need"], item["qualified"]
    meetable = min(qualified, o.seats)
    out = [candidate([edit_step("with_team_need", opening_id=o.opening_id, code=code, count=meetable)]
                     if meetable >= 1 else
                     [edit_step("without_team_need", opening_id=o.opening_id, code=code)], origin)]
    if need > o.seats:
        out.append(candidate([edit_step("with_seats", opening_id=o.opening_id, seats=need)], origin))
    # Free enough holders of the code that only the opening's requirements keep off.
    elig = built.ctx.elig
    holders = [elig.ca.index[c] for g in item.get("removed", []) for c in g["cadres"]]
    freed, _ = _free_cadres(sc, elig, o, sorted(set(holders)), need - qualified)
    if freed:
        out.append(candidate(freed, origin))
    # Or let the opening go unstaffed: its minimum (R3) or the locks that force it (R11).
    if o.min_seats:
        out.append(candidate([edit_step("with_opening", opening_id=o.opening_id, min_seats=0)], origin))
    else:
        locks = [lk for lk in sc.locks if lk.lock == "require" and lk.opening_id == o.opening_id]
        out.append(candidate([edit_step("without_lock", cadre_id=lk.cadre_id, opening_id=lk.opening_id)
                              for lk in locks], origin))
    return out


def spare_seats(scenario: Scenario, built: HasContext) -> dict:
    """Posting seats left free when the must-move cadres are placed as well as they can be.

    Parameters
    ----------
    scenario : Scenario
    built : HasContext
        The built model, or anything holding its ``ctx``.

    Returns
    -------
    dict
        ``{opening index: spare seats}`` for every posting, from a max flow of the must-move
        cadres (``must_move_demands``; those with the same open postings are one node) to the
        posting seats.
    """
    import networkx as nx
    groups: dict = {}
    for d in must_move_demands(scenario, built):
        groups[d.openings] = groups.get(d.openings, 0) + 1
    graph = nx.DiGraph()
    for n, (opens, count) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        graph.add_edge("source", ("group", n), capacity=count)
        for j in opens:
            graph.add_edge(("group", n), ("opening", j))          # no capacity: unlimited
    postings = [j for j, o in enumerate(scenario.openings) if o.kind == "posting"]
    for j in postings:
        graph.add_edge(("opening", j), "sink", capacity=scenario.openings[j].seats)
    graph.add_edge("source", "sink", capacity=0)                    # both ends exist, even with no demand
    _, flows = nx.maximum_flow(graph, "source", "sink")
    return {j: scenario.openings[j].seats - flows[("opening", j)]["sink"] for j in postings}


def _spare_seat_candidates(sc: Scenario, built, item: dict, origin: str) -> list:
    """For a seat shortage: open postings that have seats to spare to enough of the short cadres
    (by widening their requirements), instead of adding seats - one candidate, or none."""
    deficit = int(item.get("deficit") or 1)
    spare = spare_seats(sc, built)
    elig = built.ctx.elig
    short = [elig.ca.index[c] for c in item["cadres"][:60]]
    steps, freed = [], set()
    for j in sorted((j for j in spare if spare[j] > 0), key=lambda j: (-spare[j], sc.openings[j].opening_id))[:100]:
        if len(freed) >= deficit:
            break
        o = sc.openings[j]
        left = [i for i in short if elig.ca.ids[i] not in freed]
        opened = [i for i in left if widen_steps(sc, elig, elig.ca.ids[i], o.opening_id)]
        take = min(spare[j], deficit - len(freed), len(opened))
        more, chosen = _free_cadres(sc, elig, o, opened, take)
        if more:
            steps += more
            freed.update(chosen)
    return [candidate(steps, origin)] if steps and len(freed) >= deficit else []


def _no_posting_candidates(sc: Scenario, built, item: dict, origin: str) -> list:
    """The smallest ways to open a posting to a cadre with none open: a few, postings with a seat
    to spare first (opening a full one would only move the shortage), then fewest changes."""
    cid = item["cadres"][0]
    spare = spare_seats(sc, built)
    options = []
    for j, o in enumerate(sc.openings):
        if o.kind != "posting" or o.seats == 0:
            continue
        steps = widen_steps(sc, built.ctx.elig, cid, o.opening_id)
        if steps:
            options.append((spare[j] <= 0, sum(len(s["args"]) for s in steps), o.opening_id, steps))
    return [candidate(steps, origin) for *_, steps in sorted(options, key=lambda t: t[:3])[:4]]


def _core_candidates(sc: Scenario, item: dict, origin: str) -> list:
    rule, cids, oids = item["rule"], item["cadres"], item["openings"]
    out = []
    if rule == "R11" and cids and oids:
        out.append(_lift(cids[0], oids[0], origin))
    elif rule == "R3" and oids:
        o = sc.opening_by_id[oids[0]]
        out.append(candidate([edit_step("with_seats", opening_id=o.opening_id, seats=o.seats + 1)], origin))
        if o.min_seats:
            out.append(candidate([edit_step("with_opening", opening_id=o.opening_id, min_seats=o.min_seats - 1)],
                                 origin))
    elif rule == "R9" and oids:
        o = sc.opening_by_id[oids[0]]
        for code, need in o.team_needs:
            out.append(candidate([edit_step("with_team_need", opening_id=o.opening_id, code=code, count=need - 1)]
                                 if need > 1 else
                                 [edit_step("without_team_need", opening_id=o.opening_id, code=code)], origin))
    elif rule == "R8" and cids and not oids and sc.rules.max_away_months < 12:
        out.append(candidate([edit_step("with_rules", max_away_months=sc.rules.max_away_months + 1)], origin))
    return out


def candidate_fixes(scenario: Scenario, built: HasContext, checks: list, core: list) -> list:
    """Fix candidates for the checks and the core, without repeats (first origin kept).

    Parameters
    ----------
    scenario : Scenario
    built : HasContext
        The built model, or anything holding its ``ctx``.
    checks, core : list of dict
        Diagnosis items.

    Returns
    -------
    list of dict
        ``{"steps", "origin"}`` each, in the order the items came; ranking is the caller's.
    """
    sc = scenario
    out = []
    for n, item in enumerate(checks + core):
        origin = f"check:{n}" if n < len(checks) else f"core:{n - len(checks)}"
        check = item.get("check")
        if check == "require_lock_blocked":
            out.append(_lift(item["cadres"][0], item["openings"][0], origin))
            steps = widen_steps(sc, built.ctx.elig, item["cadres"][0], item["openings"][0])
            if steps:
                out.append(candidate(steps, origin))
        elif check in LOCK_CHECKS:
            out += _lock_candidates(sc, item, origin)
        elif check == "min_seats":
            out += _min_seats_candidates(sc, built, item, origin)
        elif check == "team_needs":
            out += _team_need_candidates(sc, built, item, origin)
        elif check in SEAT_CHECKS:
            steps = seat_fill_steps(sc, built, item["openings"] or None)
            if steps is None and item["openings"]:
                steps = seat_fill_steps(sc, built, None)
            if steps:
                out.append(candidate(steps, origin))
            out += _spare_seat_candidates(sc, built, item, origin)
            out += [_lift(lk.cadre_id, lk.opening_id, origin) for lk in sc.locks
                    if lk.lock == "require" and lk.cadre_id in item["cadres"]
                    and sc.opening_by_id[lk.opening_id].kind == "posting"]
        elif check == "no_posting_open":
            out += _no_posting_candidates(sc, built, item, origin)
        elif item.get("source") == "core":
            out += _core_candidates(sc, item, origin)
    unique, seen = [], set()
    for fix in out:
        key = repr(fix["steps"])
        if fix["steps"] and key not in seen:
            seen.add(key)
            unique.append(fix)
    return unique
