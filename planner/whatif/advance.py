"""Rolling an approved plan into next year's scenario (``planner advance``).

With plan year ``Y`` and the plan applied, the scenario of year ``Y + 1`` is:

* **postings move people.** A cadre posted to unit U gets ``unit_id = U`` and
  ``unit_since = Y-01``: the plan's posting is served during the plan year (SPEC 3.2 counts it as
  12 months of U's hardship in year Y). The posting the cadre left goes into history as a row
  ``kind posting, old unit, old unit_since .. (Y-1)-12`` - it ended in December before the plan
  year, which is what R5 (no return) reads. A new recruit posted to U simply gets ``unit_id = U``
  and ``unit_since = Y-01`` (there is nothing to put into history).
* **temporary assignments and tasks go into history** with their unit and their months of year
  ``Y`` (``Y-start_month .. Y-end_month``), kinds kept (a task never makes a grassroots record).
* everything in history ends before ``Y + 1``, as SPEC 2 requires.
* ``plan_year`` becomes ``Y + 1``; "Y" in the scenario's and the openings' names becomes "Y + 1".
* **openings are kept as a template** - the same openings with the same seats - for the planner
  to revise; they let years be simulated. Locks (the committee's pre-decisions for year Y) and
  preferences (this year's wishes) are dropped; fit scores (from 考察, about the person and the
  post) are kept. Rules, weights, solver settings, relations, regions and units are unchanged.

So the facts of SPEC 3 move as they should: years at unit is 1 after a posting and one more
otherwise; service years and ages grow by one; the grassroots record after the plan becomes the
record before the next one; the historical points of ``Y + 1`` are the total points after the plan
minus what slid out of the look-back window - exactly, as long as every opening's hardship is its
unit's hardship (history rows carry no hardship of their own: SPEC 3.2 counts the unit's, so a
plan line on an opening whose ``hardship`` overrides its unit's counts at the unit's value next year).
"""
from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass

import numpy as np

from models.months import month_of
from models.plan import Plan
from models.scenario import HistoryRow, Scenario
from planner.errors import AdvanceError

log = logging.getLogger(__name__)

__all__ = ["advance", "AdvanceError", "next_year_name", "open_for_movers", "relax_min_seats", "open_for_grassroots",
           "drop_old_supplements", "revise_template", "revise_with_report", "Revision"]


def next_year_name(text: str, year: int) -> str:
    """Replace the year ``year`` standing alone in ``text`` (not inside a longer number) by ``year + 1``."""
    return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), text)


def _rows(plan) -> list:
    if hasattr(plan, "plan") and not hasattr(plan, "assignments"):    # a planner Result
        plan = plan.plan
    if plan is None:
        raise AdvanceError(["there is no plan to apply (the solve found none)"])
    return list(plan.assignments if hasattr(plan, "assignments") else plan)


def advance(scenario: Scenario, plan, check: bool = True) -> Scenario:
    """The scenario of the next year, with the plan applied.

    Parameters
    ----------
    scenario : models.Scenario
        The scenario the plan was made for.
    plan : models.Plan, a planner Result, or a list of Assignment (e.g. ``planner.check.read_plan``)
    check : bool
        Re-check the plan against every hard rule first (``planner.check.check_plan``) and refuse
        to apply a plan that breaks one: an advanced scenario built on a wrong plan is wrong
        for every year after it.

    Returns
    -------
    models.Scenario
        ``plan_year + 1``; ``sha256`` empty (write it with ``planner.io.write_scenario``).

    Raises
    ------
    AdvanceError
        With the violations, when ``check`` finds any, or when a cadre has two postings.
    """
    sc = scenario
    rows = _rows(plan)
    if check:
        from planner.check import check_plan
        report = check_plan(sc, rows)
        if report.violations:
            raise AdvanceError([str(v) for v in report.violations])
    unknown = [f"{a.cadre_id}/{a.opening_id}" for a in rows
               if a.cadre_id not in sc.cadre_by_id or a.opening_id not in sc.opening_by_id]
    if unknown:
        raise AdvanceError([f"plan line names an unknown cadre or opening: {u}" for u in unknown])
    y = sc.plan_year
    jan, last_dec = month_of(y, 1), month_of(y - 1, 12)
    by_cadre = Plan(tuple(rows)).by_cadre()
    cadres, new_history = [], []
    moved = 0
    for c in sc.cadres:
        lines = by_cadre.get(c.cadre_id, [])
        postings = [sc.opening_by_id[a.opening_id] for a in lines if sc.opening_by_id[a.opening_id].kind == "posting"]
        if len(postings) > 1:
            raise AdvanceError([f"{c.cadre_id}: {len(postings)} postings in the plan (R1 allows one)"])
        for a in lines:
            o = sc.opening_by_id[a.opening_id]
            if o.kind != "posting":
                new_history.append(HistoryRow(c.cadre_id, o.unit_id, o.kind, month_of(y, o.start_month),
                                              month_of(y, o.end_month)))
        if postings:
            o = postings[0]
            if c.unit_id is not None:
                if c.unit_since <= last_dec:
                    new_history.append(HistoryRow(c.cadre_id, c.unit_id, "posting", c.unit_since, last_dec))
                else:   # arrived during the plan year already: nothing served before it to record
                    log.warning("%s: unit_since after %d-12; the left posting is not put into history",
                                c.cadre_id, y - 1)
            c = dataclasses.replace(c, unit_id=o.unit_id, unit_since=jan)
            moved += 1
        cadres.append(c)
    new_history.sort(key=lambda h: (h.cadre_id, h.start, h.end, h.unit_id, h.kind))
    openings = tuple(dataclasses.replace(o, name=next_year_name(o.name, y)) for o in sc.openings)
    log.info("advanced %s to %d: %d posting(s) applied, %d history row(s) added", sc.name, y + 1, moved,
             len(new_history))
    return sc.replace(
        name=next_year_name(sc.name, y), plan_year=y + 1, cadres=tuple(cadres), openings=openings,
        history=tuple(sc.history) + tuple(new_history), preferences=(), locks=())


def _unmatched_movers(scenario: Scenario, elig) -> list:
    """Indices of cadres who must get a posting (R4, R6) and cannot all be given one.

    A maximum matching of the must-move cadres into posting seats (a max flow: each cadre one
    posting, each opening ``seats``); a cadre left out has no posting open to them, or shares
    the few that are with more must-move cadres than they have seats.
    """
    import networkx as nx

    sc, ca = scenario, elig.ca
    must = np.flatnonzero(ca.must_post)
    if must.size == 0:
        return []
    is_posting = np.array([o.kind == "posting" for o in sc.openings], dtype=bool)
    sel = is_posting[elig.opening] & ca.must_post[elig.cadre] if len(elig) else np.zeros(0, bool)
    g = nx.DiGraph()
    for i in must.tolist():
        g.add_edge("s", ("c", i), capacity=1)
    for i, j in zip(elig.cadre[sel].tolist(), elig.opening[sel].tolist()):
        g.add_edge(("c", i), ("o", j), capacity=1)
        g.add_edge(("o", j), "t", capacity=sc.openings[j].seats)
    if "t" not in g:
        return must.tolist()
    _, flow = nx.maximum_flow(g, "s", "t")
    return [i for i in must.tolist() if flow["s"].get(("c", i), 0) < 1]


def _tailored_postings(sc: Scenario, c, prefix: str, grassroots_only: bool) -> list:
    """One-seat posting openings admitting cadre ``c``, one per hardship level 0-3 where the cadre
    may go (see :func:`open_for_movers`)."""
    from models import facts
    from models.scenario import Opening

    units = sorted((u for u in sc.units if u.level != "external"), key=lambda u: u.unit_id)
    banned = set(facts.no_return_units(sc, c)) | {c.unit_id}
    banned |= {sc.cadre_by_id[p].unit_id for p, _ in sc.partners.get(c.cadre_id, ()) if p in sc.cadre_by_id}
    prefer_grass = not facts.grassroots_record(sc, c)
    allowed = [u for u in units if u.unit_id not in banned and (u.grassroots or not grassroots_only)]
    out = []
    for level in range(4):
        at = [u for u in allowed if u.hardship == level]
        if not at:
            continue
        at.sort(key=lambda u: (not u.grassroots if prefer_grass else False, u.unit_id))
        u = at[0]
        out.append(Opening(
            opening_id=f"{prefix}{sc.plan_year}-{c.cadre_id}-{level}",
            name=f"{u.name} 交流岗位（{sc.plan_year}年补充）", kind="posting", unit_id=u.unit_id,
            start_month=1, end_month=12, seats=1, ranks=frozenset({c.rank}),
            specialties=frozenset({c.specialty}), post_type=c.post_type, min_rating=c.rating))
    return out


def open_for_movers(scenario: Scenario, prefix: str = "N") -> Scenario:
    """Add posting openings for cadres whom the rules require to move but the openings cannot take.

    A template copied from last year was cut for last year's movers: this year's rotation-due
    cadres (R6) or recruits (R4) may find no posting open to them (an ``excellent``-only post, a
    specialty not asked for ...), or more of them than seats share the few that are, and the year
    is infeasible. A planner then opens posts for them; a simulation needs the same step done by
    rule, which is this function (it is not part of ``advance``: the template stays exactly last
    year's openings unless this is called). Who is stuck is found by a maximum matching of the
    must-move cadres into posting seats.

    For each stuck cadre, one posting opening with one seat is added at each hardship level 0-3
    where the cadre may go: a unit other than the current one (R1), not left in the no-return
    years (R5), grassroots when the cadre needs a first stop (R4) - preferring grassroots units
    whenever the cadre has no grassroots record - not where a relative is based (R7), and not an
    external body. The opening admits the cadre's rank, specialty, post type and rating and asks
    no certificate; the solver then chooses among the levels by the weighted terms.
    Ids are ``{prefix}{plan_year}-{cadre_id}-{hardship}``.

    Returns
    -------
    models.Scenario
        The scenario with the openings added (the same scenario when no one is stuck).
    """
    return _open_for_movers(scenario, prefix)[0]


def _open_for_movers(scenario: Scenario, prefix: str = "N") -> tuple:
    """:func:`open_for_movers`, also returning the ids of the stuck cadres and of the openings added."""
    from models import facts
    from planner.model.eligibility import Eligibility

    sc = scenario
    stuck = _unmatched_movers(sc, Eligibility(sc))
    if not stuck:
        return sc, (), ()
    added = []
    for i in stuck:
        c = sc.cadres[i]
        added += _tailored_postings(sc, c, prefix, grassroots_only=c.is_recruit or facts.first_stop_restricted(sc, c))
    log.info("opened %d posting(s) for %d cadre(s) who must move but had no opening", len(added), len(stuck))
    return (sc.replace(openings=tuple(sc.openings) + tuple(added)), tuple(sc.cadres[i].cadre_id for i in stuck),
            tuple(o.opening_id for o in added))


def relax_min_seats(scenario: Scenario) -> Scenario:
    """Lower each opening's ``min_seats`` to the number of cadres who may take it at all.

    Last year's minimum was set when last year's cadres could fill it; a year later those who
    could have moved there, and nobody else qualifies (R1, R5, R2). A planner lowers such a minimum;
    the simulation does the same, and only where the candidates are fewer than the minimum.
    """
    return _relax_min_seats(scenario)[0]


def _relax_min_seats(scenario: Scenario) -> tuple:
    """:func:`relax_min_seats`, also returning ``(opening_id, old min_seats, new)`` of each lowered."""
    from planner.model.eligibility import Eligibility

    sc = scenario
    elig = Eligibility(sc)
    counts = np.bincount(elig.opening, minlength=len(sc.openings)) if len(elig) else np.zeros(len(sc.openings), int)
    openings, lowered = [], []
    for o, n in zip(sc.openings, counts.tolist()):
        if o.min_seats > n:
            lowered.append((o.opening_id, o.min_seats, n))
            o = dataclasses.replace(o, min_seats=n)
        openings.append(o)
    if not lowered:
        return sc, ()
    log.info("lowered min_seats of %d opening(s) to their candidate count", len(lowered))
    return sc.replace(openings=tuple(openings)), tuple(lowered)


def open_for_grassroots(scenario: Scenario, prefix: str = "G") -> Scenario:
    """Add grassroots posting openings for cadres past ``first_stop_years`` without a grassroots
    record whom no grassroots posting or temporary opening admits.

    The fairness term asks that everyone past the first stop ends up with a grassroots record
    (SPEC 5); it can only pull a cadre to the grassroots through an opening the cadre may take.
    A template whose grassroots openings all ask for a rating, specialty or rank the cadre lacks
    leaves the cadre without a record year after year; a planner opens a post, and so does
    this function: one-seat grassroots postings tailored to the cadre, one per hardship level
    (as :func:`open_for_movers`). Ids are ``{prefix}{plan_year}-{cadre_id}-{hardship}``.
    """
    return _open_for_grassroots(scenario, prefix)[0]


def _open_for_grassroots(scenario: Scenario, prefix: str = "G") -> tuple:
    """:func:`open_for_grassroots`, also returning the ids of the cadres served and of the openings added."""
    from planner.model.eligibility import Eligibility

    sc = scenario
    elig = Eligibility(sc)
    ca = elig.ca
    need = ~ca.grassroots_before & (ca.service >= sc.rules.first_stop_years) & ~ca.recruit
    if not need.any():
        return sc, (), ()
    gives = np.array([o.kind in ("posting", "temporary") and sc.unit_by_id[o.unit_id].grassroots
                      for o in sc.openings], dtype=bool)
    has = np.zeros(len(sc.cadres), dtype=bool)
    if len(elig):
        has[elig.cadre[gives[elig.opening]]] = True
    stuck = np.flatnonzero(need & ~has).tolist()
    added, served = [], []
    for i in stuck:
        mine = _tailored_postings(sc, sc.cadres[i], prefix, grassroots_only=True)
        if mine:
            served.append(sc.cadres[i].cadre_id)
        added += mine
    if not added:
        return sc, (), ()
    log.info("opened %d grassroots posting(s) for %d cadre(s) without a grassroots record", len(added), len(stuck))
    return sc.replace(openings=tuple(sc.openings) + tuple(added)), tuple(served), tuple(o.opening_id for o in added)


_SUPPLEMENT_ID = re.compile(r"^[NG](\d{4})-")


def drop_old_supplements(scenario: Scenario) -> Scenario:
    """Remove the openings that :func:`open_for_movers` / :func:`open_for_grassroots` added in an
    earlier year (ids ``N{year}-...``, ``G{year}-...`` with ``year`` before the plan year): they
    were cut for that year's cadres, and a template that kept them would grow every year."""
    return _drop_old_supplements(scenario)[0]


def _drop_old_supplements(scenario: Scenario) -> tuple:
    """:func:`drop_old_supplements`, also returning the ids of the openings removed (in file order)."""
    sc = scenario
    old = {o.opening_id for o in sc.openings
           if (mt := _SUPPLEMENT_ID.match(o.opening_id)) and int(mt.group(1)) < sc.plan_year}
    if not old:
        return sc, ()
    removed = tuple(o.opening_id for o in sc.openings if o.opening_id in old)
    return sc.replace(openings=tuple(o for o in sc.openings if o.opening_id not in old),
                      fit=tuple(f for f in sc.fit if f.opening_id not in old),
                      preferences=tuple(p for p in sc.preferences if p.opening_id not in old),
                      locks=tuple(lk for lk in sc.locks if lk.opening_id not in old)), removed


@dataclass(frozen=True)
class Revision:
    """What :func:`revise_with_report` changed in the openings template, and for whom.

    ``removed``: openings added for an earlier year's cadres (ids); ``lowered``: (opening_id,
    old min_seats, new) where fewer cadres may take the opening than its minimum; ``movers`` /
    ``for_movers``: cadres who must move (R4, R6) whom no opening could take, and the postings
    opened for them; ``grassroots`` / ``for_grassroots``: cadres past the first stop without a
    grassroots record whom no grassroots opening admits, and the postings opened for them;
    ``before`` / ``after``: openings in the template before and after.
    """
    removed: tuple = ()
    lowered: tuple = ()
    movers: tuple = ()
    for_movers: tuple = ()
    grassroots: tuple = ()
    for_grassroots: tuple = ()
    before: int = 0
    after: int = 0


def revise_with_report(scenario: Scenario) -> tuple:
    """:func:`revise_template` and a :class:`Revision` saying what it changed: ``(scenario, revision)``."""
    before = len(scenario.openings)
    sc, removed = _drop_old_supplements(scenario)
    sc, lowered = _relax_min_seats(sc)
    sc, movers, for_movers = _open_for_movers(sc)
    sc, grassroots, for_grassroots = _open_for_grassroots(sc)
    return sc, Revision(removed, lowered, movers, for_movers, grassroots, for_grassroots, before, len(sc.openings))


def revise_template(scenario: Scenario) -> Scenario:
    """The simulation's stand-in for the planner revising last year's openings:
    :func:`drop_old_supplements`, :func:`relax_min_seats`, :func:`open_for_movers`, then
    :func:`open_for_grassroots`."""
    return revise_with_report(scenario)[0]
