"""Pricing: the per-pair objective equals the built model's, the LP by pricing over all pairs
equals the LP of the whole model, and the priced solve reaches the whole model's optimum."""
from __future__ import annotations

import math
import time

import numpy as np
import pytest

from planner.backends.highs_direct import solve_highs_arrays
from planner.backends.pricing_lp import PricingLP
from planner.bench import broad_scenario
from planner.check import check_plan
from planner.model.build import build_model
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues
from planner.solve import solve


@pytest.fixture(scope="module")
def broad0():
    return broad_scenario("municipal", 0)


def test_pair_objective_equals_model(broad0):
    sc = broad0
    baseline = {(sc.cadres[0].cadre_id, sc.openings[0].opening_id), (sc.cadres[7].cadre_id, sc.openings[2].opening_id)}
    built = build_model(sc, baseline)
    weights = sc.weights.as_dict()
    idx, coef, const = built.model.objective_arrays(weights)
    per_var = np.zeros(built.model.n_vars, dtype=np.int64)
    per_var[idx] = coef
    pv = PairValues(sc, built.ctx.ca, weights, frozenset(baseline))
    # Pairs in model order (by cadre) and in block order (by opening): the same numbers.
    assert np.array_equal(pv.objective(built.ctx.pc, built.ctx.po), per_var[: built.ctx.n_pairs])
    bits = EligibilityBits(sc)
    key_model = dict(zip((built.ctx.pc * pv.n_o + built.ctx.po).tolist(), per_var[: built.ctx.n_pairs].tolist()))
    for cad, op in bits.blocks(max_pairs=1000):
        got = pv.objective(cad, op)
        assert got.tolist() == [key_model[k] for k in (cad * pv.n_o + op).tolist()]
    assert pv.constant == const


def _with_bonus_lock(sc):
    import dataclasses

    from models.scenario import Lock

    bits = EligibilityBits(sc)
    pv = PairValues(sc, bits.ca, sc.weights.as_dict())
    locked = {lk.cadre_id for lk in sc.locks}
    for cad, op in bits.blocks():
        cr = pv.c_region[cad]
        ok = (pv.need_grass[cad] & pv.o_grass_ok[op] & (pv.o_kind[op] == 0) & (cr >= 0)
              & (cr != pv.o_region[op]))
        for c, o in zip(cad[ok].tolist(), op[ok].tolist()):
            cadre_id = sc.cadres[c].cadre_id
            if cadre_id not in locked:
                return dataclasses.replace(sc, locks=sc.locks + (Lock(cadre_id, sc.openings[o].opening_id, "require"),))
    raise AssertionError("no such pair")


def _whole_lp(seed: int, lock_bonus_pair: bool = False) -> tuple:
    """A broad municipal scenario, its whole model's LP (HiGHS, the oracle), bits and values.
    ``lock_bonus_pair``: with one more required lock, a cross-region posting that gives its cadre
    a grassroots record (a pair that carries both rewards' duals)."""
    sc = broad_scenario("municipal", seed)
    if lock_bonus_pair:
        sc = _with_bonus_lock(sc)
    weights = sc.weights.as_dict()
    full = solve_highs_arrays(build_model(sc).model, weights, time_limit=120, relax=True)
    bits = EligibilityBits(sc)
    return sc, full, bits, PairValues(sc, bits.ca, weights)


@pytest.mark.parametrize("seed", [0, 1])
def test_lp_by_pricing_equals_full_lp(seed):
    sc, full, bits, pv = _whole_lp(seed)
    pricing = PricingLP(bits, pv)
    lp = pricing.solve(time.perf_counter() + 120, first_per_cadre=2, entering=200)
    assert full.status == lp.status == "OPTIMAL"
    first_lp, _by_sum, first_bound, _cleared = pricing.history[0]
    assert first_bound > first_lp + 1        # the first pass found pairs that improve the LP
    assert lp.objective == pytest.approx(full.objective, rel=1e-7)
    assert lp.bound == pytest.approx(full.objective, rel=1e-7)
    # Pricing started far from all pairs and never held them all.
    assert lp.support[0].size < bits.n_pairs


def test_lagrangian_bound_is_valid_before_convergence(broad0):
    """Stopped after its first pricing round, the bound still lies above the LP optimum."""
    sc = broad0
    weights = sc.weights.as_dict()
    full = solve_highs_arrays(build_model(sc).model, weights, time_limit=120, relax=True)
    bits = EligibilityBits(sc)
    pv = PairValues(sc, bits.ca, weights)
    pricing = PricingLP(bits, pv)
    rounds = iter(range(10))
    lp = pricing.solve(time.perf_counter() + 120, first_per_cadre=1, entering=50,
                       stop=lambda: next(rounds) >= 2)
    assert lp.status == "BOUND"
    assert lp.bound >= full.objective - 1e-6


@pytest.mark.parametrize("seed", [0, 2])
def test_priced_optimum_equals_full_optimum(seed, monkeypatch):
    """The priced solve (forced on a small broad scenario, with a CP-SAT model far smaller than
    all pairs) reaches the optimum the whole model has."""
    import planner.solve.priced as priced_mod
    monkeypatch.setattr(priced_mod, "MIN_STAGE_PAIRS", 300)
    sc = broad_scenario("municipal", seed)
    # gap 0: both runs go on to a proof (the default 0.01 % may end them earlier, as FEASIBLE).
    full = solve(sc, time_limit=60, workers=1, priced=False, gap=0)
    priced = solve(sc, time_limit=60, workers=1, priced=True, gap=0)
    assert full.status == "OPTIMAL"
    assert priced.parameters.get("priced") is True
    assert priced.objective == full.objective
    assert priced.status in ("OPTIMAL", "FEASIBLE")
    if priced.status == "OPTIMAL":
        assert priced.best_bound == priced.objective
    else:
        assert priced.best_bound >= full.objective
    for r in (full, priced):
        assert check_plan(sc, r.plan, r.summary()).ok
    assert priced.model_size["pairs"] == full.model_size["pairs"]
    assert priced.model_size["model_pairs"] < priced.model_size["pairs"]
    assert math.isfinite(priced.first_solution_seconds)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_round_bound_lies_above_the_lp(seed):
    """Each pricing round's two bounds (the sum over pairs left out, and the per-cadre one that
    keeps R1 and the R8 cap) lie above the whole model's LP optimum; the per-cadre one is the
    tighter in early rounds (it is what makes a bound at national size mean something)."""
    sc, full, bits, pv = _whole_lp(seed)
    pricing = PricingLP(bits, pv)
    lp = pricing.solve(time.perf_counter() + 120, first_per_cadre=1, entering=50)
    assert lp.status == "OPTIMAL" and len(pricing.history) >= 2     # a round before convergence
    for _obj, by_sum, per_cadre, cleared in pricing.history:
        assert by_sum >= full.objective - 1e-6
        assert per_cadre >= full.objective - 1e-6
        assert cleared >= full.objective - 1e-6
    assert any(per_cadre < by_sum - 1 for _, by_sum, per_cadre, _c in pricing.history)
    assert lp.bound == pytest.approx(full.objective, rel=1e-7)
    locks = [lk for lk in sc.locks if lk.lock == "require"]
    assert locks, "the scenario has required locks, so their handling is exercised"


def test_lp_sifting_over_the_reserve_equals_full_lp():
    """Cheap rounds over the reserve between full passes end at the whole model's LP optimum."""
    from planner.backends.candidate_pool import candidate_pools

    _sc, full, bits, pv = _whole_lp(2)
    pools = candidate_pools(bits, pv)
    assert pools.pool[0].size < pools.reserve[0].size < bits.n_pairs
    pricing = PricingLP(bits, pv)
    lp = pricing.solve(time.perf_counter() + 120, start=pools.pool, reserve=pools.reserve)
    assert full.status == lp.status == "OPTIMAL"
    assert lp.objective == pytest.approx(full.objective, rel=1e-7)
    assert lp.bound == pytest.approx(full.objective, rel=1e-7)
    assert len(pricing.history) <= lp.rounds          # some rounds priced the reserve alone


@pytest.mark.parametrize("seed", [1, 2])
def test_lp_that_drops_far_pairs_equals_full_lp(seed, monkeypatch):
    """Dropping the LP's pairs of high reduced cost after each pass (forced here at any size,
    and at a low threshold) still ends at the whole model's LP optimum, and the plan pairs it
    returns are columns of the final LP."""
    import planner.backends.pricing_lp as pricing_lp

    monkeypatch.setattr(pricing_lp, "PURGE_COLUMNS", 0)
    monkeypatch.setattr(pricing_lp, "PURGE_RC", 1.0)
    _sc, full, bits, pv = _whole_lp(seed)
    pricing = PricingLP(bits, pv)
    dropped = []
    purge = PricingLP._purge

    def counting(self, d):
        keep = purge(self, d)
        dropped.append(0 if keep is None else int((~keep).sum()))
        return keep

    monkeypatch.setattr(PricingLP, "_purge", counting)
    lp = pricing.solve(time.perf_counter() + 120, first_per_cadre=1, entering=50)
    assert sum(dropped) > 0
    assert full.status == lp.status == "OPTIMAL"
    assert lp.objective == pytest.approx(full.objective, rel=1e-7)
    assert lp.bound == pytest.approx(full.objective, rel=1e-7)
    assert pricing.in_lp(lp.support[0] * pv.n_o + lp.support[1]).all()


def test_threaded_pass_equals_one_thread(monkeypatch):
    """A full pass gives the same numbers and pairs whether one or two threads price its blocks."""
    import planner.backends.pricing_pass as pricing_pass

    sc = broad_scenario("municipal", 0)
    bits = EligibilityBits(sc)
    pv = PairValues(sc, bits.ca, sc.weights.as_dict())
    results = []
    for threads in (1, 2):
        monkeypatch.setattr(pricing_pass, "THREADS", threads)
        pricing = PricingLP(bits, pv)
        pricing._start_columns(2)
        pricing.h.run()
        sol = pricing.h.getSolution()
        x = np.asarray(sol.col_value)[pricing.n_fixed_cols:]
        found = pricing.price(np.asarray(sol.row_dual), 500, x)
        results.append((found.gain, found.improving, found.excess, *found.buffer.result(), *found.picks))
    one, two = results
    assert one[:3] == two[:3] and one[1] > 0
    for a, b in zip(one[3:], two[3:]):
        assert np.array_equal(a, b)


def _lagrangian(pricing: PricingLP, y: np.ndarray) -> float:
    """The Lagrangian bound at duals ``y`` computed from the LP's own data, not through the
    restricted optimum: each row's dual term (lower bound x y where y > 0, upper where y < 0),
    each fixed column's at its best bound, every required lock's reduced cost, and what each
    cadre's pairs can add (``CadreBound``, which other tests check). A cadre's grassroots row and
    reward column are its own problem: the reward once, if a grassroots pair can earn it (found
    here pair by pair). In plan values."""
    from planner.backends.pricing_bounds import CadreBound

    lp = pricing.h.getLp()
    y = np.concatenate([y, np.zeros(max(0, lp.num_row_ - y.size))])[: lp.num_row_]   # new rows: 0
    lo, hi = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)
    pos, neg = y > 1e-9, y < -1e-9
    rows = float(lo[pos] @ y[pos] + hi[neg] @ y[neg])
    a = lp.a_matrix_
    start, index, value = np.asarray(a.start_), np.asarray(a.index_), np.asarray(a.value_)
    grass_rows = set(pricing.g_row[pricing.g_row >= 0].tolist())
    cols, reward = 0.0, None
    for j in range(pricing.n_fixed_cols):
        rows_j = index[start[j]:start[j + 1]]
        if rows_j.size == 1 and int(rows_j[0]) in grass_rows:
            reward = -lp.col_cost_[j]          # the cadre's own problem (below)
            continue
        d = lp.col_cost_[j] - float(value[start[j]:start[j + 1]] @ y[rows_j])
        cols += d * (lp.col_lower_[j] if d > 0 else lp.col_upper_[j]) if abs(d) > 1e-9 else 0.0
    y = pricing._use_duals(y)
    pv = pricing.pv
    bound = CadreBound(pv, pricing._lock_key, pricing.sc.rules.max_away_months)
    locked = {(int(k // pv.n_o), int(k % pv.n_o)) for k in pricing._lock_key.tolist()}
    locked_post = {c for c, o in locked if pv.o_kind[o] == 0}
    best_post, grass_post, grass_away, grass_locked = {}, {}, {}, set()
    for cad, op in pricing.bits.blocks():
        _c, _o, rc, _out = pricing._price_block(y, cad, op)
        bound.add(cad, op, rc)
        for c, o, d in zip(cad.tolist(), op.tolist(), rc.tolist()):
            post = pv.o_kind[o] == 0
            if (c, o) in locked:
                grass_locked |= {c} if pricing.g_row[c] >= 0 and pv.o_grass_ok[o] else set()
                continue
            if post and c not in locked_post:
                best_post[c] = max(best_post.get(c, 0.0), -d)
            if pricing.g_row[c] >= 0 and pv.o_grass_ok[o]:
                mine = grass_post if post else grass_away
                if not (post and c in locked_post):
                    mine[c] = max(mine.get(c, -math.inf), -d)
    # A cadre's reward: by a grassroots posting (in place of its best posting), or by a
    # grassroots away pair (beside it); once.
    own = 0.0
    if reward is not None:
        for c in set(grass_post) | set(grass_away) | grass_locked:
            if c in grass_locked:
                own += reward
                continue
            by_post = reward + grass_post.get(c, -math.inf) - best_post.get(c, 0.0)
            by_away = reward + min(0.0, grass_away.get(c, -math.inf))
            own += max(0.0, by_post, by_away)
    lc, lo_ = pricing._lock_key // pv.n_o, pricing._lock_key % pv.n_o
    locks = float((-pv.objective(lc, lo_) - pricing._dual_sum(y, lc, lo_)).sum())
    return -(rows + cols + locks - bound.per_cadre().sum() - own - pv.constant)


@pytest.mark.parametrize("seed, cleared, lock", [(0, True, False), (3, False, False), (4, True, False),
                                                (3, False, True)])
def test_shifted_duals_bound_is_the_lagrangian_of_those_duals(seed, cleared, lock, monkeypatch):
    """The per-cadre bound under ``ShiftedDuals`` (region rows' duals 0, each grassroots row in
    its cadre's own problem, away openings cleared) is the Lagrangian bound of those duals,
    computed from scratch; and it is the tighter bound when the first duals are poor."""
    from planner.backends import pricing_pass

    sc, full, bits, pv = _whole_lp(seed, lock_bonus_pair=lock)
    pricing = PricingLP(bits, pv)
    seen = []
    price = pricing_pass.DualPricing.price

    def recording(self, y, cap, x=None, stop=None):
        found = price(self, y, cap, x, stop)
        if found is not None and x is not None and not seen:
            shifted = np.concatenate([y, np.zeros(max(0, self.n_rows - y.size))])
            shifted[self.r3] -= found.shift
            shifted[self.g_row[self.g_row >= 0]] = 0.0
            shifted[np.concatenate([self.send_row, self.recv_row])] = 0.0
            seen.append((_lagrangian(self, shifted), found))
        return found

    monkeypatch.setattr(pricing_pass.DualPricing, "price", recording)
    pricing.solve(time.perf_counter() + 120, first_per_cadre=1, entering=50)
    obj, _by_sum, per_cadre, shifted_bound = pricing.history[0]
    at_shifted, found = seen[0]
    assert (found.shift > 0).any() == cleared            # seeds 0 and 4 price an away opening up
    assert at_shifted == pytest.approx(shifted_bound, rel=1e-6)
    assert full.objective - 1e-6 <= shifted_bound < per_cadre - 1
