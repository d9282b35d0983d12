"""A first plan in seconds, before any LP or CP-SAT: min-cost flow over each cadre's best
candidates, with the side rules handled on the way.

1. The pool (``planner.backends.candidate_pool``): each cadre's best pairs by objective, each
   opening's best candidates, the qualified ones of team needs, every required lock.
2. Locks first (R11); then each opening with a team need that must be used (a minimum, or a
   lock on it) gets its qualified members greedily (R9); other team-need openings stay empty.
3. Postings: one min-cost flow (OR-Tools) over cadres -> posting openings: every R4/R6 cadre sends
   one unit (R1, R4, R6), every opening takes at most its seats and at least its minimum (R3);
   the cost is minus the pair's objective coefficient.
4. Temporary assignments and tasks: a second flow, at most one per cadre (so R8 holds: one
   assignment within the cap, which the candidate filters already ensure).
5. R7: a relative based in the same unit, or on the same team, is removed from that arc (or,
   when both stay home in one unit, one of them must move) and the flows run again.

The caller checks the plan with ``planner.check.check_plan``; a plan that fails is not used.
"""
from __future__ import annotations

import logging
from collections import Counter

import numpy as np

from planner.backends.candidate_pool import TopPerCadre, candidate_pool, required_locks
from planner.model.eligibility_blocks import EligibilityBits
from planner.model.pair_values import PairValues

log = logging.getLogger(__name__)


SLACK = 10 ** 9      # cost of leaving a must-move cadre or a minimum seat unserved
# Candidates per unposted cadre added at openings with seats left, when the pool falls short.
SPARE_CANDIDATES = 30


def _flow(cad, op, cost, must: np.ndarray, optional: np.ndarray, seats: dict, minimum: dict):
    """Min-cost flow: ``must`` cadres send one unit each, ``optional`` ones may; opening j takes
    at most seats[j] and at least minimum[j]. Leaving a must-move cadre unposted or a minimum
    seat empty is allowed at a prohibitive cost, so the answer says who and where the pool falls
    short. Returns (chosen arc positions, unposted must cadres, openings short of their minimum),
    or None when the flow itself fails."""
    from ortools.graph.python import min_cost_flow

    cadres = np.unique(np.concatenate([cad, must, optional]))
    openings = np.array(sorted(seats), dtype=np.int64)
    c_node = {int(c): k + 3 for k, c in enumerate(cadres.tolist())}
    o_node = {int(j): k + 3 + cadres.size for k, j in enumerate(openings.tolist())}
    S, T, R = 0, 1, 2          # source, sink, reserve of slack units for minimum seats
    f = min_cost_flow.SimpleMinCostFlow()
    tails = np.array([c_node[c] for c in cad.tolist()], dtype=np.int32)
    heads = np.array([o_node[j] for j in op.tolist()], dtype=np.int32)
    f.add_arcs_with_capacity_and_unit_cost(tails, heads, np.ones(cad.size, dtype=np.int64),
                                           np.asarray(cost, dtype=np.int64))
    n_opt = int(optional.size)
    for c in optional.tolist():
        f.add_arc_with_capacity_and_unit_cost(S, c_node[c], 1, 0)
    f.add_arc_with_capacity_and_unit_cost(S, T, n_opt, 0)
    must_skip = {}
    for c in must.tolist():
        must_skip[c] = f.add_arc_with_capacity_and_unit_cost(c_node[c], T, 1, SLACK)
    supply = np.zeros(3 + cadres.size + openings.size, dtype=np.int64)
    supply[S] = n_opt
    for c in must.tolist():
        supply[c_node[c]] += 1
    total_min = 0
    slack = {}
    for j in openings.tolist():
        lo = min(minimum.get(j, 0), seats[j])
        supply[o_node[j]] -= lo
        total_min += lo
        if lo:
            slack[j] = f.add_arc_with_capacity_and_unit_cost(R, o_node[j], lo, SLACK)
        if seats[j] - lo > 0:
            f.add_arc_with_capacity_and_unit_cost(o_node[j], T, seats[j] - lo, 0)
    supply[R] = total_min
    f.add_arc_with_capacity_and_unit_cost(R, T, total_min, 0)
    supply[T] = -(n_opt + int(must.size))
    f.set_nodes_supplies(np.arange(supply.size, dtype=np.int32), supply)
    if f.solve() != f.OPTIMAL:
        return None
    flows = f.flows(np.arange(cad.size, dtype=np.int32))
    unposted = [c for c, a in must_skip.items() if f.flow(a) > 0]
    short = [j for j, a in slack.items() if f.flow(a) > 0]
    return np.flatnonzero(flows > 0), unposted, short


class _Builder:
    """The plan under construction, as (cadre, opening) pairs with what they use up."""

    def __init__(self, bits: EligibilityBits, pv: PairValues, cad: np.ndarray, op: np.ndarray):
        self.bits, self.pv, self.sc, self.ca = bits, pv, bits.scenario, bits.ca
        self.cad, self.op = cad, op
        self.obj = pv.objective(cad, op)
        self.fixed: list = []          # (cadre, opening) decided before the flows
        self.banned: set = set()       # (cadre, opening) kept out (R7 repairs)

    def _value(self, sel: np.ndarray, plan: list) -> np.ndarray:
        """What choosing each selected pool pair adds to the objective, given the pairs already
        in ``plan``: its own coefficient, the grassroots bonus if it is the cadre's first
        grassroots line, the hardship excess it causes (the terms' auxiliaries, by one line)."""
        from planner.model.terms import FAIRNESS_EXCESS, FAIRNESS_GRASSROOTS

        pv = self.pv
        cad, op = self.cad[sel], self.op[sel]
        w = pv.weights.get("fairness", 0)
        gained = np.zeros(pv.n_c, dtype=bool)
        points = np.zeros(pv.n_c, dtype=np.int64)
        if plan:
            pc = np.array([c for c, _ in plan], dtype=np.int64)
            po = np.array([o for _, o in plan], dtype=np.int64)
            gained[pc[pv.gives_grassroots(pc, po)]] = True
            np.add.at(points, pc, pv.o_points[po])
        value = self.obj[sel].copy()
        value += w * FAIRNESS_GRASSROOTS * (pv.gives_grassroots(cad, op) & ~gained[cad])
        room = np.maximum(pv.room[cad] - points[cad], 0)
        value -= w * FAIRNESS_EXCESS * np.maximum(0, pv.o_points[op] - room)
        return value

    def _flow_pairs(self, posting: bool, taken: set, team_closed: set, fixed_open: set) -> np.ndarray:
        """Pool pairs a flow may use: of the kind, not banned, not to a team-need opening (those
        are filled by ``_team``), not of a cadre whose slot a lock or a team already took."""
        sc, pv = self.sc, self.pv
        team = np.array([bool(o.team_needs) for o in sc.openings], dtype=bool)
        ok = ~team[self.op] & ((pv.o_kind[self.op] == 0) == posting)
        if self.banned:
            banned = np.array([c * pv.n_o + o for c, o in self.banned], dtype=np.int64)
            ok &= ~np.isin(self.cad * pv.n_o + self.op, banned)
        ok &= ~np.isin(self.cad, np.array(sorted(taken), dtype=np.int64))
        return ok

    def _all_of(self, cadres: list, openings: list, posting: bool) -> tuple:
        """Every candidate pair of these cadres (of the kind) and of these openings."""
        pv, bits = self.pv, self.bits
        cc, oo = [], []
        if cadres:
            want = np.zeros(pv.n_c, dtype=bool)
            want[cadres] = True
            for cad, op in bits.blocks():
                sel = want[cad] & ((pv.o_kind[op] == 0) == posting)
                cc.append(cad[sel])
                oo.append(op[sel])
        for j in openings:
            mine = np.flatnonzero(bits.rows(j, j + 1)[0])
            cc.append(mine)
            oo.append(np.full(mine.size, j))
        if not cc:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(cc), np.concatenate(oo)

    def _best_at(self, cadres: list, openings: list, k: int, spread: bool = False) -> tuple:
        """Each of these cadres' ``k`` best candidate pairs among these openings; ``spread``: ``k``
        of them in a fixed pseudo-random order instead."""
        pv, bits = self.pv, self.bits
        top = TopPerCadre(pv.n_c, k)
        cadres = np.array(sorted(cadres), dtype=np.int64)
        openings = np.array(sorted(openings), dtype=np.int64)
        step = max(1, 4_000_000 // max(1, cadres.size))
        for lo in range(0, openings.size, step):
            js = openings[lo:lo + step]
            rows = np.unpackbits(bits.bits[js], axis=1, count=bits.n_c)[:, cadres]
            jj, ii = np.nonzero(rows)
            cad, op = cadres[ii], js[jj]
            # spread: a fixed pseudo-random order per cadre (Knuth's multiplicative hash).
            score = -((cad * 2654435761 + op * 40503) % 1000003) if spread else pv.objective(cad, op)
            top.offer(cad, op, score)
        return top.cad, top.op

    def _extend(self, cad: np.ndarray, op: np.ndarray) -> None:
        key = np.unique(np.concatenate([self.cad, cad]) * self.pv.n_o + np.concatenate([self.op, op]))
        self.cad, self.op = key // self.pv.n_o, key % self.pv.n_o
        self.obj = self.pv.objective(self.cad, self.op)

    def run(self, extra_must: set) -> list | None:
        sc, ca, pv = self.sc, self.ca, self.pv
        fixed_post = {c for c, o in self.fixed if pv.o_kind[o] == 0}
        fixed_away = {c for c, o in self.fixed if pv.o_kind[o] > 0}
        fixed_open = {o for _, o in self.fixed}
        team_closed = {j for j, o in enumerate(sc.openings) if o.team_needs and j not in fixed_open}
        plan = list(self.fixed)
        for kind_is_posting in (True, False):
            taken = fixed_post if kind_is_posting else fixed_away
            sel = self._flow_pairs(kind_is_posting, taken, team_closed, fixed_open)
            cad, op, cost = self.cad[sel], self.op[sel], -self._value(sel, plan)
            js = sorted({j for j in range(len(sc.openings)) if (pv.o_kind[j] == 0) == kind_is_posting
                         and j not in team_closed and not (sc.openings[j].team_needs and j in fixed_open)})
            held = Counter(o for _, o in self.fixed)      # seats the locks and teams took
            have = {j: held.get(j, 0) for j in js}
            seats = {j: max(0, sc.openings[j].seats - have[j]) for j in js}
            minimum = {j: max(0, sc.openings[j].min_seats - have[j]) for j in js}
            if kind_is_posting:
                must = np.array(sorted((set(np.flatnonzero(ca.must_post).tolist()) | extra_must) - taken),
                                dtype=np.int64)
            else:
                must = np.zeros(0, dtype=np.int64)
            optional = np.setdiff1d(np.unique(cad), must)
            for attempt in range(4):
                answer = _flow(cad, op, cost, must, optional, seats, minimum)
                if answer is None:
                    return None
                chosen, unposted, short = answer
                if not unposted and not short:
                    break
                # The pool falls short. First try: the unposted cadres' best candidates and a
                # spread over the openings with seats left (every candidate of theirs was 6.5 M
                # arcs and a 15 s flow at broad national size), and every candidate of the
                # openings short of their minimum. Second: every candidate of those cadres.
                # From the third on, every posting of everyone who must move.
                if attempt == 0 and unposted:
                    used = Counter(op[chosen].tolist())
                    spare = [j for j, k in seats.items() if k > used.get(j, 0)]
                    # Their best by value, and a spread over the openings with seats left (by
                    # value alone they all want the same few openings).
                    for js, spread in ((list(seats), False), (spare, True)):
                        more_c, more_o = self._best_at(unposted, js, SPARE_CANDIDATES, spread)
                        self._extend(more_c, more_o)
                    unposted = []
                who = unposted if attempt < 2 or not kind_is_posting else sorted(set(must.tolist()))
                more_c, more_o = self._all_of(who, short, kind_is_posting)
                self._extend(more_c, more_o)
                sel = self._flow_pairs(kind_is_posting, taken, team_closed, fixed_open)
                cad, op, cost = self.cad[sel], self.op[sel], -self._value(sel, plan)
                optional = np.setdiff1d(np.unique(cad), must)
            else:
                log.info("constructive plan: the %s flow leaves %d cadre(s) unposted, %d opening(s) short",
                         "posting" if kind_is_posting else "away", len(unposted), len(short))
                return None
            plan += list(zip(cad[chosen].tolist(), op[chosen].tolist()))
        return plan


def _team(builder: _Builder, j: int, busy_post: set, busy_away: set, optional: bool = False) -> bool:
    """Fill team-need opening j greedily: members for each need, then up to its minimum, then
    more members who add value, up to its seats. ``optional``: the opening need not be used, and
    is left empty unless the team adds value."""
    pv, sc = builder.pv, builder.sc
    o = sc.openings[j]
    posting = pv.o_kind[j] == 0
    # Every candidate of the opening, best first (the pool's few may be taken by other teams).
    mine = np.flatnonzero(builder.bits.rows(j, j + 1)[0])
    value = pv.objective(mine, np.full(mine.size, j))
    order = np.argsort(-value, kind="stable")
    mine, value = mine[order], value[order]
    members = [c for c, oo in builder.fixed if oo == j]
    busy = busy_post if posting else busy_away
    taken = np.zeros(pv.n_c, dtype=bool)
    if busy:
        taken[np.fromiter(busy, dtype=np.int64)] = True
    taken[np.array(members, dtype=np.int64)] = True
    keep = ~taken[mine]
    mine, value = mine[keep], value[keep]
    worth = dict(zip(mine.tolist(), value.tolist()))
    for c in members:
        worth.setdefault(c, 0)
    chosen = list(members)
    used = np.zeros(mine.size, dtype=bool)
    for code, k in o.team_needs:
        have = int(pv.qualified(np.array(chosen, dtype=np.int64), code).sum()) if chosen else 0
        if have >= k:
            continue
        cand = np.flatnonzero(~used & pv.qualified(mine, code))[: max(0, min(k - have, o.seats - len(chosen)))]
        used[cand] = True
        chosen += mine[cand].tolist()
        if have + cand.size < k:
            return False
    rest = mine[~used]
    short = max(0, o.min_seats - len(chosen))
    if rest.size < short:
        return False
    chosen += rest[:short].tolist()
    rest, rest_value = rest[short:], value[~used][short:]
    room = max(0, o.seats - len(chosen))
    more = rest[:room][rest_value[:room] > 0]
    chosen += more.tolist()
    if optional and sum(worth[c] for c in chosen) <= 0:
        return True
    for c in chosen:
        if (c, j) not in builder.fixed:
            builder.fixed.append((c, j))
            busy.add(c)
    return True


def _optional_teams(builder: _Builder, plan: list) -> list:
    """Team-need openings nobody must take get a team of cadres still free after the flows, when
    the team adds value (cadres with a relation are left out, so R7 stays as it was)."""
    pv, sc = builder.pv, builder.sc
    related = set(np.flatnonzero(pv.kin).tolist())
    busy_post = {c for c, o in plan if pv.o_kind[o] == 0} | related
    busy_away = {c for c, o in plan if pv.o_kind[o] > 0} | related
    used = {o for _, o in plan}
    before = list(builder.fixed)
    builder.fixed = []
    for j, o in enumerate(sc.openings):
        if o.team_needs and j not in used:
            _team(builder, j, busy_post, busy_away, optional=True)
    added, builder.fixed = builder.fixed, before
    return plan + added


def _kin_at_home(builder: _Builder) -> set:
    """Cadres who must move before any flow runs: of kin serving in one unit where neither must
    move anyway, one (as ``_r7_conflicts`` would choose after a round; at national size this saves
    two rounds of both flows)."""
    sc, ca, pv = builder.sc, builder.ca, builder.pv
    # The one of the two with more postings in the pool moves (a cadre with none cannot).
    postings = np.bincount(builder.cad[pv.o_kind[builder.op] == 0], minlength=pv.n_c)
    move = set()
    for r in sc.relations:
        if r.cadre_a not in ca.index or r.cadre_b not in ca.index:
            continue
        a, b = ca.index[r.cadre_a], ca.index[r.cadre_b]
        if a != b and pv.c_unit[a] >= 0 and pv.c_unit[a] == pv.c_unit[b] \
                and not ca.must_post[a] and not ca.must_post[b]:
            x = a if postings[a] >= postings[b] else b
            if postings[x] > 0:
                move.add(int(x))
    return move


def _r7_conflicts(builder: _Builder, plan: list) -> tuple:
    """(pairs to ban, cadres who must move) for the relations the plan breaks."""
    sc, ca, pv = builder.sc, builder.ca, builder.pv
    based, teams = {}, {}
    for c, o in plan:
        if pv.o_kind[o] == 0:
            based[c] = (int(pv.o_unit[o]), o)
        else:
            teams.setdefault(c, set()).add(o)
    ban, move = set(), set()
    fixed = set(builder.fixed)
    for r in sc.relations:
        if r.cadre_a not in ca.index or r.cadre_b not in ca.index:
            continue
        a, b = ca.index[r.cadre_a], ca.index[r.cadre_b]
        if a == b:
            continue
        ua = based[a][0] if a in based else int(pv.c_unit[a])
        ub = based[b][0] if b in based else int(pv.c_unit[b])
        if ua >= 0 and ua == ub:
            # Ban a chosen posting that is not a lock; both at home: one of them must move.
            for x in (a, b):
                if x in based and (x, based[x][1]) not in fixed:
                    ban.add((x, based[x][1]))
                    break
            else:
                x = a if not ca.must_post[a] else b
                move.add(int(x))
        for j in teams.get(a, set()) & teams.get(b, set()):
            x = a if (a, j) not in fixed else b
            ban.add((x, j))
    return ban, move


# Weight of an LP value in a guided flow: an LP's choice outweighs any single pair's objective.
LP_GUIDE = 10_000


def constructive_plan(bits: EligibilityBits, pv: PairValues, pool: tuple | None = None, rounds: int = 6,
                      guide: tuple | None = None):
    """A plan as (cadre, opening) arrays, or None when the pool gives none (see module doc).

    ``guide`` = (cadre, opening, value) of an LP solution: the flows then follow the LP (the
    rounded LP made feasible), each pair worth ``LP_GUIDE`` x its LP value more."""
    cad, op = pool if pool is not None else candidate_pool(bits, pv)
    if guide is not None:
        key = np.unique(np.concatenate([cad, guide[0]]) * pv.n_o + np.concatenate([op, guide[1]]))
        cad, op = key // pv.n_o, key % pv.n_o
    builder = _Builder(bits, pv, cad, op)
    if guide is not None:
        gkey = guide[0] * pv.n_o + guide[1]
        order = np.argsort(gkey)
        pos = np.searchsorted(gkey[order], cad * pv.n_o + op)
        pos = np.minimum(pos, max(0, gkey.size - 1))
        hit = gkey[order][pos] == cad * pv.n_o + op if gkey.size else np.zeros(cad.size, dtype=bool)
        lp_value = np.asarray(guide[2])[order][pos]
        builder.obj = builder.obj + np.where(hit, np.rint(LP_GUIDE * lp_value), 0).astype(np.int64)
    sc = bits.scenario
    locks = required_locks(bits)
    builder.fixed = [(int(c), int(o)) for c, o in locks.tolist()]
    busy_post = {c for c, o in builder.fixed if pv.o_kind[o] == 0}
    busy_away = {c for c, o in builder.fixed if pv.o_kind[o] > 0}
    fixed_open = {oo for _, oo in builder.fixed}
    team = [j for j, o in enumerate(sc.openings) if o.team_needs]
    for j in team:              # openings that must be used (a minimum, or a lock on them)
        o = sc.openings[j]
        if (o.min_seats > 0 or j in fixed_open) and not _team(builder, j, busy_post, busy_away):
            log.info("constructive plan: no team for %s", o.opening_id)
            return None
    # The first plan moves one of each kin pair at home before the flows (saves two rounds of
    # repairs); a plan following the LP leaves that to the LP and the repairs (forcing 150 moves
    # the LP did not make cost quality at national size).
    extra_must = _kin_at_home(builder) if guide is None else set()
    for _ in range(rounds):
        plan = builder.run(extra_must)
        if plan is None:
            return None
        ban, move = _r7_conflicts(builder, plan)
        if not ban and not move - extra_must:
            plan = _optional_teams(builder, plan)
            arr = np.array(sorted(set(plan)), dtype=np.int64).reshape(-1, 2)
            return arr[:, 0], arr[:, 1]
        builder.banned |= ban
        extra_must |= move
    log.info("constructive plan: R7 conflicts remain after %d rounds", rounds)
    return None
