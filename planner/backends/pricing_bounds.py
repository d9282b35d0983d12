"""What one pricing pass keeps of every pair it prices (``planner.backends.pricing_lp``): the
pairs of least reduced cost, and what each cadre's pairs can add to any plan (the per-cadre
Lagrangian bound).

The bound: for any plan x and any duals y of the restricted LP (optimum x*),
``z(x) <= LP + sum_j (-d_j)(x_j - x*_j)``, since ``y^T A x <= y^T A x*`` for every plan. The
terms' columns are all in the LP, where ``(-d_j) x*_j`` is the most ``(-d_j) x_j`` can be, so
theirs add at most 0. A cadre's pairs add at most its best posting (R1: at most one) plus its
away pairs within ``max_away_months`` (R8: at most the cap times the best value per month, and
at most their sum). A required lock is in every plan (its term is 0); a locked posting leaves
its cadre no other, a locked away pair takes its months from the cap. The sum over pairs left
out (``gain``) is the same bound without the cadre's rows; the smaller of the two is reported.

Any other duals give a bound too, and the LP's duals are poor ones while pricing has far to go
(``ShiftedDuals``): a reward earned once (a region's exchange, a cadre's grassroots record) is
counted in every pair that could earn it, and an away opening wanted by many cadres is priced as
if few wanted it. Broad national, seed 0: first pass 43.4 M -> 24.9 M, second 25.3 M -> 22.9 M
(the LP over all pairs, converged offline: 21.75 M).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.model.pair_values import PairValues

TOL = 1e-7


class ReducedCostBuffer:
    """The ``cap`` pairs of smallest reduced cost seen so far, and the least value discarded."""

    def __init__(self, cap: int):
        self.cap, self.parts, self.size = cap, [], 0
        self.cut, self.discarded = math.inf, math.inf

    def add(self, rc, cad, op):
        sel = rc < self.cut
        if (~sel).any():
            self.discarded = min(self.discarded, float(rc[~sel].min()))
        if sel.any():
            self.parts.append((rc[sel], cad[sel], op[sel]))
            self.size += int(sel.sum())
        if self.size > 2 * self.cap:
            self._trim()

    def _trim(self):
        rc = np.concatenate([p[0] for p in self.parts])
        cad = np.concatenate([p[1] for p in self.parts])
        op = np.concatenate([p[2] for p in self.parts])
        if rc.size > self.cap:
            part = np.argpartition(rc, self.cap - 1)
            keep, drop = part[: self.cap], part[self.cap:]
            self.discarded = min(self.discarded, float(rc[drop].min()))
            self.cut = min(self.cut, float(rc[keep].max()))
            rc, cad, op = rc[keep], cad[keep], op[keep]
        self.parts, self.size = [(rc, cad, op)], rc.size

    def result(self):
        if not self.parts:
            z = np.zeros(0, dtype=np.int64)
            return z, z, np.zeros(0)
        self._trim()
        rc, cad, op = self.parts[0]
        order = np.lexsort((op, cad, rc))
        return cad[order], op[order], rc[order]


class CadreBound:
    """Per cadre, over the blocks of a pass: the best posting value, the sum of away values and
    the best away value per month, of the pairs that could raise a plan (``-d > 0``)."""

    def __init__(self, pv: PairValues, lock_key: np.ndarray, max_away_months: int):
        self.pv, self.lock_key = pv, lock_key
        self.lock_okey = np.sort((lock_key % pv.n_o) * pv.n_c + lock_key // pv.n_o)
        self.post_best = np.zeros(pv.n_c)
        self.away_sum = np.zeros(pv.n_c)
        self.away_rate = np.zeros(pv.n_c)
        self.cap = np.full(pv.n_c, float(max_away_months))
        if lock_key.size:
            lc, lo = lock_key // pv.n_o, lock_key % pv.n_o
            away = pv.o_kind[lo] > 0
            np.subtract.at(self.cap, lc[away], pv.o_months[lo[away]].astype(np.float64))
            self.cap = np.maximum(self.cap, 0.0)
            self.locked_post = lc[pv.o_kind[lo] == 0]
        else:
            self.locked_post = np.zeros(0, dtype=np.int64)

    def locked(self, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
        """Whether each pair is a required lock."""
        out = np.zeros(cad.size, dtype=bool)
        if not self.lock_key.size or not cad.size:
            return out
        # Only the locks on the pairs' openings can match (a block covers a few openings).
        n_c = self.pv.n_c
        lk = self.lock_okey[(self.lock_okey >= op.min() * n_c) & (self.lock_okey < (op.max() + 1) * n_c)]
        if lk.size:
            out[np.isin(op * self.pv.n_c + cad, lk)] = True
        return out

    def add(self, cad: np.ndarray, op: np.ndarray, rc: np.ndarray, locked: np.ndarray | None = None) -> None:
        """A block of pairs with their reduced costs (in the LP or not); ``locked``: which of
        them are required locks, when the caller has it already."""
        up = rc < -TOL
        if up.any() and self.lock_key.size:
            up &= ~(self.locked(cad, op) if locked is None else locked)
        up = np.flatnonzero(up)
        if not up.size:
            return
        pv = self.pv
        c_u, o_u, v_u = cad[up], op[up], -rc[up]
        post = pv.o_kind[o_u] == 0
        np.maximum.at(self.post_best, c_u[post], v_u[post])
        np.add.at(self.away_sum, c_u[~post], v_u[~post])
        np.maximum.at(self.away_rate, c_u[~post], v_u[~post] / pv.o_months[o_u[~post]])

    def per_cadre(self) -> np.ndarray:
        """What each cadre's pairs can add to any plan, by these duals."""
        post = self.post_best.copy()
        post[self.locked_post] = 0.0
        return post + np.minimum(self.away_sum, self.cap * self.away_rate)


@dataclass
class Bonuses:
    """The LP's duals on the rows of once-only rewards: a cadre's grassroots record (one row per
    cadre) and a region's sending and receiving (one row per region). Every pair that could earn
    the reward carries the dual in its profit, so a cadre's own bound counts it once per pair and
    every cadre of a region counts the region's."""
    grass: np.ndarray          # per cadre: its grassroots row's dual (0 where it has none)
    reward: float              # the grassroots reward (plan value)
    send: np.ndarray           # per cadre: its region's sending row's dual (0 for recruits)
    recv: np.ndarray           # per opening: its region's receiving row's dual
    region_charge: float       # sum over region rows of min(reward, dual)


class ShiftedDuals:
    """A second ``CadreBound`` under duals other than the LP's, which bound better while pricing
    has far to go (any duals of the right signs give a bound; see the module docstring):

    1. the region rows' duals set to 0: the bound gains ``min(reward, dual)`` per row (the
       reward's column, 0 <= u <= 1) and every cross-region posting loses the region duals;
    2. each grassroots row taken into its cadre's own problem: the cadre's pairs lose the row's
       dual, its reward column leaves the bound (``(reward - dual)+``) and the cadre adds the
       reward once, if one of its grassroots pairs can earn it. With ``M`` its best posting (or
       0) and ``Aw`` its away part, a cadre's plan is worth at most ``M + Aw`` without the
       reward, ``r + Pg + Aw`` with it by a grassroots posting (best ``Pg``; R1 leaves no
       other posting), ``M + Aw + r + min(0, Ga)`` by a grassroots away pair (best ``Ga``):
       so the cadre adds ``max(0, r + Pg - M, r + min(0, Ga))`` to ``M + Aw``;
    3. each away opening (R3 row ``<= seats``, not a team opening, price ``-y >= 0``) priced
       ``shift`` higher, where its seats clear: the bound gains ``(seats - required locks) x
       shift``, every pair of the opening loses ``shift``. The shift minimises the bound opening
       by opening as if each cadre's away pairs added up (no R8 cap): the ``free``-th largest
       profit among the cadres who want the opening, 0 when fewer want it.

    A required lock is in every plan: it pays what its pair loses, and gives its cadre the
    grassroots reward."""

    def __init__(self, pv: PairValues, lock_key: np.ndarray, max_away_months: int, can_shift: np.ndarray,
                 seats: np.ndarray, bonuses: Bonuses):
        self.pv, self.bonuses = pv, bonuses
        self.base = CadreBound(pv, lock_key, max_away_months)
        self.shifted = CadreBound(pv, lock_key, max_away_months)
        locks = np.bincount(lock_key % pv.n_o, minlength=pv.n_o) if lock_key.size else np.zeros(pv.n_o, dtype=np.int64)
        self.free = np.maximum(seats - locks, 0)
        self.can_shift = can_shift & (pv.o_kind > 0)
        self.shift = np.zeros(pv.n_o)          # each opening's price rise
        self.grass_post = np.full(pv.n_c, -np.inf)     # best grassroots posting (Pg)
        self.grass_away = np.full(pv.n_c, -np.inf)     # best grassroots away pair (Ga)
        self.grass_locked = np.zeros(pv.n_c, dtype=bool)
        self.charge = bonuses.region_charge

    def add(self, cad: np.ndarray, op: np.ndarray, rc: np.ndarray) -> None:
        """A block of pairs (grouped by opening, as blocks come) with their reduced costs."""
        locked = self.base.locked(cad, op)
        self.base.add(cad, op, rc, locked)
        pv, b = self.pv, self.bonuses
        # The pairs that carry the reward rows' duals (as ``PricingLP._entries`` puts them in).
        grass = pv.gives_grassroots(cad, op)
        cross = pv.cross(cad, op)
        rc = rc + np.where(grass, b.grass[cad], 0.0) + np.where(cross, b.send[cad] + b.recv[op], 0.0)
        if locked.any():
            lc, lo = cad[locked], op[locked]
            lost = np.where(grass[locked], b.grass[lc], 0.0) + np.where(cross[locked], b.send[lc] + b.recv[lo], 0.0)
            self.charge -= float(lost.sum())
            self.grass_locked[lc[grass[locked]]] = True
        shift = self._shift(cad, op, rc, locked)
        if shift is not None:
            rc = rc + shift
        self.shifted.add(cad, op, rc, locked)
        # Only pairs within the reward of profit can earn it (r + min(0, p) > 0).
        g = grass & ~locked & (rc < b.reward)
        post = pv.o_kind[op] == 0
        for best, sel in ((self.grass_post, np.flatnonzero(g & post)), (self.grass_away, np.flatnonzero(g & ~post))):
            np.maximum.at(best, cad[sel], -rc[sel])

    def _shift(self, cad, op, rc, locked):
        sel = np.flatnonzero(self.can_shift[op] & (rc < -TOL) & ~locked)
        if not sel.size:
            return None
        o, p = op[sel], -rc[sel]
        order = np.lexsort((-p, o))
        o, p = o[order], p[order]
        starts = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
        count = np.diff(np.r_[starts, o.size])
        free = self.free[o[starts]]
        crowded = count > free
        if not crowded.any():
            return None
        rise = o[starts[crowded]]
        self.shift[rise] = p[starts[crowded] + free[crowded]]
        self.charge += float(self.shift[rise] @ self.free[rise])
        return self.shift[op]

    def gain(self) -> float:
        """How much lower the bound under these duals lies than under the LP's (not promised
        to be >= 0: the shift is chosen as if no cap bound)."""
        b = self.bonuses
        r = b.reward
        best_post = self.shifted.post_best.copy()          # M
        best_post[self.shifted.locked_post] = 0.0
        grass_post = self.grass_post.copy()                 # Pg: none beside a locked posting
        grass_post[self.shifted.locked_post] = -np.inf
        own = np.maximum(0.0, np.maximum(r + grass_post - best_post, r + np.minimum(0.0, self.grass_away)))
        has_row = self.pv.need_grass                        # the cadres with a grassroots row
        own = np.where(has_row, np.where(self.grass_locked, r, own), 0.0)
        column = np.where(has_row, np.maximum(0.0, r - b.grass), 0.0)
        grass = float(own.sum() - column.sum())
        return float(self.base.per_cadre().sum() - self.shifted.per_cadre().sum()) - self.charge - grass
