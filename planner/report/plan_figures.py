"""The numbers 说明 and the memo state, counted from the plan itself (not copied from
summary.json), and the plan checked by the independent checker so that "符合全部硬性规则" is
only said when it is true."""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.check import check_plan
from planner.report.plan_facts import PlanFacts
from planner.report.recusal import recusal_check


@dataclass
class PlanFigures:
    """What the plan does, in counts. Lists hold scenario objects (openings, locks)."""
    cadres: int = 0
    units: int = 0
    openings: int = 0
    seats: int = 0
    lines: int = 0
    postings: int = 0
    recruits: int = 0
    temporaries: int = 0
    tasks: int = 0
    away_people: int = 0
    gained: int = 0                  # cadres who gain a grassroots record
    without_before: int = 0          # past first_stop_years of service and no record
    without_after: int = 0
    cross: int = 0                   # cross-region postings (recruits left out, SPEC 6)
    postings_with_unit: int = 0
    sending: int = 0
    receiving: int = 0
    regions: int = 0
    gini_before: float = 0.0
    gini_after: float = 0.0
    max_before: int = 0
    max_after: int = 0
    shortage: int = 0                # postings into key shortage units
    shortage_target: int = 0         # ... by cadres of a target specialty
    wishes: int = 0                  # lines that meet a wish
    first_wishes: int = 0
    pool_developed: int = 0          # talent pool members on an opening with development points
    unmet: list = field(default_factory=list)       # (opening, assigned), below min_seats first
    unmet_seats: int = 0
    below_min: int = 0
    min_short: int = 0
    require: list = field(default_factory=list)     # (lock, in the plan)
    forbid: list = field(default_factory=list)      # (lock, in the plan)
    recusal_failed: int = 0
    violations: int = 0              # rule violations found by planner.check


def unmet_openings(f: PlanFacts) -> list:
    """Openings with fewer cadres than seats: (opening, assigned), those below min_seats first."""
    out = []
    for o in f.sc.openings:
        n = len(f.by_opening.get(o.opening_id, ()))
        if n < o.seats:
            out.append((o, n))
    out.sort(key=lambda t: (-(max(0, t[0].min_seats - t[1])), -(t[0].seats - t[1]), t[0].opening_id))
    return out


def plan_figures(f: PlanFacts) -> PlanFigures:
    """Count what the plan does (see :class:`PlanFigures`)."""
    sc = f.sc
    lines = f.plan.assignments
    fig = PlanFigures(cadres=len(sc.cadres), units=len(sc.units), openings=len(sc.openings),
                      seats=sum(o.seats for o in sc.openings), lines=len(lines), regions=len(sc.regions))
    fig.postings = sum(1 for a in lines if a.kind == "posting")
    fig.recruits = sum(1 for a in lines if a.kind == "posting" and sc.cadre_by_id[a.cadre_id].unit_id is None)
    fig.temporaries = sum(1 for a in lines if a.kind == "temporary")
    fig.tasks = sum(1 for a in lines if a.kind == "task")
    fig.away_people = len(f.away)
    ids = [c.cadre_id for c in sc.cadres]
    fig.gained = sum(1 for cid in ids if not f.record_before[cid] and f.record_after[cid])
    fig.without_before = sum(1 for cid in ids if f.needs_record[cid] and not f.record_before[cid])
    fig.without_after = sum(1 for cid in ids if f.needs_record[cid] and not f.record_after[cid])
    sending, receiving = set(), set()
    for a in lines:
        if a.kind != "posting":
            continue
        cadre = sc.cadre_by_id[a.cadre_id]
        unit = sc.unit_by_id[a.unit_id]
        if unit.key_shortage:
            fig.shortage += 1
            fig.shortage_target += cadre.specialty in sc.target_specialties
        if cadre.unit_id is None:
            continue
        fig.postings_with_unit += 1
        src, dst = sc.unit_by_id[cadre.unit_id].region_id, unit.region_id
        if src != dst:
            fig.cross += 1
            sending.add(src)
            receiving.add(dst)
    fig.sending, fig.receiving = len(sending), len(receiving)
    fig.gini_before, fig.gini_after = f.gini_before, f.gini_after
    fig.max_before = max(f.before.values(), default=0)
    fig.max_after = max(f.after.values(), default=0)
    ranks = sc.preference_rank
    fig.wishes = sum(1 for a in lines if (a.cadre_id, a.opening_id) in ranks)
    fig.first_wishes = sum(1 for a in lines if ranks.get((a.cadre_id, a.opening_id)) == 1)
    fig.pool_developed = len({a.cadre_id for a in lines if sc.cadre_by_id[a.cadre_id].talent_pool
                              and sc.opening_by_id[a.opening_id].development > 0})
    fig.unmet = unmet_openings(f)
    fig.unmet_seats = sum(o.seats - n for o, n in fig.unmet)
    fig.below_min = sum(1 for o, n in fig.unmet if o.min_seats > n)
    fig.min_short = sum(max(0, o.min_seats - n) for o, n in fig.unmet)
    pairs = f.plan.pairs()
    for lock in sc.locks:
        entry = (lock, (lock.cadre_id, lock.opening_id) in pairs)
        (fig.require if lock.lock == "require" else fig.forbid).append(entry)
    failed = f.text("recusal_failed")
    fig.recusal_failed = sum(1 for a in lines if recusal_check(f, a).startswith(failed))
    fig.violations = len(check_plan(sc, lines).violations)
    return fig
