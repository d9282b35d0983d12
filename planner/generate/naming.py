"""Names of postings, by what they accept (issue 12): a posting is called a 新录用 (new recruit)
posting only when no one but a new recruit can take it; every other posting is named by its
unit and post."""
from __future__ import annotations

from planner.generate.admission import may_take
from planner.generate.drafts import CadreDraft, Draft, OpeningDraft, UnitDraft
from planner.generate.sizes import RANK_ORDER, SPECIALTIES
from planner.generate.vocabulary import (
    ENFORCEMENT_POST,
    POST_TITLE,
    RECRUIT_CIVIL_SERVANT_POST,
    RECRUIT_POST,
    ROTATION_POST,
)

_MONITORING_SPECIALTIES = ("chemistry", "environment", "biology", "ecology")
_FIELD_SPECIALTIES = ("chemistry", "ecology", "biology")


def post_title(seed: CadreDraft, unit: UnitDraft, opening: OpeningDraft) -> str:
    """What the post of ``opening`` is called, from its unit, its certificates and the seed's specialty.

    Parameters
    ----------
    seed : CadreDraft
        The cadre the opening was tailored to.
    unit : UnitDraft
    opening : OpeningDraft

    Returns
    -------
    str
        For example 执法检查岗位, 监测分析岗位, 法制审核岗位.
    """
    if "enforcement" in opening.certificates or (unit.kind in ("brigade", "detachment")
                                                 and seed.specialty in ("law", "environment")):
        return ENFORCEMENT_POST
    if unit.kind in ("station", "centre"):
        if seed.specialty in _MONITORING_SPECIALTIES:
            return "监测分析岗位"
        return "质量管理岗位" if seed.specialty != "it" else "信息化岗位"
    if unit.kind in ("brigade", "detachment"):
        return "综合保障岗位" if seed.specialty not in _FIELD_SPECIALTIES else "执法监测岗位"
    return POST_TITLE[seed.specialty]


def posting_name(draft: Draft, seed: CadreDraft, unit: UnitDraft, opening: OpeningDraft) -> str:
    """The name of a posting tailored to a serving cadre: its unit and post, and now and then
    (a quarter of the postings outside enforcement) a general 轮岗交流岗位.

    Parameters
    ----------
    draft : Draft
        Its random stream is drawn once unless the post is an enforcement one.
    seed, unit, opening
        As for :func:`post_title`.

    Returns
    -------
    str
    """
    title = post_title(seed, unit, opening)
    if title == ENFORCEMENT_POST:
        return f"{unit.name} {title}"
    if draft.rng.random() < 0.25:
        return f"{unit.name} {ROTATION_POST.format(year=draft.year)}"
    return f"{unit.name} {title}"


def name_recruit_postings(draft: Draft) -> None:
    """Name each posting tailored to a new recruit: a 新录用 posting when only recruits can take
    it (R2 with R1, R4 and R5 keep every serving cadre off it), else by its unit and post.

    Parameters
    ----------
    draft : Draft
        Its recruit postings get their ``name``; nothing is drawn from the random stream.
    """
    serving: dict = {}
    for c in draft.cadres:
        if not c.recruit:
            serving.setdefault((c.specialty, c.rank), []).append(c)
    for opening in draft.openings:
        if opening.kind != "posting" or not opening.for_recruits:
            continue
        unit = opening.unit
        if _only_recruits_can_take(draft, opening, serving):
            wording = RECRUIT_CIVIL_SERVANT_POST if opening.post_type in ("admin", "civil") else RECRUIT_POST
            opening.name = f"{unit.name} {wording.format(year=draft.year)}"
        else:
            opening.name = f"{unit.name} {post_title(opening.seed, unit, opening)}"


def _only_recruits_can_take(draft: Draft, opening: OpeningDraft, serving: dict) -> bool:
    """No serving cadre (of the specialties and ranks the opening accepts) may take it."""
    for specialty in sorted(opening.specialties) or SPECIALTIES:
        for rank in sorted(opening.ranks) or RANK_ORDER:
            if any(may_take(draft, c, opening) for c in serving.get((specialty, rank), ())):
                return False
    return True
