"""What a scenario holds, in lines for ``planner validate`` (and the walkthrough notebook)."""
from __future__ import annotations

from models import facts
from models.scenario import KINDS, Scenario


def scenario_summary(scenario: Scenario) -> list:
    """Lines for ``planner validate``: what the scenario holds and the facts that drive the plan."""
    sc = scenario
    y = sc.plan_year
    cadres = sc.cadres
    recruits = sum(c.is_recruit for c in cadres)
    due = sum(facts.rotation_due(sc, c) for c in cadres)
    no_record = sum(not facts.grassroots_record(sc, c) for c in cadres)
    restricted = sum(facts.first_stop_restricted(sc, c) for c in cadres)
    exempt = sum(c.exempt for c in cadres)
    pool = sum(c.talent_pool for c in cadres)
    by_kind = {k: [0, 0, 0] for k in KINDS}   # openings, seats, min_seats
    shortage_open = shortage_seats = 0
    for o in sc.openings:
        by_kind[o.kind][0] += 1
        by_kind[o.kind][1] += o.seats
        by_kind[o.kind][2] += o.min_seats
        if sc.unit_by_id[o.unit_id].key_shortage:
            shortage_open += 1
            shortage_seats += o.seats
    require = sum(lk.lock == "require" for lk in sc.locks)
    grassroots_units = sum(u.grassroots for u in sc.units)
    shortage_units = sum(u.key_shortage for u in sc.units)
    lines = [
        f"scenario: {sc.name} (plan year {y})",
        f"sha256: {sc.sha256 or '-'}",
        f"regions: {len(sc.regions)}; units: {len(sc.units)} (grassroots {grassroots_units}, "
        f"key shortage {shortage_units})",
        f"cadres: {len(cadres)} (new recruits {recruits}, rotation due {due}, "
        f"without grassroots record {no_record}, first-stop restricted {restricted}, "
        f"exempt {exempt}, talent pool {pool})",
        f"openings: {len(sc.openings)}, seats {sum(v[1] for v in by_kind.values())} - "
        + ", ".join(f"{k} {v[0]} ({v[1]} seats, min {v[2]})" for k, v in by_kind.items()),
        f"key shortage: {shortage_open} openings, {shortage_seats} seats",
        f"history rows: {len(sc.history)}; relations: {len(sc.relations)}; preferences: {len(sc.preferences)}; "
        f"fit scores: {len(sc.fit)}; locks: {len(sc.locks)} (require {require}, forbid {len(sc.locks) - require})",
    ]
    if sc.extra_columns:
        lines.append(f"extra cadre columns: {', '.join(sc.extra_columns)}")
    lines.append("scenario is valid")
    return lines
