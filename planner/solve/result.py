"""What solving returns: always a ``Result`` (infeasibility is a status, not an exception)."""
from __future__ import annotations

from dataclasses import dataclass, field

from models.plan import Plan


@dataclass
class Result:
    status: str                      # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    solver: str
    seed: int
    workers: int
    time_limit_s: float
    scenario_sha256: str
    weights: dict
    plan: Plan | None = None
    objective: float | None = None
    best_bound: float | None = None
    gap: float | None = None
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    first_solution_seconds: float | None = None
    terms: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)
    model_size: dict = field(default_factory=dict)
    diagnosis: dict | None = None
    interrupted: bool = False
    parameters: dict = field(default_factory=dict)
    # The built model of an INFEASIBLE run, for the diagnosis; never written out.
    built: object | None = field(default=None, repr=False, compare=False)

    @property
    def has_plan(self) -> bool:
        return self.plan is not None

    def summary(self) -> dict:
        """summary.json (SPEC 6): every field, the parameters, and the metrics."""
        return {
            "status": self.status,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "gap": self.gap,
            "build_seconds": round(self.build_seconds, 3),
            "solve_seconds": round(self.solve_seconds, 3),
            "first_solution_seconds": None if self.first_solution_seconds is None
            else round(self.first_solution_seconds, 3),
            # SPEC 6: from the command's start to the first complete plan.
            "first_plan_seconds": None if self.first_solution_seconds is None
            else round(self.first_solution_seconds, 3),
            "solver": self.solver,
            "seed": self.seed,
            "workers": self.workers,
            "time_limit_s": self.time_limit_s,
            "interrupted": self.interrupted,
            "scenario_sha256": self.scenario_sha256,
            "weights": self.weights,
            "terms": self.terms,
            "metrics": self.metrics,
            "model": self.model_size,
            "parameters": self.parameters,
        }
