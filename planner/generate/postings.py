"""Step 5: the witness postings. Every cadre who must move - a new recruit (R4), a cadre rotation
due (R6), one of each kin pair serving in the same unit (R7) - seeds a posting tailored to them at
a unit they may go to; other movers fill further seats. Extra postings seeded from cadres who need
not move give the solver choices."""
from __future__ import annotations

from collections.abc import Callable

from planner.generate.admission import is_eligible, may_be_posted_to, take
from planner.generate.drafts import CadreDraft, Draft, OpeningDraft, UnitDraft
from planner.generate.naming import posting_name
from planner.generate.sizes import KIND_SHARE
from planner.generate.tailoring import narrow, tailor


def choose_target_unit(draft: Draft, cadre: CadreDraft) -> UnitDraft | None:
    """A unit ``cadre`` may be posted to, mostly a key shortage unit and across regions.

    Parameters
    ----------
    draft : Draft
    cadre : CadreDraft

    Returns
    -------
    UnitDraft or None
        None when no unit of the pool admits the cadre.
    """
    rng = draft.rng
    pool = draft.pools.grassroots if (cadre.recruit or cadre.first_stop_restricted) else draft.pools.postable
    for _ in range(60):
        unit = rng.choice(pool)
        if unit.key_shortage is False and rng.random() < 0.3:
            continue          # key shortage units receive more openings (重点缺人单位)
        if cadre.region_id and unit.region.region_id == cadre.region_id and rng.random() < 0.5:
            continue          # mostly across regions (打破地域壁垒)
        if may_be_posted_to(cadre, unit):
            return unit
    for unit in pool:
        if may_be_posted_to(cadre, unit):
            return unit
    return None


def build_postings(draft: Draft) -> None:
    """Seed a posting for every mover, fill it with further movers, then add extra postings.

    Parameters
    ----------
    draft : Draft
        Needs the frozen cadres with their facts; gets posting openings and the witness postings.
    """
    rng, cadres = draft.rng, draft.cadres
    movers = [c for c in cadres if c.recruit or c.rotation_due]
    mover_indices = {c.index for c in movers}
    for a, b, _ in draft.relations:
        if a.unit is not None and a.unit is b.unit and a.index not in mover_indices and b.index not in mover_indices:
            mover = a if rng.random() < 0.5 else b
            movers.append(mover)
            mover_indices.add(mover.index)
    rng.shuffle(movers)
    # Movers by specialty, for filling further seats.
    movers_by_specialty: dict = {}
    for c in movers:
        movers_by_specialty.setdefault(c.specialty, []).append(c)
    target_postings = max(1, round(draft.params.openings * KIND_SHARE["posting"]))
    for mover in movers:
        if mover.posting is not None:
            continue
        unit = choose_target_unit(draft, mover)
        if unit is None:      # pragma: no cover - every scenario has several grassroots units
            raise RuntimeError(f"no unit for mover {mover.cadre_id}")
        opening = posting_for(draft, mover, unit, recruit=mover.recruit)
        # Aim at about 80% of the posting openings being seeded by movers; the rest are extras.
        want = max(1, round(rng.uniform(0.4, 1.6) * len(movers) / (0.8 * target_postings)))
        fill_witness(draft, opening, want,
                     lambda c, opening=opening: c.posting is None and may_be_posted_to(c, opening.unit),
                     [movers_by_specialty.get(s, ()) for s in sorted(opening.specialties)])
    # Extra openings seeded from cadres who need not move, so that the solver has choices.
    n_postings = sum(1 for o in draft.openings if o.kind == "posting")
    stayers = [c for c in cadres if c.index not in mover_indices and not c.recruit]
    tries = 0
    while n_postings < target_postings and stayers and tries < target_postings * 5:
        tries += 1
        stayer = rng.choice(stayers)
        if stayer.posting is not None:
            continue
        unit = choose_target_unit(draft, stayer)
        if unit is None:
            continue
        opening = posting_for(draft, stayer, unit, recruit=False)
        n_postings += 1
        if rng.random() >= 0.3:
            # Most stay where they are; the rest make a voluntary exchange in the witness.
            opening.holders.remove(stayer)
            stayer.posting = None


def posting_for(draft: Draft, seed: CadreDraft, unit: UnitDraft, recruit: bool) -> OpeningDraft:
    """A posting at ``unit`` tailored to ``seed``, who takes it in the witness.

    Parameters
    ----------
    draft : Draft
    seed : CadreDraft
    unit : UnitDraft
        A unit ``seed`` may be posted to.
    recruit : bool
        ``seed`` is a new recruit: the posting accepts 科员 only, no certificate, no minimum
        service; it is named later, once it is known whether anyone else can take it
        (:func:`planner.generate.naming.name_recruit_postings`).

    Returns
    -------
    OpeningDraft
    """
    restrictions = tailor(draft, seed, "posting", recruit=recruit)
    if recruit:
        restrictions.update(ranks=frozenset({"staff"}), certificates=frozenset(), min_service_years=0)
    opening = draft.new_opening("posting", unit, 1, 12, "", hardship=None, development=0, for_recruits=recruit,
                                seed=seed, **restrictions)
    narrow(draft, opening, seed)
    if not recruit:
        opening.name = posting_name(draft, seed, unit, opening)
    if unit.level == "bureau":
        opening.development = draft.rng.choice((0, 1, 1))
    take(seed, opening)
    return opening


def fill_witness(draft: Draft, opening: OpeningDraft, want: int, may_join: Callable[[CadreDraft], bool], pools: list,
                 scan: int = 120) -> None:
    """Give ``opening`` up to ``want`` witness holders drawn from ``pools`` that pass R2 and ``may_join``.

    Parameters
    ----------
    draft : Draft
    opening : OpeningDraft
    want : int
        Holders wanted in all (the ones it has count).
    may_join : callable
        ``may_join(cadre)``: the other rules a new holder must pass.
    pools : list of sequences of CadreDraft
        Looked at from a random start each, at most ``scan`` cadres in all.
    scan : int
    """
    if len(opening.holders) >= want:
        return
    rng = draft.rng
    candidates = []
    for pool in pools:
        if pool:
            k = min(len(pool), scan)
            start = rng.randrange(len(pool))
            candidates.extend(pool[(start + i) % len(pool)] for i in range(k))
    rng.shuffle(candidates)
    for c in candidates[:scan]:
        if len(opening.holders) >= want:
            break
        if c in opening.holders:
            continue
        if is_eligible(draft, c, opening) and may_join(c):
            take(c, opening)
