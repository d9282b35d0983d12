"""The ``planner`` command line. It only wires: read, solve, write, and prints for people.

One module per group of commands; each registers its commands on ``main`` (``common``) when
imported here.
"""
from planner.cli import (  # noqa: F401  (registers)
    bench_cmd,
    explain_cmd,
    fix_cmd,
    ledger_cmds,
    plan_cmds,
    scenario_cmds,
    solve_cmd,
    whatif_cmds,
)
from planner.cli.common import EXIT_INFEASIBLE, EXIT_INVALID, EXIT_NO_PLAN, EXIT_OK, main  # noqa: F401
