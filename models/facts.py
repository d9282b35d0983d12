"""Derived facts of SPEC section 3, as plain functions of a scenario and a cadre.

These are the single source of the facts for the model, the checker, the explanations and the
reports, so that "service years" means one thing everywhere.
"""
from __future__ import annotations

from models.months import month_of, overlap_months, whole_years_until, year_of
from models.scenario import Cadre, Scenario


def age(cadre: Cadre, plan_year: int) -> int:
    """Age in whole years at 1 January of ``plan_year`` (born 1996-02 is 30 in 2027)."""
    return whole_years_until(cadre.birth, plan_year)


def service_years(cadre: Cadre, plan_year: int) -> int:
    """``plan_year - entry year`` (entry 2024-12 gives 3 in 2027), SPEC 3.1."""
    return plan_year - year_of(cadre.entry)


def years_at_unit(cadre: Cadre, plan_year: int) -> int:
    """Whole years from ``unit_since`` to 1 January of ``plan_year``; 0 for a new recruit."""
    if cadre.unit_since is None:
        return 0
    return whole_years_until(cadre.unit_since, plan_year)


def lookback_window(scenario: Scenario) -> tuple:
    """The inclusive month range of the ``hardship_lookback_years`` whole years before the plan year."""
    y = scenario.plan_year
    return month_of(y - scenario.rules.hardship_lookback_years, 1), month_of(y - 1, 12)


def historical_points(scenario: Scenario, cadre: Cadre) -> int:
    """Hardship points carried before the plan (SPEC 3.2).

    Each history row counts its unit's hardship times its months inside the look-back window;
    the current unit counts from ``unit_since`` to December of the year before the plan. A
    temporary assignment or task during the current posting counts on top of it (no netting).
    """
    lo, hi = lookback_window(scenario)
    units = scenario.unit_by_id
    points = 0
    for h in scenario.history_by_cadre.get(cadre.cadre_id, ()):
        points += units[h.unit_id].hardship * overlap_months(h.start, h.end, lo, hi)
    if cadre.unit_id is not None:
        points += units[cadre.unit_id].hardship * overlap_months(cadre.unit_since, hi, lo, hi)
    return points


def grassroots_record(scenario: Scenario, cadre: Cadre) -> bool:
    """Grassroots record before the plan (SPEC 3.3): current unit grassroots, or a past
    posting or temporary assignment at a grassroots unit. Tasks never count."""
    units = scenario.unit_by_id
    if cadre.unit_id is not None and units[cadre.unit_id].grassroots:
        return True
    return any(
        h.kind in ("posting", "temporary") and units[h.unit_id].grassroots
        for h in scenario.history_by_cadre.get(cadre.cadre_id, ())
    )


def rotation_due(scenario: Scenario, cadre: Cadre) -> bool:
    """R6: years at the current unit >= ``max_tenure_years``."""
    return cadre.unit_id is not None and years_at_unit(cadre, scenario.plan_year) >= scenario.rules.max_tenure_years


def first_stop_restricted(scenario: Scenario, cadre: Cadre) -> bool:
    """R4 second sentence: no grassroots record and service years below ``first_stop_years``.

    Such a cadre may be posted only to a grassroots unit. New recruits are covered too (they
    have no record), and R4 additionally requires them to get exactly one posting.
    """
    return (not grassroots_record(scenario, cadre)
            and service_years(cadre, scenario.plan_year) < scenario.rules.first_stop_years)


def no_return_units(scenario: Scenario, cadre: Cadre) -> frozenset:
    """R5: units of past postings that ended in one of the ``no_return_years`` years before the plan."""
    first = scenario.plan_year - scenario.rules.no_return_years
    return frozenset(
        h.unit_id for h in scenario.history_by_cadre.get(cadre.cadre_id, ())
        if h.kind == "posting" and first <= year_of(h.end) <= scenario.plan_year - 1
    )


def current_region(scenario: Scenario, cadre: Cadre):
    """Region of the cadre's unit before the plan; None for a new recruit."""
    if cadre.unit_id is None:
        return None
    return scenario.unit_by_id[cadre.unit_id].region_id


def plan_points(scenario: Scenario, opening_ids) -> int:
    """Hardship points a plan adds to one cadre given the ids of the openings assigned."""
    return sum(scenario.opening_points(scenario.opening_by_id[o]) for o in opening_ids)


def grassroots_record_after(scenario: Scenario, cadre: Cadre, opening_ids) -> bool:
    """Record after the plan: before, or a plan posting/temporary at a grassroots unit."""
    if grassroots_record(scenario, cadre):
        return True
    for oid in opening_ids:
        o = scenario.opening_by_id[oid]
        if o.kind in ("posting", "temporary") and scenario.unit_by_id[o.unit_id].grassroots:
            return True
    return False


def based_after(scenario: Scenario, plan) -> dict:
    """cadre_id -> the unit each cadre is based in after the plan (R7): the unit of a new
    posting, else the current unit (None for a recruit left without a posting)."""
    base = {c.cadre_id: c.unit_id for c in scenario.cadres}
    for a in plan.assignments:
        if a.kind == "posting":
            base[a.cadre_id] = a.unit_id
    return base
