"""Core rule instances in words."""
from __future__ import annotations

import re

from planner.diagnose.reduce import Reduced, _seed_tags, core_tags, reduce_model
from planner.labels import (  # noqa: F401
    FILTER_EN,
    HARDSHIP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,  # SPEC 7 labels live in one place
    RULE_ZH,
    TERM_ZH,
    cadre_label,
    ids_text,
    opening_label,
    unit_label,
)
from planner.model.counting import _item, _why
from planner.model.linear import Tag


# --------------------------------------------------------------------------------------------
# Core items in words
# --------------------------------------------------------------------------------------------
def _core_item(scenario, built, red: Reduced, tag: Tag) -> dict:
    sc, ctx = scenario, built.ctx
    r, cids, oids = tag.rule, list(tag.cadres), list(tag.openings)
    en, zh, codes = tag.text, "", [r]
    if r == "R3" and oids:
        o = sc.opening_by_id[oids[0]]
        j = ctx.opening_index[o.opening_id]
        cand = [ctx.ca.ids[i] for i in ctx.pc[ctx.pairs_by_opening[j]].tolist()]
        en = (f"{o.opening_id} takes at most {o.seats} and at least {o.min_seats} cadre(s); "
              f"{len(cand)} may take it" + (f" ({ids_text(cand, 'en')})" if cand else ""))
        zh = (f"{opening_label(sc, o.opening_id)} 名额 {o.seats} 个，最少 {o.min_seats} 人；符合条件的 {len(cand)} 人"
              + (f"（{ids_text(cand, 'zh')}）" if cand else ""))
    elif r in ("R4", "R6") and cids:
        i = ctx.ca.index[cids[0]]
        s = ctx.cadre_slice(i)
        opens = sorted({sc.openings[j].opening_id for j in ctx.po[s][ctx.p_posting[s]].tolist()})
        seats = ", ".join(f"{oid} ({sc.opening_by_id[oid].seats} seat(s))" for oid in opens[:8])
        seats_zh = "、".join(f"{oid}（名额 {sc.opening_by_id[oid].seats}）" for oid in opens[:8])
        if r == "R4":
            en = f"new recruit {cids[0]} must get exactly one grassroots posting; open to {cids[0]}: {seats or 'none'}"
            zh = f"新录用人员 {cadre_label(sc, cids[0])} 须安排一个基层交流岗位；可去的岗位：{seats_zh or '无'}"
        else:
            c = sc.cadre_by_id[cids[0]]
            en = f"{cids[0]} is due to rotate (R6) and must get a posting; open to {cids[0]}: {seats or 'none'}"
            zh = (f"{cadre_label(sc, cids[0])} 在 {unit_label(sc, c.unit_id)} 任职已满 {sc.rules.max_tenure_years} 年，"
                  f"须交流；可去的岗位：{seats_zh or '无'}")
    elif r == "R11" and cids and oids:
        en = f"the committee requires {cids[0]} on {oids[0]}"
        zh = f"党组预定：{cadre_label(sc, cids[0])} 必须安排到 {opening_label(sc, oids[0])}"
        blocked = built.ctx.elig.blocking_filters(cids[0], oids[0])
        if blocked:
            en += f", but {cids[0]} may not take it: {_why(sc, cids[0], oids[0], blocked, 'en')}"
            zh += f"，但其不能担任该岗位：{_why(sc, cids[0], oids[0], blocked, 'zh')}"
            codes += sorted({code for code, _ in blocked})
    elif r == "R7" and len(cids) == 2:
        rel = next((rr.relation for rr in sc.relations if {rr.cadre_a, rr.cadre_b} == set(cids)), "") or "亲属"
        if oids:
            en = f"{cids[0]} and {cids[1]} ({rel}) may not serve on the same team {oids[0]}"
            zh = f"{cadre_label(sc, cids[0])} 与 {cadre_label(sc, cids[1])}（{rel}）不得同在 {opening_label(sc, oids[0])}"
        else:
            unit = tag.text.rsplit(" ", 1)[-1]
            en = f"{cids[0]} and {cids[1]} ({rel}) may not both be based in {unit}"
            zh = f"{cadre_label(sc, cids[0])} 与 {cadre_label(sc, cids[1])}（{rel}）不得同在 {unit_label(sc, unit)}"
    elif r == "R8" and cids:
        if tag.text == "overlapping months":
            en = f"{cids[0]} cannot take {', '.join(oids)} together: their months overlap"
            zh = f"{cadre_label(sc, cids[0])} 不能同时参加 {'、'.join(oids)}：时间重叠"
        else:
            en = f"{cids[0]} may be away at most {sc.rules.max_away_months} months in the year"
            zh = f"{cadre_label(sc, cids[0])} 全年外派合计不得超过 {sc.rules.max_away_months} 个月"
    elif r == "R9" and oids:
        m = re.match(r"at least (\d+) with (\S+)", tag.text)
        k, code = (m.group(1), m.group(2)) if m else ("?", tag.text)
        en = f"{oids[0]}, if staffed, needs at least {k} with {code}"
        zh = f"{opening_label(sc, oids[0])} 如安排人员，至少需 {k} 人具备 {code}"
    elif r == "R1" and cids:
        en = f"{cids[0]} may get at most one posting"
        zh = f"{cadre_label(sc, cids[0])} 至多安排一个交流岗位"
    return _item(r, cids, oids, en, zh or en, source="core", codes=codes)


def core_items(scenario, built, red: Reduced | None = None, time_limit: float = 20.0, max_items: int = 5,
               checks: list | None = None) -> list:
    """The core in words: one item per rule instance, or - when the core has more than
    ``max_items`` instances (a counting argument over many cadres) - one item per rule code."""
    red = red or reduce_model(built.model)
    tags = core_tags(built, red, time_limit, seed=_seed_tags(built, checks or []))
    if len(tags) <= max_items:
        return [_core_item(scenario, built, red, t) for t in tags]
    by_rule: dict = {}
    for t in tags:
        by_rule.setdefault(t.rule, []).append(t)
    out = []
    for rule in order_codes(by_rule):
        ts = by_rule[rule]
        cids = sorted({c for t in ts for c in t.cadres})
        oids = sorted({o for t in ts for o in t.openings})
        if rule == "R3":
            seats = sum(scenario.opening_by_id[o].seats for o in oids)
            en = f"{len(oids)} posting(s) with {seats} seat(s) in all: {ids_text(oids, 'en')}"
            zh = f"{len(oids)} 个岗位合计 {seats} 个名额：{ids_text(oids, 'zh', unit='个')}"
        elif rule in ("R4", "R6"):
            en = (f"{len(cids)} cadre(s) who must get a posting ({'new recruits' if rule == 'R4' else 'rotation due'}): "
                  f"{ids_text(cids, 'en')}")
            zh = f"{len(cids)} 人须安排交流岗位（{'新录用人员' if rule == 'R4' else '任职满限'}）：{ids_text(cids, 'zh')}"
        else:
            en = f"{len(ts)} instance(s) of {rule}: " + "; ".join(t.text for t in ts[:5])
            zh = f"{RULE_ZH.get(rule, rule)} {len(ts)} 条：" + ids_text(cids or oids, "zh")
        out.append(_item(rule, cids, oids, en, zh, source="core", instances=len(ts)))
    return out[:max_items]


def order_codes(codes) -> list:
    return sorted(set(codes), key=lambda r: (len(r), r))
