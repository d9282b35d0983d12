"""diagnosis.md and the printed summary: the diagnosis in words a planning office can act on, each
rule named with the document behind it (``planner.labels.policy_text``)."""
from __future__ import annotations

from models.scenario import Scenario
from planner.diagnose.steps import apply_step
from planner.labels import (
    CLAUSE_SEP,
    COMMA,
    ITEMS_COUNTED,
    LIST_SEP,
    diagnosis_text,
    ids_text,
    policy_text,
    policy_titles,
    rule_full_name,
    rule_names,
)

MAX_ITEMS = 8           # items per section in diagnosis.md (all of them in diagnosis.json)
MAX_STEPS = 6           # seat additions of a fix shown one by one; more are summed up


def _sources(codes, scenario: Scenario, lang: str) -> str:
    """The documents behind several rules, each once, in rule order."""
    titles: list = []
    for code in codes:
        for title in policy_titles(code, scenario):
            if title not in titles:
                titles.append(title)
    return LIST_SEP[lang].join(f"《{t}》" for t in titles)


def rule_line(code: str, scenario: Scenario, lang: str = "zh") -> str:
    """``- R7: 回避（亲属回避、地域回避）（依据：《公务员回避规定》）``"""
    titles = policy_text(code, scenario, lang)
    return diagnosis_text("md.rule_line", lang, code=code,
                          name=rule_full_name(code, lang),
                          source=diagnosis_text("md.source", lang, titles=titles) if titles else "")


def item_line(item: dict, scenario: Scenario, lang: str = "zh") -> str:
    """One check or core item: its rules (with their documents), ids and words."""
    codes = item.get("codes") or [item["rule"]]
    titles = _sources(codes, scenario, lang)
    head = [diagnosis_text("md.item_head", lang, codes=" + ".join(f"**{c}**" for c in codes),
                           names=rule_names(codes, lang),
                           source=diagnosis_text("md.item_source", lang, titles=titles) if titles else "")]
    if item["cadres"]:
        head.append(diagnosis_text("md.item_cadres", lang, ids=ids_text(item["cadres"], lang)))
    if item["openings"]:
        head.append(diagnosis_text("md.item_openings", lang, ids=ids_text(item["openings"], lang, unit=ITEMS_COUNTED)))
    text = item.get("text_zh" if lang == "zh" else "text") or item.get("text", "")
    return diagnosis_text("md.item", lang, head=CLAUSE_SEP[lang].join(head), text=text)


def fix_summary(scenario: Scenario, fix: dict, lang: str = "zh") -> str:
    """A fix in one line: every step in words, except that more than ``MAX_STEPS`` seat additions
    are summed up with the biggest named (each one is in diagnosis.json)."""
    steps = fix["steps"]
    seats = [s for s in steps if s["edit"] == "with_seats"]
    if len(seats) <= MAX_STEPS:
        return fix["text_zh"] if lang == "zh" else fix["text"]
    words = fix["steps_text_zh" if lang == "zh" else "steps_text"]
    parts = [words[k] for k, s in enumerate(steps) if s["edit"] != "with_seats"]
    added: dict = {}
    current = scenario
    for step in steps:
        if step["edit"] == "with_seats":
            oid = step["args"]["opening_id"]
            added[oid] = added.get(oid, 0) + step["args"]["seats"] - current.opening_by_id[oid].seats
        current = apply_step(current, step)
    biggest = sorted(added.items(), key=lambda kv: (-kv[1], kv[0]))
    top = COMMA[lang].join(diagnosis_text("fix.seat_added", lang, opening=oid, added=n) for oid, n in biggest[:8])
    parts.append(diagnosis_text("fix.many_seats", lang, count=len(added), total=sum(added.values()), top=top,
                                more=diagnosis_text("fix.many_more", lang) if len(biggest) > 8 else ""))
    return CLAUSE_SEP[lang].join(parts)


def verification_words(fix: dict, lang: str = "zh") -> str:
    """How the fix was verified, with the plan's line count."""
    verified = fix.get("verified", {})
    if verified.get("status") in ("OPTIMAL", "FEASIBLE"):
        return diagnosis_text("md.verified_solve", lang, status=verified["status"], lines=verified.get("lines"))
    lines = fix.get("screened", {}).get("plan_lines")
    if verified.get("status") == "NOT_RUN":
        return diagnosis_text("md.verified_feasible_not_run", lang, lines=lines)
    return diagnosis_text("md.verified_feasible", lang, lines=lines, seconds=verified.get("time_limit_s", 0))


def diagnosis_markdown(diag: dict, scenario: Scenario, lang: str = "zh") -> str:
    """diagnosis.md: the rules in conflict, the checks, the core and the verified fixes in words.

    Parameters
    ----------
    diag : dict
        A diagnosis (``diagnose_infeasible`` or ``counting_diagnosis``).
    scenario : Scenario
    lang : str
        ``zh`` or ``en``.

    Returns
    -------
    str
        Markdown text.
    """
    counting_only = diag.get("method") == "counting"
    lines = [diagnosis_text("md.title", lang), "", diagnosis_text("md.scenario", lang, name=scenario.name), "",
             diagnosis_text("md.intro_counting" if counting_only else "md.intro", lang), "",
             diagnosis_text("md.rules", lang)]
    lines += [rule_line(code, scenario, lang) for code in diag.get("rules", [])]
    for title, key in (("md.checks", "checks"), ("md.core", "core")):
        items = diag.get(key) or []
        if not items:
            continue
        lines += ["", diagnosis_text(title, lang)]
        lines += [item_line(it, scenario, lang) for it in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            lines.append(diagnosis_text("md.more_items", lang, count=len(items) - MAX_ITEMS))
    if not counting_only:
        lines += ["", diagnosis_text("md.fixes", lang)]
        fixes = diag.get("fixes") or []
        if fixes:
            lines += [diagnosis_text("md.fixes_order", lang), ""]
        else:
            lines.append(diagnosis_text("md.no_fix", lang))
        for fix in fixes:
            lines.append(diagnosis_text("md.fix_line", lang, rank=fix["rank"], text=fix_summary(scenario, fix, lang),
                                        how=verification_words(fix, lang)))
    seconds = diag.get("seconds", {})
    if seconds:
        lines += ["", diagnosis_text("md.took", lang, seconds=seconds.get("total", 0))]
    return "\n".join(lines) + "\n"


def diagnosis_summary(diag: dict, lang: str = "en") -> list:
    """The lines a command prints for a diagnosis: the rules in conflict, then each item.

    Parameters
    ----------
    diag : dict
    lang : str

    Returns
    -------
    list of str
    """
    key = "cli.counting_infeasible" if diag.get("method") == "counting" else "cli.infeasible"
    head = diagnosis_text(key, lang, rules=COMMA[lang].join(diag.get("rules", [])))
    items = diag.get("checks", []) + diag.get("core", [])
    return [head] + [diagnosis_text("cli.item", lang, rule=it["rule"],
                                    text=it["text_zh"] if lang == "zh" else it["text"]) for it in items]
