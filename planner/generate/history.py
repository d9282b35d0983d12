"""Step 3: each serving cadre's history - past postings from entry to the current unit, and past
temporary assignments and tasks in between (SPEC 2 history.csv), all ended before the plan year."""
from __future__ import annotations

from models.months import month_of
from planner.generate.drafts import CadreDraft, Draft, PastRow, UnitDraft
from planner.generate.sizes import PLAN_YEAR

# History ends before the plan year; entries after it are moved back to it.
LAST_HISTORY_MONTH = month_of(PLAN_YEAR - 1, 12)


def _pick_unit(draft: Draft, pool: list, avoid: set) -> UnitDraft | None:
    """A unit of ``pool`` whose id is not in ``avoid`` (30 draws), else None."""
    for _ in range(30):
        unit = draft.rng.choice(pool)
        if unit.unit_id not in avoid:
            return unit
    return None


def draw_history(draft: Draft, cadre: CadreDraft) -> None:
    """Past postings fill entry..unit_since-1; temporary assignments and tasks lie in between.

    A cadre who ``lacks_grassroots`` only ever served outside grassroots units (R4 and the
    fairness term then have someone to act on). A career too short for a past posting of at
    least six months starts at the current unit.

    Parameters
    ----------
    draft : Draft
    cadre : CadreDraft
        A serving cadre with ``entry``, ``unit`` and ``unit_since``; gets ``history`` (and may
        get ``unit_since`` moved back to ``entry``).
    """
    rng, pools = draft.rng, draft.pools
    span = cadre.unit_since - cadre.entry
    rows = []
    if span >= 6:
        k = 1 if span < 30 else 2 if span < 66 else 3
        k = min(k, span // 6)
        cuts = sorted(rng.sample(range(cadre.entry + 6, cadre.unit_since - 5), k - 1)) if k > 1 else []
        # Keep every segment at least 6 months long.
        bounds = [cadre.entry] + cuts + [cadre.unit_since]
        if any(b - a < 6 for a, b in zip(bounds, bounds[1:])):
            bounds = [cadre.entry, cadre.unit_since]
        later = cadre.unit
        segments = []
        for a, b in reversed(list(zip(bounds, bounds[1:]))):
            first = a == cadre.entry
            if cadre.lacks_grassroots:
                pool = pools.non_grassroots
            else:
                pool = pools.grassroots if (first and rng.random() < 0.7) else pools.postable
            unit = (_pick_unit(draft, pool, {later.unit_id})
                    or _pick_unit(draft, pools.postable, {later.unit_id}))
            segments.append(PastRow("posting", unit, a, b - 1))
            later = unit
        rows.extend(reversed(segments))
    elif span > 0:
        cadre.unit_since = cadre.entry
    rows.extend(_draw_past_away(draft, cadre))
    rows.sort(key=lambda r: (r.start, r.end))
    cadre.history = rows


def _draw_past_away(draft: Draft, cadre: CadreDraft) -> list:
    """Past temporary assignments (at hard branches or higher bodies) and tasks, not overlapping."""
    rng, pools = draft.rng, draft.pools
    service = draft.year - cadre.entry // 12
    n_away = rng.choice((0, 0, 1, 1, 2, 3)) if service >= 2 else 0
    taken, rows = [], []
    for _ in range(n_away):
        if rng.random() < 0.4:
            kind = "temporary"
            if cadre.lacks_grassroots:
                unit = rng.choice(pools.higher_bodies) if pools.higher_bodies else None
            else:
                unit = rng.choice(pools.hard_branches + pools.higher_bodies)
            length = rng.randint(3, 12)
        else:
            kind = "task"
            unit = rng.choice(pools.branches)
            length = rng.randint(1, 3)
        if unit is None or unit is cadre.unit:
            continue
        lo, hi = cadre.entry, LAST_HISTORY_MONTH - length + 1
        if hi < lo:
            continue
        start = rng.randint(lo, hi)
        end = start + length - 1
        if any(not (end < a or start > b) for a, b in taken):
            continue
        taken.append((start, end))
        rows.append(PastRow(kind, unit, start, end))
    return rows
