"""Solver backends. Each takes a ``LinearModel`` and returns a ``RawSolution`` (``base``).

``SOLVERS`` names the public choices of ``solve(..., solver=...)``; ``get_backend`` maps a name to
its backend function; an unknown name is a ``ValueError`` (never a silent fallback).
"""
from __future__ import annotations

from planner.backends.base import Backend, RawSolution, SolveOptions, quiet_stdout  # noqa: F401

SOLVERS = ("cpsat", "highs", "cbc")


def get_backend(name: str) -> Backend:
    """The backend function of a solver name (see ``SOLVERS``); ``ValueError`` for any other."""
    if name == "cpsat":
        from planner.backends.cpsat import solve_cpsat
        return solve_cpsat
    if name in ("highs", "cbc"):
        from planner.backends.mip import solve_mip

        def run(model, weights, options):
            return solve_mip(model, weights, options, engine=name)
        return run
    raise ValueError(f"unknown solver {name!r}: choose one of {', '.join(SOLVERS)}")
