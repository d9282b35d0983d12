"""Build tiny in-memory scenarios that read like a story, and solve them with the checker watching.

Every field has a default chosen so that, unless a test says otherwise, *no rule binds*:

- plan year 2027, default rules (first_stop 3, no_return 3, max_tenure 5, max_away 9, look-back 5);
- a cadre entered in 2015 (12 service years, past first stop), has sat at its unit since 2024-01
  (3 years: not rotation due), comes from region ``HOME`` (outside every region of the scenario,
  so the task-region part of R7 never binds), is a competent admin staff member, environment;
- a unit is a non-grassroots branch of hardship 0 in region ``RA``; a unit named in ``unit()``
  creates its region on the fly;
- an opening is a one-seat posting (months 1-12) open to anyone;
- weights are all 0 except what the test switches on (``weights(fit=1)``), so the objective is
  exactly what the story is about.

Example::

    b = ScenarioBuilder()
    b.unit("U1").unit("U2")
    b.cadre("C1", unit="U1", since="2020-01")       # 7 years at U1: rotation due (R6)
    b.opening("P1", unit="U2")
    sc = b.build()
    result = solve_checked(sc)                      # solved, and the plan passed planner.check
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from models import (
    Cadre,
    Fit,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Relation,
    Rules,
    Scenario,
    SolverSettings,
    Unit,
    Weights,
    month_index,
)
from planner.check import check_plan

PLAN_YEAR = 2027
ZERO_WEIGHTS = Weights(fairness=0, shortage=0, development=0, preference=0, exchange=0, stability=0, fit=0)


class ScenarioBuilder:
    """Accumulates rows with defaults; ``build()`` returns a frozen ``models.Scenario``."""

    def __init__(self, plan_year: int = PLAN_YEAR, name: str = "测试场景"):
        self.plan_year = plan_year
        self.name = name
        self._regions: dict = {}
        self._units: dict = {}
        self._cadres: list = []
        self._openings: list = []
        self._history: list = []
        self._relations: list = []
        self._preferences: list = []
        self._fit: list = []
        self._locks: list = []
        self._rules = Rules()
        self._weights = ZERO_WEIGHTS
        self._targets = frozenset({"environment", "chemistry", "law", "finance"})
        self._solver = SolverSettings(time_limit_s=20, seed=0, workers=1)

    # --- places ------------------------------------------------------------------------------
    def region(self, region_id: str, remote: bool = False, name: str | None = None) -> ScenarioBuilder:
        self._regions[region_id] = Region(region_id, name or f"区域{region_id}", remote)
        return self

    def unit(self, unit_id: str, region: str = "RA", level: str = "branch", grassroots: bool = False,
             hardship: int = 0, key_shortage: bool = False) -> ScenarioBuilder:
        if region not in self._regions:
            self.region(region)
        self._units[unit_id] = Unit(unit_id, f"单位{unit_id}", region, level, grassroots, hardship, key_shortage)
        return self

    # --- people ------------------------------------------------------------------------------
    def cadre(self, cadre_id: str, unit: str | None = "U1", since: str | None = "2024-01",
              entry: str = "2015-07", birth: str = "1990-01", rank: str = "staff", post_type: str = "admin",
              specialty: str = "environment", home: str = "HOME", rating: str = "competent",
              talent_pool: bool = False, certs=(), exempt: bool = False, gender: str = "M") -> ScenarioBuilder:
        """A cadre; ``unit=None`` makes a new recruit (``since`` is then ignored)."""
        since_m = month_index(since) if unit is not None else None
        self._cadres.append(Cadre(cadre_id, f"干部{cadre_id}", gender, month_index(birth), month_index(entry), "本科",
                                  specialty, rank, post_type, unit, since_m, home, rating, talent_pool,
                                  frozenset(certs), exempt))
        return self

    def recruit(self, cadre_id: str, entry: str = "2026-09", **kw) -> ScenarioBuilder:
        """A new recruit: no unit yet (R4 binds)."""
        return self.cadre(cadre_id, unit=None, since=None, entry=entry, **kw)

    # --- openings ----------------------------------------------------------------------------
    def opening(self, opening_id: str, kind: str = "posting", unit: str = "U2", start: int = 1, end: int = 12,
                seats: int = 1, **kw) -> ScenarioBuilder:
        """An opening; keyword arguments are the other ``models.Opening`` fields (min_seats,
        ranks, specialties, certificates, post_type, allow_transfer, min_rating, talent_pool_only,
        min_service_years, max_age, team_needs, hardship, development). Sets may be given as lists."""
        for key in ("ranks", "specialties", "certificates"):
            if key in kw:
                kw[key] = frozenset(kw[key])
        if "team_needs" in kw:
            kw["team_needs"] = tuple(tuple(t) for t in kw["team_needs"])
        if kind == "posting":
            end = 12
        self._openings.append(Opening(opening_id, f"岗位{opening_id}", kind, unit, start, end, seats, **kw))
        return self

    def posting(self, opening_id: str, unit: str, **kw) -> ScenarioBuilder:
        return self.opening(opening_id, "posting", unit, **kw)

    def temporary(self, opening_id: str, unit: str, start: int, end: int, **kw) -> ScenarioBuilder:
        return self.opening(opening_id, "temporary", unit, start, end, **kw)

    def task(self, opening_id: str, unit: str, start: int, end: int, **kw) -> ScenarioBuilder:
        return self.opening(opening_id, "task", unit, start, end, **kw)

    # --- the optional tables ------------------------------------------------------------------
    def history(self, cadre_id: str, unit: str, kind: str, start: str, end: str) -> ScenarioBuilder:
        self._history.append(HistoryRow(cadre_id, unit, kind, month_index(start), month_index(end)))
        return self

    def relation(self, a: str, b: str, relation: str = "配偶") -> ScenarioBuilder:
        self._relations.append(Relation(a, b, relation))
        return self

    def preference(self, cadre_id: str, opening_id: str, rank: int = 1) -> ScenarioBuilder:
        self._preferences.append(Preference(cadre_id, opening_id, rank))
        return self

    def fit(self, cadre_id: str, opening_id: str, score: int) -> ScenarioBuilder:
        self._fit.append(Fit(cadre_id, opening_id, score))
        return self

    def require(self, cadre_id: str, opening_id: str, note: str = "") -> ScenarioBuilder:
        self._locks.append(Lock(cadre_id, opening_id, "require", note))
        return self

    def forbid(self, cadre_id: str, opening_id: str, note: str = "") -> ScenarioBuilder:
        self._locks.append(Lock(cadre_id, opening_id, "forbid", note))
        return self

    # --- settings ----------------------------------------------------------------------------
    def rules(self, **kw) -> ScenarioBuilder:
        self._rules = replace(self._rules, **kw)
        return self

    def weights(self, **kw) -> ScenarioBuilder:
        """Switch terms on; every term not named stays 0."""
        self._weights = replace(ZERO_WEIGHTS, **kw)
        return self

    def targets(self, *specialties: str) -> ScenarioBuilder:
        self._targets = frozenset(specialties)
        return self

    def build(self) -> Scenario:
        return Scenario(
            name=self.name, plan_year=self.plan_year,
            regions=tuple(self._regions.values()), units=tuple(self._units.values()),
            cadres=tuple(self._cadres), openings=tuple(self._openings),
            history=tuple(self._history), relations=tuple(self._relations),
            preferences=tuple(self._preferences), fit=tuple(self._fit), locks=tuple(self._locks),
            target_specialties=self._targets, rules=self._rules, weights=self._weights, solver=self._solver)


# --- fixtures ---------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def fresh_highs_scheduler():
    """Import into a test module to make it independent of HiGHS's process-wide thread scheduler.

    HiGHS fixes its thread count at the first solve of a process. The MIP backend resets it
    before each run since 4382c28 (regression test: test_oracles.py::
    test_highs_changing_workers_in_one_process); resetting here too keeps these tests
    independent of test order even if that regresses.
    """
    import highspy
    highspy.Highs.resetGlobalScheduler(True)
    yield


# --- solving with the checker watching -------------------------------------------------------------
def assert_plan_valid(scenario: Scenario, result) -> None:
    """The plan of ``result`` passes the independent checker, summary and metrics included."""
    report = check_plan(scenario, result.plan, result.summary())
    assert report.ok, "checker rejects the plan:\n" + "\n".join(
        [str(v) for v in report.violations] + [str(d) for d in report.metric_diffs])


def solve_checked(scenario: Scenario, solver: str = "cpsat", **kw):
    """Solve; if a plan comes back, assert the independent checker accepts it. Returns the Result."""
    from planner.api import solve
    kw.setdefault("time_limit", 20)
    kw.setdefault("seed", 0)
    kw.setdefault("workers", 1)
    result = solve(scenario, solver=solver, **kw)
    if result.plan is not None:
        assert result.status in ("OPTIMAL", "FEASIBLE"), result.status
        assert_plan_valid(scenario, result)
    return result


def pairs(result) -> set:
    """The (cadre_id, opening_id) pairs of a result's plan."""
    return result.plan.pairs()


def openings_of(result, cadre_id: str) -> list:
    """The opening ids a cadre got, sorted."""
    return sorted(o for c, o in result.plan.pairs() if c == cadre_id)
