"""The pool and the reserve (planner.backends.candidate_pool) against brute force: sorting every
candidate pair, which the module avoids."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.backends.candidate_pool import (
    POOL_PER_CADRE,
    POOL_PER_OPENING,
    POOL_PER_SEAT,
    RESERVE_PER_CADRE,
    TopPerCadre,
    candidate_pools,
    spread,
    top_per_opening,
)
from planner.bench import broad_scenario
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues


def _brute_top_per_opening(op, score, want, cad):
    out = []
    for j in np.unique(op):
        pos = np.flatnonzero(op == j)
        tie = spread(cad[pos], op[pos])
        order = [p for _, _, p in sorted(zip((-score[pos]).tolist(), tie.tolist(), pos.tolist()))]
        out += order[: want[j]]
    return sorted(out)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 30), st.integers(-3, 3)), max_size=60,
                unique_by=lambda t: (t[0], t[1])),
       st.lists(st.integers(0, 6), min_size=6, max_size=6))
def test_top_per_opening_is_each_openings_best(pairs, want):
    pairs = sorted(pairs)                              # grouped by opening, as blocks come
    op = np.array([p[0] for p in pairs], dtype=np.int64)
    cad = np.array([p[1] for p in pairs], dtype=np.int64)
    score = np.array([p[2] for p in pairs], dtype=np.int64)
    got = top_per_opening(op, score, np.array(want), cad)
    assert got.tolist() == _brute_top_per_opening(op, score, want, cad)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 9), st.sampled_from([-1.5, 0.0, 2.0, 3.25])),
                max_size=80, unique_by=lambda t: (t[0], t[1])),
       st.integers(1, 4), st.integers(1, 5))
def test_top_per_cadre_over_blocks_is_each_cadres_best(triples, k, n_blocks):
    top = TopPerCadre(5, k, dtype=np.float64)
    arr = np.array(triples, dtype=np.float64).reshape(-1, 3)
    for part in np.array_split(arr, n_blocks):
        top.offer(part[:, 0].astype(np.int64), part[:, 1].astype(np.int64), part[:, 2])
    want = []
    for c in range(5):
        mine = sorted((t for t in triples if t[0] == c),
                      key=lambda t: (-t[2], int(spread(np.int64(c), np.int64(t[1]))), t[1]))[:k]
        want += [(c, o) for _, o, _ in mine]
    assert sorted(zip(top.cad.tolist(), top.op.tolist())) == sorted(want)
    assert (top.rank() < k).all()


def test_pool_and_reserve_hold_each_cadres_and_each_openings_best():
    sc = broad_scenario("municipal", 1)
    bits = EligibilityBits(sc)
    pv = PairValues(sc, bits.ca, sc.weights.as_dict())
    pools = candidate_pools(bits, pv)
    cad, op = bits.all_pairs()
    val = pv.objective(cad, op)
    pool = set(zip(*[a.tolist() for a in pools.pool]))
    reserve = set(zip(*[a.tolist() for a in pools.reserve]))
    assert pool <= reserve and len(reserve) < cad.size
    assert all(bits.has(np.array([c]), np.array([o]))[0] for c, o in reserve)
    for c in np.unique(cad).tolist()[:200]:
        mine = np.flatnonzero(cad == c)
        best = mine[np.lexsort((op[mine], spread(cad[mine], op[mine]), -val[mine]))]
        assert {(c, int(o)) for o in op[best[:POOL_PER_CADRE]]} <= pool
        assert {(c, int(o)) for o in op[best[:RESERVE_PER_CADRE]]} <= reserve
    for j, o in enumerate(sc.openings):
        mine = np.flatnonzero(op == j)
        best = mine[np.lexsort((cad[mine], spread(cad[mine], op[mine]), -val[mine]))]
        best = best[: POOL_PER_SEAT * o.seats + POOL_PER_OPENING]
        assert {(int(c), j) for c in cad[best]} <= pool


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 40), st.sampled_from([-2, 0, 1, 7])), max_size=80,
                unique_by=lambda t: (t[0], t[1])))
def test_packed_sort_is_the_lexsort(triples):
    """The packed one-key sort orders pairs as the four-key lexsort does (distinct pairs)."""
    from planner.backends.candidate_pool import _by_cadre_then_best

    arr = np.array(triples, dtype=np.int64).reshape(-1, 3)
    c, o, v = arr[:, 0], arr[:, 1], arr[:, 2]
    packed = _by_cadre_then_best(c, o, v)
    ref = np.lexsort((o, spread(c, o), -v, c))
    key = list(zip(c[packed].tolist(), (-v[packed]).tolist(), spread(c[packed], o[packed]).tolist()))
    assert key == list(zip(c[ref].tolist(), (-v[ref]).tolist(), spread(c[ref], o[ref]).tolist()))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["int", "wide int", "float"]))
def test_cadre_order_is_value_then_spread_then_input(seed, kind):
    """``_by_cadre_then_best`` packs integer values as they are (no ``np.unique``), floats and
    very wide ranges by rank: every way gives the order of a plain sort by (cadre, -value,
    spread, input position)."""
    from planner.backends.candidate_pool import _by_cadre_then_best

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    c = rng.integers(0, 20, n)
    o = rng.integers(0, 15, n)
    if kind == "int":
        v = rng.integers(-50, 50, n)
    elif kind == "wide int":
        v = rng.integers(-50, 50, n) * (1 << 21)        # a range of 2^28: packed by rank
    else:
        v = rng.integers(-50, 50, n) / 7.0
    want = sorted(range(n), key=lambda k: (c[k], -v[k], spread(c[k], o[k]), k))
    assert _by_cadre_then_best(c, o, v).tolist() == want
