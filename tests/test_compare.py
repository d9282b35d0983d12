"""Issue 6: `planner compare` on hand-made plans whose differences are known by construction."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from models.plan import Assignment as A
from models.plan import Plan
from planner.cli import main
from planner.io.plan_files import json_text, plan_csv_text
from planner.whatif.compare import compare, compare_plans, format_csv, format_table

# Plan A and plan B, written so that every kind of difference occurs once or twice:
#   C1: posting O1 -> posting O2            changed (same cadre, same kind, other opening)
#   C2: task K1 in both                     unchanged (reasons differ: reasons never make a change)
#   C3: temporary T1 only in A              removed
#   C5: task K1 only in B                   added
#   C6: two tasks in A (K1 3-4, K2 6-7), one in B (K3 9-10): K1 pairs with K3 (start order) = changed,
#       K2 is left over = removed
#   C7: posting P9 in both, but P9 runs 1-12 in A and the unit differs in B (an edited opening) = changed
PLAN_A = Plan((
    A("C1", "O1", "posting", "U2", 1, 12, ("R6",)),
    A("C2", "K1", "task", "U4", 3, 4, ("fit",)),
    A("C3", "T1", "temporary", "U5", 2, 7, ()),
    A("C6", "K1", "task", "U4", 3, 4, ()),
    A("C6", "K2", "task", "U4", 6, 7, ()),
    A("C7", "P9", "posting", "U8", 1, 12, ()),
))
PLAN_B = Plan((
    A("C1", "O2", "posting", "U3", 1, 12, ("R6", "exchange")),
    A("C2", "K1", "task", "U4", 3, 4, ("fairness",)),
    A("C5", "K1", "task", "U4", 3, 4, ()),
    A("C6", "K3", "task", "U6", 9, 10, ()),
    A("C7", "P9", "posting", "U9", 1, 12, ()),
))
METRICS_A = {"assignments": 6, "postings": 2, "hardship_gini": 0.25, "fit_total": 100, "preference_met": 3}
METRICS_B = {"assignments": 5, "postings": 2, "hardship_gini": 0.2, "fit_total": 130, "preference_met": 3}


def _summary(metrics, objective):
    return {"status": "OPTIMAL", "objective": objective, "best_bound": objective, "gap": 0.0,
            "build_seconds": 0.0, "solve_seconds": 0.0, "solver": "cpsat", "seed": 0, "scenario_sha256": "",
            "weights": {}, "terms": {"fairness": 10, "fit": 100}, "metrics": metrics}


@pytest.fixture
def plan_dirs(tmp_path):
    dirs = []
    for name, plan, metrics, obj in (("a", PLAN_A, METRICS_A, 1000.0), ("b", PLAN_B, METRICS_B, 1040.0)):
        d = tmp_path / name
        d.mkdir()
        (d / "plan.csv").write_text(plan_csv_text(plan), encoding="utf-8")
        s = _summary(metrics, obj)
        if name == "b":
            s["terms"] = {"fairness": 7, "fit": 130}
        (d / "summary.json").write_text(json_text(s), encoding="utf-8")
        dirs.append(d)
    return dirs


def test_line_changes_are_the_known_ones():
    changes, unchanged = compare_plans(PLAN_A.assignments, PLAN_B.assignments)
    got = [(c.cadre_id, c.change, c.a.opening_id if c.a else None, c.b.opening_id if c.b else None)
           for c in changes]
    assert got == [
        ("C1", "changed", "O1", "O2"),
        ("C3", "removed", "T1", None),
        ("C5", "added", None, "K1"),
        ("C6", "changed", "K1", "K3"),
        ("C6", "removed", "K2", None),
        ("C7", "changed", "P9", "P9"),
    ]
    assert unchanged == 1          # only C2's task: its reasons differ, which is no change


def test_identical_plans_have_no_changes():
    cmp = compare(PLAN_A, PLAN_A)
    assert cmp.identical and cmp.unchanged == len(PLAN_A)
    assert cmp.counts() == {"added": 0, "removed": 0, "changed": 0, "unchanged": 6, "cadres_affected": 0}


def test_metrics_side_by_side_from_folders(plan_dirs):
    cmp = compare(*plan_dirs)
    assert cmp.counts() == {"added": 1, "removed": 2, "changed": 3, "unchanged": 1, "cadres_affected": 5}
    assert cmp.cadres_affected == ["C1", "C3", "C5", "C6", "C7"]
    assert cmp.metric("assignments") == (6, 5, -1)
    assert cmp.metric("fit_total") == (100, 130, 30)
    assert cmp.metric("preference_met") == (3, 3, 0)
    va, vb, d = cmp.metric("hardship_gini")
    assert (va, vb) == (0.25, 0.2) and d == pytest.approx(-0.05)
    # SPEC 6 order, whatever order the summary holds them in
    assert [m[0] for m in cmp.metrics] == ["assignments", "postings", "hardship_gini", "preference_met", "fit_total"]
    assert dict((n, d) for n, _, _, d in cmp.terms) == {"fairness": -3, "fit": 30}
    assert cmp.as_dict()["objective"] == {"a": 1000.0, "b": 1040.0, "difference": 40.0}


def test_cli_json(plan_dirs):
    res = CliRunner().invoke(main, ["compare", str(plan_dirs[0]), str(plan_dirs[1]), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["counts"]["changed"] == 3 and doc["counts"]["added"] == 1 and doc["counts"]["removed"] == 2
    c1 = next(line for line in doc["lines"] if line["cadre_id"] == "C1")
    assert c1["a"]["opening_id"] == "O1" and c1["b"]["opening_id"] == "O2" and c1["b"]["unit_id"] == "U3"
    fit = next(m for m in doc["metrics"] if m["name"] == "fit_total")
    assert fit == {"name": "fit_total", "a": 100, "b": 130, "difference": 30}


def test_cli_csv_is_one_tidy_table(plan_dirs):
    res = CliRunner().invoke(main, ["compare", str(plan_dirs[0]), str(plan_dirs[1]), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    lines = [r for r in rows if r["section"] == "line"]
    assert len(lines) == 6
    assert {(r["cadre_id"], r["change"]) for r in lines} >= {("C3", "removed"), ("C5", "added")}
    c7 = next(r for r in lines if r["cadre_id"] == "C7")
    assert (c7["unit_a"], c7["unit_b"], c7["months_a"]) == ("U8", "U9", "1-12")
    metric = {r["name"]: r for r in rows if r["section"] == "metric"}
    assert metric["assignments"]["difference"] == "-1"
    assert [r["difference"] for r in rows if r["section"] == "objective"] == ["40.0"]
    assert format_csv(compare(*plan_dirs)) == res.output


def test_cli_table(plan_dirs):
    res = CliRunner().invoke(main, ["compare", str(plan_dirs[0]), str(plan_dirs[1]), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "1 added, 2 removed, 3 changed, 1 unchanged; 5 cadre(s) affected" in res.output
    c1 = next(x for x in res.output.splitlines() if x.split()[:2] == ["changed", "C1"])
    assert " ".join(c1.split()) == "changed C1 posting O1 @U2 (1-12) -> posting O2 @U3 (1-12)"
    assert res.output == format_table(compare(*plan_dirs, label_a=str(plan_dirs[0]), label_b=str(plan_dirs[1])))
    line = next(x for x in res.output.splitlines() if x.startswith("fit_total"))
    assert line.split() == ["fit_total", "100", "130", "+30"]


def test_cli_unreadable_plan_exits_2(plan_dirs, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    res = CliRunner().invoke(main, ["compare", str(plan_dirs[0]), str(empty)])
    assert res.exit_code == 2
    assert "plan.csv: file is missing" in res.output


def test_plan_without_metrics_gets_them_from_the_scenario():
    from planner.generate import generate_scenario
    from planner.model.metrics import compute_metrics
    sc = generate_scenario("tiny", 0)
    o = next(o for o in sc.openings if o.kind == "task")
    c = sc.cadres[0]
    plan = Plan((A(c.cadre_id, o.opening_id, o.kind, o.unit_id, o.start_month, o.end_month),))
    cmp = compare(Plan(()), plan, scenario=sc)
    assert [ch.change for ch in cmp.lines] == ["added"]
    assert cmp.metric("assignments") == (0, 1, 1)
    assert cmp.metric("hardship_max")[1] == compute_metrics(sc, plan)["hardship_max"]
