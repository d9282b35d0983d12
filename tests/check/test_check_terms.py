"""The checker's own terms (planner/check/terms.py): by hand at their edges, and against the model.

The hand-made stories pin each term to its exact form in docs/objective.md where a careless reading goes
wrong (a reward of exactly x.5 rounds up; the excess threshold is the ceiling of twice the mean;
a baseline counts lines changed either way). The cross-check then puts the model's terms (its
coefficient arrays, aux variables settled) beside the checker's on random sets of candidate
pairs: two independent codings of one table must agree on any plan, valid or not.
"""
from __future__ import annotations

import random

import numpy as np
import pytest
from scenario_builder import ScenarioBuilder

from models.plan import Assignment
from models.scenario import TERMS
from planner.check import recompute_terms


def rows(scenario, pairs):
    out = []
    for cadre_id, opening_id in pairs:
        o = scenario.opening_by_id[opening_id]
        out.append(Assignment(cadre_id, opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    return sorted(out, key=Assignment.sort_key)


# --------------------------------------------------------------------------------------------
# By hand
# --------------------------------------------------------------------------------------------
def test_fairness_reward_rounds_half_up():
    # Historical points: A at a hardship-1 unit since 2026-11 (2 months: 2 points), B since 2026-12
    # (1 point), both with a grassroots record (G1 is grassroots). H = 2. The task gives B 3 x 3 = 9
    # points: 9 * 100/36 * (2 - 1)/2 = 12.5, rounded half up to 13 (round() in Python gives 12).
    # tau = max(36, ceil(2 * 3/2) = 3) = 36: no excess.
    b = ScenarioBuilder().unit("G1", grassroots=True, hardship=1).unit("UB", region="RB", hardship=3)
    b.cadre("A", unit="G1", since="2026-11").cadre("B", unit="G1", since="2026-12").task("K", "UB", 3, 5)
    sc = b.build()
    assert recompute_terms(sc, rows(sc, [("B", "K")]))["fairness"] == 13
    assert recompute_terms(sc, rows(sc, [("A", "K")]))["fairness"] == 0        # H - h = 0


@pytest.mark.parametrize("temporary_end, excess", [(8, 0), (9, 2)])
def test_fairness_excess_above_the_ceiling_of_twice_the_mean(temporary_end, excess):
    # A has sat at a hardship-1 unit since 2022-02: 59 points in the window 2022-01..2026-12; B and
    # C have 0. Mean 59/3, twice the mean 39.33, tau = ceil = 40 (a floor or a round would say 39).
    # B gets a posting at hardship 2 (24 points) and a temporary at hardship 2 from month 1:
    # to month 8 -> 16 points, total 40 = tau, no excess; to month 9 -> 18 points, 42, excess 2.
    b = ScenarioBuilder().unit("U1").unit("UA", hardship=1, grassroots=True)
    b.unit("U2", region="RB", hardship=2).unit("U3", region="RC", hardship=2)
    b.cadre("A", unit="UA", since="2022-02").cadre("B").cadre("C")
    b.posting("P2", "U2").temporary("T3", "U3", 1, temporary_end)
    sc = b.build()
    # rewards with H = 59, h = 0: round(24 * 100/36) = 67, round(16 * 100/36) = 44 / round(18 * 100/36) = 50
    reward = 67 + (44 if temporary_end == 8 else 50)
    assert recompute_terms(sc, rows(sc, [("B", "P2"), ("B", "T3")]))["fairness"] == reward - 10 * excess


def test_fairness_grassroots_record_gained_once_per_cadre():
    # B (12 service years, no record) gains one by a grassroots posting and again by a grassroots
    # temporary: +200 once. A new recruit's grassroots posting (1 service year) gains nothing.
    b = ScenarioBuilder().unit("U1").unit("G1", grassroots=True).unit("G2", region="RB", grassroots=True)
    b.cadre("B").recruit("N").posting("P1", "G1", seats=2).temporary("T2", "G2", 1, 3)
    sc = b.build()
    assert recompute_terms(sc, rows(sc, [("B", "P1"), ("B", "T2")]))["fairness"] == 200
    assert recompute_terms(sc, rows(sc, [("N", "P1")]))["fairness"] == 0


def test_shortage_development_preference_exchange_fit_by_hand():
    # U2 is a key shortage unit in region RB. C1 (environment, a target) and C2 (it, not a target)
    # are posted there from RA; C3 (talent pool) takes the development task K at U2 (a task: no
    # shortage points, and not a posting: no exchange points).
    b = ScenarioBuilder().unit("U1").unit("U2", region="RB", key_shortage=True).unit("U3", region="RC")
    b.cadre("C1").cadre("C2", specialty="it").cadre("C3", talent_pool=True)
    b.posting("P2", "U2", seats=2, development=2).task("K", "U2", 3, 4, development=5).posting("P3", "U3")
    b.preference("C1", "P2", 1).preference("C2", "P2", 3).preference("C3", "K", 2).fit("C1", "P2", 40)
    b.fit("C2", "P2", -15)
    sc = b.build()
    terms = recompute_terms(sc, rows(sc, [("C1", "P2"), ("C2", "P2"), ("C3", "K")]))
    assert terms["shortage"] == (50 + 50) + 50
    assert terms["development"] == 20 * 5                       # C1, C2 are not in the talent pool
    assert terms["preference"] == 100 + 40 + 70
    # no history: RA and RB have never exchanged (a barrier), 50 + 50 per posting; RA sends, RB receives
    assert terms["exchange"] == 2 * (50 + 50) + 100 + 100
    assert terms["fit"] == 40 - 15
    assert terms["stability"] == -200                           # two free moves


def test_exchange_reads_the_ledger_of_the_five_years_before():
    # X moved RB -> RA in 2022 (its UA posting started 2022-01: inside 2022..2026); Y moved RC -> RA
    # in 2021 (outside). Z goes RA -> RB: one past move, 50 + round(50/2) = 75; W goes RA -> RC: a
    # barrier in the window, 50 + 50 = 100. RA sends, RB and RC receive: + 300.
    b = ScenarioBuilder().unit("UA").unit("UB", region="RB").unit("UC", region="RC")
    b.cadre("X", unit="UA", since="2022-01").history("X", "UB", "posting", "2019-01", "2021-12")
    b.cadre("Y", unit="UA", since="2021-01").history("Y", "UC", "posting", "2018-01", "2020-12")
    b.cadre("Z", unit="UA").cadre("W", unit="UA").posting("PB", "UB").posting("PC", "UC")
    sc = b.build()
    assert recompute_terms(sc, rows(sc, [("Z", "PB"), ("W", "PC")]))["exchange"] == 75 + 100 + 300
    # a temporary assignment in history is no move; neither is a task
    b.history("W", "UB", "temporary", "2024-01", "2024-06")
    sc = b.build()
    assert recompute_terms(sc, rows(sc, [("Z", "PB"), ("W", "PC")]))["exchange"] == 75 + 100 + 300


def test_stability_baseline_counts_lines_changed_either_way():
    # D is due (R6): its move is free, and F holds no posting in the plan: no move cost. Baseline
    # {D-P2, F-P3}, plan {D-P3, F-K}: D-P2 and F-P3 dropped, D-P3 and F-K added -> 4 lines changed.
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").unit("UB", region="RB")
    b.cadre("D", since="2022-01").cadre("F").posting("P2", "U2").posting("P3", "U3").task("K", "UB", 3, 4)
    sc = b.build()
    plan = rows(sc, [("D", "P3"), ("F", "K")])
    assert recompute_terms(sc, plan)["stability"] == 0
    assert recompute_terms(sc, plan, baseline=frozenset({("D", "P2"), ("F", "P3")}))["stability"] == -400
    assert recompute_terms(sc, plan, baseline=frozenset({("D", "P3"), ("F", "K")}))["stability"] == 0


# --------------------------------------------------------------------------------------------
# Against the model's coefficient arrays, on random plans
# --------------------------------------------------------------------------------------------
def model_terms(built, pairs) -> dict:
    from planner.model.build import settle_aux
    ctx, m = built.ctx, built.model
    values = np.zeros(m.n_vars, dtype=np.int64)
    for c, o in pairs:
        values[ctx.pair_index(c, o)] = 1
    values = settle_aux(m, values)
    return {t: m.term_value(t, values) for t in TERMS}


@pytest.mark.parametrize("size, seed", [("tiny", 0), ("tiny", 1), ("tiny", 2), ("tiny", 5), ("municipal", 0)])
def test_terms_agree_with_the_model_on_random_plans(size, seed):
    from planner.generate import generate_scenario
    from planner.model.build import build_model
    sc = generate_scenario(size, seed)
    rng = random.Random(seed)
    candidates = None
    for trial in range(12):
        baseline = None
        if trial % 3 == 2 and candidates:
            # a baseline: some candidate pairs and a pair that names no opening of this scenario
            baseline = frozenset(rng.sample(candidates, min(len(candidates), 5)) + [(sc.cadres[0].cadre_id, "GONE")])
        built = build_model(sc, baseline)
        ctx = built.ctx
        candidates = [(ctx.ca.ids[int(c)], sc.openings[int(o)].opening_id) for c, o in zip(ctx.pc, ctx.po)]
        pairs = rng.sample(candidates, rng.randint(0, min(len(candidates), 4 + trial * (3 if size == "tiny" else 40))))
        ours = recompute_terms(sc, rows(sc, pairs), baseline)
        assert ours == model_terms(built, pairs), (trial, sorted(pairs))
