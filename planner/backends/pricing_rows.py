"""The rows of the LP by pricing that join only when needed (``planner.backends.pricing_lp``):
R8 overlapping months and the months cap, R7 recusal. Rows go to HiGHS in batches (one
``addRows`` for many rows is far cheaper than one call each)."""
from __future__ import annotations

import math

import numpy as np


class LazyRows:
    """Mixin of ``PricingLP``: adding rows, and finding the rows an LP solution breaks."""

    def _eager_rows(self, cadres: np.ndarray) -> None:
        """The R8 rows the model itself has for these cadres' active away pairs (months covered
        twice, months above the cap), so that few rounds are spent finding them broken."""
        pv = self.pv
        if cadres.size == 0:
            return
        away = np.flatnonzero((pv.o_kind[self.act_o] > 0) & np.isin(self.act_c, cadres))
        cad, op = self.act_c[away], self.act_o[away]
        col0 = self.n_fixed_cols
        cover = np.zeros((pv.n_c, 13), dtype=np.int64)
        for m in range(1, 13):
            sel = (pv.o_start[op] <= m) & (pv.o_end[op] >= m)
            cover[:, m] = np.bincount(cad[sel], minlength=pv.n_c)
        order = np.argsort(cad, kind="stable")
        cad_s = cad[order]
        first = np.searchsorted(cad_s, np.arange(pv.n_c + 1))
        for i, m in zip(*np.nonzero((cover >= 2) & (self.m_row < 0))):
            lo, hi = first[i], first[i + 1]
            mine = away[order[lo:hi]]
            mine = mine[(pv.o_start[self.act_o[mine]] <= m) & (pv.o_end[self.act_o[mine]] >= m)]
            self.m_row[i, m] = self._add_row(-math.inf, 1, col0 + mine, np.ones(mine.size))
        months = np.bincount(cad, weights=pv.o_months[op], minlength=pv.n_c)
        cap = self.sc.rules.max_away_months
        for i in np.flatnonzero((months > cap) & (self.cap8_row < 0)).tolist():
            lo, hi = first[i], first[i + 1]
            mine = away[order[lo:hi]]
            self.cap8_row[i] = self._add_row(-math.inf, cap, col0 + mine, pv.o_months[self.act_o[mine]].astype(float))

    def _r7_coef(self, coefs: dict, cad: np.ndarray, op: np.ndarray) -> np.ndarray:
        """Coefficient of each pair in one R7 row: {(cadre, "unit", u): +1 postings at u,
        (cadre, "any", 0): -1 every posting (current unit is u), (cadre, "open", j): +1}."""
        pv = self.pv
        out = np.zeros(cad.size)
        for (i, what, key), v in coefs.items():
            mine = cad == i
            if not mine.any():
                continue
            if what == "unit":
                out[mine & (pv.o_kind[op] == 0) & (pv.o_unit[op] == key)] += v
            elif what == "any":
                out[mine & (pv.o_kind[op] == 0)] += v
            else:
                out[mine & (op == key)] += v
        return out

    # --- rows -----------------------------------------------------------------------------
    def _add_row(self, lo: float, hi: float, cols: np.ndarray, vals: np.ndarray) -> int:
        """A new row (handed to HiGHS by ``_flush_rows``: one call for many rows is far cheaper)."""
        row = self.n_rows
        self._pending.append((lo, hi, np.asarray(cols, dtype=np.int32), np.asarray(vals, dtype=np.float64)))
        self.n_rows += 1
        return row

    def _flush_rows(self) -> None:
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        lo = np.array([r[0] if math.isfinite(r[0]) else -self.inf for r in rows], dtype=np.float64)
        hi = np.array([r[1] if math.isfinite(r[1]) else self.inf for r in rows], dtype=np.float64)
        lens = np.array([r[2].size for r in rows], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int32)
        idx = np.concatenate([r[2] for r in rows]).astype(np.int32)
        val = np.concatenate([r[3] for r in rows])
        self.h.addRows(len(rows), lo, hi, int(idx.size), starts, idx, val)

    def separate(self, x: np.ndarray) -> int:
        """Add the lazy rows the LP solution ``x`` (of the active pairs) breaks; return how many."""
        pv, sc = self.pv, self.sc
        added = 0
        col0 = self.n_fixed_cols
        cad, op = self.act_c, self.act_o
        on = x > 1e-7
        away = on & (pv.o_kind[op] > 0)
        if away.any():
            a = np.flatnonzero(away)
            start, end = pv.o_start[op[a]], pv.o_end[op[a]]
            load = np.zeros((pv.n_c, 13))
            for m in range(1, 13):
                sel = (start <= m) & (end >= m)
                load[:, m] = np.bincount(cad[a[sel]], weights=x[a[sel]], minlength=pv.n_c)
            months = np.zeros(pv.n_c)
            np.add.at(months, cad[a], x[a] * pv.o_months[op[a]])
            all_away = np.flatnonzero(pv.o_kind[op] > 0)
            all_away = all_away[np.argsort(cad[all_away], kind="stable")]
            cad_s = cad[all_away]
            for i, m in zip(*np.nonzero((load > 1 + 1e-6) & (self.m_row < 0))):
                lo, hi = np.searchsorted(cad_s, [i, i + 1])
                mine = all_away[lo:hi]
                mine = mine[(pv.o_start[op[mine]] <= m) & (pv.o_end[op[mine]] >= m)]
                self.m_row[i, m] = self._add_row(-math.inf, 1, col0 + mine, np.ones(mine.size))
                added += 1
            cap = sc.rules.max_away_months
            for i in np.flatnonzero((months > cap + 1e-6) & (self.cap8_row < 0)).tolist():
                lo, hi = np.searchsorted(cad_s, [i, i + 1])
                mine = all_away[lo:hi]
                self.cap8_row[i] = self._add_row(-math.inf, cap, col0 + mine, pv.o_months[op[mine]].astype(float))
                added += 1
        added += self._separate_r7(x)
        self._flush_rows()
        return added

    def _separate_r7(self, x: np.ndarray) -> int:
        pv, sc, ca = self.pv, self.sc, self.bits.ca
        added = 0
        have = {frozenset(c.keys()) for _, c in self.r7_rows}
        seen = set()
        used = np.flatnonzero(x > 1e-7)
        used = used[np.argsort(self.act_c[used], kind="stable")]
        used_c = self.act_c[used]
        for r in sc.relations:
            if r.cadre_a not in ca.index or r.cadre_b not in ca.index:
                continue
            a, b = sorted((ca.index[r.cadre_a], ca.index[r.cadre_b]))
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            based = {}
            for i in (a, b):
                lo, hi = np.searchsorted(used_c, [i, i + 1])
                mine = used[lo:hi]
                post = mine[pv.o_kind[self.act_o[mine]] == 0]
                d: dict = {}
                for p in post.tolist():
                    u = int(pv.o_unit[self.act_o[p]])
                    d[u] = d.get(u, 0.0) + x[p]
                if pv.c_unit[i] >= 0:
                    u = int(pv.c_unit[i])
                    d[u] = d.get(u, 0.0) + 1.0 - float(x[post].sum())
                based[i] = d
                away = mine[pv.o_kind[self.act_o[mine]] > 0]
                based[(i, "away")] = {int(self.act_o[p]): x[p] for p in away.tolist()}
            for u in set(based[a]) & set(based[b]):
                if based[a][u] + based[b][u] > 1 + 1e-6:
                    coefs = {}
                    for i in (a, b):
                        coefs[(i, "unit", u)] = 1.0
                        if pv.c_unit[i] == u:
                            coefs[(i, "any", 0)] = -1.0
                    const = sum(1 for i in (a, b) if pv.c_unit[i] == u)
                    if frozenset(coefs) not in have:
                        self._add_r7(coefs, 1 - const)
                        added += 1
            for j in set(based[(a, "away")]) & set(based[(b, "away")]):
                if based[(a, "away")][j] + based[(b, "away")][j] > 1 + 1e-6:
                    coefs = {(a, "open", j): 1.0, (b, "open", j): 1.0}
                    if frozenset(coefs) not in have:
                        self._add_r7(coefs, 1)
                        added += 1
        return added

    def _add_r7(self, coefs: dict, rhs: float) -> None:
        c = self._r7_coef(coefs, self.act_c, self.act_o)
        sel = np.flatnonzero(c != 0)
        row = self._add_row(-math.inf, rhs, self.n_fixed_cols + sel, c[sel])
        self.r7_rows.append((row, coefs))

