"""A line's reason codes (plan.csv ``reasons``) in words with the data behind them, and a check
that every code is true of its line."""
from __future__ import annotations

from models import facts
from models.plan import Plan
from models.scenario import Scenario
from planner.labels import cadre_label, opening_label, unit_label
from planner.labels.explain import (
    explain_words,
    join_words,
    lock_name,
    need_words,
    recusal_name,
    region_words,
    rule_name,
    specialty_words,
    term_name,
    wish_words,
    with_source,
)

REASON_ORDER = ("R4", "R6", "R7", "R3", "R9", "lock", "shortage", "preference", "fairness", "development",
                "exchange", "fit")


def _rule_reason(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, code: str, lang: str) -> str:
    sc = scenario
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    if code == "R4":
        return explain_words("reason.R4", lang, rule=rule_name("R4", lang), unit=unit_label(sc, o.unit_id, lang))
    if code == "R6":
        return explain_words("reason.R6", lang, rule=rule_name("R6", lang), unit=unit_label(sc, c.unit_id, lang),
                             years=facts.years_at_unit(c, sc.plan_year), limit=sc.rules.max_tenure_years)
    if code == "R7":
        base = facts.based_after(sc, plan)
        partners = [f"{rel or explain_words('relative', lang)} {cadre_label(sc, other, lang)}"
                    for other, rel in sc.partners.get(cadre_id, ())
                    if sc.cadre_by_id[other].unit_id == c.unit_id and base.get(other) == c.unit_id]
        return explain_words("reason.R7", lang, rule=recusal_name(lang), partners=join_words(partners, lang),
                             unit=unit_label(sc, c.unit_id, lang))
    if code == "R3":
        return explain_words("reason.R3", lang, rule=rule_name("R3", lang), opening=opening_label(sc, opening_id, lang),
                             min_seats=o.min_seats)
    if code == "R9":
        needs = [explain_words("need", lang, k=k, need=need_words(need, lang)) for need, k in o.team_needs
                 if c.specialty == need or need in c.certificates]
        return explain_words("reason.R9", lang, rule=rule_name("R9", lang), needs=join_words(needs, lang))
    note = next((lk.note for lk in sc.locks if lk.cadre_id == cadre_id and lk.opening_id == opening_id
                 and lk.lock == "require" and lk.note), "")
    return explain_words("reason.lock_note" if note else "reason.lock", lang, rule=lock_name(lang), note=note)


def _term_reason(scenario: Scenario, cadre_id: str, opening_id: str, code: str, lang: str) -> str:
    sc = scenario
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    u = sc.unit_by_id[o.unit_id]
    term = term_name(code.split(":")[0], lang)
    if code == "shortage":
        target = c.specialty in sc.target_specialties
        return explain_words("reason.shortage_target" if target else "reason.shortage", lang, term=term,
                             unit=unit_label(sc, o.unit_id, lang), specialty=specialty_words(c.specialty, lang))
    if code.startswith("preference"):
        rank = code.partition(":")[2]
        wish = wish_words(int(rank), lang) if rank.isdigit() else term
        return explain_words("reason.preference", lang, wish=wish)
    if code == "fairness":
        points = sc.opening_points(o)
        parts = []
        if points:
            parts.append(explain_words("reason.fairness_points", lang, points=points,
                                       carried=facts.historical_points(sc, c)))
        if (not facts.grassroots_record(sc, c) and facts.service_years(c, sc.plan_year) >= sc.rules.first_stop_years
                and o.kind in ("posting", "temporary") and u.grassroots):
            parts.append(explain_words("reason.fairness_record", lang))
        return explain_words("reason.fairness", lang, term=term, detail=join_words(parts, lang, "comma"))
    if code == "development":
        return explain_words("reason.development", lang, term=term, points=o.development)
    if code == "exchange":
        src = sc.unit_by_id[c.unit_id].region_id if c.unit_id else None
        return explain_words("reason.exchange", lang, term=term, src=region_words(sc, src, lang),
                             dst=region_words(sc, u.region_id, lang))
    if code == "fit":
        return explain_words("reason.fit", lang, term=term, score=sc.fit_score.get((cadre_id, opening_id), 0))
    return code


def reason_words(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, code: str,
                 lang: str = "zh") -> str:
    """One reason code of plan.csv in plain words, with the data behind it and its policy source.

    Parameters
    ----------
    scenario, plan : the scenario and the plan the line belongs to (R7 reads where partners are
        based after the plan).
    cadre_id, opening_id : the line.
    code : ``R4``, ``R6``, ``R7``, ``R3``, ``R9``, ``lock``, a term, or ``preference:k``.
    lang : ``zh`` or ``en``.

    Returns
    -------
    str
        The code first, then its words (the rule's SPEC 7 name and the numbers: years at the unit) and
        the document behind it; an unknown code as it is.
    """
    base = code.split(":")[0]
    if base in ("R4", "R6", "R7", "R3", "R9", "lock"):
        text = _rule_reason(scenario, plan, cadre_id, opening_id, base, lang)
    elif base in ("shortage", "preference", "fairness", "development", "exchange", "fit"):
        text = _term_reason(scenario, cadre_id, opening_id, code, lang)
    else:
        return code
    return with_source(text, base, scenario, lang)


def verify_reasons(scenario: Scenario, plan: Plan) -> list:
    """Every reason code of every line checked against the scenario data.

    Returns
    -------
    list of str
        One disagreement per code that is not true of its line (empty when all hold). A term
        code holds only when the term's weight is above 0 (issue 12: a term switched off
        chose nothing).
    """
    sc = scenario
    weights = sc.weights.as_dict()
    out = []
    base = facts.based_after(sc, plan)
    for a in plan.assignments:
        c, o = sc.cadre_by_id[a.cadre_id], sc.opening_by_id[a.opening_id]
        u = sc.unit_by_id[o.unit_id]
        for code in a.reasons:
            term = code.split(":")[0]
            if term in weights and weights[term] <= 0:
                ok = False
            elif code == "R4":
                ok = c.is_recruit and o.kind == "posting" and u.grassroots
            elif code == "R6":
                ok = facts.rotation_due(sc, c) and o.kind == "posting"
            elif code == "R7":
                ok = o.kind == "posting" and any(sc.cadre_by_id[x].unit_id == c.unit_id and base.get(x) == c.unit_id
                                                 for x, _ in sc.partners.get(a.cadre_id, ()))
            elif code == "R3":
                ok = o.min_seats > 0
            elif code == "R9":
                ok = any(c.specialty == need or need in c.certificates for need, _ in o.team_needs)
            elif code == "lock":
                ok = any(lk.cadre_id == a.cadre_id and lk.opening_id == a.opening_id and lk.lock == "require"
                         for lk in sc.locks)
            elif code == "shortage":
                ok = u.key_shortage and o.kind in ("posting", "temporary")
            elif code.startswith("preference:"):
                ok = sc.preference_rank.get((a.cadre_id, a.opening_id)) == int(code.split(":")[1])
            elif code == "fairness":
                need = (not facts.grassroots_record(sc, c)
                        and facts.service_years(c, sc.plan_year) >= sc.rules.first_stop_years
                        and o.kind in ("posting", "temporary") and u.grassroots)
                ok = sc.opening_points(o) > 0 or need
            elif code == "development":
                ok = c.talent_pool and o.development > 0
            elif code == "exchange":
                ok = (o.kind == "posting" and c.unit_id is not None
                      and sc.unit_by_id[c.unit_id].region_id != u.region_id)
            elif code == "fit":
                ok = sc.fit_score.get((a.cadre_id, a.opening_id), 0) > 0
            else:
                ok = False
            if not ok:
                out.append(f"{a.cadre_id} {a.opening_id}: reason {code} does not hold")
    return out
