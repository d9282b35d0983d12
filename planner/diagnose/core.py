"""The core in words: the rule instances (constraint tags) that cannot hold together, one item each,
without repeats, each saying what the instance asks and - for a team need - which filters keep
the qualified cadres off."""
from __future__ import annotations

import re

import numpy as np

from models.scenario import Scenario
from planner.diagnose.reduce import Reduced, core_tags, reduce_model, seed_tags
from planner.labels import (
    ITEMS_COUNTED,
    LIST_SEP,
    cadre_named,
    diagnosis_text,
    ids_text,
    opening_named,
    qualification_name,
    rule_label,
    unit_label,
    unit_named,
)
from planner.model.build import BuiltModel
from planner.model.counting import diagnosis_item, holders_of, order_codes, removals, why_words
from planner.model.counting.items import removal_codes, removal_words, removed_by_filter
from planner.model.linear import Tag

TEAM_NEED_TEXT = re.compile(r"at least (\d+) with (\S+)")
UNIT_TEXT = re.compile(r"not both based in (\S+)$")


def _name(scenario: Scenario, lang: str, cadre_id: str | None = None, opening_id: str | None = None) -> str:
    """A cadre or an opening as the item's words show it: labelled in zh, the id in en."""
    if cadre_id is not None:
        return cadre_named(scenario, cadre_id, lang)
    return opening_named(scenario, opening_id, lang)


def _open_postings(scenario: Scenario, built, cadre_id: str, lang: str) -> str:
    ctx = built.ctx
    s = ctx.cadre_slice(ctx.ca.index[cadre_id])
    opens = sorted({scenario.openings[j].opening_id for j in ctx.po[s][ctx.p_posting[s]].tolist()})
    return LIST_SEP[lang].join(
        diagnosis_text("core.opening_seats", lang, opening=oid, seats=scenario.opening_by_id[oid].seats)
        for oid in opens[:8]) or diagnosis_text("core.none", lang)


def _seats_item(scenario: Scenario, built, tag: Tag) -> dict:
    o = scenario.opening_by_id[tag.openings[0]]
    ctx = built.ctx
    may = [ctx.ca.ids[i] for i in ctx.pc[ctx.pairs_by_opening[ctx.opening_index[o.opening_id]]].tolist()]

    def wording(lang):
        text = diagnosis_text("core.seats" if o.min_seats else "core.seats_max", lang,
                              opening=_name(scenario, lang, opening_id=o.opening_id),
                              seats=o.seats, min_seats=o.min_seats, count=len(may))
        return text + (diagnosis_text("check.who_may", lang, ids=ids_text(may, lang)) if may else "")

    return diagnosis_item("R3", (), [o.opening_id], wording, source="core")


def _team_need_item(scenario: Scenario, built, tag: Tag) -> dict:
    """R9 with the holders of the code whom the filters keep off the opening (issue 12: the cause a
    planner can act on is often a filter - an exemption, a recusal - not the need itself)."""
    oid = tag.openings[0]
    match = TEAM_NEED_TEXT.match(tag.text)
    need, code = (int(match.group(1)), match.group(2)) if match else (0, tag.text)
    ctx = built.ctx
    candidates = ctx.pc[ctx.pairs_by_opening[ctx.opening_index[oid]]]
    holders = np.flatnonzero(holders_of(ctx.ca, code)) if match else np.zeros(0, dtype=np.int64)
    kept_off = removals(ctx.elig, scenario.opening_by_id[oid], np.setdiff1d(holders, candidates))

    def wording(lang):
        text = diagnosis_text("core.team_need", lang, opening=_name(scenario, lang, opening_id=oid), need=need,
                              code=qualification_name(code, lang))
        if kept_off:
            text += diagnosis_text("check.holders_kept_off", lang, code=qualification_name(code, lang),
                                   removed=removal_words(scenario, oid, kept_off, lang))
        return text

    return diagnosis_item("R9", [cid for cid, _ in kept_off], [oid], wording, source="core",
                          codes=["R9"] + removal_codes(kept_off), removed=removed_by_filter(kept_off))


def _core_item(scenario: Scenario, built, tag: Tag) -> dict:
    """One rule instance of the core in words."""
    sc = scenario
    rule, cids, oids = tag.rule, list(tag.cadres), list(tag.openings)
    if rule == "R3" and oids:
        return _seats_item(sc, built, tag)
    if rule == "R9" and oids:
        return _team_need_item(sc, built, tag)
    codes = [rule]
    if rule in ("R4", "R6") and cids:
        cadre = sc.cadre_by_id[cids[0]]
        key = "core.recruit" if rule == "R4" else "core.due"

        def wording(lang):
            return diagnosis_text(key, lang, cadre=_name(sc, lang, cadre_id=cids[0]), cadre_id=cids[0],
                                  unit=unit_label(sc, cadre.unit_id, lang), years=sc.rules.max_tenure_years,
                                  openings=_open_postings(sc, built, cids[0], lang))
    elif rule == "R11" and cids and oids:
        blocked = built.ctx.elig.blocking_filters(cids[0], oids[0])
        codes += order_codes(code for code, _ in blocked)

        def wording(lang):
            text = diagnosis_text("core.lock", lang, cadre=_name(sc, lang, cadre_id=cids[0]),
                                  opening=_name(sc, lang, opening_id=oids[0]))
            if blocked:
                text += diagnosis_text("core.lock_blocked", lang, cadre=cids[0],
                                       why=why_words(sc, cids[0], oids[0], blocked, lang))
            return text
    elif rule == "R7" and len(cids) == 2:
        relation = next((r.relation for r in sc.relations if {r.cadre_a, r.cadre_b} == set(cids)), "")
        unit = UNIT_TEXT.search(tag.text)

        def wording(lang):
            fields = dict(first=_name(sc, lang, cadre_id=cids[0]), second=_name(sc, lang, cadre_id=cids[1]),
                          relation=relation or diagnosis_text("check.relation_default", lang))
            if oids:
                return diagnosis_text("core.kin_team", lang, opening=_name(sc, lang, opening_id=oids[0]), **fields)
            unit_id = unit.group(1) if unit else ""
            return diagnosis_text("core.kin_unit", lang, unit=unit_named(sc, unit_id, lang), **fields)
    elif rule == "R8" and cids:
        def wording(lang):
            if oids:
                return diagnosis_text("core.overlap", lang, cadre=_name(sc, lang, cadre_id=cids[0]),
                                      openings=LIST_SEP[lang].join(oids))
            return diagnosis_text("core.away_cap", lang, cadre=_name(sc, lang, cadre_id=cids[0]),
                                  cap=sc.rules.max_away_months)
    elif rule == "R1" and cids:
        def wording(lang):
            return diagnosis_text("core.one_posting", lang, cadre=_name(sc, lang, cadre_id=cids[0]))
    else:
        def wording(lang):
            return tag.text or rule_label(rule, lang)
    return diagnosis_item(rule, cids, oids, wording, source="core", codes=codes)


def _grouped_items(scenario: Scenario, tags: list, max_items: int) -> list:
    """One item per rule code, for a core too long to list instance by instance (a counting
    argument over many cadres)."""
    by_rule: dict = {}
    for t in tags:
        by_rule.setdefault(t.rule, []).append(t)
    out = []
    for rule in order_codes(by_rule):
        group = by_rule[rule]
        cids = sorted({c for t in group for c in t.cadres})
        oids = sorted({o for t in group for o in t.openings})
        if rule == "R3":
            seats = sum(scenario.opening_by_id[o].seats for o in oids)

            def wording(lang, oids=oids, seats=seats):
                return diagnosis_text("core.group_seats", lang, count=len(oids), seats=seats,
                                      openings=ids_text(oids, lang, unit=ITEMS_COUNTED))
        elif rule in ("R4", "R6"):
            def wording(lang, cids=cids, rule=rule):
                return diagnosis_text("core.group_recruits" if rule == "R4" else "core.group_due", lang,
                                      count=len(cids), ids=ids_text(cids, lang))
        else:
            def wording(lang, group=group, rule=rule, cids=cids, oids=oids):
                return diagnosis_text("core.group_other", lang, rule=rule_label(rule, lang), count=len(group),
                                      ids=ids_text(cids or oids, lang))
        out.append(diagnosis_item(rule, cids, oids, wording, source="core", instances=len(group)))
    return out[:max_items]


def _instance_key(item: dict) -> tuple:
    return item["rule"], tuple(item["cadres"]), tuple(item["openings"])


def core_items(scenario: Scenario, built: BuiltModel, red: Reduced | None = None, time_limit: float = 20.0,
               max_items: int = 5, checks: list | None = None) -> list:
    """The core in words: one item per rule instance, or - when the core has more than
    ``max_items`` instances - one item per rule code.

    Parameters
    ----------
    scenario : Scenario
    built : BuiltModel
    red : Reduced, optional
        The model reduced for feasibility (``reduce_model``); computed when not given.
    time_limit : float
        Seconds for CP-SAT to find the core.
    max_items : int
    checks : list of dict, optional
        The counting checks' items; a Hall item seeds the core search.

    Returns
    -------
    list of dict
        Diagnosis items with ``source`` ``core``. Two constraints of one instance (an opening's
        seats written as two rows, say) give one item: items are unique by rule, cadres and openings.
    """
    red = red or reduce_model(built.model)
    tags = core_tags(built, red, time_limit, seed=seed_tags(built, checks or []))
    unique_tags, seen = [], set()
    for t in tags:
        if (t.rule, t.cadres, t.openings) not in seen:
            seen.add((t.rule, t.cadres, t.openings))
            unique_tags.append(t)
    if len(unique_tags) > max_items:
        return _grouped_items(scenario, unique_tags, max_items)
    items, seen = [], set()
    for t in unique_tags:
        item = _core_item(scenario, built, t)
        if _instance_key(item) not in seen:
            seen.add(_instance_key(item))
            items.append(item)
    return items
