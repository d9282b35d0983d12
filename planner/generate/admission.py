"""Who may take what, as the generator reads SPEC 4: R2 eligibility and the single-pair parts of
the other rules, for building the witness plan and for sampling wishes and fit scores.

Kept apart from :mod:`planner.model.eligibility` on purpose (the generator sits below the
model), and tested against it in tests/generate.
"""
from __future__ import annotations

from models.scenario import RATING_ORDER
from planner.generate.drafts import CadreDraft, Draft, OpeningDraft, UnitDraft


def is_eligible(draft: Draft, cadre: CadreDraft, opening: OpeningDraft) -> bool:
    """R2, as SPEC 4 words it: rank, specialty, certificates, post type, rating, talent pool,
    service years and age.

    Parameters
    ----------
    draft : Draft
    cadre : CadreDraft
        With its facts set.
    opening : OpeningDraft

    Returns
    -------
    bool
    """
    if opening.ranks and cadre.rank not in opening.ranks:
        return False
    if opening.specialties and cadre.specialty not in opening.specialties:
        return False
    if opening.certificates and not opening.certificates <= cadre.certificates:
        return False
    if opening.post_type and opening.post_type != cadre.post_type:
        if not (opening.allow_transfer and draft.rules.allow_transfer
                and {opening.post_type, cadre.post_type} <= {"admin", "civil"}):
            return False
    if cadre.rating_rank < RATING_ORDER[opening.min_rating]:
        return False
    if opening.talent_pool_only and not cadre.talent_pool:
        return False
    if cadre.service_years < opening.min_service_years:
        return False
    return opening.max_age is None or cadre.age <= opening.max_age


def may_take(draft: Draft, cadre: CadreDraft, opening: OpeningDraft) -> bool:
    """R2 plus the single-pair parts of R1, R4, R5, R7 (task region) and R10: whether the pair
    may be in some plan, whatever the rest of the plan holds (forbid locks aside).

    Parameters
    ----------
    draft : Draft
    cadre : CadreDraft
    opening : OpeningDraft

    Returns
    -------
    bool
    """
    if not is_eligible(draft, cadre, opening):
        return False
    if opening.kind == "posting":
        if opening.unit is cadre.unit or opening.unit.unit_id in cadre.no_return_units:
            return False
        return not ((cadre.recruit or cadre.first_stop_restricted) and not opening.unit.grassroots)
    if cadre.recruit or opening.unit is cadre.unit:
        return False
    if cadre.exempt and opening.effective_hardship() > 0:
        return False
    return not (opening.kind == "task" and opening.unit.region.region_id in (cadre.home_region, cadre.region_id))


def may_be_posted_to(cadre: CadreDraft, unit: UnitDraft) -> bool:
    """May ``cadre`` be posted to ``unit`` in the witness? R1 another unit, R4 grassroots for a
    recruit or a first-stop cadre, R5 no return, R7 not where a relative is based.

    Parameters
    ----------
    cadre : CadreDraft
    unit : UnitDraft

    Returns
    -------
    bool
    """
    if unit is cadre.unit or unit.level == "external":
        return False
    if (cadre.recruit or cadre.first_stop_restricted) and not unit.grassroots:
        return False
    if unit.unit_id in cadre.no_return_units:
        return False
    return all(relative.based_unit() is not unit for relative in cadre.relatives)


def may_go_away(draft: Draft, cadre: CadreDraft, opening: OpeningDraft) -> bool:
    """May ``cadre`` take the temporary assignment or task ``opening`` in the witness, beside what
    it holds already? R7 (task region, kin on the same team), R8 (months free, yearly cap), R10;
    R2 is checked apart (:func:`is_eligible`).

    Parameters
    ----------
    draft : Draft
    cadre : CadreDraft
    opening : OpeningDraft

    Returns
    -------
    bool
    """
    if cadre.recruit or cadre.unit is opening.unit:
        return False
    if cadre.exempt and opening.effective_hardship() > 0:
        return False
    if opening.kind == "task" and opening.unit.region.region_id in (cadre.home_region, cadre.region_id):
        return False
    if cadre.busy_months & opening.month_mask():
        return False
    if cadre.away_months + (opening.end - opening.start + 1) > draft.rules.max_away_months:
        return False
    return all(relative not in opening.holders for relative in cadre.relatives)


def take(cadre: CadreDraft, opening: OpeningDraft) -> None:
    """Give ``opening`` to ``cadre`` in the witness plan.

    Parameters
    ----------
    cadre : CadreDraft
    opening : OpeningDraft
    """
    opening.holders.append(cadre)
    if opening.kind == "posting":
        cadre.posting = opening
    else:
        cadre.busy_months |= opening.month_mask()
        cadre.away_months += opening.end - opening.start + 1
        cadre.away_openings.append(opening)
