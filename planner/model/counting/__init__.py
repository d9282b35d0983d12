"""Counting checks: each proves, by counting seats and candidates, that a scenario has no plan,
and names the cause and the ids involved. They run before every solve (in well under a second
where a solver may need a minute), open every diagnosis, and are all ``planner validate`` runs.

Each check returns diagnosis items (``items.diagnosis_item``): the rule code, every code
involved, the cadres and openings, and the words (``text`` in English, ``text_zh`` in Chinese)
from the templates of ``planner.labels.diagnosis``. Where eligibility filters leave an opening
without the people it needs, the item says which filter removed which cadres (``removed``).

- ``candidates``: a demand with no candidate at all, ``min_seats`` above the candidates, team
  needs no candidate can meet;
- ``seats``: more recruits (R4) or rotation-due cadres (R6) than the posting seats open to them;
- ``locks``: require locks that contradict each other or the rules;
- ``hall``: a set of must-move cadres whose open postings have too few seats (max flow).
"""
from __future__ import annotations

from models.scenario import Scenario
from planner.model.counting.candidates import check_empty, check_r3_min_seats, check_r9_team_needs
from planner.model.counting.hall import Demand, check_hall, must_move_demands
from planner.model.counting.items import HasContext, diagnosis_item, holders_of, order_codes, removals, why_words
from planner.model.counting.locks import check_locks
from planner.model.counting.seats import check_r4_recruits, check_r6_due

COUNTING_CHECKS = (check_empty, check_r3_min_seats, check_r4_recruits, check_r6_due, check_locks,
                   check_r9_team_needs, check_hall)

__all__ = ["COUNTING_CHECKS", "Demand", "HasContext", "counting_checks", "diagnosis_item", "holders_of",
           "must_move_demands", "order_codes", "removals", "why_words"]


def _repeats_an_earlier_item(item: dict, earlier: list) -> bool:
    """A Hall item that repeats an R4/R6 count item, or that names only cadres an earlier item
    already found with nothing open at all."""
    if item.get("check") != "hall":
        return False
    if any(set(item["cadres"]) == set(prev["cadres"]) and prev.get("check") in ("recruits_vs_grassroots",
                                                                                  "due_vs_seats")
           for prev in earlier):
        return True
    nothing_open = {c for prev in earlier if prev.get("check") in ("require_lock_blocked", "no_posting_open")
                    for c in prev["cadres"]}
    return not item["openings"] and set(item["cadres"]) <= nothing_open


def counting_checks(scenario: Scenario, built: HasContext) -> list:
    """Every counting check, in order.

    Parameters
    ----------
    scenario : Scenario
    built : BuiltModel, or any object with a ``ctx`` (``planner.model.context.ModelContext``)
        The checks read only the candidate pairs, so ``planner validate`` runs them without
        building the rules and terms.

    Returns
    -------
    list of dict
        Diagnosis items; empty when no count proves the scenario infeasible.
    """
    items: list = []
    for check in COUNTING_CHECKS:
        for item in check(scenario, built):
            if not _repeats_an_earlier_item(item, items):
                items.append(item)
    return items
