"""What the model says about any (cadre, opening) pair, computed for a block of pairs at a time
without building the model: its weighted objective coefficient and which of the model's rows it
enters. Used to price pairs that are not (yet) in a model against LP duals.

The coefficients are those of ``planner.model.terms`` (the tests compare them pair for pair with
a built model's objective); the row structure is that of ``planner.model.rules`` and the terms'
auxiliary rows, described by the fields below.
"""
from __future__ import annotations

import math

import numpy as np

from models.exchange import exchange_lookback_years, past_move_counts
from models.scenario import Scenario
from planner.model.context import KIND_CODE
from planner.model.eligibility import CadreArrays
from planner.model.terms import (
    DEVELOPMENT_PER_POINT,
    EXCHANGE_CROSS,
    FAIRNESS_SCALE,
    PREFERENCE_POINTS,
    SHORTAGE_SEAT,
    SHORTAGE_TARGET,
    STABILITY_CHANGE,
    STABILITY_MOVE,
    exchange_bonus,
    fairness_threshold,
)


def _table_keys(scenario: Scenario, ca: CadreArrays, table: dict, n_o: int) -> tuple:
    """A (cadre_id, opening_id) -> int table as sorted int64 keys (cadre * n_o + opening) and values."""
    j_of = {o.opening_id: j for j, o in enumerate(scenario.openings)}
    items = [(ca.index[c] * n_o + j_of[o], v) for (c, o), v in table.items() if c in ca.index and o in j_of]
    if not items:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys = np.array([k for k, _ in items], dtype=np.int64)
    vals = np.array([v for _, v in items], dtype=np.int64)
    order = np.argsort(keys)
    return keys[order], vals[order]


def _lookup(keys: np.ndarray, vals: np.ndarray, query: np.ndarray, query_sorted: bool = False,
            dtype=np.int64) -> np.ndarray:
    """Values of sorted ``keys`` at ``query`` (0 where absent). With ``query_sorted`` the table is
    searched in the query instead (far cheaper when the query is a large block of pairs)."""
    out = np.zeros(query.size, dtype=dtype)
    if keys.size == 0 or query.size == 0:
        return out
    if query_sorted:
        # Only the table's keys within the query's range can hit: a small query (one opening's
        # candidates) must not search the whole table (measured: 7 s of a national first plan).
        lo = np.searchsorted(keys, query[0], side="left")
        hi = np.searchsorted(keys, query[-1], side="right")
        keys, vals = keys[lo:hi], vals[lo:hi]
        if keys.size == 0:
            return out
        pos = np.minimum(np.searchsorted(query, keys), query.size - 1)
        hit = query[pos] == keys
        out[pos[hit]] = vals[hit]
        return out
    pos = np.minimum(np.searchsorted(keys, query), keys.size - 1)
    hit = keys[pos] == query
    out[hit] = vals[pos[hit]]
    return out


class PairValues:
    """Per-cadre and per-opening facts as arrays, and per-pair values for any block of pairs.

    Parameters
    ----------
    scenario : the scenario.
    ca : its ``CadreArrays``.
    weights : term -> weight.
    baseline : (cadre_id, opening_id) pairs of an earlier plan (stability).
    """

    def __init__(self, scenario: Scenario, ca: CadreArrays, weights: dict, baseline=frozenset()):
        sc, ops = scenario, scenario.openings
        self.scenario, self.ca, self.weights = scenario, ca, {t: int(w) for t, w in weights.items()}
        self.n_c, self.n_o = len(ca.ids), len(ops)
        unit_index = {u.unit_id: k for k, u in enumerate(sc.units)}
        self.region_ids = sorted({u.region_id for u in sc.units})
        region_index = {r: k for k, r in enumerate(self.region_ids)}
        self.o_kind = np.array([KIND_CODE[o.kind] for o in ops], dtype=np.int64)
        self.o_unit = np.array([unit_index[o.unit_id] for o in ops], dtype=np.int64)
        self.o_start = np.array([o.start_month for o in ops], dtype=np.int64)
        self.o_end = np.array([o.end_month for o in ops], dtype=np.int64)
        self.o_months = np.array([o.months for o in ops], dtype=np.int64)
        self.o_points = np.array([sc.opening_hardship(o) for o in ops], dtype=np.int64) * self.o_months
        self.o_dev = np.array([o.development for o in ops], dtype=np.int64)
        self.u_grass = np.array([u.grassroots for u in sc.units], dtype=bool)
        self.u_short = np.array([u.key_shortage for u in sc.units], dtype=bool)
        self.u_region = np.array([region_index[u.region_id] for u in sc.units], dtype=np.int64)
        self.c_unit = np.array([unit_index.get(u, -1) if u else -1 for u in ca.unit], dtype=np.int64)
        self.c_region = np.where(self.c_unit >= 0, self.u_region[np.maximum(self.c_unit, 0)], -1)
        self.c_target = np.isin(ca.specialty, list(sc.target_specialties))
        hist = ca.hist_points
        self.H = max(int(hist.max()) if hist.size else 0, 1)
        self.need_grass = ~ca.grassroots_before & (ca.service >= sc.rules.first_stop_years)
        self.kin = np.zeros(self.n_c, dtype=bool)           # cadres in a relation (R7)
        self.kin[[ca.index[c] for r in sc.relations for c in (r.cadre_a, r.cadre_b) if c in ca.index]] = True
        self.room = np.maximum(fairness_threshold(hist) - hist, 0)
        self.fit_keys, self.fit_vals = _table_keys(sc, ca, sc.fit_score, self.n_o)
        self.pref_keys, self.pref_vals = _table_keys(sc, ca, sc.preference_rank, self.n_o)
        known = {(c, o): 1 for c, o in baseline}
        self.base_keys, self.base_vals = _table_keys(sc, ca, known, self.n_o)
        self.constant = -STABILITY_CHANGE * len(baseline) * self.weights.get("stability", 0) if baseline else 0
        # Exchange: a cross-region posting earns 50 + round(50 / (1 + past moves between the two
        # regions)) when the ledger looks back (``planner.model.terms.term_exchange``).
        n_r = len(self.region_ids)
        self.cross_value = np.full((n_r, n_r), EXCHANGE_CROSS, dtype=np.int64)
        if exchange_lookback_years(sc) > 0:
            moves = np.zeros((n_r, n_r), dtype=np.int64)
            for (a, b), count in past_move_counts(sc).items():
                i, j = region_index.get(a), region_index.get(b)
                if i is not None and j is not None:
                    moves[i, j] = moves[j, i] = count
            self.cross_value = EXCHANGE_CROSS + exchange_bonus(moves)
        self._tables()

    def _tables(self) -> None:
        """Per-opening and per-cadre parts of every pair's coefficient, weights applied, so that a
        block of pairs costs a few gathers (at broad national size every pricing pass reads 120 M
        pairs). The fairness reward takes few values of (points, history): a small table."""
        w, ca = self.weights, self.ca
        self.o_region = self.u_region[self.o_unit]
        self.o_grass_ok = (self.o_kind <= 1) & self.u_grass[self.o_unit]
        p_vals, self._o_pcode = np.unique(self.o_points, return_inverse=True)
        h_vals, self._c_hcode = np.unique(ca.hist_points, return_inverse=True)
        self._n_h = max(1, h_vals.size)
        pts, hist = np.meshgrid(p_vals, h_vals, indexing="ij")
        fair = np.floor(pts * FAIRNESS_SCALE * (self.H - hist) / (36 * self.H) + 0.5).astype(np.int64)
        self._fair = (w.get("fairness", 0) * np.maximum(fair, 0)).ravel()
        short = self.u_short[self.o_unit] & (self.o_kind <= 1)
        self._o_base = w.get("shortage", 0) * SHORTAGE_SEAT * short.astype(np.int64)
        self._o_target = w.get("shortage", 0) * SHORTAGE_TARGET * short.astype(np.int64)
        self._o_dev = w.get("development", 0) * DEVELOPMENT_PER_POINT * np.where(self.o_dev > 0, self.o_dev, 0)
        self._o_post = (self.o_kind == 0).astype(np.int64)
        self._c_target = self.c_target.astype(np.int64)
        self._c_pool = ca.talent_pool.astype(np.int64)
        self._c_move = w.get("stability", 0) * STABILITY_MOVE * (~ca.must_post).astype(np.int64)
        # Cross-region value by (cadre's region, opening's region); the diagonal and the row of
        # cadres without a region (recruits) are 0.
        n_r = len(self.region_ids)
        cross = w.get("exchange", 0) * self.cross_value.astype(np.int64)
        np.fill_diagonal(cross, 0)
        self._cross = np.vstack([cross, np.zeros((1, n_r), dtype=np.int64)]).ravel()
        self._c_rrow = np.where(self.c_region >= 0, self.c_region, n_r) * n_r
        # Preference points and fit of the pairs that have them, weighted, as one table.
        keys = np.concatenate([self.pref_keys, self.fit_keys])
        pref = np.zeros(self.pref_vals.size, dtype=np.int64)
        for rank, points in PREFERENCE_POINTS.items():
            pref[self.pref_vals == rank] = points
        vals = np.concatenate([w.get("preference", 0) * pref, w.get("fit", 0) * self.fit_vals])
        self.pair_keys, where = np.unique(keys, return_inverse=True)
        self.pair_vals = np.zeros(self.pair_keys.size, dtype=np.int64)
        np.add.at(self.pair_vals, where, vals)
        self._okeys = {"pair": self._rekey(self.pair_keys, self.pair_vals),
                       "base": self._rekey(self.base_keys, self.base_vals)}

    # --- per pair -------------------------------------------------------------------------
    def objective(self, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
        """Weighted objective coefficient of each pair (int64), as the built model has it."""
        w = self.weights
        post = self._o_post[op]
        total = self._fair[self._o_pcode[op] * self._n_h + self._c_hcode[cad]]
        total += self._o_base[op]
        total += self._o_target[op] * self._c_target[cad]
        total += self._o_dev[op] * self._c_pool[cad]
        total += post * (self._cross[self._c_rrow[cad] + self.o_region[op]] - self._c_move[cad])
        # Blocks come sorted by (opening, cadre): then the table is searched in the block.
        okey = op * self.n_c + cad
        srt = bool(okey.size < 2 or np.all(okey[1:] > okey[:-1]))
        if self.pair_keys.size:
            total += (_lookup(*self._by_opening("pair"), okey, True) if srt
                      else _lookup(self.pair_keys, self.pair_vals, cad * self.n_o + op))
        if self.base_keys.size:
            in_base = (_lookup(*self._by_opening("base"), okey, True) if srt
                       else _lookup(self.base_keys, self.base_vals, cad * self.n_o + op)) > 0
            total += w.get("stability", 0) * np.where(in_base, STABILITY_CHANGE, -STABILITY_CHANGE)
        return total

    def _by_opening(self, name: str) -> tuple:
        """A table re-keyed as opening * n_cadres + cadre (sorted). Made when the tables are
        (``_tables``), not on first use: blocks are valued by several threads at once."""
        return self._okeys[name]

    def _rekey(self, keys: np.ndarray, vals: np.ndarray) -> tuple:
        okeys = (keys % self.n_o) * self.n_c + keys // self.n_o
        order = np.argsort(okeys)
        return okeys[order], vals[order]

    def cross(self, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
        """Cross-region postings (recruits left out)."""
        cr = self.c_region[cad]
        return (self.o_kind[op] == 0) & (cr >= 0) & (self.o_region[op] != cr)

    def gives_grassroots(self, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
        """Pairs that give a cadre past first stop a grassroots record (fairness bonus row)."""
        return self.o_grass_ok[op] & self.need_grass[cad]

    def qualified(self, cad: np.ndarray, code: str) -> np.ndarray:
        """R9: holders of certificate ``code`` or of specialty ``code``."""
        return self.holders(code)[cad]

    def holders(self, code: str) -> np.ndarray:
        """R9 by cadre: holders of certificate ``code`` or of specialty ``code`` (cached: string
        comparisons on every priced team pair took 11 s of a broad national pricing pass)."""
        cache = self.__dict__.setdefault("_holders", {})
        if code not in cache:
            ca = self.ca
            q = ca.specialty == code
            bit = ca.cert_codes.get(code)
            if bit is not None:
                q = q | ((ca.certs >> bit) & 1).astype(bool)
            cache[code] = np.asarray(q, dtype=bool)
        return cache[code]


INF = math.inf
