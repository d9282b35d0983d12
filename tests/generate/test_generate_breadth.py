"""``--breadth broad`` (issue 14): broad openings keep the people, the witness and the numbers of
the narrow scenario, only relax R2, let about a third of all pairs through the eligibility
filters, and still solve to a plan the checker accepts."""
from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner
from witness_rules import check_with_planner_check, r2_ok, witness_violations

from planner.check import check_plan
from planner.cli import main
from planner.generate import generate_scenario, generate_with_witness
from planner.io import read_scenario
from planner.model.eligibility import Eligibility, cadre_arrays
from planner.solve import solve


def eligible_fraction(sc) -> tuple:
    """(candidate pairs, their share of all cadre x opening pairs), by planner.model.eligibility."""
    pairs = len(Eligibility(sc))
    return pairs, pairs / (len(sc.cadres) * len(sc.openings))


def count_pairs_in_blocks(sc) -> int:
    """Candidate pairs counted one opening at a time, never holding them all (national size)."""
    elig = Eligibility(dataclasses.replace(sc, openings=()), arrays=cadre_arrays(sc))
    return sum(int(elig.candidates(o).size) for o in sc.openings)


def test_unknown_breadth_is_an_error():
    with pytest.raises(ValueError, match="unknown breadth"):
        generate_scenario("tiny", 0, breadth="wide")


def test_narrow_is_the_default():
    assert generate_scenario("tiny", 2) == generate_scenario("tiny", 2, breadth="narrow")


def test_broad_is_the_narrow_scenario_with_wider_openings():
    narrow, narrow_witness = generate_with_witness("municipal", 3)
    broad, broad_witness = generate_with_witness("municipal", 3, breadth="broad")
    assert broad == generate_scenario("municipal", 3, breadth="broad")
    assert broad_witness == narrow_witness
    for table in ("regions", "units", "cadres", "history", "relations"):
        assert getattr(broad, table) == getattr(narrow, table), table
    keep = ("opening_id", "kind", "unit_id", "start_month", "end_month", "seats", "min_seats", "team_needs",
            "hardship", "development")
    widened = 0
    for o_narrow, o_broad in zip(narrow.openings, broad.openings, strict=True):
        assert [getattr(o_broad, k) for k in keep] == [getattr(o_narrow, k) for k in keep]
        admitted = {c.cadre_id for c in narrow.cadres if r2_ok(narrow, c, o_narrow)}
        admitted_broad = {c.cadre_id for c in broad.cadres if r2_ok(broad, c, o_broad)}
        assert admitted <= admitted_broad, o_broad.opening_id
        widened += len(admitted_broad) > len(admitted)
    assert widened >= 0.9 * len(broad.openings)


@pytest.mark.parametrize("size,seed", [("tiny", s) for s in range(4)] + [("municipal", s) for s in range(3)])
def test_broad_witness_obeys_every_rule(size, seed):
    sc, witness = generate_with_witness(size, seed, breadth="broad")
    assert witness_violations(sc, witness) == []
    check_with_planner_check(sc, witness)


@pytest.mark.parametrize("seed", [0, 1])
def test_broad_municipal_makes_a_third_of_the_pairs_eligible(seed):
    broad_pairs, broad_share = eligible_fraction(generate_scenario("municipal", seed, breadth="broad"))
    narrow_pairs, narrow_share = eligible_fraction(generate_scenario("municipal", seed))
    assert 0.25 <= broad_share <= 0.45, broad_share
    assert narrow_share < 0.15 and broad_pairs > 3 * narrow_pairs


@pytest.mark.parametrize("size,seed", [("tiny", 0), ("tiny", 1), ("municipal", 0)])
def test_broad_scenarios_solve_and_the_plan_checks(size, seed):
    sc = generate_scenario(size, seed, breadth="broad")
    result = solve(sc, seed=0, workers=1, time_limit=60)
    assert result.status in ("OPTIMAL", "FEASIBLE")
    report = check_plan(sc, result.plan, result.summary())
    assert report.ok, [str(v) for v in report.violations[:5]]
    assert len(result.plan.assignments) > 0


def test_cli_generate_breadth(tmp_path):
    out = tmp_path / "broad"
    run = CliRunner().invoke(main, ["generate", "--size", "tiny", "--seed", "1", "--breadth", "broad",
                                    "--out", str(out)])
    assert run.exit_code == 0, run.output
    back = read_scenario(out)
    assert dataclasses.replace(back, sha256="") == generate_scenario("tiny", 1, breadth="broad")
    bad = CliRunner().invoke(main, ["generate", "--breadth", "wide", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and not (tmp_path / "x").exists()


@pytest.mark.slow
def test_broad_province_has_about_1_3_million_pairs():
    sc = generate_scenario("province", 0, breadth="broad")
    pairs, share = eligible_fraction(sc)
    assert 1_150_000 <= pairs <= 1_600_000 and 0.25 <= share <= 0.36, (pairs, share)
    assert count_pairs_in_blocks(sc) == pairs


@pytest.mark.slow
def test_broad_national_has_about_120_million_pairs():
    sc = generate_scenario("national", 0, breadth="broad")
    pairs = count_pairs_in_blocks(sc)
    assert 100_000_000 <= pairs <= 140_000_000, pairs
