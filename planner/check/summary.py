"""summary.json against the plan: its keys, status and scenario hash (FORMAT), and its claims
(SUMMARY): the weights are the scenario's, each term and the objective are what the plan gives,
and ``plan_sha256`` is the hash of plan.csv.

A what-if run records what it changed in ``parameters`` (``planner solve --lock/--forbid/--baseline``,
``planner decline``): ``cli_locks`` (``[{"cadre_id", "opening_id", "lock"}]``) are locks on top of
locks.csv; ``declined`` (``[[cadre_id, opening_id], ...]``) are lines barred from the plan (a
require lock on one is lifted); a baseline (``baseline`` path or ``baseline_lines`` > 0) changes the
stability term. The baseline's
lines are read from ``parameters.baseline_pairs`` (``[[cadre_id, opening_id], ...]``) when recorded;
otherwise the stability term cannot be recomputed and is left out of the comparison, with a note.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from models.plan import Plan
from models.scenario import TERMS, Lock, Scenario
from planner.check.findings import FORMAT, SUMMARY, Violation
from planner.check.terms import weighted_objective
from planner.io.plan_files import plan_csv_text

SUMMARY_KEYS = ("status", "objective", "best_bound", "gap", "build_seconds", "solve_seconds", "solver",
                "seed", "scenario_sha256", "weights", "terms", "metrics")
# A plan directory holds a plan only when the solver found one (SPEC 6, exit 0).
PLAN_STATUSES = ("OPTIMAL", "FEASIBLE")
OBJECTIVE_TOLERANCE = 1e-6      # relative; every term is an integer, so any real difference is >= 1
LOCK_KINDS = ("require", "forbid")


@dataclass(frozen=True)
class WhatIf:
    """What a run changed on top of the scenario's files, as summary.json records it."""
    locks: tuple = ()                       # models.Lock from parameters.cli_locks
    declined: frozenset = frozenset()       # (cadre_id, opening_id) barred by a decline
    settings: tuple = ()                    # (path, value) from parameters.cli_set (solve --set)
    has_baseline: bool = False              # the run was re-planned against a baseline
    baseline: frozenset | None = None       # its lines, when recorded
    problems: tuple = ()                    # SUMMARY violations: what-if records that cannot be read


def quoted(value, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: a message never renders an unbounded value."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def read_what_if(summary: dict) -> WhatIf:
    """The what-if changes recorded in summary.json ``parameters`` (see the module docstring)."""
    params = summary.get("parameters")
    if not isinstance(params, dict):
        return WhatIf()
    problems, locks = [], []
    cli_locks = params.get("cli_locks", [])
    if not isinstance(cli_locks, list):
        cli_locks, problems = [], [Violation(SUMMARY, (), (), "summary.json parameters.cli_locks is not a list")]
    for i, item in enumerate(cli_locks):
        fields = item if isinstance(item, dict) else {}
        cadre_id, opening_id, kind = fields.get("cadre_id"), fields.get("opening_id"), fields.get("lock")
        if not (isinstance(cadre_id, str) and isinstance(opening_id, str) and kind in LOCK_KINDS):
            problems.append(Violation(SUMMARY, (), (), f"summary.json parameters.cli_locks[{i}] is not "
                                                      "{cadre_id, opening_id, lock: require|forbid}"))
            continue
        locks.append(Lock(cadre_id, opening_id, kind, "command line"))
    lines = params.get("baseline_lines", 0)
    has_baseline = params.get("baseline") is not None or (_number(lines) and lines > 0)
    baseline, problems_baseline = _pairs(params.get("baseline_pairs"), "baseline_pairs")
    problems += problems_baseline
    if baseline is not None:
        baseline, has_baseline = frozenset(baseline), True
    declined, problems_declined = _pairs(params.get("declined"), "declined")
    problems += problems_declined
    settings = []
    cli_set = params.get("cli_set", [])
    for i, item in enumerate(cli_set if isinstance(cli_set, list) else [None]):
        fields = item if isinstance(item, dict) else {}
        if not (isinstance(fields.get("path"), str) and isinstance(fields.get("value"), str)):
            problems.append(Violation(SUMMARY, (), (), f"summary.json parameters.cli_set[{i}] is not {{path, value}}"))
            continue
        settings.append((fields["path"], fields["value"]))
    return WhatIf(locks=tuple(locks), declined=frozenset(declined or ()), has_baseline=has_baseline,
                  baseline=baseline, problems=tuple(problems), settings=tuple(settings))


def _pairs(recorded, name: str) -> tuple:
    """([(cadre_id, opening_id), ...] or None, problems) of a recorded list of pairs."""
    if recorded is None:
        return None, []
    pairs = []
    for item in recorded if isinstance(recorded, list) else [None]:
        if isinstance(item, dict):
            item = [item.get("cadre_id"), item.get("opening_id")]
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            return None, [Violation(SUMMARY, (), (), f"summary.json parameters.{name} is not a list "
                                                      "of [cadre_id, opening_id]")]
        pairs.append(tuple(item))
    return pairs, []


def with_what_if(scenario: Scenario, what_if: WhatIf) -> Scenario:
    """The scenario as the run saw it (its hash kept: the files are the same): the recorded
    command-line locks added, and each declined line barred (a forbid lock, its require lock lifted)."""
    if not what_if.locks and not what_if.declined and not what_if.settings:
        return scenario
    # solve --set values go through the same edits sweep and what-if use (planner.edits).
    from planner.edits import EditError, with_value
    for path, value in what_if.settings:
        try:
            scenario = with_value(scenario, path, value).replace(sha256=scenario.sha256)
        except EditError:
            pass                  # reported by the summary's weights/terms comparison that follows
    locks = [lk for lk in scenario.locks
             if not (lk.lock == "require" and (lk.cadre_id, lk.opening_id) in what_if.declined)]
    locks += what_if.locks
    locks += [Lock(c, o, "forbid", "declined") for c, o in sorted(what_if.declined)]
    return scenario.replace(locks=tuple(locks), sha256=scenario.sha256)


def check_summary(scenario: Scenario, summary: dict) -> list:
    """FORMAT problems of summary.json: keys SPEC 6 requires, a plan status, the scenario hash."""
    out = []
    missing = [k for k in SUMMARY_KEYS if k not in summary]
    if missing:
        out.append(Violation(FORMAT, (), (), f"summary.json lacks {', '.join(missing)}"))
    status = summary.get("status")
    if "status" in summary and status not in PLAN_STATUSES:
        out.append(Violation(FORMAT, (), (), f"summary.json status is {quoted(status)}, but a plan was written "
                                             f"(expected {' or '.join(PLAN_STATUSES)})"))
    sha = summary.get("scenario_sha256")
    if scenario.sha256 and sha and sha != scenario.sha256:
        out.append(Violation(FORMAT, (), (), "summary.json scenario_sha256 is not this scenario's: "
                                             "the plan was made for other data"))
    if "metrics" in summary and not isinstance(summary["metrics"], dict):
        out.append(Violation(FORMAT, (), (), "summary.json metrics is not an object"))
    return out


def _check_weights(scenario: Scenario, reported) -> list:
    if not isinstance(reported, dict):
        return [Violation(SUMMARY, (), (), "summary.json weights is not an object")]
    ours = scenario.weights.as_dict()
    out = []
    for term in TERMS:
        if term not in reported:
            out.append(Violation(SUMMARY, (), (),
                                 f"summary.json weights lacks {term} (the scenario's is {ours[term]})"))
        elif not _number(reported[term]) or reported[term] != ours[term]:
            out.append(Violation(SUMMARY, (), (), f"summary.json weights.{term} is {quoted(reported[term])}, "
                                                  f"but the scenario's weight is {ours[term]}"))
    for extra in sorted(set(reported) - set(TERMS), key=str):
        out.append(Violation(SUMMARY, (), (), f"summary.json weights names {quoted(extra)}, which is no term"))
    return out


def _check_terms(reported, recomputed: dict, skip: tuple) -> list:
    if not isinstance(reported, dict):
        return [Violation(SUMMARY, (), (), "summary.json terms is not an object")]
    out = []
    for term in TERMS:
        if term in skip:
            continue
        value = reported.get(term)
        if term not in reported:
            out.append(Violation(SUMMARY, (), (), f"summary.json terms lacks {term} (recomputed {recomputed[term]})"))
        elif not _number(value) or value != recomputed[term]:
            out.append(Violation(SUMMARY, (), (), f"summary.json terms.{term} is {quoted(value)}, "
                                                  f"recomputed from the plan {recomputed[term]}"))
    for extra in sorted(set(reported) - set(TERMS), key=str):
        out.append(Violation(SUMMARY, (), (), f"summary.json terms names {quoted(extra)}, which is no term"))
    return out


def _check_objective(scenario: Scenario, summary: dict, terms: dict) -> list:
    expected = weighted_objective(scenario.weights.as_dict(), terms)
    reported = summary.get("objective")
    if not _number(reported):
        return [Violation(SUMMARY, (), (), f"summary.json objective is {quoted(reported)}; a plan's objective is "
                                           f"Σ weight × term = {expected}")]
    if abs(reported - expected) > OBJECTIVE_TOLERANCE * max(1.0, abs(expected)):
        return [Violation(SUMMARY, (), (), f"summary.json objective is {quoted(reported)}, but Σ weight × term over "
                                           f"the scenario's weights and the plan's terms is {expected}")]
    return []


def check_claims(scenario: Scenario, summary: dict, terms: dict, what_if: WhatIf,
                 plan_sha256: str | None, rows: list) -> tuple:
    """SUMMARY violations of summary.json's weights, terms, objective and plan hash, and notes.

    Parameters
    ----------
    scenario : models.Scenario
        The scenario the plan is checked against (its weights are the true ones).
    summary : dict
        The parsed summary.json.
    terms : dict
        The terms recomputed from the plan (``planner.check.terms.recompute_terms``).
    what_if : WhatIf
        What the run recorded changing (``read_what_if``).
    plan_sha256 : str or None
        SHA-256 of plan.csv's bytes; None when checking rows in memory, where the hash of the
        rows written as ``planner solve`` writes them stands in.
    rows : list of models.plan.Assignment

    Returns
    -------
    (list of Violation, list of str)
    """
    out = list(what_if.problems)
    notes = []
    if "weights" in summary:
        out += _check_weights(scenario, summary["weights"])
    skip: tuple = ()
    if what_if.has_baseline and what_if.baseline is None:
        skip = ("stability",)
        notes.append("summary.json records a baseline but not its lines (parameters.baseline_pairs): "
                     "the stability term is not recomputed")
    if "terms" in summary:
        out += _check_terms(summary["terms"], terms, skip)
    if summary.get("status") in PLAN_STATUSES and "objective" in summary:
        basis = dict(terms)
        reported_terms = summary.get("terms") if isinstance(summary.get("terms"), dict) else {}
        for term in skip:
            basis[term] = reported_terms.get(term, 0) if _number(reported_terms.get(term)) else 0
        out += _check_objective(scenario, summary, basis)
    claimed = summary.get("plan_sha256")
    if claimed is not None:
        actual = plan_sha256 or hashlib.sha256(plan_csv_text(Plan(tuple(rows))).encode("utf-8")).hexdigest()
        if claimed != actual:
            out.append(Violation(SUMMARY, (), (), f"summary.json plan_sha256 is {quoted(claimed, 80)}, but plan.csv's "
                                                  f"SHA-256 is {actual}: the plan is not the one the summary "
                                                  "describes"))
    return out, notes
