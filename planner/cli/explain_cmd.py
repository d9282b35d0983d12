"""``planner explain``: why the plan is what it is for one cadre or one opening."""
from __future__ import annotations

import sys

import click

from planner.cli.common import _scenario_for_plan, main


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="[SCENARIO] PLAN_DIR")
@click.option("--cadre", "cadre_id", help="Explain this cadre: facts, lines and why, the path, every other opening.")
@click.option("--opening", "opening_id", help="Explain this opening: who took it, who else could have, why not.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the words (codes are always shown).")
@click.option("--max-resolves", type=int, default=5, show_default=True,
              help="Re-solve with the pair forced for at most this many alternatives, in the order of "
                   "their proven bound (likely cheapest first); the rest show the bound.")
@click.option("--resolve-time", type=float, default=5.0, show_default=True, help="Seconds per re-solve.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"cadre"|"opening", "lines", "alternatives", ...} as JSON.')
def explain(paths, cadre_id, opening_id, lang, max_resolves, resolve_time, as_json):
    """Why the plan is what it is for one cadre (--cadre) or one opening (--opening).

    Every figure is verified: an alternative is blocked (the rule, in words, with its policy
    source), resolved (the exact change of the objective from a re-solve with the pair forced)
    or bound (a proven lower bound on what it costs).

    The scenario is the one summary.json records unless given first. Exit 0 explained; 1 unknown
    id or unreadable plan; 2 invalid scenario, or not the one the plan was made from.
    """
    import json as _json

    from planner.check import PlanFileError
    from planner.explain import explain_cadre, explain_opening, render_cadre, render_opening
    from planner.explain.objective import load_plan
    from planner.labels import explain_words
    if not cadre_id and not opening_id:
        raise click.UsageError(explain_words("cli.give_one", lang))
    if len(paths) > 2:
        raise click.UsageError("give PLAN_DIR, or SCENARIO and PLAN_DIR")
    scenario, plan_dir = (None, paths[0]) if len(paths) == 1 else paths
    sc = _scenario_for_plan(scenario, "explain", plan_dir)
    try:
        load_plan(plan_dir)
    except PlanFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(1)
    for kind, key, table in (("cadre", cadre_id, sc.cadre_by_id), ("opening", opening_id, sc.opening_by_id)):
        if key and key not in table:
            click.echo(explain_words(f"cli.unknown_{kind}", lang, id=key), err=True)
            sys.exit(1)
    out = []
    options = {"lang": lang, "max_resolves": max_resolves, "resolve_time": resolve_time}
    if cadre_id:
        out.append(("cadre", explain_cadre(sc, plan_dir, cadre_id, **options)))
    if opening_id:
        out.append(("opening", explain_opening(sc, plan_dir, opening_id, **options)))
    if as_json:
        payload = dict(out) if len(out) > 1 else out[0][1]
        click.echo(_json.dumps(payload, ensure_ascii=False, indent=2, default=list))
    else:
        for kind, d in out:
            click.echo(render_cadre(d, lang, sc) if kind == "cadre" else render_opening(d, lang, sc))
