"""Each rule function of planner/model/rules.py on a bare model, judged by brute force.

For every ``add_r*`` function: a tiny hand-made scenario, its ``ModelContext``, an empty
``LinearModel`` holding only the pair variables, and that one rule applied. Then every 0/1
assignment of the few pair variables is tried (auxiliary variables, such as R9's "opening used",
are existentially quantified over their own bounds) with this file's own evaluator of the
model's ranged constraints, and the set of plans the rule allows is compared with the one
written here by hand. Two cases per rule, as in the cpsat-primer's nurse-rostering tests: one
where the rule *binds* (it forbids a plan that would otherwise be allowed), and one where
forcing a plan in (as require locks would) leaves nothing feasible.

The parts of R1, R2, R4, R5, R7, R10 and R11 that live in the candidate filters of
``planner.model.eligibility`` are tested at the end: the filtered pair gets no variable.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scenario_builder import ScenarioBuilder

from planner.model import rules
from planner.model.context import ModelContext
from planner.model.eligibility import Eligibility
from planner.model.linear import LinearModel


# --------------------------------------------------------------------------------------------
# A bare model and a brute-force judge
# --------------------------------------------------------------------------------------------
class Bare:
    """One rule applied to the pair variables of a scenario, and every plan it allows."""

    def __init__(self, scenario, rule):
        self.ctx = ModelContext(scenario, Eligibility(scenario))
        n = self.ctx.n_pairs
        self.model = LinearModel(names=[self.ctx.pair_name(p) for p in range(n)], ub=[1] * n, n_pairs=n,
                                 pair_cadre=self.ctx.pc)
        rule(self.model, self.ctx)
        self.pairs = [(self.ctx.ca.ids[int(c)], scenario.openings[int(o)].opening_id)
                      for c, o in zip(self.ctx.pc, self.ctx.po)]
        assert len(self.pairs) <= 12, "keep the brute force small"

    def satisfied(self, values) -> bool:
        """Every constraint lo <= Σ coef · x <= hi holds (this file's own reading of Constraint)."""
        for c in self.model.constraints:
            total = sum(int(k) * values[int(i)] for i, k in zip(c.idx, c.coef))
            if not (c.lo <= total <= c.hi):
                return False
        return True

    def allows(self, plan: frozenset) -> bool:
        """Some values of the auxiliary variables make the plan satisfy every constraint."""
        m, n = self.model, self.ctx.n_pairs
        head = [1 if pair in plan else 0 for pair in self.pairs]
        aux_ranges = [range(int(m.ub[v]) + 1) for v in range(n, m.n_vars)]
        return any(self.satisfied(head + list(aux)) for aux in itertools.product(*aux_ranges))

    def allowed(self, forced_in=(), forced_out=()) -> set:
        """Every plan (a set of candidate pairs) the rule allows, with some pairs forced in or out."""
        assert set(forced_in) | set(forced_out) <= set(self.pairs), "force candidate pairs only"
        out = set()
        free = [p for p in self.pairs if p not in forced_in and p not in forced_out]
        for bits in itertools.product((0, 1), repeat=len(free)):
            plan = frozenset(forced_in) | {p for p, b in zip(free, bits) if b}
            if self.allows(plan):
                out.add(plan)
        return out

    def every_plan(self) -> set:
        return {frozenset(p for p, b in zip(self.pairs, bits) if b)
                for bits in itertools.product((0, 1), repeat=len(self.pairs))}

    def tags(self) -> set:
        return {c.tag.rule for c in self.model.constraints}


def plans(*plans_as_pairs) -> set:
    return {frozenset(p) for p in plans_as_pairs}


def holding(plan, *pairs) -> bool:
    return all(p in plan for p in pairs)


# --------------------------------------------------------------------------------------------
# R1 One posting
# --------------------------------------------------------------------------------------------
def r1_scenario():
    # C1 at U1; postings P2, P3 elsewhere; a task K (away: no limit from R1).
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").unit("UB", region="RB").cadre("C1")
    return b.posting("P2", "U2").posting("P3", "U3").task("K", "UB", 3, 4).build()


def test_r1_binds_at_most_one_posting():
    bare = Bare(r1_scenario(), rules.add_r1_one_posting)
    assert bare.tags() == {"R1"}
    p2, p3, k = ("C1", "P2"), ("C1", "P3"), ("C1", "K")
    expected = {plan for plan in bare.every_plan() if not holding(plan, p2, p3)}
    assert bare.allowed() == expected
    assert plans([p2, k], [p3, k], [k], []) <= expected and frozenset({p2, p3}) not in expected


def test_r1_two_postings_forced_infeasible():
    bare = Bare(r1_scenario(), rules.add_r1_one_posting)
    assert bare.allowed(forced_in=[("C1", "P2"), ("C1", "P3")]) == set()


# --------------------------------------------------------------------------------------------
# R3 Seats
# --------------------------------------------------------------------------------------------
def r3_scenario():
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("A").cadre("B").cadre("C")
    return b.posting("P2", "U2", seats=2, min_seats=1).build()


def test_r3_binds_between_min_seats_and_seats():
    bare = Bare(r3_scenario(), rules.add_r3_seats)
    assert bare.tags() == {"R3"}
    # 1 or 2 of the three on P2: 3 + 3 plans; none and all three are out.
    expected = {plan for plan in bare.every_plan() if 1 <= len(plan) <= 2}
    assert bare.allowed() == expected and len(expected) == 6


def test_r3_forced_beyond_seats_or_below_min_infeasible():
    bare = Bare(r3_scenario(), rules.add_r3_seats)
    everyone = [("A", "P2"), ("B", "P2"), ("C", "P2")]
    assert bare.allowed(forced_in=everyone) == set()
    assert bare.allowed(forced_out=everyone) == set()


# --------------------------------------------------------------------------------------------
# R4 First stop
# --------------------------------------------------------------------------------------------
def r4_scenario():
    # A new recruit N; G1, G2 grassroots postings; P3 not grassroots (a candidate filter drops it).
    b = ScenarioBuilder().unit("U1").unit("G1", grassroots=True).unit("G2", grassroots=True).unit("U3")
    return b.recruit("N").posting("G1P", "G1").posting("G2P", "G2").posting("P3", "U3").build()


def test_r4_binds_exactly_one_posting_for_a_recruit():
    bare = Bare(r4_scenario(), rules.add_r4_first_stop)
    assert bare.tags() == {"R4"}
    assert set(bare.pairs) == {("N", "G1P"), ("N", "G2P")}                   # P3 filtered out
    assert bare.allowed() == plans([("N", "G1P")], [("N", "G2P")])


@pytest.mark.parametrize("forced_in, forced_out", [
    ([("N", "G1P"), ("N", "G2P")], []),
    ([], [("N", "G1P"), ("N", "G2P")]),
])
def test_r4_recruit_forced_to_none_or_two_infeasible(forced_in, forced_out):
    bare = Bare(r4_scenario(), rules.add_r4_first_stop)
    assert bare.allowed(forced_in, forced_out) == set()


# --------------------------------------------------------------------------------------------
# R6 Rotation due
# --------------------------------------------------------------------------------------------
def r6_scenario():
    # D since 2022-01: exactly 5 years at U1 = max_tenure_years, due; E since 2022-02: 4 years.
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("D", since="2022-01").cadre("E", since="2022-02")
    return b.posting("P2", "U2", seats=2).posting("P3", "U3", seats=2).build()


def test_r6_binds_at_exactly_max_tenure_years():
    bare = Bare(r6_scenario(), rules.add_r6_rotation_due)
    assert bare.tags() == {"R6"}
    d_moves = [("D", "P2"), ("D", "P3")]
    expected = {plan for plan in bare.every_plan() if any(p in plan for p in d_moves)}
    assert bare.allowed() == expected                     # E, at 4 years, is free either way
    assert frozenset({("E", "P2")}) not in expected and frozenset() not in expected


def test_r6_due_cadre_kept_from_every_posting_infeasible():
    bare = Bare(r6_scenario(), rules.add_r6_rotation_due)
    assert bare.allowed(forced_out=[("D", "P2"), ("D", "P3")]) == set()


# --------------------------------------------------------------------------------------------
# R7 Recusal
# --------------------------------------------------------------------------------------------
def r7_scenario():
    # Spouses A and B both at U1; a posting P2 at U2 (2 seats) and a task K (2 seats) in RB.
    b = ScenarioBuilder().unit("U1").unit("U2").unit("UB", region="RB").cadre("A").cadre("B").relation("A", "B")
    return b.posting("P2", "U2", seats=2).task("K", "UB", 3, 4, seats=2).build()


def test_r7_binds_based_apart_and_not_on_one_team():
    bare = Bare(r7_scenario(), rules.add_r7_recusal)
    assert bare.tags() == {"R7"}
    a2, b2, ak, bk = ("A", "P2"), ("B", "P2"), ("A", "K"), ("B", "K")
    # Based after the plan: U2 if posted, else U1. Exactly one of them must move, and they may
    # not both take the task K.
    expected = {plan for plan in bare.every_plan()
                if (a2 in plan) != (b2 in plan) and not holding(plan, ak, bk)}
    assert bare.allowed() == expected and len(expected) == 6


@pytest.mark.parametrize("forced_in, forced_out", [
    ([("A", "P2"), ("B", "P2")], []),             # both into U2
    ([], [("A", "P2"), ("B", "P2")]),             # both stay in U1
    ([("A", "K"), ("B", "K")], []),               # on one team
])
def test_r7_kin_forced_together_infeasible(forced_in, forced_out):
    bare = Bare(r7_scenario(), rules.add_r7_recusal)
    assert bare.allowed(forced_in, forced_out) == set()


# --------------------------------------------------------------------------------------------
# R8 Time
# --------------------------------------------------------------------------------------------
def r8_scenario(cap):
    # K1 3-5, K2 5-7 (shares month 5 with K1), K3 6-8 (adjacent to K1), T4 9-12; a posting P2 too.
    b = ScenarioBuilder().unit("U1").unit("U2").unit("UB", region="RB").cadre("C1").rules(max_away_months=cap)
    b.task("K1", "UB", 3, 5).task("K2", "UB", 5, 7).task("K3", "UB", 6, 8).temporary("T4", "UB", 9, 12)
    return b.posting("P2", "U2").build()


MONTHS = {"K1": range(3, 6), "K2": range(5, 8), "K3": range(6, 9), "T4": range(9, 13), "P2": range(0)}


@pytest.mark.parametrize("cap", [10, 9])
def test_r8_binds_no_shared_month_and_the_cap_met_exactly(cap):
    bare = Bare(r8_scenario(cap), rules.add_r8_time)
    assert bare.tags() == {"R8"}

    def legal(plan):
        months = [m for _, o in plan for m in MONTHS[o]]
        return len(months) == len(set(months)) and len(months) <= cap
    expected = {plan for plan in bare.every_plan() if legal(plan)}
    assert bare.allowed() == expected
    # K1 + K3 + T4 = 10 months: allowed with cap 10, not with 9; postings occupy no months.
    full = frozenset({("C1", "K1"), ("C1", "K3"), ("C1", "T4"), ("C1", "P2")})
    assert (full in expected) == (cap == 10)


@pytest.mark.parametrize("forced", [
    [("C1", "K1"), ("C1", "K2")],                 # one shared month (5)
    [("C1", "K2"), ("C1", "K3")],                 # two shared months (6, 7)
])
def test_r8_overlap_forced_infeasible(forced):
    bare = Bare(r8_scenario(12), rules.add_r8_time)
    assert bare.allowed(forced_in=forced) == set()


@pytest.mark.parametrize("cap", [10, 9])
def test_r8_cap_when_every_candidate_together_is_just_over_or_at_it(cap):
    # Without K2 the candidates K1, K3, T4 add up to exactly 10 months and never overlap: a cap of
    # 10 leaves every plan, a cap of 9 forbids exactly the one holding all three.
    sc = r8_scenario(cap).replace(openings=tuple(o for o in r8_scenario(cap).openings if o.opening_id != "K2"))
    bare = Bare(sc, rules.add_r8_time)
    every = frozenset({("C1", "K1"), ("C1", "K3"), ("C1", "T4")})
    expected = {plan for plan in bare.every_plan() if cap == 10 or not every <= plan}
    assert bare.allowed() == expected


def test_r8_cap_forced_beyond_infeasible():
    bare = Bare(r8_scenario(9), rules.add_r8_time)
    assert bare.allowed(forced_in=[("C1", "K1"), ("C1", "K3"), ("C1", "T4")]) == set()


# --------------------------------------------------------------------------------------------
# R9 Team needs
# --------------------------------------------------------------------------------------------
def r9_scenario():
    # Task K (3 seats) needs one monitoring person: M holds the certificate, S has the specialty.
    b = ScenarioBuilder().unit("U1").unit("UB", region="RB")
    b.cadre("M", certs=["monitoring"]).cadre("S", specialty="monitoring").cadre("X")
    return b.task("K", "UB", 3, 4, seats=3, team_needs=[("monitoring", 1)]).build()


def test_r9_binds_a_used_opening_meets_its_team_needs():
    bare = Bare(r9_scenario(), rules.add_r9_team_needs)
    assert bare.tags() == {"R9", "R3"}             # R9 also carries the seats bound of its opening
    qualified = {("M", "K"), ("S", "K")}
    expected = {plan for plan in bare.every_plan() if not plan or plan & qualified}
    assert bare.allowed() == expected
    assert frozenset({("X", "K")}) not in expected and frozenset() in expected


def test_r9_team_without_a_specialist_forced_infeasible():
    bare = Bare(r9_scenario(), rules.add_r9_team_needs)
    assert bare.allowed(forced_in=[("X", "K")], forced_out=[("M", "K"), ("S", "K")]) == set()


# --------------------------------------------------------------------------------------------
# R11 Locks
# --------------------------------------------------------------------------------------------
def r11_scenario(require=("C1", "P2")):
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1").cadre("C2")
    b.posting("P2", "U2", seats=2).posting("P3", "U3").forbid("C2", "P3")
    return b.require(*require).build()


def test_r11_binds_a_require_lock():
    bare = Bare(r11_scenario(), rules.add_r11_locks)
    assert bare.tags() == {"R11"}
    assert ("C2", "P3") not in bare.pairs                                   # forbid: a filter
    expected = {plan for plan in bare.every_plan() if ("C1", "P2") in plan}
    assert bare.allowed() == expected and len(expected) == 4


def test_r11_required_pair_forced_out_infeasible():
    bare = Bare(r11_scenario(), rules.add_r11_locks)
    assert bare.allowed(forced_out=[("C1", "P2")]) == set()


def test_r11_require_lock_on_a_filtered_pair_infeasible():
    # C1 sits at U1: a posting to U1 is no candidate (R1), so requiring it leaves 0 >= 1.
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("C1").posting("P1", "U1").posting("P2", "U2")
    bare = Bare(b.require("C1", "P1").build(), rules.add_r11_locks)
    assert bare.allowed() == set()
    assert "R1" in bare.model.constraints[0].tag.text


# --------------------------------------------------------------------------------------------
# The whole list, and the rules that live in the candidate filters
# --------------------------------------------------------------------------------------------
def test_rules_list_is_the_functions_tested_here():
    assert [f.__name__ for f in rules.RULES] == [
        "add_r1_one_posting", "add_r3_seats", "add_r4_first_stop", "add_r6_rotation_due",
        "add_r7_recusal", "add_r8_time", "add_r9_team_needs", "add_r11_locks"]


def test_no_rule_adds_a_constraint_where_nothing_binds():
    # One cadre, three years at U1, one posting: no rule has anything to say.
    sc = ScenarioBuilder().unit("U1").unit("U2").cadre("C1").posting("P2", "U2").build()
    for rule in rules.RULES:
        bare = Bare(sc, rule)
        assert bare.model.constraints == [], rule.__name__
        assert bare.allowed() == bare.every_plan()


FILTERED = {
    # rule: (builder story, the pair the filter drops)
    "R1": (lambda b: b.cadre("C1").posting("P1", "U1"), ("C1", "P1")),
    "R2": (lambda b: b.cadre("C1", rank="staff").posting("P2", "U2", ranks=["section"]), ("C1", "P2")),
    "R4": (lambda b: b.cadre("C1", entry="2025-07").posting("P2", "U2"), ("C1", "P2")),
    "R5": (lambda b: b.cadre("C1").history("C1", "U2", "posting", "2019-01", "2024-01").posting("P2", "U2"),
           ("C1", "P2")),
    "R7": (lambda b: b.cadre("C1").task("K", "U2", 3, 4), ("C1", "K")),            # current unit's region RA
    "R10": (lambda b: b.cadre("C1", exempt=True).unit("UH", region="RB", hardship=1).task("K", "UH", 3, 4),
            ("C1", "K")),
    "R11": (lambda b: b.cadre("C1").posting("P2", "U2").forbid("C1", "P2"), ("C1", "P2")),
}


@pytest.mark.parametrize("rule", sorted(FILTERED))
def test_filter_rules_leave_the_pair_without_a_variable(rule):
    story, pair = FILTERED[rule]
    sc = story(ScenarioBuilder().unit("U1").unit("U2")).build()
    ctx = ModelContext(sc, Eligibility(sc))
    assert ctx.pair_index(*pair) is None
    assert rule in {code for code, _ in ctx.elig.blocking_filters(*pair)}


def test_evaluator_reads_ranged_constraints():
    # The judge itself: lo <= Σ coef · x <= hi, an open side as an infinity. 2a - b >= 1 allows
    # {A} and {A, B}; a + b <= 1 on top leaves {A}.
    from planner.model.linear import Tag
    sc = ScenarioBuilder().unit("U1").unit("U2").cadre("A").cadre("B").posting("P2", "U2", seats=2).build()
    a, b = ("A", "P2"), ("B", "P2")
    bare = Bare(sc, lambda m, ctx: m.add([0, 1], np.array([2, -1]), 1, math.inf, Tag("TEST")))
    assert bare.allowed() == plans([a], [a, b])
    bare = Bare(sc, lambda m, ctx: (m.add([0, 1], np.array([2, -1]), 1, math.inf, Tag("TEST")),
                                    m.add([0, 1], 1, -math.inf, 1, Tag("TEST"))))
    assert bare.allowed() == plans([a])
