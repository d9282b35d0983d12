"""The hard rules of SPEC section 4, one function each, writing into a ``LinearModel``.

Part of each rule is already enforced by the candidate list (``planner.model.eligibility``): a pair
that a rule forbids outright never gets a variable. The functions here add what relates
several pairs. ``RULES`` is the single ordered list of active rules.
"""
from __future__ import annotations

import math

import numpy as np

from planner.model.context import ModelContext
from planner.model.linear import LinearModel, Tag

INF = math.inf
MONTHS = np.arange(1, 13)


def _cadre_postings(ctx: ModelContext, i: int) -> np.ndarray:
    s = ctx.cadre_slice(i)
    idx = np.arange(s.start, s.stop)
    return idx[ctx.p_posting[s]]


def add_r1_one_posting(m: LinearModel, ctx: ModelContext) -> None:
    """R1 One posting: at most one posting per cadre. (Posting to the current unit is filtered out.)"""
    ca = ctx.ca
    n_post = np.bincount(ctx.pc[ctx.p_posting], minlength=len(ca.ids))
    for i in np.flatnonzero(n_post >= 2):
        m.add(_cadre_postings(ctx, i), 1, -INF, 1, Tag("R1", (ca.ids[i],)))


def add_r3_seats(m: LinearModel, ctx: ModelContext) -> None:
    """R3 Seats: each opening gets at most ``seats`` and at least ``min_seats`` cadres.

    Openings with team needs get their upper bound from R9 (``sum x <= seats * y``), which
    implies this one; the lower bound stays here.
    """
    for j, o in enumerate(ctx.scenario.openings):
        idx = ctx.pairs_by_opening[j]
        has_needs = bool(o.team_needs)
        hi = INF if (has_needs or idx.size <= o.seats) else o.seats
        lo = o.min_seats if o.min_seats > 0 else -INF
        if lo == -INF and hi == INF:
            continue
        m.add(idx, 1, lo, hi, Tag("R3", (), (o.opening_id,),
                                  f"{o.min_seats} <= assigned <= {o.seats}"))


def add_r4_first_stop(m: LinearModel, ctx: ModelContext) -> None:
    """R4 First stop: a new recruit gets exactly one posting (grassroots-only is a candidate filter,
    as is the grassroots restriction of cadres with no record and short service)."""
    ca = ctx.ca
    for i in np.flatnonzero(ca.recruit):
        m.add(_cadre_postings(ctx, i), 1, 1, 1, Tag("R4", (ca.ids[i],), (), "new recruit needs one grassroots posting"))


def add_r6_rotation_due(m: LinearModel, ctx: ModelContext) -> None:
    """R6 Rotation due: years at the current unit >= max_tenure_years -> at least one posting."""
    ca = ctx.ca
    for i in np.flatnonzero(ca.rotation_due & ~ca.recruit):
        m.add(_cadre_postings(ctx, i), 1, 1, INF, Tag("R6", (ca.ids[i],), (), "rotation due"))


def add_r7_recusal(m: LinearModel, ctx: ModelContext) -> None:
    """R7 Recusal: related cadres are not based in the same unit (new posting's unit, else the
    current unit) and not on the same temporary/task opening. (The task home-region part is a
    candidate filter.)

    ``based(a, u) = sum_{postings of a at u} x + [cur(a) = u] * (1 - sum_{postings of a} x)``,
    and for every unit both could be based in: ``based(a, u) + based(b, u) <= 1``.
    """
    sc, ca = ctx.scenario, ctx.ca
    seen = set()
    for r in sc.relations:
        a, b = ca.index[r.cadre_a], ca.index[r.cadre_b]
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        ids = (ca.ids[key[0]], ca.ids[key[1]])
        per = {}
        for i in key:
            s = ctx.cadre_slice(i)
            idx = np.arange(s.start, s.stop)
            post = idx[ctx.p_posting[s]]
            per[i] = (idx, post)
        units_a = set(ctx.p_unit[per[a][1]].tolist()) | ({int(ctx.c_unit[a])} if ctx.c_unit[a] >= 0 else set())
        units_b = set(ctx.p_unit[per[b][1]].tolist()) | ({int(ctx.c_unit[b])} if ctx.c_unit[b] >= 0 else set())
        for u in sorted(units_a & units_b):
            idx_parts, coef_parts, const = [], [], 0
            for i in key:
                post = per[i][1]
                at_u = post[ctx.p_unit[post] == u]
                idx_parts.append(at_u)
                coef_parts.append(np.ones(at_u.size, dtype=np.int64))
                if ctx.c_unit[i] == u:
                    const += 1
                    idx_parts.append(post)
                    coef_parts.append(-np.ones(post.size, dtype=np.int64))
            unit_id = sc.units[u].unit_id
            m.add(np.concatenate(idx_parts), np.concatenate(coef_parts), -INF, 1 - const,
                  Tag("R7", ids, (), f"{r.relation or 'relation'}: not both based in {unit_id}"))
        # Same temporary/task opening.
        ia, ib = per[a][0], per[b][0]
        away_a = ia[~ctx.p_posting[ia]]
        away_b = ib[~ctx.p_posting[ib]]
        common = np.intersect1d(ctx.po[away_a], ctx.po[away_b])
        for j in common.tolist():
            pa = away_a[ctx.po[away_a] == j][0]
            pb = away_b[ctx.po[away_b] == j][0]
            m.add([pa, pb], 1, -INF, 1, Tag("R7", ids, (sc.openings[j].opening_id,),
                                            f"{r.relation or 'relation'}: not on the same team"))


def add_r8_time(m: LinearModel, ctx: ModelContext) -> None:
    """R8 Time: a cadre's temporary assignments and tasks do not overlap and total at most
    ``max_away_months``. Overlap is one clique per distinct maximal set of openings covering a month."""
    ca, cap = ctx.ca, ctx.scenario.rules.max_away_months
    away = ~ctx.p_posting
    n_away = np.bincount(ctx.pc[away], minlength=len(ca.ids))
    for i in np.flatnonzero(n_away >= 1):
        s = ctx.cadre_slice(i)
        idx = np.arange(s.start, s.stop)[away[s]]
        if idx.size == 0:
            continue
        op = ctx.po[idx]
        starts, ends = ctx.o_start[op], ctx.o_end[op]
        if idx.size >= 2:
            # cover[m] = the openings that occupy month m. For intervals, a month's cover that is
            # contained in another month's cover is contained in a neighbouring month's cover, so
            # comparing neighbours finds the maximal cliques.
            cover = (starts[None, :] <= MONTHS[:, None]) & (ends[None, :] >= MONTHS[:, None])
            size = cover.sum(axis=1)
            prev = np.vstack([np.zeros((1, idx.size), dtype=bool), cover[:-1]])
            nxt = np.vstack([cover[1:], np.zeros((1, idx.size), dtype=bool)])
            inside_prev = ~(cover & ~prev).any(axis=1)
            inside_next = ~(cover & ~nxt).any(axis=1)
            for mo in range(12):
                if size[mo] < 2:
                    continue
                # Skip a month whose cover repeats the previous month's or sits inside a neighbour's.
                if inside_prev[mo] and (size[mo - 1] >= size[mo] if mo > 0 else False):
                    continue
                if inside_next[mo] and (mo < 11 and size[mo + 1] > size[mo]):
                    continue
                c = idx[cover[mo]]
                m.add(c, 1, -INF, 1, Tag("R8", (ca.ids[i],),
                                         tuple(ctx.scenario.openings[ctx.po[p]].opening_id for p in c.tolist()),
                                         "overlapping months"))
        months = ctx.o_months[op]
        if months.sum() > cap:
            m.add(idx, months, -INF, cap, Tag("R8", (ca.ids[i],), (), f"at most {cap} months away"))


def add_r9_team_needs(m: LinearModel, ctx: ModelContext) -> None:
    """R9 Team needs: an opening with anyone assigned has, for each ``CODE:k``, at least k people
    holding certificate CODE or having specialty CODE. ``y`` = the opening is used:
    ``sum x <= seats * y`` and ``sum_{qualified} x >= k * y``."""
    ca, sc = ctx.ca, ctx.scenario
    for j, o in enumerate(sc.openings):
        if not o.team_needs:
            continue
        idx = ctx.pairs_by_opening[j]
        if idx.size == 0:
            continue
        y = m.new_var(f"used[{o.opening_id}]")
        m.add(np.append(idx, y), np.append(np.ones(idx.size, dtype=np.int64), -o.seats), -INF, 0,
              Tag("R3", (), (o.opening_id,), f"assigned <= {o.seats}"))
        cad = ctx.pc[idx]
        for code, k in o.team_needs:
            bit = ca.cert_codes.get(code)
            qual = ca.specialty[cad] == code
            if bit is not None:
                qual = qual | ((ca.certs[cad] >> bit) & 1).astype(bool)
            q = idx[qual]
            m.add(np.append(q, y), np.append(np.ones(q.size, dtype=np.int64), -k), 0, INF,
                  Tag("R9", (), (o.opening_id,), f"at least {k} with {code}"))


def add_r11_locks(m: LinearModel, ctx: ModelContext) -> None:
    """R11 Locks: a ``require`` lock is in the plan (forbid locks are a candidate filter).
    A required pair that is not a candidate gives an empty constraint ``0 >= 1``: infeasible,
    and the diagnosis names the filter that removed the pair."""
    for lk in ctx.scenario.locks:
        if lk.lock != "require":
            continue
        p = ctx.pair_index(lk.cadre_id, lk.opening_id)
        blocked = ctx.elig.blocking_filters(lk.cadre_id, lk.opening_id) if p is None else []
        text = "required by the committee" + (
            "; blocked by " + ", ".join(f"{code} ({why})" for code, why in blocked) if blocked else "")
        m.add([] if p is None else [p], 1, 1, INF, Tag("R11", (lk.cadre_id,), (lk.opening_id,), text))


# The single ordered list of active rules. R2, R5 and R10 live entirely in the candidate
# filters of planner.model.eligibility (a pair they forbid has no variable).
RULES = (
    add_r1_one_posting,
    add_r3_seats,
    add_r4_first_stop,
    add_r6_rotation_due,
    add_r7_recusal,
    add_r8_time,
    add_r9_team_needs,
    add_r11_locks,
)
