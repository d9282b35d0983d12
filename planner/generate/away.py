"""Step 6: the witness temporary assignments and tasks. For each, the unit is drawn by kind
(挂职锻炼: remote hard branches; 上派跟班学习: higher bodies; 督察, "四进", 帮扶执法: branches), the
months are drawn, a seed cadre is found whose months are free and whose year stays within
``max_away_months`` (R8), who is not exempt when the hardship is above 0 (R10) and, for a task,
comes from another region (R7); the opening is tailored to the seed and further members join who
pass the same checks and are no relative of anyone on the team (R7)."""
from __future__ import annotations

from dataclasses import dataclass

from planner.generate.admission import may_go_away, take
from planner.generate.drafts import CadreDraft, Draft, OpeningDraft
from planner.generate.postings import fill_witness
from planner.generate.sizes import KIND_SHARE, TINY_AWAY_COUNTS
from planner.generate.tailoring import narrow, tailor
from planner.generate.vocabulary import chinese_numeral


@dataclass(eq=False, repr=False)
class _Candidates:
    """Serving cadres grouped for drawing seeds and team members."""
    by_specialty: dict          # specialty -> serving cadres, shuffled
    enforcers: list             # holders of the enforcement certificate
    serving: list
    talent_pool: list


def build_away(draft: Draft) -> None:
    """Make the temporary assignments and tasks of every kind with their witness holders.

    Parameters
    ----------
    draft : Draft
        After :func:`planner.generate.postings.build_postings`; gets the away openings.
    """
    rng, params = draft.rng, draft.params
    by_specialty: dict = {}
    for c in draft.cadres:
        if not c.recruit:
            by_specialty.setdefault(c.specialty, []).append(c)
    for cadres in by_specialty.values():
        rng.shuffle(cadres)
    candidates = _Candidates(
        by_specialty=by_specialty,
        enforcers=[c for c in draft.cadres if "enforcement" in c.certificates and not c.recruit],
        serving=[c for c in draft.cadres if not c.recruit],
        talent_pool=[c for c in draft.cadres if c.talent_pool])
    counts = {k: max(1, round(params.openings * s)) for k, s in KIND_SHARE.items() if k != "posting"}
    if draft.size == "tiny":
        counts = dict(TINY_AWAY_COUNTS)
    draft.inspection_round = 0
    for kind, n in counts.items():
        made = 0
        for _ in range(n * 4):
            if made >= n:
                break
            made += bool(_MAKERS[kind](draft, candidates))


def _draw_months(draft: Draft, lengths: tuple, weights: tuple) -> tuple:
    """(start, end) of a stretch of one of ``lengths`` months inside the year."""
    length = draft.rng.choices(lengths, weights)[0]
    start = draft.rng.randint(1, 13 - length)
    return start, start + length - 1


def _find_seed(draft: Draft, opening: OpeningDraft, pool: list, extra_ok=None) -> CadreDraft | None:
    for _ in range(200):
        cadre = draft.rng.choice(pool)
        if may_go_away(draft, cadre, opening) and (extra_ok is None or extra_ok(cadre)):
            return cadre
    return None


def _grow(draft: Draft, candidates: _Candidates, opening: OpeningDraft, pool: list, want: int, strict: bool,
          extra_ok=None, keep=None) -> bool:
    """Seed ``opening`` from ``pool``, tailor it to the seed, fill it to ``want``; False (and the
    opening dropped) if no seed is found. ``keep(seed, restrictions)`` overrides restrictions."""
    seed = _find_seed(draft, opening, pool, extra_ok)
    if seed is None:
        draft.openings.remove(opening)
        return False
    restrictions = tailor(draft, seed, opening.kind, strict=strict)
    if keep:
        restrictions.update(keep(seed, restrictions))
    for column, value in restrictions.items():
        setattr(opening, column, value)
    opening.seed = seed
    narrow(draft, opening, seed)
    take(seed, opening)
    fill_witness(draft, opening, want, lambda c: may_go_away(draft, c, opening),
                 [candidates.by_specialty.get(s, ()) for s in sorted(opening.specialties)], scan=150)
    return True


def _guazhi(draft: Draft, candidates: _Candidates) -> bool:
    """挂职锻炼 at a remote, hard branch."""
    rng = draft.rng
    unit = rng.choice(draft.pools.hard_branches)
    start, end = _draw_months(draft, (3, 4, 6, 9), (25, 25, 40, 10))
    opening = draft.new_opening("temporary", unit, start, end, f"{draft.year}年{unit.name}挂职锻炼",
                                development=rng.choice((1, 2, 2)))
    return _grow(draft, candidates, opening, candidates.serving, rng.choice((1, 1, 2)), strict=False,
                 extra_ok=lambda c: c.rank != "section" or rng.random() < 0.3)


def _shangpai(draft: Draft, candidates: _Candidates) -> bool:
    """上派跟班学习 at a higher body; development 3-5; often for the talent pool."""
    rng = draft.rng
    unit = rng.choice(draft.pools.higher_bodies)
    start, end = _draw_months(draft, (3, 4, 6), (30, 30, 40))
    opening = draft.new_opening("temporary", unit, start, end, f"{draft.year}年{unit.name}上派跟班学习",
                                development=rng.randint(3, 5))
    pool = candidates.talent_pool if (candidates.talent_pool and rng.random() < 0.6) else candidates.serving

    def keep(seed: CadreDraft, restrictions: dict) -> dict:
        return {"talent_pool_only": True} if seed.talent_pool and rng.random() < 0.4 else {}
    return _grow(draft, candidates, opening, pool, rng.choice((1, 2)), strict=True,
                 extra_ok=lambda c: c.rating != "basic", keep=keep)


def _ducha(draft: Draft, candidates: _Candidates) -> bool:
    """生态环保督察: a team with at least one enforcement holder (team_needs enforcement:k)."""
    rng = draft.rng
    unit = rng.choice(draft.pools.branches)
    start, end = _draw_months(draft, (1, 2), (40, 60))
    draft.inspection_round += 1
    opening = draft.new_opening("task", unit, start, end, "", development=rng.randint(3, 5),
                                hardship=rng.choice((None, None, 1)))
    round_name = chinese_numeral(1 + (draft.inspection_round - 1) % 3)
    opening.name = f"{draft.year}年第{round_name}轮生态环保督察（{unit.region.name}）"

    def keep(seed: CadreDraft, restrictions: dict) -> dict:
        # A 督察 team takes several specialties and both junior ranks.
        specialties = {seed.specialty, rng.choice(("environment", "law", "chemistry", "ecology"))}
        ranks = set(restrictions["ranks"]) | {"staff", "deputy_section"}
        return {"specialties": frozenset(specialties), "ranks": frozenset(ranks), "certificates": frozenset(),
                "max_age": None, "min_service_years": 0}
    made = _grow(draft, candidates, opening, candidates.enforcers or candidates.serving, rng.randint(2, 5),
                 strict=False, keep=keep)
    if made:
        held = sum("enforcement" in c.certificates for c in opening.holders)
        if held:
            opening.team_needs = (("enforcement", min(held, rng.choice((1, 1, 2)))),)
    return made


def _sijin(draft: Draft, candidates: _Candidates) -> bool:
    """"四进"工作队 (进企业、进园区、进社区、进乡村), months 2-5."""
    rng = draft.rng
    unit = rng.choice(draft.pools.branches)
    start, end = _draw_months(draft, (2, 3, 4, 5), (25, 35, 25, 15))
    opening = draft.new_opening("task", unit, start, end, f"{draft.year}年“四进”工作队（{unit.name}）",
                                development=1)
    made = _grow(draft, candidates, opening, candidates.serving, rng.randint(2, 4), strict=False)
    if made and rng.random() < 0.4:
        opening.team_needs = ((opening.holders[0].specialty, 1),)
    return made


def _bangfu(draft: Draft, candidates: _Candidates) -> bool:
    """帮扶执法 at a remote branch: enforcement holders help the local branch."""
    rng = draft.rng
    unit = rng.choice(draft.pools.remote_branches)
    start, end = _draw_months(draft, (1, 2, 3), (30, 40, 30))
    opening = draft.new_opening("task", unit, start, end, f"{draft.year}年{unit.name}帮扶执法", development=2)

    def keep(seed: CadreDraft, restrictions: dict) -> dict:
        certificates = frozenset({"enforcement"}) if rng.random() < 0.3 else frozenset()
        extra = {"law", "environment"} if rng.random() < 0.5 else {rng.choice(("law", "environment"))}
        return {"certificates": certificates, "specialties": frozenset({seed.specialty} | extra)}
    made = _grow(draft, candidates, opening, candidates.enforcers or candidates.serving, rng.randint(1, 3),
                 strict=False, keep=keep)
    if made:
        held = sum("enforcement" in c.certificates for c in opening.holders)
        if held and not opening.certificates:
            opening.team_needs = (("enforcement", rng.randint(1, held)),)
    return made


_MAKERS = {"guazhi": _guazhi, "shangpai": _shangpai, "ducha": _ducha, "sijin": _sijin, "bangfu": _bangfu}
