"""Issue 6: sweeps. The variants of a sweep equal separate solves of the edited scenarios, whether
they run in this process, in worker processes, or on a (local) Dask cluster."""
import csv
import json

import pytest
from click.testing import CliRunner

from planner.check import check_dir
from planner.cli import main
from planner.edits import EditError, with_seats, with_value, with_weights
from planner.generate import generate_scenario
from planner.io import write_scenario
from planner.solve import solve
from planner.whatif.sweep import Axis, make_variants, parse_set, run_sweep

OPTS = {"time_limit": 5, "seed": 0, "workers": 1}


@pytest.fixture(scope="module")
def sc():
    return generate_scenario("tiny", 0)


@pytest.fixture(scope="module")
def axes(sc):
    # The posting opening with the most seats: cutting it to 1 seat changes who goes where.
    post = max((o for o in sc.openings if o.kind == "posting"), key=lambda o: (o.seats, o.opening_id))
    return ["weights.fairness=0,10", f"openings.{post.opening_id}.seats=1,{post.seats}"], post


def _separately(sc, settings):
    edited = sc
    for path, value in settings:
        edited = with_value(edited, path, value)
    return solve(edited, **OPTS)


def _assert_equal(result, expected):
    assert result.status == expected.status
    assert result.plan.pairs() == expected.plan.pairs()
    assert result.objective == expected.objective
    assert result.metrics == expected.metrics
    assert result.terms == expected.terms


def test_parse_set():
    assert parse_set("weights.fairness=0,5,10") == Axis("weights.fairness", ("0", "5", "10"))
    assert parse_set(" openings.O12.ranks = staff;section,section ") == Axis("openings.O12.ranks",
                                                                              ("staff;section", "section"))
    for bad in ("weights.fairness", "=1,2", "weights.fairness=", "weights.fairness=1,1"):
        with pytest.raises(EditError):
            parse_set(bad)


def test_grid_order_names_and_edits(sc, axes):
    texts, post = axes
    variants = make_variants(sc, texts)
    assert [v.settings for v in variants] == [
        (("weights.fairness", "0"), (f"openings.{post.opening_id}.seats", "1")),
        (("weights.fairness", "0"), (f"openings.{post.opening_id}.seats", str(post.seats))),
        (("weights.fairness", "10"), (f"openings.{post.opening_id}.seats", "1")),
        (("weights.fairness", "10"), (f"openings.{post.opening_id}.seats", str(post.seats))),
    ]
    assert variants[0].name == f"001_fairness=0_openings.{post.opening_id}.seats=1"
    v = variants[2].scenario
    assert v.weights.fairness == 10 and v.opening_by_id[post.opening_id].seats == 1
    assert v == with_seats(with_weights(sc, fairness=10), post.opening_id, 1)
    assert sc.opening_by_id[post.opening_id].seats == post.seats     # the base is untouched
    with pytest.raises(EditError, match="no opening"):
        make_variants(sc, ["openings.NOPE.seats=1"])
    with pytest.raises(EditError, match="not an integer"):
        make_variants(sc, ["weights.fairness=a"])


def test_sweep_in_processes_equals_separate_solves(sc, axes, tmp_path):
    texts, _ = axes
    done = []
    out = run_sweep(sc, texts, out_dir=tmp_path / "sw", jobs=2, on_done=lambda row, n, total: done.append((n, total)),
                    **OPTS)
    assert sorted(done) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [r["variant"] for r in out.rows] == [v.name for v in out.variants]
    for v in out.variants:
        expected = _separately(sc, v.settings)
        _assert_equal(out.results[v.name], expected)
        # The plan kept on disk is that plan, and it checks against the edited scenario.
        report = check_dir(v.scenario, tmp_path / "sw" / v.name)
        assert report.ok, [str(x) for x in report.violations]
    # The grid does move the plans: fairness 0 vs 10 differ in their fairness figures.
    objectives = {r["variant"]: r["objective"] for r in out.rows}
    assert len(set(objectives.values())) > 1
    with open(tmp_path / "sw" / "sweep.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["variant"] for r in rows] == [v.name for v in out.variants]
    assert {"weights.fairness", "status", "hardship_gini", "postings", "term_fairness", "plan_dir"} <= set(rows[0])
    assert [float(r["objective"]) for r in rows] == [r["objective"] for r in out.rows]
    meta = json.loads((tmp_path / "sw" / "sweep.json").read_text(encoding="utf-8"))
    assert meta["axes"][0] == {"path": "weights.fairness", "values": ["0", "10"]}


def test_sweep_on_a_local_dask_cluster_equals_the_process_sweep(sc, axes, tmp_path):
    distributed = pytest.importorskip("distributed")
    texts, _ = axes
    local = run_sweep(sc, texts, jobs=1, **OPTS)
    scen = write_scenario(sc, tmp_path / "scen")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        remote = run_sweep(sc, texts, executor="dask", scheduler=cluster.scheduler_address, **OPTS)
        args = ["sweep", str(scen), "--out", str(tmp_path / "out"), "--executor", "dask", "--scheduler",
                cluster.scheduler_address, "--time-limit", "5", "--seed", "0", "--workers", "1", "--quiet"]
        res = CliRunner().invoke(main, args + [x for t in texts for x in ("--set", t)])
    assert res.exit_code == 0, res.output
    with open(tmp_path / "out" / "sweep.csv", encoding="utf-8") as fh:
        cli_rows = list(csv.DictReader(fh))
    assert [float(r["objective"]) for r in cli_rows] == [r["objective"] for r in local.rows]
    assert [r["variant"] for r in remote.rows] == [r["variant"] for r in local.rows]
    for name, res in remote.results.items():
        _assert_equal(res, local.results[name])


def test_cli_sweep(sc, axes, tmp_path):
    texts, post = axes
    scen = write_scenario(sc, tmp_path / "scen")
    args = ["sweep", str(scen), "--out", str(tmp_path / "out"), "--jobs", "1", "--time-limit", "5",
            "--workers", "1", "--quiet"]
    for t in texts:
        args += ["--set", t]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "4 of 4 variant(s) have a plan" in res.output
    printed = [line.split()[0] for line in res.output.splitlines() if line[:3].isdigit()]
    assert printed == [v.name for v in make_variants(sc, texts)]
    for name in printed:
        assert (tmp_path / "out" / name / "plan.csv").is_file()
        assert json.loads((tmp_path / "out" / name / "summary.json").read_text())["status"] in ("OPTIMAL", "FEASIBLE")


def test_cli_sweep_rejects_bad_axes(sc, tmp_path):
    scen = write_scenario(sc, tmp_path / "scen")
    res = CliRunner().invoke(main, ["sweep", str(scen), "--out", str(tmp_path / "o"), "--set", "rules.nope=1"])
    assert res.exit_code == 2 and "no field 'nope'" in res.output
    assert not (tmp_path / "o").exists()
