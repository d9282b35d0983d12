"""``planner check`` does not believe a lying summary or lying reasons (issue 11 point 5).

A real plan folder (the generated tiny scenario, seed 0, solved once per module) passes; then one
lie at a time - a faked objective, a faked term, faked weights with an objective to match, reasons
such as ``R6;lock;preference:1`` on every line, a wrong ``plan_sha256`` - must make ``planner check``
exit 1 with a violation coded SUMMARY or REASON. Each reason code is then checked against the facts
on a hand-built scenario (the valid and the invalid use of every code), and the what-if records of
``planner solve --lock/--forbid/--baseline`` are honoured.
"""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from scenario_builder import ScenarioBuilder

from models.plan import Assignment
from planner.check import PLAN_COLUMNS, check_dir, check_plan
from planner.cli import main


# --------------------------------------------------------------------------------------------
# A real plan folder, and tampering with it
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """(scenario folder, plan folder) of the generated tiny scenario (seed 0), solved by the CLI."""
    from planner.generate import generate_scenario
    from planner.io import write_scenario
    root = tmp_path_factory.mktemp("claims")
    scenario_dir = write_scenario(generate_scenario("tiny", 0), root / "scenario")
    plan_dir = root / "plan"
    done = CliRunner().invoke(main, ["solve", str(scenario_dir), "--out", str(plan_dir), "--workers", "1", "--quiet"])
    assert done.exit_code == 0, done.output
    return Path(scenario_dir), plan_dir


@pytest.fixture
def folder(solved, tmp_path):
    """A copy of the solved plan folder that a test may tamper with; returns (scenario dir, plan dir)."""
    scenario_dir, plan_dir = solved
    copy = tmp_path / "plan"
    shutil.copytree(plan_dir, copy)
    return scenario_dir, copy


def run_check(scenario_dir, plan_dir):
    """``planner check`` through the CLI: (exit code, printed lines)."""
    done = CliRunner().invoke(main, ["check", str(scenario_dir), str(plan_dir)])
    assert "Traceback" not in done.output
    return done.exit_code, done.output.splitlines()


def edit_summary(plan_dir, change):
    path = plan_dir / "summary.json"
    summary = json.loads(path.read_text(encoding="utf-8"))
    change(summary)
    path.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return summary


def edit_reasons(plan_dir, reasons: str):
    path = plan_dir / "plan.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        records = list(csv.reader(fh))
    for record in records[1:]:
        record[-1] = reasons
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(records)


def test_the_real_plan_passes(solved):
    code, lines = run_check(*solved)
    assert code == 0, lines
    report = check_dir(*solved)
    summary = json.loads((solved[1] / "summary.json").read_text(encoding="utf-8"))
    # The checker's own terms are the solver's, and Σ weight × term is the objective.
    assert report.terms == summary["terms"]
    assert sum(summary["weights"][t] * v for t, v in report.terms.items()) == summary["objective"] == 5809


def test_faked_objective_fails(folder):
    edit_summary(folder[1], lambda s: s.update(objective=s["objective"] + 1000))
    code, lines = run_check(*folder)
    assert code == 1
    assert any(line.startswith("SUMMARY: summary.json objective is 6809") for line in lines), lines


def test_faked_term_fails(folder):
    edit_summary(folder[1], lambda s: s["terms"].update(fit=s["terms"]["fit"] + 1))
    code, lines = run_check(*folder)
    assert code == 1
    assert "SUMMARY: summary.json terms.fit is 504, recomputed from the plan 503" in lines
    # the objective itself was left true, so nothing else is reported
    assert [line for line in lines if line.startswith("SUMMARY")] == [
        "SUMMARY: summary.json terms.fit is 504, recomputed from the plan 503"]


def test_faked_weights_with_a_matching_objective_fail(folder):
    # A consistent lie: fit weight 3, and the objective recomputed with it. The weights are not the
    # scenario's, and the objective is not Σ scenario weight × recomputed term.
    def lie(summary):
        summary["weights"]["fit"] = 3
        summary["objective"] = sum(summary["weights"][t] * v for t, v in summary["terms"].items())
    edit_summary(folder[1], lie)
    code, lines = run_check(*folder)
    assert code == 1
    assert "SUMMARY: summary.json weights.fit is 3, but the scenario's weight is 1" in lines
    assert any(line.startswith("SUMMARY: summary.json objective is 6815") for line in lines), lines


def test_faked_terms_and_objective_together_fail(folder):
    def lie(summary):
        summary["terms"] = dict.fromkeys(summary["terms"], 1000)
        summary["objective"] = sum(summary["weights"][t] * 1000 for t in summary["terms"])
    edit_summary(folder[1], lie)
    code, lines = run_check(*folder)
    assert code == 1
    assert sum(line.startswith("SUMMARY: summary.json terms.") for line in lines) == 7
    assert any(line.startswith("SUMMARY: summary.json objective") for line in lines)


def test_summary_with_a_term_missing_or_extra_fails(folder):
    def lie(summary):
        del summary["terms"]["exchange"]
        summary["terms"]["luck"] = 0
    edit_summary(folder[1], lie)
    code, lines = run_check(*folder)
    assert code == 1
    assert any(line.startswith("SUMMARY: summary.json terms lacks exchange") for line in lines)
    assert "SUMMARY: summary.json terms names 'luck', which is no term" in lines


def test_reasons_r6_lock_preference_on_every_line_fail(folder):
    edit_reasons(folder[1], "R6;lock;preference:1")
    code, lines = run_check(*folder)
    assert code == 1
    reason_lines = [line for line in lines if line.startswith("REASON:")]
    # 8 lines: one is the posting of a cadre due to rotate (C0010, OP001), one is under a require lock
    # (C0004, OP006), two are first wishes: 7 + 7 + 6 wrong codes.
    assert sum("R6 is for the posting of a cadre due to rotate" in line for line in reason_lines) == 7
    assert sum("lock is for a pair under a require lock" in line for line in reason_lines) == 7
    assert sum("preference:1 is for a wish of rank 1" in line for line in reason_lines) == 6


def test_unknown_and_repeated_reason_codes_fail(folder):
    edit_reasons(folder[1], "fit;fit;because")
    code, lines = run_check(*folder)
    assert code == 1
    assert any("unknown reason code 'because'" in line for line in lines)
    assert any(line.endswith("fit given twice (openings OP006)") for line in lines), lines


def test_plan_sha256_recorded_and_checked(folder):
    scenario_dir, plan_dir = folder
    true_hash = hashlib.sha256((plan_dir / "plan.csv").read_bytes()).hexdigest()
    edit_summary(plan_dir, lambda s: s.update(plan_sha256=true_hash))
    assert run_check(scenario_dir, plan_dir)[0] == 0
    edit_summary(plan_dir, lambda s: s.update(plan_sha256="0" * 64))
    code, lines = run_check(scenario_dir, plan_dir)
    assert code == 1
    assert any(line.startswith("SUMMARY: summary.json plan_sha256 is '000") and true_hash in line for line in lines)


def test_plan_sha256_catches_an_edited_plan(folder):
    # The summary records the hash of the plan it describes; a line edited afterwards (here only
    # its reasons, which every other check accepts) no longer matches.
    scenario_dir, plan_dir = folder
    true_hash = hashlib.sha256((plan_dir / "plan.csv").read_bytes()).hexdigest()
    edit_summary(plan_dir, lambda s: s.update(plan_sha256=true_hash))
    text = (plan_dir / "plan.csv").read_text(encoding="utf-8")
    (plan_dir / "plan.csv").write_text(text.replace("lock;preference:1;development;fit", "lock;fit"),
                                       encoding="utf-8")
    code, lines = run_check(scenario_dir, plan_dir)
    assert code == 1 and [line for line in lines if line.startswith("SUMMARY")][0].startswith(
        "SUMMARY: summary.json plan_sha256")


def test_json_output_carries_terms_and_notes(folder):
    done = CliRunner().invoke(main, ["check", str(folder[0]), str(folder[1]), "--json"])
    data = json.loads(done.output)
    assert done.exit_code == 0 and data["ok"] is True
    assert data["terms"]["fit"] == 503 and data["notes"] == []


# --------------------------------------------------------------------------------------------
# What-if runs: command-line locks and a baseline, as planner solve records them
# --------------------------------------------------------------------------------------------
def test_solve_with_cli_lock_and_forbid_passes_check(solved, tmp_path):
    scenario_dir, plan_dir = solved
    rows = list(csv.DictReader(open(plan_dir / "plan.csv", encoding="utf-8")))
    kept = next(r for r in rows if r["kind"] == "posting")
    out = tmp_path / "whatif"
    done = CliRunner().invoke(main, ["solve", str(scenario_dir), "--out", str(out), "--workers", "1", "--quiet",
                                     "--forbid", f"{kept['cadre_id']}={kept['opening_id']}"])
    assert done.exit_code == 0, done.output
    code, lines = run_check(scenario_dir, out)
    assert code == 0, lines
    # The forbid lock of the command line holds for the check too: put the line back and R11 fails.
    text = (out / "plan.csv").read_text(encoding="utf-8").splitlines()
    line = ",".join([kept[c] for c in PLAN_COLUMNS[:-1]] + [""])
    body = sorted(text[1:] + [line], key=lambda r: (r.split(",")[0], int(r.split(",")[4])))
    (out / "plan.csv").write_text("\n".join([text[0]] + body) + "\n", encoding="utf-8")
    code, lines = run_check(scenario_dir, out)
    assert code == 1 and any(line.startswith("R11:") and "command line" in line for line in lines), lines


def test_cli_require_lock_makes_lock_reason_true(tmp_path):
    # Fit alone sends C1 to P2; the command line requires P3. The line then says `lock`, true only
    # because summary.json records the command-line lock.
    from planner.io import write_scenario
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1").posting("P2", "U2").posting("P3", "U3")
    scenario_dir = write_scenario(b.fit("C1", "P2", 100).weights(fit=1).build(), tmp_path / "scenario")
    out = tmp_path / "locked"
    done = CliRunner().invoke(main, ["solve", str(scenario_dir), "--out", str(out), "--workers", "1", "--quiet",
                                     "--lock", "C1=P3"])
    assert done.exit_code == 0, done.output
    assert (out / "plan.csv").read_text(encoding="utf-8").splitlines()[1] == "C1,P3,posting,U3,1,12,lock"
    code, lines = run_check(scenario_dir, out)
    assert code == 0, lines
    # Without the record of the command-line lock the same reason is a lie.
    edit_summary(out, lambda s: s["parameters"].pop("cli_locks"))
    code, lines = run_check(scenario_dir, out)
    assert code == 1
    assert "REASON: C1: plan.csv row 2: lock is for a pair under a require lock; C1's posting P3 is under none " \
           "(openings P3)" in lines


def test_baseline_without_its_lines_skips_stability_with_a_note(solved, tmp_path):
    scenario_dir, plan_dir = solved
    out = tmp_path / "rebased"
    done = CliRunner().invoke(main, ["solve", str(scenario_dir), "--out", str(out), "--workers", "1", "--quiet",
                                     "--baseline", str(plan_dir)])
    assert done.exit_code == 0, done.output
    assert check_dir(scenario_dir, out).ok                     # solve records the lines: all recomputed
    edit_summary(out, lambda s: s["parameters"].pop("baseline_pairs"))   # as an older run wrote it
    report = check_dir(scenario_dir, out)
    assert report.ok, [str(v) for v in report.violations]
    assert report.notes and "stability term is not recomputed" in report.notes[0]
    # A faked stability term is then not caught by the term comparison, but the objective still
    # rests on the other six terms recomputed and is checked.
    edit_summary(out, lambda s: s["terms"].update(fit=0))
    assert "SUMMARY" in check_dir(scenario_dir, out).rules()


def test_baseline_lines_recorded_make_stability_recomputed(solved, tmp_path):
    # parameters.baseline_pairs (as a solve may record them): stability = -100 per posting of a cadre
    # no rule moves, -100 per line in one of plan and baseline only.
    from planner.io import read_scenario
    scenario_dir, plan_dir = solved
    sc = read_scenario(scenario_dir)
    summary = json.loads((plan_dir / "summary.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(open(plan_dir / "plan.csv", encoding="utf-8")))
    plan = [Assignment(r["cadre_id"], r["opening_id"], r["kind"], r["unit_id"], int(r["start_month"]),
                       int(r["end_month"]), tuple(x for x in r["reasons"].split(";") if x)) for r in rows]
    plain = summary["terms"]["stability"]
    baseline = [[a.cadre_id, a.opening_id] for a in plan[1:]] + [["C0001", "OP999"]]   # one line dropped, one added
    lying = dict(summary, parameters=dict(summary["parameters"], baseline_pairs=baseline, baseline_lines=len(baseline)))
    report = check_plan(sc, plan, lying)
    assert report.terms["stability"] == plain - 200
    assert any("terms.stability" in str(v) for v in report.violations)
    truthful = dict(lying, terms=dict(summary["terms"], stability=plain - 200),
                    objective=summary["objective"] - 200 * summary["weights"]["stability"])
    assert check_plan(sc, plan, truthful).ok
    broken = dict(truthful, parameters=dict(truthful["parameters"], baseline_pairs="everything"))
    assert any("baseline_pairs" in str(v) for v in check_plan(sc, plan, broken).violations)


# --------------------------------------------------------------------------------------------
# Each reason code against the facts, valid and invalid use side by side
# --------------------------------------------------------------------------------------------
def reasons_scenario():
    """Plan year 2027. RA: U1 (everyone's unit), U2 (key shortage), U3; RB: G1 (grassroots, hardship 2), UB."""
    b = ScenarioBuilder().unit("U1").unit("U2", key_shortage=True).unit("U3")
    b.unit("G1", region="RB", grassroots=True, hardship=2).unit("UB", region="RB")
    b.recruit("N1")
    b.cadre("D1", since="2022-01")                    # exactly 5 years at U1: due (R6)
    b.cadre("E1", since="2022-02")                    # 4 years: not due
    b.cadre("K1").cadre("K2").relation("K1", "K2")    # K2 stays in U1 when K1 leaves
    b.cadre("K3", unit="U3").cadre("K4", unit="U3").relation("K3", "K4")   # both leave U3
    b.cadre("TP", talent_pool=True, certs=["monitoring"])
    b.cadre("X1")
    b.posting("PG", "G1", seats=9).posting("P2", "U2", seats=9, development=3).posting("P3", "U3", seats=9)
    b.task("KB", "UB", 3, 4, seats=3, min_seats=2, team_needs=[("monitoring", 1)])
    b.temporary("TT", "U2", 5, 6, seats=2, development=4)
    b.task("KS", "U2", 7, 8)
    b.require("X1", "P3").preference("E1", "P2", 2).fit("E1", "P2", 30).fit("X1", "P3", 0).fit("D1", "PG", -5)
    # every term is on: a term at weight 0 names no line
    return b.weights(fairness=1, shortage=1, development=1, preference=1, exchange=1, stability=1, fit=1).build()


REASON_LINES = [
    # (cadre, opening, codes the facts bear out, codes they do not)
    ("N1", "PG", ["R4"], ["exchange", "R6"]),
    ("D1", "PG", ["R6", "exchange", "fairness"], ["R4", "fit"]),
    ("E1", "P2", ["preference:2", "shortage", "fit"], ["R6", "preference:1", "development", "R7"]),
    ("K1", "P3", ["R7"], ["exchange", "shortage"]),
    ("K3", "P2", [], ["R7"]),
    ("K4", "PG", ["exchange"], ["R7"]),
    ("TP", "KB", ["R3", "R9"], ["development", "exchange", "shortage", "fairness"]),
    ("X1", "KB", ["R3"], ["R9"]),
    ("X1", "P3", ["lock"], ["fit", "preference:3"]),
    ("TP", "TT", ["shortage", "development"], ["lock", "R3"]),
    ("X1", "KS", [], ["shortage", "preference", "stability", "R2"]),
]


def test_each_reason_code_against_the_facts():
    sc = reasons_scenario()
    rows = []
    for cadre_id, opening_id, good, bad in REASON_LINES:
        o = sc.opening_by_id[opening_id]
        rows.append(Assignment(cadre_id, opening_id, o.kind, o.unit_id, o.start_month, o.end_month,
                               tuple(good + bad)))
    rows.sort(key=Assignment.sort_key)
    flagged = {(v.cadres[0], v.openings[0], v.message) for v in check_plan(sc, rows).violations
               if v.rule == "REASON"}
    for cadre_id, opening_id, good, bad in REASON_LINES:
        messages = [m for c, o, m in flagged if (c, o) == (cadre_id, opening_id)]
        for code in bad:
            assert any(f"{code} is for" in m or f"'{code}'" in m for m in messages), (cadre_id, opening_id, code,
                                                                                      messages)
        for code in good:
            assert not any(m.split(": ", 1)[1].startswith(f"{code} is for") for m in messages), (
                cadre_id, opening_id, code, messages)
        assert len(messages) == len(bad), (cadre_id, opening_id, messages)


def fairness_scenario():
    """LO, NR, ZR at U1 (hardship 0, no grassroots record, 0 points); HI at GH (grassroots, hardship 3,
    3 years: 108 points), TOP there for 5 years (180 points, H). Cohort mean 288/5 = 57.6: LO, NR, ZR
    are below it, HI above (yet a task still earns HI a reward: 6 * 100/36 * (180 - 108)/180 = 6.7)."""
    b = ScenarioBuilder().unit("U1").unit("U2").unit("G0", grassroots=True)
    b.unit("GH", region="RB", grassroots=True, hardship=3).unit("UB", region="RB", hardship=2)
    b.cadre("LO").cadre("NR").cadre("ZR").cadre("HI", unit="GH").cadre("TOP", unit="GH", since="2022-01")
    b.task("KH", "UB", 3, 5, seats=2).posting("PZ", "U2").posting("PG0", "G0")
    return b.weights(fairness=1, shortage=1, development=1, preference=1, exchange=1, stability=1, fit=1).build()


@pytest.mark.parametrize("cadre_id, opening_id, ok", [
    ("LO", "KH", True),      # 6 points to a cadre below the mean: rewarded
    ("HI", "KH", False),     # the same 6 points, rewarded, to one above the mean (a task gives no record)
    ("TOP", "KH", False),    # to the most burdened: no reward at all
    ("NR", "PG0", True),     # no points, but a grassroots record gained past first_stop_years
    ("ZR", "PZ", False),     # no points, no record: nothing fair about it
])
def test_fairness_reason(cadre_id, opening_id, ok):
    sc = fairness_scenario()
    o = sc.opening_by_id[opening_id]
    row = Assignment(cadre_id, opening_id, o.kind, o.unit_id, o.start_month, o.end_month, ("fairness",))
    reasons = [v for v in check_plan(sc, [row]).violations if v.rule == "REASON"]
    assert (not reasons) == ok, [str(v) for v in reasons]


def test_r6_reason_at_exactly_max_tenure_years():
    # The reason's edge is the rule's: 5 whole years at the unit is due, 4 years and 11 months is not.
    b = ScenarioBuilder().unit("U1").unit("U2").cadre("D1", since="2022-01").cadre("E1", since="2022-02")
    sc = b.posting("P2", "U2", seats=2).build()
    rows = [Assignment(c, "P2", "posting", "U2", 1, 12, ("R6",)) for c in ("D1", "E1")]
    assert [v.cadres for v in check_plan(sc, rows).violations] == [("E1",)]


def test_declined_lines_are_barred_and_lift_their_require_lock():
    # planner decline records parameters.declined: the line is barred from the re-plan, and a
    # require lock on it no longer holds (the cadre declined what the committee had decided).
    from planner.check import recompute_terms
    b = ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1").posting("P2", "U2").posting("P3", "U3")
    sc = b.require("C1", "P2").build()

    def report(pairs, declined):
        # a truthful summary of a re-plan against the baseline {C1-P2}
        plan = [Assignment("C1", o, "posting", sc.opening_by_id[o].unit_id, 1, 12) for _, o in pairs]
        terms = recompute_terms(sc, plan, frozenset({("C1", "P2")}))
        summary = {"status": "OPTIMAL", "objective": sum(sc.weights.as_dict()[t] * v for t, v in terms.items()),
                   "best_bound": 0, "gap": 0.0, "build_seconds": 0, "solve_seconds": 0, "solver": "cpsat",
                   "seed": 0, "scenario_sha256": "", "weights": sc.weights.as_dict(), "terms": terms,
                   "metrics": check_plan(sc, plan).metrics,
                   "parameters": {"baseline_lines": 1, "baseline_pairs": [["C1", "P2"]], "declined": declined}}
        return check_plan(sc, plan, summary)

    assert report([("C1", "P3")], [["C1", "P2"]]).ok                            # declined, moved elsewhere
    assert report([("C1", "P3")], []).rules() == {"R11"}                         # without the record: R11
    assert report([("C1", "P2")], [["C1", "P2"]]).rules() == {"R11"}             # a declined line kept
    assert "SUMMARY" in report([("C1", "P3")], "C1/P2").rules()                  # an unreadable record
