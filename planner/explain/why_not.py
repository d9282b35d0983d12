"""Why a cadre is not on an opening: the hard rules that rule the pair out (a candidate filter of
``Eligibility.blocking_filters``, or a team need no team of that size can meet) and the rules
that hold it through the rest of the plan (R1 a posting already given, R3 seats full, R7 a
relative based there, R8 overlapping months or the yearly cap, R9 team needs).

Each rule comes as a dict ``{"code", "text", "source"}``: the text in words with the numbers,
followed by the document behind the rule (``planner.labels.policy``).
"""
from __future__ import annotations

from models import facts
from models.plan import Plan
from models.scenario import Scenario
from planner.labels import cadre_label, filter_words, opening_label, policy_text, unit_label
from planner.labels.explain import explain_words, join_words, need_words, rule_name, with_source


def rule_entry(scenario: Scenario, code: str, words: str, lang: str = "zh", **extra) -> dict:
    """One rule named in an explanation: ``{"code", "words", "text", "source", **extra}``;
    ``text`` is ``words`` followed by the rule's policy source."""
    return {"code": code, "words": words, "text": with_source(words, code, scenario, lang),
            "source": policy_text(code, scenario, lang), **extra}


def _words(key: str, code: str, lang: str, **fields) -> str:
    return explain_words(key, lang, rule=rule_name(code, lang), **fields)


def filter_blocks(scenario: Scenario, elig, cadre_id: str, opening_id: str, lang: str = "zh") -> list:
    """The candidate filters that keep the cadre off the opening (R1, R2, R4, R5, R7, R8, R10, R11),
    each a rule entry with ``filter`` (the filter's name); empty when the pair is a candidate."""
    return [rule_entry(scenario, code, filter_words(scenario, cadre_id, opening_id, code, name, lang), lang,
                       filter=name)
            for code, name in elig.blocking_filters(cadre_id, opening_id)]


def team_block(scenario: Scenario, cadre_id: str, opening_id: str, lang: str = "zh") -> list:
    """R9 with R3 as a hard block: a team need ``CODE:k`` the cadre does not meet while the other
    seats (``seats - 1``) cannot hold k who do - no plan can put the cadre there."""
    sc = scenario
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    out = []
    for code, k in o.team_needs:
        if c.specialty == code or code in c.certificates or k <= o.seats - 1:
            continue
        out.append(rule_entry(sc, "R9", _words("block.R9", "R9", lang, k=k, need=need_words(code, lang),
                                               seats=o.seats), lang, filter="team_needs"))
    return out


def _overlap(a, b) -> bool:
    return a.start_month <= b.end_month and b.start_month <= a.end_month


def _posting_conflicts(sc: Scenario, plan: Plan, cadre_id: str, o, lang: str) -> list:
    out = []
    base = facts.based_after(sc, plan)
    for a in plan.assignments:
        if a.cadre_id != cadre_id or a.kind != "posting":
            continue
        locked = any(lk.cadre_id == cadre_id and lk.opening_id == a.opening_id and lk.lock == "require"
                     for lk in sc.locks)
        key = "conflict.R1_locked" if locked else "conflict.R1"
        out.append(rule_entry(sc, "R1", _words(key, "R1", lang, opening=opening_label(sc, a.opening_id, lang),
                                               lock=rule_name("R11", lang)), lang, displaces=[a.opening_id]))
    for other, rel in sc.partners.get(cadre_id, ()):
        if base.get(other) == o.unit_id:
            moved = base.get(other) != sc.cadre_by_id[other].unit_id
            key = "conflict.R7_moves" if moved else "conflict.R7_stays"
            out.append(rule_entry(sc, "R7", _words(key, "R7", lang, relation=rel or explain_words("relative", lang),
                                                   cadre=cadre_label(sc, other, lang),
                                                   unit=unit_label(sc, o.unit_id, lang)), lang, displaces=[]))
    return out


def _away_conflicts(sc: Scenario, plan: Plan, cadre_id: str, o, takers: list, lang: str) -> list:
    out = []
    away = [a for a in plan.assignments if a.cadre_id == cadre_id and a.kind != "posting"]
    for a in away:
        ao = sc.opening_by_id[a.opening_id]
        if _overlap(ao, o):
            out.append(rule_entry(sc, "R8", _words("conflict.R8_overlap", "R8", lang,
                                                   opening=opening_label(sc, a.opening_id, lang),
                                                   start=ao.start_month, end=ao.end_month), lang,
                                  displaces=[a.opening_id]))
    months = sum(sc.opening_by_id[a.opening_id].months for a in away if not _overlap(sc.opening_by_id[a.opening_id], o))
    if months + o.months > sc.rules.max_away_months:
        out.append(rule_entry(sc, "R8", _words("conflict.R8_cap", "R8", lang, months=months + o.months,
                                               cap=sc.rules.max_away_months), lang,
                              displaces=[a.opening_id for a in away]))
    for other, rel in sc.partners.get(cadre_id, ()):
        if any(t.cadre_id == other for t in takers):
            out.append(rule_entry(sc, "R7", _words("conflict.R7_team", "R7", lang,
                                                   relation=rel or explain_words("relative", lang),
                                                   cadre=cadre_label(sc, other, lang)), lang, displaces=[]))
    return out


def plan_conflicts(scenario: Scenario, plan: Plan, cadre_id: str, opening_id: str, lang: str = "zh") -> list:
    """Hard rules that keep ``cadre_id`` off ``opening_id`` *given the rest of the plan*.

    Returns
    -------
    list of dict
        Rule entries (``code``, ``text``, ``source``) with ``displaces``: the cadre's own lines the
        switch would have to drop. A switch must change the plan elsewhere to get round them.
    """
    sc = scenario
    c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
    takers = [a for a in plan.assignments if a.opening_id == opening_id and a.cadre_id != cadre_id]
    if o.kind == "posting":
        out = _posting_conflicts(sc, plan, cadre_id, o, lang)
    else:
        out = _away_conflicts(sc, plan, cadre_id, o, takers, lang)
    if len(takers) >= o.seats:
        if takers:
            text = _words("conflict.R3_full", "R3", lang, seats=o.seats,
                          holders=join_words([cadre_label(sc, t.cadre_id, lang) for t in takers], lang))
        else:
            text = _words("conflict.R3_none", "R3", lang)
        out.append(rule_entry(sc, "R3", text, lang, displaces=[]))
    if o.team_needs and not takers:
        # An unstaffed opening: the cadre alone must meet every team need, or others must join.
        for code, k in o.team_needs:
            have = 1 if (c.specialty == code or code in c.certificates) else 0
            if have < k:
                out.append(rule_entry(sc, "R9", _words("conflict.R9_alone", "R9", lang, k=k,
                                                       need=need_words(code, lang)), lang, displaces=[]))
    return out
