"""Deterministic synthetic scenarios that are feasible by construction (``planner generate``).

:func:`generate_scenario` builds a whole :class:`models.Scenario` in memory - no pandas, no
files - from ``random.Random`` seeded with the size and the seed, so the same size and seed
always give an equal scenario. The content reads like a real Ecology and Environment system: one
or more cities (市), each with its bureau departments (局机关科室), a city enforcement detachment
(执法支队) and monitoring centre, and districts and counties (区/县, some remote) that each hold a
branch (分局), a monitoring station (监测站) and an enforcement brigade (执法大队); higher bodies
(省生态环境厅xx处, 生态环境部xx司) receive cadres for 上派跟班学习. Sizes are in
:mod:`planner.generate.sizes`.

The steps, one module each
--------------------------
============  ==============================================================================
units         regions and units (:func:`~planner.generate.units.build_regions_and_units`)
cadres        cadres, talent pool, kin pairs (:mod:`planner.generate.cadres`)
history       past postings, temporary assignments and tasks (:mod:`planner.generate.history`)
frozen        frozen cadres and their SPEC 3 facts (:mod:`planner.generate.frozen`)
postings      the witness postings (:mod:`planner.generate.postings`, with
              :mod:`~planner.generate.tailoring` and :mod:`~planner.generate.admission`)
away          the witness temporary assignments and tasks (:mod:`planner.generate.away`)
breadth       ``broad`` only: every opening widened (:mod:`planner.generate.breadth`)
naming        postings tailored to recruits named by what they accept (:mod:`planner.generate.naming`)
seats         ids, unique names, seats, minimum seats, team needs (:mod:`planner.generate.seats`)
wishes        preferences and fit scores (:mod:`planner.generate.wishes`)
locks         require and forbid locks (:mod:`planner.generate.locks`)
============  ==============================================================================

How feasibility is ensured
--------------------------
The generator never draws openings first and hopes that a plan exists. It builds a *witness
plan* - a list of (cadre, opening) pairs - while it creates the openings, keeps every hard rule
of SPEC section 4 true for the witness at each step, and only then derives the numbers that the
rules test (seats, min_seats, team_needs, locks) from the witness:

1. **Who must move.** Every new recruit (R4), every cadre whose years at the current unit reach
   ``max_tenure_years`` (R6), and one cadre of each kin pair serving in the same unit (R7) is a
   *mover*. Derived facts come from :mod:`models.facts` on the cadres and history just drawn.
2. **Postings grow from a seed cadre.** For each mover still without a posting, a target unit
   is drawn among the units that mover may go to: not the current unit (R1), not a unit of a
   posting that ended in the ``no_return_years`` before the plan (R5), a grassroots unit for a
   recruit or a first-stop-restricted cadre (R4), and not the unit where any relative is based
   (the relative's witness posting, else current unit: R7). A posting opening is then *tailored*
   to the seed: its accepted ranks include the seed's rank, its specialties the seed's
   specialty, its certificates are a subset of the seed's, its post type, minimum rating, age
   and service limits all admit the seed (R2). The seed takes it in the witness (R1, R4, R6),
   and other unposted movers who pass the same checks fill further seats. When an opening would
   admit too many cadres (estimated from head counts by specialty, rank, post type and
   certificate), it is narrowed step by step - fewer specialties, one rank, the seed's post
   type, a certificate, an age limit, ... - each step again admitting the seed.
3. **Temporary assignments and tasks grow the same way.** The unit is drawn by kind (挂职锻炼:
   remote hard branches; 上派跟班学习: external bodies; 督察/"四进"/帮扶执法: branches), the
   months are drawn, and a seed is searched whose months are free and whose total stays within
   ``max_away_months`` (R8), who is not exempt when the hardship is above 0 (R10), and, for a
   task, whose home region and current region differ from the unit's region (R7). Further
   members pass the same checks and are never a relative of someone already on the team (R7).
   A 督察 or 帮扶执法 seed is drawn among holders of the enforcement certificate.
4. **Numbers come last.** ``seats`` is the witness count plus slack, ``min_seats`` is at most the
   witness count, ``team_needs`` ask at most what the witness team holds (R9, and only on
   openings the witness uses), ``require`` locks are drawn from witness pairs and ``forbid``
   locks from non-witness pairs (R11). Extra posting openings, seeded from cadres who need not
   move, give the solver choices; most have no witness holder and therefore ``min_seats`` 0.

The witness therefore satisfies R1-R11 by construction; :func:`generate_with_witness` returns it
so the tests can verify that independently (tests/generate).

With ``breadth="narrow"`` (the default) openings are kept narrow (one or two ranks, one to three
specialties, often a post type or a certificate), so that at province size an opening has at most
a few hundred eligible cadres, as real posting announcements do; this also keeps the solver's
candidate list sparse. ``breadth="broad"`` widens every opening once the witness is built (only
relaxing R2, so the witness still holds): about a third of all pairs become eligible.

A posting is named 新录用公务员基层岗位 (or 新录用人员基层岗位 when 事业编制 recruits qualify too)
only when no serving cadre can take it; every other posting is named by its unit and post.
"""
from __future__ import annotations

import logging
import random

from models.scenario import Relation, Scenario, SolverSettings, Weights
from planner.generate.away import build_away
from planner.generate.breadth import widen_openings
from planner.generate.cadres import build_cadres, build_relations
from planner.generate.drafts import Draft
from planner.generate.frozen import freeze_people_and_places
from planner.generate.locks import build_locks
from planner.generate.naming import name_recruit_postings
from planner.generate.postings import build_postings
from planner.generate.seats import number_openings, witness_pairs
from planner.generate.sizes import PLAN_YEAR, check_breadth, size_params
from planner.generate.units import build_regions_and_units
from planner.generate.wishes import build_wishes_and_fit

log = logging.getLogger(__name__)

TARGET_SPECIALTIES = frozenset({"environment", "chemistry", "law", "finance"})


def generate_with_witness(size: str, seed: int, breadth: str = "narrow") -> tuple:
    """A scenario and the witness plan that proves it feasible.

    Parameters
    ----------
    size : {"tiny", "municipal", "province", "national"}
    seed : int
    breadth : {"narrow", "broad"}
        ``broad`` widens every opening (:mod:`planner.generate.breadth`): the same people,
        units and witness, about a third of all pairs eligible.

    Returns
    -------
    (models.Scenario, list of (cadre_id, opening_id))
        The witness obeys every hard rule R1-R11 of SPEC 4 (see the module docstring).

    Raises
    ------
    ValueError
        For an unknown size or breadth.
    """
    params = size_params(size)
    check_breadth(breadth)
    draft = Draft(size=size, params=params, rng=random.Random(f"planner-generate/{size}/{seed}"), year=PLAN_YEAR)
    build_regions_and_units(draft)
    build_cadres(draft)
    build_relations(draft)
    tables = freeze_people_and_places(draft)
    build_postings(draft)
    build_away(draft)
    if breadth == "broad":
        widen_openings(draft, random.Random(f"planner-generate/{size}/{seed}/broad"))
    name_recruit_postings(draft)
    openings = number_openings(draft)
    witness = witness_pairs(draft)
    preferences, fits = build_wishes_and_fit(draft)
    locks = build_locks(draft, witness)
    scenario = Scenario(
        name=params.name.format(y=draft.year, city=draft.city_names[0]), plan_year=draft.year,
        regions=tables.regions, units=tables.units, cadres=tuple(c.cadre for c in draft.cadres),
        openings=openings, history=tables.history,
        relations=tuple(Relation(a.cadre_id, b.cadre_id, relation) for a, b, relation in draft.relations),
        preferences=preferences, fit=fits, locks=locks, target_specialties=TARGET_SPECIALTIES,
        rules=draft.rules, weights=Weights(), solver=SolverSettings(time_limit_s=60, seed=0, workers=2),
        extra_columns=("民族", "职务"))
    log.info("generated %s seed scenario: %d cadres, %d units, %d openings, witness %d pairs",
             size, len(scenario.cadres), len(scenario.units), len(scenario.openings), len(witness))
    return scenario, witness


def generate_scenario(size: str, seed: int, breadth: str = "narrow") -> Scenario:
    """A deterministic synthetic scenario: same ``size``, ``seed`` and ``breadth``, equal scenario.

    Pure: no files, no pandas.

    Parameters
    ----------
    size : {"tiny", "municipal", "province", "national"}
    seed : int
    breadth : {"narrow", "broad"}
        How much each opening accepts (:mod:`planner.generate.sizes`).

    Returns
    -------
    models.Scenario

    Raises
    ------
    ValueError
        For an unknown size or breadth.
    """
    return generate_with_witness(size, seed, breadth)[0]
