"""Solving a scenario: build the model, run a backend, read the plan and its reasons."""
from planner.model.build import BuiltModel, build_model, settle_aux  # noqa: F401
from planner.solve.pipeline import (  # noqa: F401
    solve,
)
from planner.solve.result import (  # noqa: F401
    Result,
)
