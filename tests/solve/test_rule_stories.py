"""One story per hard rule of SPEC 4 (R1..R11), solved for real.

For every rule:
(a) a tiny scenario where the rule *binds* - the objective would like to break it - and the
    solved plan obeys it; the test asserts the specific consequence (the due cadre moved, the
    kin are not based together, ...). Every plan is also re-checked by ``planner.check``.
(b) a scenario where require locks or ``min_seats`` force a breach: the result is INFEASIBLE
    and ``result.diagnosis["rules"]`` names the rule.

Scenarios come from ``tests/scenario_builder.py``: defaults make every rule slack (long
service, three years at the unit, home region outside the scenario, all weights 0), so each
story only states what matters. Plan year 2027 throughout.
"""
from __future__ import annotations

import json

import pytest
from scenario_builder import ScenarioBuilder, openings_of, pairs, solve_checked


def reasons(result, cadre_id, opening_id) -> tuple:
    """The reason codes of one plan line (SPEC 6: R4, R6, lock, preference:1, ...)."""
    return next(a.reasons for a in result.plan.assignments if (a.cadre_id, a.opening_id) == (cadre_id, opening_id))


def infeasible(sc, solver="cpsat"):
    """Solve, assert INFEASIBLE with a diagnosis, return the diagnosis."""
    result = solve_checked(sc, solver=solver)
    assert result.status == "INFEASIBLE", f"expected INFEASIBLE, got {result.status} with {pairs(result)}"
    assert result.plan is None
    assert result.diagnosis and result.diagnosis["rules"], result.diagnosis
    return result.diagnosis


def mentioned(diag, *words) -> bool:
    text = json.dumps(diag, ensure_ascii=False)
    return all(w in text for w in words)


def base(*extra_units, **unit_kw) -> ScenarioBuilder:
    """U1 (home unit of everyone, region RA) plus the named units, all in region RA."""
    b = ScenarioBuilder().unit("U1")
    for u in extra_units:
        b.unit(u, **unit_kw)
    return b


# =============================================================================================
# R1 One posting
# =============================================================================================
def test_r1_binds_one_posting_and_not_to_current_unit(solver):
    # Fit alone would take all three postings (100 + 60 + 50). R1 allows one, and never P0
    # (the current unit U1, although it has the best fit): the best legal plan is P2.
    b = base("U2", "U3").cadre("C1", unit="U1")
    b.posting("P0", "U1").posting("P2", "U2").posting("P3", "U3")
    b.fit("C1", "P0", 100).fit("C1", "P2", 60).fit("C1", "P3", 50).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL"
    assert openings_of(r, "C1") == ["P2"]
    assert r.terms["fit"] == 60


def test_r1_two_required_postings_infeasible(solver):
    # The committee requires C1 on two postings: R1 allows at most one.
    b = base("U2", "U3").cadre("C1").posting("P2", "U2").posting("P3", "U3")
    b.require("C1", "P2").require("C1", "P3")
    diag = infeasible(b.build(), solver)
    assert "R1" in diag["rules"]
    assert mentioned(diag, "C1")


# =============================================================================================
# R2 Eligibility
# =============================================================================================
# Each case: opening restriction, the cadre that meets it (IN, low fit) and one that misses it
# on that criterion only (OUT, high fit). Boundaries sit exactly at the limit.
R2_CASES = {
    "rank": (dict(ranks=["section"]), dict(rank="section"), dict(rank="staff")),
    "specialty": (dict(specialties=["law"]), dict(specialty="law"), dict(specialty="environment")),
    "certificates": (dict(certificates=["enforcement", "monitoring"]),
                     dict(certs=["enforcement", "monitoring"]), dict(certs=["enforcement"])),
    "post_type": (dict(post_type="institution"), dict(post_type="institution"), dict(post_type="admin")),
    # admin<->civil transfer needs the opening's allow_transfer too.
    "post_type_no_transfer": (dict(post_type="civil", allow_transfer=False), dict(post_type="civil"),
                              dict(post_type="admin")),
    "rating_default_competent": (dict(), dict(rating="competent"), dict(rating="basic")),
    "rating_excellent": (dict(min_rating="excellent"), dict(rating="excellent"), dict(rating="competent")),
    "talent_pool": (dict(talent_pool_only=True), dict(talent_pool=True), dict(talent_pool=False)),
    # 2027 - 2022 = 5 service years (meets 5); entry 2023-01 gives 4.
    "service_years": (dict(min_service_years=5), dict(entry="2022-12"), dict(entry="2023-01")),
    # Born 1996-02: 30 at 2027-01-01 (meets max 30); born 1996-01: 31.
    "age": (dict(max_age=30), dict(birth="1996-02"), dict(birth="1996-01")),
}


@pytest.mark.parametrize("case", sorted(R2_CASES))
def test_r2_binds_ineligible_cadre_kept_off(case, solver):
    # One seat; fit prefers OUT (90) over IN (10), but OUT misses one R2 condition, so the
    # seat goes to IN. A temporary opening keeps R1/R4/R5 out of the story.
    restriction, in_kw, out_kw = R2_CASES[case]

    def story(**opening_kw):
        b = base("U2").cadre("IN", **in_kw).cadre("OUT", **out_kw)
        b.temporary("T1", "U2", 3, 5, **opening_kw)
        return b.fit("IN", "T1", 10).fit("OUT", "T1", 90).weights(fit=1).build()

    r = solve_checked(story(**restriction), solver=solver)
    assert r.status == "OPTIMAL"
    assert pairs(r) == {("IN", "T1")}
    # Control: without the restriction OUT wins, so the restriction alone kept OUT off.
    control = {"min_rating": "basic"} if case == "rating_default_competent" else {}
    assert pairs(solve_checked(story(**control), solver=solver)) == {("OUT", "T1")}


@pytest.mark.parametrize("scenario_allows, expected", [(True, {("ADMIN", "T1")}), (False, set())])
def test_r2_admin_civil_transfer_needs_both_switches(scenario_allows, expected, solver):
    # A civil opening with allow_transfer: an admin cadre may take it only while
    # rules.allow_transfer is also true.
    b = base("U2").cadre("ADMIN", post_type="admin").temporary("T1", "U2", 3, 5, post_type="civil",
                                                               allow_transfer=True)
    b.fit("ADMIN", "T1", 50).weights(fit=1).rules(allow_transfer=scenario_allows)
    r = solve_checked(b.build(), solver=solver)
    assert pairs(r) == expected


def test_r2_required_ineligible_cadre_infeasible(solver):
    # The committee requires OUT on an opening needing a certificate OUT lacks.
    b = base("U2").cadre("OUT", certs=["enforcement"])
    b.temporary("T1", "U2", 3, 5, certificates=["enforcement", "monitoring"]).require("OUT", "T1")
    diag = infeasible(b.build(), solver)
    assert mentioned(diag, "OUT", "T1", "R2")   # the blocking rule is named in the text


# =============================================================================================
# R3 Seats
# =============================================================================================
def test_r3_binds_seats_and_min_seats(solver):
    # T1 has 2 seats and three keen cadres: only the two best fits go.
    # P9 has min_seats 1 and costs stability (-100 for a move nobody requires): filled anyway.
    b = base("U2", "U9").cadre("C1").cadre("C2").cadre("C3")
    b.temporary("T1", "U2", 3, 5, seats=2).posting("P9", "U9", min_seats=1)
    b.fit("C1", "T1", 90).fit("C2", "T1", 80).fit("C3", "T1", 70).weights(fit=1, stability=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL"
    assert {c for c, o in pairs(r) if o == "T1"} == {"C1", "C2"}
    assert len([1 for c, o in pairs(r) if o == "P9"]) == 1
    assert r.metrics["min_seats_unmet"] == 0


def test_r3_min_seats_above_eligible_infeasible(solver):
    # T1 needs 2 cadres with the enforcement certificate; only C1 holds it.
    b = base("U2").cadre("C1", certs=["enforcement"]).cadre("C2")
    b.temporary("T1", "U2", 3, 5, seats=2, min_seats=2, certificates=["enforcement"])
    diag = infeasible(b.build(), solver)
    assert "R3" in diag["rules"]
    assert mentioned(diag, "T1")


def test_r3_two_required_on_one_seat_infeasible(solver):
    b = base("U2").cadre("C1").cadre("C2").temporary("T1", "U2", 3, 5, seats=1)
    b.require("C1", "T1").require("C2", "T1")
    diag = infeasible(b.build(), solver)
    assert "R3" in diag["rules"]


# =============================================================================================
# R4 First stop
# =============================================================================================
def test_r4_recruit_gets_exactly_one_grassroots_posting(solver):
    # The new recruit fits the bureau post PB best (100), but must go to the grassroots PG
    # (fit 0), and exactly once although fit would also like PG2.
    b = ScenarioBuilder().unit("UB", level="bureau").unit("UG", grassroots=True).unit("UG2", grassroots=True)
    b.recruit("N1").posting("PB", "UB").posting("PG", "UG").posting("PG2", "UG2")
    b.fit("N1", "PB", 100).fit("N1", "PG2", 5).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL"
    assert openings_of(r, "N1") == ["PG2"]
    assert "R4" in reasons(r, "N1", "PG2")


def test_r4_recruit_moves_even_when_moving_costs(solver):
    # With only stability switched on (every free move costs), the recruit is still posted.
    b = ScenarioBuilder().unit("UG", grassroots=True).recruit("N1").posting("PG", "UG").weights(stability=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "N1") == ["PG"]
    assert r.terms["stability"] == 0        # a required move is free


@pytest.mark.parametrize("entry, history, may_go_to_bureau", [
    ("2025-03", False, False),   # 2 service years, no grassroots record: grassroots only
    ("2024-12", False, True),    # 3 service years = first_stop_years: no longer restricted
    ("2025-03", True, True),     # young, but a past grassroots temporary gives the record
])
def test_r4_first_stop_restriction(entry, history, may_go_to_bureau, solver):
    # Y1 sits in the bureau U1 (not grassroots). Fit loves the bureau post PB (100), the
    # grassroots PG scores 10: a restricted cadre must take PG instead.
    b = ScenarioBuilder().unit("U1", level="bureau").unit("UB", level="bureau").unit("UG", grassroots=True)
    b.cadre("Y1", unit="U1", since="2025-03", entry=entry)
    if history:
        b.history("Y1", "UG", "temporary", "2025-06", "2025-08")
    b.posting("PB", "UB").posting("PG", "UG").fit("Y1", "PB", 100).fit("Y1", "PG", 10).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "Y1") == (["PB"] if may_go_to_bureau else ["PG"])


def test_r4_recruit_without_grassroots_seat_infeasible(solver):
    # The only grassroots posting has 0 seats; the other is at the bureau (shared case k).
    b = ScenarioBuilder().unit("UB", level="bureau").unit("UG", grassroots=True)
    b.recruit("N1").posting("PB", "UB").posting("PG", "UG", seats=0)
    diag = infeasible(b.build(), solver)
    assert "R4" in diag["rules"]
    assert mentioned(diag, "N1")


# =============================================================================================
# R5 No return
# =============================================================================================
def test_r5_no_return_within_window_only(solver):
    # C1 held postings at U2 until 2024-06 (inside 2024-2026: barred) and at U3 until 2023-12
    # (outside: allowed). Fit prefers U2 (100) over U3 (50). C2's past *temporary* at U4 in
    # 2025 does not bar a posting there (R5 is about postings).
    b = base("U2", "U3", "U4").cadre("C1", since="2024-07").cadre("C2")
    b.history("C1", "U2", "posting", "2019-01", "2024-06").history("C1", "U3", "posting", "2016-01", "2023-12")
    b.history("C2", "U4", "temporary", "2025-03", "2025-08")
    b.posting("P2", "U2").posting("P3", "U3").posting("P4", "U4")
    b.fit("C1", "P2", 100).fit("C1", "P3", 50).fit("C2", "P4", 100).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL"
    assert openings_of(r, "C1") == ["P3"]
    assert openings_of(r, "C2") == ["P4"]


def r5_forced():
    b = base("U2").cadre("C1").history("C1", "U2", "posting", "2019-01", "2025-06")
    return b.posting("P2", "U2").require("C1", "P2").build()


def test_r5_required_return_infeasible(solver):
    # The committee requires C1 back at U2, left in 2025: R5 forbids it.
    diag = infeasible(r5_forced(), solver)
    assert mentioned(diag, "C1", "P2", "R5")


# =============================================================================================
# R6 Rotation due
# =============================================================================================
def test_r6_due_cadre_moves_and_boundary(solver):
    # Every free move costs (stability). C1 arrived 2022-01: 5 whole years at 2027-01 = due,
    # so C1 moves anyway; C2 arrived 2022-02: 4 years, stays.
    b = base("U2", "U3").cadre("C1", since="2022-01").cadre("C2", since="2022-02")
    b.posting("P2", "U2").posting("P3", "U3").weights(stability=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL"
    assert len(openings_of(r, "C1")) == 1
    assert openings_of(r, "C2") == []
    assert r.objective == 0
    assert "R6" in reasons(r, "C1", openings_of(r, "C1")[0])


def test_r6_due_cadre_without_seat_infeasible(solver):
    # C1 is due (7 years at U1); the only posting is required for C2.
    b = base("U2").cadre("C1", since="2020-01").cadre("C2").posting("P2", "U2").require("C2", "P2")
    diag = infeasible(b.build(), solver)
    assert "R6" in diag["rules"]
    assert mentioned(diag, "C1")


# =============================================================================================
# R7 Recusal
# =============================================================================================
def test_r7_kin_in_same_unit_one_moves(solver):
    # Spouses C1, C2 both serve at U1; moving costs (stability) but R7 forces one away.
    b = base("U2").cadre("C1").cadre("C2").relation("C1", "C2").posting("P2", "U2").weights(stability=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL"
    moved = [c for c, o in pairs(r) if o == "P2"]
    assert len(moved) == 1
    assert r.terms["stability"] == -100
    assert "R7" in reasons(r, moved[0], "P2")


def test_r7_not_posted_into_partner_unit(solver):
    # C2 stays at U2 (barred from P3 by a lock); C1 would love P2 at U2 (100) but may not
    # join the spouse there: P3.
    b = base("U2", "U3").cadre("C1").cadre("C2", unit="U2").relation("C1", "C2").forbid("C2", "P3")
    b.posting("P2", "U2").posting("P3", "U3").fit("C1", "P2", 100).fit("C1", "P3", 10).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["P3"]


def test_r7_kin_not_on_same_team(solver):
    # Task K1 (2 seats, region RB): kin C1 and C2 both fit 100, C3 fits 10. They may not
    # serve on the same team: one of them goes with C3. (C2 serves at U3: not the same unit.)
    b = base("U3").unit("U5", region="RB").cadre("C1").cadre("C2", unit="U3").cadre("C3")
    b.relation("C1", "C2", "兄弟")
    b.task("K1", "U5", 3, 4, seats=2).fit("C1", "K1", 100).fit("C2", "K1", 100).fit("C3", "K1", 10)
    b.weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    team = {c for c, o in pairs(r) if o == "K1"}
    assert len(team) == 2 and "C3" in team and len(team & {"C1", "C2"}) == 1
    assert r.terms["fit"] == 110


def test_r7_no_task_in_home_or_current_region(solver):
    # C1 comes from RB (home) and serves at U1 in RA: tasks in RA and RB are barred, the one
    # in RC is fine, although it fits worst. Months do not overlap, so without R7 all three.
    b = base().unit("UA2", region="RA").unit("UB", region="RB").unit("UC", region="RC")
    b.cadre("C1", home="RB")
    b.task("KA", "UA2", 1, 2).task("KB", "UB", 3, 4).task("KC", "UC", 5, 6)
    b.fit("C1", "KA", 100).fit("C1", "KB", 100).fit("C1", "KC", 10).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["KC"]


def test_r7_kin_required_on_same_team_infeasible(solver):
    # C2 serves elsewhere, so only the shared team is in conflict, not a shared unit.
    b = base("U3").unit("U5", region="RB").cadre("C1").cadre("C2", unit="U3").relation("C1", "C2")
    b.task("K1", "U5", 3, 4, seats=2).require("C1", "K1").require("C2", "K1")
    diag = infeasible(b.build(), solver)
    assert "R7" in diag["rules"]
    assert mentioned(diag, "C1", "C2")


def test_r7_required_into_partner_unit_infeasible(solver):
    # C1 is required into U2, where the spouse C2 stays (C2 has nowhere to go).
    b = base("U2").cadre("C1").cadre("C2", unit="U2").relation("C1", "C2")
    b.posting("P2", "U2").require("C1", "P2")
    diag = infeasible(b.build(), solver)
    assert "R7" in diag["rules"]


# =============================================================================================
# R8 Time
# =============================================================================================
def test_r8_no_overlap(solver):
    # K1 (1-4) and K2 (4-6) overlap in month 4; K3 (7-11) overlaps neither. Fit would take all
    # three; the best legal plan is K2 + K3 (100 + 60 = 160 > K1 + K3 = 110), 8 months <= 9.
    b = base().unit("U5", region="RB").cadre("C1")
    b.task("K1", "U5", 1, 4).task("K2", "U5", 4, 6).task("K3", "U5", 7, 11)
    b.fit("C1", "K1", 50).fit("C1", "K2", 100).fit("C1", "K3", 60).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["K2", "K3"]


@pytest.mark.parametrize("cap, expected", [(6, 2), (9, 3)])
def test_r8_yearly_cap(cap, expected, solver):
    # Three 3-month tasks with no overlap: a cap of 6 months allows two, a cap of 9 exactly three.
    b = base().unit("U5", region="RB").cadre("C1").rules(max_away_months=cap)
    b.task("K1", "U5", 1, 3).task("K2", "U5", 4, 6).temporary("T3", "U5", 7, 9)
    b.fit("C1", "K1", 100).fit("C1", "K2", 100).fit("C1", "T3", 100).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert len(openings_of(r, "C1")) == expected


def test_r8_postings_occupy_no_months(solver):
    # A posting beside 9 months away is fine: postings occupy no months (SPEC 3.1).
    b = base("U2").unit("U5", region="RB").cadre("C1").task("K1", "U5", 1, 9).posting("P2", "U2")
    b.fit("C1", "K1", 10).fit("C1", "P2", 10).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["K1", "P2"]


def test_r8_required_overlap_infeasible(solver):
    # Shared case l in miniature: months 3-5 and 5-6 overlap in month 5.
    b = base().unit("U5", region="RB").cadre("C1").task("K1", "U5", 3, 5).task("K2", "U5", 5, 6)
    b.require("C1", "K1").require("C1", "K2")
    diag = infeasible(b.build(), solver)
    assert "R8" in diag["rules"]
    assert mentioned(diag, "C1")


def test_r8_required_beyond_cap_infeasible(solver):
    # 4 + 4 + 3 = 11 months > 9, no overlap.
    b = base().unit("U5", region="RB").cadre("C1")
    b.task("K1", "U5", 1, 4).task("K2", "U5", 5, 8).temporary("T3", "U5", 9, 11)
    b.require("C1", "K1").require("C1", "K2").require("C1", "T3")
    diag = infeasible(b.build(), solver)
    assert "R8" in diag["rules"]


# =============================================================================================
# R9 Team needs
# =============================================================================================
def test_r9_team_needs_met(solver):
    # K1 needs 1 enforcement holder and 1 law specialist. A and B fit best (100, 90) but have
    # neither; the best legal team is C (certificate) + D (specialty): 15 > 0 (empty team).
    b = base().unit("U5", region="RB")
    b.cadre("A").cadre("B").cadre("C", certs=["enforcement"]).cadre("D", specialty="law")
    b.task("K1", "U5", 3, 4, seats=2, team_needs=[("enforcement", 1), ("law", 1)])
    b.fit("A", "K1", 100).fit("B", "K1", 90).fit("C", "K1", 10).fit("D", "K1", 5).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert {c for c, o in pairs(r) if o == "K1"} == {"C", "D"}


def test_r9_empty_opening_needs_nothing(solver):
    # Nobody qualifies, but an opening left empty owes nothing: the plan is simply empty.
    b = base().unit("U5", region="RB").cadre("A").task("K1", "U5", 3, 4, team_needs=[("law", 1)])
    b.fit("A", "K1", 100).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert r.status == "OPTIMAL" and len(r.plan) == 0


def test_r9_required_team_without_specialist_infeasible(solver):
    # A is required on K1, whose one seat needs a law specialist; A is not one.
    b = base().unit("U5", region="RB").cadre("A").task("K1", "U5", 3, 4, team_needs=[("law", 1)])
    b.require("A", "K1")
    diag = infeasible(b.build(), solver)
    assert "R9" in diag["rules"]
    assert mentioned(diag, "K1")


def test_r9_min_seats_without_specialist_infeasible(solver):
    b = base().unit("U5", region="RB").cadre("A").cadre("B")
    b.task("K1", "U5", 3, 4, seats=2, min_seats=1, team_needs=[("law", 1)])
    diag = infeasible(b.build(), solver)
    assert "R9" in diag["rules"]


# =============================================================================================
# R10 Exemption
# =============================================================================================
def test_r10_exempt_cadre_kept_off_hardship_away_only(solver):
    # C1 is exempt. TH (hardship 2 from its unit) fits best but is barred; TO sits in the same
    # hard unit with the opening's own hardship 0, so it is fine; the posting PH to a
    # hardship-3 unit is untouched by R10.
    b = base().unit("UH", hardship=2).unit("UH3", hardship=3).cadre("C1", exempt=True)
    b.temporary("TH", "UH", 1, 4).temporary("TO", "UH", 5, 8, hardship=0).posting("PH", "UH3")
    b.fit("C1", "TH", 100).fit("C1", "TO", 50).fit("C1", "PH", 80).weights(fit=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["PH", "TO"]


def test_r10_exempt_still_rotates(solver):
    # Exemption does not touch R6: the exempt cadre due to rotate is posted to the hard unit.
    b = base().unit("UH", hardship=3).cadre("C1", since="2019-01", exempt=True).posting("PH", "UH")
    b.weights(stability=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["PH"]


def r10_forced():
    b = base().unit("UH", region="RB", hardship=2).cadre("C1", exempt=True)
    return b.task("KH", "UH", 3, 4).require("C1", "KH").build()


def test_r10_required_hardship_task_infeasible(solver):
    diag = infeasible(r10_forced(), solver)
    assert mentioned(diag, "C1", "KH", "R10")


# =============================================================================================
# R11 Locks
# =============================================================================================
def test_r11_locks_obeyed(solver):
    # forbid: C1's best fit P2 is forbidden, so P3 (fit 2 x 90 outweighs the move's -100).
    # require: C2 must take P4 although only a cost (stability -100) comes with it.
    b = base("U2", "U3", "U4").cadre("C1").cadre("C2")
    b.posting("P2", "U2").posting("P3", "U3").posting("P4", "U4")
    b.fit("C1", "P2", 100).fit("C1", "P3", 90).forbid("C1", "P2").require("C2", "P4").weights(fit=2, stability=1)
    r = solve_checked(b.build(), solver=solver)
    assert openings_of(r, "C1") == ["P3"]
    assert openings_of(r, "C2") == ["P4"]
    assert "lock" in next(a.reasons for a in r.plan.assignments if a.cadre_id == "C2")
    assert r.objective == 2 * 90 - 100 - 100


def test_r11_require_and_forbid_same_pair_infeasible(solver):
    b = base("U2").cadre("C1").posting("P2", "U2").require("C1", "P2").forbid("C1", "P2")
    diag = infeasible(b.build(), solver)
    assert "R11" in diag["rules"]


# =============================================================================================
# A lock against a rule enforced by a candidate filter: the diagnosis should name that rule
# =============================================================================================
def r1_current_unit_forced():
    return base().cadre("C1").posting("P1", "U1").require("C1", "P1").build()


def r2_forced():
    b = base("U2").cadre("C1")
    return b.temporary("T1", "U2", 3, 5, certificates=["enforcement"]).require("C1", "T1").build()


def r4_forced():
    b = ScenarioBuilder().unit("UB", level="bureau").unit("UG", grassroots=True)
    return b.recruit("N1").posting("PB", "UB").posting("PG", "UG").require("N1", "PB").build()


def r7_region_forced():
    return base("U2").cadre("C1").task("K1", "U2", 3, 4).require("C1", "K1").build()


@pytest.mark.parametrize("rule, make", [
    ("R1", r1_current_unit_forced), ("R2", r2_forced), ("R4", r4_forced), ("R5", r5_forced),
    ("R7", r7_region_forced), ("R10", r10_forced)])
def test_filter_rule_named_in_diagnosis_rules(rule, make, solver):
    # A lock (or min_seats) against a pair that a candidate filter removed: both sides of the
    # conflict are named, the lock and the rule the filter enforces. (Was a bug: only R11/R3.)
    diag = infeasible(make(), solver)
    assert rule in diag["rules"], diag["rules"]


@pytest.mark.parametrize("rule, make", [
    ("R1", r1_current_unit_forced), ("R2", r2_forced), ("R4", r4_forced), ("R5", r5_forced),
    ("R7", r7_region_forced), ("R10", r10_forced)])
def test_filter_rule_named_in_diagnosis_text(rule, make, solver):
    # What the model does today: the lock is the named rule, the filter rule is in its text.
    diag = infeasible(make(), solver)
    assert "R11" in diag["rules"]
    assert mentioned(diag, rule)
