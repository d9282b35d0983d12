"""Issue 12 point 4: a term appears in a line's reasons only when its weight is above 0 and the
line adds to it. On a municipal plan solved with preference, shortage and development at 0, no
line says ``preference:k``, ``shortage`` or ``development``; every term code left is true of its
line and its weight is above 0."""
from __future__ import annotations

import pytest
from explain_helpers import planned

from models import TERMS
from planner.check import check_plan
from planner.edits import with_weights
from planner.explain import reason_words, verify_reasons
from planner.explain.objective import ObjectiveView
from planner.solve import solve


@pytest.fixture(scope="module")
def municipal0():
    """The optimal municipal plan of seed 0 (``explain_helpers.planned``)."""
    return planned(0)


@pytest.fixture(scope="module")
def zero_weights(municipal0):
    sc = with_weights(municipal0[0], preference=0, shortage=0, development=0)
    res = solve(sc, time_limit=30, workers=2, seed=0)
    assert res.status == "OPTIMAL"
    report = check_plan(sc, res.plan.assignments, res.summary())
    assert report.ok, report.violations
    return sc, res


def test_terms_switched_off_are_never_reasons(zero_weights, municipal0):
    sc, res = zero_weights
    codes = [code for a in res.plan.assignments for code in a.reasons]
    assert not [c for c in codes if c.split(":")[0] in ("preference", "shortage", "development")]
    assert verify_reasons(sc, res.plan) == []
    # The same scenario with every weight on does name them (the test is not vacuous).
    on = [code.split(":")[0] for a in municipal0[1].plan.assignments for code in a.reasons]
    assert {"preference", "shortage", "development"} <= set(on)


def test_every_term_reason_adds_to_its_line(zero_weights):
    sc, res = zero_weights
    view = ObjectiveView(sc)
    weights = sc.weights.as_dict()
    for a in res.plan.assignments:
        p = view.pair(a.cadre_id, a.opening_id)
        for code in a.reasons:
            term = code.split(":")[0]
            if term not in TERMS:
                continue
            assert weights[term] > 0, (a, code)
            # The line's own coefficient, or (fairness) the grassroots record it gives.
            assert view.term_coef[term][p] > 0 or term == "fairness", (a, code)


def test_verify_reasons_rejects_a_term_whose_weight_is_zero(municipal0):
    sc, res, _, _ = municipal0
    off = with_weights(sc, fit=0)
    wrong = verify_reasons(off, res.plan)
    assert wrong and all("reason fit" in w for w in wrong)
    line = next(a for a in res.plan.assignments if "fit" in a.reasons)
    assert "《" in reason_words(sc, res.plan, line.cadre_id, line.opening_id, "fit")
