"""Why a line is in a plan, and what each alternative would cost."""
from planner.explain.explanation import (  # noqa: F401
    REASON_ORDER,
    cadre_facts,
    explain_cadre,
    explain_opening,
    forced_resolve,
    load_plan,
    local_switch,
    plan_conflicts,
    reason_words,
    render_cadre,
    render_opening,
    team_block,
    verify_reasons,
)
