"""The Hall check: must-move cadres (R4 recruits, R6 rotation due, R11 posting locks, R7 kin in one
unit) against the posting seats open to them, by max flow; a short set names who cannot all be placed."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from models.scenario import Scenario
from planner.labels import COMMA, LIST_SEP, OPENINGS_COUNTED, diagnosis_text, ids_text
from planner.model.counting.items import HasContext, diagnosis_item, order_codes


class Demand(NamedTuple):
    """Cadres who must take one posting among ``openings`` (indices into ``scenario.openings``)."""
    label: str          # a cadre id, or ``A+B`` for a kin pair
    cadres: tuple       # the cadre ids
    codes: tuple        # the rules that make them move (R4, R6, R11, R7)
    openings: frozenset


def must_move_demands(scenario: Scenario, built: HasContext) -> list[Demand]:
    """Who must take a posting: a ``Demand`` (label, cadre ids, rule codes, open posting indices) each.

    New recruits (R4) and rotation-due cadres (R6) to any posting open to them; cadres with a
    require lock on a posting (R11) to that posting; each kin pair serving in one unit (R7),
    neither of whom must move anyway, to any posting open to either.
    """
    ctx, sc, arrays = built.ctx, scenario, built.ctx.ca
    post = ctx.p_posting
    demands: list = []
    must_mask = arrays.recruit | arrays.rotation_due
    # A require lock on a posting pins the cadre to it (and makes the cadre move).
    locked: dict = {}
    for lk in sc.locks:
        o = sc.opening_by_id.get(lk.opening_id)
        if lk.lock == "require" and o is not None and o.kind == "posting" and lk.cadre_id in arrays.index:
            p = ctx.pair_index(lk.cadre_id, lk.opening_id)
            locked.setdefault(lk.cadre_id, set()).add(-1 if p is None else ctx.opening_index[o.opening_id])
    must = set()
    for i in sorted(set(np.flatnonzero(must_mask).tolist()) | {arrays.index[c] for c in locked}):
        cid = arrays.ids[i]
        codes = ("R4",) if arrays.recruit[i] else ("R6",) if arrays.rotation_due[i] else ()
        if cid in locked:
            opens = frozenset() if -1 in locked[cid] or len(locked[cid]) > 1 else frozenset(locked[cid])
            codes = codes + ("R11",)
        else:
            s = ctx.cadre_slice(i)
            opens = frozenset(ctx.po[s][post[s]].tolist())
        must.add(i)
        demands.append(Demand(cid, (cid,), codes, opens))
    seen = set()
    for r in sc.relations:
        a, b = arrays.index.get(r.cadre_a), arrays.index.get(r.cadre_b)
        if a is None or b is None or a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        if a in must or b in must or not arrays.unit[a] or arrays.unit[a] != arrays.unit[b]:
            continue
        opens = set()
        for i in (a, b):
            s = ctx.cadre_slice(i)
            opens |= set(ctx.po[s][post[s]].tolist())
        demands.append(Demand(f"{arrays.ids[a]}+{arrays.ids[b]}", (arrays.ids[a], arrays.ids[b]), ("R7",),
                              frozenset(opens)))
    return demands


def check_hall(scenario: Scenario, built: HasContext) -> list:
    """Max flow from must-move cadres to posting seats; a deficient set names who cannot all be placed.

    Must-move: see ``must_move_demands``. Seats: each posting's ``seats``. Cadres with the same
    set of open postings are one node (capacity = their number), which keeps the graph small at
    province size. If the flow falls short, the cadres reachable from the source in the residual
    graph form a set S whose open postings N(S) have fewer seats than |S| (Hall's condition);
    each connected part of S that is short on its own is one item.

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
    import networkx as nx
    sc = scenario
    demands = must_move_demands(scenario, built)
    if not demands:
        return []
    groups: dict = {}
    for d in demands:
        groups.setdefault(d.openings, []).append(d)
    graph = nx.DiGraph()
    total = 0
    for n, (opens, ds) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        graph.add_edge("s", ("g", n), capacity=len(ds))
        total += len(ds)
        graph.nodes[("g", n)]["members"] = ds
        for j in sorted(opens):
            graph.add_edge(("g", n), ("o", j))      # no capacity: unlimited (keeps the Hall argument exact)
    for node in list(graph.nodes):
        if node[0] == "o":
            graph.add_edge(node, "t", capacity=sc.openings[node[1]].seats)
    if "t" not in graph:
        graph.add_node("t")
    flow, flows = nx.maximum_flow(graph, "s", "t")
    if flow >= total:
        return []
    # One small Hall violator per unsaturated group: what it reaches by alternating paths in the
    # residual graph. Every opening reached is full, and its holders are reached too, so the
    # groups reached want more seats than the openings reached have.
    violators = {}
    for gnode in sorted((v for v in graph.nodes if v[0] == "g"), key=lambda v: v[1]):
        if flows["s"][gnode] >= graph["s"][gnode]["capacity"]:
            continue
        seen_g, seen_o, stack = {gnode}, set(), [gnode]
        while stack:
            v = stack.pop()
            if v[0] == "g":
                for o in graph.successors(v):
                    if o not in seen_o:
                        seen_o.add(o)
                        stack.append(o)
            else:
                for u in graph.predecessors(v):
                    if u[0] == "g" and u not in seen_g and flows[u][v] > 0:
                        seen_g.add(u)
                        stack.append(u)
        key = frozenset(seen_g)
        if key not in violators:
            violators[key] = (gnode, frozenset(seen_o))
    items = []
    deficit_all = total - flow
    for groups_reached, (start, opens_reached) in sorted(
            violators.items(), key=lambda kv: (sum(len(graph.nodes[v]["members"]) for v in kv[0]), sorted(kv[0])))[:3]:
        members = sorted((d for v in groups_reached for d in graph.nodes[v]["members"]), key=lambda d: d.label)
        opens = sorted(o[1] for o in opens_reached)
        seats = sum(sc.openings[j].seats for j in opens)
        # A deficit-one subset for the core: as many of each group as it places, one more of the start.
        seed = []
        for v in sorted(groups_reached, key=lambda v: v[1]):
            k = flows["s"][v] + (1 if v == start else 0)
            seed += sorted(graph.nodes[v]["members"], key=lambda d: d.label)[:k]
        cids = sorted({c for d in members for c in d.cadres})
        codes = order_codes(c for d in members for c in d.codes)
        oids = [sc.openings[j].opening_id for j in opens]
        labels = [d.label for d in members]
        short = len(members) - seats

        def wording(lang, labels=labels, codes=codes, oids=oids, opens=opens, seats=seats, short=short):
            text = diagnosis_text(
                "check.hall", lang, count=len(labels), ids=ids_text(labels, lang), codes=LIST_SEP[lang].join(codes),
                openings=ids_text(oids, lang, unit=OPENINGS_COUNTED) or diagnosis_text("check.hall_no_openings", lang),
                seats=seats, seat_list=COMMA[lang].join(
                    diagnosis_text("check.seats_of", lang, opening=sc.openings[j].opening_id,
                                   seats=sc.openings[j].seats) for j in opens[:12]), short=short)
            if deficit_all > short:
                text += diagnosis_text("check.hall_short_in_all", lang, short=deficit_all)
            return text

        items.append(diagnosis_item(
            "R3", cids, oids, wording, codes=["R3"] + codes, check="hall", deficit=short, deficit_all=deficit_all,
            seed_demands=[list(d.cadres) for d in seed], seed_codes=[d.codes[0] for d in seed]))
    return items
