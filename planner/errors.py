"""One family of errors: each carries every problem found, as a list of lines a reader can act on.

A ``PlannerError`` never means a bug: it is bad input or a request that cannot be met, and the
CLI prints ``problems`` one per line and exits with the code SPEC 6 gives (2 for bad input).
"""
from __future__ import annotations

from collections.abc import Iterable


class PlannerError(Exception):
    """Base of the planner's errors; ``problems`` lists every problem found (at least one)."""

    default = "the request cannot be met"

    def __init__(self, problems: Iterable[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else [str(p) for p in problems]
        head = self.problems[0] if self.problems else self.default
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(head + more)


class ScenarioError(PlannerError):
    """A scenario that cannot be planned; each problem reads ``file:row: column: what is wrong``
    (``scenario.yaml: key: what`` for the settings file)."""

    default = "invalid scenario"


class PlanFileError(PlannerError):
    """A plan folder that cannot be read (plan.csv, summary.json) or does not fit its scenario."""

    default = "unreadable plan folder"


class EditError(PlannerError, ValueError):
    """An edit that names something the scenario does not hold, or a value of the wrong type."""

    default = "invalid edit"


class AdvanceError(PlannerError, ValueError):
    """A plan that cannot be applied (it breaks hard rules or names unknown cadres/openings)."""

    default = "plan cannot be applied"


class ReportError(PlannerError):
    """A report that cannot be made (no plan, no scenario, a plan for other data)."""

    default = "no report can be made"


class OutputError(PlannerError):
    """The outputs cannot be written (read-only, full disk, another writer, --out in the scenario):
    exit 5, and the plan folder is as it was."""

    default = "the outputs could not be written"


class SweepError(PlannerError):
    """A sweep that cannot run: a grid too large without --force, an unreachable Dask scheduler,
    a cluster without workers."""

    default = "the sweep cannot run"
