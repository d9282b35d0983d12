"""Step 9: the committee's pre-decisions (党组预定, R11): ``require`` locks drawn from witness pairs,
so the witness keeps them, and ``forbid`` locks from wishes outside the witness."""
from __future__ import annotations

from models.scenario import Lock
from planner.generate.drafts import Draft
from planner.generate.vocabulary import FORBID_NOTES, FORBID_RECRUIT_NOTE, REQUIRE_NOTES


def build_locks(draft: Draft, witness: list) -> tuple:
    """About 1% of the witness pairs as ``require`` locks (at least two from municipal size up),
    and as many wishes outside the witness as ``forbid`` locks.

    Parameters
    ----------
    draft : Draft
        After :func:`planner.generate.wishes.build_wishes_and_fit` (its ``wish_pairs``).
    witness : list of (cadre_id, opening_id)

    Returns
    -------
    tuple of models.Lock
    """
    rng = draft.rng
    witness_set = set(witness)
    n = max(2 if len(witness) >= 40 else 1, round(len(witness) * 0.01))
    locks = []
    if witness:
        for cadre_id, opening_id in sorted(rng.sample(witness, min(n, len(witness)))):
            locks.append(Lock(cadre_id, opening_id, "require", rng.choice(REQUIRE_NOTES)))
    # forbid: a wish the committee has decided against, never a witness pair.
    wishes = [(c.cadre_id, o.opening_id) for c, o in draft.wish_pairs if (c.cadre_id, o.opening_id) not in witness_set]
    locked = {(lk.cadre_id, lk.opening_id) for lk in locks}
    kind = {o.opening_id: o.kind for o in draft.openings}
    recruits = {c.cadre_id for c in draft.cadres if c.recruit}
    for cadre_id, opening_id in sorted(rng.sample(wishes, min(n, len(wishes)))):
        if (cadre_id, opening_id) not in locked:
            note = rng.choice(FORBID_NOTES[kind[opening_id]])
            if cadre_id in recruits:
                note = FORBID_RECRUIT_NOTE
            locks.append(Lock(cadre_id, opening_id, "forbid", note))
    return tuple(locks)
