"""The objective as seen pair by pair: the built model of a scenario, what each candidate pair
adds to each term (``planner.solve.reasons.pair_term_coefficients``), and the terms and the
weighted objective of any set of pairs."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from models.plan import Assignment, Plan
from models.scenario import TERMS, Scenario
from planner.model.build import BuiltModel, build_model, settle_aux
from planner.solve.reasons import pair_term_coefficients


def load_plan(plan) -> tuple:
    """``(Plan, summary or None)`` from a ``Plan``, a list of assignments, or a plan folder
    (read with ``planner.check.read_plan``; raises its ``PlanFileError``)."""
    if isinstance(plan, Plan):
        return plan, None
    if isinstance(plan, (str, Path)):
        from planner.check import read_plan
        rows, summary = read_plan(plan)
        return Plan(tuple(rows)), summary
    return Plan(tuple(plan)), None


def plan_of_pairs(scenario: Scenario, pairs) -> Plan:
    """A plan of (cadre_id, opening_id) pairs, each row filled from its opening (no reasons)."""
    rows = []
    for cadre_id, opening_id in pairs:
        o = scenario.opening_by_id[opening_id]
        rows.append(Assignment(cadre_id, opening_id, o.kind, o.unit_id, o.start_month, o.end_month))
    return Plan(tuple(rows))


class ObjectiveView:
    """The built model of a scenario with per-pair term coefficients, built once per explanation.

    Parameters
    ----------
    scenario : the scenario (no baseline: explanations compare plans of the scenario as it is).
    built : a model already built for it, to save building it again.
    """

    def __init__(self, scenario: Scenario, built: BuiltModel | None = None):
        self.scenario = scenario
        self.built = built or build_model(scenario)
        self.ctx = self.built.ctx
        self.model = self.built.model
        self.weights = scenario.weights.as_dict()
        self.term_coef = pair_term_coefficients(self.model)
        # The weighted objective coefficient of each pair by itself (auxiliaries left out).
        self.objective_coef = sum(self.weights[t] * self.term_coef[t] for t in TERMS)

    def pair(self, cadre_id: str, opening_id: str) -> int | None:
        """The variable of the pair, or None when it is not a candidate."""
        return self.ctx.pair_index(cadre_id, opening_id)

    def values(self, pairs) -> np.ndarray:
        """Every model variable for a set of pairs: the pairs at 1, auxiliaries settled."""
        v = np.zeros(self.model.n_vars, dtype=np.int64)
        for cadre_id, opening_id in pairs:
            p = self.pair(cadre_id, opening_id)
            if p is not None:
                v[p] = 1
        return settle_aux(self.model, v)

    def terms_of(self, pairs) -> dict:
        """Each term's value for a set of pairs."""
        v = self.values(pairs)
        return {t: int(self.model.term_value(t, v)) for t in TERMS}

    def objective_of_terms(self, terms: dict) -> int:
        """The weighted objective of term values."""
        return int(sum(self.weights[t] * int(terms[t]) for t in TERMS))

    def objective_of(self, pairs) -> int:
        """The weighted objective of a set of pairs (what ``solve`` reports as ``objective``)."""
        return self.objective_of_terms(self.terms_of(pairs))

    def pair_terms(self, p: int) -> dict:
        """What one line adds to each term that counts (weight above 0) by its own coefficient."""
        return {t: int(self.term_coef[t][p]) for t in TERMS if self.weights[t] > 0 and self.term_coef[t][p]}
