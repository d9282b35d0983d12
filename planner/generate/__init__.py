"""Synthetic scenarios: deterministic, realistic, feasible by construction."""
from planner.generate.generator import (  # noqa: F401
    CERTIFICATES,
    PARAMS,
    PLAN_YEAR,
    SIZES,
    SPECIALTIES,
    SizeParams,
    generate_scenario,
    generate_with_witness,
)
