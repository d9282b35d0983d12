"""What a scenario holds, in lines for ``planner validate`` (and the walkthrough notebook)."""
from __future__ import annotations

from models import facts
from models.scenario import KINDS, Scenario


def scenario_summary(scenario: Scenario) -> list[str]:
    """What the scenario holds and the facts that drive the plan, one line each.

    Parameters
    ----------
    scenario : models.Scenario

    Returns
    -------
    list of str
        Ends with ``scenario is valid``.
    """
    cadres = scenario.cadres
    recruits = sum(c.is_recruit for c in cadres)
    due = sum(facts.rotation_due(scenario, c) for c in cadres)
    no_record = sum(not facts.grassroots_record(scenario, c) for c in cadres)
    restricted = sum(facts.first_stop_restricted(scenario, c) for c in cadres)
    exempt = sum(c.exempt for c in cadres)
    pool = sum(c.talent_pool for c in cadres)
    by_kind = {k: [0, 0, 0] for k in KINDS}   # openings, seats, min_seats
    shortage_openings = shortage_seats = 0
    for opening in scenario.openings:
        counts = by_kind[opening.kind]
        counts[0] += 1
        counts[1] += opening.seats
        counts[2] += opening.min_seats
        if scenario.unit_by_id[opening.unit_id].key_shortage:
            shortage_openings += 1
            shortage_seats += opening.seats
    locks = scenario.locks
    require = sum(lock.lock == "require" for lock in locks)
    grassroots_units = sum(u.grassroots for u in scenario.units)
    shortage_units = sum(u.key_shortage for u in scenario.units)
    lines = [
        f"scenario: {_capped(scenario.name)} (plan year {scenario.plan_year})",
        f"sha256: {scenario.sha256 or '-'}",
        f"regions: {len(scenario.regions)}; units: {len(scenario.units)} (grassroots {grassroots_units}, "
        f"key shortage {shortage_units})",
        f"cadres: {len(cadres)} (new recruits {recruits}, rotation due {due}, "
        f"without grassroots record {no_record}, first-stop restricted {restricted}, "
        f"exempt {exempt}, talent pool {pool})",
        f"openings: {len(scenario.openings)}, seats {sum(v[1] for v in by_kind.values())} - "
        + ", ".join(f"{k} {v[0]} ({v[1]} seats, min {v[2]})" for k, v in by_kind.items()),
        f"key shortage: {shortage_openings} openings, {shortage_seats} seats",
        f"history rows: {len(scenario.history)}; relations: {len(scenario.relations)}; "
        f"preferences: {len(scenario.preferences)}; fit scores: {len(scenario.fit)}; "
        f"locks: {len(locks)} (require {require}, forbid {len(locks) - require})",
    ]
    if scenario.extra_columns:
        lines.append(f"extra cadre columns: {', '.join(scenario.extra_columns)}")
    lines.append("scenario is valid")
    return lines


def _capped(text: str, limit: int = 80) -> str:
    """A name as a line can hold it: a scenario's name is free text of any length."""
    return text if len(text) <= limit else text[:limit] + "…"
