"""The model of a scenario: candidates, every active rule, every term; and settling the terms' aux
variables for a given choice of pairs."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np

from models.scenario import Scenario
from planner.model.context import ModelContext
from planner.model.eligibility import CadreArrays, Eligibility
from planner.model.linear import LinearModel
from planner.model.rules import RULES
from planner.model.terms import TERM_FUNCTIONS

log = logging.getLogger(__name__)


@dataclass
class BuiltModel:
    model: LinearModel
    ctx: ModelContext
    seconds: float


def build_model(scenario: Scenario, baseline: set | None = None, pairs: tuple | None = None,
                arrays: CadreArrays | None = None) -> BuiltModel:
    """Candidates, every active rule, every term (weights are applied by the backend).

    With ``pairs`` = (cadre indices, opening indices), the model holds only those candidate pairs
    (every other pair is simply not chosen): the exact rules over a priced subset. ``arrays``
    are the scenario's ``CadreArrays`` when already computed.
    """
    t0 = time.perf_counter()
    ctx = ModelContext(scenario, Eligibility(scenario, arrays, pairs), frozenset(baseline or ()))
    m = LinearModel()
    # Pair variables come first and are named lazily (ctx.pair_name) to keep building fast.
    m.names = [""] * ctx.n_pairs
    m.ub = [1] * ctx.n_pairs
    m.n_pairs = ctx.n_pairs
    m.pair_cadre = ctx.pc
    for rule in RULES:
        rule(m, ctx)
    for term in TERM_FUNCTIONS.values():
        term(m, ctx)
    seconds = time.perf_counter() - t0
    log.info("model: %d variables (%d pairs), %d constraints, built in %.2fs",
             m.n_vars, ctx.n_pairs, len(m.constraints), seconds)
    return BuiltModel(m, ctx, seconds)


def settle_aux(m: LinearModel, values: np.ndarray) -> np.ndarray:
    """Set each term's auxiliary variable to the value its definition gives for the chosen pairs.

    A term's aux variable is defined by one constraint tagged ``term`` whose last variable is the
    aux with coefficient -1: ``sum - v >= 0`` (a reward: v = min(ub, sum)) or ``sum - v <= rhs``
    (a penalty: v = max(0, sum - rhs)). Doing this makes reported term values canonical, whatever
    a backend left in variables whose weight is 0.
    """
    v = values.copy()
    for c in m.constraints:
        if c.tag.rule != "term":
            continue
        aux = int(c.idx[-1])
        rest = int(np.dot(v[c.idx[:-1]], c.coef[:-1]))
        if c.hi == np.inf:       # rest - v >= lo
            v[aux] = min(m.ub[aux], max(0, rest - int(c.lo)))
        else:                    # rest - v <= hi
            v[aux] = min(m.ub[aux], max(0, rest - int(c.hi)))
    return v
