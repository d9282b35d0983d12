"""A cadre's path (成长轨迹, issue 13): units, regions, kinds and hardship points year by year,
across the history, the current posting and the plan, and when the grassroots record was gained.

The points follow SPEC 3.2 through ``models.facts``: a history row or the current posting counts
its unit's hardship times its months, and only the months inside the look-back window enter the
historical points; a plan line counts its opening's points (a posting 12 months). The record
follows SPEC 3.3: the first posting or temporary assignment at a grassroots unit (tasks never
count), in the order the rows start.
"""
from __future__ import annotations

from dataclasses import dataclass

from models import facts
from models.months import month_of, month_str, overlap_months, year_of
from models.plan import Plan
from models.scenario import Scenario

PATH_COLUMNS = ("year", "source", "kind", "opening_id", "unit_id", "unit_name", "region_id", "region_name",
                "level", "grassroots", "hardship", "start", "end", "months", "points", "counted_points",
                "record_gained", "record")


@dataclass(frozen=True)
class _Stint:
    source: str          # history, current, plan or stays
    kind: str
    unit_id: str
    start: int           # month index, inclusive
    end: int
    hardship: int
    opening_id: str | None = None


def _stints(scenario: Scenario, plan: Plan | None, cadre_id: str) -> list:
    sc = scenario
    c = sc.cadre_by_id[cadre_id]
    y = sc.plan_year
    out = [_Stint("history", h.kind, h.unit_id, h.start, h.end, sc.unit_by_id[h.unit_id].hardship)
           for h in sc.history_by_cadre.get(cadre_id, ())]
    if c.unit_id is not None:
        out.append(_Stint("current", "posting", c.unit_id, c.unit_since, month_of(y - 1, 12),
                          sc.unit_by_id[c.unit_id].hardship))
    mine = [a for a in plan.assignments if a.cadre_id == cadre_id] if plan is not None else []
    for a in mine:
        o = sc.opening_by_id[a.opening_id]
        # A posting counts the whole plan year (SPEC 3.2: 12 months).
        start, end = (1, 12) if a.kind == "posting" else (a.start_month, a.end_month)
        out.append(_Stint("plan", a.kind, a.unit_id, month_of(y, start), month_of(y, end), sc.opening_hardship(o),
                          a.opening_id))
    if plan is not None and c.unit_id is not None and not any(a.kind == "posting" for a in mine):
        out.append(_Stint("stays", "posting", c.unit_id, month_of(y, 1), month_of(y, 12),
                          sc.unit_by_id[c.unit_id].hardship))
    source_order = {"history": 0, "current": 1, "plan": 2, "stays": 2}
    return sorted(out, key=lambda s: (s.start, source_order[s.source], s.end, s.unit_id))


def cadre_path(scenario: Scenario, plan: Plan | None, cadre_id: str) -> list[dict]:
    """The cadre's path, one record per stint and calendar year.

    Parameters
    ----------
    scenario : the scenario (history, current posting).
    plan : the plan (its lines for ``cadre_id`` make up the plan year), or None for the past only.
    cadre_id : the cadre.

    Returns
    -------
    list of dict
        Year by year (within a year, in the order the parts begin), one per stint and year,
        with the keys of ``PATH_COLUMNS``: ``source`` (``history``, ``current``, ``plan``, or
        ``stays`` - the current unit kept through the plan year, which adds no plan points),
        ``months`` (in that year), ``points`` (hardship x months in that year),
        ``counted_points`` (the part counted in the cadre's total after the plan, SPEC 3.2:
        history and current posting inside the look-back window, plan lines in full, ``stays``
        nothing), ``record_gained`` (this is the stint that gave the grassroots record, on its
        first year) and ``record`` (the record is held by the end of the row's months).
        ``sum(counted_points)`` equals the total points after the plan.
    """
    sc = scenario
    lo, hi = facts.lookback_window(sc)
    stints = _stints(sc, plan, cadre_id)
    # The record comes with the first posting or temporary assignment at a grassroots unit.
    giving = [s for s in stints if s.source != "stays" and s.kind in ("posting", "temporary")
              and sc.unit_by_id[s.unit_id].grassroots]
    first = giving[0] if giving else None
    out = []
    for stint in stints:
        unit = sc.unit_by_id[stint.unit_id]
        region = sc.region_by_id.get(unit.region_id)
        for year in range(year_of(stint.start), year_of(stint.end) + 1):
            begin, last = max(stint.start, month_of(year, 1)), min(stint.end, month_of(year, 12))
            months = last - begin + 1
            if stint.source in ("plan", "stays"):
                counted = stint.hardship * months if stint.source == "plan" else 0
            else:
                counted = stint.hardship * overlap_months(begin, last, lo, hi)
            out.append({
                "year": year, "source": stint.source, "kind": stint.kind, "opening_id": stint.opening_id,
                "unit_id": stint.unit_id, "unit_name": unit.name, "region_id": unit.region_id,
                "region_name": region.name if region else unit.region_id, "level": unit.level,
                "grassroots": unit.grassroots, "hardship": stint.hardship,
                "start": month_str(begin), "end": month_str(last), "months": months,
                "points": stint.hardship * months, "counted_points": counted,
                "record_gained": stint is first and year == year_of(stint.start),
                "record": first is not None and first.start <= last,
            })
    # Year by year; within a year, in the order the stints' parts begin (a stable sort keeps the
    # stints' own order on equal months).
    out.sort(key=lambda row: (row["year"], row["start"]))
    return out
