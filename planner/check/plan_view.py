"""The plan as the rules see it, and the FORMAT check of its rows.

``PlanView`` keeps the rows of a plan that name a known cadre and opening, once each, with the
lookups every rule needs (by cadre, by opening). Rules take kind, unit and months from the
scenario's opening, never from the row: a row that disagrees with its opening is a FORMAT
violation (``check_format``), and the opening is what the cadre would actually be sent to.
"""
from __future__ import annotations

from collections.abc import Iterable

from models.scenario import Cadre, Opening, Scenario
from planner.check.findings import FORMAT, Violation


class PlanView:
    """The rows of a plan that name a known cadre and opening, once each, with lookups.

    Parameters
    ----------
    scenario : models.Scenario
        The scenario the plan is checked against.
    rows : list of models.plan.Assignment
        The plan rows in file order; unknown ids and repeats are left out here (FORMAT reports them).
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
        for cadre_id, opening_id in self.pairs:
            self.by_cadre.setdefault(cadre_id, []).append(scenario.opening_by_id[opening_id])
            self.by_opening.setdefault(opening_id, []).append(scenario.cadre_by_id[cadre_id])

    def postings(self, cadre_id: str) -> list:
        """The posting openings a cadre holds in the plan."""
        return [o for o in self.by_cadre.get(cadre_id, ()) if o.kind == "posting"]

    def away(self, cadre_id: str) -> list:
        """The temporary and task openings a cadre holds in the plan."""
        return [o for o in self.by_cadre.get(cadre_id, ()) if o.kind != "posting"]

    def bases(self, cadre: Cadre) -> set:
        """Units a cadre is based in after the plan: the new posting's unit, else the current one.
        (With two postings R1 is already broken; both units count so that neither hides a clash.)"""
        postings = self.postings(cadre.cadre_id)
        if postings:
            return {o.unit_id for o in postings}
        return {cadre.unit_id} if cadre.unit_id is not None else set()


def unit_region(scenario: Scenario, unit_id: str | None) -> str | None:
    """The region of a unit; None for no unit (a new recruit's current unit)."""
    return None if unit_id is None else scenario.unit_by_id[unit_id].region_id


def opening_hardship(scenario: Scenario, opening: Opening) -> int:
    """The opening's own hardship, else its unit's (SPEC 2, openings.hardship)."""
    if opening.hardship is not None:
        return opening.hardship
    return scenario.unit_by_id[opening.unit_id].hardship


def opening_months(opening: Opening) -> int:
    """Months counted for hardship points: a posting 12, others their own span (SPEC 3.2)."""
    return 12 if opening.kind == "posting" else opening.end_month - opening.start_month + 1


def opening_points(scenario: Scenario, opening: Opening) -> int:
    """Hardship points of one assignment: hardship x months (SPEC 3.2)."""
    return opening_hardship(scenario, opening) * opening_months(opening)


def sorted_ids(items: Iterable) -> tuple:
    """Sorted distinct opening ids of openings (or of ids)."""
    return tuple(sorted({getattr(i, "opening_id", i) for i in items}))


def as_rows(rows) -> list:
    """Accept a models.plan.Plan or any iterable of Assignment-like rows."""
    if hasattr(rows, "assignments"):
        rows = rows.assignments
    return list(rows)


def check_format(scenario: Scenario, rows: list) -> list:
    """Rows must name a known cadre and opening, repeat the opening's kind, unit and months,
    appear once, and be sorted by cadre_id then start_month (SPEC 6).

    Returns
    -------
    list of Violation
        One ``FORMAT`` violation per problem, naming the plan.csv row (the header is row 1).
    """
    out = []
    seen: dict = {}
    for i, r in enumerate(rows):
        where = f"plan.csv row {i + 2}"
        opening = scenario.opening_by_id.get(r.opening_id)
        if r.cadre_id not in scenario.cadre_by_id:
            out.append(Violation(FORMAT, (r.cadre_id,), (r.opening_id,), f"{where}: unknown cadre {r.cadre_id}"))
        if opening is None:
            out.append(Violation(FORMAT, (r.cadre_id,), (r.opening_id,), f"{where}: unknown opening {r.opening_id}"))
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
                out.append(Violation(FORMAT, (r.cadre_id,), (r.opening_id,),
                                     f"{where} does not match its opening: " + "; ".join(wrong)))
        key = (r.cadre_id, r.opening_id)
        if key in seen:
            out.append(Violation(FORMAT, (r.cadre_id,), (r.opening_id,),
                                 f"{where} repeats row {seen[key]} (same cadre and opening)"))
        else:
            seen[key] = i + 2
        if i > 0:
            prev = rows[i - 1]
            if (r.cadre_id, r.start_month) < (prev.cadre_id, prev.start_month):
                who = (prev.cadre_id, r.cadre_id) if prev.cadre_id != r.cadre_id else (r.cadre_id,)
                out.append(Violation(FORMAT, who, (prev.opening_id, r.opening_id),
                                     f"{where} is out of order: rows must be sorted by cadre_id then start_month"))
    return out
