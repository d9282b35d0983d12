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

    def per_block(cad, op):      # in a worker thread: nothing shared is written
        obj = pv.objective(cad, op)
        wide = top_per_opening(op, obj, want_res, cad)
        narrow = wide[top_per_opening(op[wide], obj[wide], want_pool, cad[wide])]
        sel = np.flatnonzero(need_open[op])
        need = sel[top_per_opening(op[sel], obj[sel], want_need, cad[sel])]
        return cad, op, obj, wide, np.concatenate([narrow, need])

    for cad, op, obj, wide, chosen in bits.map_blocks(per_block):
        # The cadres' bars are read and raised here, in block order, so that the pairs that
        # pass (and so any tie the sort leaves to their order) are the same in every run.
        best.offer(cad, op, obj)
        must = np.flatnonzero((pv.o_kind[op] == 0) & ca.must_post[cad])
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


def spread(cad: np.ndarray, op: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random order of pairs (Knuth's multiplicative hash) that breaks ties of
    value. Why not the lower index: values tie massively (every target-specialty cadre is worth
    the same 530 at a shortage unit's opening), and taking the lowest-numbered of them gave every
    opening the same few cadres; at broad national size the LP over the reserve fell from
    17.0 M to 15.9 M that way."""
    return (cad * 2654435761 + op * 40503) % 1000003


def top_per_opening(op: np.ndarray, score: np.ndarray, want: np.ndarray, cad: np.ndarray) -> np.ndarray:
    """Positions of each opening's ``want[j]`` best-scored pairs, for pairs grouped by opening
    (as blocks give them). Ties are broken by ``spread``, then by position."""
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
            tied = np.flatnonzero(seg == nth)
            tied = tied[np.argsort(spread(cad[s + tied], op[s + tied]), kind="stable")[: n - above.size]]
            parts.append(s + np.sort(np.concatenate([above, tied])))
    return np.sort(np.concatenate(parts))


class TopPerCadre:
    """The ``k`` best pairs of each cadre over a stream of blocks (best value first, ties by
    ``spread``). A pair that does not beat its cadre's k-th best so far is dropped before any
    sort, and the pairs that pass wait to be sorted in batches: at broad national size (120 M
    pairs) sorting every block whole took 34 s, and re-sorting the kept pairs with every block
    27 s. Values may be integer or float."""

    BATCH = 2_000_000

    def __init__(self, n_c: int, k: int, dtype=np.int64):
        self.k = k
        self._kept = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=dtype))
        self._waiting, self._n_waiting = [], 0
        low = np.iinfo(dtype).min if np.issubdtype(dtype, np.integer) else -np.inf
        self.bar = np.full(n_c, low, dtype=dtype)         # the k-th best so far: its value
        self.bar_tie = np.zeros(n_c, dtype=np.int64)       # and its ``spread``
        self.full = np.zeros(n_c, dtype=bool)              # has k pairs

    def offer(self, cad: np.ndarray, op: np.ndarray, val: np.ndarray) -> None:
        bar = self.bar[cad]
        sel = ~self.full[cad] | (val > bar)
        tie = np.flatnonzero(~sel & (val == bar))
        if tie.size:
            sel[tie] = spread(cad[tie], op[tie]) < self.bar_tie[cad[tie]]
        sel = np.flatnonzero(sel)
        if sel.size:
            self._waiting.append((cad[sel], op[sel], val[sel]))
            self._n_waiting += sel.size
            if self._n_waiting > max(self.BATCH, self._kept[0].size):
                self._sort()

    def _sort(self) -> None:
        if not self._waiting:
            return
        parts = [self._kept] + self._waiting
        c = np.concatenate([p[0] for p in parts])
        o = np.concatenate([p[1] for p in parts])
        v = np.concatenate([p[2] for p in parts])
        self._waiting, self._n_waiting = [], 0
        order = _by_cadre_then_best(c, o, v)
        c_s = c[order]
        rank = np.arange(c_s.size) - np.searchsorted(c_s, c_s, side="left")
        keep = order[rank < self.k]
        self._kept = (c[keep], o[keep], v[keep])
        last = order[rank == self.k - 1]
        self.full[c[last]] = True
        self.bar[c[last]] = v[last]
        self.bar_tie[c[last]] = spread(c[last], o[last])

    @property
    def cad(self) -> np.ndarray:
        self._sort()
        return self._kept[0]

    @property
    def op(self) -> np.ndarray:
        self._sort()
        return self._kept[1]

    def rank(self) -> np.ndarray:
        """Each kept pair's place among its cadre's (0 = best); pairs are kept in cadre order."""
        cad = self.cad
        return np.arange(cad.size) - np.searchsorted(cad, cad, side="left")


def _by_cadre_then_best(c: np.ndarray, o: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The order (cadre, value descending, ``spread``), ties left in input order: one stable
    sort of a packed int64 key (0.6 s for 3.5 M pairs, against 4 s for a four-key lexsort),
    or the lexsort (by opening last) when cadres or distinct values are too many to pack.
    Integer values within a range of 2^22 are packed as they are: ranking them by ``np.unique``
    took 13 of the 27 s the pools take at broad national size."""
    down = None                        # each value's place below the largest
    if c.size and int(c.max()) < 1 << 20:
        if np.issubdtype(v.dtype, np.integer) and int(v.max()) - int(v.min()) < 1 << 22:
            down = int(v.max()) - v.astype(np.int64)
        else:
            u, inv = np.unique(v, return_inverse=True)
            down = u.size - 1 - inv.astype(np.int64) if u.size < 1 << 22 else None
    if down is None:
        return np.lexsort((o, spread(c, o), -v, c))
    key = (c.astype(np.int64) << 43) | (down << 21) | spread(c, o)
    return np.argsort(key, kind="stable")


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
