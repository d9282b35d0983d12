"""Explanations as text for people (Chinese by default, codes always shown). Every sentence is a
template of ``planner.labels.explain``; every rule named carries its policy source."""
from __future__ import annotations

from models.scenario import TERMS
from planner.labels.explain import (
    explain_words,
    hardship_words,
    join_words,
    kind_words,
    level_words,
    need_words,
    post_type_words,
    rank_words,
    rating_words,
    region_words,
    rule_name,
    specialty_words,
    term_name,
    with_sources,
    yes_no,
)


def _terms_text(terms_delta: dict, weights: dict | None, lang: str) -> str:
    parts = []
    for t in TERMS:
        d = terms_delta.get(t)
        if not d:
            continue
        w = (weights or {}).get(t, 1)
        key = "term_delta" if w == 1 else "term_delta_weighted"
        parts.append(explain_words(key, lang, term=term_name(t, lang), delta=d, weight=w))
    return join_words(parts, lang)


def _rules_text(rules: list, scenario, lang: str) -> str:
    """Rule entries joined, followed once by the documents behind all of them."""
    codes = [r["code"] for r in rules]
    return with_sources(explain_words("clause_sep", lang).join(r["words"] for r in rules), codes, scenario, lang)


def _why_text(why: list, scenario, lang: str) -> str:
    parts, codes = [], []
    for w in why:
        text = w["text_zh"] if lang == "zh" else w["text_en"]
        parts.append(f"{'+'.join(w['codes'])} {text}".strip())
        codes += w["codes"]
    return with_sources(explain_words("clause_sep", lang).join(parts), codes, scenario, lang)


def alternative_text(alt: dict, proven_optimal: bool, scenario, lang: str = "zh", weights: dict | None = None) -> str:
    """One alternative in words: the rule that rules it out, or its verified figure (see
    ``planner.explain.resolve``), after the rules that hold it through the rest of the plan.
    The documents behind the rules follow the rules they belong to."""
    rules = alt.get("rules", [])
    weights = weights if weights is not None else scenario.weights.as_dict()
    if alt["status"] == "blocked":
        if alt.get("method") == "filter":
            return explain_words("alt.blocked", lang, rules=_rules_text(rules, scenario, lang))
        why = alt.get("why") or []
        text = (explain_words("alt.infeasible", lang, rules=_why_text(why, scenario, lang)) if why
                else explain_words("alt.infeasible_bare", lang))
    elif alt["status"] == "resolved":
        delta, changed = alt["delta"], alt["changed_lines"]
        terms = _terms_text(alt.get("terms_delta", {}), weights, lang)
        if delta == 0 and not alt.get("terms_delta"):
            text = explain_words("alt.resolved_zero", lang, changed=changed)
        elif delta > 0 and not proven_optimal:
            text = explain_words("alt.improvement", lang, delta=delta, terms=terms, changed=changed)
        else:
            text = explain_words("alt.resolved", lang, delta=delta, terms=terms, changed=changed)
    else:
        text = _bound_text(alt, lang)
    held = explain_words("alt.held", lang, rules=_rules_text(rules, scenario, lang)) if rules else ""
    return held + text


def _bound_text(alt: dict, lang: str) -> str:
    method = alt.get("method")
    if method == "timeout":
        how = explain_words("how.timeout", lang, seconds=alt.get("resolve", {}).get("time_limit_s", 0))
    elif method == "lp_reduced":
        how = explain_words("how.lp_reduced", lang)
    elif method == "lp":
        how = explain_words("how.lp", lang)
    else:
        how = explain_words("how.plan_bound", lang)
    delta = alt.get("delta")
    if delta is None:
        return explain_words("alt.no_bound", lang)
    head = "" if method == "timeout" else explain_words("alt.not_resolved", lang)
    most = alt.get("loss_at_most")
    if most is not None and most < 0:
        return explain_words("alt.found_better", lang, found=-most, gain=delta, how=how)
    if delta > 0:
        return head + explain_words("alt.bound_gain", lang, gain=delta, how=how)
    if most is not None and most >= -delta:
        return head + explain_words("alt.bound_range", lang, loss=-delta, most=most, how=how)
    if delta == 0:
        return head + explain_words("alt.bound_zero", lang, how=how)
    return head + explain_words("alt.bound", lang, loss=-delta, how=how)


def _policy_line(d: dict, kind: str, lang: str) -> str:
    """What was done for the alternatives no filter rules out, counted by outcome (no empty counts)."""
    evaluated = [a for a in d["alternatives"] if not (a["status"] == "blocked" and a.get("method") == "filter")]
    if not evaluated:
        return explain_words("policy.none" if kind == "cadre" else "policy.opening_none", lang)
    unit = explain_words("unit.opening" if kind == "cadre" else "unit.cadre", lang)
    counts = {
        "policy.resolved": sum(a["status"] == "resolved" for a in evaluated),
        "policy.infeasible": sum(a["status"] == "blocked" for a in evaluated),
        "policy.timeout": sum(a["status"] == "bound" and a.get("method") == "timeout" for a in evaluated),
        "policy.bounded": sum(a["status"] == "bound" and a.get("method") != "timeout" for a in evaluated),
    }
    parts = [explain_words(key, lang, n=n, unit=unit, seconds=d["basis"]["time_limit_s"])
             for key, n in counts.items() if n]
    head = explain_words("policy.head" if kind == "cadre" else "policy.opening_head", lang, n=len(evaluated))
    ordered = counts["policy.resolved"] + counts["policy.timeout"] + counts["policy.bounded"]
    tail = explain_words("policy.order" if ordered else "period", lang)
    return head + explain_words("comma", lang).join(parts) + tail


def _plan_line(basis: dict, lang: str) -> str:
    if basis["proven_optimal"]:
        return explain_words("plan.optimal", lang, objective=basis["objective"])
    if basis["upper_bound"] is not None:
        return explain_words("plan.not_proven", lang, objective=basis["objective"], bound=basis["upper_bound"])
    return explain_words("plan.no_bound", lang, objective=basis["objective"])


def _facts_lines(f: dict, scenario, lang: str) -> list:
    unit = f"{f['unit_id']} {f['unit_name']}" if f["unit_id"] else explain_words("recruit_unit", lang)
    home = region_words(scenario, f["home_region"], lang) if scenario is not None else f["home_region"]
    out = [explain_words("facts.unit", lang, unit=unit, rank=rank_words(f["rank"], lang),
                         post_type=post_type_words(f["post_type"], lang),
                         specialty=specialty_words(f["specialty"], lang),
                         rating=rating_words(f["rating"], lang), age=f["age"]),
           with_sources(explain_words("facts.years", lang, service=f["service_years"], at_unit=f["years_at_unit"],
                                      r6=rule_name("R6", lang), due=yes_no(f["rotation_due"], lang),
                                      recruit=yes_no(f["recruit"], lang)), ["R6", "R4"], scenario, lang),
           with_sources(explain_words("facts.record", lang, before=yes_no(f["grassroots_record"], lang),
                                      after=yes_no(f["grassroots_record_after"], lang),
                                      restricted=yes_no(f["first_stop_restricted"], lang)), ["R4"], scenario, lang),
           explain_words("facts.points", lang, before=f["points_before"], plan=f["points_plan"],
                         after=f["points_after"]),
           with_sources(explain_words("facts.care", lang, exempt=yes_no(f["exempt"], lang),
                                      pool=yes_no(f["talent_pool"], lang), home=home,
                                      r5=rule_name("R5", lang), units=join_words(f["no_return_units"], lang)),
                        ["R10", "R5"], scenario, lang)]
    for r in f["relations"]:
        moved = r["based_before"] != r["based_after"]
        none = explain_words("none", lang)
        out.append(with_sources(explain_words(
            "facts.relation_moved" if moved else "facts.relation", lang,
            relation=r["relation"] or explain_words("relative", lang), cadre=f"{r['cadre_id']} {r['name']}",
            after=r["based_after"] or none, before=r["based_before"] or none), ["R7"], scenario, lang))
    return out


def _line_lines(ln: dict, lang: str, head: str) -> list:
    out = [head]
    for code, text in zip(ln["reasons"], ln["reasons_text"]):
        out.append(f"  - [{code}] {text}")
    if ln["terms"]:
        out.append(explain_words("line_terms", lang, terms=join_words(
            [f"{term_name(t, lang)} {v:+,}" for t, v in ln["terms"].items()], lang)))
    return out


def render_path(path: list, scenario, lang: str = "zh") -> list:
    """The path (``planner.explain.path.cadre_path``) as lines of text, one per stint and year,
    then when the grassroots record was gained."""
    if not path:
        return [explain_words("path.empty", lang)]
    out = []
    years = scenario.rules.hardship_lookback_years
    for row in path:
        unit = f"{row['unit_id']} {row['unit_name']}"
        region = f"{row['region_id']} {row['region_name']}"
        level = level_words(row["level"], lang)
        if row["source"] == "stays":
            out.append(explain_words("path.stays", lang, year=row["year"], unit=unit, region=region, level=level,
                                     hardship=hardship_words(row["hardship"], lang)))
            continue
        line = explain_words("path.row", lang, year=row["year"], kind=kind_words(row["kind"], lang), unit=unit,
                             region=region, level=level, hardship=hardship_words(row["hardship"], lang),
                             months=row["months"], points=row["points"])
        if row["counted_points"] != row["points"]:
            line = line[:-1] + explain_words("path.outside", lang, years=years) + line[-1]
        if row["record_gained"]:
            line += explain_words("path.record", lang)
        out.append(line)
    gained = [r for r in path if r["record_gained"]]
    if gained:
        out.append(explain_words("path.record_year", lang, year=gained[0]["year"],
                                 unit=f"{gained[0]['unit_id']} {gained[0]['unit_name']}"))
    else:
        out.append(explain_words("path.no_record", lang))
    return out


def render_cadre(d: dict, lang: str | None = None, scenario=None, show_blocked: int = 1000) -> str:
    """Text for people: facts, lines and why, the path, then every other opening.

    ``scenario`` is needed for the policy sources and the path; without it they are left out.
    """
    lang = lang or d["basis"].get("lang", "zh")
    f = d["cadre"]
    out = [explain_words("title", lang, id=f["cadre_id"], name=f["name"])]
    out += _facts_lines(f, scenario, lang)
    out += ["", explain_words("head.lines", lang)]
    if not d["lines"]:
        out.append(explain_words("no_lines", lang))
    for ln in d["lines"]:
        head = explain_words("line", lang, opening_id=ln["opening_id"], name=ln["opening_name"],
                             kind=kind_words(ln["kind"], lang), unit=f"{ln['unit_id']} {ln['unit_name']}",
                             start=ln["months"][0], end=ln["months"][1], points=ln["points"])
        out += _line_lines(ln, lang, head)
    if scenario is not None and "path" in f:
        out += ["", explain_words("head.path", lang)] + render_path(f["path"], scenario, lang)
    out += ["", explain_words("head.alternatives", lang), _plan_line(d["basis"], lang),
            _policy_line(d, "cadre", lang)]
    colon = explain_words("colon", lang)
    for alt in d["alternatives"]:
        if alt["status"] != "blocked" or alt.get("method") != "filter":
            out.append(f"- {alt['opening_id']} {alt['name']}{colon}{alt['text']}")
    blocked = [a for a in d["alternatives"] if a["status"] == "blocked" and a.get("method") == "filter"]
    if blocked:
        out += ["", explain_words("head.blocked", lang)]
        for alt in blocked[:show_blocked]:
            out.append(f"- {alt['opening_id']} {alt['name']}{colon}{alt['text']}")
        if len(blocked) > show_blocked:
            out.append(explain_words("more", lang, n=len(blocked) - show_blocked))
    return "\n".join(out) + "\n"


def render_opening(d: dict, lang: str | None = None, scenario=None) -> str:
    """Text for people: the opening, who took it and why, who else could have and what it would
    cost, and how many each rule keeps off."""
    lang = lang or d["basis"].get("lang", "zh")
    o = d["opening"]
    head = explain_words("opening.head", lang, kind=kind_words(o["kind"], lang),
                         unit=f"{o['unit_id']} {o['unit_name']}",
                         start=o["months"][0], end=o["months"][1], seats=o["seats"], min_seats=o["min_seats"],
                         hardship=hardship_words(o["hardship"], lang), points=o["points"], development=o["development"])
    if o["team_needs"]:
        head += explain_words("opening.needs", lang, needs=join_words(
            [explain_words("need", lang, k=k, need=need_words(c, lang)) for c, k in o["team_needs"]], lang))
        head = with_sources(head, ["R9"], scenario, lang)
    out = [explain_words("title", lang, id=o["opening_id"], name=o["name"]), head,
           "", explain_words("head.taken", lang)]
    if not d["lines"]:
        out.append(explain_words("nobody", lang))
    for ln in d["lines"]:
        out += _line_lines(ln, lang, f"- {ln['cadre_id']} {ln['name']}")
    out += ["", explain_words("head.candidates", lang), _plan_line(d["basis"], lang),
            _policy_line(d, "opening", lang)]
    colon = explain_words("colon", lang)
    for alt in d["alternatives"]:
        if alt["status"] != "blocked" or alt.get("method") != "filter":
            out.append(f"- {alt['cadre_id']} {alt['name']}{colon}{alt['text']}")
    if d["ineligible"]:
        out += ["", explain_words("head.ineligible", lang)]
        for group in d["ineligible"]:
            examples = join_words(group["examples"][:5], lang)
            if group["count"] > 5:
                examples = explain_words("examples_more", lang, ids=examples)
            out.append(explain_words("ineligible", lang, rule=group["text"], n=group["count"], examples=examples))
    return "\n".join(out) + "\n"
