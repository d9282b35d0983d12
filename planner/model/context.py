"""Everything the rules and terms need about the candidate pairs, computed once as arrays.

Pairs are sorted by cadre, so a cadre's pairs are one contiguous slice (``cadre_slice``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from models.scenario import Scenario
from planner.model.eligibility import CadreArrays, Eligibility

KIND_CODE = {"posting": 0, "temporary": 1, "task": 2}


def _pair_lookup(keys_sorted: np.ndarray, values: np.ndarray, query: np.ndarray, default=0) -> np.ndarray:
    """Vectorised dict lookup: values for query keys, ``default`` where absent."""
    out = np.full(query.size, default, dtype=np.int64)
    if keys_sorted.size == 0 or query.size == 0:
        return out
    pos = np.searchsorted(keys_sorted, query)
    pos_c = np.minimum(pos, keys_sorted.size - 1)
    hit = keys_sorted[pos_c] == query
    out[hit] = values[pos_c[hit]]
    return out


@dataclass
class ModelContext:
    scenario: Scenario
    elig: Eligibility
    # Pairs (cadre_id, opening_id) of an earlier plan to stay close to (stability term).
    baseline: frozenset = frozenset()

    def __post_init__(self):
        sc = self.scenario
        ops = sc.openings
        self.n_pairs = len(self.elig)
        self.pc = self.elig.cadre          # pair -> cadre index
        self.po = self.elig.opening        # pair -> opening index
        unit_ids = [u.unit_id for u in sc.units]
        self.unit_index = {u: i for i, u in enumerate(unit_ids)}
        region_ids = sorted({u.region_id for u in sc.units})
        self.region_ids = region_ids
        self.region_index = {r: i for i, r in enumerate(region_ids)}
        # Opening arrays.
        self.o_kind = np.array([KIND_CODE[o.kind] for o in ops], dtype=np.int64)
        self.o_unit = np.array([self.unit_index[o.unit_id] for o in ops], dtype=np.int64)
        self.o_start = np.array([o.start_month for o in ops], dtype=np.int64)
        self.o_end = np.array([o.end_month for o in ops], dtype=np.int64)
        self.o_months = np.array([o.months for o in ops], dtype=np.int64)
        self.o_hardship = np.array([sc.opening_hardship(o) for o in ops], dtype=np.int64)
        self.o_points = self.o_hardship * self.o_months
        self.o_dev = np.array([o.development for o in ops], dtype=np.int64)
        # Unit arrays.
        self.u_grass = np.array([u.grassroots for u in sc.units], dtype=bool)
        self.u_short = np.array([u.key_shortage for u in sc.units], dtype=bool)
        self.u_region = np.array([self.region_index[u.region_id] for u in sc.units], dtype=np.int64)
        # Pair arrays.
        self.p_kind = self.o_kind[self.po]
        self.p_unit = self.o_unit[self.po]
        self.p_posting = self.p_kind == 0
        self.p_points = self.o_points[self.po]
        ca = self.ca
        self.c_unit = np.array([self.unit_index.get(u, -1) if u else -1 for u in ca.unit], dtype=np.int64)
        self.c_region = np.where(self.c_unit >= 0, self.u_region[np.maximum(self.c_unit, 0)], -1)
        # Cadre slices (pairs sorted by cadre).
        n_c = len(ca.ids)
        self.c_start = np.searchsorted(self.pc, np.arange(n_c), side="left")
        self.c_end = np.searchsorted(self.pc, np.arange(n_c), side="right")
        # Pair lookups: key = cadre * n_openings + opening.
        self.n_o = len(ops)
        self.opening_index = {o.opening_id: j for j, o in enumerate(ops)}
        self.p_key = self.pc * self.n_o + self.po

    @property
    def ca(self) -> CadreArrays:
        return self.elig.ca

    def cadre_slice(self, i: int) -> slice:
        return slice(int(self.c_start[i]), int(self.c_end[i]))

    def pair_values(self, table: dict) -> np.ndarray:
        """Per-pair value of a (cadre_id, opening_id) -> int table (fit, preference rank); 0 if absent."""
        if not table:
            return np.zeros(self.n_pairs, dtype=np.int64)
        ci, oi = self.ca.index, self.opening_index
        keys = np.array([ci[c] * self.n_o + oi[o] for (c, o) in table], dtype=np.int64)
        vals = np.array(list(table.values()), dtype=np.int64)
        order = np.argsort(keys)
        return _pair_lookup(keys[order], vals[order], self.p_key)

    @cached_property
    def fit(self) -> np.ndarray:
        return self.pair_values(self.scenario.fit_score)

    @cached_property
    def pref_rank(self) -> np.ndarray:
        return self.pair_values(self.scenario.preference_rank)

    @cached_property
    def cross_region(self) -> np.ndarray:
        """Posting pairs of non-recruits whose unit's region differs from the current unit's region."""
        pr = self.u_region[self.p_unit]
        cr = self.c_region[self.pc]
        return self.p_posting & (cr >= 0) & (pr != cr)

    @cached_property
    def pairs_by_opening(self) -> list:
        order = np.argsort(self.po, kind="stable")
        bounds = np.searchsorted(self.po[order], np.arange(self.n_o + 1))
        return [order[bounds[j]:bounds[j + 1]] for j in range(self.n_o)]

    def pair_index(self, cadre_id: str, opening_id: str):
        """Variable index of x[cadre, opening], or None when the pair is not a candidate."""
        i = self.ca.index[cadre_id]
        j = self.opening_index[opening_id]
        s = self.cadre_slice(i)
        hit = np.flatnonzero(self.po[s] == j)
        return int(s.start + hit[0]) if hit.size else None

    def pair_name(self, p: int) -> str:
        return f"x[{self.ca.ids[self.pc[p]]},{self.scenario.openings[self.po[p]].opening_id}]"
