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
