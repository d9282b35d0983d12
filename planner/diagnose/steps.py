"""Fix steps: each step of a suggested fix is one edit of ``planner.edits`` (the edits sweeps and
what-if questions use), kept in diagnosis.json as ``{"edit": NAME, "args": {...}}`` so that
``planner fix`` applies it again exactly as the diagnosis verified it.

Every step sets an absolute value (``with_seats(..., seats=3)``, not "add two"), so applying a
fix twice gives the same scenario, and a later step on the same field replaces an earlier one.
This module also words a step against the scenario it is applied to, and measures how much a fix
changes (``change_size``), which ranks the fixes.
"""
from __future__ import annotations

from collections.abc import Callable

from models.scenario import RATING_ORDER, Scenario
from planner.edits import (
    EditError,
    with_opening,
    with_rules,
    with_seats,
    with_team_need,
    without_lock,
    without_team_need,
)
from planner.labels import (
    CLAUSE_SEP,
    LIST_SEP,
    RANK_ZH,
    RATING_ZH,
    cadre_label,
    diagnosis_text,
    lock_word,
    opening_label,
    qualification_name,
)

# The edits a fix may use, by the name diagnosis.json gives them.
FIX_EDITS: dict[str, Callable[..., Scenario]] = {
    "with_seats": with_seats,
    "with_opening": with_opening,
    "with_team_need": with_team_need,
    "without_team_need": without_team_need,
    "without_lock": without_lock,
    "with_rules": with_rules,
}


# --------------------------------------------------------------------------------------------
# steps
# --------------------------------------------------------------------------------------------
def edit_step(edit: str, **args) -> dict:
    """One fix step: the edit's name and its keyword arguments (JSON values only: lists, not sets)."""
    if edit not in FIX_EDITS:
        raise EditError(f"{edit!r} is not an edit a fix may use ({', '.join(FIX_EDITS)})")
    return {"edit": edit, "args": {k: sorted(v) if isinstance(v, (set, frozenset)) else v for k, v in args.items()}}


def apply_step(scenario: Scenario, step: dict) -> Scenario:
    """The scenario with one step applied (``EditError`` when the step does not fit the scenario)."""
    try:
        edit = FIX_EDITS[step["edit"]]
        args = dict(step["args"])
    except (KeyError, TypeError) as err:
        raise EditError(f"not a fix step: {step!r}") from err
    return edit(scenario, **args)


def apply_fix(scenario: Scenario, fix: dict) -> Scenario:
    """The scenario with every step of a fix (``{"steps": [...]}`` from diagnosis.json) applied in order.

    Parameters
    ----------
    scenario : Scenario
    fix : dict
        A fix of ``diagnose_infeasible``; only ``steps`` is read.

    Returns
    -------
    Scenario
        A new scenario; ``planner.edits.EditError`` when a step does not fit it.
    """
    for step in fix["steps"]:
        scenario = apply_step(scenario, step)
    return scenario


def _step_target(step: dict) -> tuple:
    args = step["args"]
    fields = tuple(sorted(k for k in args if k not in ("opening_id", "cadre_id", "code")))
    return step["edit"], args.get("opening_id"), args.get("cadre_id"), args.get("code"), fields


def merge_steps(steps: list) -> list:
    """Steps without repeats: the ``with_opening`` steps of one opening become one (a later value
    of a field wins), and a step that a later one on the same target and fields replaces is
    dropped (steps set absolute values, so the later one already holds the earlier change)."""
    merged: list = []
    first_opening_step: dict = {}
    for step in steps:
        if step["edit"] == "with_opening":
            oid = step["args"]["opening_id"]
            if oid in first_opening_step:
                merged[first_opening_step[oid]]["args"].update(step["args"])
                continue
            first_opening_step[oid] = len(merged)
        merged.append({"edit": step["edit"], "args": dict(step["args"])})
    last = {_step_target(s): k for k, s in enumerate(merged)}
    return [s for k, s in enumerate(merged) if last[_step_target(s)] == k]


# --------------------------------------------------------------------------------------------
# how much a fix changes
# --------------------------------------------------------------------------------------------
def _opening_amount(old, changes: dict) -> int:
    amount = 0
    for field, new in changes.items():
        before = getattr(old, field)
        if field in ("ranks", "specialties"):
            amount += len(set(new) - set(before)) if before else 0
        elif field == "certificates":
            amount += len(set(before) - set(new))
        elif field == "min_rating":
            amount += abs(RATING_ORDER[before] - RATING_ORDER[new])
        elif field in ("min_seats", "min_service_years", "max_age"):
            amount += abs((new or 0) - (before or 0)) if before is not None else 1
        else:
            amount += 1
    return amount


def step_change(scenario: Scenario, step: dict) -> dict:
    """What one step touches (openings, committee locks as (cadre, opening), settings) and its
    numeric size."""
    args, edit = step["args"], step["edit"]
    touched = {"openings": set(), "locks": set(), "settings": set()}
    amount = 1
    if "opening_id" in args and edit != "without_lock":
        touched["openings"].add(args["opening_id"])
    o = scenario.opening_by_id.get(args.get("opening_id", ""))
    if edit == "with_seats":
        amount = abs(args["seats"] - o.seats)
    elif edit == "with_opening":
        amount = _opening_amount(o, {k: v for k, v in args.items() if k != "opening_id"})
    elif edit == "without_team_need":
        amount = dict(o.team_needs).get(args["code"], 1)
    elif edit == "with_team_need":
        amount = abs(dict(o.team_needs).get(args["code"], 0) - args["count"])
    elif edit == "without_lock":
        touched["locks"].add((args["cadre_id"], args["opening_id"]))
    elif edit == "with_rules":
        touched["settings"].update(args)
        amount = sum(abs(int(v) - int(getattr(scenario.rules, k))) for k, v in args.items())
    return {"touched": touched, "amount": amount}


def change_size(scenario: Scenario, steps: list) -> dict:
    """How much a fix changes: the openings, committee locks and settings it touches and the sum
    of its numeric changes (seats added, minimum lowered, requirement values widened, lock
    lifted = 1, ...), each step measured against the scenario as the earlier steps left it."""
    touched = {"openings": set(), "locks": set(), "settings": set()}
    amount = 0
    for step in steps:
        change = step_change(scenario, step)
        for key, ids in change["touched"].items():
            touched[key] |= ids
        amount += change["amount"]
        scenario = apply_step(scenario, step)
    return {"openings": len(touched["openings"]), "locks": len(touched["locks"]),
            "settings": len(touched["settings"]), "amount": amount, "steps": len(steps)}


def change_rank(change: dict) -> tuple:
    """The order of fixes, smallest change first: a fix that changes no scenario-wide setting
    before one that does; then fewest openings, locks and settings touched; then the smallest
    numeric change (freeing one cadre before adding seven seats); then the fewest steps."""
    return (change["settings"] > 0, change["openings"] + change["locks"] + change["settings"], change["amount"],
            change["steps"])


# --------------------------------------------------------------------------------------------
# words
# --------------------------------------------------------------------------------------------
def _values(values, lang: str, table: dict | None = None) -> str:
    return LIST_SEP[lang].join((table or {}).get(v, v) if lang == "zh" else v for v in sorted(values))


def _opening_words(scenario: Scenario, opening, field: str, new, lang: str) -> str:
    label = opening_label(scenario, opening.opening_id, lang)
    old = getattr(opening, field)
    if field == "min_seats":
        return diagnosis_text("fix.lower_min_seats", lang, opening=label, old=old, new=new)
    if field == "ranks":
        return diagnosis_text("fix.accept_ranks", lang, opening=label,
                              values=_values(set(new) - set(old), lang, RANK_ZH))
    if field == "specialties":
        return diagnosis_text("fix.accept_specialties", lang, opening=label, values=LIST_SEP[lang].join(
            qualification_name(v, lang) for v in sorted(set(new) - set(old))))
    if field == "certificates":
        return diagnosis_text("fix.drop_certificates", lang, opening=label, values=LIST_SEP[lang].join(
            qualification_name(v, lang) for v in sorted(set(old) - set(new))))
    if field == "post_type" and new is None:
        return diagnosis_text("fix.drop_post_type", lang, opening=label)
    if field == "allow_transfer" and new:
        return diagnosis_text("fix.allow_transfer", lang, opening=label)
    if field == "min_rating":
        return diagnosis_text("fix.lower_rating", lang, opening=label, value=_values([new], lang, RATING_ZH))
    if field == "talent_pool_only" and not new:
        return diagnosis_text("fix.open_pool", lang, opening=label)
    if field == "min_service_years":
        return diagnosis_text("fix.lower_service_years", lang, opening=label, old=old, new=new)
    if field == "max_age":
        return diagnosis_text("fix.raise_max_age", lang, opening=label, old=old, new=new)
    return diagnosis_text("fix.other_field", lang, opening=label, field=field, old=old, new=new)


def step_words(scenario: Scenario, step: dict, lang: str = "zh") -> str:
    """One step in words, against the scenario it is applied to (``lang`` ``zh`` or ``en``)."""
    args, edit = step["args"], step["edit"]
    o = scenario.opening_by_id.get(args.get("opening_id", ""))
    label = opening_label(scenario, o.opening_id, lang) if o is not None else ""
    if edit == "with_seats":
        return diagnosis_text("fix.add_seats", lang, opening=label, added=args["seats"] - o.seats, old=o.seats,
                              new=args["seats"])
    if edit == "with_opening":
        return CLAUSE_SEP[lang].join(_opening_words(scenario, o, field, new, lang)
                                     for field, new in args.items() if field != "opening_id")
    if edit == "without_team_need":
        return diagnosis_text("fix.drop_team_need", lang, opening=label, need=dict(o.team_needs).get(args["code"]),
                              code=qualification_name(args["code"], lang), code_id=args["code"])
    if edit == "with_team_need":
        return diagnosis_text("fix.lower_team_need", lang, opening=label, old=dict(o.team_needs).get(args["code"]),
                              new=args["count"], code=qualification_name(args["code"], lang), code_id=args["code"])
    if edit == "without_lock":
        lock = next((lk.lock for lk in scenario.locks
                     if (lk.cadre_id, lk.opening_id) == (args["cadre_id"], args["opening_id"])), "require")
        return diagnosis_text("fix.lift_lock", lang, lock=lock_word(lock, lang),
                              cadre=cadre_label(scenario, args["cadre_id"], lang), cadre_id=args["cadre_id"],
                              opening=label, opening_id=args["opening_id"])
    if edit == "with_rules":
        parts = []
        for key, new in args.items():
            old = getattr(scenario.rules, key)
            parts.append(diagnosis_text("fix.raise_away_cap" if key == "max_away_months" else "fix.other_rule",
                                        lang, key=key, old=old, new=new))
        return CLAUSE_SEP[lang].join(parts)
    return str(step)


def fix_words(scenario: Scenario, steps: list, lang: str = "zh") -> list:
    """Every step of a fix in words, each against the scenario as the earlier steps left it."""
    out = []
    for step in steps:
        out.append(step_words(scenario, step, lang))
        scenario = apply_step(scenario, step)
    return out
