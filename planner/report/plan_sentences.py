"""The plan in plain sentences, shared by 说明 and the memo: what it does, what the committee is
asked to decide, and the principles applied with the documents they come from."""
from __future__ import annotations

from planner import labels as L
from planner.labels.report import PLAIN_WORDS, RULE_DETAIL, report_text, term_name
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import PlanFigures

ITEMS_SHOWN = 8          # locks and unmet openings named in one sentence


def _say(f: PlanFacts, key: str, **values) -> str:
    return report_text(key, f.lang, PLAIN_WORDS, **values)


def _items(f: PlanFacts, texts: list) -> str:
    shown = f.text("sep").join(texts[:ITEMS_SHOWN])
    if len(texts) > ITEMS_SHOWN:
        shown += _say(f, "more_items", k=len(texts))
    return shown


def overview_sentences(f: PlanFacts, fig: PlanFigures, summary: dict) -> list:
    """方案概况: the numbers of the plan, how good it is (in words) and whether it was checked."""
    out = [_say(f, "overview", cadres=fig.cadres, units=fig.units, openings=fig.openings, seats=fig.seats,
                lines=fig.lines, postings=fig.postings, recruits=fig.recruits, temporaries=fig.temporaries,
                tasks=fig.tasks)]
    status = summary.get("status", "")
    if status in ("OPTIMAL", "FEASIBLE"):
        out.append(_say(f, f"status_{status}"))
    else:
        out.append(_say(f, "status_other", status=L.STATUS_ZH.get(status, status) if f.lang == "zh" else status))
    out.append(_say(f, "checked_bad", k=fig.violations) if fig.violations else _say(f, "checked_ok"))
    sha = summary.get("scenario_sha256")
    if f.sc.sha256 and sha and sha != f.sc.sha256:
        out.append(_say(f, "hash_mismatch"))
    return out


def effect_sentences(f: PlanFacts, fig: PlanFigures) -> list:
    """方案成效: grassroots records, exchange, fairness, shortage units, wishes, talent pool."""
    share = f"{fig.cross / fig.postings_with_unit:.0%}" if fig.postings_with_unit else "0%"
    return [
        _say(f, "eff_grassroots", gained=fig.gained, years=f.sc.rules.first_stop_years,
             before=fig.without_before, after=fig.without_after),
        _say(f, "eff_exchange", cross=fig.cross, share=share, sending=fig.sending, receiving=fig.receiving,
             regions=fig.regions),
        _say(f, "eff_fairness", before=fig.gini_before, after=fig.gini_after, max_before=fig.max_before,
             max_after=fig.max_after),
        _say(f, "eff_shortage", k=fig.shortage, target=fig.shortage_target),
        _say(f, "eff_preference", k=fig.wishes, first=fig.first_wishes),
        _say(f, "eff_pool", k=fig.pool_developed),
    ]


def unmet_sentence(f: PlanFacts, fig: PlanFigures) -> str:
    """未满额岗位 in one sentence."""
    if not fig.unmet:
        return _say(f, "unmet_none")
    if fig.below_min:
        return _say(f, "unmet_some", k=len(fig.unmet), seats=fig.unmet_seats, below=fig.below_min,
                    short=fig.min_short)
    return _say(f, "unmet_some_no_min", k=len(fig.unmet), seats=fig.unmet_seats)


def _lock_item(f: PlanFacts, lock) -> str:
    sc = f.sc
    item = _say(f, "lock_require_item", name=sc.cadre_by_id[lock.cadre_id].name,
                target=f.target(sc.opening_by_id[lock.opening_id]))
    return _say(f, "lock_item_note", item=item, note=lock.note) if lock.note else item


def decision_sentences(f: PlanFacts, fig: PlanFigures) -> list:
    """提请党组研究决定的事项: approve the lists; confirm the locks; what to do about unmet openings."""
    out = [_say(f, "decide_list", postings=fig.postings, away=fig.away_people)]
    n = 2
    if fig.require:
        out.append(_say(f, "decide_require", n=L.ordinal_zh(n) if f.lang == "zh" else n, k=len(fig.require),
                        items=_items(f, [_lock_item(f, lk) for lk, _ in fig.require])))
        n += 1
    if fig.forbid:
        out.append(_say(f, "decide_forbid", n=L.ordinal_zh(n) if f.lang == "zh" else n, k=len(fig.forbid),
                        items=_items(f, [_lock_item(f, lk) for lk, _ in fig.forbid])))
        n += 1
    if not fig.require and not fig.forbid:
        out.append(_say(f, "decide_no_locks", n=L.ordinal_zh(n) if f.lang == "zh" else n))
        n += 1
    if fig.unmet:
        items = [_say(f, "unmet_item", target=f.target(o), k=o.seats - k) for o, k in fig.unmet]
        out.append(_say(f, "decide_unmet", n=L.ordinal_zh(n) if f.lang == "zh" else n, k=len(fig.unmet),
                        items=_items(f, items)))
        n += 1
    if fig.recusal_failed:
        out.append(_say(f, "decide_recusal", n=L.ordinal_zh(n) if f.lang == "zh" else n, k=fig.recusal_failed))
    return out


def _rule_name(f: PlanFacts, code: str) -> str:
    rules = f.sc.rules
    name = (L.RULE_ZH if f.lang == "zh" else L.RULE_EN_FULL)[code]
    return name.replace("近 N 年", f"近 {rules.no_return_years} 年")


def principle_sentences(f: PlanFacts, weights: dict) -> list:
    """遵循的原则: every rule in words with its documents, then the weighed aims by weight."""
    rules = f.sc.rules
    out = [_say(f, "principles_rules")]
    for n, code in enumerate(L.RULE_ZH, start=1):
        detail = RULE_DETAIL.get(code, ("", ""))[0 if f.lang == "zh" else 1].format(
            first_stop=rules.first_stop_years, tenure=rules.max_tenure_years, away=rules.max_away_months)
        source = L.policy_text(code, f.sc, f.lang)
        key = "principle_rule" if source else "principle_rule_plain"
        out.append(_say(f, key, n=n, rule=_rule_name(f, code), detail=detail, source=source))
    active = sorted((t for t, w in weights.items() if isinstance(w, (int, float)) and w > 0),
                    key=lambda t: (-weights[t], list(L.TERM_ZH).index(t) if t in L.TERM_ZH else 99))
    if active:
        out.append(_say(f, "principles_terms"))
        for n, term in enumerate(active, start=1):
            source = L.policy_text(term, f.sc, f.lang)
            key = "principle_term" if source else "principle_term_plain"
            out.append(_say(f, key, n=n, term=term_name(term, f.lang), source=source))
    off = [term_name(t, f.lang) for t in L.TERM_ZH if t in weights and not weights[t]]
    if off:
        out.append(_say(f, "term_off", terms=f.text("sep").join(off)))
    return out


def _short_rule(f: PlanFacts, code: str) -> str:
    """A rule's name without its explanation in brackets: 一人一岗, 回避, 外派时间, ..."""
    name = _rule_name(f, code)
    return name.split("（", 1)[0].split(" (", 1)[0]


def principle_paragraphs(f: PlanFacts, weights: dict) -> list:
    """遵循的原则 for the memo: the rules grouped by the documents they follow, then the aims."""
    groups: dict = {}
    for code in L.RULE_ZH:
        groups.setdefault(L.policy_text(code, f.sc, f.lang), []).append(_short_rule(f, code))
    sep = f.text("sep")
    parts = [_say(f, "memo_rule_group", source=source, rules=sep.join(names)) if source
             else _say(f, "memo_rule_group_plain", rules=sep.join(names)) for source, names in groups.items()]
    out = [_say(f, "memo_rules", groups=f.text("semi").join(parts))]
    active = sorted((t for t, w in weights.items() if isinstance(w, (int, float)) and w > 0),
                    key=lambda t: (-weights[t], list(L.TERM_ZH).index(t) if t in L.TERM_ZH else 99))
    if active:
        sources = []
        for term in active:
            for title in L.policy_titles(term, f.sc):
                if title not in sources:
                    sources.append(title)
        out.append(_say(f, "memo_terms", terms=sep.join(term_name(t, f.lang) for t in active),
                        sources=sep.join(f"《{t}》" for t in sources)))
    return out


def plan_weights(f: PlanFacts, summary: dict) -> dict:
    """The weights the plan was solved with (summary.json), else the scenario's."""
    weights = summary.get("weights")
    return dict(weights) if isinstance(weights, dict) and weights else f.sc.weights.as_dict()
