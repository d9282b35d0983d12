"""The terms of SPEC section 5, one function each. Every term is a quantity to MAXIMISE (costs
enter with a minus sign); the objective is ``sum(weight[t] * term[t])`` with the scenario's
weights. All coefficients are integers so that CP-SAT and the MIP backends optimise the very
same numbers. The README documents each term's exact form.

Scale: one "typical good thing" (a perfect fit, a first wish met, a shortage seat filled by a
target specialist) is worth about 100 points before weighting.
"""
from __future__ import annotations

import math

import numpy as np

from models.exchange import exchange_lookback_years, past_move_counts
from planner.model.context import ModelContext
from planner.model.linear import LinearModel, Tag

# Preference points by wish rank (1 best).
PREFERENCE_POINTS = {1: 100, 2: 70, 3: 40}
SHORTAGE_SEAT, SHORTAGE_TARGET = 50, 50
DEVELOPMENT_PER_POINT = 20
EXCHANGE_CROSS, EXCHANGE_REGION = 50, 100
EXCHANGE_BARRIER = 50         # bonus for crossing a barrier; divided by 1 + past moves between the two regions
STABILITY_MOVE, STABILITY_CHANGE = 100, 100
FAIRNESS_SCALE = 100          # reward of the heaviest assignment (36 points) to someone who carried nothing
FAIRNESS_EXCESS = 10          # penalty per point a cadre's total runs above the cohort threshold
FAIRNESS_GRASSROOTS = 200     # a cadre past first_stop_years gains a grassroots record


def fairness_threshold(hist_points: np.ndarray) -> int:
    """Total points above which a cadre "runs far ahead of the cohort": twice the cohort mean,
    and never below one year at the hardest post (36)."""
    mean = float(hist_points.mean()) if hist_points.size else 0.0
    return max(36, int(math.ceil(2 * mean)))


def term_fairness(m: LinearModel, ctx: ModelContext) -> None:
    """fairness = sum over hardship assignments of points * 100/36 * (H - hist_c)/H
                 + 200 per cadre past first_stop_years who gains a grassroots record
                 - 10 per plan point that takes a cadre's total above the threshold
                   (twice the cohort mean), or adds to a total already above it.

    The first part sends hardship first to those who carried least (H: the largest historical
    points in the cohort); the second completes grassroots records; the third keeps anyone from
    running far ahead. Each part is linear, so the LP relaxation stays tight (no min-max).
    """
    ca, sc = ctx.ca, ctx.scenario
    hist = ca.hist_points
    H = max(int(hist.max()) if hist.size else 0, 1)
    pts = ctx.p_points
    reward = np.floor(pts * FAIRNESS_SCALE * (H - hist[ctx.pc]) / (36 * H) + 0.5).astype(np.int64)
    idx = np.flatnonzero(reward > 0)
    m.add_term("fairness", idx, reward[idx])
    # Grassroots record for those past first stop who have none.
    need = ~ca.grassroots_before & (ca.service >= sc.rules.first_stop_years)
    gives = (ctx.p_kind <= 1) & ctx.u_grass[ctx.p_unit]
    pairs = np.flatnonzero(gives & need[ctx.pc])
    if pairs.size:
        cad = ctx.pc[pairs]
        order = np.argsort(cad, kind="stable")
        pairs, cad = pairs[order], cad[order]
        bounds = np.flatnonzero(np.diff(cad)) + 1
        for group in np.split(pairs, bounds):
            i = int(ctx.pc[group[0]])
            g = m.new_var(f"grassroots[{ca.ids[i]}]")
            m.add(np.append(group, g), np.append(np.ones(group.size, dtype=np.int64), -1), 0, math.inf,
                  Tag("term", (ca.ids[i],), (), "grassroots record gained"))
            m.add_term("fairness", [g], [FAIRNESS_GRASSROOTS])
    # Excess over the threshold, only for cadres whom the plan could take there. A cadre already
    # above it counts every plan point as excess (the past itself is not penalised: it is no choice).
    tau = fairness_threshold(hist)
    # Upper bound of what a plan can add to a cadre: the sum over the cadre's candidate lines.
    bound = np.bincount(ctx.pc, weights=pts, minlength=len(ca.ids)).astype(np.int64)
    room = np.maximum(tau - hist, 0)
    for i in np.flatnonzero(bound > room):
        s = ctx.cadre_slice(i)
        idx_i = np.arange(s.start, s.stop)
        idx_i = idx_i[pts[idx_i] > 0]
        ex = m.new_var(f"excess[{ca.ids[i]}]", ub=int(pts[idx_i].sum() - room[i]))
        # ex >= sum pts x - room
        m.add(np.append(idx_i, ex), np.append(pts[idx_i], -1), -math.inf, int(room[i]),
              Tag("term", (ca.ids[i],), (), "hardship excess"))
        m.add_term("fairness", [ex], [-FAIRNESS_EXCESS])


def term_shortage(m: LinearModel, ctx: ModelContext) -> None:
    """shortage = sum over postings and temporary assignments to key shortage units of
    50 + 50 if the cadre's specialty is a target specialty. (Tasks last weeks: they do not staff a unit.)"""
    targets = list(ctx.scenario.target_specialties)
    short = ctx.u_short[ctx.p_unit] & (ctx.p_kind <= 1)
    idx = np.flatnonzero(short)
    is_target = np.isin(ctx.ca.specialty[ctx.pc[idx]], targets)
    m.add_term("shortage", idx, SHORTAGE_SEAT + SHORTAGE_TARGET * is_target.astype(np.int64))


def term_development(m: LinearModel, ctx: ModelContext) -> None:
    """development = sum over talent pool members' assignments of 20 * development points."""
    dev = ctx.o_dev[ctx.po]
    idx = np.flatnonzero(ctx.ca.talent_pool[ctx.pc] & (dev > 0))
    m.add_term("development", idx, DEVELOPMENT_PER_POINT * dev[idx])


def term_preference(m: LinearModel, ctx: ModelContext) -> None:
    """preference = sum over assignments matching a wish of 100 / 70 / 40 for rank 1 / 2 / 3."""
    rank = ctx.pref_rank
    pts = np.zeros(rank.size, dtype=np.int64)
    for r, p in PREFERENCE_POINTS.items():
        pts[rank == r] = p
    idx = np.flatnonzero(pts)
    m.add_term("preference", idx, pts[idx])


def exchange_bonus(past_moves):
    """The ledger bonus of a cross-region posting between two regions with ``past_moves`` moves
    either way in the look-back years: ``round(50 / (1 + past_moves))`` (half up) - 50 across a
    barrier, 25 after one move, 2 after twenty."""
    m = np.asarray(past_moves, dtype=np.int64)
    return (2 * EXCHANGE_BARRIER + 1 + m) // (2 * (1 + m))


def pair_past_moves(ctx: ModelContext) -> np.ndarray:
    """Region x region matrix (``ctx.region_index`` order) of moves either way in the
    ``exchange_lookback_years`` years before the plan year (SPEC 8 ledger of the past)."""
    n = len(ctx.region_ids)
    moves = np.zeros((n, n), dtype=np.int64)
    for (a, b), count in past_move_counts(ctx.scenario).items():
        i, j = ctx.region_index.get(a), ctx.region_index.get(b)
        if i is not None and j is not None:
            moves[i, j] = moves[j, i] = count
    return moves


def term_exchange(m: LinearModel, ctx: ModelContext) -> None:
    """exchange = sum over cross-region postings (recruits left out, as in the metric) of
                  50 + round(50 / (1 + m_ab)), where m_ab counts the moves either way between the
                  cadre's region a and the posting's region b in the ``exchange_lookback_years``
                  years before the plan (SPEC 8: 100 across a barrier, near 50 between regions
                  that exchange often)
                + 100 per region that sends at least one and 100 per region that receives at least one."""
    cross = np.flatnonzero(ctx.cross_region)
    if cross.size == 0:
        return
    src = ctx.c_region[ctx.pc[cross]]
    dst = ctx.u_region[ctx.p_unit[cross]]
    lookback = exchange_lookback_years(ctx.scenario)
    bonus = exchange_bonus(pair_past_moves(ctx)[src, dst]) if lookback > 0 else 0
    m.add_term("exchange", cross, EXCHANGE_CROSS + bonus)
    for r, name in enumerate(ctx.region_ids):
        for side, sel in (("sends", src == r), ("receives", dst == r)):
            idx = cross[sel]
            if idx.size == 0:
                continue
            v = m.new_var(f"{side}[{name}]")
            m.add(np.append(idx, v), np.append(np.ones(idx.size, dtype=np.int64), -1), 0, math.inf,
                  Tag("term", (), (), f"region {name} {side}"))
            m.add_term("exchange", [v], [EXCHANGE_REGION])


def term_stability(m: LinearModel, ctx: ModelContext) -> None:
    """stability = -100 per posting of a cadre whom no rule requires to move (R4 recruits and
    R6 rotation-due cadres move anyway) and, with a baseline plan, -100 per line changed against it
    (a baseline line dropped or a new line added)."""
    ca, baseline = ctx.ca, ctx.baseline
    free_move = np.flatnonzero(ctx.p_posting & ~ca.must_post[ctx.pc])
    m.add_term("stability", free_move, -STABILITY_MOVE)
    if baseline:
        known = {(c, o): 1 for c, o in baseline if c in ca.index and o in ctx.opening_index}
        in_base = ctx.pair_values(known) > 0
        # Changed lines = |base \ plan| + |plan \ base| = |base| - sum_{base} x + sum_{not base} x.
        coef = np.where(in_base, STABILITY_CHANGE, -STABILITY_CHANGE)
        m.add_term("stability", np.arange(ctx.n_pairs), coef)
        m.constants["stability"] = m.constants.get("stability", 0) - STABILITY_CHANGE * len(baseline)


def term_fit(m: LinearModel, ctx: ModelContext) -> None:
    """fit = sum of the fit scores of the assignments (pairs not in fit.csv score 0)."""
    fit = ctx.fit
    idx = np.flatnonzero(fit)
    m.add_term("fit", idx, fit[idx])


TERM_FUNCTIONS = {
    "fairness": term_fairness,
    "shortage": term_shortage,
    "development": term_development,
    "preference": term_preference,
    "exchange": term_exchange,
    "stability": term_stability,
    "fit": term_fit,
}
