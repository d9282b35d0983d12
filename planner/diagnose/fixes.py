"""Suggested fixes: candidates, applying them, verifying them by a solve."""
from __future__ import annotations

import logging
import time
from dataclasses import replace as dc_replace

import numpy as np

from models.plan import Assignment, Plan
from models.scenario import Weights
from planner.diagnose.core import core_items
from planner.diagnose.reduce import reduce_model, reduced_feasible
from planner.labels import RANK_ZH, RATING_ZH, cadre_label, opening_label
from planner.model.counting import _must_move_demands, counting_checks

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Fixes: candidates, applying them, verifying them
# --------------------------------------------------------------------------------------------
def _step_text(sc, st: dict, lang: str) -> str:
    zh = lang == "zh"
    a = st["action"]
    o = sc.opening_by_id.get(st.get("opening", ""))
    ol = opening_label(sc, st["opening"], lang) if "opening" in st else ""
    if a == "add_seats":
        return (f"给 {ol} 增加 {st['amount']} 个名额（{o.seats} → {o.seats + st['amount']}）" if zh
                else f"add {st['amount']} seat(s) to {ol} ({o.seats} -> {o.seats + st['amount']})")
    if a == "set_min_seats":
        return (f"将 {ol} 的最低人数由 {o.min_seats} 降为 {st['value']}" if zh
                else f"lower min_seats of {ol} from {o.min_seats} to {st['value']}")
    if a == "lift_lock":
        kind = ("必须安排" if st["lock"] == "require" else "不得安排") if zh else st["lock"]
        return (f"撤销党组预定（{kind}）：{cadre_label(sc, st['cadre'])} → {ol}" if zh
                else f"lift the {kind} lock {st['cadre']} -> {st['opening']}")
    if a == "allow_transfer":
        return f"{ol} 允许行政编制与参公编制互相转任" if zh else f"allow transfer (admin <-> civil) for {ol}"
    if a == "widen":
        f, v = st["field"], st["value"]
        if f == "ranks":
            return f"{ol} 放宽职级要求，接受{RANK_ZH[v]}" if zh else f"let {ol} accept rank {v}"
        if f == "specialties":
            return f"{ol} 放宽专业要求，接受 {v}" if zh else f"let {ol} accept specialty {v}"
        if f == "certificates":
            return f"{ol} 取消证书要求 {v}" if zh else f"drop the certificate requirement {v} of {ol}"
        if f == "post_type":
            return f"{ol} 取消编制类型限制" if zh else f"drop the post type requirement of {ol}"
        if f == "min_rating":
            return f"{ol} 考核等次要求降为{RATING_ZH[v]}" if zh else f"lower the minimum rating of {ol} to {v}"
        if f == "talent_pool_only":
            return f"{ol} 不再限蓄水池人员" if zh else f"open {ol} beyond the talent pool"
        if f == "min_service_years":
            return f"{ol} 工龄要求降为 {v} 年" if zh else f"lower min_service_years of {ol} to {v}"
        if f == "max_age":
            return f"{ol} 年龄上限放宽到 {v} 岁" if zh else f"raise max_age of {ol} to {v}"
    if a == "set_team_need":
        old = dict(o.team_needs).get(st["code"])
        return (f"将 {ol} 的队伍构成要求 {st['code']}:{old} 降为 {st['code']}:{st['value']}" if zh
                else f"lower team need {st['code']}:{old} of {ol} to {st['code']}:{st['value']}")
    if a == "set_rule":
        old = getattr(sc.rules, st["rule"])
        if st["rule"] == "max_away_months":
            return (f"将全年外派上限由 {old} 个月调为 {st['value']} 个月" if zh
                    else f"raise rules.max_away_months from {old} to {st['value']}")
        return f"rules.{st['rule']}: {old} → {st['value']}"
    return str(st)


def apply_fix(scenario, fix: dict):
    """The scenario with a suggested fix (``{"steps": [...]}`` from ``diagnosis.json``) applied."""
    sc = scenario
    for st in fix["steps"]:
        a = st["action"]
        if a == "lift_lock":
            sc = sc.replace(locks=tuple(lk for lk in sc.locks if not (
                lk.cadre_id == st["cadre"] and lk.opening_id == st["opening"] and lk.lock == st["lock"])))
            continue
        if a == "set_rule":
            sc = sc.replace(rules=dc_replace(sc.rules, **{st["rule"]: st["value"]}))
            continue
        o = sc.opening_by_id[st["opening"]]
        if a == "add_seats":
            o2 = dc_replace(o, seats=o.seats + int(st["amount"]))
        elif a == "set_min_seats":
            o2 = dc_replace(o, min_seats=int(st["value"]))
        elif a == "allow_transfer":
            o2 = dc_replace(o, allow_transfer=True)
        elif a == "set_team_need":
            o2 = dc_replace(o, team_needs=tuple((c, int(st["value"]) if c == st["code"] else k)
                                                for c, k in o.team_needs if not (c == st["code"] and int(st["value"]) == 0)))
        elif a == "widen":
            f, v = st["field"], st["value"]
            if f in ("ranks", "specialties"):
                o2 = dc_replace(o, **{f: frozenset(getattr(o, f)) | {v}})
            elif f == "certificates":
                o2 = dc_replace(o, certificates=frozenset(o.certificates) - {v})
            elif f == "post_type":
                o2 = dc_replace(o, post_type=None)
            elif f == "talent_pool_only":
                o2 = dc_replace(o, talent_pool_only=False)
            else:
                o2 = dc_replace(o, **{f: v})
        else:
            raise ValueError(f"unknown fix action {a!r}")
        sc = sc.replace(openings=tuple(o2 if x.opening_id == o.opening_id else x for x in sc.openings))
    return sc


def _fix(steps, cost, origin):
    return {"steps": steps, "cost": cost, "origin": origin}


def _widen_steps(sc, elig, cid, oid):
    """Steps that would open ``oid`` to ``cid`` when only R2 filters (or a forbid lock) block it."""
    from models import facts
    fs = elig.blocking_filters(cid, oid)
    if not fs or any(code not in ("R2", "R11") for code, _ in fs):
        return None
    c, o = sc.cadre_by_id[cid], sc.opening_by_id[oid]
    steps = []
    for code, name in fs:
        if name == "forbid":
            steps.append({"action": "lift_lock", "cadre": cid, "opening": oid, "lock": "forbid"})
        elif name == "post_type":
            if (c.post_type in ("admin", "civil") and o.post_type in ("admin", "civil")
                    and sc.rules.allow_transfer and not o.allow_transfer):
                steps.append({"action": "allow_transfer", "opening": oid})
            else:
                steps.append({"action": "widen", "opening": oid, "field": "post_type", "value": None})
        elif name == "rank":
            steps.append({"action": "widen", "opening": oid, "field": "ranks", "value": c.rank})
        elif name == "specialty":
            steps.append({"action": "widen", "opening": oid, "field": "specialties", "value": c.specialty})
        elif name == "certificates":
            for k in sorted(set(o.certificates) - set(c.certificates)):
                steps.append({"action": "widen", "opening": oid, "field": "certificates", "value": k})
        elif name == "rating":
            steps.append({"action": "widen", "opening": oid, "field": "min_rating", "value": c.rating})
        elif name == "talent_pool":
            steps.append({"action": "widen", "opening": oid, "field": "talent_pool_only", "value": False})
        elif name == "service_years":
            steps.append({"action": "widen", "opening": oid, "field": "min_service_years",
                          "value": facts.service_years(c, sc.plan_year)})
        elif name == "age":
            steps.append({"action": "widen", "opening": oid, "field": "max_age", "value": facts.age(c, sc.plan_year)})
    return steps


def _widen_cost(steps) -> int:
    """Allowing transfer (a switch the rules already know) costs 1; any other widening 2."""
    return sum(1 if st["action"] in ("allow_transfer", "lift_lock") else 2 for st in steps)


def _seat_fill_steps(sc, built, opens=None):
    """Fewest extra seats so that every must-move cadre (``_must_move_demands``) finds a posting:
    a min-cost flow where today's seats cost 0 and an extra seat costs 1, extra seats allowed
    only on ``opens`` (opening ids; None: any posting). Returns add_seats steps, or None when
    some must-move cadre has no posting open at all."""
    from ortools.graph.python import min_cost_flow
    demands = _must_move_demands(sc, built)
    if not demands or any(not d[3] for d in demands):
        return None
    allowed = None if opens is None else {built.ctx.opening_index[o] for o in opens}
    groups: dict = {}
    for d in demands:
        groups.setdefault(d[3], []).append(d)
    js = sorted(set().union(*groups))
    n_g = len(groups)
    node_o = {j: 2 + n_g + k for k, j in enumerate(js)}
    total = len(demands)
    f = min_cost_flow.SimpleMinCostFlow()
    S, T = 0, 1
    for g, (op, ds) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        f.add_arc_with_capacity_and_unit_cost(S, 2 + g, len(ds), 0)
        for j in sorted(op):
            f.add_arc_with_capacity_and_unit_cost(2 + g, node_o[j], len(ds), 0)
    extra_arc = {}
    for j in js:
        f.add_arc_with_capacity_and_unit_cost(node_o[j], T, sc.openings[j].seats, 0)
        if allowed is None or j in allowed:
            extra_arc[j] = f.add_arc_with_capacity_and_unit_cost(node_o[j], T, total, 1)
    f.set_node_supply(S, total)
    f.set_node_supply(T, -total)
    if f.solve() != f.OPTIMAL:
        return None
    steps = []
    for j, arc in sorted(extra_arc.items()):
        if f.flow(arc) > 0:
            steps.append({"action": "add_seats", "opening": sc.openings[j].opening_id, "amount": int(f.flow(arc))})
    return steps


def candidate_fixes(scenario, built, checks: list, core: list) -> list:
    """Fix candidates for the checks and the core, cheapest first (cost: seats added, steps taken)."""
    sc, ctx, elig = scenario, built.ctx, built.ctx.elig
    out = []

    def lift(cid, oid, origin, cost=1):
        out.append(_fix([{"action": "lift_lock", "cadre": cid, "opening": oid, "lock": "require"}], cost, origin))

    for n, it in enumerate(checks + core):
        origin = f"{'check' if n < len(checks) else 'core'}:{n if n < len(checks) else n - len(checks)}"
        chk = it.get("check")
        cids, oids = it["cadres"], it["openings"]
        if chk == "require_lock_blocked":
            lift(cids[0], oids[0], origin)
            steps = _widen_steps(sc, elig, cids[0], oids[0])
            if steps:
                out.append(_fix(steps, 1 + _widen_cost(steps), origin))
        elif chk in ("locks_overlap", "locks_months", "locks_two_postings", "locks_over_seats", "locks_kin"):
            locked = [(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"
                      and lk.cadre_id in cids and lk.opening_id in oids]
            for cid, oid in locked:
                lift(cid, oid, origin)
            if chk == "locks_over_seats":
                o = sc.opening_by_id[oids[0]]
                out.append(_fix([{"action": "add_seats", "opening": o.opening_id, "amount": len(cids) - o.seats}],
                                len(cids) - o.seats, origin))
            if chk == "locks_months":
                months = sum(sc.opening_by_id[o].months for o in oids)
                out.append(_fix([{"action": "set_rule", "rule": "max_away_months", "value": min(12, months)}], 5, origin))
        elif chk == "min_seats":
            o = sc.opening_by_id[oids[0]]
            out.append(_fix([{"action": "set_min_seats", "opening": o.opening_id, "value": it["available"]}],
                            o.min_seats - it["available"], origin))
            masks = elig.filter_masks(o)
            nonr2 = np.logical_and.reduce(masks[8:])
            for i in np.flatnonzero(nonr2 & ~np.logical_and.reduce(masks[:8]))[:20].tolist():
                steps = _widen_steps(sc, elig, ctx.ca.ids[i], o.opening_id)
                if steps and len(steps) == 1:
                    out.append(_fix(steps, _widen_cost(steps) + (o.min_seats - it["available"] - 1) * 2, origin))
                    break
        elif chk == "team_needs":
            o = sc.opening_by_id[oids[0]]
            out.append(_fix([{"action": "set_team_need", "opening": o.opening_id, "code": it["code"],
                              "value": min(it["qualified"], o.seats)}], it["need"] - min(it["qualified"], o.seats), origin))
            if o.min_seats:
                out.append(_fix([{"action": "set_min_seats", "opening": o.opening_id, "value": 0}], o.min_seats + 1, origin))
        elif chk in ("recruits_vs_grassroots", "due_vs_seats", "hall"):
            steps = _seat_fill_steps(sc, built, oids or None)
            if steps is None and oids:
                steps = _seat_fill_steps(sc, built, None)
            if steps:
                out.append(_fix(steps, sum(s["amount"] for s in steps), origin))
            for cid, oid in [(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"
                             and lk.cadre_id in cids and sc.opening_by_id[lk.opening_id].kind == "posting"]:
                lift(cid, oid, origin)
        elif chk == "no_posting_open":
            # The smallest ways to open a posting to the cadre: a few per cadre, fewest steps first.
            cid = cids[0]
            options = []
            for o in sc.openings:
                if o.kind != "posting" or o.seats == 0:
                    continue
                steps = _widen_steps(sc, elig, cid, o.opening_id)
                if steps:
                    options.append((_widen_cost(steps), o.opening_id, steps))
            for cost, _, steps in sorted(options, key=lambda t: (t[0], t[1]))[:4]:
                out.append(_fix(steps, cost, origin))
        elif it.get("source") == "core":
            r = it["rule"]
            if r == "R11" and cids and oids:
                lift(cids[0], oids[0], origin)
            elif r == "R3" and oids:
                o = sc.opening_by_id[oids[0]]
                out.append(_fix([{"action": "add_seats", "opening": o.opening_id, "amount": 1}], 1, origin))
                if o.min_seats:
                    out.append(_fix([{"action": "set_min_seats", "opening": o.opening_id, "value": o.min_seats - 1}],
                                    1, origin))
            elif r == "R9" and oids:
                o = sc.opening_by_id[oids[0]]
                for code, k in o.team_needs:
                    out.append(_fix([{"action": "set_team_need", "opening": o.opening_id, "code": code,
                                      "value": k - 1}], 1, origin))
            elif r == "R8" and cids and not oids:
                out.append(_fix([{"action": "set_rule", "rule": "max_away_months",
                                  "value": min(12, sc.rules.max_away_months + 1)}], 5, origin))
    # Dedupe by steps, keep the cheapest (then the earliest).
    best: dict = {}
    for k, f in enumerate(out):
        key = repr(sorted(repr(sorted(s.items())) for s in f["steps"]))
        if key not in best or (f["cost"], k) < (best[key][0]["cost"], best[key][1]):
            best[key] = (f, k)
    return [f for f, _ in sorted(best.values(), key=lambda fk: (fk[0]["cost"], fk[1]))]


def feasible_plan(scenario, time_limit: float = 20.0, workers: int = 2):
    """A plan obeying every hard rule, found on the reduced model (no objective), or None; with
    the status (``FEASIBLE``, ``INFEASIBLE``, ``UNKNOWN``)."""
    from planner.solve import build_model
    built = build_model(scenario)
    status, values = reduced_feasible(reduce_model(built.model), time_limit, workers)
    return status, (None if values is None else _plan_of(built, values))


def _plan_of(built, values) -> Plan:
    ctx, sc = built.ctx, built.ctx.scenario
    rows = []
    for p in np.flatnonzero(values[: ctx.n_pairs] > 0).tolist():
        o = sc.openings[ctx.po[p]]
        rows.append(Assignment(ctx.ca.ids[ctx.pc[p]], o.opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    return Plan(tuple(rows))


def _try(scenario, time_limit: float) -> dict:
    """Is ``scenario`` feasible? Counting checks first (cheap, and a failing one settles it), then
    the reduced model; a plan found must pass ``planner.check``. Returns status, the built model,
    the checks, the reduced model, the plan lines."""
    from types import SimpleNamespace

    from planner.check import check_plan
    from planner.model.context import ModelContext
    from planner.model.eligibility import Eligibility
    from planner.solve import build_model
    light = SimpleNamespace(ctx=ModelContext(scenario, Eligibility(scenario)), model=None)
    checks = counting_checks(scenario, light)
    out = {"built": light, "checks": checks, "red": None}
    if checks:
        out["status"] = "INFEASIBLE"
        out["why"] = checks[0]["text"]
        return out
    built = build_model(scenario)
    out["built"] = built
    red = reduce_model(built.model)
    out["red"] = red
    status, values = reduced_feasible(red, time_limit)
    out["status"] = status
    if values is not None:
        plan = _plan_of(built, values)
        report = check_plan(scenario, plan.assignments)
        out["plan_lines"] = len(plan)
        out["checked"] = not report.violations
        if report.violations:
            log.warning("the reduced model's plan fails the checker: %s", report.violations[:3])
            out["status"] = "UNKNOWN"
    return out


def verify_fix(scenario, fix: dict, time_limit: float = 20.0) -> dict:
    """Apply ``fix`` and look for a plan (see ``_try``): {"status", "seconds", "plan_lines", "checked"}."""
    t0 = time.perf_counter()
    res = _try(apply_fix(scenario, fix), time_limit)
    out = {"status": res["status"], "seconds": round(time.perf_counter() - t0, 2)}
    for k in ("plan_lines", "checked", "why"):
        if k in res:
            out[k] = res[k]
    return out


def confirm_by_solve(scenario, fix: dict, time_limit: float, pairs: int) -> str:
    """Re-solve the fixed scenario with ``planner.solve.solve`` (objective off: only feasibility is
    asked); CP-SAT on small models, HiGHS on large ones where CP-SAT needs long for a first plan."""
    from planner.solve import solve
    fixed = apply_fix(scenario, fix).replace(weights=Weights(0, 0, 0, 0, 0, 0, 0))
    solver = "cpsat" if pairs <= 50_000 else "highs"
    res = solve(fixed, solver=solver, time_limit=time_limit)
    return res.status


def _merge_steps(steps: list) -> list:
    """Add-seat steps on one opening summed; later settings of one field win; order kept."""
    out, where = [], {}
    for st in steps:
        if st["action"] == "add_seats" and ("add", st["opening"]) in where:
            out[where[("add", st["opening"])]]["amount"] += st["amount"]
            continue
        # Settings collapse (the later value wins); additions and removals accumulate.
        cumulative = st["action"] == "widen" and st.get("field") in ("ranks", "specialties", "certificates")
        key = ("add", st["opening"]) if st["action"] == "add_seats" else repr(sorted(
            (k, v) for k, v in st.items() if cumulative or k not in ("value", "amount")))
        if key in where:
            out[where[key]] = dict(st)
            continue
        where[key] = len(out)
        out.append(dict(st))
    return out


def _repair(scenario, built, checks, core, deadline: float):
    """Greedy repair: apply the cheapest fix of the first remaining cause, re-check, repeat.
    Returns a combined fix (with its verification) or None."""
    steps: list = []
    cur, cur_built, cur_checks, cur_core = scenario, built, checks, core
    for _ in range(8):
        if time.perf_counter() > deadline:
            return None
        cands = candidate_fixes(cur, cur_built, cur_checks[:1] if cur_checks else [], [] if cur_checks else cur_core)
        if not cands:
            return None
        steps = _merge_steps(steps + cands[0]["steps"])
        cur = apply_fix(cur, cands[0])
        res = _try(cur, max(1.0, min(20.0, deadline - time.perf_counter())))
        if res["status"] == "FEASIBLE":
            fix = _fix(steps, 0, "repair")
            fix["cost"] = sum(st.get("amount", 1) if st["action"] == "add_seats" else 1 for st in steps)
            fix["verified"] = {k: res[k] for k in ("status", "plan_lines", "checked") if k in res}
            return fix
        if res["status"] != "INFEASIBLE" or time.perf_counter() > deadline:
            return None
        cur_built, cur_checks = res["built"], res["checks"]
        cur_core = [] if cur_checks else core_items(
            cur, cur_built, res["red"] or reduce_model(cur_built.model),
            time_limit=max(1.0, min(10.0, (deadline - time.perf_counter()) / 3)))
    return None


def suggest_fixes(scenario, built, checks, core, budget: float = 30.0, max_fixes: int = 3,
                  confirm: bool = True) -> dict:
    """Verified fixes, cheapest first: single changes from the checks and the core, and - when
    several causes are at work - a combined repair found greedily. Returns {"fixes", "tried", ...}."""
    t0 = time.perf_counter()
    deadline = t0 + budget
    cands = candidate_fixes(scenario, built, checks, core)
    verified, tried = [], []
    several = len({it.get("check") for it in checks}) >= 2

    def singles(limit):
        for f in cands[:limit]:
            left = deadline - time.perf_counter()
            if len(verified) >= max_fixes or left < 1.0:
                return
            if any(v["steps"] == f["steps"] for v in verified):
                continue
            v = verify_fix(scenario, f, time_limit=min(20.0, max(1.0, left - 0.5)))
            tried.append({"steps": f["steps"], "status": v["status"]})
            if v["status"] == "FEASIBLE":
                verified.append({**f, "verified": v})

    def repair():
        if deadline - time.perf_counter() < 2.0:
            return
        fix = _repair(scenario, built, checks, core, deadline)
        tried.append({"steps": fix["steps"] if fix else [], "status": "FEASIBLE" if fix else "not found",
                      "repair": True})
        if fix and not any(v["steps"] == fix["steps"] for v in verified):
            verified.append(fix)

    if several:
        singles(3)
        if not verified:
            repair()
        singles(len(cands))
    else:
        singles(len(cands))
        if not verified:
            repair()
    verified.sort(key=lambda f: f["cost"])
    verified = verified[:max_fixes]
    if verified and confirm:
        left = deadline - time.perf_counter()
        need = 8.0 if built.ctx.n_pairs <= 50_000 else 20.0
        if left >= need:
            verified[0]["verified"]["solve"] = confirm_by_solve(scenario, verified[0], min(30.0, left - 3.0),
                                                                built.ctx.n_pairs)
    for k, f in enumerate(verified):
        f["rank"] = k + 1
        f["text"], f["text_zh"] = _fix_texts(scenario, f)
    return {"fixes": verified, "tried": tried, "candidates": len(cands),
            "seconds": round(time.perf_counter() - t0, 2)}


def _fix_texts(scenario, fix) -> tuple:
    """(English, Chinese) text of a fix, each step worded against the scenario as it stands then."""
    en, zh, cur = [], [], scenario
    for st in fix["steps"]:
        en.append(_step_text(cur, st, "en"))
        zh.append(_step_text(cur, st, "zh"))
        cur = apply_fix(cur, {"steps": [st]})
    return "; ".join(en), "；".join(zh)
