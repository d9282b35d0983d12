"""One pricing pass of the LP by pricing (``planner.backends.pricing_lp``): every candidate
pair's reduced cost ``d = -c - A^T y`` against the LP's duals, a block of openings at a time, and
what the pass keeps of them (the pairs of least ``d``, the per-cadre bound, the pairs that
should join). Also the cheap pass over the reserve (``planner.backends.candidate_pool``).

A full pass at broad national size reads 120 M pairs: the blocks are priced by two threads
(``EligibilityBits.map_blocks``) and merged in block order (35 s -> 20 s a pass).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.backends.candidate_pool import TopPerCadre, top_per_opening
from planner.backends.pricing_bounds import Bonuses, CadreBound, ReducedCostBuffer, ShiftedDuals
from planner.model.pair_values import _lookup
from planner.model.terms import EXCHANGE_REGION, FAIRNESS_GRASSROOTS

TOL = 1e-7
# Pairs a full pass puts forward to join the LP besides the least reduced costs: each
# opening's PICK_PER_SEAT x seats + PICK_PER_OPENING most improving, each cadre's PICK_PER_CADRE.
# One pass's picks moved the broad national LP from 17.0 M to 21.6 M (the least reduced costs
# alone crowd onto few openings).
PICK_PER_SEAT, PICK_PER_OPENING, PICK_PER_CADRE = 3, 30, 6
THREADS = 2


@dataclass
class PassResult:
    """What a full pass kept; ``picks`` are pairs not in the LP that improve it."""
    buffer: ReducedCostBuffer
    gain: float                  # sum over left-out pairs of max(0, -d)
    improving: int               # left-out pairs with d < 0
    excess: float | None         # the per-cadre bound minus the restricted LP's optimum
    picks: tuple                 # (cadre, opening)
    shifted: float | None = None  # the same under better duals (ShiftedDuals)
    shift: np.ndarray | None = None   # those duals: each opening's price rise


def _sorted_table(d: dict) -> tuple:
    keys = np.array(sorted(d), dtype=np.int64)
    return keys, np.array([d[k] for k in keys.tolist()], dtype=np.float64)


class DualPricing:
    """Mixin of ``PricingLP``: reduced costs of any pairs, the full pass and the reserve's."""

    def _dual_sum(self, y: np.ndarray, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
        """``A^T y`` restricted to pair columns, for any pairs (vectorised); after
        ``_prepare_duals(y)``."""
        pv = self.pv
        post = pv.o_kind[op] == 0
        # Gathers from per-opening and per-cadre vectors (see ``_vectors``), not masked updates:
        # at broad national size this runs over 120 M pairs a pass.
        t = self._y_open[op]
        t += np.where(post, self._y_post[cad], 0.0)
        t += np.where(pv.o_grass_ok[op], self._y_grass[cad], 0.0)
        t += pv.o_points[op] * self._y_ex[cad]
        cr = pv.c_region[cad]
        t += np.where(post & (cr >= 0) & (cr != pv.o_region[op]), self._y_send[cad] + self._y_recv[op], 0.0)
        if self._team:
            sel = np.flatnonzero(self.cap_row[op] >= 0)
            if sel.size:
                c_t, o_t = cad[sel], op[sel]
                for holders, y_by_opening in self._team:       # one gather per need code
                    t[sel] += y_by_opening[o_t] * holders[c_t]
        away = np.flatnonzero(pv.o_kind[op] > 0)
        if away.size and self._ym_flat is not None:
            ca_, oa = cad[away], op[away]
            # The months' running sums as one flat (month, cadre) vector: a 1-D gather is far
            # cheaper than a 2-D fancy index (4.6 s of a broad national pass).
            t[away] += self._ym_flat[pv.o_end[oa] * pv.n_c + ca_] - self._ym_flat[(pv.o_start[oa] - 1) * pv.n_c + ca_]
            t[away] += pv.o_months[oa] * self._ycap8[ca_]
        if self._r7 is not None:
            any_d, unit_keys, unit_vals, open_keys, open_vals = self._r7
            rel = np.flatnonzero(self._related[cad])
            if rel.size:
                c_r, o_r = cad[rel], op[rel]
                post = pv.o_kind[o_r] == 0
                add = np.where(post, any_d[c_r], 0.0)
                unit_key = c_r * pv.u_region.size + pv.o_unit[o_r]
                add += np.where(post, _lookup(unit_keys, unit_vals, unit_key, dtype=np.float64), 0.0)
                add += _lookup(open_keys, open_vals, c_r * pv.n_o + o_r, dtype=np.float64)
                t[rel] += add
        return t

    def _vectors(self, y: np.ndarray) -> None:
        """The duals as per-opening and per-cadre vectors: seats and team cap by opening, the
        posting, grassroots (0 where the cadre has no such row, so pairs that give no record add
        0 by ``o_grass_ok``/``need_grass``) and hardship rows by cadre, the exchange rows by the
        cadre's region (0 for recruits, who are never cross) and the opening's region."""
        pv = self.pv
        a = y[self.r3].copy()
        team = self.cap_row >= 0
        a[team] += y[self.cap_row[team]]
        self._y_open = a
        self._y_post = y[self.post_row]
        self._y_grass = np.where(self.g_row >= 0, y[np.maximum(self.g_row, 0)], 0.0)
        self._y_ex = y[self.ex_row]
        self._y_send = np.where(pv.c_region >= 0, y[self.send_row[np.maximum(pv.c_region, 0)]], 0.0)
        self._y_recv = y[self.recv_row[pv.o_region]]
        by_code: dict = {}
        for j, needs in self.needs.items():
            for code, _k, row in needs:
                by_code.setdefault(code, np.zeros(pv.n_o))[j] += y[row]
        self._team = [(pv.holders(code), v) for code, v in sorted(by_code.items())]

    def _prepare_duals(self, y: np.ndarray) -> None:
        self._vectors(y)
        self._r7 = None
        if self.r7_rows:
            pv = self.pv
            any_d = np.zeros(pv.n_c)
            units, opens = {}, {}
            self._related = np.zeros(pv.n_c, dtype=bool)
            for row, coefs in self.r7_rows:
                for (i, what, key), v in coefs.items():
                    self._related[i] = True
                    if what == "any":
                        any_d[i] += v * y[row]
                    elif what == "unit":
                        k = i * pv.u_region.size + key
                        units[k] = units.get(k, 0.0) + v * y[row]
                    else:
                        k = i * pv.n_o + key
                        opens[k] = opens.get(k, 0.0) + v * y[row]
            self._r7 = (any_d,) + _sorted_table(units) + _sorted_table(opens)
        have = self.m_row >= 0
        if have.any() or (self.cap8_row >= 0).any():
            ym = np.where(have, y[np.maximum(self.m_row, 0)], 0.0)
            ym[:, 0] = 0.0
            self._ym_flat = np.ascontiguousarray(np.cumsum(ym, axis=1).T).ravel()
            self._ycap8 = np.where(self.cap8_row >= 0, y[np.maximum(self.cap8_row, 0)], 0.0)
        else:
            self._ym_flat = None

    def _use_duals(self, y: np.ndarray) -> np.ndarray:
        """The duals of every row (rows added since the solve: 0), prepared for ``_dual_sum``."""
        if y.size < self.n_rows:
            y = np.concatenate([y, np.zeros(self.n_rows - y.size)])
        self._prepare_duals(y)
        return y

    def price(self, y: np.ndarray, cap: int, x: np.ndarray | None = None, stop=None) -> PassResult | None:
        """One pass over every candidate pair (see ``PassResult``); None when ``stop()`` came."""
        y = self._use_duals(y)
        pv = self.pv
        buf = ReducedCostBuffer(cap)
        gain, improving = 0.0, 0
        seats = np.array([o.seats for o in self.sc.openings], dtype=np.int64)
        # Away openings whose R3 row is "<= seats" with a price (-y) of at least 0 may be priced higher.
        cadres = ShiftedDuals(pv, self._lock_key, self.sc.rules.max_away_months,
                              (self.cap_row < 0) & (y[self.r3] <= 0), seats, self._bonuses(y))
        top_c = TopPerCadre(pv.n_c, PICK_PER_CADRE, dtype=np.float64)
        want = PICK_PER_SEAT * seats + PICK_PER_OPENING
        pick_c, pick_o = [], []
        done = 0
        for cad, op, rc, out in self.bits.map_blocks(lambda c, o: self._price_block(y, c, o), THREADS, stop):
            done += 1
            neg = np.flatnonzero(out & (rc < -TOL))
            gain += float(-rc[neg].sum())
            improving += int(neg.size)
            buf.add(rc, cad, op)
            cadres.add(cad, op, rc)
            if neg.size:
                c, o, v = cad[neg], op[neg], -rc[neg]
                top_c.offer(c, o, v)
                best = top_per_opening(o, v, want, c)
                pick_c.append(c[best])
                pick_o.append(o[best])
        if done < len(self.bits.block_bounds()):      # stopped: the pass is incomplete
            return None
        excess = None if x is None else self._cadre_excess(y, x, cadres.base)
        shifted = None if excess is None else excess - cadres.gain()
        pick_c.append(top_c.cad)
        pick_o.append(top_c.op)
        key = np.unique(np.concatenate(pick_c) * pv.n_o + np.concatenate(pick_o))
        return PassResult(buf, gain, improving, excess, (key // pv.n_o, key % pv.n_o), shifted, cadres.shift)

    def _bonuses(self, y: np.ndarray) -> Bonuses:
        """The duals of the reward rows (after ``_use_duals(y)``), for ``ShiftedDuals``."""
        w = self.pv.weights
        e = float(w.get("exchange", 0) * EXCHANGE_REGION)
        region = np.clip(y[np.concatenate([self.send_row, self.recv_row])], 0.0, e)
        return Bonuses(self._y_grass, float(w.get("fairness", 0) * FAIRNESS_GRASSROOTS),
                       self._y_send, self._y_recv, float(region.sum()))

    def _price_block(self, y: np.ndarray, cad: np.ndarray, op: np.ndarray) -> tuple:
        """A block's pairs, their reduced costs, and which of them are not in the LP."""
        pv = self.pv
        rc = -pv.objective(cad, op).astype(np.float64) - self._dual_sum(y, cad, op)
        # Pairs in the LP: blocks come in (opening, cadre) order, so the LP's pairs in this
        # block's range are placed in it (not the block searched in all the LP's pairs).
        out = np.ones(cad.size, dtype=bool)
        if self.act_okey.size and cad.size:
            okey = op * pv.n_c + cad
            a = np.searchsorted(self.act_okey, okey[0])
            b = np.searchsorted(self.act_okey, okey[-1], side="right")
            out[np.searchsorted(okey, self.act_okey[a:b])] = False
        return cad, op, rc, out

    def price_reserve(self, y: np.ndarray, limit: int) -> tuple:
        """The reserve's pairs not in the LP that improve it, the ``limit`` most improving
        (cadre, opening) arrays; the reserve's values were computed when it was set."""
        y = self._use_duals(y)
        c, o = self.res_c, self.res_o
        rc = self.res_cost - self._dual_sum(y, c, o)
        imp = np.flatnonzero(~self.in_lp(c * self.pv.n_o + o) & (rc < -TOL))
        if imp.size > limit:
            imp = imp[np.argpartition(rc[imp], limit - 1)[:limit]]
            imp.sort()
        return c[imp], o[imp]

    def set_reserve(self, cad: np.ndarray, op: np.ndarray) -> None:
        """The pairs the cheap rounds price (sorted by cadre then opening, no repeats)."""
        key = np.unique(cad * self.pv.n_o + op)
        self.res_c, self.res_o = key // self.pv.n_o, key % self.pv.n_o
        self.res_cost = -self.pv.objective(self.res_c, self.res_o).astype(np.float64)

    def _cadre_excess(self, y, x, cadres: CadreBound) -> float:
        """A bound over all pairs tighter than ``gain`` (``planner.backends.pricing_bounds``):
        ``sum over cadres of what its pairs can add - sum over LP pairs of (-d_j) x*_j``
        (locks, in every plan, add 0 to both); the bound is the restricted LP's optimum + it."""
        pv = self.pv
        n = min(x.size, self.act_c.size)
        c, o = self.act_c[:n], self.act_o[:n]
        rc_act = np.where(cadres.locked(c, o), 0.0, -pv.objective(c, o).astype(np.float64) - self._dual_sum(y, c, o))
        return float(cadres.per_cadre().sum() - np.dot(-rc_act, x[:n]))
