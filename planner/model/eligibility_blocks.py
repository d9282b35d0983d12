"""Who may take what, for every opening at once: the candidate filters of
``planner.model.eligibility`` run on blocks of openings x all cadres (2-D numpy, no Python loop
over pairs), and the answer is kept as one bit per (opening, cadre) (``EligibilityBits``).

A national scenario with broad openings has ~120 M candidate pairs; as (cadre, opening) index
arrays they take ~1 GB and every array derived from them as much again. The bit matrix takes
openings x cadres / 8 bytes (50 MB at 8,000 x 50,000) whatever the breadth, and hands out the
pairs of a block of openings at a time (``EligibilityBits.blocks``), so a caller that prices
pairs never holds them all.

The filters are the same as ``planner.model.eligibility.Eligibility.filter_masks`` (tested pair for pair), with every
fact coded as a small integer first so that each filter is one gather or one comparison.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from models.scenario import RANKS, RATING_ORDER, Scenario
from planner.model.cadre_arrays import CadreArrays, cadre_arrays

log = logging.getLogger(__name__)

# Cells (openings x cadres) filtered at once: bounds the temporary boolean matrices (~8 MB).
BLOCK_CELLS = 4_000_000
_POST_TYPES = ("admin", "civil", "institution")


def _codes(values: np.ndarray, vocabulary: dict) -> np.ndarray:
    """Integer code of each value (object array), growing ``vocabulary`` as needed."""
    out = np.empty(values.size, dtype=np.int64)
    for k, v in enumerate(values.tolist()):
        out[k] = vocabulary.setdefault(v, len(vocabulary))
    return out


@dataclass
class _OpeningCodes:
    """Per-opening filter parameters as arrays (one row per opening)."""
    rank_ok: np.ndarray        # (n_o, len(RANKS)) bool
    spec_ok: np.ndarray        # (n_o, n_specialties) bool
    cert_need: np.ndarray      # (n_o,) int64 bit mask
    pt_ok: np.ndarray          # (n_o, n_post_types) bool
    min_rating: np.ndarray
    pool_only: np.ndarray
    min_service: np.ndarray
    max_age: np.ndarray
    unit: np.ndarray           # unit code
    posting: np.ndarray
    nongrass_posting: np.ndarray
    task_region: np.ndarray    # region code of a task's unit, -2 otherwise
    too_long: np.ndarray
    exempt_blocked: np.ndarray


class EligibilityBits:
    """Candidate pairs of a scenario as a packed bit matrix (openings x cadres).

    Parameters
    ----------
    scenario : the scenario.
    arrays : its ``CadreArrays`` when already computed.
    """

    def __init__(self, scenario: Scenario, arrays: CadreArrays | None = None):
        self.scenario = scenario
        self.ca = arrays if arrays is not None else cadre_arrays(scenario)
        sc, ca = scenario, self.ca
        self.n_c, self.n_o = len(ca.ids), len(sc.openings)
        units = {u.unit_id: k for k, u in enumerate(sc.units)}
        regions: dict = {"": -1}
        specs: dict = {}
        pts: dict = {t: k for k, t in enumerate(_POST_TYPES)}
        self.c_spec = _codes(ca.specialty, specs)
        self.c_pt = _codes(ca.post_type, pts)
        self.c_unit = np.array([units.get(u, -1) for u in ca.unit.tolist()], dtype=np.int64)
        self.c_cur_region = _codes(ca.cur_region, regions)
        self.c_home_region = _codes(ca.home_region, regions)
        for o in sc.openings:
            for s in o.specialties:
                specs.setdefault(s, len(specs))
        self._oc = self._opening_codes(specs, pts, units, regions)
        self._no_return = self._sparse_exclusions("no_return")
        self._forbid = self._sparse_exclusions("forbid")
        self.block_rows = max(1, BLOCK_CELLS // max(1, self.n_c))
        bytes_per_row = (self.n_c + 7) // 8
        self.bits = np.zeros((self.n_o, bytes_per_row), dtype=np.uint8)
        self.per_opening = np.zeros(self.n_o, dtype=np.int64)
        self.per_cadre = np.zeros(self.n_c, dtype=np.int64)
        for lo in range(0, self.n_o, self.block_rows):
            hi = min(self.n_o, lo + self.block_rows)
            ok = self._filter(lo, hi)
            self.bits[lo:hi] = np.packbits(ok, axis=1)
            self.per_opening[lo:hi] = ok.sum(axis=1)
            self.per_cadre += ok.sum(axis=0)
        self.n_pairs = int(self.per_opening.sum())
        log.info("candidate pairs: %d (of %d cadres x %d openings), %.0f MB of bits",
                 self.n_pairs, self.n_c, self.n_o, self.bits.nbytes / 1e6)

    # --- building -------------------------------------------------------------------------
    def _opening_codes(self, specs: dict, pts: dict, units: dict, regions: dict) -> _OpeningCodes:
        sc, ops = self.scenario, self.scenario.openings
        n = len(ops)
        rank_ok = np.ones((n, len(RANKS)), dtype=bool)
        spec_ok = np.ones((n, max(1, len(specs))), dtype=bool)
        pt_ok = np.ones((n, max(1, len(pts))), dtype=bool)
        cert_need = np.zeros(n, dtype=np.int64)
        unit_of = {u.unit_id: u for u in sc.units}
        for j, o in enumerate(ops):
            if o.ranks:
                rank_ok[j] = [r in o.ranks for r in RANKS]
            if o.specialties:
                spec_ok[j] = False
                spec_ok[j, [specs[s] for s in o.specialties]] = True
            cert_need[j] = sum(1 << self.ca.cert_codes[k] for k in o.certificates)
            if o.post_type is not None:
                ok = {o.post_type}
                if o.allow_transfer and sc.rules.allow_transfer and o.post_type in ("admin", "civil"):
                    ok |= {"admin", "civil"}
                pt_ok[j] = False
                pt_ok[j, [pts[t] for t in ok if t in pts]] = True
        posting = np.array([o.kind == "posting" for o in ops], dtype=bool)
        hard = np.array([sc.opening_hardship(o) > 0 for o in ops], dtype=bool)
        return _OpeningCodes(
            rank_ok=rank_ok, spec_ok=spec_ok, cert_need=cert_need, pt_ok=pt_ok,
            min_rating=np.array([RATING_ORDER[o.min_rating] for o in ops], dtype=np.int64),
            pool_only=np.array([o.talent_pool_only for o in ops], dtype=bool),
            min_service=np.array([o.min_service_years for o in ops], dtype=np.int64),
            max_age=np.array([o.max_age if o.max_age is not None else 10 ** 6 for o in ops], dtype=np.int64),
            unit=np.array([units[o.unit_id] for o in ops], dtype=np.int64),
            posting=posting,
            nongrass_posting=posting & ~np.array([unit_of[o.unit_id].grassroots for o in ops], dtype=bool),
            task_region=np.array([regions.get(unit_of[o.unit_id].region_id, -3) if o.kind == "task" else -2
                                  for o in ops], dtype=np.int64),
            too_long=np.array([o.kind != "posting" and o.months > sc.rules.max_away_months for o in ops],
                              dtype=bool),
            exempt_blocked=~posting & hard,
        )

    def _sparse_exclusions(self, what: str) -> dict:
        """opening index -> cadre indices kept off by R5 (no return) or R11 (forbid locks)."""
        from models import facts

        sc, ca = self.scenario, self.ca
        out: dict = {}
        if what == "forbid":
            j_of = {o.opening_id: j for j, o in enumerate(sc.openings)}
            for lk in sc.locks:
                if lk.lock == "forbid" and lk.opening_id in j_of and lk.cadre_id in ca.index:
                    out.setdefault(j_of[lk.opening_id], []).append(ca.index[lk.cadre_id])
        else:
            by_unit: dict = {}
            for c in sc.cadres:
                for u in facts.no_return_units(sc, c):
                    by_unit.setdefault(u, []).append(ca.index[c.cadre_id])
            for j, o in enumerate(sc.openings):
                if o.kind == "posting" and o.unit_id in by_unit:
                    out[j] = by_unit[o.unit_id]
        return {j: np.array(v, dtype=np.int64) for j, v in out.items()}

    def _filter(self, lo: int, hi: int) -> np.ndarray:
        """Boolean (hi - lo) x cadres: every filter of ``FILTERS`` passes."""
        ca, oc = self.ca, self._oc
        s = slice(lo, hi)
        ok = oc.rank_ok[s][:, ca.rank]
        ok &= oc.spec_ok[s][:, self.c_spec]
        need = oc.cert_need[s][:, None]
        if need.any():
            ok &= (ca.certs[None, :] & need) == need
        ok &= oc.pt_ok[s][:, self.c_pt]
        ok &= ca.rating[None, :] >= oc.min_rating[s][:, None]
        if oc.pool_only[s].any():
            ok &= ~oc.pool_only[s][:, None] | ca.talent_pool[None, :]
        ok &= ca.service[None, :] >= oc.min_service[s][:, None]
        ok &= ca.age[None, :] <= oc.max_age[s][:, None]
        # R1: a posting is to a unit other than the current one.
        ok &= ~(oc.posting[s][:, None] & (self.c_unit[None, :] == oc.unit[s][:, None]))
        # R4: first-stop cadres may be posted only to grassroots units.
        ok &= ~(oc.nongrass_posting[s][:, None] & ca.first_stop[None, :])
        # R7 (task part): not in the home region nor the current unit's region.
        tr = oc.task_region[s][:, None]
        ok &= ~((self.c_home_region[None, :] == tr) | (self.c_cur_region[None, :] == tr))
        # R8: a single away assignment longer than the yearly cap.
        ok &= ~oc.too_long[s][:, None]
        # R10: exempt cadres take no temporary/task with hardship above 0.
        ok &= ~(oc.exempt_blocked[s][:, None] & ca.exempt[None, :])
        for table in (self._no_return, self._forbid):
            for j in range(lo, hi):
                if j in table:
                    ok[j - lo, table[j]] = False
        return ok

    # --- reading --------------------------------------------------------------------------
    def rows(self, lo: int, hi: int) -> np.ndarray:
        """Boolean (hi - lo) x cadres for openings lo..hi-1."""
        return np.unpackbits(self.bits[lo:hi], axis=1, count=self.n_c).astype(bool)

    def blocks(self, max_pairs: int = 4_000_000) -> Iterator[tuple]:
        """Yield ``(cadre, opening)`` index arrays, a block of whole openings at a time (pairs
        in opening order, cadres ascending within an opening)."""
        for lo, hi in self.block_bounds(max_pairs):
            yield self.block(lo, hi)

    def map_blocks(self, fn, threads: int = 2, stop=None) -> Iterator:
        """``fn(cadre, opening)`` of every block, in block order, computed by ``threads``
        threads (numpy releases the interpreter lock in its array loops, so a pass over 120 M
        pairs takes about half the time); at most ``threads`` blocks are held ahead. The
        results come in block order whichever thread finished first. ``stop()``: ends early."""
        from concurrent.futures import ThreadPoolExecutor

        bounds = self.block_bounds()

        def run(lo, hi):
            return fn(*self.block(lo, hi))

        with ThreadPoolExecutor(threads) as pool:
            ahead = [pool.submit(run, *b) for b in bounds[:threads]]
            for k in range(len(bounds)):
                result = ahead[k].result()
                ahead[k] = None
                if k + threads < len(bounds):
                    ahead.append(pool.submit(run, *bounds[k + threads]))
                if stop is not None and stop():
                    for f in ahead[k + 1:]:
                        f.cancel()
                    return
                yield result

    def block_bounds(self, max_pairs: int = 4_000_000) -> list:
        """The (first, last + 1) openings of each block ``blocks`` yields."""
        out, lo = [], 0
        cum = np.concatenate([[0], np.cumsum(self.per_opening)])
        while lo < self.n_o:
            hi = int(np.searchsorted(cum, cum[lo] + max_pairs, side="right")) - 1
            hi = min(self.n_o, max(lo + 1, hi))
            hi = min(hi, lo + 4 * self.block_rows)
            out.append((lo, hi))
            lo = hi
        return out

    def block(self, lo: int, hi: int) -> tuple:
        """``(cadre, opening)`` arrays of the candidate pairs of openings lo..hi-1."""
        jj, ii = np.nonzero(self.rows(lo, hi))
        return ii.astype(np.int64), (jj + lo).astype(np.int64)

    def all_pairs(self) -> tuple:
        """Every candidate pair, sorted by (cadre, opening): for models small enough to hold."""
        parts = list(self.blocks())
        cc = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        oo = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        order = np.lexsort((oo, cc))
        return cc[order], oo[order]

    def has(self, cadres: np.ndarray, openings: np.ndarray) -> np.ndarray:
        """Whether each (cadre, opening) is a candidate pair."""
        cadres = np.asarray(cadres, dtype=np.int64)
        openings = np.asarray(openings, dtype=np.int64)
        byte = self.bits[openings, cadres >> 3]
        return ((byte >> (7 - (cadres & 7))) & 1).astype(bool)
