"""Step 4: the cadres, history, regions and units frozen into :mod:`models.scenario` records, and
each cadre's derived facts (SPEC 3) computed by :mod:`models.facts` on them, for the witness."""
from __future__ import annotations

from dataclasses import dataclass

from models import facts
from models.scenario import RATING_ORDER, Cadre, HistoryRow, Scenario, Unit
from planner.generate.drafts import Draft, Headcounts, certificate_mask


@dataclass(frozen=True)
class FrozenTables:
    """The tables of the scenario that no later step changes."""
    regions: tuple
    units: tuple
    history: tuple


def freeze_people_and_places(draft: Draft) -> FrozenTables:
    """Freeze every cadre draft into ``cadre.cadre`` and set its facts; count heads for estimates.

    Parameters
    ----------
    draft : Draft
        Needs ``regions``, ``units`` and ``cadres`` (with history); gets each cadre's facts and
        ``headcounts``.

    Returns
    -------
    FrozenTables
    """
    for c in draft.cadres:
        c.cadre = Cadre(
            cadre_id=c.cadre_id, name=c.surname + c.given_name, gender=c.gender, birth=c.birth, entry=c.entry,
            education=c.education, specialty=c.specialty, rank=c.rank, post_type=c.post_type,
            unit_id=c.unit.unit_id if c.unit else None, unit_since=c.unit_since, home_region=c.home_region,
            rating=c.rating, talent_pool=c.talent_pool, certificates=c.certificates, exempt=c.exempt,
            extra=(("民族", c.ethnicity), ("职务", c.title)))
    tables = FrozenTables(
        regions=tuple(draft.regions),
        units=tuple(Unit(u.unit_id, u.name, u.region.region_id, u.level, u.grassroots, u.hardship, u.key_shortage)
                    for u in draft.units),
        history=tuple(HistoryRow(c.cadre_id, row.unit.unit_id, row.kind, row.start, row.end)
                      for c in draft.cadres for row in c.history))
    base = Scenario(name="", plan_year=draft.year, regions=tables.regions, units=tables.units,
                    cadres=tuple(c.cadre for c in draft.cadres), openings=(), history=tables.history,
                    rules=draft.rules)
    year = draft.year
    for c in draft.cadres:
        frozen = c.cadre
        c.service_years = facts.service_years(frozen, year)
        c.age = facts.age(frozen, year)
        c.rating_rank = RATING_ORDER[c.rating]
        c.region_id = c.unit.region.region_id if c.unit else None
        c.first_stop_restricted = facts.first_stop_restricted(base, frozen)
        c.rotation_due = facts.rotation_due(base, frozen)
        c.no_return_units = facts.no_return_units(base, frozen)
    draft.headcounts = count_heads(draft.cadres)
    return tables


def count_heads(cadres: list) -> Headcounts:
    """Head counts by (specialty, rank) -> (post type, certificates), and the spread of ages,
    service years, ratings and the talent pool, to estimate how many cadres an opening admits
    without looping over cadres (see :func:`planner.generate.tailoring.narrow`).

    Parameters
    ----------
    cadres : list of CadreDraft
        With their facts set.

    Returns
    -------
    Headcounts
    """
    counts: dict = {}
    for c in cadres:
        sub = counts.setdefault((c.specialty, c.rank), {})
        key = (c.post_type, certificate_mask(c.certificates))
        sub[key] = sub.get(key, 0) + 1
    n = len(cadres)
    return Headcounts(
        by_specialty_rank={k: tuple((pt, cm, k2) for (pt, cm), k2 in sorted(v.items())) for k, v in counts.items()},
        ages=sorted(c.age for c in cadres),
        service_years=sorted(c.service_years for c in cadres),
        rating_share={r: sum(c.rating_rank >= v for c in cadres) / n for r, v in RATING_ORDER.items()},
        talent_share=sum(c.talent_pool for c in cadres) / n,
        # At province size an opening should admit at most a few hundred cadres (a real call for
        # applicants is narrow, and the solver's candidate list stays sparse).
        admit_cap=min(400, max(60, round(0.05 * n))))
