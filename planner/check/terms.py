"""The objective's terms, recomputed from the plan rows with the checker's own code.

Each function below is the term table of docs/objective.md ("each term's exact form") written
again as plain Python over the plan, apart from ``planner.model.terms`` (which builds numpy
coefficient arrays for a solver): a model whose term drifts from its documented form then
disagrees with ``planner check``. All values are integers; the objective is
``Σ weight[t] · term[t]`` with the scenario's weights.

| term        | exact form (docs)                                                                    |
|-------------|--------------------------------------------------------------------------------------|
| fairness    | Σ over assignments with points p = hardship × months of round(p · 100/36 · (H − h)/H) |
|             | (h the cadre's historical points, H the cohort's largest, at least 1; halves up),    |
|             | + 200 per cadre past first_stop_years without a grassroots record who gains one,     |
|             | − 10 per plan point above τ − h, τ = max(36, ⌈2 × cohort mean of h⌉)                 |
| shortage    | per posting/temporary at a key shortage unit: 50, + 50 for a target specialty        |
| development | per assignment of a talent-pool member: 20 × development points                      |
| preference  | per assignment matching a wish: 100 / 70 / 40 for rank 1 / 2 / 3                      |
| exchange    | per cross-region posting a -> b (recruits left out): 50 + round(50 / (1 + m_ab)),    |
|             | halves up, m_ab the moves either way between a and b in the exchange_lookback_years  |
|             | (default 5) years before plan_year (SPEC 8); + 100 per region sending + 100 per      |
|             | region receiving                                                                     |
| stability   | − 100 per posting of a cadre neither a recruit nor rotation due; with a baseline,    |
|             | − 100 per line changed against it (a baseline line dropped or a new line added)      |
| fit         | Σ of the fit scores of the assignments (0 for a pair not in fit.csv)                 |
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from models import facts
from models.scenario import TERMS, Scenario
from planner.check.metrics import cross_region_postings, view_of
from planner.check.plan_view import PlanView, opening_points

PREFERENCE_POINTS = {1: 100, 2: 70, 3: 40}
SHORTAGE_SEAT, SHORTAGE_TARGET = 50, 50
DEVELOPMENT_PER_POINT = 20
EXCHANGE_CROSS, EXCHANGE_REGION = 50, 100
EXCHANGE_BARRIER = 50           # a posting across a barrier; divided by 1 + past moves between the regions
EXCHANGE_LOOKBACK_YEARS = 5     # rules.exchange_lookback_years when the scenario does not set it
STABILITY_MOVE, STABILITY_CHANGE = 100, 100
FAIRNESS_SCALE = 100            # the reward of the heaviest year (36 points) to someone who carried nothing
FAIRNESS_FULL_YEAR = 36         # points of a year at the hardest post
FAIRNESS_GRASSROOTS = 200       # a cadre past first_stop_years gains a grassroots record
FAIRNESS_EXCESS = 10            # per plan point above the cohort threshold
FAIRNESS_MIN_THRESHOLD = 36     # the threshold is never below one year at the hardest post


@dataclass(frozen=True)
class Cohort:
    """The facts of the cohort the fairness term reads: each cadre's historical points ``h``,
    the largest ``H`` (at least 1) and the threshold ``τ``."""
    history: dict       # cadre_id -> historical points (SPEC 3.2)
    largest: int        # H
    threshold: int      # τ

    @classmethod
    def of(cls, scenario: Scenario) -> Cohort:
        """The cohort of a scenario (every cadre, moved or not)."""
        history = {c.cadre_id: facts.historical_points(scenario, c) for c in scenario.cadres}
        n, total = len(history), sum(history.values())
        largest = max(max(history.values(), default=0), 1)
        twice_mean_up = -((-2 * total) // n) if n else 0          # ⌈2 · total / n⌉ in integers
        return cls(history, largest, max(FAIRNESS_MIN_THRESHOLD, twice_mean_up))

    def below_mean(self, cadre_id: str) -> bool:
        """The cadre carried less than the cohort's average (``h < mean``, in integers)."""
        return self.history[cadre_id] * len(self.history) < self._total

    @functools.cached_property
    def _total(self) -> int:
        # Summed once: below_mean is asked for every rewarded line (national: 7 s when summed
        # on every call).
        return sum(self.history.values())


def hardship_reward(points: int, history: int, largest: int) -> int:
    """round(points · 100/36 · (H − h)/H), halves rounded up, in exact integers."""
    numerator = points * FAIRNESS_SCALE * (largest - history)
    denominator = FAIRNESS_FULL_YEAR * largest
    return (2 * numerator + denominator) // (2 * denominator)


def gains_grassroots_record(scenario: Scenario, cadre_id: str, opening) -> bool:
    """The line gives a grassroots record to a cadre past first_stop_years who has none (SPEC 3.3:
    a posting or temporary assignment at a grassroots unit; tasks never count)."""
    cadre = scenario.cadre_by_id[cadre_id]
    return (opening.kind in ("posting", "temporary") and scenario.unit_by_id[opening.unit_id].grassroots
            and facts.service_years(cadre, scenario.plan_year) >= scenario.rules.first_stop_years
            and not facts.grassroots_record(scenario, cadre))


def term_fairness(scenario: Scenario, plan: PlanView, cohort: Cohort | None = None) -> int:
    """fairness: hardship reward by burden, + 200 per record gained, − 10 per point of excess."""
    cohort = cohort or Cohort.of(scenario)
    total = 0
    for cadre_id, openings in plan.by_cadre.items():
        h = cohort.history[cadre_id]
        points = [opening_points(scenario, o) for o in openings]
        total += sum(hardship_reward(p, h, cohort.largest) for p in points if p > 0)
        if any(gains_grassroots_record(scenario, cadre_id, o) for o in openings):
            total += FAIRNESS_GRASSROOTS
        room = max(cohort.threshold - h, 0)
        total -= FAIRNESS_EXCESS * max(0, sum(p for p in points if p > 0) - room)
    return total


def term_shortage(scenario: Scenario, plan: PlanView) -> int:
    """shortage: 50 per posting/temporary at a key shortage unit, + 50 for a target specialty."""
    total = 0
    for cadre_id, opening_id in plan.pairs:
        o = scenario.opening_by_id[opening_id]
        if o.kind in ("posting", "temporary") and scenario.unit_by_id[o.unit_id].key_shortage:
            total += SHORTAGE_SEAT
            if scenario.cadre_by_id[cadre_id].specialty in scenario.target_specialties:
                total += SHORTAGE_TARGET
    return total


def term_development(scenario: Scenario, plan: PlanView) -> int:
    """development: 20 × development points per assignment of a talent-pool member."""
    return sum(DEVELOPMENT_PER_POINT * scenario.opening_by_id[oid].development for cid, oid in plan.pairs
               if scenario.cadre_by_id[cid].talent_pool and scenario.opening_by_id[oid].development > 0)


def term_preference(scenario: Scenario, plan: PlanView) -> int:
    """preference: 100 / 70 / 40 per assignment matching a wish of rank 1 / 2 / 3."""
    return sum(PREFERENCE_POINTS.get(scenario.preference_rank.get(pair, 0), 0) for pair in plan.pairs)


def exchange_lookback(scenario: Scenario) -> int:
    """The years the exchange term looks back (``rules.exchange_lookback_years``, default 5)."""
    return int(getattr(scenario.rules, "exchange_lookback_years", EXCHANGE_LOOKBACK_YEARS))


def past_moves_between(scenario: Scenario) -> dict:
    """frozenset({a, b}) -> moves either way between regions a and b in the look-back years
    before plan_year, read from the history as SPEC 8 defines a move: two consecutive postings of
    one cadre in different regions (history postings by start - then end, then unit, where two
    start together - and then the current unit), dated by the year the later one starts."""
    years = exchange_lookback(scenario)
    first, last = scenario.plan_year - years, scenario.plan_year - 1
    region = {u.unit_id: u.region_id for u in scenario.units}
    out: dict = {}
    for cadre in scenario.cadres:
        postings = sorted((h.start, h.end, h.unit_id) for h in scenario.history_by_cadre.get(cadre.cadre_id, ())
                           if h.kind == "posting")
        chain = [(start, unit) for start, _, unit in postings]
        if cadre.unit_id is not None:
            chain.append((cadre.unit_since, cadre.unit_id))
        for (_, before), (start, after) in zip(chain, chain[1:]):
            pair = frozenset((region[before], region[after]))
            if len(pair) == 2 and first <= start // 12 <= last:
                out[pair] = out.get(pair, 0) + 1
    return out


def crossing_points(past_moves: int) -> int:
    """50 + round(50 / (1 + m)), halves up, in integers: 100 across a barrier, 75 after one move."""
    return EXCHANGE_CROSS + (2 * EXCHANGE_BARRIER + 1 + past_moves) // (2 * (1 + past_moves))


def term_exchange(scenario: Scenario, plan: PlanView) -> int:
    """exchange: per cross-region posting 50 + round(50 / (1 + past moves between the two regions)),
    + 100 per region sending + 100 per region receiving."""
    crossings = cross_region_postings(scenario, plan)
    if exchange_lookback(scenario) > 0:
        moves = past_moves_between(scenario)
        per_posting = sum(crossing_points(moves.get(frozenset(pair), 0)) for pair in crossings)
    else:
        per_posting = EXCHANGE_CROSS * len(crossings)
    regions = len({origin for origin, _ in crossings}) + len({target for _, target in crossings})
    return per_posting + EXCHANGE_REGION * regions


def term_stability(scenario: Scenario, plan: PlanView, baseline: frozenset | None = None) -> int:
    """stability: − 100 per posting of a cadre whom no rule moves (R4 recruit, R6 rotation due);
    with ``baseline`` pairs, − 100 per line in one of the baseline and the plan but not the other."""
    total = 0
    for cadre_id, opening_id in plan.pairs:
        cadre = scenario.cadre_by_id[cadre_id]
        must_move = cadre.unit_id is None or facts.rotation_due(scenario, cadre)
        if scenario.opening_by_id[opening_id].kind == "posting" and not must_move:
            total -= STABILITY_MOVE
    if baseline:
        total -= STABILITY_CHANGE * len(set(baseline) ^ plan.pair_set)
    return total


def term_fit(scenario: Scenario, plan: PlanView) -> int:
    """fit: the sum of the fit scores of the assignments."""
    return sum(scenario.fit_score.get(pair, 0) for pair in plan.pairs)


def recompute_terms(scenario: Scenario, rows, baseline: frozenset | None = None) -> dict:
    """Every term of the objective (``models.scenario.TERMS`` order) for the plan rows.

    Parameters
    ----------
    scenario : models.Scenario
    rows : iterable of models.plan.Assignment, a models.plan.Plan or a PlanView
    baseline : frozenset of (cadre_id, opening_id), optional
        The baseline plan's lines when the plan was re-planned against one (stability).

    Returns
    -------
    dict
        term name -> integer value.
    """
    plan = view_of(scenario, rows)
    values = {
        "fairness": term_fairness(scenario, plan),
        "shortage": term_shortage(scenario, plan),
        "development": term_development(scenario, plan),
        "preference": term_preference(scenario, plan),
        "exchange": term_exchange(scenario, plan),
        "stability": term_stability(scenario, plan, baseline),
        "fit": term_fit(scenario, plan),
    }
    return {t: values[t] for t in TERMS}


def weighted_objective(weights: dict, terms: dict) -> int:
    """Σ weight[t] · term[t] over the terms."""
    return sum(weights.get(t, 0) * value for t, value in terms.items())
