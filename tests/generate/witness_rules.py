"""An independent witness checker for the generator's tests, written from SPEC section 4 alone, so
that a mistake in the generator's own reading of a rule cannot hide itself; ``planner.check``'s
``check_plan`` is run on the witness as a second opinion.
"""
from __future__ import annotations

from collections import defaultdict

from models import facts
from models.months import year_of
from models.plan import Assignment, Plan
from planner.check import check_plan

RATING = {"incompetent": 0, "basic": 1, "competent": 2, "excellent": 3}


def r2_ok(sc, c, o) -> bool:
    """R2 for cadre ``c`` and opening ``o``."""
    y = sc.plan_year
    if o.ranks and c.rank not in o.ranks:
        return False
    if o.specialties and c.specialty not in o.specialties:
        return False
    if not set(o.certificates) <= set(c.certificates):
        return False
    if o.post_type is not None and o.post_type != c.post_type:
        transfer = o.allow_transfer and sc.rules.allow_transfer and {o.post_type, c.post_type} <= {"admin", "civil"}
        if not transfer:
            return False
    if RATING[c.rating] < RATING[o.min_rating]:
        return False
    if o.talent_pool_only and not c.talent_pool:
        return False
    if y - year_of(c.entry) < o.min_service_years:
        return False
    if o.max_age is not None and (y * 12 - c.birth) // 12 > o.max_age:
        return False
    return True


def witness_violations(sc, pairs) -> list:
    """Every broken rule instance of the plan ``pairs``, as ``(code, detail)``."""
    bad = []
    cad, opn, units = sc.cadre_by_id, sc.opening_by_id, sc.unit_by_id
    if len(set(pairs)) != len(pairs):
        bad.append(("R3", "a pair appears twice"))
    by_cadre, by_open = defaultdict(list), defaultdict(list)
    for cid, oid in pairs:
        by_cadre[cid].append(opn[oid])
        by_open[oid].append(cad[cid])
    post_unit = {}
    for cid, ops in by_cadre.items():
        c = cad[cid]
        posts = [o for o in ops if o.kind == "posting"]
        if len(posts) > 1:
            bad.append(("R1", cid))
        for o in posts:
            post_unit[cid] = o.unit_id
            if o.unit_id == c.unit_id:
                bad.append(("R1", f"{cid} posted to its own unit"))
            if facts.first_stop_restricted(sc, c) and not units[o.unit_id].grassroots:
                bad.append(("R4", f"{cid} first stop not grassroots"))
            if o.unit_id in facts.no_return_units(sc, c):
                bad.append(("R5", cid))
        for o in ops:
            if not r2_ok(sc, c, o):
                bad.append(("R2", f"{cid} {o.opening_id}"))
        away = sorted((o for o in ops if o.kind != "posting"), key=lambda o: o.start_month)
        for a, b in zip(away, away[1:]):
            if b.start_month <= a.end_month:
                bad.append(("R8", f"{cid} overlap"))
        if sum(o.end_month - o.start_month + 1 for o in away) > sc.rules.max_away_months:
            bad.append(("R8", f"{cid} too long"))
        for o in away:
            if c.exempt and sc.opening_hardship(o) > 0:
                bad.append(("R10", cid))
            if o.kind == "task":
                region = units[o.unit_id].region_id
                if region == c.home_region or (c.unit_id and region == units[c.unit_id].region_id):
                    bad.append(("R7", f"{cid} task in own region"))
    for c in sc.cadres:
        posts = [o for o in by_cadre.get(c.cadre_id, ()) if o.kind == "posting"]
        if c.unit_id is None and (len(posts) != 1 or not units[posts[0].unit_id].grassroots):
            bad.append(("R4", f"recruit {c.cadre_id}"))
        if c.unit_id is not None and (sc.plan_year * 12 - c.unit_since) // 12 >= sc.rules.max_tenure_years \
                and not posts:
            bad.append(("R6", c.cadre_id))
    for o in sc.openings:
        held = by_open.get(o.opening_id, [])
        if not o.min_seats <= len(held) <= o.seats:
            bad.append(("R3", o.opening_id))
        if held:
            for code, k in o.team_needs:
                if sum(1 for c in held if code in c.certificates or c.specialty == code) < k:
                    bad.append(("R9", o.opening_id))
    for r in sc.relations:
        a, b = cad[r.cadre_a], cad[r.cadre_b]
        if post_unit.get(a.cadre_id, a.unit_id) == post_unit.get(b.cadre_id, b.unit_id) is not None:
            bad.append(("R7", f"kin {a.cadre_id} {b.cadre_id} same unit"))
        common = {o.opening_id for o in by_cadre.get(a.cadre_id, ()) if o.kind != "posting"} & \
                 {o.opening_id for o in by_cadre.get(b.cadre_id, ())}
        if common:
            bad.append(("R7", f"kin {a.cadre_id} {b.cadre_id} together"))
    chosen = set(pairs)
    for lk in sc.locks:
        if (lk.lock == "require") != ((lk.cadre_id, lk.opening_id) in chosen):
            bad.append(("R11", f"{lk.lock} {lk.cadre_id} {lk.opening_id}"))
    return bad


def as_plan(sc, pairs) -> Plan:
    ob = sc.opening_by_id
    return Plan(tuple(Assignment(c, o, ob[o].kind, ob[o].unit_id, ob[o].start_month, ob[o].end_month)
                      for c, o in pairs))


def check_with_planner_check(sc, pairs):
    """``planner.check.check_plan`` finds no violation in the plan ``pairs``."""
    report = check_plan(sc, as_plan(sc, pairs))
    assert not report.violations, [str(v) for v in report.violations[:5]]
