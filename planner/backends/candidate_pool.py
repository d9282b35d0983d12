"""The pairs worth looking at first, chosen in one pass over every candidate pair.

Two sets, nested:

* the **pool**, for the constructive plan's flows and the LP's first columns: each cadre's
  best pairs by objective (more postings for those who must move), each opening's best
  candidates, the best qualified candidates of openings with a minimum or a team need, every
  required lock;
* the **reserve**, for the LP's cheap pricing rounds (``planner.backends.pricing_lp``): the pool
  and more of the same (each cadre's best 30, each opening's best ``2 x seats + 20``).

Why each opening's best candidates and not only each cadre's: many cadres share the same best
openings (the shortage units, the development posts), so the cadres' best pairs leave most
openings without a candidate. At broad national size the first plan filled 14,329 lines from
the cadres' best pairs alone and 22,392 with each opening's best added.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues

# The pool: each cadre's best pairs, a must-move cadre's best postings, each opening's best
# POOL_PER_SEAT x seats + POOL_PER_OPENING candidates.
POOL_PER_CADRE, POOL_PER_MUST = 8, 12
POOL_PER_SEAT, POOL_PER_OPENING = 2, 5
# The reserve: the same, wider.
RESERVE_PER_CADRE = 30
RESERVE_PER_SEAT, RESERVE_PER_OPENING = 2, 20


class Pools(NamedTuple):
    pool: tuple        # (cadre, opening) arrays
    reserve: tuple     # (cadre, opening) arrays, a superset of ``pool``


def candidate_pools(bits: EligibilityBits, pv: PairValues, per_cadre: int = POOL_PER_CADRE,
                    per_must: int = POOL_PER_MUST, reserve: bool = True) -> Pools:
    """The pool and the reserve (see the module docstring) from one pass over the blocks."""
    sc, ca = bits.scenario, bits.ca
    seats = np.array([o.seats for o in sc.openings], dtype=np.int64)
    need_open = np.array([o.min_seats > 0 or bool(o.team_needs) for o in sc.openings], dtype=bool)
    want_need = np.array([3 * max(o.min_seats, max((k for _, k in o.team_needs), default=0), 1)
                          for o in sc.openings])
    want_pool = POOL_PER_SEAT * seats + POOL_PER_OPENING
    want_res = np.maximum(RESERVE_PER_SEAT * seats + RESERVE_PER_OPENING, want_pool) if reserve else want_pool
    pool_c, pool_o, res_c, res_o = [], [], [], []
    best = TopPerCadre(pv.n_c, max(per_cadre, RESERVE_PER_CADRE) if reserve else per_cadre)
    best_must = TopPerCadre(pv.n_c, per_must)
    pv.objective(np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64))    # fill its caches

    def per_block(cad, op):      # in a worker thread: nothing shared is written
        obj = pv.objective(cad, op)
        wide = top_per_opening(op, obj, want_res)
        narrow = wide[top_per_opening(op[wide], obj[wide], want_pool)]
        sel = np.flatnonzero(need_open[op])
        need = sel[top_per_opening(op[sel], obj[sel], want_need)]
        return cad, op, obj, wide, np.concatenate([narrow, need])

    for cad, op, obj, wide, chosen in bits.map_blocks(per_block):
        best.offer(cad, op, obj)
        must = (pv.o_kind[op] == 0) & ca.must_post[cad]
        if must.any():
            best_must.offer(cad[must], op[must], obj[must])
        res_c.append(cad[wide])
        res_o.append(op[wide])
        pool_c.append(cad[chosen])
        pool_o.append(op[chosen])
    mine = best.rank() < per_cadre
    pool_c += [best.cad[mine], best_must.cad]
    pool_o += [best.op[mine], best_must.op]
    res_c.append(best.cad)
    res_o.append(best.op)
    for j, o in enumerate(sc.openings):
        if not o.team_needs:
            continue
        cands = np.flatnonzero(bits.rows(j, j + 1)[0])
        if cands.size == 0:
            continue
        obj = pv.objective(cands, np.full(cands.size, j))
        cands = cands[np.argsort(-obj, kind="stable")]
        for code, k in o.team_needs:
            q = cands[pv.qualified(cands, code)][: 3 * k]
            pool_c.append(q)
            pool_o.append(np.full(q.size, j))
    locks = required_locks(bits)
    pool_c.append(locks[:, 0])
    pool_o.append(locks[:, 1])
    pool = _unique_pairs(pool_c, pool_o, pv.n_o)
    res = _unique_pairs(res_c + [pool[0]], res_o + [pool[1]], pv.n_o) if reserve else pool
    return Pools(pool, res)


def candidate_pool(bits: EligibilityBits, pv: PairValues, per_cadre: int = POOL_PER_CADRE,
                   per_must: int = POOL_PER_MUST) -> tuple:
    """The pool alone (see ``candidate_pools``)."""
    return candidate_pools(bits, pv, per_cadre, per_must, reserve=False).pool


def _unique_pairs(cc: list, oo: list, n_o: int) -> tuple:
    key = np.unique(np.concatenate(cc).astype(np.int64) * n_o + np.concatenate(oo).astype(np.int64))
    return key // n_o, key % n_o


def top_per_opening(op: np.ndarray, score: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Positions of each opening's ``want[j]`` best-scored pairs, for pairs grouped by opening
    (as blocks give them). Ties are broken by position, so the choice is reproducible."""
    if op.size == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, op[1:] != op[:-1]])
    ends = np.r_[starts[1:], op.size]
    k = want[op[starts]]
    whole = ends - starts <= k
    parts = [np.flatnonzero(np.repeat(whole, ends - starts))]
    for s, e, n in zip(starts[~whole].tolist(), ends[~whole].tolist(), k[~whole].tolist()):
        if n > 0:
            seg = score[s:e]
            nth = np.partition(seg, seg.size - n)[seg.size - n]        # the n-th best score
            above = np.flatnonzero(seg > nth)
            parts.append(s + np.sort(np.concatenate([above, np.flatnonzero(seg == nth)[: n - above.size]])))
    return np.sort(np.concatenate(parts))


class TopPerCadre:
    """The ``k`` best pairs of each cadre over a stream of blocks (best value first, then the
    lower opening). A pair that does not beat its cadre's k-th best so far is dropped before any
    sort: at broad national size (120 M pairs) this is the difference between sorting every
    block whole (34 s) and sorting a few pairs per block. Values may be integer or float."""

    def __init__(self, n_c: int, k: int, dtype=np.int64):
        self.k = k
        self.cad = np.zeros(0, dtype=np.int64)
        self.op = np.zeros(0, dtype=np.int64)
        self.val = np.zeros(0, dtype=dtype)
        low = np.iinfo(dtype).min if np.issubdtype(dtype, np.integer) else -np.inf
        self.bar = np.full(n_c, low, dtype=dtype)         # k-th best so far
        self.full = np.zeros(n_c, dtype=bool)              # has k pairs

    def offer(self, cad: np.ndarray, op: np.ndarray, val: np.ndarray) -> None:
        sel = ~self.full[cad] | (val > self.bar[cad])
        if not sel.any():
            return
        c = np.concatenate([self.cad, cad[sel]])
        o = np.concatenate([self.op, op[sel]])
        v = np.concatenate([self.val, val[sel]])
        order = np.lexsort((o, -v, c))
        c_s = c[order]
        rank = np.arange(c_s.size) - np.searchsorted(c_s, c_s, side="left")
        keep = order[rank < self.k]
        self.cad, self.op, self.val = c[keep], o[keep], v[keep]
        last = order[rank == self.k - 1]
        self.full[c[last]] = True
        self.bar[c[last]] = v[last]

    def rank(self) -> np.ndarray:
        """Each kept pair's place among its cadre's (0 = best); pairs are kept in cadre order."""
        return np.arange(self.cad.size) - np.searchsorted(self.cad, self.cad, side="left")


def required_locks(bits: EligibilityBits) -> np.ndarray:
    """Required locks that are candidate pairs, as an (n, 2) array of (cadre, opening)."""
    sc, ca = bits.scenario, bits.ca
    j_of = {o.opening_id: j for j, o in enumerate(sc.openings)}
    rows = [(ca.index[lk.cadre_id], j_of[lk.opening_id]) for lk in sc.locks
            if lk.lock == "require" and lk.cadre_id in ca.index and lk.opening_id in j_of]
    if not rows:
        return np.zeros((0, 2), dtype=np.int64)
    arr = np.array(sorted(set(rows)), dtype=np.int64)
    return arr[bits.has(arr[:, 0], arr[:, 1])]
