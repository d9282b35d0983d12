"""HiGHS through highspy directly, from the ``LinearModel``'s arrays in one pass.

PuLP builds one Python object per variable and per term, which at province size takes longer
than solving; here the constraint matrix is assembled as CSR with numpy and handed over whole.
Used for the LP relaxation bound (``planner bench``) and for the LP warm start of CP-SAT.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Optional

import numpy as np

from planner.linear import LinearModel

log = logging.getLogger(__name__)


def _matrix(m: LinearModel):
    rows = [c for c in m.constraints if c.idx.size > 0]
    starts = np.zeros(len(rows) + 1, dtype=np.int32)
    if rows:
        starts[1:] = np.cumsum([c.idx.size for c in rows])
        index = np.concatenate([c.idx for c in rows]).astype(np.int32)
        value = np.concatenate([c.coef for c in rows]).astype(np.float64)
    else:
        index = np.zeros(0, dtype=np.int32)
        value = np.zeros(0)
    lo = np.array([c.lo if c.lo != -math.inf else -np.inf for c in rows], dtype=np.float64)
    hi = np.array([c.hi if c.hi != math.inf else np.inf for c in rows], dtype=np.float64)
    empty_infeasible = any(c.idx.size == 0 and not (c.lo <= 0 <= c.hi) for c in m.constraints)
    return starts, index, value, lo, hi, empty_infeasible


@dataclass
class HighsAnswer:
    status: str                           # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    values: Optional[np.ndarray] = None
    objective: Optional[float] = None     # in our (maximising) sense
    bound: Optional[float] = None
    seconds: float = 0.0
    # LP only: how much the objective must drop to raise each variable from 0 to 1
    # (reduced cost in the maximising sense, >= 0 for a variable at its lower bound).
    reduced_cost: Optional[np.ndarray] = None


def solve_highs_arrays(m: LinearModel, weights: dict, time_limit: float, relax: bool = True,
                       threads: int = 1, seed: int = 0) -> HighsAnswer:
    """Solve ``m`` (or its LP relaxation) with HiGHS in one pass over numpy arrays."""
    import highspy

    from planner.backends import quiet_stdout

    t0 = time.perf_counter()
    starts, index, value, lo, hi, empty_infeasible = _matrix(m)
    if empty_infeasible:
        return HighsAnswer("INFEASIBLE", seconds=time.perf_counter() - t0)
    n = m.n_vars
    cost = np.zeros(n)
    idx, coef, const = m.objective_arrays(weights)
    cost[idx] = coef
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(lo)
    lp.col_cost_ = -cost                        # HiGHS minimises
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.asarray(m.ub, dtype=np.float64)
    lp.row_lower_ = lo
    lp.row_upper_ = hi
    lp.offset_ = -float(const)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    if not relax:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    highspy.Highs.resetGlobalScheduler(True)
    with quiet_stdout(True):  # the banner is printed before output_flag can be set
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", int(threads))
    h.setOptionValue("random_seed", int(seed))
    h.passModel(lp)
    h.run()
    seconds = time.perf_counter() - t0
    status = h.getModelStatus()
    name = h.modelStatusToString(status)
    info = h.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        return HighsAnswer("INFEASIBLE", seconds=seconds)
    sol = h.getSolution()
    if not sol.value_valid:
        return HighsAnswer("UNKNOWN", seconds=seconds)
    ans = HighsAnswer("UNKNOWN", np.asarray(sol.col_value, dtype=np.float64),
                      -float(info.objective_function_value), None, seconds)
    if relax:
        ans.bound = ans.objective
        ans.status = "OPTIMAL" if status == highspy.HighsModelStatus.kOptimal else "UNKNOWN"
        if sol.dual_valid:
            # HiGHS minimises -objective: its reduced costs are ours with the sign as is.
            ans.reduced_cost = np.asarray(sol.col_dual, dtype=np.float64)
    else:
        ans.bound = -float(info.mip_dual_bound)
        ans.status = "OPTIMAL" if status == highspy.HighsModelStatus.kOptimal else "FEASIBLE"
    log.info("highs (%s): %s in %.2fs, objective %.1f", "LP" if relax else "MIP", name, seconds, ans.objective)
    return ans


def _run_lp(starts, index, value, lo, hi, cost, ub, const, time_limit, seed):
    """One LP solve on CSR arrays (minimising -cost); returns (status, values, row duals, col duals, objective)."""
    import highspy

    from planner.backends import quiet_stdout

    n = cost.size
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = lo.size
    lp.col_cost_ = -cost
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = ub
    lp.row_lower_ = lo
    lp.row_upper_ = hi
    lp.offset_ = -float(const)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    highspy.Highs.resetGlobalScheduler(True)
    with quiet_stdout(True):
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", int(seed))
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return "INFEASIBLE", None, None, None, None
    sol = h.getSolution()
    if status != highspy.HighsModelStatus.kOptimal or not sol.dual_valid:
        return "UNKNOWN", None, None, None, None
    return ("OPTIMAL", np.asarray(sol.col_value), np.asarray(sol.row_dual), np.asarray(sol.col_dual),
            -float(h.getInfo().objective_function_value))


def solve_lp_pricing(m: LinearModel, weights: dict, time_limit: float, seed: int = 0,
                     start_per_cadre: int = 4) -> HighsAnswer:
    """The LP relaxation of a large model by pricing (column generation) on the candidate pairs.

    The LP starts with every auxiliary variable, every variable of a row that must be covered
    (all-zero breaks it: recruits' and due cadres' postings, minimum seats, locks, kin in one unit) and each
    cadre's few best pairs by objective; after each solve the reduced cost of every left-out
    variable is computed from the row duals in one vectorised pass (``-c - A^T y``), and those
    that would improve the LP join it. When none would, the restricted LP's optimum is the full
    LP's, with a valid reduced cost for every variable. Same answer as the full LP; at national
    size each LP is a fraction of the whole.
    """
    t0 = time.perf_counter()
    rows = [c for c in m.constraints if c.idx.size > 0]
    if any(c.idx.size == 0 and not (c.lo <= 0 <= c.hi) for c in m.constraints):
        return HighsAnswer("INFEASIBLE", seconds=time.perf_counter() - t0)
    n = m.n_vars
    sizes = np.array([c.idx.size for c in rows], dtype=np.int64)
    e_row = np.repeat(np.arange(len(rows)), sizes)
    e_col = np.concatenate([c.idx for c in rows]) if rows else np.zeros(0, dtype=np.int64)
    e_val = np.concatenate([c.coef for c in rows]).astype(np.float64) if rows else np.zeros(0)
    lo = np.array([c.lo if c.lo != -math.inf else -np.inf for c in rows], dtype=np.float64)
    hi = np.array([c.hi if c.hi != math.inf else np.inf for c in rows], dtype=np.float64)
    cost = np.zeros(n)
    oidx, ocoef, const = m.objective_arrays(weights)
    cost[oidx] = ocoef
    ub = np.asarray(m.ub, dtype=np.float64)

    active = np.zeros(n, dtype=bool)
    active[m.n_pairs:] = True
    must = (lo > 0) | (hi < 0)   # rows that all-zero does not satisfy need their variables
    active[e_col[must[e_row]]] = True
    # Each cadre's best pairs by objective coefficient (pairs are sorted by cadre).
    pair_cost = cost[: m.n_pairs]
    if m.n_pairs:
        active[: m.n_pairs] |= pair_cost > np.quantile(pair_cost, 0.75)
    log.info("lp pricing: start with %d of %d variables", int(active.sum()), n)

    # Elastic rows keep every restricted LP feasible: a row's lower side may be undercut by an
    # artificial variable costing BIG per unit (and an upper side below 0 exceeded likewise).
    # Rows linked through an auxiliary (a team need once the opening is used) need this too.
    # At the end every artificial must be 0, else the full LP itself is infeasible.
    BIG = 1e7
    art_lo = np.flatnonzero(np.isfinite(lo))
    art_hi = np.flatnonzero(hi < 0)
    art_rows = np.concatenate([art_lo, art_hi])
    art_sign = np.concatenate([np.ones(art_lo.size), -np.ones(art_hi.size)])
    n_art = art_rows.size
    for rnd in range(50):
        cols = np.flatnonzero(active)
        new_of = np.full(n, -1, dtype=np.int64)
        new_of[cols] = np.arange(cols.size)
        keep = active[e_col]
        r = np.concatenate([e_row[keep], art_rows])
        c = np.concatenate([new_of[e_col[keep]], cols.size + np.arange(n_art)])
        v = np.concatenate([e_val[keep], art_sign])
        order = np.lexsort((c, r))
        r, c, v = r[order], c[order], v[order]
        starts = np.zeros(len(rows) + 1, dtype=np.int32)
        starts[1:] = np.cumsum(np.bincount(r, minlength=len(rows)))
        left = time_limit - (time.perf_counter() - t0)
        sub_cost = np.concatenate([cost[cols], np.full(n_art, -BIG)])
        sub_ub = np.concatenate([ub[cols], np.full(n_art, np.inf)])
        status, x, y, _, obj = _run_lp(starts, c.astype(np.int32), v, lo, hi, sub_cost, sub_ub, const,
                                       max(1.0, left), seed)
        if status != "OPTIMAL":
            return HighsAnswer(status, seconds=time.perf_counter() - t0)
        # Reduced costs of every variable (minimising sense): -c_j - sum_r y_r a_rj.
        rc = -cost - np.bincount(e_col, weights=e_val * y[e_row], minlength=n)
        enter = ~active & (rc < -1e-7)
        n_enter = int(enter.sum())
        log.info("lp pricing round %d: %d columns, objective %.1f, %d enter", rnd, cols.size, obj, n_enter)
        if n_enter == 0:
            if x[cols.size:].max(initial=0.0) > 1e-6:
                return HighsAnswer("INFEASIBLE", seconds=time.perf_counter() - t0)
            values = np.zeros(n)
            values[cols] = x[: cols.size]
            return HighsAnswer("OPTIMAL", values, obj, obj, time.perf_counter() - t0,
                               reduced_cost=np.maximum(rc, 0.0))
        # Bring in the most attractive first, a bounded number per round.
        cand = np.flatnonzero(enter)
        if cand.size > max(50_000, cols.size // 2):
            cand = cand[np.argsort(rc[cand], kind="stable")[: max(50_000, cols.size // 2)]]
        active[cand] = True
    return HighsAnswer("UNKNOWN", seconds=time.perf_counter() - t0)
