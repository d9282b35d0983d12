"""Why a plan is what it is, for one cadre or one opening (``planner explain``, issue 4).

For a cadre: the facts the rules use (SPEC 3), each line given and why (the reason codes of
plan.csv in words, with what the line adds to each term), and for every other opening either
the hard rule that keeps the cadre off it - a candidate filter (``Eligibility.blocking_filters``)
or a rule that binds through the rest of the plan (R1 a posting already given, R3 seats full,
R7 a relative based there, R8 overlapping months or the yearly cap, R9 team needs) - or, for the
few most promising switches, what the plan would lose: a re-solve with the pair forced by a
``require`` lock, compared term by term with the plan.

For an opening: who took it and why, who else could have taken it and why they did not, and
how many cadres each rule keeps off it.

Everything is a plain dict (``explain_cadre``, ``explain_opening``) for notebooks, and
``render_cadre`` / ``render_opening`` turn it into text (Chinese by default, codes always shown).
Re-solves are bounded: at most ``max_resolves`` per call, ranked by a quick estimate (the
line's own weighted objective coefficients minus those of the lines it would displace), each
with a short time limit and the current plan as a hint.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np

from models import facts
from models.plan import Plan
from models.scenario import TERMS, Lock, Scenario
from planner.labels import (  # noqa: I001
    FILTER_EN,
    FILTER_ZH,
    HARDSHIP_ZH,
    KIND_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,
    TERM_ZH,
    cadre_label,
    filter_words,
    opening_label,
    unit_label,
)
from planner.solve.reasons import required_codes  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)

REASON_ORDER = ("R4", "R6", "R7", "R3", "lock", "shortage", "preference", "fairness", "development", "exchange", "fit")


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------
def load_plan(plan) -> tuple:
    """(Plan, summary or None) from a ``Plan``, a list of assignments, or a plan folder."""
    if isinstance(plan, Plan):
        return plan, None
    if isinstance(plan, (str, Path)):
        from planner.check import read_plan
        rows, summary = read_plan(plan)
        return Plan(tuple(rows)), summary
    return Plan(tuple(plan)), None


class _Model:
    """The built model of a scenario plus per-pair objective coefficients, built once per call."""

    def __init__(self, scenario: Scenario, built=None):
        from planner.solve import build_model
        self.sc = scenario
        self.built = built or build_model(scenario)
        self.ctx = self.built.ctx
        m, n = self.built.model, self.ctx.n_pairs
        self.weights = scenario.weights.as_dict()
        self.term_coef = {}
        for t in TERMS:
            coef = np.zeros(n, dtype=np.int64)
            for idx, c in m.terms.get(t, []):
                sel = idx < n
                np.add.at(coef, idx[sel], c[sel])
            self.term_coef[t] = coef
        self.obj_coef = sum(self.weights[t] * self.term_coef[t] for t in TERMS)

    def pair(self, cadre_id, opening_id):
        return self.ctx.pair_index(cadre_id, opening_id)

    def values(self, pairs) -> np.ndarray:
        from planner.solve import settle_aux
        m = self.built.model
        v = np.zeros(m.n_vars, dtype=np.int64)
        for c, o in pairs:
            p = self.pair(c, o)
            if p is not None:
                v[p] = 1
        return settle_aux(m, v)

    def terms_of(self, pairs) -> dict:
        v = self.values(pairs)
        return {t: self.built.model.term_value(t, v) for t in TERMS}

    def pair_terms(self, p) -> dict:
        """What one line adds to each term by itself (the pair's own coefficients)."""
        return {t: int(self.term_coef[t][p]) for t in TERMS if self.term_coef[t][p]}


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------
_based_after = facts.based_after


def cadre_facts(scenario: Scenario, plan: Plan, cadre_id: str) -> dict:
    """The facts of SPEC 3 that the rules use, before and after the plan (``models.facts``)."""
    sc = scenario
    c = sc.cadre_by_id[cadre_id]
    y = sc.plan_year
    mine = [a.opening_id for a in plan.assignments if a.cadre_id == cadre_id]
    hist = facts.historical_points(sc, c)
    added = facts.plan_points(sc, mine)
    base = _based_after(sc, plan)
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


# --------------------------------------------------------------------------------------------
# Reasons in words
# --------------------------------------------------------------------------------------------
def reason_words(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, code: str, lang: str = "zh") -> str:
    """One reason code of plan.csv in plain words, with the data behind it."""
    sc = scenario
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    u = sc.unit_by_id[o.unit_id]
    zh = lang == "zh"
    y = sc.plan_year
    if code == "R4":
        return (f"R4 新录用人员须先到基层：{unit_label(sc, o.unit_id)} 是基层单位" if zh
                else f"R4 a new recruit's first posting must be at the grassroots: {o.unit_id} is grassroots")
    if code == "R6":
        n = facts.years_at_unit(c, y)
        return (f"R6 在 {unit_label(sc, c.unit_id)} 已任职 {n} 年（满 {sc.rules.max_tenure_years} 年须交流）" if zh
                else f"R6 {n} years at {c.unit_id} (a posting is due after {sc.rules.max_tenure_years})")
    if code == "R7":
        base = _based_after(sc, plan)
        who = [(other, rel) for other, rel in sc.partners.get(cadre_id, ())
               if sc.cadre_by_id[other].unit_id == c.unit_id and base.get(other) == c.unit_id]
        names = "、".join(f"{rel or '亲属'} {cadre_label(sc, other)}" for other, rel in who) if zh else \
            ", ".join(f"{rel or 'relative'} {other}" for other, rel in who)
        return (f"R7 亲属回避：{names} 留在 {unit_label(sc, c.unit_id)}，本人须交流出去" if zh
                else f"R7 recusal: {names} stays in {c.unit_id}, so this cadre moves")
    if code == "R3":
        return (f"R3 {opening_label(sc, opening_id)} 最少需 {o.min_seats} 人" if zh
                else f"R3 {opening_id} needs at least {o.min_seats}")
    if code == "R9":
        needs = [f"{need}:{k}" for need, k in o.team_needs if c.specialty == need or need in c.certificates]
        return (f"R9 队伍构成需要：{'、'.join(needs)}，本人具备" if zh
                else f"R9 the team needs {', '.join(needs)}, which this cadre meets")
    if code == "lock":
        note = next((lk.note for lk in sc.locks if lk.cadre_id == cadre_id and lk.opening_id == opening_id
                     and lk.lock == "require"), "")
        return ("R11 党组预定必须安排" + (f"（{note}）" if note else "") if zh
                else "R11 required by a committee lock" + (f" ({note})" if note else ""))
    if code == "shortage":
        target = c.specialty in sc.target_specialties
        return (f"shortage 补充重点缺人单位 {unit_label(sc, o.unit_id)}" + ("，本人为重点目标专业 " + c.specialty if target else "")
                if zh else f"shortage: {o.unit_id} is a key shortage unit" + (f", and {c.specialty} is a target specialty" if target else ""))
    if code.startswith("preference"):
        k = code.split(":")[1] if ":" in code else "?"
        return f"preference 本人第 {k} 志愿" if zh else f"preference: the cadre's wish no. {k}"
    if code == "fairness":
        pts = sc.opening_points(o)
        hist = facts.historical_points(sc, c)
        need = (not facts.grassroots_record(sc, c) and facts.service_years(c, y) >= sc.rules.first_stop_years
                and o.kind in ("posting", "temporary") and u.grassroots)
        parts = []
        if pts:
            parts.append(f"此岗位艰苦积分 {pts}，本人此前积分 {hist}" if zh else f"{pts} hardship points, {hist} carried before")
        if need:
            parts.append("取得基层经历" if zh else "gains a grassroots record")
        return "fairness 艰苦均衡：" + "，".join(parts) if zh else "fairness: " + ", ".join(parts)
    if code == "development":
        return (f"development 蓄水池培养：岗位培养价值 {o.development} 分" if zh
                else f"development: talent pool member, {o.development} development points")
    if code == "exchange":
        src = sc.unit_by_id[c.unit_id].region_id if c.unit_id else "?"
        return (f"exchange 跨地域交流：{src} → {u.region_id}" if zh else f"exchange: cross-region posting {src} -> {u.region_id}")
    if code == "fit":
        s = sc.fit_score.get((cadre_id, opening_id), 0)
        return f"fit 人岗相适度 {s} 分" if zh else f"fit: fit score {s}"
    return code


def verify_reasons(scenario: Scenario, plan: Plan) -> list:
    """Every reason code of every line checked against the scenario data: a list of disagreements
    (empty when each code is true of its line). For tests and for ``planner explain``."""
    sc = scenario
    out = []
    base = _based_after(sc, plan)
    for a in plan.assignments:
        c, o = sc.cadre_by_id[a.cadre_id], sc.opening_by_id[a.opening_id]
        u = sc.unit_by_id[o.unit_id]
        for code in a.reasons:
            ok = True
            if code == "R4":
                ok = c.is_recruit and o.kind == "posting" and u.grassroots
            elif code == "R6":
                ok = facts.rotation_due(sc, c) and o.kind == "posting"
            elif code == "R7":
                ok = o.kind == "posting" and any(sc.cadre_by_id[x].unit_id == c.unit_id and base.get(x) == c.unit_id
                                                 for x, _ in sc.partners.get(a.cadre_id, ()))
            elif code == "R3":
                ok = o.min_seats > 0
            elif code == "R9":
                ok = any(c.specialty == need or need in c.certificates for need, _ in o.team_needs)
            elif code == "lock":
                ok = any(lk.cadre_id == a.cadre_id and lk.opening_id == a.opening_id and lk.lock == "require"
                         for lk in sc.locks)
            elif code == "shortage":
                ok = u.key_shortage and o.kind in ("posting", "temporary")
            elif code.startswith("preference:"):
                ok = sc.preference_rank.get((a.cadre_id, a.opening_id)) == int(code.split(":")[1])
            elif code == "fairness":
                need = (not facts.grassroots_record(sc, c)
                        and facts.service_years(c, sc.plan_year) >= sc.rules.first_stop_years
                        and o.kind in ("posting", "temporary") and u.grassroots)
                ok = sc.opening_points(o) > 0 or need
            elif code == "development":
                ok = c.talent_pool and o.development > 0
            elif code == "exchange":
                ok = (o.kind == "posting" and c.unit_id is not None
                      and sc.unit_by_id[c.unit_id].region_id != u.region_id)
            elif code == "fit":
                ok = sc.fit_score.get((a.cadre_id, a.opening_id), 0) > 0
            else:
                ok = False
            if not ok:
                out.append(f"{a.cadre_id} {a.opening_id}: reason {code} does not hold")
    return out


# --------------------------------------------------------------------------------------------
# Why not: rules binding through the plan
# --------------------------------------------------------------------------------------------
def _overlap(a, b) -> bool:
    return a.start_month <= b.end_month and b.start_month <= a.end_month


def plan_conflicts(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, lang: str = "zh") -> list:
    """Hard rules that keep ``cadre_id`` off ``opening_id`` *given the rest of the plan*: each
    (code, words, displaced lines). A switch must change the plan elsewhere to get round them."""
    sc = scenario
    zh = lang == "zh"
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    mine = [a for a in plan.assignments if a.cadre_id == cadre_id]
    takers = [a for a in plan.assignments if a.opening_id == opening_id and a.cadre_id != cadre_id]
    base = _based_after(sc, plan)
    out = []
    if o.kind == "posting":
        for a in mine:
            if a.kind == "posting":
                locked = any(lk.cadre_id == cadre_id and lk.opening_id == a.opening_id and lk.lock == "require"
                             for lk in sc.locks)
                out.append(("R1", (f"R1 已安排交流到 {opening_label(sc, a.opening_id)}，一人至多一处" if zh
                                   else f"R1 already posted to {a.opening_id}; at most one posting")
                            + (("（党组预定）" if zh else " (a committee lock)") if locked else ""), [a.opening_id]))
        for other, rel in sc.partners.get(cadre_id, ()):
            if base.get(other) == o.unit_id:
                moved = base.get(other) != sc.cadre_by_id[other].unit_id
                out.append(("R7", (f"R7 {rel or '亲属'} {cadre_label(sc, other)} " + ("将交流到" if moved else "在")
                                   + f" {unit_label(sc, o.unit_id)}" if zh
                                   else f"R7 {rel or 'relative'} {other} is based in {o.unit_id}"
                                   + (" after the plan" if moved else "")), []))
    else:
        away = [a for a in mine if a.kind != "posting"]
        for a in away:
            ao = sc.opening_by_id[a.opening_id]
            if _overlap(ao, o):
                out.append(("R8", (f"R8 与已安排的 {opening_label(sc, a.opening_id)}（{ao.start_month}-{ao.end_month} 月）时间重叠"
                                   if zh else f"R8 overlaps {a.opening_id} (months {ao.start_month}-{ao.end_month}) already given"),
                            [a.opening_id]))
        months = sum(sc.opening_by_id[a.opening_id].months for a in away
                     if not _overlap(sc.opening_by_id[a.opening_id], o))
        if months + o.months > sc.rules.max_away_months:
            out.append(("R8", (f"R8 全年外派将达 {months + o.months} 个月，超过上限 {sc.rules.max_away_months} 个月" if zh
                               else f"R8 would be away {months + o.months} months, above {sc.rules.max_away_months}"),
                        [a.opening_id for a in away]))
        for other, rel in sc.partners.get(cadre_id, ()):
            if any(t.cadre_id == other for t in takers):
                out.append(("R7", (f"R7 {rel or '亲属'} {cadre_label(sc, other)} 已在该队伍中" if zh
                                   else f"R7 {rel or 'relative'} {other} is on this team"), []))
    if len(takers) >= o.seats:
        out.append(("R3", (f"R3 名额已满（{o.seats} 个）：{'、'.join(t.cadre_id for t in takers)}" if zh
                           else f"R3 seats full ({o.seats}): {', '.join(t.cadre_id for t in takers)}"), []))
    if o.team_needs and not takers:
        # An unstaffed opening: the cadre alone must meet every team need, or others must join.
        for code, k in o.team_needs:
            have = 1 if (c.specialty == code or code in c.certificates) else 0
            if have < k:
                out.append(("R9", (f"R9 该岗位尚无人安排，队伍中至少需 {k} 名具备 {code} 的人员，须另有人员同去" if zh
                                   else f"R9 nobody holds it yet and the team needs {k} with {code}: others must join"),
                            []))
    return out


def team_block(scenario: Scenario, cadre_id: str, opening_id: str, lang: str = "zh") -> list:
    """R9 with R3 as a hard block: a team need ``CODE:k`` the cadre does not meet while the other
    seats (``seats - 1``) cannot hold k who do - no plan can put the cadre there."""
    sc = scenario
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    zh = lang == "zh"
    out = []
    for code, k in o.team_needs:
        if c.specialty == code or code in c.certificates or k <= o.seats - 1:
            continue
        out.append(("R9", (f"R9 队伍中至少需 {k} 名具备 {code} 的人员，岗位名额只有 {o.seats} 个，本人不具备 {code}" if zh
                           else f"R9 the team needs {k} with {code} in {o.seats} seat(s), and the cadre has no {code}")))
    return out


def _estimate(model: _Model, plan: Plan, cadre_id: str, opening_id: str, conflicts: list) -> int:
    """Quick estimate of the objective change of a switch: the pair's own weighted coefficients
    minus those of the lines it displaces (R1/R8 conflicts) and, when seats are full, of the
    cheapest holder's line."""
    p = model.pair(cadre_id, opening_id)
    if p is None:
        return -10 ** 9
    gain = int(model.obj_coef[p])
    lost = 0
    for code, _, displaced in conflicts:
        for oid in displaced:
            q = model.pair(cadre_id, oid)
            if q is not None:
                lost += int(model.obj_coef[q])
        if code == "R3":
            vals = [int(model.obj_coef[q]) for a in plan.assignments if a.opening_id == opening_id
                    for q in [model.pair(a.cadre_id, opening_id)] if q is not None]
            lost += min(vals) if vals else 0
    return gain - lost


def local_switch(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, model: _Model) -> set:
    """The plan with the pair put in and what it directly collides with taken out: the cadre's
    other posting (R1) or overlapping/over-cap away lines (R8), and - when the seats are full -
    the holder whose line is worth least (never one held by a require lock). A starting point
    for the re-solve and, when the checker accepts it, a switch the committee could make as is."""
    sc = scenario
    locked = {(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"}
    pairs = set(plan.pairs())
    for code, _, displaced in plan_conflicts(sc, plan, cadre_id, opening_id, "en"):
        for oid in displaced:
            pairs.discard((cadre_id, oid))
        if code == "R3":
            holders = [(c, o) for c, o in pairs if o == opening_id and (c, o) not in locked]
            if holders:
                worth = lambda pr: (int(model.obj_coef[model.pair(*pr)]) if model.pair(*pr) is not None else 0, pr)
                pairs.discard(min(holders, key=worth))
    pairs.add((cadre_id, opening_id))
    return pairs


def _rows(scenario, pairs):
    from models.plan import Assignment
    rows = []
    for c, o in pairs:
        op = scenario.opening_by_id[o]
        rows.append(Assignment(c, o, op.kind, op.unit_id, op.start_month, op.end_month))
    return Plan(tuple(rows)).assignments


def forced_resolve(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, model: _Model | None = None,
                   base_terms: dict | None = None, time_limit: float = 5.0, solver: str = "cpsat",
                   workers: int | None = None) -> dict:
    """What the plan loses when the pair is forced: re-solve with a require lock on it, started
    from the local switch (``local_switch``), and compare term by term with the plan.

    Returns {"status", "delta": {term: forced - plan}, "objective_delta", "added", "removed",
    "changed_lines", "proven", "method"}. When the time-limited re-solve does worse than the
    local switch (and the checker accepts the switch), the switch is reported instead
    (``method`` = ``local switch``): either way the figure is what a valid plan with the pair
    achieves, so the true loss is at most this.
    """
    from planner.check import check_plan
    from planner.solve import solve
    model = model or _Model(scenario)
    base_terms = base_terms or model.terms_of(plan.pairs())
    w = scenario.weights.as_dict()
    forced = scenario.replace(locks=tuple(scenario.locks) + (Lock(cadre_id, opening_id, "require", "explain"),))
    switch = local_switch(scenario, plan, cadre_id, opening_id, model)
    t0 = time.perf_counter()
    res = solve(forced, solver=solver, time_limit=time_limit, workers=workers, hint={pr: 1 for pr in switch})
    out = {"cadre_id": cadre_id, "opening_id": opening_id, "status": res.status,
           "seconds": round(time.perf_counter() - t0, 2), "time_limit_s": time_limit}
    best_pairs, best_terms, method = None, None, "re-solve"
    if res.plan is not None:
        best_pairs, best_terms = res.plan.pairs(), {t: int(res.terms[t]) for t in TERMS}
    if res.status != "OPTIMAL" and res.status != "INFEASIBLE":
        if not check_plan(scenario, _rows(scenario, switch)).violations:
            sw_terms = model.terms_of(switch)
            better = best_terms is None or (sum(w[t] * sw_terms[t] for t in TERMS)
                                            > sum(w[t] * best_terms[t] for t in TERMS))
            if better:
                best_pairs, best_terms, method = switch, sw_terms, "local switch"
    if best_pairs is None:
        if res.status == "INFEASIBLE":
            # Say which rules the forced pair collides with: the checks and the core, no fixes.
            from planner.diagnose import diagnose_infeasible
            from planner.solve import build_model
            d = diagnose_infeasible(forced, build_model(forced), time_budget=min(5.0, time_limit), fixes=False)
            items = [it for it in d["checks"] + d["core"]
                     if not (it["rule"] == "R11" and it["cadres"] == [cadre_id] and it["openings"] == [opening_id]
                             and len(it["codes"]) == 1)]
            out["why"] = [{"codes": it["codes"], "cadres": it["cadres"], "openings": it["openings"],
                           "text": it["text"], "text_zh": it["text_zh"]} for it in items[:3]]
        return out
    delta = {t: int(best_terms[t]) - int(base_terms[t]) for t in TERMS}
    out["method"] = method
    out["delta"] = delta
    out["weights"] = w
    out["weighted_delta"] = {t: w[t] * delta[t] for t in TERMS}
    out["objective_delta"] = int(sum(w[t] * delta[t] for t in TERMS))
    old = plan.pairs()
    out["added"] = sorted(best_pairs - old)
    out["removed"] = sorted(old - best_pairs)
    out["changed_lines"] = len(best_pairs ^ old)
    out["proven"] = res.status == "OPTIMAL" and method == "re-solve"
    return out


# --------------------------------------------------------------------------------------------
# Explain a cadre
# --------------------------------------------------------------------------------------------
def _line(scenario, plan, model: _Model, a, lang) -> dict:
    o = scenario.opening_by_id[a.opening_id]
    p = model.pair(a.cadre_id, a.opening_id)
    return {"opening_id": a.opening_id, "name": o.name, "kind": a.kind, "unit_id": a.unit_id,
            "unit_name": scenario.unit_by_id[a.unit_id].name, "months": [a.start_month, a.end_month],
            "points": scenario.opening_points(o), "reasons": list(a.reasons),
            "reasons_text": [reason_words(scenario, plan, a.cadre_id, a.opening_id, r, lang) for r in a.reasons],
            "terms": model.pair_terms(p) if p is not None else {}}


def explain_cadre(scenario: Scenario, plan, cadre_id: str, lang: str = "zh", max_resolves: int = 5,
                  resolve_time: float = 5.0, solver: str = "cpsat", workers: int | None = None, built=None) -> dict:
    """Everything about one cadre's place in the plan, as a dict (see the module docstring).

    Parameters
    ----------
    scenario : the scenario the plan was made for.
    plan : a ``models.Plan``, a list of assignments, or a plan folder (plan.csv).
    cadre_id : the cadre.
    lang : ``zh`` or ``en`` for the words (codes are always given).
    max_resolves : how many switches to re-solve (ranked by the quick estimate); 0 for none.
    resolve_time : time limit of each re-solve, seconds.
    """
    plan, _ = load_plan(plan)
    sc = scenario
    if cadre_id not in sc.cadre_by_id:
        raise KeyError(f"unknown cadre {cadre_id}")
    t0 = time.perf_counter()
    model = _Model(sc, built)
    elig = model.ctx.elig
    mine = [a for a in plan.assignments if a.cadre_id == cadre_id]
    given = {a.opening_id for a in mine}
    out = {"cadre": cadre_facts(sc, plan, cadre_id),
           "lines": [_line(sc, plan, model, a, lang) for a in mine],
           "openings": [], "resolves": [], "lang": lang}
    candidates = []
    for o in sc.openings:
        if o.opening_id in given:
            continue
        blocked = elig.blocking_filters(cadre_id, o.opening_id)
        team = [] if blocked else team_block(sc, cadre_id, o.opening_id, lang)
        entry = {"opening_id": o.opening_id, "name": o.name, "kind": o.kind, "unit_id": o.unit_id}
        if blocked:
            entry["status"] = "blocked"
            entry["rules"] = [{"code": code, "filter": name,
                               "text": filter_words(sc, cadre_id, o.opening_id, code, name, lang)} for code, name in blocked]
        elif team:
            entry["status"] = "blocked"
            entry["rules"] = [{"code": code, "filter": "team_needs", "text": text} for code, text in team]
        else:
            conflicts = plan_conflicts(sc, plan, cadre_id, o.opening_id, lang)
            entry["status"] = "conflict" if conflicts else "open"
            entry["rules"] = [{"code": code, "text": text, "displaces": disp} for code, text, disp in conflicts]
            entry["estimate"] = _estimate(model, plan, cadre_id, o.opening_id, conflicts)
            candidates.append(entry)
        out["openings"].append(entry)
    candidates.sort(key=lambda e: (-e["estimate"], e["opening_id"]))
    for rank, e in enumerate(candidates, 1):
        e["estimate_rank"] = rank
    base_terms = model.terms_of(plan.pairs()) if max_resolves > 0 and candidates else None
    out["plan_terms"] = base_terms
    for e in candidates[:max_resolves]:
        r = forced_resolve(sc, plan, cadre_id, e["opening_id"], model, base_terms, resolve_time, solver, workers)
        e["resolve"] = r
        out["resolves"].append(r)
    out["resolve_policy"] = {"max_resolves": max_resolves, "time_limit_s": resolve_time,
                             "candidates": len(candidates), "resolved": min(max_resolves, len(candidates)),
                             "ranked_by": "estimate: the pair's weighted objective coefficients minus those of "
                                          "the lines it displaces"}
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out


# --------------------------------------------------------------------------------------------
# Explain an opening
# --------------------------------------------------------------------------------------------
def explain_opening(scenario: Scenario, plan, opening_id: str, lang: str = "zh", max_resolves: int = 5,
                    resolve_time: float = 5.0, solver: str = "cpsat", workers: int | None = None, built=None) -> dict:
    """Who took an opening, who else could have and why they did not, and who is kept off by which rule."""
    from planner.model.eligibility import FILTERS
    plan, _ = load_plan(plan)
    sc = scenario
    if opening_id not in sc.opening_by_id:
        raise KeyError(f"unknown opening {opening_id}")
    t0 = time.perf_counter()
    o = sc.opening_by_id[opening_id]
    model = _Model(sc, built)
    ctx, elig = model.ctx, model.ctx.elig
    takers = [a for a in plan.assignments if a.opening_id == opening_id]
    taken = {a.cadre_id for a in takers}
    j = ctx.opening_index[opening_id]
    cand_ids = [ctx.ca.ids[i] for i in ctx.pc[ctx.pairs_by_opening[j]].tolist()]
    out = {"opening": {"opening_id": opening_id, "name": o.name, "kind": o.kind, "unit_id": o.unit_id,
                       "unit_name": sc.unit_by_id[o.unit_id].name, "months": [o.start_month, o.end_month],
                       "seats": o.seats, "min_seats": o.min_seats, "hardship": sc.opening_hardship(o),
                       "points": sc.opening_points(o), "development": o.development,
                       "team_needs": [list(t) for t in o.team_needs],
                       "key_shortage": sc.unit_by_id[o.unit_id].key_shortage,
                       "grassroots": sc.unit_by_id[o.unit_id].grassroots},
           "taken_by": [{"cadre_id": a.cadre_id, "name": sc.cadre_by_id[a.cadre_id].name, "reasons": list(a.reasons),
                         "reasons_text": [reason_words(sc, plan, a.cadre_id, opening_id, r, lang) for r in a.reasons]}
                        for a in takers],
           "candidates": [], "ineligible": [], "resolves": [], "lang": lang}
    for cid in cand_ids:
        if cid in taken:
            continue
        team = team_block(sc, cid, opening_id, lang)
        if team:
            out["candidates"].append({"cadre_id": cid, "name": sc.cadre_by_id[cid].name, "status": "blocked",
                                      "rules": [{"code": code, "text": text, "displaces": []} for code, text in team],
                                      "estimate": -10 ** 9})
            continue
        conflicts = plan_conflicts(sc, plan, cid, opening_id, lang)
        out["candidates"].append({
            "cadre_id": cid, "name": sc.cadre_by_id[cid].name,
            "status": "conflict" if conflicts else "open",
            "rules": [{"code": code, "text": text, "displaces": disp} for code, text, disp in conflicts],
            "estimate": _estimate(model, plan, cid, opening_id, conflicts)})
    out["candidates"].sort(key=lambda e: (e["status"] == "blocked", -e["estimate"], e["cadre_id"]))
    # Who is kept off by which filter (a cadre may be counted under several).
    masks = elig.filter_masks(o)
    for (code, name), mk in zip(FILTERS, masks):
        off = np.flatnonzero(~mk)
        if off.size:
            ids = [ctx.ca.ids[i] for i in off.tolist()]
            out["ineligible"].append({"code": code, "filter": name, "count": int(off.size), "examples": ids[:10],
                                      "text": FILTER_ZH[name] if lang == "zh" else FILTER_EN[name]})
    base_terms = model.terms_of(plan.pairs()) if max_resolves > 0 and out["candidates"] else None
    out["plan_terms"] = base_terms
    for e in [e for e in out["candidates"] if e["status"] != "blocked"][:max_resolves]:
        r = forced_resolve(sc, plan, e["cadre_id"], opening_id, model, base_terms, resolve_time, solver, workers)
        e["resolve"] = r
        out["resolves"].append(r)
    n_open = sum(1 for e in out["candidates"] if e["status"] != "blocked")
    out["resolve_policy"] = {"max_resolves": max_resolves, "time_limit_s": resolve_time,
                             "candidates": n_open, "resolved": min(max_resolves, n_open)}
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------
def _yn(v, zh):
    return ("是" if v else "否") if zh else ("yes" if v else "no")


def _resolve_text(sc, r: dict, lang: str) -> str:
    zh = lang == "zh"
    if "delta" not in r:
        if r["status"] == "INFEASIBLE":
            why = r.get("why") or []
            detail = ("；".join(f"{'+'.join(w['codes'])} {w['text_zh']}" for w in why) if zh
                      else "; ".join(f"{'+'.join(w['codes'])} {w['text']}" for w in why))
            return (("强制安排后无可行方案" + (f"：{detail}" if detail else "")) if zh
                    else "no plan exists with this pair forced" + (f": {detail}" if detail else ""))
        return (f"限时 {r['time_limit_s']:g} 秒内未找到方案" if zh
                else f"no plan found within {r['time_limit_s']:g}s")
    w = r.get("weights") or {}
    parts = [(f"{TERM_ZH[t]}（{t}）{d:+,}" if zh else f"{t} {d:+,}") + (f" ×{w[t]}" if w.get(t, 1) != 1 else "")
             for t, d in r["delta"].items() if d]
    obj = r["objective_delta"]
    head = (f"目标值变化 {obj:+,}" if zh else f"objective {obj:+,}")
    if r.get("method") == "local switch":
        head += ("（限时内重新求解不如直接替换，此为直接替换的结果，实际损失不超过此数）" if zh
                 else " (the direct switch; the time-limited re-solve did no better, so the loss is at most this)")
    elif not r.get("proven"):
        head += ("（限时求解，未证明最优，实际损失不超过此数）" if zh
                 else " (time-limited re-solve, not proven optimal: the loss is at most this)")
    tail = (f"；需调整 {r['changed_lines']} 条安排" if zh else f"; {r['changed_lines']} line(s) change")
    return head + ("：" if zh else ": ") + ("，".join(parts) if zh else ", ".join(parts) or "no term changes") + tail


def render_cadre(d: dict, lang: str | None = None, scenario: Scenario | None = None, show_blocked: int = 1000) -> str:
    """Text for people: facts, lines and why, then every other opening."""
    lang = lang or d.get("lang", "zh")
    zh = lang == "zh"
    f = d["cadre"]
    L = []
    L.append(f"# {f['cadre_id']} {f['name']}")
    unit = f"{f['unit_id']} {f['unit_name']}" if f["unit_id"] else ("新录用人员，尚未分配" if zh else "new recruit, not yet posted")
    if zh:
        L += [f"- 现单位：{unit}；职级 {RANK_ZH[f['rank']]}（{f['rank']}）；编制 {POST_TYPE_ZH[f['post_type']]}；专业 {f['specialty']}；"
              f"考核 {RATING_ZH[f['rating']]}；年龄 {f['age']}",
              f"- 工龄 {f['service_years']} 年；在现单位 {f['years_at_unit']} 年；"
              f"任职满限须交流（R6）：{_yn(f['rotation_due'], zh)}；新录用人员（R4）：{_yn(f['recruit'], zh)}",
              f"- 基层经历：方案前 {_yn(f['grassroots_record'], zh)}，方案后 {_yn(f['grassroots_record_after'], zh)}；"
              f"须先到基层（R4）：{_yn(f['first_stop_restricted'], zh)}",
              f"- 艰苦积分：方案前 {f['points_before']}，本方案 +{f['points_plan']}，方案后 {f['points_after']}",
              f"- 照顾对象（R10）：{_yn(f['exempt'], zh)}；蓄水池：{_yn(f['talent_pool'], zh)}；"
              f"籍贯地区 {f['home_region']}；不回原单位（R5）：{'、'.join(f['no_return_units']) or '无'}"]
        for r in f["relations"]:
            L.append(f"- 回避关系（R7）：{r['relation'] or '亲属'} {r['cadre_id']} {r['name']}，方案后在 {r['based_after'] or '无'}"
                     + (f"（原在 {r['based_before']}）" if r["based_before"] != r["based_after"] else ""))
    else:
        L += [f"- unit: {unit}; rank {f['rank']}; post type {f['post_type']}; specialty {f['specialty']}; "
              f"rating {f['rating']}; age {f['age']}",
              f"- service years {f['service_years']}; years at unit {f['years_at_unit']}; "
              f"rotation due (R6): {_yn(f['rotation_due'], zh)}; new recruit (R4): {_yn(f['recruit'], zh)}",
              f"- grassroots record: before {_yn(f['grassroots_record'], zh)}, after {_yn(f['grassroots_record_after'], zh)}; "
              f"first stop restricted (R4): {_yn(f['first_stop_restricted'], zh)}",
              f"- hardship points: before {f['points_before']}, this plan +{f['points_plan']}, after {f['points_after']}",
              f"- exempt (R10): {_yn(f['exempt'], zh)}; talent pool: {_yn(f['talent_pool'], zh)}; "
              f"home region {f['home_region']}; no return (R5): {', '.join(f['no_return_units']) or 'none'}"]
        for r in f["relations"]:
            L.append(f"- relation (R7): {r['relation'] or 'relative'} {r['cadre_id']} {r['name']}, based after the plan in "
                     f"{r['based_after'] or 'none'}")
    L += ["", "## 本方案的安排及理由" if zh else "## Lines in the plan and why"]
    if not d["lines"]:
        L.append("- 本方案未作安排（不交流）" if zh else "- none (the cadre stays)")
    for ln in d["lines"]:
        kind = KIND_ZH[ln["kind"]] if zh else ln["kind"]
        L.append(f"- {ln['opening_id']} {ln['name']}（{kind}，{ln['unit_id']} {ln['unit_name']}，"
                 f"{ln['months'][0]}-{ln['months'][1]} 月，艰苦积分 {ln['points']}）" if zh else
                 f"- {ln['opening_id']} {ln['name']} ({kind}, {ln['unit_id']}, months {ln['months'][0]}-{ln['months'][1]}, "
                 f"{ln['points']} points)")
        for code, text in zip(ln["reasons"], ln["reasons_text"]):
            L.append(f"  - [{code}] {text}")
        if ln["terms"]:
            L.append("  - " + ("各项得分：" if zh else "term points: ")
                     + ", ".join(f"{t} {v:+}" for t, v in ln["terms"].items()))
    pol = d.get("resolve_policy", {})
    L += ["", "## 其他岗位" if zh else "## Every other opening"]
    if zh:
        L.append(f"（对可担任的 {pol.get('candidates', 0)} 个岗位按快速估算排序，仅前 {pol.get('resolved', 0)} 个"
                 f"强制安排后重新求解，每次限时 {pol.get('time_limit_s', 0):g} 秒；其余只给估算值。）")
    else:
        L.append(f"({pol.get('candidates', 0)} openings the cadre may take are ranked by a quick estimate; only the top "
                 f"{pol.get('resolved', 0)} were re-solved with the pair forced, {pol.get('time_limit_s', 0):g}s each; "
                 "the rest show the estimate only.)")
    open_ = [e for e in d["openings"] if e["status"] != "blocked"]
    open_.sort(key=lambda e: e.get("estimate_rank", 10 ** 6))
    for e in open_:
        rules = "；".join(f"{r['text']}" for r in e["rules"]) if zh else "; ".join(r["text"] for r in e["rules"])
        line = f"- {e['opening_id']} {e['name']}："
        if not zh:
            line = f"- {e['opening_id']} {e['name']}: "
        if rules:
            line += (("受本方案其他安排约束：" if zh else "held by the rest of the plan: ") + rules + ("；" if zh else "; "))
        if "resolve" in e:
            line += _resolve_text(None, e["resolve"], lang)
        else:
            line += (f"估算目标值变化 {e['estimate']:+,}（未重新求解）" if zh else f"estimated objective {e['estimate']:+,} (not re-solved)")
        L.append(line)
    blocked = [e for e in d["openings"] if e["status"] == "blocked"]
    L += ["", "## 不能担任的岗位（硬性规则）" if zh else "## Openings a hard rule rules out"]
    for e in blocked[:show_blocked]:
        L.append(f"- {e['opening_id']} {e['name']}：" + "；".join(r["text"] for r in e["rules"]) if zh else
                 f"- {e['opening_id']} {e['name']}: " + "; ".join(r["text"] for r in e["rules"]))
    if len(blocked) > show_blocked:
        L.append(f"- （另有 {len(blocked) - show_blocked} 个）" if zh else f"- ({len(blocked) - show_blocked} more)")
    return "\n".join(L) + "\n"


def render_opening(d: dict, lang: str | None = None) -> str:
    lang = lang or d.get("lang", "zh")
    zh = lang == "zh"
    o = d["opening"]
    L = [f"# {o['opening_id']} {o['name']}"]
    if zh:
        L.append(f"- {KIND_ZH[o['kind']]}；{o['unit_id']} {o['unit_name']}；{o['months'][0]}-{o['months'][1]} 月；"
                 f"名额 {o['seats']}，最少 {o['min_seats']}；艰苦程度 {HARDSHIP_ZH[o['hardship']]}（积分 {o['points']}）；"
                 f"培养价值 {o['development']}" + (f"；队伍构成 {', '.join(f'{c}:{k}' for c, k in o['team_needs'])}"
                                                 if o["team_needs"] else ""))
    else:
        L.append(f"- {o['kind']}; {o['unit_id']} {o['unit_name']}; months {o['months'][0]}-{o['months'][1]}; "
                 f"seats {o['seats']}, min {o['min_seats']}; hardship {o['hardship']} ({o['points']} points); "
                 f"development {o['development']}" + (f"; team needs {', '.join(f'{c}:{k}' for c, k in o['team_needs'])}"
                                                    if o["team_needs"] else ""))
    L += ["", "## 安排人选及理由" if zh else "## Who took it and why"]
    if not d["taken_by"]:
        L.append("- 无人安排" if zh else "- nobody")
    for t in d["taken_by"]:
        L.append(f"- {t['cadre_id']} {t['name']}")
        for code, text in zip(t["reasons"], t["reasons_text"]):
            L.append(f"  - [{code}] {text}")
    pol = d.get("resolve_policy", {})
    L += ["", "## 其他可担任人选及未安排原因" if zh else "## Who else could have taken it, and why not"]
    if zh:
        L.append(f"（共 {pol.get('candidates', 0)} 人，按快速估算排序，前 {pol.get('resolved', 0)} 人强制安排后重新求解，"
                 f"每次限时 {pol.get('time_limit_s', 0):g} 秒。）")
    else:
        L.append(f"({pol.get('candidates', 0)} cadres, ranked by a quick estimate; the top {pol.get('resolved', 0)} "
                 f"re-solved with the pair forced, {pol.get('time_limit_s', 0):g}s each.)")
    for e in d["candidates"]:
        line = f"- {e['cadre_id']} {e['name']}" + ("：" if zh else ": ")
        if e["rules"]:
            line += (("受本方案其他安排约束：" if zh else "held by the rest of the plan: ")
                     + ("；" if zh else "; ").join(r["text"] for r in e["rules"]) + ("；" if zh else "; "))
        if "resolve" in e:
            line += _resolve_text(None, e["resolve"], lang)
        else:
            line += (f"估算目标值变化 {e['estimate']:+,}" if zh else f"estimated objective {e['estimate']:+,}")
        L.append(line)
    L += ["", "## 不符合条件的人数（按规则）" if zh else "## Kept off by rule"]
    for r in d["ineligible"]:
        L.append(f"- {r['code']} {r['text']}：{r['count']} 人（如 {'、'.join(r['examples'][:5])}）" if zh
                 else f"- {r['code']} {r['text']}: {r['count']} (e.g. {', '.join(r['examples'][:5])})")
    return "\n".join(L) + "\n"


__all__ = ["explain_cadre", "explain_opening", "render_cadre", "render_opening", "cadre_facts", "plan_conflicts",
           "forced_resolve", "reason_words", "verify_reasons", "required_codes", "team_block", "load_plan"]
