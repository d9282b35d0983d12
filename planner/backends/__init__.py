"""Solver backends. Each takes a ``LinearModel`` and returns a ``RawSolution``.

``BACKENDS`` maps the public names of ``solve(..., solver=...)`` to backend functions; an
unknown name is a ``ValueError`` (never a silent fallback).
"""
from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np


@dataclass
class RawSolution:
    status: str                       # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    values: Optional[np.ndarray]      # one int per model variable, or None
    objective: Optional[float]        # as the solver saw it (weighted, constant included)
    best_bound: Optional[float]
    solve_seconds: float
    first_solution_seconds: Optional[float] = None
    interrupted: bool = False


@dataclass
class SolveOptions:
    time_limit_s: float = 60
    seed: int = 0
    workers: int = 2
    # Called with (seconds, objective, bound) whenever a better plan is found.
    progress: Optional[Callable] = None
    # Called with a line of text at each phase of a long solve (LP bound, stage sizes).
    phase: Optional[Callable] = None
    # Hint for warm start: variable index -> value.
    hint: Optional[dict] = None
    log_search: bool = False
    # CP-SAT: start from the LP relaxation (HiGHS) and solve the LP-guided restricted model
    # first; False gives plain CP-SAT on the whole model (kept for the benchmark).
    warm_start: bool = True


def get_backend(name: str):
    if name == "cpsat":
        from planner.backends.cpsat import solve_cpsat
        return solve_cpsat
    if name in ("highs", "cbc"):
        from planner.backends.mip import solve_mip

        def run(model, weights, options):
            return solve_mip(model, weights, options, engine=name)
        return run
    raise ValueError(f"unknown solver {name!r}: choose one of {', '.join(SOLVERS)}")


SOLVERS = ("cpsat", "highs", "cbc")


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
