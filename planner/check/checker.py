"""The independent checker: re-verifies a written plan against SPEC sections 4 and 6.

This is a *second reading* of the contract, written apart from the model on purpose: it never
imports a solver (ortools, pulp) nor the model's rule code (``planner.model.eligibility``,
``planner.model.rules``, ``planner.model.terms``, ...). It uses only the pure domain (``models/``) and the
derived facts of SPEC 3 (``models.facts``), so that a mistake in the model's reading of a rule
shows up as a disagreement here instead of being repeated.

Every check walks the plan's rows, the cadres, the openings or the relations once: nothing
loops over cadres x openings, so a province-size plan checks in seconds.

Public API
----------
``read_plan(plan_dir)`` reads ``plan.csv`` and ``summary.json`` (csv and json modules only),
``check_plan(scenario, rows, summary)`` returns a ``CheckReport``, ``check_dir(scenario,
plan_dir)`` does both, and ``recompute_metrics(scenario, rows)`` gives the SPEC 6 metrics.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from models import facts
from models.months import year_of
from models.scenario import Cadre, Opening, Scenario
from planner.errors import PlanFileError  # noqa: F401  (re-exported)
from planner.io.plan_files import PLAN_COLUMNS, read_plan  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)

SUMMARY_KEYS = ("status", "objective", "best_bound", "gap", "build_seconds", "solve_seconds", "solver",
                "seed", "scenario_sha256", "weights", "terms", "metrics")
# A plan directory holds a plan only when the solver found one (SPEC 6, exit 0).
PLAN_STATUSES = ("OPTIMAL", "FEASIBLE")
INT_METRICS = ("assignments", "postings", "seats_filled", "seats_total", "min_seats_unmet", "hardship_max",
               "no_grassroots_after", "cross_region_postings", "regions_sending", "regions_receiving",
               "preference_met", "talent_pool_development", "fit_total")
FLOAT_METRICS = ("hardship_gini",)
METRICS = INT_METRICS[:6] + FLOAT_METRICS + INT_METRICS[6:]   # SPEC 6 order
FLOAT_TOLERANCE = 1e-6

# Our own copy of the rating order of R2 (excellent > competent > basic > incompetent), kept
# here rather than imported so that the checker does not share even this with the model.
_RATING_LEVEL = {"excellent": 3, "competent": 2, "basic": 1, "incompetent": 0}
_TRANSFER_PAIR = frozenset({"admin", "civil"})


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    """One broken rule instance: a SPEC 4 code (``R1``..``R11``) or ``FORMAT``."""
    rule: str
    cadres: tuple
    openings: tuple
    message: str

    def __str__(self) -> str:
        head = f"{self.rule}: " + (", ".join(self.cadres) + ": " if self.cadres else "")
        tail = f" (openings {', '.join(self.openings)})" if self.openings else ""
        return head + self.message + tail

    def as_dict(self) -> dict:
        return {"rule": self.rule, "cadres": list(self.cadres), "openings": list(self.openings),
                "message": self.message}


@dataclass(frozen=True)
class MetricDiff:
    """A metric whose value in summary.json differs from the one recomputed from the plan."""
    name: str
    summary: object          # None when summary.json does not report the metric
    recomputed: object

    def __str__(self) -> str:
        if self.summary is None:
            return f"metric {self.name}: missing from summary.json, recomputed {self.recomputed!r}"
        return f"metric {self.name}: summary.json says {self.summary!r}, recomputed {self.recomputed!r}"

    def as_dict(self) -> dict:
        return {"name": self.name, "summary": self.summary, "recomputed": self.recomputed}


@dataclass
class CheckReport:
    """What the checker found: violations, metric differences and the recomputed metrics."""
    violations: list = field(default_factory=list)
    metric_diffs: list = field(default_factory=list)
    metrics: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no rule is broken and every metric agrees."""
        return not self.violations and not self.metric_diffs

    def rules(self) -> set:
        """The set of rule codes broken (handy in tests and summaries)."""
        return {v.rule for v in self.violations}

    def as_dict(self) -> dict:
        return {"ok": self.ok, "violations": [v.as_dict() for v in self.violations],
                "metric_diffs": [d.as_dict() for d in self.metric_diffs], "metrics": dict(self.metrics)}


# --------------------------------------------------------------------------------------------
# The plan as the rules see it
# --------------------------------------------------------------------------------------------
class _Plan:
    """The rows of a plan that name a known cadre and opening, once each, with lookups.

    Rules take kind, unit and months from the scenario's opening, never from the row: a row
    that disagrees with its opening is a FORMAT violation, and the opening is what the
    cadre would actually be sent to.
    """

    def __init__(self, scenario: Scenario, rows: list):
        self.sc = scenario
        self.pairs: list = []                 # (cadre_id, opening_id), file order, no repeats
        seen: set = set()
        for r in rows:
            key = (r.cadre_id, r.opening_id)
            if r.cadre_id in scenario.cadre_by_id and r.opening_id in scenario.opening_by_id and key not in seen:
                seen.add(key)
                self.pairs.append(key)
        self.pair_set = seen
        self.by_cadre: dict = {}
        self.by_opening: dict = {}
        for c, o in self.pairs:
            self.by_cadre.setdefault(c, []).append(scenario.opening_by_id[o])
            self.by_opening.setdefault(o, []).append(scenario.cadre_by_id[c])

    def postings(self, cadre_id: str) -> list:
        return [o for o in self.by_cadre.get(cadre_id, ()) if o.kind == "posting"]

    def away(self, cadre_id: str) -> list:
        return [o for o in self.by_cadre.get(cadre_id, ()) if o.kind != "posting"]


def _unit_region(sc: Scenario, unit_id: str | None) -> str | None:
    return None if unit_id is None else sc.unit_by_id[unit_id].region_id


def _hardship(sc: Scenario, opening: Opening) -> int:
    """The opening's own hardship, else its unit's (SPEC 2, openings.hardship)."""
    return opening.hardship if opening.hardship is not None else sc.unit_by_id[opening.unit_id].hardship


def _months(opening: Opening) -> int:
    """Months counted for hardship points: a posting 12, others their own span (SPEC 3.2)."""
    return 12 if opening.kind == "posting" else opening.end_month - opening.start_month + 1


def _ids(items) -> tuple:
    return tuple(sorted({getattr(i, "opening_id", i) for i in items}))


# --------------------------------------------------------------------------------------------
# FORMAT: the rows themselves
# --------------------------------------------------------------------------------------------
def check_format(scenario: Scenario, rows: list) -> list:
    """Rows must name a known cadre and opening, repeat the opening's kind, unit and months,
    appear once, and be sorted by cadre_id then start_month (SPEC 6)."""
    out = []
    seen: dict = {}
    for i, r in enumerate(rows):
        where = f"plan.csv row {i + 2}"
        cadre_known = r.cadre_id in scenario.cadre_by_id
        opening = scenario.opening_by_id.get(r.opening_id)
        if not cadre_known:
            out.append(Violation("FORMAT", (r.cadre_id,), (r.opening_id,), f"{where}: unknown cadre {r.cadre_id}"))
        if opening is None:
            out.append(Violation("FORMAT", (r.cadre_id,), (r.opening_id,), f"{where}: unknown opening {r.opening_id}"))
        else:
            wrong = []
            if r.kind != opening.kind:
                wrong.append(f"kind {r.kind} (the opening is a {opening.kind})")
            if r.unit_id != opening.unit_id:
                wrong.append(f"unit {r.unit_id} (the opening is at {opening.unit_id})")
            if (r.start_month, r.end_month) != (opening.start_month, opening.end_month):
                wrong.append(f"months {r.start_month}-{r.end_month} "
                             f"(the opening runs {opening.start_month}-{opening.end_month})")
            if wrong:
                out.append(Violation("FORMAT", (r.cadre_id,), (r.opening_id,),
                                     f"{where} does not match its opening: " + "; ".join(wrong)))
        key = (r.cadre_id, r.opening_id)
        if key in seen:
            out.append(Violation("FORMAT", (r.cadre_id,), (r.opening_id,),
                                 f"{where} repeats row {seen[key]} (same cadre and opening)"))
        else:
            seen[key] = i + 2
        if i > 0:
            prev = rows[i - 1]
            if (r.cadre_id, r.start_month) < (prev.cadre_id, prev.start_month):
                out.append(Violation("FORMAT", (prev.cadre_id, r.cadre_id) if prev.cadre_id != r.cadre_id
                                     else (r.cadre_id,), (prev.opening_id, r.opening_id),
                                     f"{where} is out of order: rows must be sorted by cadre_id then start_month"))
    return out


# --------------------------------------------------------------------------------------------
# The hard rules of SPEC 4, one function each
# --------------------------------------------------------------------------------------------
def check_r1(plan: _Plan) -> list:
    """R1 One posting: at most one posting per cadre, and not to the cadre's current unit."""
    out = []
    for cid, openings in plan.by_cadre.items():
        cadre = plan.sc.cadre_by_id[cid]
        postings = [o for o in openings if o.kind == "posting"]
        if len(postings) > 1:
            out.append(Violation("R1", (cid,), _ids(postings),
                                 f"{len(postings)} postings; a cadre gets at most one"))
        for o in postings:
            if cadre.unit_id is not None and o.unit_id == cadre.unit_id:
                out.append(Violation("R1", (cid,), (o.opening_id,),
                                     f"posted to {o.unit_id}, the current unit; a posting must move the cadre"))
    return out


def _r2_failures(sc: Scenario, cadre: Cadre, o: Opening) -> list:
    """Every R2 condition the cadre misses for the opening, in plain words."""
    why = []
    if o.ranks and cadre.rank not in o.ranks:
        why.append(f"rank {cadre.rank} not in {sorted(o.ranks)}")
    if o.specialties and cadre.specialty not in o.specialties:
        why.append(f"specialty {cadre.specialty} not in {sorted(o.specialties)}")
    missing = set(o.certificates) - set(cadre.certificates)
    if missing:
        why.append(f"lacks certificate(s) {sorted(missing)}")
    if o.post_type is not None and cadre.post_type != o.post_type:
        transfer = (o.allow_transfer and sc.rules.allow_transfer
                    and {cadre.post_type, o.post_type} <= _TRANSFER_PAIR)
        if not transfer:
            note = (" (admin<->civil transfer not allowed here)"
                    if {cadre.post_type, o.post_type} <= _TRANSFER_PAIR else "")
            why.append(f"post_type {cadre.post_type} does not match {o.post_type}{note}")
    if _RATING_LEVEL[cadre.rating] < _RATING_LEVEL[o.min_rating]:
        why.append(f"rating {cadre.rating} below {o.min_rating}")
    if o.talent_pool_only and not cadre.talent_pool:
        why.append("not in the talent pool (opening is talent_pool_only)")
    years = facts.service_years(cadre, sc.plan_year)
    if years < o.min_service_years:
        why.append(f"service years {years} < {o.min_service_years}")
    if o.max_age is not None:
        cadre_age = facts.age(cadre, sc.plan_year)
        if cadre_age > o.max_age:
            why.append(f"age {cadre_age} > {o.max_age}")
    return why


def check_r2(plan: _Plan) -> list:
    """R2 Eligibility: rank, specialty, certificates, post_type (with transfer), rating,
    talent pool, service years and age, for every assignment."""
    out = []
    for cid, oid in plan.pairs:
        why = _r2_failures(plan.sc, plan.sc.cadre_by_id[cid], plan.sc.opening_by_id[oid])
        if why:
            out.append(Violation("R2", (cid,), (oid,), "not eligible: " + "; ".join(why)))
    return out


def check_r3(plan: _Plan) -> list:
    """R3 Seats: min_seats <= assigned <= seats for every opening (also those left empty)."""
    out = []
    for o in plan.sc.openings:
        n = len(plan.by_opening.get(o.opening_id, ()))
        if n > o.seats:
            out.append(Violation("R3", tuple(sorted(c.cadre_id for c in plan.by_opening[o.opening_id])),
                                 (o.opening_id,), f"{n} cadres assigned, more than its {o.seats} seat(s)"))
        if n < o.min_seats:
            out.append(Violation("R3", tuple(sorted(c.cadre_id for c in plan.by_opening.get(o.opening_id, ()))),
                                 (o.opening_id,), f"{n} cadre(s) assigned, fewer than min_seats {o.min_seats}"))
    return out


def check_r4(plan: _Plan) -> list:
    """R4 First stop: a new recruit gets exactly one posting, to a grassroots unit; a cadre
    without a grassroots record and with service years below first_stop_years may be posted
    only to a grassroots unit."""
    sc = plan.sc
    out = []
    for cadre in sc.cadres:
        postings = plan.postings(cadre.cadre_id)
        if cadre.unit_id is None:
            if len(postings) != 1:
                out.append(Violation("R4", (cadre.cadre_id,), _ids(postings),
                                     f"new recruit has {len(postings)} postings; needs exactly one, "
                                     "to a grassroots unit"))
            restricted, who = True, "new recruit"
        else:
            restricted = (not facts.grassroots_record(sc, cadre)
                          and facts.service_years(cadre, sc.plan_year) < sc.rules.first_stop_years)
            who = (f"no grassroots record and {facts.service_years(cadre, sc.plan_year)} service year(s) "
                   f"< first_stop_years {sc.rules.first_stop_years}")
        if restricted:
            for o in postings:
                if not sc.unit_by_id[o.unit_id].grassroots:
                    out.append(Violation("R4", (cadre.cadre_id,), (o.opening_id,),
                                         f"{who}: posted to {o.unit_id}, which is not a grassroots unit"))
    return out


def check_r5(plan: _Plan) -> list:
    """R5 No return: no posting to a unit of a history posting that ended in one of the
    no_return_years years before plan_year."""
    sc = plan.sc
    first, last = sc.plan_year - sc.rules.no_return_years, sc.plan_year - 1
    out = []
    for cid in plan.by_cadre:
        recent = {}
        for h in sc.history_by_cadre.get(cid, ()):
            if h.kind == "posting" and first <= year_of(h.end) <= last:
                recent[h.unit_id] = max(recent.get(h.unit_id, h.end), h.end)
        for o in plan.postings(cid):
            if o.unit_id in recent:
                out.append(Violation("R5", (cid,), (o.opening_id,),
                                     f"posted back to {o.unit_id}, where a posting ended in "
                                     f"{year_of(recent[o.unit_id])} (within {sc.rules.no_return_years} years)"))
    return out


def check_r6(plan: _Plan) -> list:
    """R6 Rotation due: years at the current unit >= max_tenure_years means a posting."""
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


def _bases(plan: _Plan, cadre: Cadre) -> set:
    """Units a cadre is based in after the plan: the new posting's unit, else the current one.
    (With two postings, R1 is already broken; both units count so that neither hides a clash.)"""
    postings = plan.postings(cadre.cadre_id)
    if postings:
        return {o.unit_id for o in postings}
    return {cadre.unit_id} if cadre.unit_id is not None else set()


def check_r7(plan: _Plan) -> list:
    """R7 Recusal: related cadres are not based in the same unit nor on the same temporary or
    task opening; no task in the cadre's home region or the region of the current unit."""
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
        for unit in sorted(_bases(plan, a) & _bases(plan, b)):
            openings = _ids(o for o in plan.postings(a.cadre_id) + plan.postings(b.cadre_id) if o.unit_id == unit)
            out.append(Violation("R7", ids, openings, f"related cadres{label} both based in {unit}"))
        shared = {o.opening_id for o in plan.away(a.cadre_id)} & {o.opening_id for o in plan.away(b.cadre_id)}
        if shared:
            out.append(Violation("R7", ids, tuple(sorted(shared)),
                                 f"related cadres{label} on the same temporary/task opening"))
    for cid, openings in plan.by_cadre.items():
        cadre = sc.cadre_by_id[cid]
        own = _unit_region(sc, cadre.unit_id)
        for o in openings:
            if o.kind != "task":
                continue
            region = _unit_region(sc, o.unit_id)
            if region == cadre.home_region:
                out.append(Violation("R7", (cid,), (o.opening_id,),
                                     f"task in region {region}, the cadre's home region"))
            elif region == own:
                out.append(Violation("R7", (cid,), (o.opening_id,),
                                     f"task in region {region}, the region of the current unit {cadre.unit_id}"))
    return out


def check_r8(plan: _Plan) -> list:
    """R8 Time: a cadre's temporary assignments and tasks do not overlap in months and add up
    to at most max_away_months."""
    limit = plan.sc.rules.max_away_months
    out = []
    for cid in plan.by_cadre:
        away = sorted(plan.away(cid), key=lambda o: (o.start_month, o.opening_id))
        for i, o in enumerate(away):
            for p in away[i + 1:]:
                if p.start_month <= o.end_month:
                    out.append(Violation("R8", (cid,), (o.opening_id, p.opening_id),
                                         f"months {o.start_month}-{o.end_month} and "
                                         f"{p.start_month}-{p.end_month} overlap"))
        total = sum(o.end_month - o.start_month + 1 for o in away)
        if total > limit:
            out.append(Violation("R8", (cid,), _ids(away),
                                 f"{total} months away, more than max_away_months {limit}"))
    return out


def check_r9(plan: _Plan) -> list:
    """R9 Team needs: an opening with anyone assigned has, for each CODE:k, at least k assigned
    cadres holding certificate CODE or having specialty CODE."""
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


def check_r10(plan: _Plan) -> list:
    """R10 Exemption: an exempt cadre takes no temporary assignment or task with hardship > 0."""
    out = []
    for cid in plan.by_cadre:
        if not plan.sc.cadre_by_id[cid].exempt:
            continue
        for o in plan.away(cid):
            h = _hardship(plan.sc, o)
            if h > 0:
                out.append(Violation("R10", (cid,), (o.opening_id,),
                                     f"exempt cadre sent on a {o.kind} with hardship {h}"))
    return out


def check_r11(plan: _Plan) -> list:
    """R11 Locks: every require lock is in the plan, no forbid lock is."""
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


# --------------------------------------------------------------------------------------------
# Metrics of SPEC 6
# --------------------------------------------------------------------------------------------
def gini(values) -> float:
    """Σ_i Σ_j |p_i − p_j| / (2 n² mean p); 0 when all are 0 (or there are none).

    Uses the sorted form Σ_k (2k − n + 1) p_(k) / (n Σ p), exact in integers until the
    last division, so that it is O(n log n) at province size.
    """
    p = sorted(values)
    n, total = len(p), sum(p)
    if n == 0 or total == 0:
        return 0.0
    return sum((2 * k - n + 1) * v for k, v in enumerate(p)) / (n * total)


def total_points(scenario: Scenario, rows) -> dict:
    """cadre_id -> historical points (SPEC 3.2) plus the points of the plan's assignments."""
    plan = rows if isinstance(rows, _Plan) else _Plan(scenario, _as_rows(rows))
    out = {}
    for cadre in scenario.cadres:
        out[cadre.cadre_id] = facts.historical_points(scenario, cadre) + sum(
            _hardship(scenario, o) * _months(o) for o in plan.by_cadre.get(cadre.cadre_id, ()))
    return out


def recompute_metrics(scenario: Scenario, rows) -> dict:
    """The metrics of SPEC 6, recomputed from the plan rows that name a known cadre and opening."""
    sc = scenario
    plan = rows if isinstance(rows, _Plan) else _Plan(sc, _as_rows(rows))
    assigned = {o.opening_id: len(plan.by_opening.get(o.opening_id, ())) for o in sc.openings}
    points = total_points(sc, plan)

    no_grassroots_after = 0
    for cadre in sc.cadres:
        if facts.service_years(cadre, sc.plan_year) < sc.rules.first_stop_years:
            continue
        record = facts.grassroots_record(sc, cadre) or any(
            o.kind in ("posting", "temporary") and sc.unit_by_id[o.unit_id].grassroots
            for o in plan.by_cadre.get(cadre.cadre_id, ()))
        if not record:
            no_grassroots_after += 1

    cross, sending, receiving = 0, set(), set()
    for cid, openings in plan.by_cadre.items():
        cadre = sc.cadre_by_id[cid]
        if cadre.unit_id is None:
            continue        # new recruits are left out of the three exchange figures
        origin = _unit_region(sc, cadre.unit_id)
        for o in openings:
            if o.kind == "posting" and _unit_region(sc, o.unit_id) != origin:
                cross += 1
                sending.add(origin)
                receiving.add(_unit_region(sc, o.unit_id))

    pairs = plan.pairs
    return {
        "assignments": len(pairs),
        "postings": sum(1 for _, oid in pairs if sc.opening_by_id[oid].kind == "posting"),
        "seats_filled": sum(min(assigned[o.opening_id], o.seats) for o in sc.openings),
        "seats_total": sum(o.seats for o in sc.openings),
        "min_seats_unmet": sum(max(0, o.min_seats - assigned[o.opening_id]) for o in sc.openings),
        "hardship_max": max(points.values(), default=0),
        "hardship_gini": gini(points.values()),
        "no_grassroots_after": no_grassroots_after,
        "cross_region_postings": cross,
        "regions_sending": len(sending),
        "regions_receiving": len(receiving),
        "preference_met": sum(1 for pair in pairs if pair in sc.preference_rank),
        "talent_pool_development": sum(sc.opening_by_id[oid].development for cid, oid in pairs
                                       if sc.cadre_by_id[cid].talent_pool),
        "fit_total": sum(sc.fit_score.get(pair, 0) for pair in pairs),
    }


def compare_metrics(reported: dict, recomputed: dict) -> list:
    """Metric differences: integers must match exactly, floats within 1e-6."""
    diffs = []
    for name in METRICS:
        ours = recomputed[name]
        theirs = reported.get(name)
        if theirs is None:
            diffs.append(MetricDiff(name, None, ours))
            continue
        if isinstance(theirs, bool) or not isinstance(theirs, (int, float)):
            diffs.append(MetricDiff(name, theirs, ours))
            continue
        if name in FLOAT_METRICS:
            same = math.isfinite(theirs) and abs(theirs - ours) <= FLOAT_TOLERANCE
        else:
            same = theirs == ours
        if not same:
            diffs.append(MetricDiff(name, theirs, ours))
    return diffs


def check_summary(scenario: Scenario, summary: dict) -> list:
    """FORMAT problems of summary.json: keys SPEC 6 requires, a plan status, the scenario hash."""
    out = []
    missing = [k for k in SUMMARY_KEYS if k not in summary]
    if missing:
        out.append(Violation("FORMAT", (), (), f"summary.json lacks {', '.join(missing)}"))
    status = summary.get("status")
    if "status" in summary and status not in PLAN_STATUSES:
        out.append(Violation("FORMAT", (), (), f"summary.json status is {status!r}, but a plan was written "
                                               f"(expected {' or '.join(PLAN_STATUSES)})"))
    sha = summary.get("scenario_sha256")
    if scenario.sha256 and sha and sha != scenario.sha256:
        out.append(Violation("FORMAT", (), (), "summary.json scenario_sha256 is not this scenario's: "
                                               "the plan was made for other data"))
    if "metrics" in summary and not isinstance(summary["metrics"], dict):
        out.append(Violation("FORMAT", (), (), "summary.json metrics is not an object"))
    return out


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------
def _as_rows(rows) -> list:
    """Accept a models.plan.Plan or any iterable of Assignment-like rows."""
    if hasattr(rows, "assignments"):
        rows = rows.assignments
    return list(rows)


def check_plan(scenario: Scenario, rows: Iterable, summary: dict | None = None) -> CheckReport:
    """Check a plan against every hard rule of SPEC 4 and recompute the metrics of SPEC 6.

    Parameters
    ----------
    scenario : models.Scenario
    rows : iterable of models.plan.Assignment (or a models.plan.Plan)
        The plan rows, in file order (the order itself is checked).
    summary : dict, optional
        The parsed summary.json; when given, its keys and metrics are compared too.

    Returns
    -------
    CheckReport
        ``violations`` (rule code, cadres, openings, message), ``metric_diffs``, ``metrics``.
    """
    rows = _as_rows(rows)
    violations = check_format(scenario, rows)
    plan = _Plan(scenario, rows)
    for rule in RULE_CHECKS:
        violations.extend(rule(plan))
    metrics = recompute_metrics(scenario, plan)
    diffs: list = []
    if summary is not None:
        violations.extend(check_summary(scenario, summary))
        if isinstance(summary.get("metrics"), dict):
            diffs = compare_metrics(summary["metrics"], metrics)
    log.info("checked %d rows: %d violation(s), %d metric diff(s)", len(rows), len(violations), len(diffs))
    return CheckReport(violations, diffs, metrics)


def check_dir(scenario, plan_dir) -> CheckReport:
    """Read a plan directory and check it; unreadable files become FORMAT violations.

    ``scenario`` is a ``models.Scenario`` or a path to a scenario folder (read with
    ``planner.io.read_scenario``, which raises ``ScenarioError`` on bad input).
    """
    if not isinstance(scenario, Scenario):
        from planner.io import read_scenario  # pandas only when asked to read files
        scenario = read_scenario(scenario)
    try:
        rows, summary = read_plan(plan_dir)
    except PlanFileError as err:
        return CheckReport([Violation("FORMAT", (), (), p) for p in err.problems], [], {})
    return check_plan(scenario, rows, summary)
