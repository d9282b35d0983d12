"""The exact reduction of a model to the variables that can matter for feasibility, and the
assumption-based core of rule instances that cannot hold together (see planner.diagnose)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np

from planner.model.build import BuiltModel
from planner.model.linear import LinearModel, Tag

log = logging.getLogger(__name__)


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


def reduce_model(m: LinearModel) -> Reduced:
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


def reduced_feasible(red: Reduced, time_limit: float = 20.0, workers: int = 2) -> tuple:
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


def core_tags(built: BuiltModel, red: Reduced | None = None, time_limit: float = 20.0,
              seed: list | None = None) -> list:
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


def seed_tags(built: BuiltModel, checks: list) -> list:
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
