"""The notebook-facing API: everything a planner does in a notebook, from one import.

>>> from planner import api
>>> sc = api.demo_scenario()                      # or api.read_scenario("scenarios/demo")
>>> base = api.solve(sc, time_limit=5)
>>> api.plan_frame(base, sc).head()               # the plan as a tidy DataFrame
>>> more = api.solve(api.with_seats(sc, "OP012", 3), time_limit=5)
>>> cmp = api.compare(base, more)                 # lines added/removed/changed, metrics side by side
>>> api.metrics_frame({"base": base.metrics, "more seats": more.metrics})
>>> grid = api.sweep(sc, {"weights.fairness": [0, 10, 20]}, time_limit=2)
>>> next_year = api.advance(sc, base)             # the plan applied: the scenario of plan_year + 1
>>> moves, secondments, barriers = api.ledger(sc, base)   # exchange between regions over 5 years
>>> api.decline(sc, base, "C0005").chain_words()  # who moves instead when a cadre declines

Scenario edits (``with_seats``, ``with_weights``, ``with_lock``, ...) return a new scenario and
touch no file. ``solve`` takes ``baseline=`` as an earlier Result, Plan, plan folder or set of
(cadre_id, opening_id) pairs; every line changed against it costs 100 x the stability weight.
DataFrames come from ``planner.io`` (the one module that imports pandas).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from models.plan import Plan
from models.scenario import Scenario
from planner.edits import (
    EditError,
    with_cadre,
    with_lock,
    with_opening,
    with_rules,
    with_seats,
    with_solver,
    with_unit,
    with_value,
    with_weights,
    without_lock,
)
from planner.io import (
    ScenarioError,
    metrics_frame,
    plan_frame,
    read_scenario,
    write_scenario,
)
from planner.whatif.advance import AdvanceError, advance, revise_template
from planner.whatif.compare import Comparison, compare

log = logging.getLogger(__name__)

__all__ = [
    "read_scenario", "write_scenario", "ScenarioError", "demo_scenario",
    "solve", "check", "explain", "compare", "Comparison", "load_plan", "save_plan", "baseline_pairs",
    "plan_frame", "metrics_frame",
    "with_seats", "with_weights", "with_lock", "without_lock", "with_rules", "with_solver", "with_opening",
    "with_unit", "with_cadre", "with_value", "EditError",
    "sweep", "advance", "revise_template", "AdvanceError",
    "ledger", "LedgerFrames", "decline",
]

DEMO_DIR = Path(__file__).resolve().parent.parent / "scenarios" / "demo"


def demo_scenario() -> Scenario:
    """The demo scenario: ``scenarios/demo`` of the source tree when it is there, else the
    generated municipal scenario of seed 0 (``planner generate --size municipal --seed 0``)."""
    if (DEMO_DIR / "scenario.yaml").is_file():
        log.info("demo scenario: %s", DEMO_DIR)
        return read_scenario(DEMO_DIR)
    from planner.generate import generate_scenario
    log.info("demo scenario: generated municipal, seed 0 (no %s)", DEMO_DIR)
    return generate_scenario("municipal", 0)


def load_plan(plan_dir) -> tuple:
    """Read a plan folder: ``(models.Plan, summary dict)`` (raises planner.check.PlanFileError)."""
    from planner.check import read_plan
    rows, summary = read_plan(plan_dir)
    return Plan(tuple(rows)), summary


def _rows(plan) -> list:
    """Assignments of a Result, a Plan, a plan folder or an iterable of rows."""
    if isinstance(plan, (str, Path)):
        return list(load_plan(plan)[0].assignments)
    if hasattr(plan, "plan") and not hasattr(plan, "assignments"):
        if plan.plan is None:
            raise ValueError(f"the result has no plan (status {plan.status})")
        plan = plan.plan
    return list(plan.assignments if hasattr(plan, "assignments") else plan)


def baseline_pairs(plan) -> set:
    """The (cadre_id, opening_id) pairs of a Result, Plan, plan folder or set of pairs."""
    if isinstance(plan, (set, frozenset)):
        return set(plan)
    return {(a.cadre_id, a.opening_id) for a in _rows(plan)}


def solve(scenario: Scenario, baseline=None, **kwargs):
    """Plan a scenario (``planner.solve.solve``); ``baseline`` may be a Result, a Plan, a plan
    folder or a set of pairs. Returns a ``planner.solve.result.Result`` (``.plan``, ``.metrics``,
    ``.terms``, ``.status``, ...)."""
    from planner.diagnose import attach_diagnosis
    from planner.solve import solve as _solve
    result = _solve(scenario, baseline=None if baseline is None else baseline_pairs(baseline), **kwargs)
    attach_diagnosis(result, scenario)
    return result


def check(scenario: Scenario, plan):
    """Re-check a plan (Result, Plan, rows or plan folder) against every hard rule and recompute
    the metrics (``planner.check``). A plan folder's summary.json is checked too."""
    from planner.check import check_dir, check_plan
    if isinstance(plan, (str, Path)):
        return check_dir(scenario, plan)
    return check_plan(scenario, _rows(plan))


def save_plan(result, scenario: Scenario, out_dir, lang: str = "zh") -> list:
    """Write plan.csv and summary.json (or the diagnosis) as ``planner solve`` does."""
    from planner.diagnose import write_diagnosed
    return write_diagnosed(result, scenario, out_dir, lang=lang)


def explain(scenario: Scenario, plan, cadre_id: str | None = None, opening_id: str | None = None,
            text: bool = False, **kwargs):
    """Why the plan is what it is for one cadre or one opening (``planner.explain``, imported
    when first called).

    Parameters
    ----------
    scenario : the scenario the plan was made for.
    plan : a Result, a Plan, rows or a plan folder.
    cadre_id / opening_id : exactly one of them.
    text : return the rendered text (Chinese by default, ``lang="en"`` for English) instead of the dict.
    kwargs : passed on (``lang``, ``max_resolves``, ``resolve_time``, ``workers``, ...).
    """
    from planner import explain as ex
    if (cadre_id is None) == (opening_id is None):
        raise ValueError("explain: give exactly one of cadre_id and opening_id")
    rows = plan if isinstance(plan, (str, Path)) else Plan(tuple(_rows(plan)))
    if cadre_id is not None:
        d = ex.explain_cadre(scenario, rows, cadre_id, **kwargs)
        return ex.render_cadre(d, kwargs.get("lang"), scenario) if text else d
    d = ex.explain_opening(scenario, rows, opening_id, **kwargs)
    return ex.render_opening(d, kwargs.get("lang")) if text else d


def sweep(scenario: Scenario, grid, out_dir=None, jobs: int = 1, executor: str = "process", scheduler=None,
          **solve_options):
    """Solve the grid of variants; ``grid`` maps dotted paths to values, e.g.
    ``{"weights.fairness": [0, 10], "openings.OP012.seats": [1, 2]}`` (or a list of
    ``"PATH=V1,V2"`` strings). Returns a ``planner.whatif.sweep.SweepResult``: ``.rows`` (one dict of
    figures per variant, ready for :func:`metrics_frame`) and ``.results`` (variant -> Result)."""
    from planner.whatif.sweep import Axis, run_sweep
    if isinstance(grid, dict):
        axes = [Axis(path, tuple(str(v) for v in values)) for path, values in grid.items()]
    else:
        axes = list(grid)
    return run_sweep(scenario, axes, out_dir=out_dir, jobs=jobs, executor=executor, scheduler=scheduler,
                     **solve_options)


def __getattr__(name: str):
    # Other names of planner.explain (why_not, ...) as api.NAME, imported on first use: the
    # module is written separately and may not exist in every checkout yet.
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        from planner import explain as _explain_module
    except ImportError:
        raise AttributeError(f"module 'planner.api' has no attribute {name!r}") from None
    if hasattr(_explain_module, name):
        return getattr(_explain_module, name)
    raise AttributeError(f"module 'planner.api' has no attribute {name!r}")


class LedgerFrames(NamedTuple):
    """The ledger of SPEC 8 as DataFrames: ``moves`` and ``secondments`` (year, from, to, count,
    sorted by year, then from, then to) and ``barriers`` (a, b with a < b, sorted)."""
    moves: object
    secondments: object
    barriers: object


def ledger(scenario: Scenario, plan=None, years: int = 5) -> LedgerFrames:
    """Exchange between regions over the years (SPEC 8, ``planner ledger``) as DataFrames.

    Parameters
    ----------
    scenario : the scenario.
    plan : a Result, a Plan, rows or a plan folder; None for the past alone (the window then ends
        the year before ``plan_year``; with a plan it ends at ``plan_year``).
    years : the window's length (default 5).

    Returns
    -------
    LedgerFrames
        ``moves, secondments, barriers = api.ledger(sc, plan)``.
    """
    from planner.ledger import BARRIER_COLUMNS, MOVE_COLUMNS, count_records, ledger_of
    rows = None if plan is None else _rows(plan)
    book = ledger_of(scenario, rows, years)
    return LedgerFrames(
        metrics_frame(count_records(book.moves)).reindex(columns=list(MOVE_COLUMNS)),
        metrics_frame(count_records(book.secondments)).reindex(columns=list(MOVE_COLUMNS)),
        metrics_frame([dict(zip(BARRIER_COLUMNS, pair)) for pair in book.barriers]).reindex(
            columns=list(BARRIER_COLUMNS)))


def decline(scenario: Scenario, plan, cadre_id: str, opening_id: str | None = None, **kwargs):
    """A cadre declines (SPEC 9, ``planner decline``): the fewest-change re-plan with the plan as
    baseline and the declined line barred (every line of the cadre without ``opening_id``).

    Returns a ``planner.whatif.decline.Decline``: ``.result`` (a Result: ``.plan``, ``.metrics``,
    ...), ``.chain_words()`` (who moves instead, in words), ``.replan.changes``. ``kwargs`` go to
    ``planner.whatif.decline.decline`` (``time_limit``, ``workers``, ...). A plan folder given as
    ``plan`` also passes its lines declined earlier (decline.json)."""
    from planner.whatif.decline import decline as _decline
    if isinstance(plan, (str, Path)):
        kwargs.setdefault("earlier", plan)
    return _decline(scenario, _rows(plan), cadre_id, opening_id, **kwargs)


def cadre_path(scenario: Scenario, plan=None, cadre_id: str | None = None):
    """A cadre's path (成长轨迹): units, regions, kinds and hardship points year by year across the
    history, the current posting and the plan, and where the grassroots record was gained.

    Parameters
    ----------
    scenario : the scenario.
    plan : a Result, a Plan, rows or a plan folder; None for the past alone. ``cadre_path(sc, cid)``
        (a cadre id in its place, no third argument) is the past alone too.
    cadre_id : the cadre.

    Returns
    -------
    pandas.DataFrame
        One row per stint and calendar year, the columns of ``planner.explain.path.PATH_COLUMNS``
        (see ``planner.explain.path.cadre_path``); ``counted_points`` adds up to the cadre's
        total points after the plan.
    """
    from planner.explain.path import PATH_COLUMNS
    from planner.explain.path import cadre_path as _cadre_path
    if cadre_id is None and isinstance(plan, str) and plan in scenario.cadre_by_id:
        plan, cadre_id = None, plan
    if cadre_id is None:
        raise ValueError("cadre_path: give the cadre's id")
    rows = _cadre_path(scenario, None if plan is None else Plan(tuple(_rows(plan))), cadre_id)
    frame = metrics_frame(rows or [dict.fromkeys(PATH_COLUMNS)])
    return frame.iloc[0:0] if not rows else frame
