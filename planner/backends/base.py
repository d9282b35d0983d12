"""What every backend shares: the options it is given, the raw solution it returns, and a guard
for solvers that print on file descriptor 1."""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
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
    # The built model the values belong to when a backend chose its own (priced) model.
    built: object | None = None


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
    # Relative gap (against the best bound) at which the search ends (SPEC 6 ``--gap``).
    gap: float = 1e-4
    # ``time.perf_counter()`` of the command's start: seconds reported (first plan, progress)
    # count from it, and so does the time limit (wall clock, unless ``deterministic``).
    t_start: float | None = None
    # True: the time limit is measured in CP-SAT's deterministic time (reproducible, for audits).
    deterministic: bool = False
    # Set (e.g. by a signal handler) to stop the search and keep the best plan so far.
    stop: threading.Event | None = None

    @property
    def origin(self) -> float:
        """The moment seconds are counted from."""
        return self.t_start if self.t_start is not None else time.perf_counter()

    def deadline(self) -> float | None:
        """``time.perf_counter()`` value at which the search must end (None: deterministic)."""
        if self.deterministic:
            return None
        return self.origin + float(self.time_limit_s)

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()


def run_interruptible(fn: Callable, stop: threading.Event | None, on_stop: Callable,
                      deadline: float | None = None):
    """Run ``fn()`` in a worker thread while this thread waits in short steps, so that a signal
    handler (which Python runs only in the main thread, between bytecodes) takes effect at once:
    when ``stop`` is set or ``deadline`` passes, ``on_stop()`` is called once (e.g. CP-SAT's
    ``stop_search``), and ``fn``'s result is returned when it ends."""
    th, box = start_worker(fn)
    fired = False
    while th.is_alive():
        th.join(0.05)
        if not fired and ((stop is not None and stop.is_set())
                          or (deadline is not None and time.perf_counter() > deadline)):
            on_stop()
            fired = True
    return worker_result(box)


def start_worker(fn: Callable, name: str = "planner-solver") -> tuple:
    """``fn()`` in a daemon thread: (the thread, a dict that gets its "result" or "error")."""
    box: dict = {}

    def work():
        try:
            box["result"] = fn()
        except BaseException as err:       # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = err

    th = threading.Thread(target=work, name=name, daemon=True)
    th.start()
    return th, box


def worker_result(box: dict):
    """What ``start_worker``'s function returned (None if it has not), or its error raised."""
    if "error" in box:
        raise box["error"]
    return box.get("result")


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
