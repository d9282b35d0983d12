"""Tests of the independent checker (planner/check/).

A tiny scenario built by hand in memory, a valid plan whose metrics are computed by hand in the
comments below, then one corruption per rule R1..R11 that must be reported as exactly that rule
with the right ids, FORMAT problems, metric differences, reading plan files, and the CLI.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

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
    Unit,
    month_index,
)
from models.plan import Assignment, Plan
from planner.check import (
    METRICS,
    PLAN_COLUMNS,
    PlanFileError,
    check_dir,
    check_plan,
    gini,
    read_plan,
    recompute_metrics,
)

REPO = Path(__file__).resolve().parents[2]
CASES = Path("/work/shared/cases")
if not CASES.is_dir():                      # CI keeps a copy of shared/ beside the clone
    CASES = REPO.parent / "shared" / "cases"

m = month_index


def cadre(cid, birth, entry, rank, post_type, specialty, unit, since, home, *, rating="competent",
          talent_pool=False, certs=(), exempt=False):
    return Cadre(cid, f"干部{cid}", "M", m(birth), m(entry), "本科", specialty, rank, post_type, unit,
                 m(since) if since else None, home, rating, talent_pool, frozenset(certs), exempt)


def opening(oid, kind, unit, start=1, end=12, seats=1, **kw):
    return Opening(oid, f"岗位{oid}", kind, unit, start, end, seats, **kw)


# The tiny scenario, plan year 2027, default rules (first_stop 3, no_return 3, max_tenure 5,
# max_away 9, look-back 5 years = 2022-01..2026-12, allow_transfer).
REGIONS = (Region("RA", "甲区"), Region("RB", "乙县", True), Region("RC", "丙区"))
UNITS = (
    Unit("UA1", "局机关办公室", "RA", "bureau", False, 0),
    Unit("UA2", "甲区分局", "RA", "branch", True, 1),
    Unit("UB1", "乙县分局", "RB", "branch", True, 3, True),
    Unit("UC1", "丙区监测站", "RC", "station", True, 2),
    Unit("UX", "省厅大气处", "RA", "external", False, 0),
)
CADRES = (
    # 7 years at UA1 -> R6 due; grassroots record from the 2016-2019 posting at UA2.
    cadre("C01", "1990-05", "2015-07", "section", "admin", "environment", "UA1", "2020-01", "RA",
          rating="excellent", talent_pool=True, certs=("enforcement",)),
    # New recruit (R4): exactly one posting, to a grassroots unit.
    cadre("C02", "2000-03", "2026-09", "staff", "civil", "chemistry", None, None, "RB"),
    # Spouse of C04; holds the monitoring certificate that T1's team needs.
    cadre("C03", "1994-08", "2018-07", "deputy_section", "civil", "law", "UC1", "2023-03", "RC",
          talent_pool=True, certs=("monitoring",)),
    # Exempt; posted at UB1 until 2024-06, so no return there (R5).
    cadre("C04", "1993-01", "2017-07", "staff", "admin", "finance", "UA2", "2024-07", "RB", exempt=True),
    cadre("C05", "1995-02", "2019-07", "staff", "admin", "environment", "UB1", "2024-01", "RA", exempt=True,
          certs=("enforcement", "monitoring")),
    # No grassroots record, 2 service years: may be posted only to a grassroots unit (R4).
    cadre("C06", "2001-06", "2025-07", "staff", "admin", "it", "UA1", "2025-07", "RA"),
    # No grassroots record, 6 service years: counts in no_grassroots_after.
    cadre("C07", "1996-03", "2021-07", "staff", "institution", "it", "UX", "2022-03", "RC"),
)
OPENINGS = (
    opening("P1", "posting", "UB1", seats=2, team_needs=(("environment", 1),), development=2),
    opening("P2", "posting", "UC1", ranks=frozenset({"staff"}), post_type="admin", allow_transfer=True),
    opening("P3", "posting", "UA2"),
    opening("P5", "posting", "UX"),
    opening("T1", "task", "UB1", 3, 5, seats=2, min_seats=1, hardship=2, team_needs=(("monitoring", 1),),
            development=4),
    opening("T3", "task", "UA2", 1, 2, seats=2, hardship=0),
    opening("M1", "temporary", "UX", 7, 9, seats=2, development=5),
    opening("M2", "temporary", "UX", 4, 6),
    opening("M4", "temporary", "UC1", 1, 2),
)
SCENARIO = Scenario(
    name="核对用小场景", plan_year=2027, regions=REGIONS, units=UNITS, cadres=CADRES, openings=OPENINGS,
    history=(HistoryRow("C01", "UA2", "posting", m("2016-01"), m("2019-12")),
             HistoryRow("C04", "UB1", "posting", m("2020-01"), m("2024-06"))),
    relations=(Relation("C03", "C04", "夫妻"),),
    preferences=(Preference("C01", "P1", 1), Preference("C03", "M1", 2), Preference("C02", "P3", 1)),
    fit=(Fit("C01", "P1", 80), Fit("C02", "P2", 60), Fit("C03", "T1", 70), Fit("C04", "P3", 50)),
    locks=(Lock("C03", "M1", "require", "党组预定"), Lock("C07", "T1", "forbid")),
)

VALID_PAIRS = [("C01", "P1"), ("C02", "P2"), ("C03", "T1"), ("C03", "M1")]

# Metrics of the valid plan, by hand:
#   total points = historical (window 2022-01..2026-12) + plan
#   C01: UA1 h0 -> 0;                 plan P1 at UB1 h3 x 12 = 36          -> 36
#   C02: recruit -> 0;                plan P2 at UC1 h2 x 12 = 24          -> 24
#   C03: UC1 h2 x 46 (2023-03..2026-12) = 92; T1 h2 x 3 = 6, M1 h0         -> 98
#   C04: history UB1 h3 x 30 (2022-01..2024-06) = 90 + UA2 h1 x 30 = 30    -> 120
#   C05: UB1 h3 x 36 = 108                                                 -> 108
#   C06, C07: h0 units                                                     -> 0, 0
#   gini: sorted [0,0,24,36,98,108,120], total 386, n 7;
#         sum over unordered pairs |pi-pj| = 1300, so 2*1300 / (2 * 49 * 386/7) = 1300/2702 = 650/1351
#   seats_total 2+1+1+1+2+2+2+1+1 = 13; no_grassroots_after: only C07 (6 years, no record)
#   cross-region: C01 RA -> RB (C02 is a recruit, left out)
#   preference_met: (C01,P1) and (C03,M1); talent pool development: P1 2 + T1 4 + M1 5 = 11
#   fit_total 80 + 60 + 70 = 210
HAND_METRICS = {
    "assignments": 4, "postings": 2, "seats_filled": 4, "seats_total": 13, "min_seats_unmet": 0,
    "hardship_max": 120, "hardship_gini": 650 / 1351, "no_grassroots_after": 1,
    "cross_region_postings": 1, "regions_sending": 1, "regions_receiving": 1, "preference_met": 2,
    "talent_pool_development": 11, "fit_total": 210,
}


# Terms of the valid plan, by hand from the term table of docs/objective.md (default weights 10/5/3/2/2/1/1):
#   historical points h: C03 92, C04 120, C05 108, others 0 -> H = 120, sum 320 over 7 cadres,
#   tau = max(36, ceil(2 * 320 / 7) = 92) = 92
#   fairness: C01 P1 36 pts, h 0: round(36 * 100/36 * 120/120) = 100; C02 P2 24 pts, h 0: round(66.7) = 67;
#             C03 T1 6 pts, h 92: round(6 * 100/36 * 28/120 = 3.9) = 4; M1 0 pts            -> 171
#             no record gained (C01, C03 have one; C02 has 1 service year)
#             excess: C03 room max(92 - 92, 0) = 0, 6 plan points -> -10 * 6 = -60       -> 111
#   shortage: P1 posting at UB1 (key shortage), C01 environment is a target: 50 + 50     -> 100
#             (T1 is a task: tasks do not staff a unit)
#   development: talent pool C01 P1 2 and C03 T1 4, M1 5: 20 * 11                        -> 220
#   preference: (C01, P1) rank 1 100 + (C03, M1) rank 2 70                                -> 170
#   exchange: C01 RA -> RB (C02 is a recruit): 50 + round(50 / (1 + 1)) = 75, since the ledger
#             of 2022..2026 holds one move between RA and RB (C04: UB1 until 2024-06, then UA2 in
#             RA from 2024-07), + RA sends 100 + RB receives 100                           -> 275
#   stability: C01 is due (R6), C02 a recruit (R4): no free move                         -> 0
#   fit: 80 + 60 + 70                                                                     -> 210
#   objective = 10*111 + 5*100 + 3*220 + 2*170 + 2*275 + 1*0 + 1*210 = 3370
HAND_TERMS = {"fairness": 111, "shortage": 100, "development": 220, "preference": 170, "exchange": 275,
              "stability": 0, "fit": 210}
HAND_OBJECTIVE = 3370


def summary_with(metrics, terms=None, weights=None, objective=None, **changes):
    """A summary.json a faithful solver would write for the plan (terms and objective by hand)."""
    out = {"status": "OPTIMAL", "objective": HAND_OBJECTIVE if objective is None else objective,
           "best_bound": 0, "gap": 0.0, "build_seconds": 0.1, "solve_seconds": 0.1, "solver": "hand", "seed": 0,
           "scenario_sha256": "", "weights": dict(weights or SCENARIO.weights.as_dict()),
           "terms": dict(HAND_TERMS if terms is None else terms), "metrics": dict(metrics)}
    out.update(changes)
    return out


def rows_of(pairs, scenario=SCENARIO):
    """Plan rows copied from the openings, sorted as plan.csv must be."""
    rows = []
    for cid, oid in pairs:
        o = scenario.opening_by_id[oid]
        rows.append(Assignment(cid, oid, o.kind, o.unit_id, o.start_month, o.end_month))
    return sorted(rows, key=lambda r: (r.cadre_id, r.start_month, r.opening_id))


def with_pairs(add=(), drop=()):
    return rows_of([p for p in VALID_PAIRS if p not in drop] + list(add))


def only(report, rule):
    """Assert the report breaks exactly ``rule`` and return its violations."""
    assert report.rules() == {rule}, [str(v) for v in report.violations]
    return report.violations


# --------------------------------------------------------------------------------------------
# The valid plan and its metrics
# --------------------------------------------------------------------------------------------
def test_gini_small_vectors():
    assert gini([]) == 0.0
    assert gini([0, 0, 0]) == 0.0
    assert gini([5, 5, 5, 5]) == 0.0
    # [0, 1]: |0-1| + |1-0| = 2 over 2 * 4 * 0.5 = 4 -> 0.5
    assert gini([0, 1]) == pytest.approx(0.5)
    # [1, 2, 3]: ordered pair sum 8 over 2 * 9 * 2 = 36 -> 2/9
    assert gini([3, 1, 2]) == pytest.approx(2 / 9)


def test_valid_plan_passes_with_hand_metrics():
    report = check_plan(SCENARIO, rows_of(VALID_PAIRS), summary_with(HAND_METRICS))
    assert report.violations == []
    assert report.metric_diffs == []
    assert report.ok
    assert report.metrics["hardship_gini"] == pytest.approx(0.481125092524, abs=1e-9)
    for name, value in HAND_METRICS.items():
        assert report.metrics[name] == pytest.approx(value), name
    assert list(report.metrics) == list(METRICS)


def test_plan_object_accepted_and_no_summary_means_no_diffs():
    report = check_plan(SCENARIO, Plan(tuple(rows_of(VALID_PAIRS))))
    assert report.ok and report.metric_diffs == []
    assert recompute_metrics(SCENARIO, rows_of(VALID_PAIRS))["fit_total"] == 210


# --------------------------------------------------------------------------------------------
# One corruption per rule
# --------------------------------------------------------------------------------------------
def test_r1_two_postings():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C01", "P5")])), "R1")
    assert v.cadres == ("C01",) and v.openings == ("P1", "P5")


def test_r1_posting_to_current_unit():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C07", "P5")])), "R1")
    assert v.cadres == ("C07",) and v.openings == ("P5",) and "current unit" in v.message


@pytest.mark.parametrize("change, rules_change, broken, word", [
    ({}, None, False, ""),
    ({"ranks": frozenset({"section"})}, None, True, "rank"),
    ({"specialties": frozenset({"law"})}, None, True, "specialty"),
    ({"certificates": frozenset({"enforcement"})}, None, True, "certificate"),
    ({"post_type": "civil"}, None, True, "post_type"),
    ({"post_type": "civil", "allow_transfer": True}, None, False, ""),          # admin <-> civil transfer
    # rules.allow_transfer off: C02 (civil) on P2 (admin, allow_transfer) breaks R2 as well
    ({"post_type": "civil", "allow_transfer": True}, Rules(allow_transfer=False), True, "transfer not allowed"),
    ({"post_type": "institution", "allow_transfer": True}, None, True, "post_type"),
    ({"min_rating": "excellent"}, None, True, "rating"),
    ({"min_rating": "basic"}, None, False, ""),
    ({"talent_pool_only": True}, None, True, "talent pool"),
    ({"min_service_years": 3}, None, True, "service years"),                    # C06 has 2
    ({"min_service_years": 2}, None, False, ""),
    ({"max_age": 24}, None, True, "age"),                                       # C06 is 25
    ({"max_age": 25}, None, False, ""),
])
def test_r2_each_condition(change, rules_change, broken, word):
    import dataclasses
    p3 = dataclasses.replace(SCENARIO.opening_by_id["P3"], **change)
    sc = SCENARIO.replace(openings=tuple(p3 if o.opening_id == "P3" else o for o in OPENINGS),
                          **({"rules": rules_change} if rules_change else {}))
    report = check_plan(sc, rows_of(VALID_PAIRS + [("C06", "P3")], sc))
    if not broken:
        assert report.violations == []
        return
    found = {(v.cadres, v.openings): v.message for v in only(report, "R2")}
    expected = {(("C06",), ("P3",))} | ({(("C02",), ("P2",))} if rules_change else set())
    assert set(found) == expected
    assert word in found[("C06",), ("P3",)]


def test_r3_too_many():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C06", "P3"), ("C07", "P3")])), "R3")
    assert v.openings == ("P3",) and v.cadres == ("C06", "C07")


def test_r3_below_min_seats():
    (v,) = only(check_plan(SCENARIO, with_pairs(drop=[("C03", "T1")])), "R3")
    assert v.openings == ("T1",) and "min_seats 1" in v.message
    assert check_plan(SCENARIO, with_pairs(drop=[("C03", "T1")])).metrics["min_seats_unmet"] == 1


def test_r4_recruit_without_posting():
    (v,) = only(check_plan(SCENARIO, with_pairs(drop=[("C02", "P2")])), "R4")
    assert v.cadres == ("C02",) and "exactly one" in v.message


def test_r4_recruit_to_non_grassroots():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C02", "P5")], drop=[("C02", "P2")])), "R4")
    assert v.cadres == ("C02",) and v.openings == ("P5",)


def test_r4_no_record_short_service_to_non_grassroots():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C06", "P5")])), "R4")
    assert v.cadres == ("C06",) and v.openings == ("P5",) and "grassroots" in v.message
    # the same cadre to a grassroots unit is fine
    assert check_plan(SCENARIO, with_pairs(add=[("C06", "P3")])).ok


def test_r5_no_return():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C04", "P1")])), "R5")
    assert v.cadres == ("C04",) and v.openings == ("P1",) and "2024" in v.message
    # with no_return_years 2 the 2024 posting is too old to matter (2025, 2026 only)
    sc = SCENARIO.replace(rules=Rules(no_return_years=2))
    assert check_plan(sc, with_pairs(add=[("C04", "P1")])).violations == []


def test_r6_rotation_due():
    (v,) = only(check_plan(SCENARIO, with_pairs(drop=[("C01", "P1")])), "R6")
    assert v.cadres == ("C01",) and "7 years" in v.message


def test_r7_relatives_based_in_same_unit():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C03", "P3")])), "R7")
    assert v.cadres == ("C03", "C04") and v.openings == ("P3",) and "UA2" in v.message


def test_r7_relatives_on_same_temporary():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C04", "M1")])), "R7")
    assert v.cadres == ("C03", "C04") and v.openings == ("M1",)


def test_r7_task_in_home_region():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C05", "T3")])), "R7")
    assert v.cadres == ("C05",) and v.openings == ("T3",) and "home region" in v.message


def test_r7_task_in_region_of_current_unit():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C07", "T3")])), "R7")
    assert v.cadres == ("C07",) and v.openings == ("T3",) and "current unit" in v.message


def test_r8_overlap():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C03", "M2")])), "R8")
    assert v.cadres == ("C03",) and v.openings == ("T1", "M2") and "overlap" in v.message


def test_r8_too_many_months():
    sc = SCENARIO.replace(rules=Rules(max_away_months=5))
    (v,) = only(check_plan(sc, rows_of(VALID_PAIRS)), "R8")
    assert v.cadres == ("C03",) and v.openings == ("M1", "T1") and "6 months" in v.message


def test_r9_team_needs():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C06", "T1")], drop=[("C03", "T1")])), "R9")
    assert v.openings == ("T1",) and v.cadres == ("C06",) and "monitoring" in v.message


def test_r10_exempt_on_hard_temporary():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C04", "M4")])), "R10")
    assert v.cadres == ("C04",) and v.openings == ("M4",) and "hardship 2" in v.message
    # the opening's own hardship 0 overrides the unit's 2
    import dataclasses
    m4 = dataclasses.replace(SCENARIO.opening_by_id["M4"], hardship=0)
    sc = SCENARIO.replace(openings=tuple(m4 if o.opening_id == "M4" else o for o in OPENINGS))
    assert check_plan(sc, rows_of(VALID_PAIRS + [("C04", "M4")], sc)).violations == []


def test_r11_require_lock_missing():
    (v,) = only(check_plan(SCENARIO, with_pairs(drop=[("C03", "M1")])), "R11")
    assert v.cadres == ("C03",) and v.openings == ("M1",) and "require" in v.message


def test_r11_forbid_lock_present():
    (v,) = only(check_plan(SCENARIO, with_pairs(add=[("C07", "T1")])), "R11")
    assert v.cadres == ("C07",) and v.openings == ("T1",) and "forbid" in v.message


# --------------------------------------------------------------------------------------------
# FORMAT and metrics
# --------------------------------------------------------------------------------------------
def test_format_unknown_ids_mismatch_order_duplicate():
    rows = rows_of(VALID_PAIRS)
    bad = rows + [Assignment("C99", "P3", "posting", "UA2", 1, 12), Assignment("C07", "X9", "task", "UA2", 1, 2)]
    report = check_plan(SCENARIO, bad)
    assert report.rules() == {"FORMAT"}
    messages = " | ".join(str(v) for v in report.violations)
    assert "unknown cadre C99" in messages and "unknown opening X9" in messages

    wrong = [rows[0], Assignment("C02", "P2", "task", "UA1", 3, 12)] + rows[2:]
    (v,) = only(check_plan(SCENARIO, wrong), "FORMAT")
    assert v.cadres == ("C02",) and "kind task" in v.message and "unit UA1" in v.message and "months" in v.message

    (v,) = only(check_plan(SCENARIO, rows + [rows[-1]]), "FORMAT")
    assert "repeats row 5" in v.message

    (v,) = only(check_plan(SCENARIO, [rows[1], rows[0]] + rows[2:]), "FORMAT")
    assert "out of order" in v.message and v.cadres == ("C02", "C01")
    # within a cadre, by start_month: M1 (month 7) before T1 (month 3) is out of order
    (v,) = only(check_plan(SCENARIO, rows[:2] + [rows[3], rows[2]]), "FORMAT")
    assert v.cadres == ("C03",)


def test_metric_diff_wrong_gini_and_missing_metric():
    metrics = dict(HAND_METRICS, hardship_gini=0.5)
    del metrics["fit_total"]
    report = check_plan(SCENARIO, rows_of(VALID_PAIRS), summary_with(metrics))
    assert report.violations == [] and not report.ok
    diffs = {d.name: d for d in report.metric_diffs}
    assert set(diffs) == {"hardship_gini", "fit_total"}
    assert diffs["hardship_gini"].summary == 0.5
    assert diffs["hardship_gini"].recomputed == pytest.approx(650 / 1351)
    assert diffs["fit_total"].summary is None and diffs["fit_total"].recomputed == 210
    # within 1e-6 is agreement; an int metric off by one is not
    close = dict(HAND_METRICS, hardship_gini=650 / 1351 + 5e-7, seats_total=12)
    diffs = check_plan(SCENARIO, rows_of(VALID_PAIRS), summary_with(close)).metric_diffs
    assert [d.name for d in diffs] == ["seats_total"]


def test_summary_format_problems():
    summary = summary_with(HAND_METRICS, status="INFEASIBLE", scenario_sha256="abc")
    del summary["gap"]
    sc = SCENARIO.replace(sha256="def")
    report = check_plan(sc, rows_of(VALID_PAIRS), summary)
    assert report.rules() == {"FORMAT"} and len(report.violations) == 3
    text = " | ".join(v.message for v in report.violations)
    assert "lacks gap" in text and "INFEASIBLE" in text and "scenario_sha256" in text


# --------------------------------------------------------------------------------------------
# Plan files
# --------------------------------------------------------------------------------------------
def write_plan(plan_dir: Path, rows, summary):
    plan_dir.mkdir(parents=True, exist_ok=True)
    with open(plan_dir / "plan.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(PLAN_COLUMNS)
        for r in rows:
            w.writerow([r.cadre_id, r.opening_id, r.kind, r.unit_id, r.start_month, r.end_month,
                        ";".join(r.reasons)])
    (plan_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return plan_dir


def test_read_plan_round_trip(tmp_path):
    rows = [Assignment(r.cadre_id, r.opening_id, r.kind, r.unit_id, r.start_month, r.end_month,
                       ("R6", "preference:1")) if r.cadre_id == "C01" else r for r in rows_of(VALID_PAIRS)]
    write_plan(tmp_path / "plan", rows, summary_with(HAND_METRICS))
    read_rows, summary = read_plan(tmp_path / "plan")
    assert read_rows == rows and read_rows[0].reasons == ("R6", "preference:1")
    assert summary["metrics"]["fit_total"] == 210
    assert check_dir(SCENARIO, tmp_path / "plan").ok


def test_read_plan_reports_every_problem(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "plan.csv").write_text(
        ",".join(PLAN_COLUMNS) + "\n"
        "C01,P1,posting,UB1,1,12,R6\n"
        "C02,P2,posting,UC1,x,12,R4\n"
        "C03,T1,task,UB1,3,13,\n"
        "C03,M1,temporary\n"
        ",M1,temporary,UX,7,9,\n"
        "\n", encoding="utf-8")
    (d / "summary.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PlanFileError) as err:
        read_plan(d)
    problems = err.value.problems
    assert problems == [
        "plan.csv:3: start_month: 'x' is not a whole number",
        "plan.csv:4: end_month: 13 is outside 1-12",
        "plan.csv:5: expected 7 fields, got 3",
        "plan.csv:6: cadre_id: empty",
        "summary.json:1: not valid JSON (Expecting property name enclosed in double quotes)",
    ]
    report = check_dir(SCENARIO, d)
    assert report.rules() == {"FORMAT"} and len(report.violations) == 5 and not report.ok


def test_read_plan_header_and_missing_files(tmp_path):
    d = tmp_path / "p"
    d.mkdir()
    (d / "plan.csv").write_text("cadre_id,opening_id,kind\nC01,P1,posting\n", encoding="utf-8")
    with pytest.raises(PlanFileError) as err:
        read_plan(d)
    assert err.value.problems[0].startswith("plan.csv:1: header must be exactly cadre_id,opening_id,kind,unit_id")
    assert err.value.problems[1] == "summary.json: file is missing"
    with pytest.raises(PlanFileError) as err:
        read_plan(tmp_path / "nowhere")
    assert "not a directory" in err.value.problems[0]


# --------------------------------------------------------------------------------------------
# Independence and the CLI
# --------------------------------------------------------------------------------------------
def test_import_loads_no_solver():
    code = ("import planner.check, sys; "
            "assert 'ortools' not in sys.modules and 'pulp' not in sys.modules, "
            "sorted(m for m in sys.modules if m.startswith(('ortools', 'pulp')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # nor the model's rule code (a second reading must not share it)
    code = ("import planner.check, sys; "
            "bad = [m for m in ('planner.solve', 'planner.model.eligibility', 'planner.model.rules', "
            "'planner.model.terms', 'planner.model.metrics') if m in sys.modules]; assert not bad, bad")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# m_kin_same_unit by hand: spouses C1, C2 both at U6 (西江分局, R3). Posting C1 to GW02 (U5,
# 东山监测站, region R2, hardship 2) separates them. Points (window 2022-01..2026-12):
#   C101 U3 h0 -> 0; C102 U6 h1 from 2023-09: 40; C103 U1 h0 -> 0;
#   C1 U6 h1 from 2024-03: 34, + GW02 2 x 12 = 24 -> 58; C2 U6 h1 from 2025-06: 19
#   gini of [0,40,0,58,19]: unordered pair sum 312, 2*312 / (2 * 25 * 117/5) = 624/1170 = 8/15
#   no_grassroots_after: C103 (U1 is not grassroots, no history, 7 service years) -> 1
# Terms (scenario weights 10/5/3/2/2/1/1): h = C101 0, C102 40, C103 0, C1 34, C2 19 -> H 40,
#   tau = max(36, ceil(2 * 93 / 5) = 38) = 38
#   fairness: GW02 24 pts to C1 (h 34): 24 * 100/36 * 6/40 = 10 exactly; C1 has a record (U6);
#             room 38 - 34 = 4, 24 plan points -> excess 20 -> -200                    -> -190
#   exchange: C1 R3 -> R2, no history, so no move between them: a barrier, 50 + 50; + 100 + 100 -> 300
#   stability: C1 (2 years at U6) moves freely -> -100
#   objective = 10 * -190 + 2 * 300 + 1 * -100 = -1400
M_KIN_TERMS = {"fairness": -190, "shortage": 0, "development": 0, "preference": 0, "exchange": 300,
               "stability": -100, "fit": 0}
M_KIN_WEIGHTS = {"fairness": 10, "shortage": 5, "development": 3, "preference": 2, "exchange": 2,
                 "stability": 1, "fit": 1}
NO_TERMS = dict.fromkeys(M_KIN_TERMS, 0)
M_KIN_METRICS = {
    "assignments": 1, "postings": 1, "seats_filled": 1, "seats_total": 3, "min_seats_unmet": 0,
    "hardship_max": 58, "hardship_gini": 8 / 15, "no_grassroots_after": 1, "cross_region_postings": 1,
    "regions_sending": 1, "regions_receiving": 1, "preference_met": 0, "talent_pool_development": 0,
    "fit_total": 0,
}


@pytest.fixture
def m_kin():
    pytest.importorskip("planner.io")
    case = CASES / "m_kin_same_unit"
    if not case.is_dir():
        pytest.skip("shared/cases not available")
    return case


def test_cli_check_m_kin_same_unit_valid(m_kin, tmp_path):
    from planner.cli import main
    from planner.io import read_scenario
    sc = read_scenario(m_kin)
    rows = [Assignment("C1", "GW02", "posting", "U5", 1, 12, ("R7", "exchange"))]
    plan_dir = write_plan(tmp_path / "plan", rows, summary_with(M_KIN_METRICS, M_KIN_TERMS, M_KIN_WEIGHTS, -1400,
                                                                scenario_sha256=sc.sha256))
    result = CliRunner().invoke(main, ["check", str(m_kin), str(plan_dir), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "plan is valid: 1 assignment(s)" in result.output

    result = CliRunner().invoke(main, ["check", str(m_kin), str(plan_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ok"] is True and data["metrics"]["hardship_gini"] == pytest.approx(8 / 15)


def test_cli_check_m_kin_same_unit_violations(m_kin, tmp_path):
    from planner.cli import main
    # Nobody moves: the spouses stay together in U6 (R7), and the summary's gini is wrong.
    metrics = dict(M_KIN_METRICS, assignments=0, postings=0, seats_filled=0, hardship_max=40,
                   cross_region_postings=0, regions_sending=0, regions_receiving=0, hardship_gini=0.1)
    plan_dir = write_plan(tmp_path / "plan", [], summary_with(metrics, NO_TERMS, M_KIN_WEIGHTS, 0))
    result = CliRunner().invoke(main, ["check", str(m_kin), str(plan_dir), "--lang", "en"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "R7: C1, C2: related cadres (夫妻) both based in U6" in lines
    assert any(line.startswith("metric hardship_gini: summary.json says 0.1, recomputed 0.4") for line in lines)
    assert lines[-1] == "plan is NOT valid: 1 violation(s), 1 metric difference(s)"


def test_cli_check_unreadable_plan_exits_1(m_kin, tmp_path):
    from planner.cli import main
    result = CliRunner().invoke(main, ["check", str(m_kin), str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "FORMAT:" in result.output and "not a directory" in result.output


# --------------------------------------------------------------------------------------------
# Cross-checks against the model (the test may import it; planner.check itself never does)
# --------------------------------------------------------------------------------------------
ALL_PAIRS = [(c.cadre_id, o.opening_id) for c in CADRES for o in OPENINGS]


def test_metrics_agree_with_model_metrics_on_random_plans():
    """Two independent readings of SPEC 6 must give the same numbers on any plan, valid or not."""
    import random

    from planner.model.metrics import compute_metrics
    rng = random.Random(7)
    for _ in range(200):
        pairs = rng.sample(ALL_PAIRS, rng.randint(0, 12))
        rows = rows_of(pairs)
        ours = recompute_metrics(SCENARIO, rows)
        theirs = compute_metrics(SCENARIO, Plan(tuple(rows)))
        assert set(theirs) >= set(METRICS)
        for name in METRICS:
            assert ours[name] == pytest.approx(theirs[name], abs=1e-9), (name, pairs)


def test_solver_plans_pass_the_checker(solver):
    """Every plan the model returns for the tiny scenario passes the checker with the summary's
    metrics; forbidding lines of each plan in turn walks the model through different plans."""
    import random

    from planner.solve import solve
    rng = random.Random(11)
    sc, plans = SCENARIO, set()
    for _ in range(6):
        result = solve(sc, solver=solver, time_limit=10, seed=0, workers=1)
        if not result.has_plan:
            assert result.status == "INFEASIBLE", result.status
            break
        report = check_plan(sc, result.plan, result.summary())
        assert report.ok, [str(v) for v in report.violations] + [str(d) for d in report.metric_diffs]
        plans.add(frozenset(result.plan.pairs()))
        # forbid one unlocked line of this plan (the require lock C03-M1 stays)
        free = sorted(result.plan.pairs() - {("C03", "M1")})
        c, o = rng.choice(free)
        sc = sc.replace(locks=sc.locks + (Lock(c, o, "forbid"),))
    assert len(plans) >= 3
