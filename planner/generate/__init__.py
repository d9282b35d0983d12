"""Synthetic scenarios: deterministic, realistic, feasible by construction (see ``generator``)."""
from planner.generate.generator import generate_scenario, generate_with_witness  # noqa: F401
from planner.generate.sizes import (  # noqa: F401
    BREADTHS,
    CERTIFICATES,
    PARAMS,
    PLAN_YEAR,
    SIZES,
    SPECIALTIES,
    SizeParams,
)
