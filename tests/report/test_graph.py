"""Tests of the exchange graph (planner/report/exchange_graph.py, exchange_drawing.py) and ``planner graph``.

The metrics are checked on a hand-built plan whose answers are worked out in the comments, then
against planner.check's SPEC 6 figures, on an empty plan, through GraphML, and through the CLI
on a solved plan.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from PIL import Image

from models import Cadre, Opening, Region, Scenario, Unit, month_index
from models.plan import Assignment, Plan
from planner.check import recompute_metrics
from planner.cli import main
from planner.report.exchange_graph import (
    exchange_graph,
    graph_metrics,
    graphml_bytes,
    regions_by_category,
    summary_lines,
)
from planner.report.graph_files import write_graph

REPO = Path(__file__).resolve().parents[2]
CASES = Path("/work/shared/cases")
if not CASES.is_dir():                      # CI keeps a copy of shared/ beside the clone
    CASES = REPO.parent / "shared" / "cases"

m = month_index

# Five regions with one unit each, plus a second unit in A (for a move within region A).
REGIONS = tuple(Region(r, f"{r}区", r == "E") for r in "ABCDE")
UNITS = tuple(Unit(f"U{r}", f"{r}区分局", r, "branch", True, 1) for r in "ABCDE") + (
    Unit("UA2", "A区监测站", "A", "station", True, 1),)


def _cadre(cid, unit):
    return Cadre(cid, f"干部{cid}", "M", m("1994-01"), m("2018-07"), "本科", "law", "staff", "admin",
                 unit, m("2022-01") if unit else None, "Z", "competent")


CADRES = (_cadre("c1", "UA"), _cadre("c2", "UB"), _cadre("c3", "UB"), _cadre("c4", "UC"),
          _cadre("c5", "UD"), _cadre("c6", "UA"), _cadre("c7", None), _cadre("c8", "UA"))
OPENINGS = tuple(Opening(f"P{u.unit_id}", f"{u.name} 岗位", "posting", u.unit_id, 1, 12, 9) for u in UNITS) + (
    Opening("TE", "E区挂职", "temporary", "UE", 3, 5, 2),)
SC = Scenario("交流图测试", 2027, REGIONS, UNITS, CADRES, OPENINGS)


def _plan(pairs):
    return Plan(tuple(Assignment(c, o, SC.opening_by_id[o].kind, SC.opening_by_id[o].unit_id,
                                 SC.opening_by_id[o].start_month, SC.opening_by_id[o].end_month) for c, o in pairs))


# c1 A->B and c2 B->A: a two-way link. c3 B->C and c4 C->A close the cycle A->B->C->A.
# c5 D->A: D only sends. c6 A->A (UA to UA2): within region, not an edge. c7 is a new recruit
# posted to E: recruits are left out of the exchange figures, so E stays isolated. c8's
# temporary assignment in E is not a posting: not counted either.
PLAN = _plan([("c1", "PUB"), ("c2", "PUA"), ("c3", "PUC"), ("c4", "PUA"), ("c5", "PUA"), ("c6", "PUA2"),
              ("c7", "PUE"), ("c8", "TE")])


def test_metrics_of_a_hand_built_plan():
    g = exchange_graph(SC, PLAN)
    assert set(g.nodes) == set("ABCDE")
    assert {(u, v): d["weight"] for u, v, d in g.edges(data=True)} == {
        ("A", "B"): 1, ("B", "A"): 1, ("B", "C"): 1, ("C", "A"): 1, ("D", "A"): 1}
    mt = graph_metrics(g)
    assert mt["regions"] == 5
    assert mt["regions_sending"] == 4            # A, B, C, D
    assert mt["regions_receiving"] == 3          # A, B, C
    assert mt["regions_both"] == 3               # A, B, C
    assert mt["regions_send_only"] == 1          # D
    assert mt["regions_receive_only"] == 0
    assert mt["regions_isolated"] == 1           # E: only a recruit and a temporary assignment went there
    assert mt["edges"] == 5
    assert mt["reciprocity"] == pytest.approx(2 / 5)          # A->B and B->A of five edges
    assert mt["weighted_reciprocity"] == pytest.approx(2 / 5)  # one matched posting each way, of five
    assert mt["cross_region_postings"] == 5
    assert mt["postings"] == 6                   # c1..c6 (c7 is a recruit, c8 not a posting)
    assert mt["cross_region_share"] == pytest.approx(5 / 6)
    assert mt["largest_scc"] == 3                # {A, B, C}
    cats = regions_by_category(g)
    assert cats == {"both": ["A", "B", "C"], "send_only": ["D"], "receive_only": [], "isolated": ["E"]}
    assert g.edges["A", "B"]["cadres"] == "c1"


def test_graph_agrees_with_the_checkers_spec6_figures():
    g = exchange_graph(SC, PLAN)
    mt = graph_metrics(g)
    spec = recompute_metrics(SC, PLAN.assignments)
    assert mt["cross_region_postings"] == spec["cross_region_postings"]
    assert mt["regions_sending"] == spec["regions_sending"]
    assert mt["regions_receiving"] == spec["regions_receiving"]


def test_weights_add_up_and_reciprocity_counts_postings():
    # Three postings A->B against one B->A: every edge has its reverse (reciprocity 1), but only
    # one posting each way is matched (2 of 4).
    sc = SC.replace(cadres=SC.cadres + (_cadre("c9", "UA"), _cadre("c10", "UA")))
    g = exchange_graph(sc, Plan(tuple(
        Assignment(c, "PUB", "posting", "UB", 1, 12) for c in ("c1", "c9", "c10")) + (
        Assignment("c2", "PUA", "posting", "UA", 1, 12),)))
    mt = graph_metrics(g)
    assert g["A"]["B"]["weight"] == 3 and g["B"]["A"]["weight"] == 1
    assert mt["reciprocity"] == 1.0
    assert mt["weighted_reciprocity"] == pytest.approx(0.5)
    assert mt["largest_scc"] == 2


def test_empty_plan():
    g = exchange_graph(SC, Plan(()))
    mt = graph_metrics(g)
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 0
    assert mt["regions_isolated"] == 5 and mt["regions_sending"] == 0
    assert mt["reciprocity"] == 0.0 and mt["cross_region_share"] == 0.0
    assert mt["largest_scc"] == 1
    lines = summary_lines(g, mt)
    assert lines[0].startswith("regions: 5; sending 0")
    assert any(line.startswith("isolated: ") for line in lines)


def test_graphml_round_trip_and_png(tmp_path):
    g, mt, paths = write_graph(SC, PLAN, tmp_path / "out" / "exchange")
    graphml, png = paths
    assert graphml.name == "exchange.graphml" and png.name == "exchange.png"
    back = nx.read_graphml(graphml)
    assert back.is_directed()
    assert {(u, v): int(d["weight"]) for u, v, d in back.edges(data=True)} == {
        (u, v): d["weight"] for u, v, d in g.edges(data=True)}
    assert back.nodes["A"]["name"] == "A区"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(png) as img:
        assert img.width >= 1600                          # drawn for print
    assert graphml_bytes(g) == graphml.read_bytes()      # deterministic
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["exchange.graphml", "exchange.png"]


@pytest.mark.skipif(not (CASES / "b_valid_utf8_bom").is_dir(), reason="shared cases not available")
def test_cli_graph_on_a_solved_plan(tmp_path):
    case = CASES / "b_valid_utf8_bom"
    runner = CliRunner()
    res = runner.invoke(main, ["solve", str(case), "--out", str(tmp_path / "p"), "--quiet", "--workers", "1"])
    assert res.exit_code == 0, res.output
    summary = json.loads((tmp_path / "p" / "summary.json").read_text(encoding="utf-8"))
    res = runner.invoke(main, ["graph", str(tmp_path / "p"), "--scenario", str(case), "--json"])
    assert res.exit_code == 0, res.output
    mt = json.loads(res.stdout)
    for key in ("cross_region_postings", "regions_sending", "regions_receiving"):
        assert mt[key] == summary["metrics"][key]
    assert (tmp_path / "p" / "exchange.graphml").is_file() and (tmp_path / "p" / "exchange.png").is_file()
    res = runner.invoke(main, ["graph", str(tmp_path / "p"), "--scenario", str(case), "--out", str(tmp_path / "g")])
    assert res.exit_code == 0
    assert f"cross-region postings: {summary['metrics']['cross_region_postings']} of" in res.output
    assert (tmp_path / "g.graphml").is_file()
    res = runner.invoke(main, ["graph", str(tmp_path / "p")])
    assert res.exit_code == 0, res.output      # the plan folder knows its scenario (SPEC 6)
