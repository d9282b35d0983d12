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

import numpy as np

from planner.model.linear import LinearModel

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
    values: np.ndarray | None = None
    objective: float | None = None     # in our (maximising) sense
    bound: float | None = None
    seconds: float = 0.0
    # LP only: how much the objective must drop to raise each variable from 0 to 1
    # (reduced cost in the maximising sense, >= 0 for a variable at its lower bound).
    reduced_cost: np.ndarray | None = None


def solve_highs_arrays(m: LinearModel, weights: dict, time_limit: float, relax: bool = True,
                       threads: int = 1, seed: int = 0) -> HighsAnswer:
    """Solve ``m`` (or its LP relaxation) with HiGHS in one pass over numpy arrays."""
    import highspy


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
    h = _highs(time_limit, threads, seed)
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


def _highs(time_limit: float, threads: int, seed: int):
    """A quiet HiGHS instance with our options (its banner is printed on creation, before
    output_flag can be set, so stdout is parked meanwhile)."""
    import highspy

    from planner.backends.base import quiet_stdout

    # HiGHS keeps one global thread scheduler per process; reset it so another thread count works.
    highspy.Highs.resetGlobalScheduler(True)
    with quiet_stdout(True):
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", int(threads))
    h.setOptionValue("random_seed", int(seed))
    return h


def solve_lp_pricing(m: LinearModel, weights: dict, time_limit: float, seed: int = 0,
                     start_per_cadre: int = 3) -> HighsAnswer:
    """The LP relaxation of a large model by pricing (column generation) on the candidate pairs.

    The LP starts with every auxiliary variable, every variable of a row that all-zero breaks
    (recruits' and due cadres' postings, minimum seats, locks, kin in one unit) and each cadre's
    few best pairs by objective. After each solve the reduced cost of every left-out variable is
    computed from the row duals in one vectorised pass (``-c - A^T y``), and those that would
    improve the LP join it as new columns of the same HiGHS model, so the simplex goes on from
    its last basis. When none would, the restricted LP's optimum is the full LP's, with a valid
    reduced cost for every variable. Rows are elastic (an artificial variable at a large cost can
    undercut a lower side), which keeps every restricted LP feasible, including rows tied to
    the rest through an auxiliary (a team need once the opening is used); at the end every
    artificial must be 0, else the full LP itself is infeasible.
    """
    import highspy


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
    # Column-wise view of the matrix, to hand entering columns to HiGHS.
    by_col = np.argsort(e_col, kind="stable")
    col_row, col_val = e_row[by_col].astype(np.int32), e_val[by_col]
    col_len = np.bincount(e_col, minlength=n)
    col_start = np.concatenate([[0], np.cumsum(col_len)])

    def columns(js):
        lens = col_len[js]
        total = int(lens.sum())
        first = np.repeat(col_start[js] - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
        pos = first + np.arange(total)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int32)
        return starts, col_row[pos], col_val[pos], total

    active = np.zeros(n, dtype=bool)
    active[m.n_pairs:] = True
    must = (lo > 0) | (hi < 0)
    active[e_col[must[e_row]]] = True
    if m.n_pairs:
        pc = m.pair_cadre if m.pair_cadre.size == m.n_pairs else np.zeros(m.n_pairs, dtype=np.int64)
        order = np.lexsort((-cost[: m.n_pairs], pc))
        group_start = np.searchsorted(pc[order], pc[order], side="left")
        rank = np.arange(m.n_pairs) - group_start
        active[order[rank < start_per_cadre]] = True

    BIG = 1e7
    art_lo = np.flatnonzero(np.isfinite(lo))
    art_hi = np.flatnonzero(hi < 0)
    cols = np.flatnonzero(active)
    h = _highs(time_limit, 1, seed)
    inf = highspy.kHighsInf
    h.addRows(len(rows), np.where(np.isfinite(lo), lo, -inf), np.where(np.isfinite(hi), hi, inf),
              0, np.zeros(len(rows) + 1, dtype=np.int32)[:-1], np.zeros(0, dtype=np.int32), np.zeros(0))
    # Artificial columns first (one entry each), then the starting pair columns.
    n_art = art_lo.size + art_hi.size
    art_rows = np.concatenate([art_lo, art_hi]).astype(np.int32)
    art_vals = np.concatenate([np.ones(art_lo.size), -np.ones(art_hi.size)])
    h.addCols(n_art, np.full(n_art, BIG), np.zeros(n_art), np.full(n_art, inf), n_art,
              np.arange(n_art, dtype=np.int32), art_rows, art_vals)
    starts, rr, vv, nnz = columns(cols)
    h.addCols(cols.size, -cost[cols], np.zeros(cols.size), ub[cols], nnz, starts, rr, vv)
    h.changeObjectiveOffset(-float(const))
    log.info("lp pricing: start with %d of %d variables (+%d elastic)", cols.size, n, n_art)
    order_cols = [cols]
    for rnd in range(100):
        # HiGHS counts its time limit over all runs of one instance, not per run.
        h.setOptionValue("time_limit", h.getRunTime() + max(1.0, float(time_limit) - (time.perf_counter() - t0)))
        h.run()
        status = h.getModelStatus()
        sol = h.getSolution()
        if status != highspy.HighsModelStatus.kOptimal or not sol.dual_valid:
            return HighsAnswer("UNKNOWN", seconds=time.perf_counter() - t0)
        y = np.asarray(sol.row_dual)
        x = np.asarray(sol.col_value)
        obj = -float(h.getInfo().objective_function_value)
        rc = -cost - np.bincount(e_col, weights=e_val * y[e_row], minlength=n)
        enter = np.flatnonzero(~active & (rc < -1e-7))
        log.info("lp pricing round %d: %d columns, objective %.1f, %d enter", rnd, int(active.sum()), obj, enter.size)
        if enter.size == 0:
            if x[:n_art].max(initial=0.0) > 1e-6:
                return HighsAnswer("INFEASIBLE", seconds=time.perf_counter() - t0)
            values = np.zeros(n)
            values[np.concatenate(order_cols)] = x[n_art:]
            return HighsAnswer("OPTIMAL", values, obj, obj, time.perf_counter() - t0,
                               reduced_cost=np.maximum(rc, 0.0))
        limit = max(20_000, int(active.sum()) // 4)
        if enter.size > limit:
            enter = enter[np.argsort(rc[enter], kind="stable")[:limit]]
        enter = np.sort(enter)
        active[enter] = True
        starts, rr, vv, nnz = columns(enter)
        h.addCols(enter.size, -cost[enter], np.zeros(enter.size), ub[enter], nnz, starts, rr, vv)
        order_cols.append(enter)
    return HighsAnswer("UNKNOWN", seconds=time.perf_counter() - t0)
