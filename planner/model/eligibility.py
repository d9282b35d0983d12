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
from dataclasses import dataclass

import numpy as np

from models import facts
from models.scenario import RANKS, RATING_ORDER, Scenario

log = logging.getLogger(__name__)

# Filter codes in the order they are applied; each names the SPEC rule it enforces.
FILTERS = (
    ("R2", "rank"), ("R2", "specialty"), ("R2", "certificates"), ("R2", "post_type"),
    ("R2", "rating"), ("R2", "talent_pool"), ("R2", "service_years"), ("R2", "age"),
    ("R1", "current_unit"), ("R4", "first_stop"), ("R5", "no_return"),
    ("R7", "task_region"), ("R8", "too_long"), ("R10", "exempt"), ("R11", "forbid"),
)


@dataclass(frozen=True)
class CadreArrays:
    """Per-cadre facts as numpy arrays, aligned with ``scenario.cadres``."""
    ids: tuple
    index: dict
    rank: np.ndarray          # index into RANKS
    specialty: np.ndarray     # object array of str
    certs: np.ndarray         # bit mask over cert_codes
    cert_codes: dict
    post_type: np.ndarray     # object array of str
    rating: np.ndarray        # RATING_ORDER value
    talent_pool: np.ndarray
    service: np.ndarray
    age: np.ndarray
    exempt: np.ndarray
    recruit: np.ndarray
    unit: np.ndarray          # object array: unit id or ""
    cur_region: np.ndarray    # object array: region id or ""
    home_region: np.ndarray   # object array
    first_stop: np.ndarray    # R4: may only be posted to a grassroots unit
    must_post: np.ndarray     # R4 recruit or R6 rotation due
    rotation_due: np.ndarray
    hist_points: np.ndarray
    grassroots_before: np.ndarray


def cadre_arrays(scenario: Scenario) -> CadreArrays:
    """Compute every per-cadre fact once (one pass over cadres, not over pairs)."""
    cadres = scenario.cadres
    y = scenario.plan_year
    units = scenario.unit_by_id
    cert_codes: dict = {}
    for c in cadres:
        for code in c.certificates:
            cert_codes.setdefault(code, len(cert_codes))
    for o in scenario.openings:
        for code in o.certificates:
            cert_codes.setdefault(code, len(cert_codes))
    if len(cert_codes) > 62:
        raise ValueError("more than 62 distinct certificate codes are not supported")
    certs = np.array([sum(1 << cert_codes[k] for k in c.certificates) for c in cadres], dtype=np.int64)
    recruit = np.array([c.is_recruit for c in cadres], dtype=bool)
    grass = np.array([facts.grassroots_record(scenario, c) for c in cadres], dtype=bool)
    service = np.array([facts.service_years(c, y) for c in cadres], dtype=np.int64)
    due = np.array([facts.rotation_due(scenario, c) for c in cadres], dtype=bool)
    return CadreArrays(
        ids=tuple(c.cadre_id for c in cadres),
        index={c.cadre_id: i for i, c in enumerate(cadres)},
        rank=np.array([RANKS.index(c.rank) for c in cadres], dtype=np.int64),
        specialty=np.array([c.specialty for c in cadres], dtype=object),
        certs=certs, cert_codes=cert_codes,
        post_type=np.array([c.post_type for c in cadres], dtype=object),
        rating=np.array([RATING_ORDER[c.rating] for c in cadres], dtype=np.int64),
        talent_pool=np.array([c.talent_pool for c in cadres], dtype=bool),
        service=service,
        age=np.array([facts.age(c, y) for c in cadres], dtype=np.int64),
        exempt=np.array([c.exempt for c in cadres], dtype=bool),
        recruit=recruit,
        unit=np.array([c.unit_id or "" for c in cadres], dtype=object),
        cur_region=np.array([units[c.unit_id].region_id if c.unit_id else "" for c in cadres], dtype=object),
        home_region=np.array([c.home_region for c in cadres], dtype=object),
        first_stop=recruit | (~grass & (service < scenario.rules.first_stop_years)),
        must_post=recruit | due,
        rotation_due=due,
        hist_points=np.array([facts.historical_points(scenario, c) for c in cadres], dtype=np.int64),
        grassroots_before=grass,
    )


class Eligibility:
    """Candidate pairs of a scenario, with the filter masks that produced them."""

    def __init__(self, scenario: Scenario, arrays: CadreArrays | None = None):
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
        cand_c, cand_o = [], []
        for j, o in enumerate(scenario.openings):
            idx = self.candidates(o)
            cand_c.append(idx)
            cand_o.append(np.full(idx.size, j, dtype=np.int64))
        # Sorted by (cadre, opening) so variable order, and therefore the solver's search, does
        # not depend on file order beyond the ids themselves.
        cc = np.concatenate(cand_c) if cand_c else np.zeros(0, dtype=np.int64)
        oo = np.concatenate(cand_o) if cand_o else np.zeros(0, dtype=np.int64)
        order = np.lexsort((oo, cc))
        self.cadre = cc[order]
        self.opening = oo[order]
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
