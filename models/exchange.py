"""Exchange over the years (SPEC 8): moves and secondments between regions, and the barriers.

Pure functions of a scenario and, optionally, a plan: the ledger (``planner/ledger/``), the
exchange term of the model and the committee workbook all read the same records from here.

- A **move** is two consecutive postings of one cadre whose units lie in different regions. A
  cadre's postings, in order: the history rows of kind ``posting`` sorted by ``start``, then the
  current unit (from ``unit_since``), then the plan's posting (in ``plan_year``). A move is dated
  by the year the later posting starts and goes from the earlier unit's region to the later's.
  A new recruit's first posting follows nothing, so it is no move.
- A **secondment** is a temporary assignment or task at a unit of another region than the cadre's
  unit at that time, dated by the year it starts, from the cadre's unit's region to the
  assignment's. The cadre's unit at that time is, for a history row, the posting in force at its
  start (the last posting, of history or the current one, that started no later; a row before
  any known posting is left out), and for a plan line, the cadre's unit after the plan's
  postings (a recruit left without a posting has none: left out).
- A **barrier** is an unordered pair of regions that both hold units with no move either way in
  the window's years.
- The **window** of N years ends at ``plan_year`` with a plan, at ``plan_year - 1`` without.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from models.months import year_of
from models.scenario import Scenario

SOURCES = ("history", "current", "plan")


@dataclass(frozen=True)
class Move:
    """One cadre's move between regions: two consecutive postings in different regions."""
    year: int
    from_region: str
    to_region: str
    cadre_id: str
    from_unit: str
    to_unit: str
    source: str          # where the later posting comes from: "history", "current" or "plan"


@dataclass(frozen=True)
class Secondment:
    """A temporary assignment or task at a unit of another region than the cadre's unit then."""
    year: int
    from_region: str
    to_region: str
    cadre_id: str
    from_unit: str       # the cadre's unit at that time
    to_unit: str         # where the assignment is served
    kind: str            # "temporary" or "task"
    source: str          # "history" or "plan"


@dataclass(frozen=True)
class Ledger:
    """The ledger of SPEC 8 over a window of years.

    ``moves`` and ``secondments`` are ``(year, from, to, count)`` sorted by year, then from, then
    to; ``barriers`` are ``(a, b)`` with ``a < b``, sorted. ``with_plan``: whether the plan year
    is in the window. ``move_records`` / ``secondment_records`` keep who moved (inside the window).
    """
    years: tuple
    moves: tuple
    secondments: tuple
    barriers: tuple
    regions: tuple
    with_plan: bool
    move_records: tuple = ()
    secondment_records: tuple = ()

    def as_dict(self) -> dict:
        """The JSON of SPEC 8 (``planner ledger --json``)."""
        return {
            "years": list(self.years),
            "moves": [{"year": y, "from": a, "to": b, "count": n} for y, a, b, n in self.moves],
            "secondments": [{"year": y, "from": a, "to": b, "count": n} for y, a, b, n in self.secondments],
            "barriers": [[a, b] for a, b in self.barriers],
        }

    def moves_per_year(self) -> dict:
        """year -> moves that year (every year of the window, 0 included)."""
        out = {y: 0 for y in self.years}
        for y, _, _, n in self.moves:
            out[y] += n
        return out

    def region_totals(self) -> dict:
        """region -> (moves out, moves in) over the window, for every region that holds units."""
        out = {r: [0, 0] for r in self.regions}
        for _, a, b, n in self.moves:
            out.setdefault(a, [0, 0])[0] += n
            out.setdefault(b, [0, 0])[1] += n
        return {r: (v[0], v[1]) for r, v in out.items()}

    def region_totals_by_year(self) -> dict:
        """(year, region) -> (moves out, moves in); only where there is a move."""
        out: dict = {}
        for y, a, b, n in self.moves:
            out.setdefault((y, a), [0, 0])[0] += n
            out.setdefault((y, b), [0, 0])[1] += n
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}

    def pair_totals(self) -> dict:
        """(from, to) -> moves over the window."""
        out: dict = {}
        for _, a, b, n in self.moves:
            out[(a, b)] = out.get((a, b), 0) + n
        return out


def _rows_of(plan) -> list:
    """Assignments of a ``models.Plan`` or an iterable of assignments; [] for None."""
    if plan is None:
        return []
    return list(plan.assignments if hasattr(plan, "assignments") else plan)


def regions_with_units(scenario: Scenario) -> tuple:
    """Sorted ids of the regions that hold at least one unit."""
    return tuple(sorted({u.region_id for u in scenario.units}))


def window_years(scenario: Scenario, years: int = 5, with_plan: bool = False) -> tuple:
    """The N years of a ledger: ending at ``plan_year`` with a plan, at ``plan_year - 1`` without."""
    if years < 1:
        raise ValueError(f"a ledger needs at least one year, not {years}")
    last = scenario.plan_year if with_plan else scenario.plan_year - 1
    return tuple(range(last - years + 1, last + 1))


def posting_chains(scenario: Scenario, plan=None) -> dict:
    """cadre_id -> the cadre's postings in order: ``(start month or None, unit_id, source)``.

    History postings sorted by ``start`` (two starting in the same month: the one that ends
    first, then by unit id, so that file order never matters), then the current unit, then the
    plan's posting (start ``None``: it starts in ``plan_year``). Cadres without any posting are
    left out.
    """
    sc = scenario
    plan_posting = {a.cadre_id: a.unit_id for a in _rows_of(plan) if a.kind == "posting"}
    chains: dict = {}
    for c in sc.cadres:
        rows = sorted((h for h in sc.history_by_cadre.get(c.cadre_id, ()) if h.kind == "posting"),
                      key=lambda h: (h.start, h.end, h.unit_id))
        chain = [(h.start, h.unit_id, "history") for h in rows]
        if c.unit_id is not None:
            chain.append((c.unit_since, c.unit_id, "current"))
        if c.cadre_id in plan_posting:
            chain.append((None, plan_posting[c.cadre_id], "plan"))
        if chain:
            chains[c.cadre_id] = chain
    return chains


def _move_tuples(scenario: Scenario, plan=None):
    """Every move as ``(year, from region, to region, cadre_id, from unit, to unit, source)``."""
    sc = scenario
    region = {u.unit_id: u.region_id for u in sc.units}
    for cid, chain in posting_chains(sc, plan).items():
        for (_, before, _), (start, after, source) in zip(chain, chain[1:]):
            a, b = region[before], region[after]
            if a != b:
                yield (sc.plan_year if start is None else start // 12), a, b, cid, before, after, source


def all_moves(scenario: Scenario, plan=None) -> list:
    """Every move of every cadre, all years, in cadre order then posting order."""
    return [Move(*t) for t in _move_tuples(scenario, plan)]


def all_secondments(scenario: Scenario, plan=None) -> list:
    """Every secondment of every cadre, all years: history rows first (cadre order, then start),
    then the plan's lines."""
    sc = scenario
    region = {u.unit_id: u.region_id for u in sc.units}
    out = []
    for c in sc.cadres:
        rows = sc.history_by_cadre.get(c.cadre_id, ())
        postings = [(h.start, h.unit_id) for h in sorted((h for h in rows if h.kind == "posting"),
                                                          key=lambda h: (h.start, h.end, h.unit_id))]
        if c.unit_id is not None:
            postings.append((c.unit_since, c.unit_id))
        for h in sorted((h for h in rows if h.kind != "posting"), key=lambda h: h.start):
            in_force = [unit for start, unit in postings if start <= h.start]
            if not in_force:
                continue          # before any known posting: the cadre's region then is unknown
            base = in_force[-1]
            if region[base] != region[h.unit_id]:
                out.append(Secondment(year_of(h.start), region[base], region[h.unit_id], c.cadre_id, base,
                                      h.unit_id, h.kind, "history"))
    rows = _rows_of(plan)
    based = {c.cadre_id: c.unit_id for c in sc.cadres}
    for a in rows:
        if a.kind == "posting":
            based[a.cadre_id] = a.unit_id
    for a in rows:
        if a.kind == "posting":
            continue
        base = based.get(a.cadre_id)
        if base is None:
            continue
        if region[base] != region[a.unit_id]:
            out.append(Secondment(sc.plan_year, region[base], region[a.unit_id], a.cadre_id, base, a.unit_id,
                                  a.kind, "plan"))
    return out


def _counts(records, years) -> tuple:
    inside = set(years)
    counts: dict = {}
    for r in records:
        if r.year in inside:
            key = (r.year, r.from_region, r.to_region)
            counts[key] = counts.get(key, 0) + 1
    return tuple((y, a, b, n) for (y, a, b), n in sorted(counts.items()))


def barriers(regions, moves) -> tuple:
    """Unordered pairs ``(a, b)``, ``a < b``, of ``regions`` with no move either way among
    ``moves`` (``(year, from, to, count)`` or Move records), sorted."""
    linked = set()
    for m in moves:
        a, b = (m.from_region, m.to_region) if isinstance(m, Move) else (m[1], m[2])
        linked.add((min(a, b), max(a, b)))
    return tuple(p for p in combinations(sorted(set(regions)), 2) if p not in linked)


def compute_ledger(scenario: Scenario, plan=None, years: int = 5) -> Ledger:
    """The ledger of SPEC 8: moves and secondments per year and region pair over the window of
    ``years`` years, and the barriers (no move either way in the window)."""
    with_plan = plan is not None
    window = window_years(scenario, years, with_plan)
    inside = set(window)
    moves = [m for m in all_moves(scenario, plan) if m.year in inside]
    secondments = [s for s in all_secondments(scenario, plan) if s.year in inside]
    regions = regions_with_units(scenario)
    return Ledger(years=window, moves=_counts(moves, window), secondments=_counts(secondments, window),
                  barriers=barriers(regions, moves), regions=regions, with_plan=with_plan,
                  move_records=tuple(moves), secondment_records=tuple(secondments))


def exchange_lookback_years(scenario: Scenario) -> int:
    """``rules.exchange_lookback_years`` (default 5): the years the exchange term looks back."""
    return int(getattr(scenario.rules, "exchange_lookback_years", 5))


def past_move_counts(scenario: Scenario, years: int | None = None) -> dict:
    """(a, b) with ``a < b`` -> moves either way between regions a and b in the ``years`` years
    before the plan year (default ``exchange_lookback_years``); pairs with no move are absent."""
    years = exchange_lookback_years(scenario) if years is None else years
    out: dict = {}
    if years < 1:
        return out
    inside = set(window_years(scenario, years, with_plan=False))
    for year, a, b, *_ in _move_tuples(scenario):
        if year in inside:
            key = (a, b) if a < b else (b, a)
            out[key] = out.get(key, 0) + 1
    return out


def past_barriers(scenario: Scenario, years: int | None = None) -> frozenset:
    """Barriers of the past (the ledger without a plan over ``years`` years, default
    ``exchange_lookback_years``) as a set of ``(a, b)``, ``a < b``: what the exchange term rewards."""
    years = exchange_lookback_years(scenario) if years is None else years
    if years < 1:
        return frozenset()       # no look-back: no barrier is known
    counts = past_move_counts(scenario, years)
    regions = regions_with_units(scenario)
    return frozenset(p for p in combinations(regions, 2) if p not in counts)
