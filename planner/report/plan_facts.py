"""What every sheet and the memo need to know about one plan, computed once, and how a cadre,
a unit or an opening reads in a cell (by name, never by code outside the 附录 sheets).

All derived facts come from ``models.facts``; the Gini from ``planner.model.metrics`` over its
``total_points``, so that the workbook says what summary.json says.
"""
from __future__ import annotations

from models import facts
from models.months import year_of
from models.plan import Plan
from models.scenario import Scenario
from planner import labels as L
from planner.labels.report import POST_TITLE_COLUMNS, report_text
from planner.model.metrics import gini, total_points


class PlanFacts:
    """Per-plan lookups: lines by cadre and opening, bases after the plan, hardship points
    before and after, grassroots records before and after, the two lists (postings; temporary
    assignments and tasks) with their 序号, and names in ``lang``.

    Parameters
    ----------
    scenario : Scenario
    plan : Plan
    lang : "zh" or "en"
    alternates : dict, optional
        (cadre_id, opening_id) -> the cadre who would take the seat if this one declined.
    """

    def __init__(self, scenario: Scenario, plan: Plan, lang: str = "zh", alternates: dict | None = None):
        sc = scenario
        self.sc, self.plan, self.lang = sc, plan, lang
        self.alternates = dict(alternates or {})
        self.by_cadre = plan.by_cadre()
        self.by_opening = plan.by_opening()
        self.before = {c.cadre_id: facts.historical_points(sc, c) for c in sc.cadres}
        self.after = total_points(sc, plan)
        self.gini_before = gini(self.before.values())
        self.gini_after = gini(self.after.values())
        self.base = facts.based_after(sc, plan)
        self.record_before = {c.cadre_id: facts.grassroots_record(sc, c) for c in sc.cadres}
        self.record_after = {c.cadre_id: facts.grassroots_record_after(
            sc, c, [a.opening_id for a in self.by_cadre.get(c.cadre_id, ())]) for c in sc.cadres}
        fsy = sc.rules.first_stop_years
        self.needs_record = {c.cadre_id: facts.service_years(c, sc.plan_year) >= fsy for c in sc.cadres}
        # The two meeting lists, one row per person, in plan (cadre_id) order.
        self.posted = [cid for cid, lines in self.by_cadre.items() if any(a.kind == "posting" for a in lines)]
        self.away = [cid for cid, lines in self.by_cadre.items() if any(a.kind != "posting" for a in lines)]
        self.post_column = next((col for col in POST_TITLE_COLUMNS if col in sc.extra_columns), None)

    # --- words -------------------------------------------------------------------------------
    def text(self, key: str, **values) -> str:
        return report_text(key, self.lang, **values)

    def unit_name(self, unit_id) -> str:
        return self.sc.unit_by_id[unit_id].name if unit_id else ""

    def region_name(self, region_id) -> str:
        """A region by name; one outside regions.csv (a home region elsewhere) as 外地."""
        region = self.sc.region_by_id.get(region_id)
        if region is not None:
            return region.name
        return self.text("outside_region")

    def specialty(self, code: str) -> str:
        return L.specialty_text(code, self.lang, self.sc)

    def ym(self, index) -> str:
        """A month index as 1995.09 (the form of cadre forms)."""
        return self.text("ym", year=year_of(index), month=index % 12 + 1)

    # --- a cadre in cells --------------------------------------------------------------------
    def gender(self, cadre) -> str:
        return L.GENDER_ZH[cadre.gender] if self.lang == "zh" else cadre.gender

    def born(self, cadre) -> str:
        return self.text("born", ym=self.ym(cadre.birth), age=facts.age(cadre, self.sc.plan_year))

    def education(self, cadre) -> str:
        return self.text("education", education=cadre.education, specialty=self.specialty(cadre.specialty))

    def post_title(self, cadre) -> str:
        """The cadre's post: the 职务 column of cadres.csv when there is one, else the rank."""
        if self.post_column:
            title = dict(cadre.extra).get(self.post_column, "")
            if title:
                return title
        return L.RANK_ZH[cadre.rank] if self.lang == "zh" else cadre.rank

    def unit_and_post(self, cadre) -> str:
        if cadre.unit_id is None:
            return self.text("new_recruit_unposted")
        return self.text("unit_post", unit=self.unit_name(cadre.unit_id), post=self.post_title(cadre))

    def since(self, cadre) -> str:
        if cadre.unit_id is None:
            return ""
        return self.text("since", ym=self.ym(cadre.unit_since), years=facts.years_at_unit(cadre, self.sc.plan_year))

    # --- an opening in cells -----------------------------------------------------------------
    def target(self, opening) -> str:
        """拟任单位及岗位: the opening's name, with its unit's name in front unless the name has it."""
        unit = self.sc.unit_by_id[opening.unit_id]
        if unit.name and unit.name in opening.name:
            return opening.name
        return self.text("target", unit=unit.name, opening=opening.name)

    def months(self, opening) -> str:
        y = self.sc.plan_year
        if opening.kind == "posting":
            return self.text("months_posting", year=y, start=opening.start_month)
        return self.text("months_away", year=y, start=opening.start_month, end=opening.end_month,
                         months=opening.months)

    def opening_type(self, opening) -> str:
        return L.opening_type(opening, self.sc.unit_by_id[opening.unit_id], self.lang)

    def away_line(self, opening) -> str:
        """One temporary assignment or task: its type (unless its name says it), where, when."""
        kind, target = self.opening_type(opening), self.target(opening)
        if _unquoted(kind) in _unquoted(target):
            return self.text("away_line_named", target=target, months=self.months(opening))
        return self.text("away_line", type=kind, target=target, months=self.months(opening))

    def reasons(self, line) -> str:
        return L.reasons_text(line.reasons, self.lang)


def _unquoted(text: str) -> str:
    """Text without quotation marks, so that '"四进"工作队' is found in '“四进”工作队（…）'."""
    return text.translate({ord(q): None for q in "\"'“”‘’「」"})
