"""``planner ledger``: the shared case t_ledger_by_hand exactly, the files of --out, the words, and
a plan made for other data refused."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from planner.check import check_dir
from planner.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "demo"
# shared/ sits beside the repository (CI, /work/main) or two levels up (a helper's worktree).
CASE = next((p / "cases" / "t_ledger_by_hand" for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
             if (p / "cases" / "t_ledger_by_hand" / "expect.json").is_file()), None)


def _run(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res


@pytest.fixture(scope="module")
def case_plan(tmp_path_factory):
    if CASE is None:
        pytest.skip("shared/cases/t_ledger_by_hand not found beside the repository")
    out = tmp_path_factory.mktemp("case") / "plan"
    res = _run("solve", CASE, "--out", out, "--workers", "1")
    assert res.exit_code == 0, res.output
    assert check_dir(CASE, out).ok
    return out


@pytest.mark.parametrize("key, with_plan, years", [("with_plan_5_years", True, 5), ("with_plan_8_years", True, 8),
                                                    ("without_plan_5_years", False, 5)])
def test_case_by_hand_exactly(case_plan, key, with_plan, years):
    expect = json.loads((CASE / "expect.json").read_text(encoding="utf-8"))["ledger"][key]
    args = ["ledger", CASE] + ([case_plan] if with_plan else []) + ["--years", years, "--json"]
    res = _run(*args)
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == expect


def test_out_writes_json_graphml_and_pictures(case_plan, tmp_path):
    out = tmp_path / "ledger"
    res = _run("ledger", CASE, case_plan, "--out", out, "--json")
    assert res.exit_code == 0, res.output
    printed = json.loads(res.stdout.splitlines()[0])
    assert json.loads((out / "ledger.json").read_text(encoding="utf-8")) == printed
    g = nx.read_graphml(out / "ledger.graphml", force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {"R1", "R2", "R3"}
    # One edge per year and kind, with its count: R3->R1 moved in 2024 and in 2027 (two edges).
    edges = sorted((u, v, d["kind"], d["year"], d["count"]) for u, v, d in g.edges(data=True))
    assert edges == sorted([("R1", "R2", "move", 2023, 1), ("R3", "R1", "move", 2024, 1),
                            ("R3", "R1", "move", 2027, 1), ("R2", "R1", "secondment", 2023, 1),
                            ("R3", "R2", "secondment", 2023, 1), ("R1", "R3", "secondment", 2027, 1)])
    assert g.graph["barriers"] == "R2-R3"
    for name in ("ledger_heatmap.png", "ledger_years.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_words_in_chinese_and_english(case_plan):
    zh = _run("ledger", CASE, case_plan).output
    assert "2023—2027 年地域交流台账（含 2027 年度方案）" in zh
    assert "交流壁垒（5 年内双向均无交流任职的地区）：西区—北区" in zh
    assert "2027 年交流任职：北区→东区 1" in zh
    # R3 (北区) only sent (R3->R1 twice), R2 (西区) only received (R1->R2 in 2023).
    assert "只调出的地区：北区" in zh and "只调入的地区：西区" in zh
    en = _run("ledger", CASE, "--lang", "en").output
    assert "exchange ledger 2022-2026 (the past, no plan)" in en
    assert "Barriers (no move either way in 5 years): 西区 - 北区" in en


def test_a_plan_for_other_data_is_refused(case_plan, tmp_path):
    other = tmp_path / "case"
    shutil.copytree(CASE, other)
    with open(other / "regions.csv", "a", encoding="utf-8") as fh:
        fh.write("R4,南区,0\n")
    res = _run("ledger", other, case_plan, "--json")
    assert res.exit_code == 2
    assert "other data" in res.output


def test_a_plan_folder_alone_brings_its_scenario(case_plan):
    alone = _run("ledger", case_plan, "--json")
    assert alone.exit_code == 0, alone.output
    assert json.loads(alone.output) == json.loads(_run("ledger", CASE, case_plan, "--json").output)
    assert _run("ledger", case_plan.parent).exit_code == 2      # neither a scenario nor a plan folder


def test_demo_plan_year_moves_are_its_cross_region_postings(tmp_path):
    # A solved plan: the ledger's moves of the plan year against the checker's own metric.
    out = tmp_path / "demo"
    assert _run("solve", DEMO, "--out", out, "--workers", "1").exit_code == 0
    report = check_dir(DEMO, out)
    assert report.ok
    res = _run("ledger", DEMO, out, "--years", "1", "--json")
    book = json.loads(res.output)
    assert book["years"] == [2027]
    assert sum(m["count"] for m in book["moves"]) == report.metrics["cross_region_postings"]
    sending = {m["from"] for m in book["moves"]}
    receiving = {m["to"] for m in book["moves"]}
    assert (len(sending), len(receiving)) == (report.metrics["regions_sending"], report.metrics["regions_receiving"])
