"""Why a line is in a plan, and what each alternative would cost - verified numbers only.

- ``objective``: the per-pair objective view of a built model (``ObjectiveView``), plan loading;
- ``line_reasons``: a line's reason codes in words (``reason_words``) and their check;
- ``why_not``: the hard rules that rule an alternative out or hold it through the plan;
- ``resolve``: forced re-solves and proven bounds (the argument is in its docstring);
- ``cadre`` / ``opening``: the explanations as dicts; ``path``: a cadre's path year by year;
- ``render``: the explanations as text.
"""
from planner.explain.cadre import cadre_facts, explain_cadre  # noqa: F401
from planner.explain.line_reasons import REASON_ORDER, reason_words, verify_reasons  # noqa: F401
from planner.explain.objective import ObjectiveView, load_plan, plan_of_pairs  # noqa: F401
from planner.explain.opening import explain_opening  # noqa: F401
from planner.explain.path import PATH_COLUMNS, cadre_path  # noqa: F401
from planner.explain.render import alternative_text, render_cadre, render_opening, render_path  # noqa: F401
from planner.explain.resolve import (  # noqa: F401
    PlanStanding,
    evaluate_alternatives,
    forced_lp_bound,
    forced_resolve,
    plan_standing,
)
from planner.explain.why_not import filter_blocks, plan_conflicts, team_block  # noqa: F401
from planner.solve.reasons import required_codes  # noqa: F401  (re-exported)
