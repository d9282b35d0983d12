"""EligibilityBits (block filters kept as bits) gives exactly the pairs of the per-opening filters."""
from __future__ import annotations

import numpy as np
import pytest

from planner.bench import broad_scenario
from planner.generate import generate_scenario
from planner.model.eligibility import Eligibility
from planner.model.eligibility_blocks import EligibilityBits


def _per_opening_pairs(scenario):
    """The oracle: ``Eligibility.candidates`` opening by opening, sorted by (cadre, opening)."""
    elig = Eligibility(scenario, pairs=(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
    cc, oo = [], []
    for j, o in enumerate(scenario.openings):
        idx = elig.candidates(o)
        cc.append(idx)
        oo.append(np.full(idx.size, j))
    cc, oo = np.concatenate(cc), np.concatenate(oo)
    order = np.lexsort((oo, cc))
    return cc[order], oo[order]


@pytest.mark.parametrize("make", [
    lambda: generate_scenario("tiny", 0), lambda: generate_scenario("municipal", 1),
    lambda: broad_scenario("municipal", 0), lambda: broad_scenario("municipal", 2)],
    ids=["tiny", "municipal-1", "broad-municipal-0", "broad-municipal-2"])
def test_bits_equal_per_opening_filters(make):
    sc = make()
    bits = EligibilityBits(sc)
    cc, oo = bits.all_pairs()
    want_c, want_o = _per_opening_pairs(sc)
    assert np.array_equal(cc, want_c) and np.array_equal(oo, want_o)
    assert bits.n_pairs == cc.size == int(bits.per_cadre.sum())
    # Blocks cover every pair once; has() answers for pairs and non-pairs alike.
    blocks = list(bits.blocks(max_pairs=500))
    assert sum(b[0].size for b in blocks) == cc.size
    assert bits.has(cc, oo).all()
    rng = np.random.default_rng(0)
    c_any = rng.integers(0, bits.n_c, 200)
    o_any = rng.integers(0, bits.n_o, 200)
    eligible = {(int(c), int(o)) for c, o in zip(cc.tolist(), oo.tolist())}
    assert bits.has(c_any, o_any).tolist() == [(int(c), int(o)) in eligible for c, o in zip(c_any, o_any)]


def test_broad_is_about_a_third():
    sc = broad_scenario("municipal", 0)
    bits = EligibilityBits(sc)
    share = bits.n_pairs / (bits.n_c * bits.n_o)
    narrow = EligibilityBits(generate_scenario("municipal", 0)).n_pairs
    assert bits.n_pairs > 3 * narrow
    assert 0.1 < share < 0.6
