"""The checker's rules at their exact edges (issue 10 point 5).

A mutation run found that the checker's tests used comfortable margins (7 years where the limit
is 5, a two-month overlap, a cap exceeded by one but never met exactly), so a checker that lets
R6 slip at exactly ``max_tenure_years``, or two away assignments share a single month, passed.
Each test here puts a plan one step either side of a rule's limit: the side that must pass and
the side that must fail. Plan year 2027, default rules (first_stop 3, no_return 3, max_tenure 5,
max_away 9) unless a test says otherwise; scenarios from tests/scenario_builder.py, where no rule
binds unless the story says so.
"""
from __future__ import annotations

import pytest
from scenario_builder import ScenarioBuilder

from models.plan import Assignment
from planner.check import check_plan


def rows(scenario, *pairs):
    """Plan rows copied from the openings, sorted as plan.csv must be."""
    out = []
    for cadre_id, opening_id in pairs:
        o = scenario.opening_by_id[opening_id]
        out.append(Assignment(cadre_id, opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    return sorted(out, key=Assignment.sort_key)


def broken(scenario, *pairs) -> set:
    """The rule codes the checker reports for the plan made of ``pairs``."""
    return check_plan(scenario, rows(scenario, *pairs)).rules()


# --------------------------------------------------------------------------------------------
# R1 One posting: one passes, two fail; the current unit fails, any other passes
# --------------------------------------------------------------------------------------------
def test_r1_edge_one_posting_and_the_current_unit():
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1", unit="U1")
    sc = b.posting("P1", "U1").posting("P2", "U2").posting("P3", "U3").build()
    assert broken(sc, ("C1", "P2")) == set()
    assert broken(sc, ("C1", "P2"), ("C1", "P3")) == {"R1"}
    assert broken(sc, ("C1", "P1")) == {"R1"}


# --------------------------------------------------------------------------------------------
# R2 Eligibility: each numeric bound met exactly passes, one beyond fails
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("field, at_edge, beyond", [
    ("min_service_years", 12, 13),      # entry 2015-07: 2027 - 2015 = 12 service years
    ("max_age", 37, 36),                # born 1990-01: 37 at 2027-01-01
])
def test_r2_edge_service_years_and_age(field, at_edge, beyond):
    def scenario(value):
        b = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", entry="2015-07", birth="1990-01")
        return b.posting("P2", "U2", **{field: value}).build()
    assert broken(scenario(at_edge), ("C1", "P2")) == set()
    assert broken(scenario(beyond), ("C1", "P2")) == {"R2"}


def test_r2_edge_age_counts_whole_years_at_new_year():
    # Born 1990-02: still 36 on 2027-01-01 (the birthday falls later), so max_age 36 passes.
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", birth="1990-02")
    sc = b.posting("P2", "U2", max_age=36).build()
    assert broken(sc, ("C1", "P2")) == set()


@pytest.mark.parametrize("rating, ok", [("excellent", True), ("competent", True), ("basic", False)])
def test_r2_edge_rating_equal_to_min_rating_passes(rating, ok):
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", rating=rating)
    sc = b.posting("P2", "U2", min_rating="competent").build()
    assert broken(sc, ("C1", "P2")) == (set() if ok else {"R2"})


# --------------------------------------------------------------------------------------------
# R3 Seats: exactly seats passes, seats + 1 fails; exactly min_seats passes, one fewer fails
# --------------------------------------------------------------------------------------------
def test_r3_edge_seats_and_min_seats():
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U5", region="RB")
    for c in ("C1", "C2", "C3"):
        b.cadre(c)
    sc = b.posting("P2", "U2", seats=2, min_seats=2).build()
    assert broken(sc, ("C1", "P2"), ("C2", "P2")) == set()
    assert broken(sc, ("C1", "P2"), ("C2", "P2"), ("C3", "P2")) == {"R3"}
    assert broken(sc, ("C1", "P2")) == {"R3"}


# --------------------------------------------------------------------------------------------
# R4 First stop: service years exactly first_stop_years lift the grassroots restriction
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry, restricted", [("2024-12", False), ("2025-01", True)])
def test_r4_edge_first_stop_years(entry, restricted):
    # No grassroots record anywhere. Entry 2024-12: 3 service years = first_stop_years, free to go
    # to a non-grassroots unit; entry 2025-01: 2 years, grassroots only.
    b = ScenarioBuilder().unit("U1").unit("U2").unit("G1", grassroots=True).cadre("C1", entry=entry)
    sc = b.posting("P2", "U2").posting("PG", "G1").build()
    assert broken(sc, ("C1", "P2")) == ({"R4"} if restricted else set())
    assert broken(sc, ("C1", "PG")) == set()


def test_r4_edge_recruit_exactly_one_posting():
    b = ScenarioBuilder().unit("U1").unit("G1", grassroots=True).unit("G2", grassroots=True).recruit("N1")
    sc = b.posting("P1", "G1").posting("P2", "G2").build()
    assert broken(sc) == {"R4"}
    assert broken(sc, ("N1", "P1")) == set()
    assert "R4" in broken(sc, ("N1", "P1"), ("N1", "P2"))


# --------------------------------------------------------------------------------------------
# R5 No return: both ends of the no_return_years window
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ended, barred", [
    ("2023-12", False),      # before the window 2024..2026
    ("2024-01", True),       # first year of the window
    ("2026-12", True),       # last year of the window
])
def test_r5_edge_window(ended, barred):
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", since="2027-01" if ended == "2026-12" else "2024-01")
    b.history("C1", "U2", "posting", "2020-01", ended)
    sc = b.posting("P2", "U2").build()
    assert broken(sc, ("C1", "P2")) == ({"R5"} if barred else set())


# --------------------------------------------------------------------------------------------
# R6 Rotation due: exactly max_tenure_years must move, one month less need not
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("since, due", [("2022-01", True), ("2022-02", False)])
def test_r6_edge_exactly_max_tenure_years(since, due):
    # 2022-01 to 2027-01: exactly 5 whole years = max_tenure_years, due; 2022-02: 4 years.
    sc = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", since=since).posting("P2", "U2").build()
    assert broken(sc) == ({"R6"} if due else set())
    assert broken(sc, ("C1", "P2")) == set()


def test_r6_edge_with_another_max_tenure():
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("C1", since="2024-01").rules(max_tenure_years=3)
    sc = b.posting("P2", "U2").build()
    assert broken(sc) == {"R6"}


# --------------------------------------------------------------------------------------------
# R7 Recusal: the partner leaving the unit is enough; a task one region away is fine
# --------------------------------------------------------------------------------------------
def test_r7_edge_based_after_the_plan():
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("A").cadre("B").relation("A", "B")
    sc = b.posting("P2", "U2", seats=2).build()
    assert broken(sc) == {"R7"}                                   # both stay in U1
    assert broken(sc, ("A", "P2")) == set()                       # A leaves: apart
    assert broken(sc, ("A", "P2"), ("B", "P2")) == {"R7"}         # both into U2: together again


def test_r7_edge_task_region():
    # C1 sits in region RA, comes from HOME: a task in RA (current region) or HOME breaks R7, RB does not.
    b = ScenarioBuilder().unit("U1").unit("U2").unit("UB", region="RB").unit("UH", region="HOME").cadre("C1")
    sc = b.task("KA", "U2", 3, 4).task("KB", "UB", 3, 4).task("KH", "UH", 6, 7).build()
    assert broken(sc, ("C1", "KB")) == set()
    assert broken(sc, ("C1", "KA")) == {"R7"}
    assert broken(sc, ("C1", "KH")) == {"R7"}


# --------------------------------------------------------------------------------------------
# R8 Time: sharing a single month is an overlap; adjacent months are not; the cap met exactly
# --------------------------------------------------------------------------------------------
def _away(cap=9):
    b = ScenarioBuilder().unit("U1").unit("UB", region="RB").cadre("C1").rules(max_away_months=cap)
    b.task("K1", "UB", 3, 5).task("K2", "UB", 5, 7).task("K3", "UB", 6, 8).temporary("T4", "UB", 9, 12)
    return b.build()


def test_r8_edge_one_shared_month_is_an_overlap():
    sc = _away()
    (v,) = check_plan(sc, rows(sc, ("C1", "K1"), ("C1", "K2"))).violations     # 3-5 and 5-7 share month 5
    assert v.rule == "R8" and v.openings == ("K1", "K2") and "overlap" in v.message


def test_r8_edge_adjacent_months_do_not_overlap():
    sc = _away()
    assert broken(sc, ("C1", "K1"), ("C1", "K3")) == set()                     # 3-5 then 6-8


@pytest.mark.parametrize("cap, ok", [(10, True), (9, False)])
def test_r8_edge_cap_met_exactly(cap, ok):
    # K1 3 months + K3 3 months + T4 4 months = 10 months away: a cap of 10 passes, 9 fails.
    sc = _away(cap)
    assert broken(sc, ("C1", "K1"), ("C1", "K3"), ("C1", "T4")) == (set() if ok else {"R8"})


# --------------------------------------------------------------------------------------------
# R9 Team needs: exactly k passes, k - 1 fails; a specialty counts like a certificate
# --------------------------------------------------------------------------------------------
def test_r9_edge_exactly_k():
    b = ScenarioBuilder().unit("U1").unit("UB", region="RB")
    b.cadre("M1", certs=["monitoring"]).cadre("M2", specialty="monitoring").cadre("X1")
    sc = b.task("K1", "UB", 3, 4, seats=3, team_needs=[("monitoring", 2)]).build()
    assert broken(sc, ("M1", "K1"), ("M2", "K1")) == set()
    assert broken(sc, ("M1", "K1"), ("X1", "K1")) == {"R9"}
    assert broken(sc) == set()                                                 # an empty team needs nothing


# --------------------------------------------------------------------------------------------
# R10 Exemption: hardship 1 is already hardship; 0 is not; postings are exempt from R10
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("hardship, ok", [(0, True), (1, False)])
def test_r10_edge_hardship_one(hardship, ok):
    b = ScenarioBuilder().unit("U1").unit("UB", region="RB", hardship=hardship).unit("U3", hardship=3)
    sc = b.cadre("C1", exempt=True).temporary("T1", "UB", 3, 5).posting("P3", "U3").build()
    assert broken(sc, ("C1", "T1")) == (set() if ok else {"R10"})
    assert broken(sc, ("C1", "P3")) == set()


# --------------------------------------------------------------------------------------------
# R11 Locks: a require lock met, a forbid lock avoided; each the other way round fails
# --------------------------------------------------------------------------------------------
def test_r11_edge_require_and_forbid():
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1").cadre("C2")
    sc = b.posting("P2", "U2").posting("P3", "U3").require("C1", "P2").forbid("C2", "P3").build()
    assert broken(sc, ("C1", "P2")) == set()
    assert broken(sc) == {"R11"}
    assert broken(sc, ("C1", "P2"), ("C2", "P3")) == {"R11"}
