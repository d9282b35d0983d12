"""Counting checks: each proves, by counting seats and candidates, that a scenario has no plan,
and names the cause and the ids involved. They run before every solve (in well under a second
where a solver may need a minute) and open every diagnosis."""
from __future__ import annotations

import numpy as np

from planner.labels import (  # noqa: F401
    FILTER_EN,
    FILTER_ZH,
    HARDSHIP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,  # SPEC 7 labels live in one place
    RULE_ZH,
    TERM_ZH,
    cadre_label,
    filter_words,
    ids_text,
    opening_label,
    unit_label,
)


# --------------------------------------------------------------------------------------------
# Labels (SPEC 7)
# --------------------------------------------------------------------------------------------
def _item(rule, cadres=(), openings=(), text="", text_zh="", source="check", codes=None, **extra):
    codes = list(codes) if codes else [rule]
    if rule not in codes:
        codes.insert(0, rule)
    d = {"rule": rule, "codes": codes, "cadres": list(cadres), "openings": list(openings),
         "text": text, "text_zh": text_zh or text, "source": source}
    d.update(extra)
    return d


# --------------------------------------------------------------------------------------------
# Counting checks
# --------------------------------------------------------------------------------------------
def _blocked_explained(scenario, elig, opening, ids, lang="en"):
    """For cadres passing R2 but blocked by another filter: [(cadre_id, [(code, name), ...])]."""
    out = []
    for cid in ids:
        fs = elig.blocking_filters(cid, opening.opening_id)
        if fs and all(code != "R2" for code, _ in fs):
            out.append((cid, fs))
    return out


def _why(scenario, cid, oid, fs, lang):
    return ("；" if lang == "zh" else "; ").join(filter_words(scenario, cid, oid, code, name, lang) for code, name in fs)


def check_empty(scenario, built) -> list:
    """Demands with no candidate pair at all: a require lock on a pair the filters removed (R11
    with the filters that removed it), a new recruit or a rotation-due cadre with no posting open
    (R4/R6, with how many postings each filter closed). Needs only ``built.ctx``."""
    from planner.model.eligibility import FILTERS
    sc, ctx = scenario, built.ctx
    elig, ca = ctx.elig, ctx.ca
    items = []
    for lk in sc.locks:
        if lk.lock != "require" or lk.cadre_id not in ca.index or lk.opening_id not in sc.opening_by_id:
            continue
        if ctx.pair_index(lk.cadre_id, lk.opening_id) is not None:
            continue
        cid, oid = lk.cadre_id, lk.opening_id
        fs = elig.blocking_filters(cid, oid)
        codes = ["R11"] + sorted({code for code, _ in fs}, key=lambda r: (len(r), r))
        items.append(_item(
            "R11", [cid], [oid],
            f"the committee requires {cid} on {oid}, but {cid} may not take it: {_why(sc, cid, oid, fs, 'en')}",
            f"党组要求安排 {cadre_label(sc, cid)} 到 {opening_label(sc, oid)}，但其不能担任该岗位："
            f"{_why(sc, cid, oid, fs, 'zh')}",
            codes=codes, check="require_lock_blocked", blocked=[[code, name] for code, name in fs]))
    n_post = np.bincount(ctx.pc[ctx.p_posting], minlength=len(ca.ids))
    stuck = np.flatnonzero((ca.recruit | ca.rotation_due) & (n_post == 0))
    if stuck.size:
        # Per posting opening, the first filter that closes it, for every stuck cadre at once.
        counts = {int(i): {} for i in stuck}
        for o in sc.openings:
            if o.kind != "posting":
                continue
            masks = elig.filter_masks(o)
            for i in stuck.tolist():
                f = next((FILTERS[k] for k, mk in enumerate(masks) if not mk[i]), None)
                if f is not None:
                    counts[i][f] = counts[i].get(f, 0) + 1
        for i in stuck.tolist():
            cid = ca.ids[i]
            cs = sorted(counts[i].items(), key=lambda kv: -kv[1])
            en = ", ".join(f"{code} {FILTER_EN[n]}: {k}" for (code, n), k in cs) or "there are no postings"
            zh = "，".join(f"{code} {FILTER_ZH[n]} {k} 个" for (code, n), k in cs) or "没有交流岗位"
            rules = sorted({code for (code, _), _ in cs}, key=lambda r: (len(r), r))
            if ca.recruit[i]:
                items.append(_item("R4", [cid], [],
                                   f"new recruit {cid} must get one grassroots posting, but no posting is open to "
                                   f"{cid} (postings kept off by {en})",
                                   f"新录用人员 {cadre_label(sc, cid)} 须安排一个基层交流岗位，但没有任何交流岗位对其开放"
                                   f"（各岗位的排除原因：{zh}）", codes=["R4"] + rules, check="no_posting_open"))
            else:
                items.append(_item("R6", [cid], [],
                                   f"{cid} is due to rotate but no posting is open to {cid} (postings kept off by {en})",
                                   f"{cadre_label(sc, cid)} 任职已满限须交流，但没有任何交流岗位对其开放（各岗位的排除原因：{zh}）",
                                   codes=["R6"] + rules, check="no_posting_open"))
    return items


def check_r3_min_seats(scenario, built) -> list:
    """R3 (+R7, R10, ...): an opening's ``min_seats`` above the cadres who may take it at all."""
    ctx, sc, ca, elig = built.ctx, scenario, built.ctx.ca, built.ctx.elig
    items = []
    for j, o in enumerate(sc.openings):
        n = int(ctx.pairs_by_opening[j].size)
        if o.min_seats <= n:
            continue
        masks = elig.filter_masks(o)
        r2_ok = np.logical_and.reduce(masks[:8])
        blocked = _blocked_explained(sc, elig, o, [ca.ids[i] for i in np.flatnonzero(r2_ok)])
        codes = ["R3"] + sorted({code for _, fs in blocked for code, _ in fs}, key=lambda r: (len(r), r))
        may = [ca.ids[i] for i in ctx.pc[ctx.pairs_by_opening[j]].tolist()]
        en_detail = "; ".join(f"{cid}: {_why(sc, cid, o.opening_id, fs, 'en')}" for cid, fs in blocked)
        zh_detail = "；".join(f"{cadre_label(sc, cid)}：{_why(sc, cid, o.opening_id, fs, 'zh')}" for cid, fs in blocked)
        items.append(_item(
            "R3", [cid for cid, _ in blocked] + may, [o.opening_id],
            f"{o.opening_id} needs at least {o.min_seats} but only {n} cadre(s) may take it"
            + (f" ({', '.join(may)})" if may else "")
            + (f"; kept off by {', '.join(codes[1:])}: {en_detail}" if blocked else ""),
            f"{opening_label(sc, o.opening_id)} 最少需 {o.min_seats} 人，但符合条件的只有 {n} 人"
            + (f"（{'、'.join(may)}）" if may else "")
            + (f"；其余具备任职资格者因回避等规则不能参加：{zh_detail}" if blocked else ""),
            codes=codes, check="min_seats", available=n, min_seats=o.min_seats))
    return items


def check_r4_recruits(scenario, built) -> list:
    """R4: more new recruits than seats of grassroots postings open to them."""
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    recruits = np.flatnonzero(ca.recruit)
    if not recruits.size:
        return []
    sel = ctx.p_posting & ca.recruit[ctx.pc]
    opens = sorted(set(ctx.po[sel].tolist()))
    seats = sum(sc.openings[j].seats for j in opens)
    if recruits.size <= seats:
        return []
    ids = [ca.ids[i] for i in recruits]
    oids = [sc.openings[j].opening_id for j in opens]
    return [_item("R4", ids, oids,
                  f"{recruits.size} new recruits ({ids_text(ids, 'en')}) must each get a grassroots posting, "
                  f"but the grassroots postings open to them have {seats} seat(s) in all"
                  + (f" ({', '.join(f'{sc.openings[j].opening_id}: {sc.openings[j].seats}' for j in opens[:10])})"
                     if opens else ""),
                  f"新录用人员 {recruits.size} 人（{ids_text(ids, 'zh')}）须各安排一个基层交流岗位，"
                  f"但对其开放的基层岗位合计只有 {seats} 个名额"
                  + (f"（{'，'.join(f'{sc.openings[j].opening_id} {sc.openings[j].seats} 个' for j in opens[:10])}）"
                     if opens else ""),
                  codes=["R4", "R3"], check="recruits_vs_grassroots", deficit=int(recruits.size - seats))]


def check_r6_due(scenario, built) -> list:
    """R6: more rotation-due cadres than seats of the postings open to them."""
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    due = np.flatnonzero(ca.rotation_due & ~ca.recruit)
    if not due.size:
        return []
    sel = ctx.p_posting & ca.rotation_due[ctx.pc] & ~ca.recruit[ctx.pc]
    opens = sorted(set(ctx.po[sel].tolist()))
    seats = sum(sc.openings[j].seats for j in opens)
    if due.size <= seats:
        return []
    ids = [ca.ids[i] for i in due]
    return [_item("R6", ids, [sc.openings[j].opening_id for j in opens],
                  f"{due.size} cadres are due to rotate ({ids_text(ids, 'en')}) but the postings open to them "
                  f"have {seats} seat(s) in all",
                  f"任职满 {sc.rules.max_tenure_years} 年须交流的干部 {due.size} 人（{ids_text(ids, 'zh')}），"
                  f"但对其开放的交流岗位合计只有 {seats} 个名额",
                  codes=["R6", "R3"], check="due_vs_seats", deficit=int(due.size - seats))]


def check_locks(scenario, built) -> list:
    """Require locks that contradict each other or the rules through one cadre or one opening:
    overlapping months or too many months (R8), two postings (R1), more than the seats (R3),
    two relatives in one unit or on one team (R7)."""
    sc = scenario
    items = []
    req: dict = {}
    for lk in sc.locks:
        if lk.lock == "require" and lk.opening_id in sc.opening_by_id and lk.cadre_id in sc.cadre_by_id:
            req.setdefault(lk.cadre_id, []).append(sc.opening_by_id[lk.opening_id])
    for cid, ops in sorted(req.items()):
        away = sorted((o for o in ops if o.kind != "posting"), key=lambda o: (o.start_month, o.opening_id))
        for a in range(len(away)):
            for b in range(a + 1, len(away)):
                x, y = away[a], away[b]
                if x.start_month <= y.end_month and y.start_month <= x.end_month:
                    both = (max(x.start_month, y.start_month), min(x.end_month, y.end_month))
                    span = f"{both[0]}" if both[0] == both[1] else f"{both[0]}-{both[1]}"
                    items.append(_item(
                        "R8", [cid], [x.opening_id, y.opening_id],
                        f"require locks (R11) put {cid} on {x.opening_id} (months {x.start_month}-{x.end_month}) "
                        f"and {y.opening_id} (months {y.start_month}-{y.end_month}), which overlap in month(s) {span}",
                        f"党组预定（R11）要求 {cadre_label(sc, cid)} 同时参加 {opening_label(sc, x.opening_id)}"
                        f"（{x.start_month}-{x.end_month} 月）和 {opening_label(sc, y.opening_id)}"
                        f"（{y.start_month}-{y.end_month} 月），两者在 {span} 月重叠（R8 外派时间不得重叠）",
                        codes=["R8", "R11"], check="locks_overlap"))
        months = sum(o.months for o in away)
        if months > sc.rules.max_away_months:
            items.append(_item(
                "R8", [cid], [o.opening_id for o in away],
                f"require locks (R11) send {cid} away {months} months, above the cap of {sc.rules.max_away_months}",
                f"党组预定（R11）使 {cadre_label(sc, cid)} 全年外派 {months} 个月，超过上限 {sc.rules.max_away_months} 个月（R8）",
                codes=["R8", "R11"], check="locks_months"))
        posts = [o.opening_id for o in ops if o.kind == "posting"]
        if len(posts) > 1:
            items.append(_item("R1", [cid], posts,
                               f"require locks (R11) give {cid} {len(posts)} postings: {', '.join(posts)}",
                               f"党组预定（R11）给 {cadre_label(sc, cid)} 安排了 {len(posts)} 个交流岗位（{'、'.join(posts)}），"
                               "违反一人一岗（R1）", codes=["R1", "R11"], check="locks_two_postings"))
    per_opening: dict = {}
    for lk in sc.locks:
        if lk.lock == "require" and lk.opening_id in sc.opening_by_id:
            per_opening.setdefault(lk.opening_id, []).append(lk.cadre_id)
    for oid, cids in sorted(per_opening.items()):
        o = sc.opening_by_id[oid]
        if len(cids) > o.seats:
            items.append(_item("R3", cids, [oid],
                               f"{len(cids)} require locks (R11) on {oid}, which has {o.seats} seat(s)",
                               f"党组预定（R11）安排 {len(cids)} 人到 {opening_label(sc, oid)}，但该岗位只有 {o.seats} 个名额",
                               codes=["R3", "R11"], check="locks_over_seats"))
    # Relatives locked together.
    for r in sc.relations:
        a, b = r.cadre_a, r.cadre_b
        if a not in req or b not in req:
            continue
        common = {o.opening_id for o in req[a] if o.kind != "posting"} & {o.opening_id for o in req[b] if o.kind != "posting"}
        pa = [o for o in req[a] if o.kind == "posting"]
        pb = [o for o in req[b] if o.kind == "posting"]
        same_unit = {o.unit_id for o in pa} & {o.unit_id for o in pb}
        for oid in sorted(common):
            items.append(_item("R7", [a, b], [oid],
                               f"require locks (R11) put relatives {a} and {b} ({r.relation}) on the same team {oid}",
                               f"党组预定（R11）安排有{r.relation or '亲属'}关系的 {cadre_label(sc, a)} 与 {cadre_label(sc, b)} "
                               f"同在 {opening_label(sc, oid)}（R7 亲属回避）", codes=["R7", "R11"], check="locks_kin"))
        for u in sorted(same_unit):
            ops = [o.opening_id for o in pa + pb if o.unit_id == u]
            items.append(_item("R7", [a, b], ops,
                               f"require locks (R11) post relatives {a} and {b} ({r.relation}) both to {u}",
                               f"党组预定（R11）将有{r.relation or '亲属'}关系的 {cadre_label(sc, a)} 与 {cadre_label(sc, b)} "
                               f"都交流到 {unit_label(sc, u)}（R7 亲属回避）", codes=["R7", "R11"], check="locks_kin"))
    return items


def check_r9_team_needs(scenario, built) -> list:
    """R9: an opening that must be staffed (min_seats > 0 or a require lock) whose team need
    ``CODE:k`` cannot be met - fewer than k of the cadres who may take it qualify, or k > seats."""
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    locked = {lk.opening_id for lk in sc.locks if lk.lock == "require"}
    items = []
    for j, o in enumerate(sc.openings):
        if not o.team_needs or (o.min_seats == 0 and o.opening_id not in locked):
            continue
        cad = ctx.pc[ctx.pairs_by_opening[j]]
        for code, k in o.team_needs:
            bit = ca.cert_codes.get(code)
            qual = ca.specialty[cad] == code
            if bit is not None:
                qual = qual | ((ca.certs[cad] >> bit) & 1).astype(bool)
            q = int(qual.sum())
            if q >= k and k <= o.seats:
                continue
            who = [ca.ids[i] for i in cad[qual].tolist()]
            forced = (f"min_seats {o.min_seats}" if o.min_seats else "a require lock")
            forced_zh = (f"最少需 {o.min_seats} 人" if o.min_seats else "党组预定须安排人员")
            codes = ["R9", "R3" if o.min_seats else "R11"]
            items.append(_item(
                "R9", who, [o.opening_id],
                f"{o.opening_id} must be staffed ({forced}) and needs at least {k} with {code}, but only {q} of the "
                f"cadres who may take it qualify" + (f" ({', '.join(who)})" if who else "")
                + (f"; and it has only {o.seats} seat(s)" if k > o.seats else ""),
                f"{opening_label(sc, o.opening_id)} 须安排人员（{forced_zh}），队伍中至少需 {k} 名具备 {code} 的人员，"
                f"但可选人员中只有 {q} 人具备" + (f"（{'、'.join(who)}）" if who else "")
                + (f"；且名额只有 {o.seats} 个" if k > o.seats else ""),
                codes=codes, check="team_needs", code=code, need=k, qualified=q))
    return items


def _must_move_demands(scenario, built) -> list:
    """Who must take a posting, as (label, cadre ids, rule codes, frozenset of open posting indices).

    New recruits (R4) and rotation-due cadres (R6) to any posting open to them; cadres with a
    require lock on a posting (R11) to that posting; each kin pair serving in one unit (R7),
    neither of whom must move anyway, to any posting open to either.
    """
    ctx, sc, ca = built.ctx, scenario, built.ctx.ca
    post = ctx.p_posting
    demands: list = []
    must_mask = ca.recruit | ca.rotation_due
    # A require lock on a posting pins the cadre to it (and makes the cadre move).
    locked: dict = {}
    for lk in sc.locks:
        o = sc.opening_by_id.get(lk.opening_id)
        if lk.lock == "require" and o is not None and o.kind == "posting" and lk.cadre_id in ca.index:
            p = ctx.pair_index(lk.cadre_id, lk.opening_id)
            locked.setdefault(lk.cadre_id, set()).add(-1 if p is None else ctx.opening_index[o.opening_id])
    must = set()
    for i in sorted(set(np.flatnonzero(must_mask).tolist()) | {ca.index[c] for c in locked}):
        cid = ca.ids[i]
        codes = ("R4",) if ca.recruit[i] else ("R6",) if ca.rotation_due[i] else ()
        if cid in locked:
            opens = frozenset() if -1 in locked[cid] or len(locked[cid]) > 1 else frozenset(locked[cid])
            codes = codes + ("R11",)
        else:
            s = ctx.cadre_slice(i)
            opens = frozenset(ctx.po[s][post[s]].tolist())
        must.add(i)
        demands.append((cid, (cid,), codes, opens))
    seen = set()
    for r in sc.relations:
        a, b = ca.index.get(r.cadre_a), ca.index.get(r.cadre_b)
        if a is None or b is None or a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        if a in must or b in must or not ca.unit[a] or ca.unit[a] != ca.unit[b]:
            continue
        opens = set()
        for i in (a, b):
            s = ctx.cadre_slice(i)
            opens |= set(ctx.po[s][post[s]].tolist())
        demands.append((f"{ca.ids[a]}+{ca.ids[b]}", (ca.ids[a], ca.ids[b]), ("R7",), frozenset(opens)))
    return demands


def check_hall(scenario, built) -> list:
    """Max flow from must-move cadres to posting seats; a deficient set names who cannot all be placed.

    Must-move: see ``_must_move_demands``. Seats: each posting's ``seats``. Cadres with the same
    set of open postings are one node (capacity = their number), which keeps the graph small at
    province size. If the flow falls short, the cadres reachable from the source in the residual
    graph form a set S whose open postings N(S) have fewer seats than |S| (Hall's condition);
    each connected part of S that is short on its own is one item.
    """
    import networkx as nx
    sc = scenario
    demands = _must_move_demands(scenario, built)
    if not demands:
        return []
    groups: dict = {}
    for d in demands:
        groups.setdefault(d[3], []).append(d)
    g = nx.DiGraph()
    total = 0
    for n, (opens, ds) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        g.add_edge("s", ("g", n), capacity=len(ds))
        total += len(ds)
        g.nodes[("g", n)]["members"] = ds
        for j in sorted(opens):
            g.add_edge(("g", n), ("o", j))      # no capacity: unlimited (keeps the Hall argument exact)
    for node in list(g.nodes):
        if node[0] == "o":
            g.add_edge(node, "t", capacity=sc.openings[node[1]].seats)
    if "t" not in g:
        g.add_node("t")
    flow, fd = nx.maximum_flow(g, "s", "t")
    if flow >= total:
        return []
    # One small Hall violator per unsaturated group: what it reaches by alternating paths in the
    # residual graph. Every opening reached is full, and its holders are reached too, so the
    # groups reached want more seats than the openings reached have.
    violators = {}
    for gnode in sorted((v for v in g.nodes if v[0] == "g"), key=lambda v: v[1]):
        if fd["s"][gnode] >= g["s"][gnode]["capacity"]:
            continue
        seen_g, seen_o, stack = {gnode}, set(), [gnode]
        while stack:
            v = stack.pop()
            if v[0] == "g":
                for o in g.successors(v):
                    if o not in seen_o:
                        seen_o.add(o)
                        stack.append(o)
            else:
                for u in g.predecessors(v):
                    if u[0] == "g" and u not in seen_g and fd[u][v] > 0:
                        seen_g.add(u)
                        stack.append(u)
        key = frozenset(seen_g)
        if key not in violators:
            violators[key] = (gnode, frozenset(seen_o))
    items = []
    deficit_all = total - flow
    for groups_reached, (start, opens_reached) in sorted(
            violators.items(), key=lambda kv: (sum(len(g.nodes[v]["members"]) for v in kv[0]), sorted(kv[0])))[:3]:
        members = sorted((d for v in groups_reached for d in g.nodes[v]["members"]), key=lambda d: d[0])
        opens = sorted(o[1] for o in opens_reached)
        seats = sum(sc.openings[j].seats for j in opens)
        # A deficit-one subset for the core: as many of each group as it places, one more of the start.
        seed = []
        for v in sorted(groups_reached, key=lambda v: v[1]):
            k = fd["s"][v] + (1 if v == start else 0)
            seed += [d for d in sorted(g.nodes[v]["members"], key=lambda d: d[0])[:k]]
        cids = sorted({c for d in members for c in d[1]})
        codes = sorted({c for d in members for c in d[2]}, key=lambda r: (len(r), r))
        oids = [sc.openings[j].opening_id for j in opens]
        labels = [d[0] for d in members]
        seat_en = ", ".join(f"{sc.openings[j].opening_id}: {sc.openings[j].seats}" for j in opens[:12])
        seat_zh = "，".join(f"{sc.openings[j].opening_id} {sc.openings[j].seats} 个" for j in opens[:12])
        items.append(_item(
            "R3", cids, oids,
            f"{len(members)} must-move cadre(s) ({ids_text(labels, 'en')}; {', '.join(codes)}) can only take postings "
            f"{ids_text(oids, 'en') or '(none)'}, which have {seats} seat(s) in all ({seat_en}): "
            f"{len(members) - seats} cannot be placed" + (f" ({deficit_all} short in all)" if deficit_all > len(members) - seats else ""),
            f"必须交流的 {len(members)} 人（{ids_text(labels, 'zh')}；{'、'.join(codes)}）只能去 "
            f"{ids_text(oids, 'zh', unit='个岗位') or '（无）'}，这些岗位合计只有 {seats} 个名额（{seat_zh}），"
            f"有 {len(members) - seats} 人无法安排" + (f"（全部必须交流人员中共缺 {deficit_all} 个名额）"
                                                 if deficit_all > len(members) - seats else ""),
            codes=["R3"] + codes, check="hall", deficit=len(members) - seats, deficit_all=deficit_all,
            seed_demands=[list(d[1]) for d in seed], seed_codes=[d[2][0] for d in seed]))
    return items


COUNTING_CHECKS = (check_empty, check_r3_min_seats, check_r4_recruits, check_r6_due, check_locks,
                   check_r9_team_needs, check_hall)


def counting_checks(scenario, built) -> list:
    """Every counting check, in order; Hall items that repeat an R4/R6 count item are dropped."""
    items = []
    for check in COUNTING_CHECKS:
        for it in check(scenario, built):
            if it.get("check") == "hall" and any(
                    set(it["cadres"]) == set(prev["cadres"]) and prev.get("check") in ("recruits_vs_grassroots", "due_vs_seats")
                    for prev in items):
                continue
            if it.get("check") == "hall" and not it["openings"] and set(it["cadres"]) <= {
                    c for prev in items if prev.get("check") in ("require_lock_blocked", "no_posting_open")
                    for c in prev["cadres"]}:
                continue    # nothing open to them at all: an earlier item already says why
            items.append(it)
    return items
