"""Why a scenario has no plan, in words a planning office can act on.

Three layers, cheapest first (SPEC 6, issue 4):

1. **Counting checks** (``counting_checks``): each names a cause and the ids involved - more new
   recruits than grassroots posting seats open to them (R4), more rotation-due cadres than
   posting seats they may take (R6), a ``min_seats`` above the cadres who may take the opening
   (R3, with who was kept off by R7/R10/...), overlapping or contradicting ``require`` locks
   (R8/R1/R3/R7 + R11), team needs no eligible cadre can meet (R9), and a max-flow / Hall-set
   check naming a set of must-move cadres whose posting seats are too few.
2. **A core** (``core_items``): rule instances (a constraint ``Tag``: rule code, cadres,
   openings) that cannot hold together, from CP-SAT with one assumption literal per instance,
   shrunk by a deletion filter until dropping any one makes the rest feasible.
3. **Suggested fixes** (``suggest_fixes``): add a seat, lower ``min_seats``, lift a lock, allow
   transfer, widen an opening's requirements, ... - each *verified*: the fixed scenario gets a
   concrete plan that ``planner.check`` accepts, and the first fix is also re-solved with
   ``planner.solve.solve`` when time allows. Only verified fixes are reported.

The exact reduction
-------------------
At province size the model has ~500k pair variables; CP-SAT with an assumption per rule
instance on all of it is slow. ``reduce_model`` shrinks it *without changing feasibility*: a
variable is "helpful" when raising it can be needed by some constraint (positive coefficient
in a constraint whose lower side can be violated, negative in one whose upper side can be);
starting from the demand constraints (R4 exactly one posting, R6, min_seats, require locks,
kin pairs in one unit) this closes in a few vectorised passes. Every other variable can be set
to 0 in any feasible plan without breaking a constraint, so the model restricted to the helpful
variables (and to the constraints that can still be violated over their range) is feasible
exactly when the full one is, and any core of it is a core of the full model. The same
reduction gives the fast feasibility test behind each suggested fix.
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, replace as dc_replace

import numpy as np

from models.plan import Assignment, Plan
from models.scenario import Weights
from planner.linear import Tag

from planner.labels import (FILTER_EN, HARDSHIP_ZH, KIND_ZH, LEVEL_ZH, POST_TYPE_ZH, RANK_ZH,  # noqa: F401
                            RATING_ZH, RULE_ZH, TERM_ZH)  # SPEC 7 labels live in one place

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Labels (SPEC 7)
# --------------------------------------------------------------------------------------------
RULE_EN = {
    "R1": "one posting (at most one, and away from the current unit)",
    "R2": "eligibility (rank, specialty, certificates, post type, rating, talent pool, service, age)",
    "R3": "seats (at most seats, at least min_seats)",
    "R4": "first stop at the grassroots",
    "R5": "no return to a recent unit",
    "R6": "rotation due",
    "R7": "recusal (kin, home and current region)",
    "R8": "time away (no overlap, yearly cap)",
    "R9": "team needs",
    "R10": "exempt cadres take no hardship assignment",
    "R11": "committee locks (require / forbid)",
}
# Short English words per candidate filter (planner.eligibility.FILTERS): the labels module's.
FILTER_TEXT = FILTER_EN
FILTER_ZH = {
    "rank": "职级不符", "specialty": "专业不符", "certificates": "缺少所需证书", "post_type": "编制类型不符",
    "rating": "考核等次不够", "talent_pool": "限蓄水池人员", "service_years": "工龄不足", "age": "超过年龄上限",
    "current_unit": "已在该单位任职", "first_stop": "须先到基层", "no_return": "近年内在该单位任职过",
    "task_region": "任务地在本人籍贯或现单位所在地区", "too_long": "时长超过全年外派上限",
    "exempt": "照顾对象不派艰苦岗位", "forbid": "党组决定不得安排",
}
R2_FILTERS = ("rank", "specialty", "certificates", "post_type", "rating", "talent_pool", "service_years", "age")


def rule_label(code: str, lang: str = "zh") -> str:
    """``R7`` -> ``R7 回避（亲属回避、地域回避）`` (zh) or ``R7 recusal (...)`` (en)."""
    table = RULE_ZH if lang == "zh" else RULE_EN
    return f"{code} {table[code]}" if code in table else code


def cadre_label(scenario, cadre_id: str, lang: str = "zh") -> str:
    """``C9（王芳）`` in Chinese output, ``C9 (王芳)`` in English: ids always shown, names help a reader."""
    c = scenario.cadre_by_id.get(cadre_id)
    if c is None:
        return cadre_id
    return f"{cadre_id}（{c.name}）" if lang == "zh" else f"{cadre_id} ({c.name})"


def opening_label(scenario, opening_id: str, lang: str = "zh") -> str:
    o = scenario.opening_by_id.get(opening_id)
    if o is None:
        return opening_id
    return f"{opening_id}（{o.name}）" if lang == "zh" else f"{opening_id} ({o.name})"


def unit_label(scenario, unit_id, lang: str = "zh") -> str:
    u = scenario.unit_by_id.get(unit_id) if unit_id else None
    if u is None:
        return unit_id or ("无" if lang == "zh" else "none")
    return f"{unit_id}（{u.name}）" if lang == "zh" else f"{unit_id} ({u.name})"


def _region_name(scenario, region_id) -> str:
    r = scenario.region_by_id.get(region_id)
    return f"{region_id} {r.name}" if r else str(region_id)


def filter_words(scenario, cadre_id: str, opening_id: str, rule: str, name: str, lang: str = "zh") -> str:
    """One blocking filter of ``Eligibility.blocking_filters`` in plain words, with the numbers:
    ``R2 职级不符：本人正科级，岗位要求科员、副科级``."""
    from models import facts
    c = scenario.cadre_by_id[cadre_id]
    o = scenario.opening_by_id[opening_id]
    y = scenario.plan_year
    zh = lang == "zh"

    def lst(items, table=None):
        items = sorted(items)
        if zh:
            return "、".join(table.get(i, i) if table else i for i in items)
        return ", ".join(items)

    if name == "rank":
        w = (f"职级不符：本人{RANK_ZH[c.rank]}，岗位要求{lst(o.ranks, RANK_ZH)}" if zh
             else f"rank {c.rank} not accepted (accepts {lst(o.ranks)})")
    elif name == "specialty":
        w = (f"专业不符：本人 {c.specialty}，岗位要求 {lst(o.specialties)}" if zh
             else f"specialty {c.specialty} not accepted (accepts {lst(o.specialties)})")
    elif name == "certificates":
        missing = sorted(set(o.certificates) - set(c.certificates))
        w = f"缺少证书：{lst(missing)}" if zh else f"lacks certificate(s) {lst(missing)}"
    elif name == "post_type":
        transfer = o.allow_transfer and scenario.rules.allow_transfer
        if zh:
            w = (f"编制不符：本人{POST_TYPE_ZH[c.post_type]}，岗位要求{POST_TYPE_ZH.get(o.post_type, o.post_type)}"
                 + ("" if transfer else "（未开放转任）"))
        else:
            w = (f"post type {c.post_type} does not match {o.post_type}"
                 + ("" if transfer else " (no transfer allowed)"))
    elif name == "rating":
        w = (f"考核等次不够：本人{RATING_ZH[c.rating]}，岗位要求{RATING_ZH[o.min_rating]}及以上" if zh
             else f"rating {c.rating} below {o.min_rating}")
    elif name == "talent_pool":
        w = "岗位限蓄水池人员，本人不在蓄水池" if zh else "talent pool members only"
    elif name == "service_years":
        s = facts.service_years(c, y)
        w = (f"工龄不足：本人 {s} 年，岗位要求 {o.min_service_years} 年" if zh
             else f"{s} service years, below {o.min_service_years}")
    elif name == "age":
        a = facts.age(c, y)
        w = f"超过年龄上限：本人 {a} 岁，上限 {o.max_age} 岁" if zh else f"age {a} above {o.max_age}"
    elif name == "current_unit":
        w = (f"已在 {unit_label(scenario, c.unit_id)} 任职（交流须离开原单位）" if zh
             else f"already serves in {c.unit_id} (a posting must leave the current unit)")
    elif name == "first_stop":
        if c.is_recruit:
            w = ("新录用人员，只能交流到基层单位，该岗位不在基层" if zh
                 else "a new recruit may be posted only to a grassroots unit, and this one is not")
        else:
            s = facts.service_years(c, y)
            w = (f"无基层经历且工龄 {s} 年（不足 {scenario.rules.first_stop_years} 年），只能交流到基层单位" if zh
                 else f"no grassroots record and {s} service years (< {scenario.rules.first_stop_years}): "
                      "grassroots postings only")
    elif name == "no_return":
        w = (f"近 {scenario.rules.no_return_years} 年内在该单位任职过（不回原单位）" if zh
             else f"held a posting in {o.unit_id} within the last {scenario.rules.no_return_years} years")
    elif name == "task_region":
        region = scenario.unit_by_id[o.unit_id].region_id
        if c.home_region == region:
            w = (f"任务地 {_region_name(scenario, region)} 是本人籍贯地区（地域回避）" if zh
                 else f"task in {region}, the cadre's home region")
        else:
            w = (f"任务地 {_region_name(scenario, region)} 是本人现单位所在地区（地域回避）" if zh
                 else f"task in {region}, the region of the cadre's current unit")
    elif name == "too_long":
        w = (f"时长 {o.months} 个月，超过全年外派上限 {scenario.rules.max_away_months} 个月" if zh
             else f"{o.months} months, above the yearly cap of {scenario.rules.max_away_months}")
    elif name == "exempt":
        h = scenario.opening_hardship(o)
        w = (f"照顾对象，不派艰苦岗位（该岗位艰苦程度：{HARDSHIP_ZH[h]}）" if zh
             else f"exempt cadre, and the assignment's hardship is {h}")
    elif name == "forbid":
        notes = [lk.note for lk in scenario.locks
                 if lk.cadre_id == cadre_id and lk.opening_id == opening_id and lk.lock == "forbid" and lk.note]
        w = ("党组决定不得安排" if zh else "forbidden by a committee lock") + (f"（{notes[0]}）" if zh and notes
                                                                            else f" ({notes[0]})" if notes else "")
    else:
        w = FILTER_ZH.get(name, name) if zh else FILTER_TEXT.get(name, name)
    return f"{rule} {w}"


def _ids_text(ids, lang, limit=12, unit="人") -> str:
    """At most ``limit`` ids, then how many in all: ``C1、C2 等 30 人``."""
    ids = list(ids)
    sep = "、" if lang == "zh" else ", "
    if len(ids) <= limit:
        return sep.join(ids)
    more = len(ids) - limit
    return sep.join(ids[:limit]) + (f" 等 {len(ids)} {unit}" if lang == "zh" else f" and {more} more")


def _item(rule, cadres=(), openings=(), text="", text_zh="", source="check", codes=None, **extra):
    codes = list(codes) if codes else [rule]
    if rule not in codes:
        codes.insert(0, rule)
    d = {"rule": rule, "codes": codes, "cadres": list(cadres), "openings": list(openings),
         "text": text, "text_zh": text_zh or text, "source": source}
    d.update(extra)
    return d


# --------------------------------------------------------------------------------------------
# The exact reduction of the model to the variables that can matter for feasibility
# --------------------------------------------------------------------------------------------
@dataclass
class Reduced:
    """The feasibility core of a ``LinearModel`` (see the module docstring).

    ``cons``: indices (into ``model.constraints``) of the constraints that can still be violated
    over the helpful variables; ``helpful``: mask over variables; ``violated``: indices of kept
    constraints with no helpful variable left (they fail whatever the plan: a pair filtered out).
    """
    model: object
    cons: np.ndarray
    helpful: np.ndarray
    violated: np.ndarray
    seconds: float

    @property
    def n_vars(self) -> int:
        used = set()
        for k in self.cons.tolist():
            c = self.model.constraints[k]
            used.update(c.idx[self.helpful[c.idx]].tolist())
        return len(used)


def reduce_model(m) -> Reduced:
    """Restrict ``m`` (term constraints dropped) to the helpful variables; feasibility-equivalent."""
    t0 = time.perf_counter()
    hard = [k for k, c in enumerate(m.constraints) if c.tag.rule != "term"]
    n_c = len(hard)
    sizes = np.array([m.constraints[k].idx.size for k in hard], dtype=np.int64)
    con = np.repeat(np.arange(n_c, dtype=np.int64), sizes)
    var = np.concatenate([m.constraints[k].idx for k in hard]) if n_c else np.zeros(0, dtype=np.int64)
    coef = np.concatenate([m.constraints[k].coef for k in hard]).astype(np.float64) if n_c else np.zeros(0)
    lo = np.array([m.constraints[k].lo for k in hard], dtype=np.float64)
    hi = np.array([m.constraints[k].hi for k in hard], dtype=np.float64)
    ub = np.asarray(m.ub, dtype=np.float64)
    helpful = np.zeros(m.n_vars, dtype=bool)
    span = coef * ub[var] if var.size else np.zeros(0)
    pos, neg = coef > 0, coef < 0
    while True:
        inh = helpful[var]
        pos_max = np.bincount(con, weights=np.where(inh & pos, span, 0.0), minlength=n_c)
        neg_min = np.bincount(con, weights=np.where(inh & neg, span, 0.0), minlength=n_c)
        low = lo > neg_min + 1e-9      # the lower side can fail: raising a positive term may be needed
        high = hi < pos_max - 1e-9     # the upper side can fail: raising a negative term may be needed
        need = (pos & low[con]) | (neg & high[con])
        before = int(helpful.sum())
        helpful[var[need]] = True
        if int(helpful.sum()) == before:
            break
    active = low | high
    cons = np.array(hard, dtype=np.int64)[active]
    has_var = np.bincount(con, weights=inh.astype(np.float64), minlength=n_c) > 0
    violated = np.array(hard, dtype=np.int64)[active & ~has_var]
    red = Reduced(m, cons, helpful, violated, time.perf_counter() - t0)
    log.info("reduced model: %d of %d constraints, %d helpful variables of %d, %d violated outright (%.2fs)",
             cons.size, n_c, int(helpful.sum()), m.n_vars, violated.size, red.seconds)
    return red


def _cp_model(red: Reduced, cons, assume_tags=None):
    """A CpModel of the given reduced constraints: (model, var map, literal per tag)."""
    from ortools.sat.python import cp_model

    from planner.backends.cpsat import add_constraint
    m = red.model
    model = cp_model.CpModel()
    xs: dict = {}
    lits = {}
    if assume_tags is not None:
        for n, tag in enumerate(assume_tags):
            lits[tag] = model.new_bool_var(f"a{n}")
    for k in cons:
        c = m.constraints[k]
        lit = lits.get(c.tag) if assume_tags is not None else None
        if assume_tags is not None and lit is None:
            continue
        keep = red.helpful[c.idx]
        idx, coef = c.idx[keep].tolist(), c.coef[keep].tolist()
        vs = []
        for i in idx:
            v = xs.get(i)
            if v is None:
                ub = m.ub[i]
                v = model.new_bool_var(f"v{i}") if ub == 1 else model.new_int_var(0, ub, f"v{i}")
                xs[i] = v
            vs.append(v)
        add_constraint(model, vs, coef, c.lo, c.hi, lit)
    return model, xs, lits


def _solver(limit: float, workers: int = 1):
    from ortools.sat.python import cp_model
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(0.1, float(limit))
    s.parameters.num_workers = workers
    s.parameters.random_seed = 0
    return s


def reduced_feasible(red: Reduced, time_limit: float = 20.0, workers: int = 2):
    """Is the reduced model (hence the scenario) feasible? Returns (status, values or None);
    ``values`` covers every model variable (0 outside the helpful ones)."""
    from ortools.sat.python import cp_model
    if red.violated.size:
        return "INFEASIBLE", None
    model, xs, _ = _cp_model(red, red.cons.tolist())
    solver = _solver(time_limit, workers)
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = np.zeros(red.model.n_vars, dtype=np.int64)
        for i, v in xs.items():
            values[i] = solver.value(v)
        return "FEASIBLE", values
    return ("INFEASIBLE" if status == cp_model.INFEASIBLE else "UNKNOWN"), None


def _core_solve(red: Reduced, by_tag: dict, tags: list, limit: float):
    """(status, core) with only ``tags`` enforced, each through an assumption literal."""
    from ortools.sat.python import cp_model
    cons = sorted(k for t in tags for k in by_tag[t])
    model, _, lits = _cp_model(red, cons, assume_tags=tags)
    model.add_assumptions([lits[t] for t in tags])
    solver = _solver(limit, 1)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        core_idx = set(solver.sufficient_assumptions_for_infeasibility())
        core = [t for t in tags if lits[t].index in core_idx]
        return "INFEASIBLE", core or list(tags)
    return ("FEASIBLE" if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else "UNKNOWN"), None


def _sub_status(red: Reduced, by_tag: dict, tags: list, limit: float) -> str:
    """Feasibility of the constraints of ``tags`` alone, as plain constraints (no enforcement
    literals, so CP-SAT's LP sees them: a pigeonhole of 15 cadres into 14 seats is proved at the
    root, where the assumption form can search for minutes)."""
    from ortools.sat.python import cp_model
    cons = sorted(k for t in tags for k in by_tag[t])
    if any(k in set(red.violated.tolist()) for k in cons):
        return "INFEASIBLE"
    model, _, _ = _cp_model(red, cons)
    status = _solver(limit, 1).solve(model)
    if status == cp_model.INFEASIBLE:
        return "INFEASIBLE"
    return "FEASIBLE" if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else "UNKNOWN"


def _tag_key(t: Tag):
    # Demand instances (R4, R6, R11, R3) first: the deletion filter then tends to keep the
    # resource side, which is where fixes live, while still naming who must move.
    return (t.rule, t.cadres, t.openings, t.text)


def core_tags(built, red: Reduced | None = None, time_limit: float = 20.0, seed: list | None = None) -> list:
    """A deletion-minimal set of rule instances (tags) that cannot all hold, or [] if none found.

    ``seed``: tags known to be infeasible together (e.g. from a Hall violator); the deletion
    filter then starts from them instead of from CP-SAT's answer on the whole model, which at
    province size may take long to prove a counting argument that the flow check already made.
    """
    m = built.model
    red = red or reduce_model(m)
    t0 = time.perf_counter()
    if red.violated.size:
        # A constraint with no possible pair at all fails alone: it is a core of one.
        return [m.constraints[int(red.violated[0])].tag]
    by_tag: dict = {}
    for k in red.cons.tolist():
        by_tag.setdefault(m.constraints[k].tag, []).append(k)
    core = None
    if seed:
        seed = sorted({t for t in seed if t in by_tag}, key=_tag_key)
        if seed and _sub_status(red, by_tag, seed, time_limit) == "INFEASIBLE":
            core = seed
    if core is None:
        tags = sorted(by_tag, key=_tag_key)
        status, core = _core_solve(red, by_tag, tags, time_limit)
        if status != "INFEASIBLE":
            log.info("no core found (%s after %.1fs)", status, time.perf_counter() - t0)
            return []
    core = sorted(core, key=_tag_key)
    # Deletion filter: drop an instance whenever the rest still cannot hold.
    i = 0
    while i < len(core) and time.perf_counter() - t0 < 2 * time_limit:
        trial = core[:i] + core[i + 1:]
        st = _sub_status(red, by_tag, trial, 5.0) if trial else "FEASIBLE"
        if st == "INFEASIBLE":
            core = trial
        else:
            i += 1
    log.info("infeasibility core: %d rule instances in %.2fs", len(core), time.perf_counter() - t0)
    return core


def _seed_tags(built, checks: list) -> list:
    """Tags of the smallest Hall violator found by the checks: the demands of its cadres and the
    seat limits of the postings open to them (infeasible together by Hall's theorem)."""
    hall = [it for it in checks if it.get("check") == "hall"]
    if not hall:
        return []
    it = hall[0]
    cadres = {c for unit in it.get("seed_demands", []) for c in unit}
    opens = set(it["openings"])
    out = []
    for c in built.model.constraints:
        t = c.tag
        if t.rule in ("R4", "R6") and t.cadres and t.cadres[0] in cadres:
            out.append(t)
        elif t.rule == "R11" and t.cadres and t.cadres[0] in cadres:
            out.append(t)
        elif t.rule == "R7" and not t.openings and len(t.cadres) == 2 and set(t.cadres) <= cadres:
            out.append(t)
        elif t.rule == "R3" and t.openings and t.openings[0] in opens:
            out.append(t)
    return out


# --------------------------------------------------------------------------------------------
# Counting checks
# --------------------------------------------------------------------------------------------
def _blocked_explained(scenario, elig, opening, ids, lang="en"):
    """For cadres passing R2 but blocked by another filter: [(cadre_id, [(code, name), ...])]."""
    out = []
    for cid in ids:
        fs = elig.blocking_filters(cid, opening.opening_id)
        if fs and all(code != "R2" for code, _ in fs):
            out.append((cid, fs))
    return out


def _why(scenario, cid, oid, fs, lang):
    return ("；" if lang == "zh" else "; ").join(filter_words(scenario, cid, oid, code, name, lang) for code, name in fs)


def check_empty(scenario, built) -> list:
    """Demands with no candidate pair at all: a require lock on a pair the filters removed (R11
    with the filters that removed it), a new recruit or a rotation-due cadre with no posting open
    (R4/R6, with how many postings each filter closed). Needs only ``built.ctx``."""
    from planner.eligibility import FILTERS
    sc, ctx = scenario, built.ctx
    elig, ca = ctx.elig, ctx.ca
    items = []
    for lk in sc.locks:
        if lk.lock != "require" or lk.cadre_id not in ca.index or lk.opening_id not in sc.opening_by_id:
            continue
        if ctx.pair_index(lk.cadre_id, lk.opening_id) is not None:
            continue
        cid, oid = lk.cadre_id, lk.opening_id
        fs = elig.blocking_filters(cid, oid)
        codes = ["R11"] + sorted({code for code, _ in fs}, key=lambda r: (len(r), r))
        items.append(_item(
            "R11", [cid], [oid],
            f"the committee requires {cid} on {oid}, but {cid} may not take it: {_why(sc, cid, oid, fs, 'en')}",
            f"党组要求安排 {cadre_label(sc, cid)} 到 {opening_label(sc, oid)}，但其不能担任该岗位："
            f"{_why(sc, cid, oid, fs, 'zh')}",
            codes=codes, check="require_lock_blocked", blocked=[[code, name] for code, name in fs]))
    n_post = np.bincount(ctx.pc[ctx.p_posting], minlength=len(ca.ids))
    stuck = np.flatnonzero((ca.recruit | ca.rotation_due) & (n_post == 0))
    if stuck.size:
        # Per posting opening, the first filter that closes it, for every stuck cadre at once.
        counts = {int(i): {} for i in stuck}
        for o in sc.openings:
            if o.kind != "posting":
                continue
            masks = elig.filter_masks(o)
            for i in stuck.tolist():
                f = next((FILTERS[k] for k, mk in enumerate(masks) if not mk[i]), None)
                if f is not None:
                    counts[i][f] = counts[i].get(f, 0) + 1
        for i in stuck.tolist():
            cid = ca.ids[i]
            cs = sorted(counts[i].items(), key=lambda kv: -kv[1])
            en = ", ".join(f"{code} {FILTER_TEXT[n]}: {k}" for (code, n), k in cs) or "there are no postings"
            zh = "，".join(f"{code} {FILTER_ZH[n]} {k} 个" for (code, n), k in cs) or "没有交流岗位"
            rules = sorted({code for (code, _), _ in cs}, key=lambda r: (len(r), r))
            if ca.recruit[i]:
                items.append(_item("R4", [cid], [],
                                   f"new recruit {cid} must get one grassroots posting, but no posting is open to "
                                   f"{cid} (postings kept off by {en})",
                                   f"新录用人员 {cadre_label(sc, cid)} 须安排一个基层交流岗位，但没有任何交流岗位对其开放"
                                   f"（各岗位的排除原因：{zh}）", codes=["R4"] + rules, check="no_posting_open"))
            else:
                items.append(_item("R6", [cid], [],
                                   f"{cid} is due to rotate but no posting is open to {cid} (postings kept off by {en})",
                                   f"{cadre_label(sc, cid)} 任职已满限须交流，但没有任何交流岗位对其开放（各岗位的排除原因：{zh}）",
                                   codes=["R6"] + rules, check="no_posting_open"))
    return items


def check_r3_min_seats(scenario, built) -> list:
    """R3 (+R7, R10, ...): an opening's ``min_seats`` above the cadres who may take it at all."""
    ctx, sc, ca, elig = built.ctx, scenario, built.ctx.ca, built.ctx.elig
    items = []
    for j, o in enumerate(sc.openings):
        n = int(ctx.pairs_by_opening[j].size)
        if o.min_seats <= n:
            continue
        masks = elig.filter_masks(o)
        r2_ok = np.logical_and.reduce(masks[:8])
        blocked = _blocked_explained(sc, elig, o, [ca.ids[i] for i in np.flatnonzero(r2_ok)])
        codes = ["R3"] + sorted({code for _, fs in blocked for code, _ in fs}, key=lambda r: (len(r), r))
        may = [ca.ids[i] for i in ctx.pc[ctx.pairs_by_opening[j]].tolist()]
        en_detail = "; ".join(f"{cid}: {_why(sc, cid, o.opening_id, fs, 'en')}" for cid, fs in blocked)
        zh_detail = "；".join(f"{cadre_label(sc, cid)}：{_why(sc, cid, o.opening_id, fs, 'zh')}" for cid, fs in blocked)
        items.append(_item(
            "R3", [cid for cid, _ in blocked] + may, [o.opening_id],
            f"{o.opening_id} needs at least {o.min_seats} but only {n} cadre(s) may take it"
            + (f" ({', '.join(may)})" if may else "")
            + (f"; kept off by {', '.join(codes[1:])}: {en_detail}" if blocked else ""),
            f"{opening_label(sc, o.opening_id)} 最少需 {o.min_seats} 人，但符合条件的只有 {n} 人"
            + (f"（{'、'.join(may)}）" if may else "")
            + (f"；其余具备任职资格者因回避等规则不能参加：{zh_detail}" if blocked else ""),
            codes=codes, check="min_seats", available=n, min_seats=o.min_seats))
    return items


def check_r4_recruits(scenario, built) -> list:
    """R4: more new recruits than seats of grassroots postings open to them."""
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    recruits = np.flatnonzero(ca.recruit)
    if not recruits.size:
        return []
    sel = ctx.p_posting & ca.recruit[ctx.pc]
    opens = sorted(set(ctx.po[sel].tolist()))
    seats = sum(sc.openings[j].seats for j in opens)
    if recruits.size <= seats:
        return []
    ids = [ca.ids[i] for i in recruits]
    oids = [sc.openings[j].opening_id for j in opens]
    return [_item("R4", ids, oids,
                  f"{recruits.size} new recruits ({_ids_text(ids, 'en')}) must each get a grassroots posting, "
                  f"but the grassroots postings open to them have {seats} seat(s) in all"
                  + (f" ({', '.join(f'{sc.openings[j].opening_id}: {sc.openings[j].seats}' for j in opens[:10])})"
                     if opens else ""),
                  f"新录用人员 {recruits.size} 人（{_ids_text(ids, 'zh')}）须各安排一个基层交流岗位，"
                  f"但对其开放的基层岗位合计只有 {seats} 个名额"
                  + (f"（{'，'.join(f'{sc.openings[j].opening_id} {sc.openings[j].seats} 个' for j in opens[:10])}）"
                     if opens else ""),
                  codes=["R4", "R3"], check="recruits_vs_grassroots", deficit=int(recruits.size - seats))]


def check_r6_due(scenario, built) -> list:
    """R6: more rotation-due cadres than seats of the postings open to them."""
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    due = np.flatnonzero(ca.rotation_due & ~ca.recruit)
    if not due.size:
        return []
    sel = ctx.p_posting & ca.rotation_due[ctx.pc] & ~ca.recruit[ctx.pc]
    opens = sorted(set(ctx.po[sel].tolist()))
    seats = sum(sc.openings[j].seats for j in opens)
    if due.size <= seats:
        return []
    ids = [ca.ids[i] for i in due]
    return [_item("R6", ids, [sc.openings[j].opening_id for j in opens],
                  f"{due.size} cadres are due to rotate ({_ids_text(ids, 'en')}) but the postings open to them "
                  f"have {seats} seat(s) in all",
                  f"任职满 {sc.rules.max_tenure_years} 年须交流的干部 {due.size} 人（{_ids_text(ids, 'zh')}），"
                  f"但对其开放的交流岗位合计只有 {seats} 个名额",
                  codes=["R6", "R3"], check="due_vs_seats", deficit=int(due.size - seats))]


def check_locks(scenario, built) -> list:
    """Require locks that contradict each other or the rules through one cadre or one opening:
    overlapping months or too many months (R8), two postings (R1), more than the seats (R3),
    two relatives in one unit or on one team (R7)."""
    sc = scenario
    items = []
    req: dict = {}
    for lk in sc.locks:
        if lk.lock == "require" and lk.opening_id in sc.opening_by_id and lk.cadre_id in sc.cadre_by_id:
            req.setdefault(lk.cadre_id, []).append(sc.opening_by_id[lk.opening_id])
    for cid, ops in sorted(req.items()):
        away = sorted((o for o in ops if o.kind != "posting"), key=lambda o: (o.start_month, o.opening_id))
        for a in range(len(away)):
            for b in range(a + 1, len(away)):
                x, y = away[a], away[b]
                if x.start_month <= y.end_month and y.start_month <= x.end_month:
                    both = (max(x.start_month, y.start_month), min(x.end_month, y.end_month))
                    span = f"{both[0]}" if both[0] == both[1] else f"{both[0]}-{both[1]}"
                    items.append(_item(
                        "R8", [cid], [x.opening_id, y.opening_id],
                        f"require locks (R11) put {cid} on {x.opening_id} (months {x.start_month}-{x.end_month}) "
                        f"and {y.opening_id} (months {y.start_month}-{y.end_month}), which overlap in month(s) {span}",
                        f"党组预定（R11）要求 {cadre_label(sc, cid)} 同时参加 {opening_label(sc, x.opening_id)}"
                        f"（{x.start_month}-{x.end_month} 月）和 {opening_label(sc, y.opening_id)}"
                        f"（{y.start_month}-{y.end_month} 月），两者在 {span} 月重叠（R8 外派时间不得重叠）",
                        codes=["R8", "R11"], check="locks_overlap"))
        months = sum(o.months for o in away)
        if months > sc.rules.max_away_months:
            items.append(_item(
                "R8", [cid], [o.opening_id for o in away],
                f"require locks (R11) send {cid} away {months} months, above the cap of {sc.rules.max_away_months}",
                f"党组预定（R11）使 {cadre_label(sc, cid)} 全年外派 {months} 个月，超过上限 {sc.rules.max_away_months} 个月（R8）",
                codes=["R8", "R11"], check="locks_months"))
        posts = [o.opening_id for o in ops if o.kind == "posting"]
        if len(posts) > 1:
            items.append(_item("R1", [cid], posts,
                               f"require locks (R11) give {cid} {len(posts)} postings: {', '.join(posts)}",
                               f"党组预定（R11）给 {cadre_label(sc, cid)} 安排了 {len(posts)} 个交流岗位（{'、'.join(posts)}），"
                               "违反一人一岗（R1）", codes=["R1", "R11"], check="locks_two_postings"))
    per_opening: dict = {}
    for lk in sc.locks:
        if lk.lock == "require" and lk.opening_id in sc.opening_by_id:
            per_opening.setdefault(lk.opening_id, []).append(lk.cadre_id)
    for oid, cids in sorted(per_opening.items()):
        o = sc.opening_by_id[oid]
        if len(cids) > o.seats:
            items.append(_item("R3", cids, [oid],
                               f"{len(cids)} require locks (R11) on {oid}, which has {o.seats} seat(s)",
                               f"党组预定（R11）安排 {len(cids)} 人到 {opening_label(sc, oid)}，但该岗位只有 {o.seats} 个名额",
                               codes=["R3", "R11"], check="locks_over_seats"))
    # Relatives locked together.
    for r in sc.relations:
        a, b = r.cadre_a, r.cadre_b
        if a not in req or b not in req:
            continue
        common = {o.opening_id for o in req[a] if o.kind != "posting"} & {o.opening_id for o in req[b] if o.kind != "posting"}
        pa = [o for o in req[a] if o.kind == "posting"]
        pb = [o for o in req[b] if o.kind == "posting"]
        same_unit = {o.unit_id for o in pa} & {o.unit_id for o in pb}
        for oid in sorted(common):
            items.append(_item("R7", [a, b], [oid],
                               f"require locks (R11) put relatives {a} and {b} ({r.relation}) on the same team {oid}",
                               f"党组预定（R11）安排有{r.relation or '亲属'}关系的 {cadre_label(sc, a)} 与 {cadre_label(sc, b)} "
                               f"同在 {opening_label(sc, oid)}（R7 亲属回避）", codes=["R7", "R11"], check="locks_kin"))
        for u in sorted(same_unit):
            ops = [o.opening_id for o in pa + pb if o.unit_id == u]
            items.append(_item("R7", [a, b], ops,
                               f"require locks (R11) post relatives {a} and {b} ({r.relation}) both to {u}",
                               f"党组预定（R11）将有{r.relation or '亲属'}关系的 {cadre_label(sc, a)} 与 {cadre_label(sc, b)} "
                               f"都交流到 {unit_label(sc, u)}（R7 亲属回避）", codes=["R7", "R11"], check="locks_kin"))
    return items


def check_r9_team_needs(scenario, built) -> list:
    """R9: an opening that must be staffed (min_seats > 0 or a require lock) whose team need
    ``CODE:k`` cannot be met - fewer than k of the cadres who may take it qualify, or k > seats."""
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    locked = {lk.opening_id for lk in sc.locks if lk.lock == "require"}
    items = []
    for j, o in enumerate(sc.openings):
        if not o.team_needs or (o.min_seats == 0 and o.opening_id not in locked):
            continue
        cad = ctx.pc[ctx.pairs_by_opening[j]]
        for code, k in o.team_needs:
            bit = ca.cert_codes.get(code)
            qual = ca.specialty[cad] == code
            if bit is not None:
                qual = qual | ((ca.certs[cad] >> bit) & 1).astype(bool)
            q = int(qual.sum())
            if q >= k and k <= o.seats:
                continue
            who = [ca.ids[i] for i in cad[qual].tolist()]
            forced = (f"min_seats {o.min_seats}" if o.min_seats else "a require lock")
            forced_zh = (f"最少需 {o.min_seats} 人" if o.min_seats else "党组预定须安排人员")
            codes = ["R9", "R3" if o.min_seats else "R11"]
            items.append(_item(
                "R9", who, [o.opening_id],
                f"{o.opening_id} must be staffed ({forced}) and needs at least {k} with {code}, but only {q} of the "
                f"cadres who may take it qualify" + (f" ({', '.join(who)})" if who else "")
                + (f"; and it has only {o.seats} seat(s)" if k > o.seats else ""),
                f"{opening_label(sc, o.opening_id)} 须安排人员（{forced_zh}），队伍中至少需 {k} 名具备 {code} 的人员，"
                f"但可选人员中只有 {q} 人具备" + (f"（{'、'.join(who)}）" if who else "")
                + (f"；且名额只有 {o.seats} 个" if k > o.seats else ""),
                codes=codes, check="team_needs", code=code, need=k, qualified=q))
    return items


def _must_move_demands(scenario, built) -> list:
    """Who must take a posting, as (label, cadre ids, rule codes, frozenset of open posting indices).

    New recruits (R4) and rotation-due cadres (R6) to any posting open to them; cadres with a
    require lock on a posting (R11) to that posting; each kin pair serving in one unit (R7),
    neither of whom must move anyway, to any posting open to either.
    """
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    post = ctx.p_posting
    demands: list = []
    must_mask = ca.recruit | ca.rotation_due
    # A require lock on a posting pins the cadre to it (and makes the cadre move).
    locked: dict = {}
    for lk in sc.locks:
        o = sc.opening_by_id.get(lk.opening_id)
        if lk.lock == "require" and o is not None and o.kind == "posting" and lk.cadre_id in ca.index:
            p = ctx.pair_index(lk.cadre_id, lk.opening_id)
            locked.setdefault(lk.cadre_id, set()).add(-1 if p is None else ctx.opening_index[o.opening_id])
    must = set()
    for i in sorted(set(np.flatnonzero(must_mask).tolist()) | {ca.index[c] for c in locked}):
        cid = ca.ids[i]
        codes = ("R4",) if ca.recruit[i] else ("R6",) if ca.rotation_due[i] else ()
        if cid in locked:
            opens = frozenset() if -1 in locked[cid] or len(locked[cid]) > 1 else frozenset(locked[cid])
            codes = codes + ("R11",)
        else:
            s = ctx.cadre_slice(i)
            opens = frozenset(ctx.po[s][post[s]].tolist())
        must.add(i)
        demands.append((cid, (cid,), codes, opens))
    seen = set()
    for r in sc.relations:
        a, b = ca.index.get(r.cadre_a), ca.index.get(r.cadre_b)
        if a is None or b is None or a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        if a in must or b in must or not ca.unit[a] or ca.unit[a] != ca.unit[b]:
            continue
        opens = set()
        for i in (a, b):
            s = ctx.cadre_slice(i)
            opens |= set(ctx.po[s][post[s]].tolist())
        demands.append((f"{ca.ids[a]}+{ca.ids[b]}", (ca.ids[a], ca.ids[b]), ("R7",), frozenset(opens)))
    return demands


def check_hall(scenario, built) -> list:
    """Max flow from must-move cadres to posting seats; a deficient set names who cannot all be placed.

    Must-move: see ``_must_move_demands``. Seats: each posting's ``seats``. Cadres with the same
    set of open postings are one node (capacity = their number), which keeps the graph small at
    province size. If the flow falls short, the cadres reachable from the source in the residual
    graph form a set S whose open postings N(S) have fewer seats than |S| (Hall's condition);
    each connected part of S that is short on its own is one item.
    """
    import networkx as nx
    sc = scenario
    demands = _must_move_demands(scenario, built)
    if not demands:
        return []
    groups: dict = {}
    for d in demands:
        groups.setdefault(d[3], []).append(d)
    g = nx.DiGraph()
    total = 0
    for n, (opens, ds) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        g.add_edge("s", ("g", n), capacity=len(ds))
        total += len(ds)
        g.nodes[("g", n)]["members"] = ds
        for j in sorted(opens):
            g.add_edge(("g", n), ("o", j))      # no capacity: unlimited (keeps the Hall argument exact)
    for node in list(g.nodes):
        if node[0] == "o":
            g.add_edge(node, "t", capacity=sc.openings[node[1]].seats)
    if "t" not in g:
        g.add_node("t")
    flow, fd = nx.maximum_flow(g, "s", "t")
    if flow >= total:
        return []
    # One small Hall violator per unsaturated group: what it reaches by alternating paths in the
    # residual graph. Every opening reached is full, and its holders are reached too, so the
    # groups reached want more seats than the openings reached have.
    violators = {}
    for gnode in sorted((v for v in g.nodes if v[0] == "g"), key=lambda v: v[1]):
        if fd["s"][gnode] >= g["s"][gnode]["capacity"]:
            continue
        seen_g, seen_o, stack = {gnode}, set(), [gnode]
        while stack:
            v = stack.pop()
            if v[0] == "g":
                for o in g.successors(v):
                    if o not in seen_o:
                        seen_o.add(o)
                        stack.append(o)
            else:
                for u in g.predecessors(v):
                    if u[0] == "g" and u not in seen_g and fd[u][v] > 0:
                        seen_g.add(u)
                        stack.append(u)
        key = frozenset(seen_g)
        if key not in violators:
            violators[key] = (gnode, frozenset(seen_o))
    items = []
    deficit_all = total - flow
    for groups_reached, (start, opens_reached) in sorted(
            violators.items(), key=lambda kv: (sum(len(g.nodes[v]["members"]) for v in kv[0]), sorted(kv[0])))[:3]:
        members = sorted((d for v in groups_reached for d in g.nodes[v]["members"]), key=lambda d: d[0])
        opens = sorted(o[1] for o in opens_reached)
        seats = sum(sc.openings[j].seats for j in opens)
        # A deficit-one subset for the core: as many of each group as it places, one more of the start.
        seed = []
        for v in sorted(groups_reached, key=lambda v: v[1]):
            k = fd["s"][v] + (1 if v == start else 0)
            seed += [d for d in sorted(g.nodes[v]["members"], key=lambda d: d[0])[:k]]
        cids = sorted({c for d in members for c in d[1]})
        codes = sorted({c for d in members for c in d[2]}, key=lambda r: (len(r), r))
        oids = [sc.openings[j].opening_id for j in opens]
        labels = [d[0] for d in members]
        seat_en = ", ".join(f"{sc.openings[j].opening_id}: {sc.openings[j].seats}" for j in opens[:12])
        seat_zh = "，".join(f"{sc.openings[j].opening_id} {sc.openings[j].seats} 个" for j in opens[:12])
        items.append(_item(
            "R3", cids, oids,
            f"{len(members)} must-move cadre(s) ({_ids_text(labels, 'en')}; {', '.join(codes)}) can only take postings "
            f"{_ids_text(oids, 'en') or '(none)'}, which have {seats} seat(s) in all ({seat_en}): "
            f"{len(members) - seats} cannot be placed" + (f" ({deficit_all} short in all)" if deficit_all > len(members) - seats else ""),
            f"必须交流的 {len(members)} 人（{_ids_text(labels, 'zh')}；{'、'.join(codes)}）只能去 "
            f"{_ids_text(oids, 'zh', unit='个岗位') or '（无）'}，这些岗位合计只有 {seats} 个名额（{seat_zh}），"
            f"有 {len(members) - seats} 人无法安排" + (f"（全部必须交流人员中共缺 {deficit_all} 个名额）"
                                                 if deficit_all > len(members) - seats else ""),
            codes=["R3"] + codes, check="hall", deficit=len(members) - seats, deficit_all=deficit_all,
            seed_demands=[list(d[1]) for d in seed], seed_codes=[d[2][0] for d in seed]))
    return items


COUNTING_CHECKS = (check_empty, check_r3_min_seats, check_r4_recruits, check_r6_due, check_locks,
                   check_r9_team_needs, check_hall)


def counting_checks(scenario, built) -> list:
    """Every counting check, in order; Hall items that repeat an R4/R6 count item are dropped."""
    items = []
    for check in COUNTING_CHECKS:
        for it in check(scenario, built):
            if it.get("check") == "hall" and any(
                    set(it["cadres"]) == set(prev["cadres"]) and prev.get("check") in ("recruits_vs_grassroots", "due_vs_seats")
                    for prev in items):
                continue
            if it.get("check") == "hall" and not it["openings"] and set(it["cadres"]) <= {
                    c for prev in items if prev.get("check") in ("require_lock_blocked", "no_posting_open")
                    for c in prev["cadres"]}:
                continue    # nothing open to them at all: an earlier item already says why
            items.append(it)
    return items


# --------------------------------------------------------------------------------------------
# Core items in words
# --------------------------------------------------------------------------------------------
def _core_item(scenario, built, red: Reduced, tag: Tag) -> dict:
    sc, ctx = scenario, built.ctx
    r, cids, oids = tag.rule, list(tag.cadres), list(tag.openings)
    en, zh, codes = tag.text, "", [r]
    if r == "R3" and oids:
        o = sc.opening_by_id[oids[0]]
        j = ctx.opening_index[o.opening_id]
        cand = [ctx.ca.ids[i] for i in ctx.pc[ctx.pairs_by_opening[j]].tolist()]
        en = (f"{o.opening_id} takes at most {o.seats} and at least {o.min_seats} cadre(s); "
              f"{len(cand)} may take it" + (f" ({_ids_text(cand, 'en')})" if cand else ""))
        zh = (f"{opening_label(sc, o.opening_id)} 名额 {o.seats} 个，最少 {o.min_seats} 人；符合条件的 {len(cand)} 人"
              + (f"（{_ids_text(cand, 'zh')}）" if cand else ""))
    elif r in ("R4", "R6") and cids:
        i = ctx.ca.index[cids[0]]
        s = ctx.cadre_slice(i)
        opens = sorted({sc.openings[j].opening_id for j in ctx.po[s][ctx.p_posting[s]].tolist()})
        seats = ", ".join(f"{oid} ({sc.opening_by_id[oid].seats} seat(s))" for oid in opens[:8])
        seats_zh = "、".join(f"{oid}（名额 {sc.opening_by_id[oid].seats}）" for oid in opens[:8])
        if r == "R4":
            en = f"new recruit {cids[0]} must get exactly one grassroots posting; open to {cids[0]}: {seats or 'none'}"
            zh = f"新录用人员 {cadre_label(sc, cids[0])} 须安排一个基层交流岗位；可去的岗位：{seats_zh or '无'}"
        else:
            c = sc.cadre_by_id[cids[0]]
            en = f"{cids[0]} is due to rotate (R6) and must get a posting; open to {cids[0]}: {seats or 'none'}"
            zh = (f"{cadre_label(sc, cids[0])} 在 {unit_label(sc, c.unit_id)} 任职已满 {sc.rules.max_tenure_years} 年，"
                  f"须交流；可去的岗位：{seats_zh or '无'}")
    elif r == "R11" and cids and oids:
        en = f"the committee requires {cids[0]} on {oids[0]}"
        zh = f"党组预定：{cadre_label(sc, cids[0])} 必须安排到 {opening_label(sc, oids[0])}"
        blocked = built.ctx.elig.blocking_filters(cids[0], oids[0])
        if blocked:
            en += f", but {cids[0]} may not take it: {_why(sc, cids[0], oids[0], blocked, 'en')}"
            zh += f"，但其不能担任该岗位：{_why(sc, cids[0], oids[0], blocked, 'zh')}"
            codes += sorted({code for code, _ in blocked})
    elif r == "R7" and len(cids) == 2:
        rel = next((rr.relation for rr in sc.relations if {rr.cadre_a, rr.cadre_b} == set(cids)), "") or "亲属"
        if oids:
            en = f"{cids[0]} and {cids[1]} ({rel}) may not serve on the same team {oids[0]}"
            zh = f"{cadre_label(sc, cids[0])} 与 {cadre_label(sc, cids[1])}（{rel}）不得同在 {opening_label(sc, oids[0])}"
        else:
            unit = tag.text.rsplit(" ", 1)[-1]
            en = f"{cids[0]} and {cids[1]} ({rel}) may not both be based in {unit}"
            zh = f"{cadre_label(sc, cids[0])} 与 {cadre_label(sc, cids[1])}（{rel}）不得同在 {unit_label(sc, unit)}"
    elif r == "R8" and cids:
        if tag.text == "overlapping months":
            en = f"{cids[0]} cannot take {', '.join(oids)} together: their months overlap"
            zh = f"{cadre_label(sc, cids[0])} 不能同时参加 {'、'.join(oids)}：时间重叠"
        else:
            en = f"{cids[0]} may be away at most {sc.rules.max_away_months} months in the year"
            zh = f"{cadre_label(sc, cids[0])} 全年外派合计不得超过 {sc.rules.max_away_months} 个月"
    elif r == "R9" and oids:
        m = re.match(r"at least (\d+) with (\S+)", tag.text)
        k, code = (m.group(1), m.group(2)) if m else ("?", tag.text)
        en = f"{oids[0]}, if staffed, needs at least {k} with {code}"
        zh = f"{opening_label(sc, oids[0])} 如安排人员，至少需 {k} 人具备 {code}"
    elif r == "R1" and cids:
        en = f"{cids[0]} may get at most one posting"
        zh = f"{cadre_label(sc, cids[0])} 至多安排一个交流岗位"
    return _item(r, cids, oids, en, zh or en, source="core", codes=codes)


def core_items(scenario, built, red: Reduced | None = None, time_limit: float = 20.0, max_items: int = 5,
               checks: list | None = None) -> list:
    """The core in words: one item per rule instance, or - when the core has more than
    ``max_items`` instances (a counting argument over many cadres) - one item per rule code."""
    red = red or reduce_model(built.model)
    tags = core_tags(built, red, time_limit, seed=_seed_tags(built, checks or []))
    if len(tags) <= max_items:
        return [_core_item(scenario, built, red, t) for t in tags]
    by_rule: dict = {}
    for t in tags:
        by_rule.setdefault(t.rule, []).append(t)
    out = []
    for rule in _order_codes(by_rule):
        ts = by_rule[rule]
        cids = sorted({c for t in ts for c in t.cadres})
        oids = sorted({o for t in ts for o in t.openings})
        if rule == "R3":
            seats = sum(scenario.opening_by_id[o].seats for o in oids)
            en = f"{len(oids)} posting(s) with {seats} seat(s) in all: {_ids_text(oids, 'en')}"
            zh = f"{len(oids)} 个岗位合计 {seats} 个名额：{_ids_text(oids, 'zh', unit='个')}"
        elif rule in ("R4", "R6"):
            en = (f"{len(cids)} cadre(s) who must get a posting ({'new recruits' if rule == 'R4' else 'rotation due'}): "
                  f"{_ids_text(cids, 'en')}")
            zh = f"{len(cids)} 人须安排交流岗位（{'新录用人员' if rule == 'R4' else '任职满限'}）：{_ids_text(cids, 'zh')}"
        else:
            en = f"{len(ts)} instance(s) of {rule}: " + "; ".join(t.text for t in ts[:5])
            zh = f"{RULE_ZH.get(rule, rule)} {len(ts)} 条：" + _ids_text(cids or oids, "zh")
        out.append(_item(rule, cids, oids, en, zh, source="core", instances=len(ts)))
    return out[:max_items]


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
    from planner.context import ModelContext
    from planner.eligibility import Eligibility
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
    res = solve(fixed, solver=solver, time_limit=time_limit, diagnose=False)
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


# --------------------------------------------------------------------------------------------
# The whole diagnosis
# --------------------------------------------------------------------------------------------
def _order_codes(codes) -> list:
    return sorted(set(codes), key=lambda r: (len(r), r))


def diagnose_infeasible(scenario, built, time_budget: float = 40.0, fixes: bool = True,
                        max_items: int = 5) -> dict:
    """The diagnosis of an infeasible scenario (``diagnosis.json``): counting checks, a core of at
    most ``max_items`` rule instances, and verified fixes, within about ``time_budget`` seconds."""
    t0 = time.perf_counter()
    checks = counting_checks(scenario, built)
    t_checks = time.perf_counter() - t0
    red = reduce_model(built.model)
    # A big reduced model gets less time for the whole-model core: the counting checks have
    # usually named the cause already, and the fixes need the time.
    cap = 20.0 if red.cons.size < 5000 else 8.0
    core_limit = max(2.0, min(cap, (time_budget - (time.perf_counter() - t0)) / 4))
    core = core_items(scenario, built, red, time_limit=core_limit, max_items=max_items, checks=checks)
    t_core = time.perf_counter() - t0 - t_checks
    out = {"status": "INFEASIBLE",
           "rules": _order_codes(c for it in checks + core for c in it["codes"]),
           "checks": checks, "core": core, "fixes": [], "fixes_tried": 0}
    if fixes:
        left = time_budget - (time.perf_counter() - t0)
        res = suggest_fixes(scenario, built, checks, core, budget=max(3.0, left))
        out["fixes"] = res["fixes"]
        out["fixes_tried"] = len(res["tried"])
        out["fixes_candidates"] = res["candidates"]
    out["seconds"] = {"checks": round(t_checks, 2), "core": round(t_core, 2),
                      "total": round(time.perf_counter() - t0, 2)}
    out["reduced_model"] = {"constraints": int(red.cons.size), "helpful_variables": int(red.helpful.sum())}
    log.info("diagnosis: %d check(s), %d core item(s), %d verified fix(es) in %.1fs",
             len(checks), len(core), len(out["fixes"]), out["seconds"]["total"])
    return out


def _md_item(it, lang, scenario) -> str:
    zh = lang == "zh"
    codes = it.get("codes") or [it["rule"]]
    head = " + ".join(f"**{c}**" for c in codes)
    label = "、".join(RULE_ZH.get(c, c).split("（")[0] for c in codes) if zh else ", ".join(
        RULE_EN.get(c, c).split(" (")[0] for c in codes)
    text = it.get("text_zh" if zh else "text") or it.get("text", "")
    parts = [f"{head}（{label}）" if zh else f"{head} ({label})"]
    if it["cadres"]:
        parts.append(("干部 " if zh else "cadres ") + _ids_text(it["cadres"], lang))
    if it["openings"]:
        parts.append(("岗位 " if zh else "openings ") + _ids_text(it["openings"], lang, unit="个"))
    return "- " + ("；".join(parts) if zh else "; ".join(parts)) + ("：" if zh else ": ") + text


def _fix_summary(scenario, fix, lang, limit: int = 6) -> str:
    """A fix in one line; many seat additions are summed up, the biggest named (all in the json)."""
    zh = lang == "zh"
    steps = fix["steps"]
    if len(steps) <= limit:
        return fix["text_zh"] if zh else fix["text"]
    seats = sorted((s for s in steps if s["action"] == "add_seats"), key=lambda s: (-s["amount"], s["opening"]))
    other = [s for s in steps if s["action"] != "add_seats"]
    parts = [_step_text(scenario, s, lang) for s in other[:limit]]
    if seats:
        total = sum(s["amount"] for s in seats)
        top = ("、" if zh else ", ").join(f"{s['opening']} +{s['amount']}" for s in seats[:8])
        parts.append(f"在 {len(seats)} 个岗位共增加 {total} 个名额（{top}{' 等' if len(seats) > 8 else ''}；明细见 diagnosis.json）"
                     if zh else f"add {total} seats over {len(seats)} postings ({top}{', ...' if len(seats) > 8 else ''}; "
                                "every step in diagnosis.json)")
    return ("；" if zh else "; ").join(parts)


def diagnosis_markdown(diag: dict, scenario, lang: str = "zh") -> str:
    """diagnosis.md: the rules in conflict, the checks, the core and the verified fixes in words."""
    zh = lang == "zh"
    L = []
    L += [f"# {'无可行方案：诊断' if zh else 'No feasible plan: diagnosis'}", "",
          f"{'方案' if zh else 'Scenario'}: {scenario.name}", ""]
    if zh:
        L.append("没有任何方案能同时满足全部硬性规则。下面先列出快速核查发现的原因，再列出求解器找到的一组"
                 "不能同时成立的规则实例（去掉其中任何一条，其余即可同时满足），最后是经过验证的调整建议。")
    else:
        L.append("No plan obeys every hard rule. First the causes found by counting, then a set of rule instances "
                 "that cannot all hold (dropping any one lets the rest hold), then suggested fixes, each verified.")
    L += ["", "## 冲突的规则" if zh else "## Rules in conflict"]
    for r in diag.get("rules", []):
        L.append(f"- {r}: {RULE_ZH.get(r, r) if zh else RULE_EN.get(r, r)}")
    sections = (("快速核查", "Counting checks", "checks"),
                ("不能同时满足的规则实例", "Rule instances that cannot all hold", "core"))
    for title_zh, title_en, key in sections:
        items = diag.get(key) or []
        if not items:
            continue
        L += ["", f"## {title_zh if zh else title_en}"]
        for it in items[:8]:
            L.append(_md_item(it, lang, scenario))
        if len(items) > 8:
            L.append(f"- （另有 {len(items) - 8} 条，见 diagnosis.json）" if zh
                     else f"- ({len(items) - 8} more in diagnosis.json)")
    L += ["", "## 调整建议（均已验证）" if zh else "## Suggested fixes (each verified)"]
    fixes = diag.get("fixes") or []
    if not fixes:
        L.append("未找到经验证可行的单项调整；请根据上述原因调整岗位设置或党组预定。" if zh
                 else "No single verified fix was found; adjust the openings or locks named above.")
    for f in fixes:
        v = f.get("verified", {})
        how = (f"已验证：调整后可得到满足全部规则的方案（{v.get('plan_lines', '?')} 条安排，经独立核查）"
               if zh else f"verified: the fixed scenario has a plan ({v.get('plan_lines', '?')} line(s)) that the "
                          "independent checker accepts")
        if v.get("solve"):
            how += (f"；重新求解结果 {v['solve']}" if zh else f"; re-solved: {v['solve']}")
        L.append(f"{f['rank']}. {_fix_summary(scenario, f, lang)}（{how}）" if zh
                 else f"{f['rank']}. {_fix_summary(scenario, f, lang)} ({how})")
    secs = diag.get("seconds", {})
    if secs:
        L += ["", (f"诊断用时 {secs.get('total', 0):.1f} 秒。" if zh else f"Diagnosis took {secs.get('total', 0):.1f} s.")]
    return "\n".join(L) + "\n"
