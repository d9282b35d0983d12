"""Sweeps that cannot or should not run say so at once (issues 11 and 15): an unreachable Dask
scheduler within 10 s, a cluster without workers, a grid too large without --force, --out in the
scenario folder; and --executor dask without --scheduler starts a local cluster."""
from __future__ import annotations

import csv
import time

import pytest
from click.testing import CliRunner
from scenario_builder import ScenarioBuilder

from planner.check import check_dir
from planner.cli import main
from planner.errors import SweepError
from planner.io import write_scenario
from planner.whatif.sweep import run_sweep

distributed = pytest.importorskip("distributed")


@pytest.fixture()
def scen(tmp_path):
    sc = (ScenarioBuilder().unit("U1").unit("U2").unit("U3").cadre("C1", since="2019-01")
          .posting("P2", "U2").posting("P3", "U3").build())
    return sc, write_scenario(sc, tmp_path / "scen")


def test_unreachable_scheduler_answers_within_10_seconds(scen):
    sc, _ = scen
    t0 = time.perf_counter()
    with pytest.raises(SweepError, match="cannot reach the Dask scheduler"):
        run_sweep(sc, ["weights.fit=0,1"], executor="dask", scheduler="tcp://127.0.0.1:9")
    assert time.perf_counter() - t0 < 10


def test_cluster_without_workers_says_so(scen):
    sc, _ = scen
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        t0 = time.perf_counter()
        with pytest.raises(SweepError, match="no workers"):
            run_sweep(sc, ["weights.fit=0,1"], executor="dask", scheduler=cluster.scheduler_address)
        assert time.perf_counter() - t0 < 15


def test_cli_unreachable_scheduler_exit_2_no_traceback(scen, tmp_path):
    _, folder = scen
    r = CliRunner().invoke(main, ["sweep", str(folder), "--out", str(tmp_path / "o"), "--set", "weights.fit=0,1",
                                  "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", "--quiet"])
    assert r.exit_code == 2 and "cannot reach the Dask scheduler" in r.output
    assert "Traceback" not in r.output
    assert not (tmp_path / "o").exists()


def test_dask_without_scheduler_starts_a_local_cluster(scen, tmp_path):
    _, folder = scen
    out = tmp_path / "o"
    r = CliRunner().invoke(main, ["sweep", str(folder), "--out", str(out), "--set", "weights.fit=0,1",
                                  "--executor", "dask", "--jobs", "1", "--time-limit", "5", "--workers", "1",
                                  "--quiet"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(open(out / "sweep.csv", encoding="utf-8")))
    assert [row["status"] for row in rows] == ["OPTIMAL", "OPTIMAL"]
    for row in rows:
        assert check_dir(scen[0].replace(weights=scen[0].weights.__class__(**{
            **scen[0].weights.as_dict(), "fit": int(row["weights.fit"])})), out / row["plan_dir"]).ok


def test_huge_grid_needs_force(scen, tmp_path):
    _, folder = scen
    values = ",".join(str(v) for v in range(100))
    t0 = time.perf_counter()
    r = CliRunner().invoke(main, ["sweep", str(folder), "--out", str(tmp_path / "o"),
                                  "--set", f"weights.fit={values}", "--set", f"weights.fairness={values}",
                                  "--set", f"weights.exchange={values}"])
    assert r.exit_code == 2 and "1,000,000 variants" in r.output and "--force" in r.output
    assert time.perf_counter() - t0 < 5
    assert not (tmp_path / "o").exists()


def test_out_inside_the_scenario_is_refused(scen):
    _, folder = scen
    r = CliRunner().invoke(main, ["sweep", str(folder), "--out", str(folder / "sweeps"), "--set", "weights.fit=0,1"])
    assert r.exit_code == 5 and "scenario folder" in r.output
    assert not (folder / "sweeps").exists()
