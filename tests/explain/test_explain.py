"""``planner explain`` on a generated municipal plan: every claim is checked against the scenario
(``models.facts``) and against the independent checker (``planner.check``): a blocked opening or
a rule said to hold a pair through the plan must make the checker object when the pair is added;
an alternative held by no rule must not. (The figures themselves: test_alternatives.py.)
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from explain_helpers import planned
from scenario_builder import ScenarioBuilder, solve_checked

from models import Assignment, Plan, facts
from planner.check import check_plan
from planner.explain import explain_cadre, explain_opening, reason_words, render_opening, verify_reasons
from planner.explain.objective import ObjectiveView
from planner.solve.reasons import pair_term_coefficients, required_codes


@pytest.fixture(scope="module")
def municipal0():
    """The optimal municipal plan of seed 0 (``explain_helpers.planned``)."""
    return planned(0)


@pytest.fixture(scope="module")
def municipal1():
    """The same for seed 1."""
    return planned(1)


@pytest.fixture(scope="module")
def five(municipal0):
    """A new recruit, a rotation-due cadre, a kin-pair member, a talent-pool member, an unmoved cadre."""
    sc, res, _, _ = municipal0
    lines = res.plan.by_cadre()
    recruit = next(c.cadre_id for c in sc.cadres if c.is_recruit and c.cadre_id in lines)
    due = next(c.cadre_id for c in sc.cadres if facts.rotation_due(sc, c) and not c.is_recruit)
    kin = next(r.cadre_a for r in sc.relations)
    pool = next((c.cadre_id for c in sc.cadres if c.talent_pool and c.cadre_id in lines),
                next(c.cadre_id for c in sc.cadres if c.talent_pool))
    unmoved = next(c.cadre_id for c in sc.cadres if c.cadre_id not in lines and not c.is_recruit)
    ids = [recruit, due, kin, pool, unmoved]
    assert len(set(ids)) == 5, ids
    return ids


@pytest.fixture(scope="module")
def explained(municipal0, five):
    """Bounds only (no re-solves): the claims about rules are what these tests check."""
    sc, res, _, _ = municipal0
    return {cid: explain_cadre(sc, res.plan, cid, max_resolves=0, best_bound=res.best_bound) for cid in five}


def _with(plan: Plan, cid: str, oid: str, sc) -> list:
    o = sc.opening_by_id[oid]
    return list(Plan(plan.assignments + (Assignment(cid, oid, o.kind, o.unit_id, o.start_month, o.end_month),))
                .assignments)


def _codes_for(sc, rows, cid) -> set:
    return {v.rule for v in check_plan(sc, rows).violations if cid in v.cadres}


def test_facts_agree_with_models_facts(municipal0, five, explained):
    sc, res, _, _ = municipal0
    plan = res.plan
    for cid in five:
        f = explained[cid]["cadre"]
        c = sc.cadre_by_id[cid]
        mine = [a.opening_id for a in plan.assignments if a.cadre_id == cid]
        assert f["service_years"] == facts.service_years(c, sc.plan_year)
        assert f["years_at_unit"] == facts.years_at_unit(c, sc.plan_year)
        assert f["age"] == facts.age(c, sc.plan_year)
        assert f["grassroots_record"] == facts.grassroots_record(sc, c)
        assert f["grassroots_record_after"] == facts.grassroots_record_after(sc, c, mine)
        assert f["points_before"] == facts.historical_points(sc, c)
        assert f["points_after"] == facts.historical_points(sc, c) + facts.plan_points(sc, mine)
        assert f["rotation_due"] == facts.rotation_due(sc, c)
        assert f["exempt"] == c.exempt and f["recruit"] == c.is_recruit and f["talent_pool"] == c.talent_pool
        assert f["no_return_units"] == sorted(facts.no_return_units(sc, c))
        assert {r["cadre_id"] for r in f["relations"]} == {o for o, _ in sc.partners.get(cid, ())}
        for r in f["relations"]:
            moved = [a.unit_id for a in plan.assignments if a.cadre_id == r["cadre_id"] and a.kind == "posting"]
            assert r["based_after"] == (moved[0] if moved else sc.cadre_by_id[r["cadre_id"]].unit_id)
        # The path adds up to the points after the plan (SPEC 3.2).
        assert sum(row["counted_points"] for row in f["path"]) == f["points_after"]
    recruit, due, kin, pool, unmoved = five
    assert explained[recruit]["cadre"]["recruit"] and explained[due]["cadre"]["rotation_due"]
    assert explained[kin]["cadre"]["relations"] and explained[pool]["cadre"]["talent_pool"]
    assert explained[unmoved]["lines"] == []


def test_lines_and_reasons(municipal0, five, explained):
    sc, res, _, _ = municipal0
    plan = res.plan
    assert verify_reasons(sc, plan) == []          # every reason code of the plan is true of its line
    view = ObjectiveView(sc)
    for cid in five:
        lines = explained[cid]["lines"]
        assert [(x["opening_id"], tuple(x["reasons"])) for x in lines] == \
            [(a.opening_id, a.reasons) for a in plan.assignments if a.cadre_id == cid]
        for x in lines:
            assert len(x["reasons_text"]) == len(x["reasons"]) and all(x["reasons_text"])
            assert all("《" in t for t in x["reasons_text"])
            p = view.pair(cid, x["opening_id"])
            assert x["terms"] == {t: int(c[p]) for t, c in pair_term_coefficients(view.model).items() if c[p]}
    recruit, due = five[0], five[1]
    assert any("R4" in x["reasons"] for x in explained[recruit]["lines"])
    if any(a.kind == "posting" for a in plan.assignments if a.cadre_id == due):
        assert any("R6" in x["reasons"] for x in explained[due]["lines"])


def test_blocked_openings_are_rejected_by_the_checker(municipal0, five, explained):
    """A hard rule said to rule an opening out: adding the pair makes the checker name that rule."""
    sc, res, _, _ = municipal0
    n = 0
    for cid in five:
        # A sample: every third opening a filter rules out (each costs a run of the checker).
        for alt in [a for a in explained[cid]["alternatives"] if a["status"] == "blocked"
                    and a["method"] == "filter"][::3]:
            rows = _with(res.plan, cid, alt["opening_id"], sc)
            claimed = {r["code"] for r in alt["rules"]}
            if claimed == {"R9"}:
                # R9 with R3: the team either misses the need (R9) or runs over its seats (R3).
                found = {v.rule for v in check_plan(sc, rows).violations if alt["opening_id"] in v.openings}
                assert found & {"R9", "R3"}, (cid, alt["opening_id"], found)
                continue
            found = _codes_for(sc, rows, cid)
            assert claimed <= found, (cid, alt["opening_id"], claimed, found)
            assert all(r["text"].startswith(r["code"]) and "《" in r["text"] for r in alt["rules"])
            n += 1
    assert n > 10


def test_rules_held_by_the_plan_are_real_and_free_pairs_are_free(municipal0, five, explained):
    """Rules said to hold a pair through the rest of the plan (R1, R3, R7, R8, R9) are what the
    checker reports when the pair is added; a pair held by none can be added without a violation."""
    sc, res, _, _ = municipal0
    seen = set()
    for cid in five:
        for alt in explained[cid]["alternatives"]:
            if alt["status"] == "blocked" and alt["method"] == "filter":
                continue
            report = check_plan(sc, _with(res.plan, cid, alt["opening_id"], sc))
            claimed = {r["code"] for r in alt.get("rules", [])}
            found = {v.rule for v in report.violations if cid in v.cadres or alt["opening_id"] in v.openings}
            if not claimed:
                assert not report.violations, (cid, alt["opening_id"], report.violations)
            else:
                assert claimed <= found, (cid, alt["opening_id"], claimed, found)
                seen |= claimed
    assert "R3" in seen or "R1" in seen


def test_explain_opening_lists_who_took_it_and_who_is_kept_off(municipal0):
    sc, res, _, _ = municipal0
    by_opening = res.plan.by_opening()
    oid = max(sorted(by_opening), key=lambda o: len(by_opening[o]))
    d = explain_opening(sc, res.plan, oid, max_resolves=0)
    assert {t["cadre_id"] for t in d["lines"]} == {a.cadre_id for a in by_opening[oid]}
    for group in d["ineligible"]:
        assert "《" in group["text"]
        for cid in group["examples"][:3]:
            assert group["code"] in _codes_for(sc, _with(res.plan, cid, oid, sc), cid)
    text = render_opening(d, "en", sc)
    assert oid in text and "Who took it" in text


def test_cli_finds_the_scenario_and_refuses_other_data(municipal0, municipal1):
    """SPEC 6: the scenario is the one summary.json records unless given; another one is refused."""
    from planner.cli import main
    _, res, sc_dir, plan_dir = municipal0
    cid = res.plan.assignments[0].cadre_id
    runner = CliRunner()
    one = runner.invoke(main, ["explain", str(plan_dir), "--cadre", cid, "--max-resolves", "0"])
    two = runner.invoke(main, ["explain", str(sc_dir), str(plan_dir), "--cadre", cid, "--max-resolves", "0"])
    assert one.exit_code == 0 and one.output == two.output and cid in one.output
    other = runner.invoke(main, ["explain", str(municipal1[2]), str(plan_dir), "--cadre", cid])
    assert other.exit_code == 2 and "refused" in other.output


def test_cli_unknown_ids_and_missing_choice(municipal0):
    from planner.cli import main
    _, _, sc_dir, plan_dir = municipal0
    runner = CliRunner()
    r = runner.invoke(main, ["explain", str(sc_dir), str(plan_dir), "--cadre", "NOPE"])
    assert r.exit_code == 1 and "NOPE" in r.output
    r = runner.invoke(main, ["explain", str(sc_dir), str(plan_dir)])
    assert r.exit_code == 2


def test_required_codes_helper():
    """R3 / R9 codes a line owes to min_seats or a team need (appended by solve's reasons)."""
    b = ScenarioBuilder().unit("U1").unit("U2").unit("K1", region="RB")
    b.cadre("C1", certs=["enforcement"]).cadre("C2")
    b.task("K", "K1", 3, 4, seats=2, min_seats=1, team_needs=[("enforcement", 1)])
    b.fit("C1", "K", 50).fit("C2", "K", 40)
    sc = b.weights(fit=1).build()
    res = solve_checked(sc)
    assert res.status == "OPTIMAL"
    codes = required_codes(sc, res.plan)
    # Both take the task (fit); C1 is the one enforcement holder of the team: R9. Two holders
    # above min_seats 1: no R3.
    assert sorted(res.plan.pairs()) == [("C1", "K"), ("C2", "K")]
    assert codes == {("C1", "K"): ("R9",)}
    assert next(a for a in res.plan.assignments if a.cadre_id == "C1").reasons == ("R9", "fit")
    assert reason_words(sc, res.plan, "C1", "K", "R9", "zh").startswith("R9")
    assert verify_reasons(sc, res.plan) == []
