"""Why a scenario has no plan: counting checks first, then a small core of rule instances.

The core comes from CP-SAT: every rule instance (a constraint ``Tag``: rule code + cadres +
openings) gets an assumption literal; CP-SAT returns a set of assumptions that cannot all hold,
and a deletion filter shrinks it until dropping any one makes the rest feasible.
"""
from __future__ import annotations

import logging
import time

import numpy as np

from planner.linear import Tag

log = logging.getLogger(__name__)

RULE_ZH = {
    "R1": "一人一岗（交流任职至多一处，且须离开原单位）",
    "R2": "任职资格（职级、专业、证书、编制、考核、蓄水池、工龄、年龄）",
    "R3": "岗位名额（不超过名额，不少于最低人数）",
    "R4": "基层第一站",
    "R5": "不回原单位（近 N 年内任职过的单位）",
    "R6": "任职满限须交流",
    "R7": "回避（亲属回避、地域回避）",
    "R8": "外派时间（不重叠，全年合计上限）",
    "R9": "队伍构成（所需证书或专业人数）",
    "R10": "照顾对象不派艰苦岗位",
    "R11": "党组预定（必须安排 / 不得安排）",
}

FILTER_TEXT = {
    "rank": "rank not accepted", "specialty": "specialty not accepted",
    "certificates": "lacks a required certificate", "post_type": "post type does not match",
    "rating": "rating below the minimum", "talent_pool": "not in the talent pool",
    "service_years": "too few service years", "age": "above the age limit",
    "current_unit": "already serves in that unit", "first_stop": "must first serve at the grassroots",
    "no_return": "held a posting there in the no-return years", "task_region": "task in home region or current region",
    "too_long": "longer than the yearly away limit", "exempt": "exempt from hardship assignments",
    "forbid": "forbidden by a committee lock",
}


def _item(rule, cadres=(), openings=(), text="", source="check"):
    return {"rule": rule, "cadres": list(cadres), "openings": list(openings), "text": text, "source": source}


def _blocked_explained(elig, opening, ids):
    """For cadres passing R2 but blocked by another filter: 'C2 (R7: task in home region ...)'."""
    out = []
    for cid in ids:
        fs = elig.blocking_filters(cid, opening.opening_id)
        if fs and all(code != "R2" for code, _ in fs):
            out.append((cid, fs))
    return out


def counting_checks(scenario, built) -> list:
    """Fast checks that each name a cause in plain words."""
    ctx = built.ctx
    sc, ca, elig = scenario, ctx.ca, ctx.elig
    items = []
    # Empty constraints that cannot hold: a rule instance with no candidate at all.
    for c in built.model.constraints:
        if c.idx.size == 0 and not (c.lo <= 0 <= c.hi):
            items.append(_item(c.tag.rule, c.tag.cadres, c.tag.openings,
                               f"no candidate at all: {c.tag.text}"))
    # R3: min_seats above the candidates; say who was kept off by R7/R10/... while R2-eligible.
    for j, o in enumerate(sc.openings):
        n = int(ctx.pairs_by_opening[j].size)
        if o.min_seats > n:
            masks = elig.filter_masks(o)
            r2_ok = np.logical_and.reduce(masks[:8])
            blocked = _blocked_explained(elig, o, [ca.ids[i] for i in np.flatnonzero(r2_ok)])
            rules = sorted({code for _, fs in blocked for code, _ in fs})
            detail = "; ".join(f"{cid}: " + ", ".join(f"{code} {FILTER_TEXT[w]}" for code, w in fs)
                               for cid, fs in blocked)
            items.append(_item("R3", [cid for cid, _ in blocked], [o.opening_id],
                               f"{o.opening_id} needs at least {o.min_seats} but only {n} cadre(s) may take it"
                               + (f"; kept off by {', '.join(rules)}: {detail}" if blocked else "")))
    # R4: more new recruits than grassroots posting seats open to them.
    recruits = np.flatnonzero(ca.recruit)
    if recruits.size:
        seats = sum(o.seats for j, o in enumerate(sc.openings)
                    if o.kind == "posting" and sc.unit_by_id[o.unit_id].grassroots
                    and np.isin(ctx.pc[ctx.pairs_by_opening[j]], recruits).any())
        if recruits.size > seats:
            items.append(_item("R4", [ca.ids[i] for i in recruits], [],
                               f"{recruits.size} new recruits but only {seats} grassroots posting seats open to them"))
    # R6: rotation-due cadres against posting seats they may take.
    due = np.flatnonzero(ca.rotation_due)
    if due.size:
        post_pairs = ctx.p_posting & np.isin(ctx.pc, due)
        seats = sum(sc.openings[j].seats for j in np.unique(ctx.po[post_pairs]).tolist())
        if due.size + recruits.size > seats + 0 and due.size > seats:
            items.append(_item("R6", [ca.ids[i] for i in due], [],
                               f"{due.size} cadres are due to rotate but only {seats} posting seats are open to them"))
    # R8 + R11: overlapping require locks for one cadre.
    req = {}
    for lk in sc.locks:
        if lk.lock == "require":
            req.setdefault(lk.cadre_id, []).append(sc.opening_by_id[lk.opening_id])
    for cid, ops in req.items():
        away = [o for o in ops if o.kind != "posting"]
        for a in range(len(away)):
            for b in range(a + 1, len(away)):
                x, y = away[a], away[b]
                if x.start_month <= y.end_month and y.start_month <= x.end_month:
                    items.append(_item("R8", [cid], [x.opening_id, y.opening_id],
                                       f"required locks (R11) put {cid} on {x.opening_id} (months {x.start_month}-{x.end_month}) "
                                       f"and {y.opening_id} (months {y.start_month}-{y.end_month}), which overlap"))
        months = sum(o.months for o in away)
        if months > sc.rules.max_away_months:
            items.append(_item("R8", [cid], [o.opening_id for o in away],
                               f"required locks (R11) send {cid} away {months} months, above {sc.rules.max_away_months}"))
        if sum(1 for o in ops if o.kind == "posting") > 1:
            items.append(_item("R1", [cid], [o.opening_id for o in ops if o.kind == "posting"],
                               f"required locks (R11) give {cid} more than one posting"))
    return items


def _tag_key(t: Tag):
    return (t.rule, t.cadres, t.openings, t.text)


def _infeasible_core(m, tags: list, limit: float):
    """Solve with only ``tags`` enforced by assumptions: (infeasible?, core tags or None)."""
    from ortools.sat.python import cp_model

    from planner.backends.cpsat import build_cp_model

    model, _, lits = build_cp_model(m, {}, assume=tags)
    model.add_assumptions([lits[t] for t in tags])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return False, None
    core_idx = set(solver.sufficient_assumptions_for_infeasibility())
    core = [t for t in tags if lits[t].index in core_idx]
    return True, core or list(tags)


def core_items(built, time_limit: float = 20.0, max_items: int = 5) -> list:
    """A small set of rule instances that cannot hold together: CP-SAT's sufficient assumptions,
    shrunk by a deletion filter until dropping any one instance makes the rest feasible."""
    m = built.model
    tags = sorted({c.tag for c in m.constraints if c.tag.rule != "term"}, key=_tag_key)
    t0 = time.perf_counter()
    infeasible, core = _infeasible_core(m, tags, time_limit)
    if not infeasible:
        return []
    core = sorted(core, key=_tag_key)
    i = 0
    while i < len(core) and time.perf_counter() - t0 < 2 * time_limit:
        trial = core[:i] + core[i + 1:]
        still, sub = _infeasible_core(m, trial, 5.0)
        if still:
            core = sorted(sub, key=_tag_key)
        else:
            i += 1
    log.info("infeasibility core: %d rule instances in %.2fs", len(core), time.perf_counter() - t0)
    return [_item(t.rule, t.cadres, t.openings, t.text, source="core") for t in core[:max_items]]


def diagnose_infeasible(scenario, built) -> dict:
    """The diagnosis of an infeasible scenario: counting checks, then the core."""
    checks = counting_checks(scenario, built)
    core = core_items(built)
    rules = sorted({it["rule"] for it in checks + core}, key=lambda r: (len(r), r))
    return {"status": "INFEASIBLE", "rules": rules, "checks": checks, "core": core}


def diagnosis_markdown(diag: dict, scenario, lang: str = "zh") -> str:
    """diagnosis.md: the rule families, the checks and the core in plain words."""
    zh = lang == "zh"
    lines = [f"# {'无可行方案：诊断' if zh else 'No feasible plan: diagnosis'}", "",
             f"{'方案' if zh else 'Scenario'}: {scenario.name}", ""]
    lines.append(("## 冲突的规则" if zh else "## Rules in conflict"))
    for r in diag["rules"]:
        label = RULE_ZH.get(r, r) if zh else r
        lines.append(f"- {r}: {label}" if zh else f"- {r}")
    for title_zh, title_en, key in (("快速核查", "Counting checks", "checks"),
                                    ("不能同时满足的规则实例", "Rule instances that cannot all hold", "core")):
        if diag.get(key):
            lines += ["", f"## {title_zh if zh else title_en}"]
            for it in diag[key]:
                who = ", ".join(it["cadres"])
                what = ", ".join(it["openings"])
                parts = [f"**{it['rule']}**" + (f"（{RULE_ZH.get(it['rule'], '')}）" if zh else "")]
                if who:
                    parts.append(("干部 " if zh else "cadres ") + who)
                if what:
                    parts.append(("岗位 " if zh else "openings ") + what)
                lines.append("- " + "；".join(parts) + (f"：{it['text']}" if it["text"] else ""))
    return "\n".join(lines) + "\n"
