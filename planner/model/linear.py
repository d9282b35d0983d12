"""A small solver-neutral linear model: integer variables, ranged linear constraints, and the
objective as separate terms.

Rules and terms write into this; each backend (CP-SAT, PuLP/HiGHS, PuLP/CBC) translates it.
Every constraint carries a ``Tag`` (rule code, cadres, openings) so that an infeasible model can
be explained in the SPEC's words, and variable 0..n_pairs-1 are the candidate pairs x[c,o].
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Tag:
    """What a constraint stands for: a rule code and the cadres/openings it is about."""
    rule: str
    cadres: tuple = ()
    openings: tuple = ()
    text: str = ""


@dataclass
class Constraint:
    idx: np.ndarray
    coef: np.ndarray
    lo: float
    hi: float
    tag: Tag


@dataclass
class LinearModel:
    names: list = field(default_factory=list)
    ub: list = field(default_factory=list)
    constraints: list = field(default_factory=list)
    # term name -> list of (idx array, coef array); the term's value is the dot product.
    terms: dict = field(default_factory=dict)
    # term name -> constant part (e.g. a penalty counted from a fixed fact).
    constants: dict = field(default_factory=dict)
    # Variables 0..n_pairs-1 are the candidate pairs x[c,o]; auxiliaries follow.
    n_pairs: int = 0
    # Cadre index of each pair variable (pairs are sorted by cadre); used by LP pricing.
    pair_cadre: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def n_vars(self) -> int:
        return len(self.names)

    def new_var(self, name: str, ub: int = 1) -> int:
        self.names.append(name)
        self.ub.append(int(ub))
        return len(self.names) - 1

    def add(self, idx, coef, lo, hi, tag: Tag) -> None:
        """Add ``lo <= sum(coef * x[idx]) <= hi`` (use +-inf for an open side)."""
        idx = np.asarray(idx, dtype=np.int64)
        if np.isscalar(coef):
            coef = np.full(idx.size, coef, dtype=np.int64)
        else:
            coef = np.asarray(coef, dtype=np.int64)
        self.constraints.append(Constraint(idx, coef, lo, hi, tag))

    def add_term(self, term: str, idx, coef) -> None:
        idx = np.asarray(idx, dtype=np.int64)
        coef = np.broadcast_to(np.asarray(coef, dtype=np.int64), idx.shape)
        keep = coef != 0
        self.terms.setdefault(term, []).append((idx[keep], coef[keep].copy()))

    def term_value(self, term: str, values: np.ndarray) -> int:
        total = int(self.constants.get(term, 0))
        for idx, coef in self.terms.get(term, []):
            total += int(np.dot(values[idx], coef))
        return total

    def objective_arrays(self, weights: dict) -> tuple:
        """The weighted objective as one (idx, coef) pair (duplicates summed) and its constant."""
        idx_parts, coef_parts, const = [], [], 0
        for term, parts in self.terms.items():
            w = int(weights.get(term, 0))
            if w == 0:
                continue
            const += w * int(self.constants.get(term, 0))
            for idx, coef in parts:
                idx_parts.append(idx)
                coef_parts.append(coef * w)
        if not idx_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), const
        idx = np.concatenate(idx_parts)
        coef = np.concatenate(coef_parts)
        uniq, inv = np.unique(idx, return_inverse=True)
        summed = np.zeros(uniq.size, dtype=np.int64)
        np.add.at(summed, inv, coef)
        keep = summed != 0
        return uniq[keep], summed[keep], const
