"""The ledger of a scenario and a plan as tables: SPEC 8 counts, who moved, per-region totals,
the barriers, and the plan's moves that cross one."""
from __future__ import annotations

from models.exchange import Ledger, Move, all_moves, compute_ledger, exchange_lookback_years, past_barriers
from models.scenario import Scenario

MOVE_COLUMNS = ("year", "from", "to", "count")
RECORD_COLUMNS = ("year", "cadre_id", "from", "to", "from_unit", "to_unit", "source")
SECONDMENT_RECORD_COLUMNS = ("year", "cadre_id", "from", "to", "from_unit", "to_unit", "kind", "source")
BARRIER_COLUMNS = ("a", "b")
REGION_CATEGORIES = ("both", "send_only", "receive_only", "isolated")


def plan_rows(plan) -> list | None:
    """The assignments of a Result, a Plan or an iterable of rows; None for no plan."""
    if plan is None:
        return None
    if hasattr(plan, "plan") and not hasattr(plan, "assignments"):      # a planner Result
        if plan.plan is None:
            raise ValueError(f"the result has no plan (status {plan.status})")
        plan = plan.plan
    return list(plan.assignments if hasattr(plan, "assignments") else plan)


def ledger_of(scenario: Scenario, plan=None, years: int = 5) -> Ledger:
    """The SPEC 8 ledger (``models.exchange.compute_ledger``) of a scenario alone (the past: the
    window ends the year before ``plan_year``) or with a plan (the window ends at ``plan_year``).

    Parameters
    ----------
    scenario : models.Scenario
    plan : models.Plan, a planner Result, an iterable of Assignment, or None
    years : int
        The window's length N (default 5).

    Returns
    -------
    models.exchange.Ledger
    """
    return compute_ledger(scenario, plan_rows(plan), years)


def count_records(counts) -> list:
    """``(year, from, to, count)`` tuples as dicts with SPEC 8's keys."""
    return [dict(zip(MOVE_COLUMNS, row)) for row in counts]


def move_records(ledger: Ledger) -> list:
    """Who moved inside the window: one dict per move (:data:`RECORD_COLUMNS`), by year then cadre."""
    rows = [dict(zip(RECORD_COLUMNS, (m.year, m.cadre_id, m.from_region, m.to_region, m.from_unit, m.to_unit,
                                       m.source))) for m in ledger.move_records]
    return sorted(rows, key=lambda r: (r["year"], r["cadre_id"], r["from"], r["to"]))


def secondment_records(ledger: Ledger) -> list:
    """Who was seconded inside the window: one dict per secondment, by year then cadre."""
    rows = [dict(zip(SECONDMENT_RECORD_COLUMNS, (s.year, s.cadre_id, s.from_region, s.to_region, s.from_unit,
                                                  s.to_unit, s.kind, s.source))) for s in ledger.secondment_records]
    return sorted(rows, key=lambda r: (r["year"], r["cadre_id"], r["from"], r["to"], r["to_unit"]))


def region_categories(ledger: Ledger) -> dict:
    """region -> ``both``, ``send_only``, ``receive_only`` or ``isolated`` by the window's moves."""
    out = {}
    for region, (sent, received) in ledger.region_totals().items():
        out[region] = ("both" if sent and received else "send_only" if sent
                       else "receive_only" if received else "isolated")
    return out


def barrier_crossings(scenario: Scenario, plan, years: int | None = None) -> list:
    """The plan's moves (``models.exchange.Move``, source ``plan``) between two regions with no move
    either way in the ``years`` years before the plan (default ``rules.exchange_lookback_years``):
    the postings that break a barrier."""
    if years is None:
        years = exchange_lookback_years(scenario)
    walls = past_barriers(scenario, years)
    out = []
    for m in all_moves(scenario, plan_rows(plan)):
        if m.source == "plan" and (min(m.from_region, m.to_region), max(m.from_region, m.to_region)) in walls:
            out.append(m)
    return sorted(out, key=lambda m: (m.cadre_id, m.from_region, m.to_region))


def plan_moves(scenario: Scenario, plan) -> list:
    """The plan's moves (source ``plan``): its cross-region postings of cadres who had a posting."""
    return [m for m in all_moves(scenario, plan_rows(plan)) if m.source == "plan"]


__all__ = ["MOVE_COLUMNS", "RECORD_COLUMNS", "SECONDMENT_RECORD_COLUMNS", "BARRIER_COLUMNS", "REGION_CATEGORIES",
           "Ledger", "Move", "ledger_of", "plan_rows", "count_records", "move_records", "secondment_records",
           "region_categories", "barrier_crossings", "plan_moves"]
