"""Every reason code of every plan line, checked against the facts (SPEC 6; the codes planner/solve/reasons.py writes).

A reason says why a line is there: a rule that required it, or a term that chose it. A code is
accepted only when the facts bear it out for that line:

| code           | the line must be                                                              |
|----------------|-------------------------------------------------------------------------------|
| ``R3``         | on an opening with min_seats that holds no more than min_seats cadres          |
| ``R4``         | a new recruit's posting                                                       |
| ``R6``         | the posting of a cadre whose years at the unit reach max_tenure_years          |
| ``R7``         | a posting out of a unit where a relative of the cadre is based after the plan |
| ``R9``         | held by a cadre meeting a team need CODE:k met by no more than k on the team   |
| ``lock``       | a pair under a require lock                                                   |
| ``shortage``   | a posting or temporary assignment at a key shortage unit                       |
| ``preference:k`` | a pair the cadre wished for with rank k                                     |
| ``fairness``   | hardship points rewarded to a cadre below the cohort's average burden, or a    |
|                | grassroots record gained by a cadre past first_stop_years                      |
| ``development``| an opening with development points, held by a talent-pool member              |
| ``exchange``   | a posting across regions (recruits left out)                                  |
| ``fit``        | a pair with a fit score above 0                                               |

Any other code is unknown, and a code given twice on one line is a violation too. A line with no
reasons is allowed (SPEC 6 asks for codes where there are reasons, not for a reason on every line).
"""
from __future__ import annotations

from models import facts
from models.scenario import Scenario
from planner.check.findings import REASON, Violation
from planner.check.plan_view import PlanView, opening_points, unit_region
from planner.check.terms import PREFERENCE_POINTS, Cohort, gains_grassroots_record, hardship_reward


class _Facts:
    """What the reason checks read about the whole plan, computed once."""

    def __init__(self, scenario: Scenario, plan: PlanView):
        self.sc = scenario
        self.plan = plan
        self.required = {(lk.cadre_id, lk.opening_id) for lk in scenario.locks if lk.lock == "require"}
        self.cohort = Cohort.of(scenario)
        self.based_in: dict = {}          # unit -> cadre ids based there after the plan
        for cadre in scenario.cadres:
            for unit in plan.bases(cadre):
                self.based_in.setdefault(unit, set()).add(cadre.cadre_id)
        self.relatives: dict = {}
        for rel in scenario.relations:
            if rel.cadre_a != rel.cadre_b:
                self.relatives.setdefault(rel.cadre_a, set()).add(rel.cadre_b)
                self.relatives.setdefault(rel.cadre_b, set()).add(rel.cadre_a)

    def qualified(self, cadre_id: str, code: str) -> bool:
        cadre = self.sc.cadre_by_id[cadre_id]
        return code in cadre.certificates or cadre.specialty == code


def _why_not(code: str, cadre_id: str, opening_id: str, known: _Facts) -> str | None:
    """None when the facts bear the code out for the line, else what is wrong, in plain words."""
    sc, plan = known.sc, known.plan
    cadre, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    posting = o.kind == "posting"
    holders = [c.cadre_id for c in plan.by_opening.get(opening_id, ())]
    line = f"{cadre_id}'s {o.kind} {opening_id}"
    if code == "R4":
        if posting and cadre.unit_id is None:
            return None
        return f"R4 is for a new recruit's posting; {line} is not one"
    if code == "R6":
        years = facts.years_at_unit(cadre, sc.plan_year)
        if posting and cadre.unit_id is not None and years >= sc.rules.max_tenure_years:
            return None
        return (f"R6 is for the posting of a cadre due to rotate (max_tenure_years {sc.rules.max_tenure_years}); "
                f"{line}: {years} year(s) at {cadre.unit_id or 'no unit'}")
    if code == "R7":
        kin_here = known.relatives.get(cadre_id, set()) & known.based_in.get(cadre.unit_id, set())
        if posting and cadre.unit_id is not None and kin_here:
            return None
        return (f"R7 is for a posting out of a unit where a relative stays based; {line}: no relative is "
                f"based in {cadre.unit_id or 'a current unit'}")
    if code == "R3":
        if o.min_seats and len(holders) <= o.min_seats:
            return None
        return (f"R3 is for a holder needed to meet min_seats; {opening_id} has min_seats {o.min_seats} "
                f"and {len(holders)} holder(s)")
    if code == "R9":
        for need, k in o.team_needs:
            qualified = [c for c in holders if known.qualified(c, need)]
            if known.qualified(cadre_id, need) and len(qualified) <= k:
                return None
        needs = ", ".join(f"{need}:{k}" for need, k in o.team_needs) or "none"
        return f"R9 is for a holder needed to meet a team need; {line} is not (team needs: {needs})"
    if code == "lock":
        if (cadre_id, opening_id) in known.required:
            return None
        return f"lock is for a pair under a require lock; {line} is under none"
    if code == "shortage":
        if o.kind in ("posting", "temporary") and sc.unit_by_id[o.unit_id].key_shortage:
            return None
        return f"shortage is for a posting or temporary at a key shortage unit; {line} is at {o.unit_id}, which is not"
    if code == "development":
        if o.development > 0 and cadre.talent_pool:
            return None
        return (f"development is for a talent-pool member on an opening with development points; {line}: "
                f"development {o.development}, talent pool {'yes' if cadre.talent_pool else 'no'}")
    if code == "exchange":
        source, target = unit_region(sc, cadre.unit_id), unit_region(sc, o.unit_id)
        if posting and cadre.unit_id is not None and source != target:
            return None
        return f"exchange is for a posting across regions; {line}: from {source or 'no region'} to {target}"
    if code == "fit":
        score = sc.fit_score.get((cadre_id, opening_id), 0)
        if score > 0:
            return None
        return f"fit is for a pair with a fit score above 0; {line} scores {score}"
    if code == "fairness":
        h = known.cohort.history[cadre_id]
        rewarded = hardship_reward(opening_points(sc, o), h, known.cohort.largest) > 0
        if (rewarded and known.cohort.below_mean(cadre_id)) or gains_grassroots_record(sc, cadre_id, o):
            return None
        return (f"fairness is for hardship given to a cadre below the cohort's average burden, or a grassroots "
                f"record gained; {line} is neither ({h} historical point(s))")
    head, sep, rank_text = code.partition(":")
    if head == "preference" and sep:
        wished = sc.preference_rank.get((cadre_id, opening_id))
        if wished is not None and wished in PREFERENCE_POINTS and rank_text == str(wished):
            return None
        said = "not a wish" if wished is None else f"wish rank {wished}"
        return f"{code} is for a wish of rank {rank_text}; {line} is {said}"
    return f"unknown reason code {code!r} on {line}"


# The reason codes that name a term of SPEC 5 (each with a weight in scenario.yaml).
_TERM_CODES = frozenset({"fairness", "shortage", "development", "preference", "exchange", "stability", "fit"})


def check_reasons(scenario: Scenario, plan: PlanView, rows: list) -> list:
    """REASON violations: every reason code of every row, against the facts (module docstring).

    Parameters
    ----------
    scenario : models.Scenario
        With every lock the plan was made under (command-line locks included).
    plan : PlanView
        The plan as the rules see it (for who else holds an opening, who is based where).
    rows : list of models.plan.Assignment
        The rows in file order; rows naming an unknown cadre or opening are FORMAT's business.
    """
    known = _Facts(scenario, plan)
    out = []
    for i, row in enumerate(rows):
        if row.cadre_id not in scenario.cadre_by_id or row.opening_id not in scenario.opening_by_id:
            continue
        where = f"plan.csv row {i + 2}"
        seen: set = set()
        for code in row.reasons:
            if code in seen:
                out.append(Violation(REASON, (row.cadre_id,), (row.opening_id,), f"{where}: {code} given twice"))
                continue
            seen.add(code)
            term = code.split(":", 1)[0]
            weight = getattr(scenario.weights, term, None) if term in _TERM_CODES else None
            # A term whose weight is 0 chose nothing (issue 12 point 4): naming it misleads.
            wrong = (f"{term} is named as a reason, but its weight is 0" if weight == 0
                     else _why_not(code, row.cadre_id, row.opening_id, known))
            if wrong is not None:
                out.append(Violation(REASON, (row.cadre_id,), (row.opening_id,), f"{where}: {wrong}"))
    return out
