"""What every command shares: the ``planner`` group, exit codes, reading a scenario or exiting 2.

Exit codes (SPEC 6): 0 plan written, 2 invalid scenario (nothing written), 3 infeasible
(diagnosis written), 4 no plan within the time limit, 5 outputs could not be written.
``planner check``: 0 valid, 1 violations."""
from __future__ import annotations

import logging
import sys

import click

EXIT_OK, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_PLAN, EXIT_OUTPUT = 0, 2, 3, 4, 5


def _read_or_exit(path):
    """Read a scenario; on bad input print every problem and exit 2 (no traceback)."""
    from planner.io import ScenarioError, read_scenario
    try:
        return read_scenario(path)
    except ScenarioError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo(f"scenario is invalid: {len(err.problems)} problem(s); nothing was written", err=True)
        sys.exit(EXIT_INVALID)


@click.group()
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose):
    """Plan the annual posting and rotation of young cadres."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


# --------------------------------------------------------------------------------------------
# committee pack: report, graph
# --------------------------------------------------------------------------------------------
def _scenario_for_plan(scenario_dir, command, plan_dir=None):
    """The scenario a plan folder was solved from: ``scenario_dir`` when given, else the one
    summary.json records (SPEC 6). Exit 2 with a clear message when it cannot be found, is
    invalid, or is not the data the plan was made from (its hash differs)."""
    from planner.errors import PlanFileError
    from planner.io.plan_files import scenario_path_of, summary_of, verify_plan_folder
    if scenario_dir is None:
        if plan_dir is None:
            click.echo(f"planner {command} needs the scenario folder", err=True)
            sys.exit(EXIT_INVALID)
        try:
            scenario_dir = scenario_path_of(plan_dir)
        except PlanFileError as err:
            for problem in err.problems:
                click.echo(problem, err=True)
            sys.exit(EXIT_INVALID)
    scenario = _read_or_exit(scenario_dir)
    if plan_dir is not None:
        try:
            summary = summary_of(plan_dir)
        except PlanFileError:
            return scenario          # no summary: the command itself says what is missing
        problems = [p for p in verify_plan_folder(plan_dir, scenario, summary) if "plan_sha256" not in p
                    or command != "check"]
        if problems:
            for problem in problems:
                click.echo(problem, err=True)
            click.echo(f"planner {command}: refused, the plan folder does not belong to this scenario", err=True)
            sys.exit(EXIT_INVALID)
    return scenario


class Seconds(click.ParamType):
    """A time limit: a finite number of seconds above 0 and at most a week."""

    name = "seconds"

    def convert(self, value, param, ctx):
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{str(value)[:40]!r} is not a number of seconds", param, ctx)
        if not (0 < seconds <= 7 * 86400):            # also refuses nan and inf
            self.fail(f"{str(value)[:40]} is not between 0 (excluded) and 604800 seconds", param, ctx)
        return seconds


SECONDS = Seconds()
SEED = click.IntRange(0, 2**31 - 1)
WORKERS = click.IntRange(1, 64)
