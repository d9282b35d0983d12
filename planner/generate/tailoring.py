"""Openings tailored to a seed cadre: restrictions that admit the seed (R2) and read like a real
announcement, narrowed step by step while the opening would admit too many cadres."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from planner.generate.drafts import CadreDraft, Draft, OpeningDraft, certificate_mask
from planner.generate.profiles import RELATED_SPECIALTIES
from planner.generate.sizes import RANK_ORDER, SPECIALTIES

_AGE_LIMITS = (30, 32, 35, 38, 40, 45)
_NARROW_AGE_LIMITS = (28, 30, 32, 35, 38, 40, 45)


def tailor(draft: Draft, seed: CadreDraft, kind: str, *, recruit: bool = False, strict: bool = False) -> dict:
    """Restrictions (the R2 columns of an opening) that admit ``seed`` and look like a real call.

    Parameters
    ----------
    draft : Draft
    seed : CadreDraft
        The cadre the opening is made for; always eligible for the result.
    kind : {"posting", "temporary", "task"}
    recruit : bool
        A posting for new recruits: one rank, no minimum service.
    strict : bool
        Certificates, a top rating and an age limit are more likely (上派跟班学习).

    Returns
    -------
    dict
        Keyword arguments for :class:`~planner.generate.drafts.OpeningDraft`.
    """
    rng = draft.rng
    ranks = {seed.rank}
    if not recruit and rng.random() < 0.6:
        i = RANK_ORDER.index(seed.rank)
        ranks.add(RANK_ORDER[min(2, i + 1)] if rng.random() < 0.5 else RANK_ORDER[max(0, i - 1)])
    n_specialties = rng.choices((1, 2, 3), (30, 40, 30))[0]
    specialties = [seed.specialty]
    related = RELATED_SPECIALTIES[seed.specialty]
    for s in rng.sample(related, len(related)):
        if len(specialties) >= n_specialties:
            break
        specialties.append(s)
    certificates = frozenset()
    if seed.certificates and rng.random() < (0.4 if strict else 0.15):
        certificates = frozenset({rng.choice(sorted(seed.certificates))})
    post_type, allow_transfer = None, rng.random() < 0.6
    if rng.random() < (0.4 if kind == "posting" else 0.2):
        post_type = seed.post_type
    min_rating = "competent"
    if seed.rating == "basic":
        min_rating = "basic"
    elif rng.random() < 0.1:
        min_rating = "basic"
    elif seed.rating == "excellent" and rng.random() < (0.5 if strict else 0.1):
        min_rating = "excellent"
    max_age = None
    if rng.random() < (0.4 if strict else 0.15):
        max_age = next(a for a in _AGE_LIMITS if a >= seed.age)
    min_service = 0
    if not recruit and seed.service_years >= 2 and rng.random() < 0.15:
        min_service = rng.randint(1, min(seed.service_years, 5))
    return dict(ranks=frozenset(ranks), specialties=frozenset(specialties), certificates=certificates,
                post_type=post_type, allow_transfer=allow_transfer, min_rating=min_rating,
                talent_pool_only=False, min_service_years=min_service, max_age=max_age)


def estimate_admitted(draft: Draft, opening: OpeningDraft) -> float:
    """About how many cadres pass R2 for ``opening`` (independence assumed between the filters).

    Parameters
    ----------
    draft : Draft
        With ``headcounts``.
    opening : OpeningDraft

    Returns
    -------
    float
    """
    heads = draft.headcounts
    if opening.post_type is None:
        post_types = None
    elif opening.allow_transfer and opening.post_type in ("admin", "civil"):
        post_types = ("admin", "civil")
    else:
        post_types = (opening.post_type,)
    need = certificate_mask(opening.certificates)
    total = 0
    for specialty in (opening.specialties or SPECIALTIES):
        for rank in (opening.ranks or RANK_ORDER):
            for post_type, held, k in heads.by_specialty_rank.get((specialty, rank), ()):
                if (post_types is None or post_type in post_types) and held & need == need:
                    total += k
    n = len(draft.cadres)
    share = heads.rating_share[opening.min_rating]
    if opening.max_age is not None:
        share *= bisect_right(heads.ages, opening.max_age) / n
    if opening.min_service_years:
        share *= 1 - bisect_left(heads.service_years, opening.min_service_years) / n
    if opening.talent_pool_only:
        share *= heads.talent_share
    return total * share


def narrow(draft: Draft, opening: OpeningDraft, seed: CadreDraft) -> None:
    """Tighten ``opening`` step by step until it admits at most ``headcounts.admit_cap`` cadres
    by estimate. Every step keeps ``seed`` eligible (R2), so the witness stays valid.

    Parameters
    ----------
    draft : Draft
    opening : OpeningDraft
        Changed in place.
    seed : CadreDraft
    """
    for _ in _tightenings(opening, seed):
        if estimate_admitted(draft, opening) <= draft.headcounts.admit_cap:
            return


def _tightenings(opening: OpeningDraft, seed: CadreDraft):
    """Yield once before and once after each tightening of ``opening`` that keeps ``seed`` eligible."""
    yield
    extra = sorted(opening.specialties - {seed.specialty})
    if extra:
        opening.specialties = frozenset(extra[1:]) | {seed.specialty}
        yield
    if len(opening.ranks) > 1:
        opening.ranks = frozenset({seed.rank})
        yield
    if len(opening.specialties) > 1:
        opening.specialties = frozenset({seed.specialty})
        yield
    if opening.post_type != seed.post_type or opening.allow_transfer:
        opening.post_type, opening.allow_transfer = seed.post_type, False
        yield
    missing = sorted(seed.certificates - opening.certificates)
    if missing:
        opening.certificates = opening.certificates | {missing[0]}
        yield
    if opening.max_age is None or opening.max_age > seed.age + 2:
        opening.max_age = next(a for a in _NARROW_AGE_LIMITS if a >= seed.age)
        yield
    if seed.service_years > opening.min_service_years + 1:
        opening.min_service_years = min(seed.service_years, 8)
        yield
    if seed.rating == "excellent" and opening.min_rating != "excellent":
        opening.min_rating = "excellent"
        yield
    if seed.talent_pool and not opening.talent_pool_only:
        opening.talent_pool_only = True
        yield
