"""Counting checks on the committee's require locks (R11): locks that contradict each other or the
rules through one cadre or one opening."""
from __future__ import annotations

from models.scenario import Scenario
from planner.labels import (
    LIST_SEP,
    cadre_named,
    diagnosis_text,
    opening_named,
    unit_named,
)
from planner.model.counting.items import HasContext, diagnosis_item


def _months(opening) -> str:
    return f"{opening.start_month}-{opening.end_month}"


def _required(scenario: Scenario) -> dict:
    """cadre_id -> the openings a require lock puts the cadre on."""
    out: dict = {}
    for lk in scenario.locks:
        if lk.lock == "require" and lk.opening_id in scenario.opening_by_id and lk.cadre_id in scenario.cadre_by_id:
            out.setdefault(lk.cadre_id, []).append(scenario.opening_by_id[lk.opening_id])
    return out


def _cadre_conflicts(sc: Scenario, cid: str, ops: list) -> list:
    """One cadre's locked openings against R8 (overlap, yearly cap) and R1 (two postings)."""
    def cadre(lang):
        return cadre_named(sc, cid, lang)

    def opening(oid, lang):
        return opening_named(sc, oid, lang)

    items = []
    away = sorted((o for o in ops if o.kind != "posting"), key=lambda o: (o.start_month, o.opening_id))
    for a in range(len(away)):
        for b in range(a + 1, len(away)):
            x, y = away[a], away[b]
            if not (x.start_month <= y.end_month and y.start_month <= x.end_month):
                continue
            first, last = max(x.start_month, y.start_month), min(x.end_month, y.end_month)
            overlap = f"{first}" if first == last else f"{first}-{last}"
            items.append(diagnosis_item(
                "R8", [cid], [x.opening_id, y.opening_id],
                lambda lang, x=x, y=y, overlap=overlap: diagnosis_text(
                    "check.locks_overlap", lang, cadre=cadre(lang), first=opening(x.opening_id, lang),
                    first_months=_months(x), second=opening(y.opening_id, lang), second_months=_months(y),
                    overlap=overlap),
                codes=["R8", "R11"], check="locks_overlap"))
    months = sum(o.months for o in away)
    if months > sc.rules.max_away_months:
        items.append(diagnosis_item(
            "R8", [cid], [o.opening_id for o in away],
            lambda lang: diagnosis_text("check.locks_months", lang, cadre=cadre(lang), months=months,
                                        cap=sc.rules.max_away_months),
            codes=["R8", "R11"], check="locks_months", months=months))
    posts = [o.opening_id for o in ops if o.kind == "posting"]
    if len(posts) > 1:
        items.append(diagnosis_item(
            "R1", [cid], posts,
            lambda lang: diagnosis_text("check.locks_two_postings", lang, cadre=cadre(lang), count=len(posts),
                                        openings=LIST_SEP[lang].join(posts)),
            codes=["R1", "R11"], check="locks_two_postings"))
    return items


def _kin_conflicts(sc: Scenario, required: dict) -> list:
    """Relatives whom the locks put on one team or post to one unit (R7)."""
    items = []
    for r in sc.relations:
        a, b = r.cadre_a, r.cadre_b
        if a not in required or b not in required:
            continue

        def relation(lang, r=r):
            return r.relation or diagnosis_text("check.relation_default", lang)

        def person(cid, lang):
            return cadre_named(sc, cid, lang)

        teams = ({o.opening_id for o in required[a] if o.kind != "posting"}
                 & {o.opening_id for o in required[b] if o.kind != "posting"})
        posts_a = [o for o in required[a] if o.kind == "posting"]
        posts_b = [o for o in required[b] if o.kind == "posting"]
        for oid in sorted(teams):
            items.append(diagnosis_item(
                "R7", [a, b], [oid],
                lambda lang, a=a, b=b, oid=oid, relation=relation: diagnosis_text(
                    "check.locks_kin_team", lang, relation=relation(lang), first=person(a, lang),
                    second=person(b, lang), opening=opening_named(sc, oid, lang)),
                codes=["R7", "R11"], check="locks_kin"))
        for unit in sorted({o.unit_id for o in posts_a} & {o.unit_id for o in posts_b}):
            items.append(diagnosis_item(
                "R7", [a, b], [o.opening_id for o in posts_a + posts_b if o.unit_id == unit],
                lambda lang, a=a, b=b, unit=unit, relation=relation: diagnosis_text(
                    "check.locks_kin_unit", lang, relation=relation(lang), first=person(a, lang),
                    second=person(b, lang), unit=unit_named(sc, unit, lang)),
                codes=["R7", "R11"], check="locks_kin"))
    return items


def check_locks(scenario: Scenario, built: HasContext) -> list:
    """Require locks that contradict each other or the rules through one cadre or one opening:
    overlapping months or too many months (R8), two postings (R1), more than the seats (R3),
    two relatives in one unit or on one team (R7).

    Parameters
    ----------
    scenario : Scenario
    built : HasContext
        The built model, or anything holding its ``ctx`` (the candidate pairs).

    Returns
    -------
    list of dict
        Diagnosis items (``diagnosis_item``), empty when the count holds.
    """
    sc = scenario
    required = _required(sc)
    items = []
    for cid, ops in sorted(required.items()):
        items += _cadre_conflicts(sc, cid, ops)
    per_opening: dict = {}
    for lk in sc.locks:
        if lk.lock == "require" and lk.opening_id in sc.opening_by_id:
            per_opening.setdefault(lk.opening_id, []).append(lk.cadre_id)
    for oid, cids in sorted(per_opening.items()):
        seats = sc.opening_by_id[oid].seats
        if len(cids) > seats:
            items.append(diagnosis_item(
                "R3", cids, [oid],
                lambda lang, oid=oid, cids=cids, seats=seats: diagnosis_text(
                    "check.locks_over_seats", lang, count=len(cids),
                    opening=opening_named(sc, oid, lang), seats=seats),
                codes=["R3", "R11"], check="locks_over_seats"))
    return items + _kin_conflicts(sc, required)
