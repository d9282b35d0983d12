"""Oracles for the model that share no code with it.

(a) min-cost flow (networkx) on pure assignment instances, and the OR-Library ``assign100``
    instance (known optimum 305);
(b) brute force over every plan of tiny random scenarios: a hard-rule judge and the objective's
    terms are written again here, from SPEC 3-4 and the docstrings of ``planner/terms.py``,
    without importing the model's rule, term or eligibility code. The judge is also compared
    with ``planner.check`` (a second independent reading) on every enumerated plan;
(c) CP-SAT, HiGHS and CBC reach the same optimum (the ``solver`` fixture of tests/conftest.py runs
    (a), (b) and (c) once per backend);
(d) hypothesis: every plan any backend returns passes ``planner.check``.

The independent objective follows the terms' docstrings as of this writing:

- fairness   = sum over assignments with hardship points p > 0 of round_half_up(p * 100/36 * (H - hist)/H)
               (H = max historical points of the cohort, at least 1)
             + 200 per cadre with service >= first_stop_years and no grassroots record before the plan
               who gains one (a plan posting or temporary at a grassroots unit)
             - 10 per plan point beyond the cadre's room max(0, tau - hist), tau = max(36, ceil(2 * mean hist));
- shortage   = per posting/temporary at a key shortage unit: 50, +50 when the specialty is a target;
- development= per talent-pool member's assignment: 20 * development points;
- preference = 100 / 70 / 40 per assignment matching wish rank 1 / 2 / 3;
- exchange   = per cross-region posting of a non-recruit 50 + round_half_up(50 / (1 + m)), m the moves either
               way between the two regions in the 5 years before the plan (SPEC 8, postings in order of
               start, then the current unit) + 100 per region sending + 100 per region receiving;
- stability  = -100 per posting of a cadre who is neither a recruit nor rotation due (no baseline);
- fit        = sum of fit scores.
"""
from __future__ import annotations

import functools
import itertools
import math
import random
from fractions import Fraction
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_builder import (  # noqa: F401
    ScenarioBuilder,
    assert_plan_valid,
    fresh_highs_scheduler,
    solve_checked,
)

from models import (
    Cadre,
    Fit,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Relation,
    Rules,
    Scenario,
    SolverSettings,
    Unit,
    Weights,
)
from models.plan import Assignment
from planner.check import check_plan

SHARED = Path(__file__).resolve().parents[3] / "shared"     # shared/ beside the clone (as in CI)
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
TERMS = ("fairness", "shortage", "development", "preference", "exchange", "stability", "fit")


# =============================================================================================
# (a) min-cost flow
# =============================================================================================
def flow_instance(seed: int) -> Scenario:
    """5-15 cadres, 3-6 posting openings (1-3 seats), random fit; nothing else binds.

    Every unit is grassroots (everybody has a record), service is long, nobody is due, hardship
    0, all weights 0 but fit. Cadres sit at random units, some of them units of openings: R1
    then removes that pair, and the flow network below leaves the same arc out.
    """
    rng = random.Random(seed)
    n_c, n_o = rng.randint(5, 15), rng.randint(3, 6)
    b = ScenarioBuilder()
    units = [f"U{k}" for k in range(n_o + 2)]
    for u in units:
        b.unit(u, region=rng.choice(["RA", "RB"]), grassroots=True)
    for i in range(n_c):
        b.cadre(f"C{i:02d}", unit=rng.choice(units), since="2024-01")
    for j in range(n_o):
        b.posting(f"P{j}", f"U{j}", seats=rng.randint(1, 3))
    for i in range(n_c):
        for j in range(n_o):
            if rng.random() < 0.8:
                b.fit(f"C{i:02d}", f"P{j}", rng.randint(0, 100))
    return b.weights(fit=1).build()


def flow_optimum(sc: Scenario) -> int:
    """Max total fit by min-cost flow: source -> cadre (cap 1) -> opening (cost -fit, cap 1)
    -> sink (cap seats), plus source -> sink (a cadre who stays)."""
    g = nx.DiGraph()
    fit = {(f.cadre_id, f.opening_id): f.score for f in sc.fit}
    n = len(sc.cadres)
    g.add_edge("s", "t", capacity=n, weight=0)
    for c in sc.cadres:
        g.add_edge("s", ("c", c.cadre_id), capacity=1, weight=0)
        for o in sc.openings:
            if o.unit_id != c.unit_id:          # R1: a posting moves the cadre
                g.add_edge(("c", c.cadre_id), ("o", o.opening_id), capacity=1,
                           weight=-fit.get((c.cadre_id, o.opening_id), 0))
    for o in sc.openings:
        g.add_edge(("o", o.opening_id), "t", capacity=o.seats, weight=0)
    flow = nx.max_flow_min_cost(g, "s", "t")
    return -nx.cost_of_flow(g, flow)


@pytest.mark.parametrize("seed", range(10))
def test_min_cost_flow_optimum(seed, solver):
    sc = flow_instance(seed)
    r = solve_checked(sc, solver=solver)
    assert r.status == "OPTIMAL"
    expected = flow_optimum(sc)
    assert r.objective == expected
    assert r.terms["fit"] == expected == r.metrics["fit_total"]


def assign100_scenario() -> tuple:
    """OR-Library assign100 as 100 rotation-due cadres and 100 one-seat postings.

    Everyone is due (R6: a posting) and may hold at most one (R1), with 100 seats for 100
    cadres: a perfect assignment. fit = max_cost - cost, so max fit = 100 * max_cost - min cost.
    """
    path = SHARED / "external" / "assign100.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    nums = [int(t) for t in path.read_text().split()]
    n = nums[0]
    cost = [nums[1 + i * n: 1 + (i + 1) * n] for i in range(n)]
    top = max(map(max, cost))
    b = ScenarioBuilder().unit("U000", grassroots=True)
    for j in range(n):
        b.unit(f"U{j + 1:03d}")
        b.posting(f"P{j + 1:03d}", f"U{j + 1:03d}")
    for i in range(n):
        b.cadre(f"C{i + 1:03d}", unit="U000", since="2019-01")       # 8 years at U000: due
        for j in range(n):
            b.fit(f"C{i + 1:03d}", f"P{j + 1:03d}", top - cost[i][j])
    return b.weights(fit=1).build(), n, top, cost


def _assign100(solver, workers):
    sc, n, top, cost = assign100_scenario()
    r = solve_checked(sc, solver=solver, workers=workers, time_limit=120)
    assert r.status == "OPTIMAL"
    assert len(r.plan) == n
    total_cost = sum(cost[int(a.cadre_id[1:]) - 1][int(a.opening_id[1:]) - 1] for a in r.plan.assignments)
    assert total_cost == 305
    assert n * top - r.objective == 305


def test_assign100_highs():
    # HiGHS closes it in about a second (the LP of an assignment is integral).
    _assign100("highs", workers=1)


@pytest.mark.slow
def test_assign100_cpsat():
    # CP-SAT takes ~55 s on 2 cores for this 10,000-pair instance: slow.
    _assign100("cpsat", workers=2)


# =============================================================================================
# Random tiny scenarios (shared by (b), (c), (d))
# =============================================================================================
class RandomPick:
    """Choices from a seeded ``random.Random``."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def int(self, lo, hi):
        return self.rng.randint(lo, hi)

    def chance(self, percent):
        return self.rng.randrange(100) < percent


class DrawPick:
    """Choices drawn by hypothesis (shrinking towards small numbers and features switched off)."""

    def __init__(self, draw):
        self.draw = draw

    def int(self, lo, hi):
        return self.draw(st.integers(lo, hi))

    def chance(self, percent):
        return self.draw(st.integers(0, 99)) >= 100 - percent


def pick_one(pick, seq):
    return seq[pick.int(0, len(seq) - 1)]


def pick_subset(pick, seq, percent):
    return frozenset(x for x in seq if pick.chance(percent))


def ym(year, month):
    return year * 12 + month - 1


def tiny_random(pick, n_cadres=(3, 4), n_openings=(2, 3)) -> Scenario:
    """A tiny scenario with a bit of everything: recruits, history, relations, exempt, locks,
    min_seats, team needs, eligibility limits, preferences, fit, random weights."""
    regions = [Region(f"R{k}", f"区{k}", False) for k in range(4)]
    rids = [r.region_id for r in regions]
    units = []
    for k in range(pick.int(4, 5)):
        units.append(Unit(f"U{k}", f"单位{k}", pick_one(pick, rids), pick_one(pick, ["bureau", "branch", "station"]),
                          pick.chance(50), pick.int(0, 3), pick.chance(30)))
    uids = [u.unit_id for u in units]
    certs = ["enforcement", "monitoring"]
    specs = ["environment", "law", "it"]
    cadres = []
    for i in range(pick.int(*n_cadres)):
        recruit = pick.chance(7)
        if recruit:
            entry, unit, since = ym(2026, pick.int(1, 12)), None, None
        else:
            entry = ym(pick.int(2012, 2025), pick.int(1, 12))
            unit = pick_one(pick, uids)
            since = max(entry, ym(pick.int(2021, 2026), pick.int(1, 12)))
        cadres.append(Cadre(
            f"C{i}", f"干部{i}", pick_one(pick, ["M", "F"]), ym(pick.int(1986, 2002), pick.int(1, 12)), entry, "本科",
            pick_one(pick, specs), pick_one(pick, ["staff", "deputy_section", "section"]),
            pick_one(pick, ["admin", "civil", "institution"]), unit, since,
            "RX" if pick.chance(70) else pick_one(pick, rids),
            "basic" if pick.chance(7) else "excellent" if pick.chance(30) else "competent",
            pick.chance(30), pick_subset(pick, certs, 50), pick.chance(15)))
    cids = [c.cadre_id for c in cadres]
    openings = []
    for j in range(pick.int(*n_openings)):
        kind = pick_one(pick, ["posting", "temporary", "task"])
        if kind == "posting":
            start, end = 1, 12
        else:
            start = pick.int(1, 12)
            end = min(12, start + pick.int(0, 5))
        seats = pick.int(1, 2)
        kw = {}
        if pick.chance(15):
            kw["min_seats"] = 1
        if pick.chance(6):
            kw["ranks"] = pick_subset(pick, ["staff", "deputy_section", "section"], 70)
        if pick.chance(6):
            kw["specialties"] = pick_subset(pick, specs, 70)
        if pick.chance(10):
            kw["certificates"] = frozenset({pick_one(pick, certs)})
        if pick.chance(6):
            kw["post_type"] = pick_one(pick, ["admin", "civil", "institution"])
            kw["allow_transfer"] = pick.chance(50)
        if pick.chance(6):
            kw["min_rating"] = pick_one(pick, ["excellent", "basic"])
        if pick.chance(4):
            kw["talent_pool_only"] = True
        if pick.chance(6):
            kw["min_service_years"] = pick.int(1, 6)
        if pick.chance(6):
            kw["max_age"] = pick.int(30, 40)
        if pick.chance(20):
            kw["team_needs"] = ((pick_one(pick, certs + specs), 1),)
        if pick.chance(20):
            kw["hardship"] = pick.int(0, 3)
        if pick.chance(50):
            kw["development"] = pick.int(1, 5)
        openings.append(Opening(f"O{j}", f"岗位{j}", kind, pick_one(pick, uids), start, end, seats, **kw))
    oids = [o.opening_id for o in openings]
    history = []
    for c in cadres:
        for _ in range(pick.int(0, 2)):
            y0 = pick.int(2018, 2026)
            s = ym(y0, pick.int(1, 12))
            e = min(ym(2026, 12), s + pick.int(0, 30))
            unit = pick_one(pick, uids)
            history.append(HistoryRow(c.cadre_id, unit, pick_one(pick, ["posting", "temporary", "task"]), s, e))
    relations = []
    if pick.chance(40):
        a, b = pick.int(0, len(cids) - 1), pick.int(0, len(cids) - 1)
        if a != b:
            relations.append(Relation(cids[a], cids[b], "配偶"))
    prefs, fits, locks, used = [], [], [], set()
    for c in cids:
        ranked = [o for o in oids if pick.chance(30)][:3]
        prefs += [Preference(c, o, r + 1) for r, o in enumerate(ranked)]
        fits += [Fit(c, o, pick.int(0, 100)) for o in oids if pick.chance(50)]
    for _ in range(pick.int(0, 1)):
        pair = (pick_one(pick, cids), pick_one(pick, oids))
        if pair not in used:
            used.add(pair)
            locks.append(Lock(*pair, pick_one(pick, ["require", "forbid"])))
    rules = Rules(first_stop_years=pick.int(2, 4), no_return_years=pick.int(2, 3), max_tenure_years=pick.int(5, 7),
                  max_away_months=pick.int(5, 9), hardship_lookback_years=pick.int(3, 5),
                  allow_transfer=pick.chance(70))
    weights = Weights(**{t: pick.int(0, 3) for t in TERMS})
    return Scenario(name="随机小场景", plan_year=2027, regions=tuple(regions), units=tuple(units),
                    cadres=tuple(cadres), openings=tuple(openings), history=tuple(history),
                    relations=tuple(relations), preferences=tuple(prefs), fit=tuple(fits), locks=tuple(locks),
                    target_specialties=frozenset({"environment", "law"}), rules=rules, weights=weights,
                    solver=SolverSettings(time_limit_s=20, seed=0, workers=1))


# =============================================================================================
# (b) An independent reading of SPEC 3 and 4, and of the terms' docstrings
# =============================================================================================
RATING = {"incompetent": 0, "basic": 1, "competent": 2, "excellent": 3}


def _year(mi):
    return mi // 12


def _whole_years(mi, plan_year):
    """Whole years from the first day of month ``mi`` to 1 January of plan_year."""
    return plan_year - _year(mi) - (1 if mi % 12 else 0)


class Oracle:
    """Facts, hard rules and objective of one scenario, computed from the SPEC alone."""

    def __init__(self, sc: Scenario):
        self.sc = sc
        y, r = sc.plan_year, sc.rules
        self.unit = {u.unit_id: u for u in sc.units}
        self.opening = {o.opening_id: o for o in sc.openings}
        self.cadre = {c.cadre_id: c for c in sc.cadres}
        lo, hi = (y - r.hardship_lookback_years) * 12, (y - 1) * 12 + 11
        hist_rows = {}
        for h in sc.history:
            hist_rows.setdefault(h.cadre_id, []).append(h)
        self.hist, self.record, self.service, self.age, self.due, self.no_return = {}, {}, {}, {}, {}, {}
        for c in sc.cadres:
            rows = hist_rows.get(c.cadre_id, [])
            pts = sum(self.unit[h.unit_id].hardship * max(0, min(h.end, hi) - max(h.start, lo) + 1) for h in rows)
            if c.unit_id is not None:
                pts += self.unit[c.unit_id].hardship * max(0, hi - max(c.unit_since, lo) + 1)
            self.hist[c.cadre_id] = pts
            self.record[c.cadre_id] = ((c.unit_id is not None and self.unit[c.unit_id].grassroots)
                                       or any(h.kind != "task" and self.unit[h.unit_id].grassroots for h in rows))
            self.service[c.cadre_id] = y - _year(c.entry)
            self.age[c.cadre_id] = _whole_years(c.birth, y)
            self.due[c.cadre_id] = c.unit_id is not None and _whole_years(c.unit_since, y) >= r.max_tenure_years
            self.no_return[c.cadre_id] = {h.unit_id for h in rows if h.kind == "posting"
                                          and y - r.no_return_years <= _year(h.end) <= y - 1}
        self.fit = {(f.cadre_id, f.opening_id): f.score for f in sc.fit}
        self.pref = {(p.cadre_id, p.opening_id): p.rank for p in sc.preferences}
        # SPEC 8 moves of the past (exchange term): consecutive postings, history by start then the
        # current unit, in different regions, dated by the later one's start, in the 5 years before.
        self.past_moves = {}
        for c in sc.cadres:
            chain = [(h.start, h.unit_id) for h in sorted(
                (h for h in hist_rows.get(c.cadre_id, []) if h.kind == "posting"),
                key=lambda h: (h.start, h.end, h.unit_id))]
            if c.unit_id is not None:
                chain.append((c.unit_since, c.unit_id))
            for (_, u0), (start, u1) in zip(chain, chain[1:]):
                a, b = self.unit[u0].region_id, self.unit[u1].region_id
                if a != b and y - 5 <= _year(start) <= y - 1:
                    key = frozenset((a, b))
                    self.past_moves[key] = self.past_moves.get(key, 0) + 1
        vals = list(self.hist.values())
        self.H = max(max(vals), 1)
        self.tau = max(36, math.ceil(2 * Fraction(sum(vals), len(vals))))

    def hardship(self, o):
        return self.unit[o.unit_id].hardship if o.hardship is None else o.hardship

    def months(self, o):
        return 12 if o.kind == "posting" else o.end_month - o.start_month + 1

    def region(self, unit_id):
        return None if unit_id is None else self.unit[unit_id].region_id

    # --- rules about one pair alone ---------------------------------------------------------
    def pair_ok(self, cid, oid) -> bool:
        """R1 (current unit), R2, R4 (grassroots), R5, R7 (task region), R8 (length), R10, R11 forbid."""
        sc, c, o = self.sc, self.cadre[cid], self.opening[oid]
        if o.ranks and c.rank not in o.ranks:
            return False
        if o.specialties and c.specialty not in o.specialties:
            return False
        if not o.certificates <= c.certificates:
            return False
        if o.post_type is not None and c.post_type != o.post_type:
            if not (o.allow_transfer and sc.rules.allow_transfer and {c.post_type, o.post_type} <= {"admin", "civil"}):
                return False
        if RATING[c.rating] < RATING[o.min_rating]:
            return False
        if o.talent_pool_only and not c.talent_pool:
            return False
        if self.service[cid] < o.min_service_years:
            return False
        if o.max_age is not None and self.age[cid] > o.max_age:
            return False
        if o.kind == "posting":
            if o.unit_id == c.unit_id:
                return False
            restricted = c.unit_id is None or (not self.record[cid] and self.service[cid] < sc.rules.first_stop_years)
            if restricted and not self.unit[o.unit_id].grassroots:
                return False
            if o.unit_id in self.no_return[cid]:
                return False
        if o.kind == "task" and self.region(o.unit_id) in (c.home_region, self.region(c.unit_id)):
            return False
        if o.kind != "posting" and self.months(o) > sc.rules.max_away_months:
            return False
        if c.exempt and o.kind != "posting" and self.hardship(o) > 0:
            return False
        if any(lk.lock == "forbid" and (lk.cadre_id, lk.opening_id) == (cid, oid) for lk in sc.locks):
            return False
        return True

    # --- rules about the whole plan ---------------------------------------------------------
    def plan_ok(self, plan) -> bool:
        """R1 (one posting), R3, R4 (recruit posted once), R6, R7 (kin), R8 (overlap, total), R9, R11 require.
        ``plan`` is a set of (cadre_id, opening_id) pairs that each passed ``pair_ok``."""
        sc = self.sc
        by_c, by_o = {}, {}
        for c, o in plan:
            by_c.setdefault(c, []).append(self.opening[o])
            by_o.setdefault(o, []).append(self.cadre[c])
        for c in sc.cadres:
            mine = by_c.get(c.cadre_id, [])
            n_post = sum(o.kind == "posting" for o in mine)
            if n_post > 1 or (c.unit_id is None and n_post != 1) or (self.due[c.cadre_id] and n_post == 0):
                return False
            away = sorted((o for o in mine if o.kind != "posting"), key=lambda o: o.start_month)
            if any(b.start_month <= a.end_month for a, b in zip(away, away[1:])):
                return False
            if sum(self.months(o) for o in away) > sc.rules.max_away_months:
                return False
        for o in sc.openings:
            team = by_o.get(o.opening_id, [])
            if not o.min_seats <= len(team) <= o.seats:
                return False
            if team and any(sum(code in c.certificates or c.specialty == code for c in team) < k
                            for code, k in o.team_needs):
                return False

        def based(cid):
            posts = [o.unit_id for o in by_c.get(cid, []) if o.kind == "posting"]
            return posts[0] if posts else self.cadre[cid].unit_id

        for rel in sc.relations:
            a, b = rel.cadre_a, rel.cadre_b
            if based(a) is not None and based(a) == based(b):
                return False
            away_a = {o.opening_id for o in by_c.get(a, []) if o.kind != "posting"}
            away_b = {o.opening_id for o in by_c.get(b, []) if o.kind != "posting"}
            if away_a & away_b:
                return False
        return all((lk.cadre_id, lk.opening_id) in plan for lk in sc.locks if lk.lock == "require")

    # --- the objective ----------------------------------------------------------------------
    def terms(self, plan) -> dict:
        sc = self.sc
        t = dict.fromkeys(TERMS, 0)
        plan_pts, gains = {}, set()
        sends, receives = set(), set()
        for cid, oid in plan:
            c, o = self.cadre[cid], self.opening[oid]
            u = self.unit[o.unit_id]
            p = self.hardship(o) * self.months(o)
            plan_pts[cid] = plan_pts.get(cid, 0) + p
            if p > 0:
                x = Fraction(p * 100 * (self.H - self.hist[cid]), 36 * self.H)
                t["fairness"] += math.floor(x + Fraction(1, 2))
            if o.kind != "task" and u.grassroots:
                gains.add(cid)
            if o.kind != "task" and u.key_shortage:
                t["shortage"] += 50 + (50 if c.specialty in sc.target_specialties else 0)
            if c.talent_pool:
                t["development"] += 20 * o.development
            t["preference"] += {1: 100, 2: 70, 3: 40}.get(self.pref.get((cid, oid)), 0)
            if o.kind == "posting":
                if c.unit_id is not None and self.region(c.unit_id) != u.region_id:
                    m = self.past_moves.get(frozenset((self.region(c.unit_id), u.region_id)), 0)
                    t["exchange"] += 50 + math.floor(Fraction(50, 1 + m) + Fraction(1, 2))
                    sends.add(self.region(c.unit_id))
                    receives.add(u.region_id)
                if not (c.unit_id is None or self.due[cid]):
                    t["stability"] -= 100
            t["fit"] += self.fit.get((cid, oid), 0)
        t["exchange"] += 100 * (len(sends) + len(receives))
        first_stop = sc.rules.first_stop_years
        t["fairness"] += 200 * sum(1 for cid in gains
                                   if not self.record[cid] and self.service[cid] >= first_stop)
        for cid, p in plan_pts.items():
            room = max(0, self.tau - self.hist[cid])
            t["fairness"] -= 10 * max(0, p - room)
        return t

    def objective(self, plan) -> int:
        w = self.sc.weights
        return sum(getattr(w, k) * v for k, v in self.terms(plan).items())

    # --- brute force ------------------------------------------------------------------------
    def feasible_plans(self):
        """Every plan (set of pairs) obeying every hard rule."""
        allowed = [(c.cadre_id, o.opening_id) for c in self.sc.cadres for o in self.sc.openings
                   if self.pair_ok(c.cadre_id, o.opening_id)]
        out = []
        for bits in itertools.product((0, 1), repeat=len(allowed)):
            plan = frozenset(p for p, b in zip(allowed, bits) if b)
            if self.plan_ok(plan):
                out.append(plan)
        return out


def rows_of(sc, plan):
    ob = {o.opening_id: o for o in sc.openings}
    return sorted((Assignment(c, o, ob[o].kind, ob[o].unit_id, ob[o].start_month, ob[o].end_month)
                   for c, o in plan), key=Assignment.sort_key)


def model_terms_for(built, plan) -> dict:
    """The model's own term values for a fixed plan (its auxiliary variables settled by their
    definitions): used only to localise a disagreement, never as the oracle."""
    from planner.solve import settle_aux
    ctx, m = built.ctx, built.model
    values = np.zeros(m.n_vars, dtype=np.int64)
    for c, o in plan:
        p = ctx.pair_index(c, o)
        assert p is not None, f"feasible pair ({c}, {o}) has no variable in the model"
        values[p] = 1
    values = settle_aux(m, values)
    return {t: m.term_value(t, values) for t in TERMS}


BRUTE_SEEDS = range(120)


@pytest.mark.slow_on("cbc")           # CBC: ~14 s over the 120 seeds, HiGHS ~3 s, CP-SAT ~5 s (loaded 2-core machine)
@pytest.mark.parametrize("seed", BRUTE_SEEDS)
def test_brute_force_feasibility_and_optimum(seed, solver):
    sc = tiny_random(RandomPick(seed))
    oracle = Oracle(sc)
    feasible = oracle.feasible_plans()
    from planner.solve import solve
    r = solve(sc, solver=solver, time_limit=20, seed=0, workers=1)
    if not feasible:
        assert r.status == "INFEASIBLE", f"brute force finds no valid plan; model says {r.status} with {r.plan}"
        return
    assert r.status == "OPTIMAL", f"{len(feasible)} valid plans exist; model says {r.status}"
    assert_plan_valid(sc, r)
    best = max(oracle.objective(p) for p in feasible)
    got = frozenset(r.plan.pairs())
    assert got in set(feasible), "the model's plan breaks a rule by the oracle's reading"
    assert oracle.terms(got) == r.terms, "term values of the model's plan differ from their documented form"
    assert r.objective == best, f"model optimum {r.objective} != brute-force optimum {best}"


@pytest.mark.parametrize("seed", range(0, 40, 4))
def test_oracle_judge_agrees_with_checker(seed):
    # Two independent readings of SPEC 4 (this file's judge and planner.check) agree on every
    # plan of the scenario, feasible or not (pairs that fail a pair rule included).
    sc = tiny_random(RandomPick(seed), n_cadres=(3, 3), n_openings=(2, 3))
    oracle = Oracle(sc)
    every = [(c.cadre_id, o.opening_id) for c in sc.cadres for o in sc.openings]
    for bits in itertools.product((0, 1), repeat=len(every)):
        plan = frozenset(p for p, b in zip(every, bits) if b)
        ours = all(oracle.pair_ok(*p) for p in plan) and oracle.plan_ok(plan)
        report = check_plan(sc, rows_of(sc, plan))
        assert ours == (not report.violations), (sorted(plan), [str(v) for v in report.violations])


@pytest.mark.parametrize("seed", range(0, 40, 5))
def test_model_term_values_on_every_feasible_plan(seed):
    # Every valid plan, not just the optimum: the model's terms with x fixed equal the
    # documented forms. (Localises a term disagreement found by the test above.)
    from planner.solve import build_model
    sc = tiny_random(RandomPick(seed))
    oracle = Oracle(sc)
    built = build_model(sc)
    for plan in oracle.feasible_plans():
        assert model_terms_for(built, plan) == oracle.terms(plan), sorted(plan)


# =============================================================================================
# (c) three backends, one optimum
# =============================================================================================
VALID_CASES = ["a_valid_gb18030", "b_valid_utf8_bom", "c_valid_xlsx", "m_kin_same_unit"]


@functools.cache
def _reference(key):
    """The reference optimum of a scenario: plain CP-SAT on the whole model (no LP guidance), so
    that the cpsat variant compares the LP-guided solve with it and the others compare backends."""
    from planner.solve import solve
    r = solve(_SCENARIOS[key], solver="cpsat", time_limit=20, seed=0, workers=1, warm_start=False)
    return r.status, r.objective


_SCENARIOS: dict = {}


def _same_optimum(key, sc, solver):
    """``solver`` reaches the reference optimum of ``sc`` (or agrees that there is none)."""
    _SCENARIOS[key] = sc
    status, objective = _reference(key)
    r = solve_checked(sc, solver=solver)
    if status == "INFEASIBLE":
        assert r.status == "INFEASIBLE", r.status
        return None
    assert status == r.status == "OPTIMAL", (status, r.status)
    assert r.objective == objective, (solver, r.objective, objective)
    return objective


@pytest.mark.parametrize("case", VALID_CASES)
def test_backends_agree_on_shared_cases(case, solver):
    from planner.io import read_scenario
    path = SHARED / "cases" / case
    if not path.is_dir():
        pytest.skip(f"{path} not found")
    assert _same_optimum(("case", case), read_scenario(path), solver) is not None


@pytest.mark.parametrize("seed", range(8))
def test_backends_agree_on_random_tiny(seed, solver):
    # Slightly larger than the brute-force ones (4-6 cadres, 3-5 openings).
    _same_optimum(("random", seed), tiny_random(RandomPick(1000 + seed), n_cadres=(4, 6), n_openings=(3, 5)), solver)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_backends_agree_on_generated_tiny(seed, solver):
    generate = pytest.importorskip("planner.generate")
    assert _same_optimum(("generated", seed), generate.generate_scenario("tiny", seed), solver) is not None


# Regression (fixed in 4382c28, planner/backends/mip.py): HiGHS fixes its global thread scheduler
# at the first solve of a process; a later solve with another workers value failed ('Not Solved',
# every variable 0) and was reported as a FEASIBLE all-zero plan breaking R6.
def test_highs_changing_workers_in_one_process():
    # C1 is due (R6): every valid plan posts C1. Solved twice in one process, 1 then 2 threads.
    from planner.solve import solve
    sc = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", since="2019-01").posting("P2", "U2").build()
    for workers in (1, 2):
        r = solve(sc, solver="highs", workers=workers, time_limit=10)
        assert r.status == "OPTIMAL", (workers, r.status)
        assert r.plan.pairs() == {("C1", "P2")}, (workers, r.plan)


# Regression (fixed in 4382c28, planner/backends/mip.py): a candidate pair in no constraint and in
# no term with a nonzero weight was dropped by PuLP (varValue None) and the solve came back UNKNOWN
# (CLI exit 4) for a trivially feasible scenario.
@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_mip_backend_with_a_free_variable(solver):
    # One cadre, one posting it may take, every weight 0: the empty plan is optimal (objective 0).
    from planner.solve import solve
    sc = ScenarioBuilder().unit("U1").unit("U2").cadre("C1").posting("P2", "U2").build()
    assert solve(sc, solver="cpsat", workers=1).status == "OPTIMAL"
    r = solve(sc, solver=solver, workers=1)
    assert r.status == "OPTIMAL", r.status
    assert r.objective == 0 and len(r.plan) == 0


# =============================================================================================
# (d) property: every plan any backend returns passes the checker
# =============================================================================================
@st.composite
def tiny_scenarios(draw):
    return tiny_random(DrawPick(draw))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=tiny_scenarios(), solver=st.sampled_from(["cpsat", "highs", "cbc"]))
def test_property_every_returned_plan_passes_check(sc, solver):
    from planner.solve import solve
    r = solve(sc, solver=solver, time_limit=20, seed=0, workers=1)
    assert r.status in ("OPTIMAL", "FEASIBLE", "INFEASIBLE")
    if r.plan is not None:
        report = check_plan(sc, r.plan, r.summary())
        assert report.ok, [str(v) for v in report.violations] + [str(d) for d in report.metric_diffs]
    elif r.status == "INFEASIBLE":
        # No plan: the brute-force judge must agree that none exists.
        assert not Oracle(sc).feasible_plans()
