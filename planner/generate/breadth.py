"""Broad openings (``--breadth broad``): every opening is widened after the witness is built, so
that about a third of all cadre x opening pairs pass the eligibility filters, as in a bureau
whose calls for applicants accept most specialties and ranks (issue 14).

Widening only relaxes R2 - more ranks and specialties, fewer certificates, a looser post type,
rating, age and service limit - so every witness holder stays eligible and the witness plan
still proves the scenario feasible. It draws from its own random stream, so the people, units,
witness, seats and minimum seats of a broad scenario are those of the narrow one of the same
size and seed.
"""
from __future__ import annotations

import random

from planner.generate.drafts import Draft, OpeningDraft
from planner.generate.profiles import RELATED_SPECIALTIES
from planner.generate.sizes import RANK_ORDER, SPECIALTIES

# How many specialties a broad opening accepts, and how likely each count is.
_SPECIALTY_COUNTS = ((2, 3, 4, 5), (35, 35, 22, 8))


def widen_openings(draft: Draft, rng: random.Random) -> None:
    """Widen every opening of ``draft`` in place (see the module docstring).

    Parameters
    ----------
    draft : Draft
        After the witness is built and before the openings are numbered.
    rng : random.Random
        The broad stream (not ``draft.rng``).
    """
    for opening in draft.openings:
        _widen(opening, rng)


def _widen(opening: OpeningDraft, rng: random.Random) -> None:
    """More ranks and specialties, and looser limits, for one opening; its holders stay eligible."""
    ranks = set(opening.ranks or RANK_ORDER)
    if rng.random() < 0.45:
        ranks = set(RANK_ORDER)
    else:
        i = max(RANK_ORDER.index(r) for r in ranks)
        ranks.add(RANK_ORDER[i - 1] if i == 2 else RANK_ORDER[i + 1])
    opening.ranks = frozenset(ranks)
    if opening.specialties:
        specialties = set(opening.specialties)
        want = rng.choices(*_SPECIALTY_COUNTS)[0]
        related = sorted({r for s in sorted(specialties) for r in RELATED_SPECIALTIES[s]} - specialties)
        others = sorted(set(SPECIALTIES) - specialties - set(related))
        for s in rng.sample(related, len(related)) + rng.sample(others, len(others)):
            if len(specialties) >= want:
                break
            specialties.add(s)
        opening.specialties = frozenset(specialties)
    if opening.certificates and rng.random() < 0.9:
        opening.certificates = frozenset()
    if opening.post_type is not None:
        if rng.random() < 0.5:
            opening.post_type = None
        elif opening.post_type in ("admin", "civil"):
            opening.allow_transfer = True
    if opening.min_rating == "excellent" and rng.random() < 0.9:
        opening.min_rating = "competent"
    if opening.max_age is not None:
        opening.max_age = None if rng.random() < 0.8 else max(opening.max_age, 40)
    if opening.min_service_years:
        opening.min_service_years = 0 if rng.random() < 0.8 else min(opening.min_service_years, 2)
    if opening.talent_pool_only and (opening.unit.level != "external" or rng.random() < 0.5):
        opening.talent_pool_only = False
