"""The priced solve's schedule (``planner.solve.priced``): the LP goes on for the bound after its
own time (``PricingLP.solve(bound_deadline=...)``) while CP-SAT plans from its snapshot, and the
first plan is made beside the LP. Whatever the schedule, the bound reported lies above the whole
model's LP, and every plan passes the checker."""
from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner.backends.candidate_pool import candidate_pools
from planner.backends.highs_direct import solve_highs_arrays
from planner.backends.pricing_lp import PricingLP
from planner.bench import broad_scenario
from planner.check import check_plan
from planner.model.build import build_model
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues
from planner.solve import solve

CASES = next((p / "shared" / "cases" for p in Path(__file__).resolve().parents
              if (p / "shared" / "cases").is_dir()), Path("../shared/cases"))


def _whole(seed: int):
    sc = broad_scenario("municipal", seed)
    weights = sc.weights.as_dict()
    full = solve_highs_arrays(build_model(sc).model, weights, time_limit=120, relax=True)
    bits = EligibilityBits(sc)
    return sc, full, bits, PairValues(sc, bits.ca, weights)


@pytest.mark.parametrize("seed", [0, 2])
def test_lp_goes_on_for_the_bound_after_its_time(seed, monkeypatch):
    """Past its ``deadline`` (a clock pushed 1000 s on after the first pass), the LP no longer
    sifts the reserve: each re-solve is followed by a full pass, until it converges to the whole
    model's LP. The snapshot the caller plans from is the result after the first pass."""
    import planner.backends.pricing_lp as pricing_lp

    sc, full, bits, pv = _whole(seed)
    pools = candidate_pools(bits, pv)
    pricing = PricingLP(bits, pv)
    real = time.perf_counter
    skew = {"s": 0.0}
    monkeypatch.setattr(pricing_lp, "time", SimpleNamespace(perf_counter=lambda: real() + skew["s"]))
    price, price_reserve = PricingLP.price, PricingLP.price_reserve
    calls = []

    def passing(self, *a, **k):
        found = price(self, *a, **k)
        skew["s"] = 1000.0
        calls.append("pass")
        return found

    def sifting(self, *a, **k):
        calls.append("reserve")
        return price_reserve(self, *a, **k)

    monkeypatch.setattr(PricingLP, "price", passing)
    monkeypatch.setattr(PricingLP, "price_reserve", sifting)
    t = real()
    # The pool as the reserve: sifting ends before the first pass has found all it needs.
    lp = pricing.solve(t + 500, start=(pools.pool[0][::3], pools.pool[1][::3]), reserve=pools.pool,
                       bound_deadline=t + 5000)
    snap = pricing.snapshot
    assert full.status == lp.status == "OPTIMAL"
    assert lp.bound == pytest.approx(full.objective, rel=1e-7)
    assert calls.count("pass") >= 2, "the LP did not converge in its first pass: the late part ran"
    assert "reserve" not in calls[calls.index("pass"):]
    assert snap is not None and snap.status == "BOUND"
    assert snap.bound >= full.objective - 1e-6
    assert snap.bound > lp.bound + 1e-6
    assert snap.rounds < lp.rounds


def test_late_bound_reaches_the_result(monkeypatch):
    """A priced solve whose LP hands over early (its share 5 % of 40 s, each re-solve after the
    first pass slowed by 2.5 s) still reports the bound the LP proves after the handover: on
    a small scenario, the whole model's LP optimum. The plan passes the checker."""
    import planner.solve.priced as priced_mod

    monkeypatch.setattr(priced_mod, "LP_SHARE", 0.05)
    monkeypatch.setattr(priced_mod, "MIN_STAGE_PAIRS", 300)
    handed = []
    lp_until = priced_mod._lp_until

    def spying(*a, **k):
        lp, late = lp_until(*a, **k)
        handed.append(late is not None)
        return lp, late

    monkeypatch.setattr(priced_mod, "_lp_until", spying)
    import planner.backends.candidate_pool as candidate_pool

    pools = candidate_pool.candidate_pools

    def thin(bits, pv, *a, **k):      # a thin start: the LP needs more than one pass
        pool = pools(bits, pv, *a, **k).pool
        return candidate_pool.Pools((pool[0][::4], pool[1][::4]), pool)

    separate = PricingLP.separate

    def slow(self, x):                # after a pass, the main thread sees the snapshot in time
        if self.snapshot is not None:
            time.sleep(2.5)
        return separate(self, x)

    monkeypatch.setattr(candidate_pool, "candidate_pools", thin)
    monkeypatch.setattr(PricingLP, "separate", slow)
    sc, full, _bits, _pv = _whole(1)
    res = solve(sc, time_limit=40, workers=1, priced=True, gap=0)
    assert res.parameters.get("priced") is True
    assert handed and all(handed)
    assert res.status in ("OPTIMAL", "FEASIBLE")
    assert check_plan(sc, res.plan, res.summary()).ok
    assert res.best_bound >= full.objective - 1e-6
    if res.status == "FEASIBLE":
        assert res.best_bound == pytest.approx(full.objective, rel=1e-6)
    assert res.objective <= res.best_bound + 1e-6


@pytest.mark.parametrize("case", ["j_min_seats_recusal", "k_recruit_no_grassroots", "l_require_locks_overlap"])
def test_priced_solve_beside_the_first_plan_finds_infeasible(case):
    """The shared infeasible cases, forced through the priced solve with a wall-clock limit (the
    first plan made beside the LP): INFEASIBLE, as the whole model says."""
    from planner.io import read_scenario

    if not (CASES / case).exists():
        pytest.skip("shared/cases not available")
    sc = read_scenario(CASES / case)
    res = solve(sc, time_limit=30, workers=1, priced=True)
    assert res.status == "INFEASIBLE"
