"""The hard rules of SPEC section 4, one check each (``check_r1`` .. ``check_r11``).

A second reading of the contract, written apart from the model on purpose: only the pure domain
(``models/``) and the derived facts of SPEC 3 (``models.facts``) are shared, so that a mistake in
the model's reading of a rule shows up here as a disagreement instead of being repeated. Every
check walks the plan's rows, the cadres, the openings or the relations once (nothing loops over
cadres x openings), so a province-size plan checks in seconds.
"""
from __future__ import annotations

from models import facts
from models.months import year_of
from models.scenario import Cadre, Opening, Scenario
from planner.check.findings import Violation
from planner.check.plan_view import PlanView, opening_hardship, sorted_ids, unit_region

# Our own copy of the rating order of R2 (excellent > competent > basic > incompetent), kept
# here rather than imported so that the checker does not share even this with the model.
RATING_LEVEL = {"excellent": 3, "competent": 2, "basic": 1, "incompetent": 0}
TRANSFER_PAIR = frozenset({"admin", "civil"})


def check_r1(plan: PlanView) -> list:
    """SPEC 4 R1 One posting: at most one posting per cadre, and not to the cadre's current unit."""
    out = []
    for cadre_id, openings in plan.by_cadre.items():
        cadre = plan.sc.cadre_by_id[cadre_id]
        postings = [o for o in openings if o.kind == "posting"]
        if len(postings) > 1:
            out.append(Violation("R1", (cadre_id,), sorted_ids(postings),
                                 f"{len(postings)} postings; a cadre gets at most one"))
        for o in postings:
            if cadre.unit_id is not None and o.unit_id == cadre.unit_id:
                out.append(Violation("R1", (cadre_id,), (o.opening_id,),
                                     f"posted to {o.unit_id}, the current unit; a posting must move the cadre"))
    return out


def r2_failures(scenario: Scenario, cadre: Cadre, opening: Opening) -> list:
    """Every SPEC 4 R2 condition the cadre misses for the opening, in plain words."""
    o = opening
    why = []
    if o.ranks and cadre.rank not in o.ranks:
        why.append(f"rank {cadre.rank} not in {sorted(o.ranks)}")
    if o.specialties and cadre.specialty not in o.specialties:
        why.append(f"specialty {cadre.specialty} not in {sorted(o.specialties)}")
    missing = set(o.certificates) - set(cadre.certificates)
    if missing:
        why.append(f"lacks certificate(s) {sorted(missing)}")
    if o.post_type is not None and cadre.post_type != o.post_type:
        both_transferable = {cadre.post_type, o.post_type} <= TRANSFER_PAIR
        if not (o.allow_transfer and scenario.rules.allow_transfer and both_transferable):
            note = " (admin<->civil transfer not allowed here)" if both_transferable else ""
            why.append(f"post_type {cadre.post_type} does not match {o.post_type}{note}")
    if RATING_LEVEL[cadre.rating] < RATING_LEVEL[o.min_rating]:
        why.append(f"rating {cadre.rating} below {o.min_rating}")
    if o.talent_pool_only and not cadre.talent_pool:
        why.append("not in the talent pool (opening is talent_pool_only)")
    years = facts.service_years(cadre, scenario.plan_year)
    if years < o.min_service_years:
        why.append(f"service years {years} < {o.min_service_years}")
    if o.max_age is not None:
        cadre_age = facts.age(cadre, scenario.plan_year)
        if cadre_age > o.max_age:
            why.append(f"age {cadre_age} > {o.max_age}")
    return why


def check_r2(plan: PlanView) -> list:
    """SPEC 4 R2 Eligibility: rank, specialty, certificates, post_type (with transfer), rating,
    talent pool, service years and age, for every assignment."""
    out = []
    for cadre_id, opening_id in plan.pairs:
        why = r2_failures(plan.sc, plan.sc.cadre_by_id[cadre_id], plan.sc.opening_by_id[opening_id])
        if why:
            out.append(Violation("R2", (cadre_id,), (opening_id,), "not eligible: " + "; ".join(why)))
    return out


def check_r3(plan: PlanView) -> list:
    """SPEC 4 R3 Seats: min_seats <= assigned <= seats for every opening (also those left empty)."""
    out = []
    for o in plan.sc.openings:
        holders = tuple(sorted(c.cadre_id for c in plan.by_opening.get(o.opening_id, ())))
        n = len(holders)
        if n > o.seats:
            out.append(Violation("R3", holders, (o.opening_id,),
                                 f"{n} cadres assigned, more than its {o.seats} seat(s)"))
        if n < o.min_seats:
            out.append(Violation("R3", holders, (o.opening_id,),
                                 f"{n} cadre(s) assigned, fewer than min_seats {o.min_seats}"))
    return out


def check_r4(plan: PlanView) -> list:
    """SPEC 4 R4 First stop: a new recruit gets exactly one posting, to a grassroots unit; a cadre
    without a grassroots record and with service years below first_stop_years may be posted
    only to a grassroots unit."""
    sc = plan.sc
    out = []
    for cadre in sc.cadres:
        postings = plan.postings(cadre.cadre_id)
        if cadre.unit_id is None:
            if len(postings) != 1:
                out.append(Violation("R4", (cadre.cadre_id,), sorted_ids(postings),
                                     f"new recruit has {len(postings)} postings; needs exactly one, "
                                     "to a grassroots unit"))
            restricted, who = True, "new recruit"
        else:
            service = facts.service_years(cadre, sc.plan_year)
            restricted = not facts.grassroots_record(sc, cadre) and service < sc.rules.first_stop_years
            who = (f"no grassroots record and {service} service year(s) "
                   f"< first_stop_years {sc.rules.first_stop_years}")
        if restricted:
            for o in postings:
                if not sc.unit_by_id[o.unit_id].grassroots:
                    out.append(Violation("R4", (cadre.cadre_id,), (o.opening_id,),
                                         f"{who}: posted to {o.unit_id}, which is not a grassroots unit"))
    return out


def check_r5(plan: PlanView) -> list:
    """SPEC 4 R5 No return: no posting to a unit of a history posting that ended in one of the
    no_return_years years before plan_year."""
    sc = plan.sc
    first, last = sc.plan_year - sc.rules.no_return_years, sc.plan_year - 1
    out = []
    for cadre_id in plan.by_cadre:
        recent: dict = {}
        for h in sc.history_by_cadre.get(cadre_id, ()):
            if h.kind == "posting" and first <= year_of(h.end) <= last:
                recent[h.unit_id] = max(recent.get(h.unit_id, h.end), h.end)
        for o in plan.postings(cadre_id):
            if o.unit_id in recent:
                out.append(Violation("R5", (cadre_id,), (o.opening_id,),
                                     f"posted back to {o.unit_id}, where a posting ended in "
                                     f"{year_of(recent[o.unit_id])} (within {sc.rules.no_return_years} years)"))
    return out


def check_r6(plan: PlanView) -> list:
    """SPEC 4 R6 Rotation due: years at the current unit >= max_tenure_years means a posting."""
    sc = plan.sc
    out = []
    for cadre in sc.cadres:
        if cadre.unit_id is None:
            continue
        years = facts.years_at_unit(cadre, sc.plan_year)
        if years >= sc.rules.max_tenure_years and not plan.postings(cadre.cadre_id):
            out.append(Violation("R6", (cadre.cadre_id,), (),
                                 f"{years} years at {cadre.unit_id} (max_tenure_years "
                                 f"{sc.rules.max_tenure_years}) but no posting"))
    return out


def check_r7(plan: PlanView) -> list:
    """SPEC 4 R7 Recusal: related cadres are not based in the same unit nor on the same temporary
    or task opening; no task in the cadre's home region or the region of the current unit."""
    sc = plan.sc
    out = []
    done: set = set()
    for rel in sc.relations:
        pair = frozenset((rel.cadre_a, rel.cadre_b))
        if len(pair) < 2 or pair in done:
            continue
        done.add(pair)
        a, b = sc.cadre_by_id.get(rel.cadre_a), sc.cadre_by_id.get(rel.cadre_b)
        if a is None or b is None:
            continue
        ids = tuple(sorted(pair))
        label = f" ({rel.relation})" if rel.relation else ""
        for unit in sorted(plan.bases(a) & plan.bases(b)):
            openings = sorted_ids(o for o in plan.postings(a.cadre_id) + plan.postings(b.cadre_id)
                                  if o.unit_id == unit)
            out.append(Violation("R7", ids, openings, f"related cadres{label} both based in {unit}"))
        shared = {o.opening_id for o in plan.away(a.cadre_id)} & {o.opening_id for o in plan.away(b.cadre_id)}
        if shared:
            out.append(Violation("R7", ids, tuple(sorted(shared)),
                                 f"related cadres{label} on the same temporary/task opening"))
    for cadre_id, openings in plan.by_cadre.items():
        cadre = sc.cadre_by_id[cadre_id]
        own = unit_region(sc, cadre.unit_id)
        for o in openings:
            if o.kind != "task":
                continue
            region = unit_region(sc, o.unit_id)
            if region == cadre.home_region:
                out.append(Violation("R7", (cadre_id,), (o.opening_id,),
                                     f"task in region {region}, the cadre's home region"))
            elif region == own:
                out.append(Violation("R7", (cadre_id,), (o.opening_id,),
                                     f"task in region {region}, the region of the current unit {cadre.unit_id}"))
    return out


def check_r8(plan: PlanView) -> list:
    """SPEC 4 R8 Time: a cadre's temporary assignments and tasks do not overlap in months and add
    up to at most max_away_months."""
    limit = plan.sc.rules.max_away_months
    out = []
    for cadre_id in plan.by_cadre:
        away = sorted(plan.away(cadre_id), key=lambda o: (o.start_month, o.opening_id))
        for i, o in enumerate(away):
            for p in away[i + 1:]:
                if p.start_month <= o.end_month:
                    out.append(Violation("R8", (cadre_id,), (o.opening_id, p.opening_id),
                                         f"months {o.start_month}-{o.end_month} and "
                                         f"{p.start_month}-{p.end_month} overlap"))
        total = sum(o.end_month - o.start_month + 1 for o in away)
        if total > limit:
            out.append(Violation("R8", (cadre_id,), sorted_ids(away),
                                 f"{total} months away, more than max_away_months {limit}"))
    return out


def check_r9(plan: PlanView) -> list:
    """SPEC 4 R9 Team needs: an opening with anyone assigned has, for each CODE:k, at least k
    assigned cadres holding certificate CODE or having specialty CODE."""
    out = []
    for o in plan.sc.openings:
        team = plan.by_opening.get(o.opening_id, ())
        if not team:
            continue
        for code, k in o.team_needs:
            have = sum(1 for c in team if code in c.certificates or c.specialty == code)
            if have < k:
                out.append(Violation("R9", tuple(sorted(c.cadre_id for c in team)), (o.opening_id,),
                                     f"team needs {k} with {code} (certificate or specialty), has {have}"))
    return out


def check_r10(plan: PlanView) -> list:
    """SPEC 4 R10 Exemption: an exempt cadre takes no temporary assignment or task with hardship > 0."""
    out = []
    for cadre_id in plan.by_cadre:
        if not plan.sc.cadre_by_id[cadre_id].exempt:
            continue
        for o in plan.away(cadre_id):
            hardship = opening_hardship(plan.sc, o)
            if hardship > 0:
                out.append(Violation("R10", (cadre_id,), (o.opening_id,),
                                     f"exempt cadre sent on a {o.kind} with hardship {hardship}"))
    return out


def check_r11(plan: PlanView) -> list:
    """SPEC 4 R11 Locks: every require lock is in the plan, no forbid lock is."""
    out = []
    for lock in plan.sc.locks:
        key = (lock.cadre_id, lock.opening_id)
        note = f" ({lock.note})" if lock.note else ""
        if lock.lock == "require" and key not in plan.pair_set:
            out.append(Violation("R11", (lock.cadre_id,), (lock.opening_id,), f"required by a lock{note} but absent"))
        elif lock.lock == "forbid" and key in plan.pair_set:
            out.append(Violation("R11", (lock.cadre_id,), (lock.opening_id,), f"forbidden by a lock{note} but present"))
    return out


RULE_CHECKS = (check_r1, check_r2, check_r3, check_r4, check_r5, check_r6, check_r7, check_r8,
               check_r9, check_r10, check_r11)
