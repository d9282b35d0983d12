"""The LP relaxation of the whole model by pricing, without ever holding every candidate pair.

Columns are the candidate pairs (from ``EligibilityBits``) plus the terms' auxiliaries; rows are
the model's rows keyed by what they are about (an opening's seats, a cadre's posting, a cadre's
grassroots bonus, ...). The LP starts from the candidate pool (``planner.backends.candidate_pool``)
and the first plan. Between full passes it sifts: after each HiGHS solve only the reserve (a
few million pairs whose values are kept) is priced, and its improving pairs join. When none does,
every candidate pair is priced against the row duals, a block of openings at a time
(``-c - A^T y``, ``planner.backends.pricing_pass``): the most improving ones, each opening's and
each cadre's best, join the LP and the reserve. Rows that only limit (R7 recusal, R8 overlapping
months and the months cap) join when the LP breaks them. After a pass, a large LP drops the
pairs far from any basis (``_purge``), so that HiGHS re-solves a smaller LP.

Any dual vector gives a valid upper bound on every plan (Lagrangian duality):
``L(y) = LP(restricted) + sum over pairs left out of max(0, -reduced cost)``; each pricing pass
computes it, also under duals shifted from the LP's (``pricing_bounds.ShiftedDuals``, far
tighter while pricing has far to go), and the smallest is the bound reported. A pass that finds
no improving pair and an LP that breaks no row prove that the restricted LP's optimum is the LP
over all pairs (then ``L`` equals it). The same pass gives every pair's reduced cost ``d``: a
plan that uses a pair is worth at most ``L - d`` (the reduced-cost argument a restricted model's
optimality proof uses).

The LP is the relaxation of ``planner.model.build``'s model over all pairs (tested equal on small
scenarios): R8 overlap as one row per cadre and month (the model keeps the maximal ones, the
same polytope), R1 and R4/R6 as one row per cadre, R3/R9 per opening.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field

import numpy as np

from planner.backends.candidate_pool import candidate_pool, required_locks
from planner.backends.pricing_pass import TOL, DualPricing
from planner.backends.pricing_rows import LazyRows
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues
from planner.model.terms import EXCHANGE_REGION, FAIRNESS_EXCESS, FAIRNESS_GRASSROOTS

log = logging.getLogger(__name__)

BIG = 1e7            # cost of an elastic unit (keeps every restricted LP feasible)
# After a full pass, an LP of more than PURGE_COLUMNS pairs drops the pairs whose reduced cost
# is above PURGE_RC (far from joining any basis; the reserve rounds and the passes bring them
# back if the duals move). Broad national seed 0: the first pass drops 451 k of 555 k pairs, and
# the re-solve after its picks joined takes 18.1 s instead of 22.0 s.
PURGE_COLUMNS, PURGE_RC = 200_000, 50.0
# After the LP's own time (``solve(bound_deadline=...)``): a pass is expected to take LATE_PASS
# times the last one (it shares two cores with CP-SAT), and a re-solve that cannot have
# LATE_MIN_SOLVE seconds is not started.
LATE_PASS, LATE_MIN_SOLVE = 1.6, 10.0
# After the first pass, the reserve's cheap rounds run only while SIFT_PASSES passes would fit.
SIFT_PASSES = 20
SIFT_FEW = 1000     # a round that brings under 1/SIFT_FEW of the LP goes on to the pass


@dataclass
class PricedLP:
    """What pricing found. ``bound`` is valid for every plan whether or not it converged."""
    status: str                        # OPTIMAL (converged), BOUND, INFEASIBLE, UNKNOWN
    bound: float | None = None
    objective: float | None = None     # the restricted LP's own optimum
    seconds: float = 0.0
    rounds: int = 0
    support: tuple = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))   # pairs with x > 0
    support_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # The lowest reduced costs of the last pass (pairs and values) and the least reduced cost
    # among all pairs not listed: every pair outside ``cheap`` has d >= ``theta``.
    cheap: tuple = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    theta: float = math.inf
    # L(y) of the last pass's duals: with ``cheap``/``theta`` it proves a restricted optimum.
    proof_bound: float = math.inf


class PricingLP(LazyRows, DualPricing):
    """Column (and row) generation over all candidate pairs; see the module docstring."""

    def __init__(self, bits: EligibilityBits, pv: PairValues, seed: int = 0):
        import highspy

        from planner.backends.highs_direct import _highs

        self.bits, self.pv, self.sc = bits, pv, bits.scenario
        sc, ca = self.sc, bits.ca
        self.hs = highspy
        self.h = _highs(1e9, 1, seed)
        self.inf = highspy.kHighsInf
        n_c, n_o = pv.n_c, pv.n_o
        w = pv.weights
        # --- fixed rows -----------------------------------------------------------------
        lo, hi = [], []
        self.r3 = np.arange(n_o)
        for o in sc.openings:
            lo.append(o.min_seats if o.min_seats > 0 else -math.inf)
            hi.append(math.inf if o.team_needs else o.seats)
        nr = n_o
        self.cap_row = np.full(n_o, -1, dtype=np.int64)
        self.needs = {}                         # opening -> [(code, k, row)]
        team = [j for j, o in enumerate(sc.openings) if o.team_needs]
        for j in team:
            o = sc.openings[j]
            self.cap_row[j] = nr
            lo.append(-math.inf)
            hi.append(0)
            nr += 1
            self.needs[j] = []
            for code, k in o.team_needs:
                self.needs[j].append((code, k, nr))
                lo.append(0)
                hi.append(math.inf)
                nr += 1
        self.post_row = nr + np.arange(n_c)
        for i in range(n_c):
            if ca.recruit[i] or ca.rotation_due[i]:
                lo.append(1)
                hi.append(1)
            else:
                lo.append(-math.inf)
                hi.append(1)
        nr += n_c
        grass = np.flatnonzero(pv.need_grass)
        self.g_row = np.full(n_c, -1, dtype=np.int64)
        self.g_row[grass] = nr + np.arange(grass.size)
        lo += [0] * grass.size
        hi += [math.inf] * grass.size
        nr += grass.size
        self.ex_row = nr + np.arange(n_c)
        lo += [-math.inf] * n_c
        hi += [float(r) for r in pv.room]
        nr += n_c
        n_r = len(pv.region_ids)
        self.send_row = nr + np.arange(n_r)
        self.recv_row = nr + n_r + np.arange(n_r)
        lo += [0] * (2 * n_r)
        hi += [math.inf] * (2 * n_r)
        nr += 2 * n_r
        self.n_rows = nr
        lo_a, hi_a = np.array(lo, dtype=np.float64), np.array(hi, dtype=np.float64)
        self.h.addRows(nr, np.where(np.isfinite(lo_a), lo_a, -self.inf), np.where(np.isfinite(hi_a), hi_a, self.inf),
                       0, np.zeros(nr, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))
        # --- lazy rows (added when broken): R8 month rows, R8 cap rows, R7 rows -------------
        self.m_row = np.full((n_c, 13), -1, dtype=np.int64)   # month 1..12
        self.cap8_row = np.full(n_c, -1, dtype=np.int64)
        self.r7_rows = []                                     # (row, {(cadre, kind, key): coef})
        self._pending = []
        # --- columns: elastic units, auxiliaries, then pairs --------------------------------
        must = np.flatnonzero(np.isfinite(lo_a) & (lo_a > 0))
        needs_rows = np.array([r for j in team for _, _, r in self.needs[j]], dtype=np.int64)
        art_rows = np.concatenate([must, needs_rows]).astype(np.int32)
        n_art = art_rows.size
        self._add_cols(np.full(n_art, BIG), np.zeros(n_art), np.full(n_art, self.inf),
                       [[r] for r in art_rows.tolist()], [[1.0]] * n_art)
        self.n_art = n_art
        aux_cost, aux_ub, aux_rows, aux_vals = [], [], [], []
        for j in team:      # used[j]
            o = sc.openings[j]
            aux_cost.append(0.0)
            aux_ub.append(1.0)
            aux_rows.append([int(self.cap_row[j])] + [r for _, _, r in self.needs[j]])
            aux_vals.append([-float(o.seats)] + [-float(k) for _, k, _ in self.needs[j]])
        for i in grass.tolist():
            aux_cost.append(-float(w.get("fairness", 0) * FAIRNESS_GRASSROOTS))
            aux_ub.append(1.0)
            aux_rows.append([int(self.g_row[i])])
            aux_vals.append([-1.0])
        for i in range(n_c):
            aux_cost.append(float(w.get("fairness", 0) * FAIRNESS_EXCESS))
            aux_ub.append(self.inf)
            aux_rows.append([int(self.ex_row[i])])
            aux_vals.append([-1.0])
        for rows in (self.send_row, self.recv_row):
            for r in rows.tolist():
                aux_cost.append(-float(w.get("exchange", 0) * EXCHANGE_REGION))
                aux_ub.append(1.0)
                aux_rows.append([r])
                aux_vals.append([-1.0])
        self._add_cols(np.array(aux_cost), np.zeros(len(aux_cost)), np.array(aux_ub), aux_rows, aux_vals)
        self.n_fixed_cols = n_art + len(aux_cost)
        self.h.changeObjectiveOffset(-float(pv.constant))
        self.act_c = np.zeros(0, dtype=np.int64)
        self.act_o = np.zeros(0, dtype=np.int64)
        self.act_key = np.zeros(0, dtype=np.int64)        # sorted copy for membership
        self.act_okey = np.zeros(0, dtype=np.int64)       # the same keyed opening-first
        self.locked = {(int(c), int(o)) for c, o in required_locks(bits).tolist()}
        # Per full pass: (restricted LP, bound by the sum, per-cadre bound, per-cadre bound under
        # the shifted duals).
        self.history: list = []
        self.snapshot: PricedLP | None = None      # see ``solve(bound_deadline=...)``
        self._lock_key = np.array(sorted(c * pv.n_o + o for c, o in self.locked), dtype=np.int64)
        self.months = np.arange(1, 13)

    # --- columns ------------------------------------------------------------------------
    def _add_cols(self, cost, lower, upper, rows, vals):
        n = len(rows)
        if n == 0:
            return
        lens = np.array([len(r) for r in rows], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int32)
        idx = np.array([r for rs in rows for r in rs], dtype=np.int32)
        val = np.array([v for vs in vals for v in vs], dtype=np.float64)
        self.h.addCols(n, np.asarray(cost, dtype=np.float64), np.asarray(lower, dtype=np.float64),
                       np.asarray(upper, dtype=np.float64), int(idx.size), starts, idx, val)

    def in_lp(self, key: np.ndarray) -> np.ndarray:
        """Whether each pair (keyed cadre * n_o + opening) is a column of the LP."""
        if not self.act_key.size:
            return np.zeros(key.size, dtype=bool)
        pos = np.minimum(np.searchsorted(self.act_key, key), self.act_key.size - 1)
        return self.act_key[pos] == key

    def _entries(self, cad: np.ndarray, op: np.ndarray) -> tuple:
        """Sparse column entries of pairs: (position of pair, row, value) arrays."""
        pv = self.pv
        n = cad.size
        pos = np.arange(n)
        kind = pv.o_kind[op]
        posting, away = kind == 0, kind > 0
        P, R, V = [pos], [self.r3[op]], [np.ones(n)]
        P.append(pos[posting])
        R.append(self.post_row[cad[posting]])
        V.append(np.ones(int(posting.sum())))
        capr = self.cap_row[op]
        sel = capr >= 0
        P.append(pos[sel])
        R.append(capr[sel])
        V.append(np.ones(int(sel.sum())))
        for j in np.unique(op[sel]).tolist():
            mine = pos[op == j]
            for code, _k, row in self.needs[j]:
                q = mine[pv.qualified(cad[mine], code)]
                P.append(q)
                R.append(np.full(q.size, row))
                V.append(np.ones(q.size))
        gives = pv.gives_grassroots(cad, op)
        P.append(pos[gives])
        R.append(self.g_row[cad[gives]])
        V.append(np.ones(int(gives.sum())))
        pts = pv.o_points[op]
        sel = pts > 0
        P.append(pos[sel])
        R.append(self.ex_row[cad[sel]])
        V.append(pts[sel].astype(np.float64))
        cross = pv.cross(cad, op)
        src = pv.c_region[cad[cross]]
        dst = pv.u_region[pv.o_unit[op[cross]]]
        P += [pos[cross], pos[cross]]
        R += [self.send_row[src], self.recv_row[dst]]
        V += [np.ones(src.size), np.ones(src.size)]
        # lazy rows already present
        if away.any():
            a = pos[away]
            start, end = pv.o_start[op[a]], pv.o_end[op[a]]
            for m in range(1, 13):
                rows = self.m_row[cad[a], m]
                sel = (rows >= 0) & (start <= m) & (end >= m)
                P.append(a[sel])
                R.append(rows[sel])
                V.append(np.ones(int(sel.sum())))
            rows = self.cap8_row[cad[a]]
            sel = rows >= 0
            P.append(a[sel])
            R.append(rows[sel])
            V.append(pv.o_months[op[a][sel]].astype(np.float64))
        for row, coefs in self.r7_rows:
            c = self._r7_coef(coefs, cad, op)
            sel = c != 0
            P.append(pos[sel])
            R.append(np.full(int(sel.sum()), row))
            V.append(c[sel])
        return np.concatenate(P), np.concatenate(R).astype(np.int64), np.concatenate(V)

    def add_pairs(self, cad: np.ndarray, op: np.ndarray) -> None:
        """Pairs join the LP (those already in are skipped)."""
        key = cad * self.pv.n_o + op
        key, first = np.unique(key, return_index=True)
        cad, op = cad[first], op[first]
        new = ~self.in_lp(key)
        cad, op, key = cad[new], op[new], key[new]
        if cad.size == 0:
            return
        self._flush_rows()
        P, R, V = self._entries(cad, op)
        order = np.lexsort((R, P))
        P, R, V = P[order], R[order], V[order]
        lens = np.bincount(P, minlength=cad.size)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int32)
        cost = -self.pv.objective(cad, op).astype(np.float64)
        lower = np.array([1.0 if (c, o) in self.locked else 0.0 for c, o in zip(cad.tolist(), op.tolist())])
        self.h.addCols(cad.size, cost, lower, np.ones(cad.size), int(R.size), starts, R.astype(np.int32), V)
        self.act_c = np.concatenate([self.act_c, cad])
        self.act_o = np.concatenate([self.act_o, op])
        self.act_key = np.sort(np.concatenate([self.act_key, key]))
        self.act_okey = np.sort(np.concatenate([self.act_okey, op * self.pv.n_c + cad]))
        self._eager_rows(np.unique(cad[self.pv.o_kind[op] > 0]))
        self._flush_rows()

    # --- pricing --------------------------------------------------------------------------
    def solve(self, deadline: float, first_per_cadre: int = 5, stop=None, entering: int = 30_000,
              start: tuple | None = None, reserve: tuple | None = None, pass_seconds: float = 0.0,
              bound_deadline: float | None = None, pending=None) -> PricedLP:
        """Price until no pair improves and no lazy row is broken, or until ``deadline``
        (``time.perf_counter()``) or ``stop()``. The bound is valid either way. ``start``:
        (cadre, opening) pairs to start from (a plan's pairs keep the first LP feasible).
        ``reserve``: pairs priced cheaply between full passes (sifting): a full pass runs only
        when no reserve pair improves the LP, and its picks join the reserve. ``pass_seconds``:
        what a full pass is expected to take; the first pass (the first bound) is kept in time.
        ``bound_deadline`` (later than ``deadline``): after ``deadline`` the LP goes on for the
        bound alone, while the caller plans from ``snapshot`` (the result as it stood after the
        last pass); no more reserve rounds, each re-solve followed by a full pass, and nothing
        started that cannot end by then. Broad national seed 0: the pass after the re-solve
        that follows the second pass bounds at 21.78 M (the LP over all pairs: 21.75 M), where
        the second gave 22.86 M. ``pending(wait)``: pairs still being found (the first plan's),
        as (ready, pairs or None); they join when ready, and before the first full pass."""
        t0 = time.perf_counter()
        if start is not None:
            self.add_pairs(*start)
            log.info("lp pricing: start with %d of %d pairs", self.act_c.size, self.bits.n_pairs)
        else:
            self._start_columns(first_per_cadre)
        self.set_reserve(*(reserve if reserve is not None else (np.zeros(0, dtype=np.int64),) * 2))
        best_bound = math.inf
        status = "UNKNOWN"
        last = latest = None
        rnd = 0
        for rnd in range(400):
            # With a ``bound_deadline``, after the first pass the LP's own ``deadline`` is only
            # when the caller takes the snapshot; ``late``: past it (no sifting).
            goes_on = bound_deadline is not None and last is not None
            late = goes_on and time.perf_counter() >= deadline
            end = bound_deadline if goes_on else deadline
            left = end - time.perf_counter()
            if left <= 0.2 or (stop and stop()):
                break
            # Before the first full pass, the LP leaves the time that pass needs; with a
            # ``bound_deadline``, every re-solve does (a pass then shares the cores with CP-SAT).
            # HiGHS counts its time limit over all runs of one instance, not per run.
            if goes_on:
                # A re-solve may run past ``deadline``: the caller plans from the snapshot.
                budget = left - LATE_PASS * pass_seconds
                if budget < LATE_MIN_SOLVE:
                    break
            else:
                budget = left - (pass_seconds if last is None else 0.0)
            budget = max(0.2, budget)
            if pending is not None and pending(False)[0]:
                self._join_pending(pending)
                pending = None
            self.h.setOptionValue("time_limit", float(self.h.getRunTime() + budget))
            t_run = time.perf_counter()
            self.h.run()
            t_run = time.perf_counter() - t_run
            st = self.h.getModelStatus()
            sol = self.h.getSolution()
            if st == self.hs.HighsModelStatus.kInfeasible:
                return PricedLP("INFEASIBLE", seconds=time.perf_counter() - t0, rounds=rnd)
            if st != self.hs.HighsModelStatus.kOptimal or not sol.dual_valid:
                log.info("lp pricing round %d: HiGHS stopped with %s after %.1fs", rnd, st, t_run)
                break
            y = np.asarray(sol.row_dual)
            d = np.asarray(sol.col_dual)[self.n_fixed_cols:]
            xall = np.asarray(sol.col_value)
            x = xall[self.n_fixed_cols:]
            obj = -float(self.h.getInfo().objective_function_value)
            latest = (x, obj)
            if goes_on and not late:
                self.snapshot = self._result(status, best_bound, rnd, t0, last, latest)
            n_rows = self.separate(x)
            late = late or (goes_on and time.perf_counter() >= deadline)    # the re-solve ran past it
            limit = max(entering, self.act_c.size // 4)
            first_due = last is None and deadline - time.perf_counter() < 2 * pass_seconds
            # After the first pass, sifting only while many passes would still fit: at broad
            # national size a re-solve straight after each pass reaches the third pass at 188 s
            # of LP time (bound 21.82 M) instead of 237 s (21.78 M).
            short = last is not None and (bound_deadline or deadline) - time.perf_counter() < SIFT_PASSES * pass_seconds
            if self.res_c.size and not first_due and not late and not short:
                cad, op = self.price_reserve(y, limit)
                # A round that brings a handful (under 0.1 % of the LP) goes on to the pass,
                # which finds them too: broad national seed 2, three re-solves (13 s) of 34, 3
                # and 1 pairs.
                if n_rows or cad.size > self.act_c.size // SIFT_FEW:
                    log.info("lp pricing round %d (reserve): objective %.1f, %d joining, %d rows added "
                             "(%.1fs, LP %.1fs)", rnd, obj, cad.size, n_rows, time.perf_counter() - t0, t_run)
                    self.add_pairs(cad, op)
                    status = "BOUND" if last is not None else status
                    continue
            if pending is not None:        # the first pass prices against an LP with them
                self._join_pending(pending, wait=True)
                pending = None
                continue
            # A full pass; after the first (which gives the bound), only when it fits in time.
            if last is not None and end - time.perf_counter() < (LATE_PASS if goes_on else 1.0) * pass_seconds:
                break
            t_pass = time.perf_counter()
            cap = max(50_000, self.act_c.size // 2)
            found = self.price(y, cap, x, stop=stop)
            if found is None:
                break
            pass_seconds = time.perf_counter() - t_pass
            best_bound = min(best_bound, obj + found.gain, obj + found.excess, obj + found.shifted)
            self.history.append((obj, obj + found.gain, obj + found.excess, obj + found.shifted))
            last = (found.buffer, x, obj, obj + found.gain)
            log.info("lp pricing round %d: %d columns, objective %.1f, bound %.1f (sum %.1f, per cadre %.1f, "
                     "shifted duals %.1f), %d improving, %d rows added (%.1fs, LP %.1fs, pass %.1fs)", rnd,
                     self.act_c.size, obj, best_bound, obj + found.gain, obj + found.excess, obj + found.shifted,
                     found.improving, n_rows,
                     time.perf_counter() - t0, t_run, pass_seconds)
            if bound_deadline is not None and not late:
                self.snapshot = self._result("BOUND", best_bound, rnd, t0, last, latest)
            if found.improving == 0 and n_rows == 0:
                if xall[: self.n_art].max(initial=0.0) > 1e-6:
                    return PricedLP("INFEASIBLE", seconds=time.perf_counter() - t0, rounds=rnd)
                status = "OPTIMAL"
                break
            cad, op, rc = found.buffer.result()
            new = rc < -TOL
            keep = self._purge(d) if n_rows == 0 else None     # new rows may need any column
            if keep is not None:
                latest = (latest[0][keep[: latest[0].size]], latest[1])
            self.add_pairs(np.concatenate([cad[new][:limit], found.picks[0]]),
                           np.concatenate([op[new][:limit], found.picks[1]]))
            if self.res_c.size:
                self.set_reserve(np.concatenate([self.res_c, found.picks[0]]),
                                 np.concatenate([self.res_o, found.picks[1]]))
            status = "BOUND"
        if last is None:
            return PricedLP("UNKNOWN", seconds=time.perf_counter() - t0)
        return self._result(status, best_bound, rnd, t0, last, latest)

    def _result(self, status, best_bound, rnd, t0, last, latest) -> PricedLP:
        """What pricing found so far (new arrays: later rounds do not change them)."""
        buf, _x, _obj, lag = last
        cad, op, rc = buf.result()
        # The support is the newest LP's (cheap rounds may follow the last full pass); the
        # reduced costs and the proof's bound are the last full pass's.
        x, obj = latest
        on = np.flatnonzero(x > 1e-6)        # columns of the last solve (more may have joined)
        return PricedLP(status, bound=best_bound, objective=obj, seconds=time.perf_counter() - t0, rounds=rnd,
                        support=(self.act_c[on], self.act_o[on]), support_x=x[on],
                        cheap=(cad, op, rc), theta=buf.discarded, proof_bound=lag)

    def _join_pending(self, pending, wait: bool = False) -> None:
        pairs = pending(wait)[1]
        if pairs is not None:
            self.add_pairs(*pairs)
            log.info("lp pricing: the first plan's pairs join (%d columns)", self.act_c.size)

    def _purge(self, d: np.ndarray) -> np.ndarray | None:
        """Drop the LP's pairs with reduced cost ``d`` (of the last solve) above PURGE_RC, when
        the LP holds more than PURGE_COLUMNS pairs. Required locks stay, and so do the pairs of
        cadres with kin (an R7 row may ask one of two kin in one unit to move, and has no slack
        column: it must find their postings in the LP). Returns which of the pairs before were
        kept, or None when none was dropped."""
        if self.act_c.size <= PURGE_COLUMNS:
            return None
        drop = np.zeros(self.act_c.size, dtype=bool)
        drop[: d.size] = d > PURGE_RC
        if self._lock_key.size:
            drop &= ~np.isin(self.act_c * self.pv.n_o + self.act_o, self._lock_key)
        drop &= ~self.pv.kin[self.act_c]
        idx = np.flatnonzero(drop)
        if not idx.size:
            return None
        self._flush_rows()
        self.h.deleteCols(int(idx.size), (idx + self.n_fixed_cols).astype(np.int32))
        keep = ~drop
        self.act_c, self.act_o = self.act_c[keep], self.act_o[keep]
        self.act_key = np.sort(self.act_c * self.pv.n_o + self.act_o)
        self.act_okey = np.sort(self.act_o * self.pv.n_c + self.act_c)
        log.info("lp pricing: %d pairs dropped (reduced cost above %g), %d kept", idx.size, PURGE_RC, self.act_c.size)
        return keep

    def _start_columns(self, per_cadre: int) -> None:
        """The constructive plan's candidate pool (``candidate_pool``): each cadre's best few
        pairs, must-move cadres' best postings, the best candidates of openings with a minimum
        or a team need, every required lock."""
        self.add_pairs(*candidate_pool(self.bits, self.pv, per_cadre=2 * per_cadre, per_must=per_cadre))
        log.info("lp pricing: start with %d of %d pairs", self.act_c.size, self.bits.n_pairs)

    _ym_flat = None
    _ycap8 = None
    _r7 = None
    _team: list = []
