"""Who may take what: the sparse candidate list (R1 other unit, R2, R4, R5, R7 task region, R8 length,
R10, forbid locks of R11).

Filters run per opening, vectorised over all cadres with numpy, so building the list costs
O(openings x cadres) numpy work and no Python loop over pairs. Only a pair that passes every
filter gets a decision variable; the model's rules then only have to relate the survivors.

The same per-filter masks explain a blocked pair (``blocking_filters``), so diagnosis and
``planner explain`` give the reason the model actually used.
"""
from __future__ import annotations

import logging

import numpy as np

from models import facts
from models.scenario import RANKS, RATING_ORDER, Scenario
from planner.model.cadre_arrays import CadreArrays, cadre_arrays  # noqa: F401  (re-exported)
from planner.model.eligibility_blocks import EligibilityBits

log = logging.getLogger(__name__)

# Filter codes in the order they are applied; each names the SPEC rule it enforces.
FILTERS = (
    ("R2", "rank"), ("R2", "specialty"), ("R2", "certificates"), ("R2", "post_type"),
    ("R2", "rating"), ("R2", "talent_pool"), ("R2", "service_years"), ("R2", "age"),
    ("R1", "current_unit"), ("R4", "first_stop"), ("R5", "no_return"),
    ("R7", "task_region"), ("R8", "too_long"), ("R10", "exempt"), ("R11", "forbid"),
)


class Eligibility:
    """Candidate pairs of a scenario, with the filter masks that produced them."""

    def __init__(self, scenario: Scenario, arrays: CadreArrays | None = None, pairs: tuple | None = None):
        """Every candidate pair of ``scenario``, or only ``pairs`` = (cadre indices, opening
        indices) when given (a model restricted to priced pairs; each must be a candidate)."""
        self.scenario = scenario
        self.ca = arrays or cadre_arrays(scenario)
        self._no_return = self._no_return_by_unit()
        self._forbid = self._forbid_by_opening()
        # Cadres by specialty: most openings accept a few specialties, so their filters run on
        # those cadres only (a few hundred) instead of everyone.
        spec = self.ca.specialty
        order = np.argsort(spec, kind="stable")
        keys, starts = np.unique(spec[order], return_index=True)
        bounds = list(starts) + [order.size]
        self._by_specialty = {k: np.sort(order[bounds[i]:bounds[i + 1]]) for i, k in enumerate(keys.tolist())}
        self._everyone = np.arange(len(self.ca.ids))
        if pairs is None:
            cc, oo = EligibilityBits(scenario, self.ca).all_pairs()
        else:
            cc = np.asarray(pairs[0], dtype=np.int64)
            oo = np.asarray(pairs[1], dtype=np.int64)
            # Sorted by (cadre, opening) so variable order, and therefore the solver's search,
            # does not depend on file order beyond the ids themselves.
            order = np.lexsort((oo, cc))
            cc, oo = cc[order], oo[order]
        self.cadre = cc
        self.opening = oo
        log.info("candidate pairs: %d (of %d cadres x %d openings)", self.cadre.size,
                 len(scenario.cadres), len(scenario.openings))

    def __len__(self):
        return int(self.cadre.size)

    # --- helpers --------------------------------------------------------------------------
    def _no_return_by_unit(self) -> dict:
        out: dict = {}
        sc = self.scenario
        for c in sc.cadres:
            for u in facts.no_return_units(sc, c):
                out.setdefault(u, []).append(self.ca.index[c.cadre_id])
        return {u: np.array(v, dtype=np.int64) for u, v in out.items()}

    def _forbid_by_opening(self) -> dict:
        out: dict = {}
        for lk in self.scenario.locks:
            if lk.lock == "forbid":
                out.setdefault(lk.opening_id, []).append(self.ca.index[lk.cadre_id])
        return {o: np.array(v, dtype=np.int64) for o, v in out.items()}

    def filter_masks(self, o, sub: np.ndarray | None = None) -> list:
        """One boolean mask per filter of ``FILTERS`` (True: the filter lets the cadre pass), over
        all cadres, or over the cadre indices ``sub`` (sorted) when given."""
        sc, ca = self.scenario, self.ca
        if sub is None:
            sub = np.arange(len(ca.ids))
        n = sub.size
        full = np.ones(n, dtype=bool)
        unit = sc.unit_by_id[o.unit_id]
        masks = []
        # R2 eligibility
        masks.append(np.isin(ca.rank[sub], [RANKS.index(r) for r in o.ranks]) if o.ranks else full)
        masks.append(np.isin(ca.specialty[sub], list(o.specialties)) if o.specialties else full)
        need = sum(1 << ca.cert_codes[k] for k in o.certificates)
        masks.append((ca.certs[sub] & need) == need if need else full)
        if o.post_type is None:
            masks.append(full)
        else:
            pts = ca.post_type[sub]
            pt = pts == o.post_type
            if o.allow_transfer and sc.rules.allow_transfer and o.post_type in ("admin", "civil"):
                pt = pt | (pts == "admin") | (pts == "civil")
            masks.append(pt)
        masks.append(ca.rating[sub] >= RATING_ORDER[o.min_rating])
        masks.append(ca.talent_pool[sub] if o.talent_pool_only else full)
        masks.append(ca.service[sub] >= o.min_service_years)
        masks.append(ca.age[sub] <= o.max_age if o.max_age is not None else full)
        # R1: a posting is to a unit other than the current one.
        masks.append(ca.unit[sub] != o.unit_id if o.kind == "posting" else full)
        # R4: first-stop cadres (and recruits) may be posted only to grassroots units.
        masks.append(~ca.first_stop[sub] if (o.kind == "posting" and not unit.grassroots) else full)
        # R5: no posting back to a unit held in the no-return years.
        if o.kind == "posting" and o.unit_id in self._no_return:
            masks.append(~np.isin(sub, self._no_return[o.unit_id]))
        else:
            masks.append(full)
        # R7 (task part): not in the home region nor the current unit's region.
        if o.kind == "task":
            masks.append((ca.home_region[sub] != unit.region_id) & (ca.cur_region[sub] != unit.region_id))
        else:
            masks.append(full)
        # R8: a single assignment longer than the yearly cap can never be taken.
        masks.append(full if (o.kind == "posting" or o.months <= sc.rules.max_away_months)
                     else np.zeros(n, dtype=bool))
        # R10: exempt cadres take no temporary/task with hardship above 0.
        masks.append(~ca.exempt[sub] if (o.kind != "posting" and sc.opening_hardship(o) > 0) else full)
        # R11: forbid locks.
        if o.opening_id in self._forbid:
            masks.append(~np.isin(sub, self._forbid[o.opening_id]))
        else:
            masks.append(full)
        return masks

    def opening_mask(self, o) -> np.ndarray:
        """Boolean mask over all cadres: who may take opening ``o``."""
        ok = np.zeros(len(self.ca.ids), dtype=bool)
        ok[self.candidates(o)] = True
        return ok

    def candidates(self, o) -> np.ndarray:
        """Sorted indices of the cadres who may take opening ``o`` (every filter passes)."""
        if o.specialties:
            parts = [self._by_specialty[s] for s in o.specialties if s in self._by_specialty]
            sub = np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
        else:
            sub = self._everyone
        ok = np.ones(sub.size, dtype=bool)
        for m in self.filter_masks(o, sub):
            ok &= m
        return sub[ok]

    def blocking_filters(self, cadre_id: str, opening_id: str) -> list:
        """The (rule code, filter name) pairs that keep this cadre off this opening; empty if eligible."""
        i = self.ca.index[cadre_id]
        o = self.scenario.opening_by_id[opening_id]
        return [f for f, m in zip(FILTERS, self.filter_masks(o, np.array([i]))) if not m[0]]

    def pair_set(self) -> set:
        ids = self.ca.ids
        ops = self.scenario.openings
        return {(ids[c], ops[o].opening_id) for c, o in zip(self.cadre.tolist(), self.opening.tolist())}
