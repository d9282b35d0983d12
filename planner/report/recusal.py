"""回避核查: whether one line of the plan keeps recusal (R7), in words."""
from __future__ import annotations

from planner.report.plan_facts import PlanFacts


def recusal_check(f: PlanFacts, line) -> str:
    """通过, naming the R7 checks that applied, or 未通过 and why, one check a line.

    Kin recusal: where the cadre is based after the plan (the posting's unit, else the current
    one) against each relative's base, and for a temporary assignment or task whether a relative
    is on the same opening. Regional recusal (tasks only): the task's region against the home
    region and the current unit's region.
    """
    sc = f.sc
    cadre = sc.cadre_by_id[line.cadre_id]
    opening = sc.opening_by_id[line.opening_id]
    ok, bad = [], []
    has_posting = any(x.kind == "posting" for x in f.by_cadre.get(cadre.cadre_id, ()))
    for other, relation in sc.partners.get(cadre.cadre_id, ()):
        who = f.text("who", name=sc.cadre_by_id[other].name, relation=relation or f.text("relative"))
        # Where the two are based after the plan: on the posting's line, or on every line of a
        # cadre who keeps the current unit (no posting line would show it otherwise).
        if opening.kind == "posting" or not has_posting:
            mine = f.base.get(cadre.cadre_id)
            if mine is not None and f.base.get(other) == mine:
                bad.append(f.text("kin_same_unit", who=who, unit=f.unit_name(mine)))
            else:
                ok.append(f.text("kin_other_unit", who=who))
        if opening.kind != "posting":
            if any(x.cadre_id == other for x in f.by_opening.get(opening.opening_id, ())):
                bad.append(f.text("kin_same_team", who=who))
            else:
                ok.append(f.text("kin_other_team", who=who))
    if opening.kind == "task":
        region = sc.unit_by_id[opening.unit_id].region_id
        name = f.region_name(region)
        if region == cadre.home_region:
            bad.append(f.text("region_home", region=name))
        elif cadre.unit_id is not None and sc.unit_by_id[cadre.unit_id].region_id == region:
            bad.append(f.text("region_current", region=name))
        else:
            ok.append(f.text("region_ok", region=name))
    if bad:
        return f.text("recusal_failed") + "\n".join(bad)
    return "\n".join([f.text("recusal_passed")] + ok)
