"""Step 8: what the cadres and the 考察 say - preferences (at most three wishes a cadre, for
openings the cadre may take) and fit scores (人岗相适度, for the witness openings and a few
others the cadre is eligible for)."""
from __future__ import annotations

from models.scenario import Fit, Preference
from planner.generate.admission import is_eligible, may_take
from planner.generate.drafts import CadreDraft, Draft, OpeningDraft
from planner.generate.sizes import POST_TYPES, RANK_ORDER, SPECIALTIES

_RATING_BONUS = {3: 10, 2: 0, 1: -10, 0: -20}


def build_wishes_and_fit(draft: Draft) -> tuple:
    """Preferences of about 30% of the cadres, and fit scores of every cadre.

    Parameters
    ----------
    draft : Draft
        After :func:`planner.generate.seats.number_openings`; gets ``wish_pairs``.

    Returns
    -------
    (tuple of models.Preference, tuple of models.Fit)
    """
    rng = draft.rng
    index = _openings_by_profile(draft)
    witness_openings: dict = {}
    for o in draft.openings:
        for c in o.holders:
            witness_openings.setdefault(c.index, []).append(o)
    preferences, fits = [], []
    draft.wish_pairs = []
    for cadre in draft.cadres:
        own = witness_openings.get(cadre.index, [])
        # Preferences: ~30% of cadres, up to 3 openings they may take.
        if rng.random() < 0.3:
            k = rng.choices((1, 2, 3), (30, 35, 35))[0]
            wish = [o for o in own if o.kind != "task" and rng.random() < 0.6][:1]
            for o in _plausible(draft, index, cadre, k + 2, 12 + 4 * k, may_take):
                if len(wish) >= k:
                    break
                if o not in wish and (not cadre.recruit or o.kind == "posting"):
                    wish.append(o)
            rng.shuffle(wish)
            for rank, o in enumerate(wish, 1):
                preferences.append(Preference(cadre.cadre_id, o.opening_id, rank))
                draft.wish_pairs.append((cadre, o))
        # Fit: the witness openings and ~5-10 others (人岗相适度 from 考察), which rates the person
        # against the post's requirements (R2), whatever R1/R4/R5 say.
        k = rng.randint(5, 10)
        chosen = list(own)
        for o in _plausible(draft, index, cadre, k, 3 * k, is_eligible):
            if len(chosen) >= k:
                break
            if o not in chosen:
                chosen.append(o)
        for o in sorted(chosen, key=lambda o: o.opening_id):
            fits.append(Fit(cadre.cadre_id, o.opening_id, _fit_score(draft, cadre, o)))
    return tuple(preferences), tuple(fits)


def _openings_by_profile(draft: Draft) -> dict:
    """Openings by the (specialty, rank, post type) they accept, so that sampling a cadre's
    plausible openings mostly hits eligible ones even at national size."""
    index: dict = {}
    for o in draft.openings:
        if o.post_type is None:
            post_types = POST_TYPES
        elif o.allow_transfer and draft.rules.allow_transfer and o.post_type in ("admin", "civil"):
            post_types = ("admin", "civil")
        else:
            post_types = (o.post_type,)
        for specialty in (sorted(o.specialties) or SPECIALTIES):
            for rank in (sorted(o.ranks) or RANK_ORDER):
                for post_type in post_types:
                    index.setdefault((specialty, rank, post_type), []).append(o)
    return index


def _plausible(draft: Draft, index: dict, cadre: CadreDraft, k: int, tries: int, accept) -> list:
    """Up to ``k`` openings that pass ``accept(draft, cadre, opening)``, found by sampling the
    openings of the cadre's specialty, rank and post type."""
    rng = draft.rng
    pool = index.get((cadre.specialty, cadre.rank, cadre.post_type), ())
    out: list = []
    if len(pool) <= tries:
        # Small scenario: look at every opening of the profile, in random order.
        for o in rng.sample(pool, len(pool)):
            if accept(draft, cadre, o):
                out.append(o)
                if len(out) >= k:
                    break
        return out
    for _ in range(tries):
        o = pool[rng.randrange(len(pool))]
        if o not in out and accept(draft, cadre, o):
            out.append(o)
            if len(out) >= k:
                break
    return out


def _fit_score(draft: Draft, cadre: CadreDraft, opening: OpeningDraft) -> int:
    """0-100: specialty and certificates that match, the rating, and the 考察's own judgement."""
    main_specialty = sorted(opening.specialties)[:1] == [cadre.specialty] or len(opening.specialties) == 1
    score = 55 + (10 if main_specialty else 0)
    score += 8 * len(opening.certificates & cadre.certificates)
    score += 8 if "enforcement" in cadre.certificates and opening.team_needs else 0
    score += _RATING_BONUS[cadre.rating_rank]
    score += draft.rng.randint(-20, 20)
    return max(0, min(100, score))
