"""What every backend shares: the options it is given, the raw solution it returns, and a guard
for solvers that print on file descriptor 1."""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from planner.model.linear import LinearModel


@dataclass
class RawSolution:
    status: str                       # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    values: np.ndarray | None      # one int per model variable, or None
    objective: float | None        # as the solver saw it (weighted, constant included)
    best_bound: float | None
    solve_seconds: float
    first_solution_seconds: float | None = None
    interrupted: bool = False


@dataclass
class SolveOptions:
    time_limit_s: float = 60
    seed: int = 0
    workers: int = 2
    # Called with (seconds, objective, bound) whenever a better plan is found.
    progress: Callable | None = None
    # Called with a line of text at each phase of a long solve (LP bound, stage sizes).
    phase: Callable | None = None
    # Hint for warm start: variable index -> value.
    hint: dict | None = None
    log_search: bool = False
    # CP-SAT: start from the LP relaxation (HiGHS) and solve the LP-guided restricted model
    # first; False gives plain CP-SAT on the whole model (kept for the benchmark).
    warm_start: bool = True


@contextlib.contextmanager
def quiet_stdout(quiet: bool):
    """HiGHS prints its banner on file descriptor 1 before PuLP can switch its output off;
    plan files and our own output must not be mixed with it, so stdout is parked meanwhile."""
    if not quiet:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


class Backend(Protocol):
    """A backend solves a ``LinearModel`` with the term weights and options given."""

    def __call__(self, model: LinearModel, weights: dict, options: SolveOptions) -> RawSolution: ...
