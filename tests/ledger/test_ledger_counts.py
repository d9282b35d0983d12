"""SPEC 8 counted by hand: moves, secondments and barriers of a hand-built scenario, with and
without a plan, and a property: the plan year's moves are the plan's cross-region postings."""
from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_builder import ScenarioBuilder

from models.exchange import all_moves, compute_ledger, past_barriers, past_move_counts
from models.plan import Assignment, Plan


def hand_scenario():
    """Plan year 2027; regions RA, RB, RC, RD, each holding units (UA1 and UA2 in RA).

    K1  history (listed out of order): UC 2021-05..2024-02, UA1 2016-01..2021-04; current UB since
        2024-03; a temporary at UD 2023-02..05. Postings by start: UA1 -> UC -> UB, so moves
        RA->RC in 2021 and RC->RB in 2024. The temporary starts while UC is in force (started
        2021-05): secondment RC->RD in 2023.
    K2  history posting UA2 2018-01..2021-12, current UA1 since 2022-01: both RA, no move. A task at
        UB 2019-06..07 while at UA2: secondment RA->RB in 2019 (outside every window below).
    K3  a temporary at UC 2020-02..04, before any known posting (current UB since 2020-09, no
        history posting): left out. UB is the first posting: no move.
    K4  history UB 2010-01..2014-12, UC 2015-01..2021-12; current UA1 since 2022-01: moves RB->RC
        in 2015 and RC->RA in 2022 - the window's edge: in 2022-2026, out of 2023-2027.
    K5  a new recruit: the plan's posting is the first, no move.
    K6  history UB 2019-01..2022-12, current UC since 2023-01: move RB->RC in 2023.
    """
    b = ScenarioBuilder()
    for unit, region in (("UA1", "RA"), ("UA2", "RA"), ("UB", "RB"), ("UC", "RC"), ("UD", "RD")):
        b.unit(unit, region=region)
    b.cadre("K1", unit="UB", since="2024-03")
    b.history("K1", "UC", "posting", "2021-05", "2024-02").history("K1", "UA1", "posting", "2016-01", "2021-04")
    b.history("K1", "UD", "temporary", "2023-02", "2023-05")
    b.cadre("K2", unit="UA1", since="2022-01")
    b.history("K2", "UA2", "posting", "2018-01", "2021-12").history("K2", "UB", "task", "2019-06", "2019-07")
    b.cadre("K3", unit="UB", since="2020-09")
    b.history("K3", "UC", "temporary", "2020-02", "2020-04")
    b.cadre("K4", unit="UA1", since="2022-01")
    b.history("K4", "UB", "posting", "2010-01", "2014-12").history("K4", "UC", "posting", "2015-01", "2021-12")
    b.recruit("K5")
    b.cadre("K6", unit="UC", since="2023-01")
    b.history("K6", "UB", "posting", "2019-01", "2022-12")
    return b.build()


def hand_plan():
    """K1 posted to UA2 (RB->RA, 2027); K2 a task at UC in months 3-4 while based at UA1 (RA->RC);
    K5 (recruit) posted to UD, no move, and a temporary at UC: based at UD after the plan, so RD->RC;
    K6 posted to UD (RC->RD) and a temporary at UB: based at UD after the plan, so RD->RB."""
    return Plan((
        Assignment("K1", "P1", "posting", "UA2", 1, 12),
        Assignment("K2", "T1", "task", "UC", 3, 4),
        Assignment("K5", "P2", "posting", "UD", 1, 12),
        Assignment("K5", "T2", "temporary", "UC", 5, 6),
        Assignment("K6", "P3", "posting", "UD", 1, 12),
        Assignment("K6", "T3", "temporary", "UB", 2, 3),
    ))


def test_the_past_counted_by_hand():
    ledger = compute_ledger(hand_scenario(), None, 5)
    assert ledger.as_dict() == {
        "years": [2022, 2023, 2024, 2025, 2026],
        # K4 RC->RA 2022 (the window's first year), K6 RB->RC 2023, K1 RC->RB 2024; K1's RA->RC of
        # 2021 and K4's RB->RC of 2015 fall before the window.
        "moves": [{"year": 2022, "from": "RC", "to": "RA", "count": 1},
                  {"year": 2023, "from": "RB", "to": "RC", "count": 1},
                  {"year": 2024, "from": "RC", "to": "RB", "count": 1}],
        # K1's temporary; K2's task of 2019 is outside; K3's temporary has no posting in force.
        "secondments": [{"year": 2023, "from": "RC", "to": "RD", "count": 1}],
        # Linked: RA-RC (2022), RB-RC (2023, 2024). A secondment does not link two regions.
        "barriers": [["RA", "RB"], ["RA", "RD"], ["RB", "RD"], ["RC", "RD"]],
    }


def test_with_the_plan_counted_by_hand():
    ledger = compute_ledger(hand_scenario(), hand_plan(), 5)
    assert ledger.as_dict() == {
        "years": [2023, 2024, 2025, 2026, 2027],
        # K4's RC->RA of 2022 has left the window; the plan adds K1 RB->RA and K6 RC->RD; K5 is a recruit.
        "moves": [{"year": 2023, "from": "RB", "to": "RC", "count": 1},
                  {"year": 2024, "from": "RC", "to": "RB", "count": 1},
                  {"year": 2027, "from": "RB", "to": "RA", "count": 1},
                  {"year": 2027, "from": "RC", "to": "RD", "count": 1}],
        "secondments": [{"year": 2023, "from": "RC", "to": "RD", "count": 1},
                        {"year": 2027, "from": "RA", "to": "RC", "count": 1},
                        {"year": 2027, "from": "RD", "to": "RB", "count": 1},
                        {"year": 2027, "from": "RD", "to": "RC", "count": 1}],
        # Linked: RB-RC, RA-RB (2027), RC-RD (2027); RA-RC moved only in 2022.
        "barriers": [["RA", "RC"], ["RA", "RD"], ["RB", "RD"]],
    }
    assert ledger.moves_per_year() == {2023: 1, 2024: 1, 2025: 0, 2026: 0, 2027: 2}
    # RB sends RB->RC and RB->RA, receives RC->RB; RC sends RC->RB and RC->RD, receives RB->RC.
    assert ledger.region_totals() == {"RA": (0, 1), "RB": (2, 1), "RC": (2, 1), "RD": (0, 1)}


def test_a_longer_window_reaches_further_back():
    ledger = compute_ledger(hand_scenario(), hand_plan(), 13)
    assert ledger.years[0] == 2015
    # K4 RB->RC 2015 (the first year), K1 RA->RC 2021, K4 RC->RA 2022 come in; K2's task of 2019 too.
    assert [(m["year"], m["from"], m["to"]) for m in ledger.as_dict()["moves"]][:3] == [
        (2015, "RB", "RC"), (2021, "RA", "RC"), (2022, "RC", "RA")]
    assert (2019, "RA", "RB", 1) in ledger.secondments
    assert ledger.barriers == (("RA", "RD"), ("RB", "RD"))


def test_the_exchange_term_reads_the_past():
    sc = hand_scenario()
    # The 5 years before 2027: RA-RC once (2022), RB-RC twice (2023, 2024).
    assert past_move_counts(sc) == {("RA", "RC"): 1, ("RB", "RC"): 2}
    assert past_barriers(sc) == {("RA", "RB"), ("RA", "RD"), ("RB", "RD"), ("RC", "RD")}
    assert past_barriers(sc, 0) == frozenset()


# --- property: the plan year's moves are the plan's cross-region postings -----------------------
REGIONS = ("R1", "R2", "R3")


@st.composite
def scenario_and_plan(draw):
    b = ScenarioBuilder()
    units = [f"U{i}" for i in range(draw(st.integers(2, 5)))]
    region_of = {u: draw(st.sampled_from(REGIONS)) for u in units}
    for u in units:
        b.unit(u, region=region_of[u])
    rows = []
    for k in range(draw(st.integers(1, 8))):
        cid = f"C{k}"
        if draw(st.booleans()):
            b.recruit(cid)
        else:
            b.cadre(cid, unit=draw(st.sampled_from(units)), since=f"{draw(st.integers(2018, 2026))}-03")
            for _ in range(draw(st.integers(0, 2))):
                y = draw(st.integers(2010, 2017))
                b.history(cid, draw(st.sampled_from(units)), draw(st.sampled_from(["posting", "temporary", "task"])),
                          f"{y}-01", f"{y}-12")
        if draw(st.booleans()):
            rows.append(Assignment(cid, f"P{k}", "posting", draw(st.sampled_from(units)), 1, 12))
        if draw(st.booleans()):
            rows.append(Assignment(cid, f"T{k}", "task", draw(st.sampled_from(units)), 3, 4))
    return b.build(), Plan(tuple(rows))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_and_plan())
def test_plan_year_moves_are_the_plans_cross_region_postings(case):
    sc, plan = case
    region = {u.unit_id: u.region_id for u in sc.units}
    current = {c.cadre_id: c.unit_id for c in sc.cadres}
    # Counted from the plan alone: a posting of a cadre with a current unit in another region.
    expected = Counter((region[current[a.cadre_id]], region[a.unit_id]) for a in plan.assignments
                       if a.kind == "posting" and current[a.cadre_id] is not None
                       and region[current[a.cadre_id]] != region[a.unit_id])
    ledger = compute_ledger(sc, plan, 1)
    assert ledger.years == (sc.plan_year,)
    assert Counter({(a, b): n for _, a, b, n in ledger.moves}) == expected
    assert all(m.source == "plan" for m in all_moves(sc, plan) if m.year == sc.plan_year)


def test_api_returns_the_ledger_as_dataframes():
    from planner import api
    moves, secondments, barriers = api.ledger(hand_scenario(), hand_plan())
    assert list(moves.columns) == ["year", "from", "to", "count"]
    assert moves.to_dict("records")[-1] == {"year": 2027, "from": "RC", "to": "RD", "count": 1}
    assert len(secondments) == 4
    assert [tuple(r) for r in barriers.itertuples(index=False)] == [("RA", "RC"), ("RA", "RD"), ("RB", "RD")]
    past = api.ledger(hand_scenario())
    assert past.moves["year"].tolist() == [2022, 2023, 2024]
    empty = api.ledger(hand_scenario(), years=1)          # 2026 alone: nothing moved
    assert empty.moves.empty and list(empty.moves.columns) == ["year", "from", "to", "count"]
