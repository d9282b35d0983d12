"""Step 2: cadres - new recruits and serving cadres with names, education, specialty, rank, post
type, rating, certificates and current unit; the talent pool (蓄水池); kin pairs (亲属回避)."""
from __future__ import annotations

from itertools import accumulate

from models.months import month_of
from planner.generate.drafts import CadreDraft, Draft, UnitDraft
from planner.generate.history import LAST_HISTORY_MONTH, draw_history
from planner.generate.profiles import (
    CERTIFICATE_CHANCE,
    ENTRY_AGE,
    POST_TYPE_MIX,
    SPECIALTY_MIX,
    UNIT_HEADCOUNT_WEIGHT,
)
from planner.generate.sizes import CERTIFICATES, SPECIALTIES
from planner.generate.vocabulary import (
    BRANCH_DEPUTY_HEAD,
    ENGINEER_TITLES,
    ETHNIC_GROUPS,
    FEMALE_NAME_CHARS,
    INSTITUTION_RECRUIT_TITLE,
    JOB_TITLES,
    MALE_NAME_CHARS,
    RECRUIT_TITLE,
    SIBLING,
    SPOUSE,
    SURNAME_CUM_WEIGHTS,
    SURNAMES,
)


def build_cadres(draft: Draft) -> None:
    """Draw every cadre of ``draft`` (recruits last) with a history, then the talent pool.

    Parameters
    ----------
    draft : Draft
        Needs ``units`` and ``pools``; gets ``cadres``.
    """
    params, rng = draft.params, draft.rng
    n_recruits = max(1, round(params.cadres * rng.uniform(0.03, 0.05)))
    n_serving = params.cadres - n_recruits
    units = [u for u in draft.units if UNIT_HEADCOUNT_WEIGHT[u.kind] > 0]
    weights = [UNIT_HEADCOUNT_WEIGHT[u.kind] for u in units]
    drawn = rng.choices(range(len(units)), weights, k=n_serving)
    # A tiny scenario should still have people in most units.
    if draft.size == "tiny":
        drawn = list(range(len(units))) + drawn[: max(0, n_serving - len(units))]
    drawn.sort()
    placed = [units[i] for i in drawn] + [None] * n_recruits
    id_digits = max(4, len(str(params.cadres)))
    seen_names: set = set()
    for i, unit in enumerate(placed):
        cadre = CadreDraft(index=i, cadre_id=f"C{i + 1:0{id_digits}d}")
        cadre.gender = "M" if rng.random() < 0.55 else "F"
        for _ in range(6):
            cadre.surname, cadre.given_name = _draw_name(draft, cadre.gender)
            if cadre.surname + cadre.given_name not in seen_names or params.cadres > 5000:
                break
        seen_names.add(cadre.surname + cadre.given_name)
        cadre.ethnicity = rng.choices([e for e, _ in ETHNIC_GROUPS], [w for _, w in ETHNIC_GROUPS])[0]
        if unit is None:
            _draw_recruit(draft, cadre)
        else:
            _draw_serving(draft, cadre, unit)
        draft.cadres.append(cadre)
    _draw_talent_pool(draft)


def _draw_name(draft: Draft, gender: str) -> tuple:
    """(surname, given name) of one or two characters."""
    rng = draft.rng
    surname = rng.choices(SURNAMES, cum_weights=SURNAME_CUM_WEIGHTS)[0]
    chars = MALE_NAME_CHARS if gender == "M" else FEMALE_NAME_CHARS
    given = rng.choice(chars) if rng.random() < 0.35 else rng.choice(chars) + rng.choice(chars)
    return surname, given


def _draw_recruit(draft: Draft, cadre: CadreDraft) -> None:
    """A new recruit: entered last year, no unit yet, a 科员 with no certificate (R4)."""
    rng = draft.rng
    cadre.unit, cadre.unit_since = None, None
    cadre.education = rng.choices(("本科", "硕士", "博士"), (55, 40, 5))[0]
    youngest, oldest = ENTRY_AGE[cadre.education]
    entry_year = draft.year - 1
    birth_year = min(2003, entry_year - rng.randint(youngest, oldest + 2))
    cadre.birth = month_of(birth_year, rng.randint(1, 12))
    cadre.entry = month_of(entry_year, rng.randint(7, 12))
    cadre.specialty = rng.choices(SPECIALTIES, SPECIALTY_MIX["recruit"])[0]
    cadre.rank = "staff"
    cadre.post_type = rng.choices(*zip(*POST_TYPE_MIX["recruit"]))[0]
    cadre.rating = "competent"
    cadre.certificates = frozenset()
    cadre.exempt = rng.random() < 0.01
    cadre.title = RECRUIT_TITLE if cadre.post_type != "institution" else INSTITUTION_RECRUIT_TITLE
    cadre.home_region = _draw_home_region(draft, None)
    cadre.lacks_grassroots = True


def _draw_serving(draft: Draft, cadre: CadreDraft, unit: UnitDraft) -> None:
    """A cadre serving in ``unit``: career facts by the unit's profile, then ``unit_since`` and history."""
    rng, year = draft.rng, draft.year
    cadre.unit = unit
    cadre.education = rng.choices(("本科", "硕士", "博士", "大专"), (55, 33, 4, 8))[0]
    birth_year = rng.randint(1985, 2003)
    youngest, oldest = ENTRY_AGE[cadre.education]
    if birth_year + youngest > year - 1:
        cadre.education = "本科" if birth_year + 22 <= year - 1 else "大专"
        youngest, oldest = ENTRY_AGE[cadre.education]
    entry_year = min(year - 1, birth_year + rng.randint(youngest, oldest + 1))
    cadre.birth = month_of(birth_year, rng.randint(1, 12))
    cadre.entry = month_of(entry_year, rng.choice((7, 7, 8, 8, 9, 3, 12)))
    if cadre.entry > LAST_HISTORY_MONTH:
        cadre.entry = LAST_HISTORY_MONTH
    service = year - entry_year
    if unit.dept_specialty and rng.random() < 0.5:
        cadre.specialty = unit.dept_specialty
    else:
        cadre.specialty = rng.choices(SPECIALTIES, SPECIALTY_MIX[unit.kind])[0]
    cadre.rank = _draw_rank(draft, service)
    cadre.post_type = rng.choices(*zip(*POST_TYPE_MIX[unit.kind]))[0]
    cadre.rating = rng.choices(("excellent", "competent", "basic"), (15, 80, 5))[0]
    chances = CERTIFICATE_CHANCE[unit.kind]
    cadre.certificates = frozenset(c for c, p in zip(CERTIFICATES, chances) if rng.random() < p)
    cadre.exempt = rng.random() < 0.03
    if unit.kind in ("station", "centre") and cadre.post_type == "institution":
        cadre.title = ENGINEER_TITLES[cadre.rank]
    elif unit.kind == "branch" and cadre.rank == "section" and rng.random() < 0.4:
        cadre.title = BRANCH_DEPUTY_HEAD
    else:
        cadre.title = rng.choice(JOB_TITLES[cadre.rank])
    cadre.home_region = _draw_home_region(draft, unit.region)
    # About 45% of the cadres outside grassroots units never served at one (R4, fairness).
    cadre.lacks_grassroots = (not unit.grassroots) and rng.random() < 0.45
    cadre.unit_since = _draw_unit_since(draft, cadre.entry)
    draw_history(draft, cadre)


def _draw_rank(draft: Draft, service: int) -> str:
    """Rank by years of service."""
    rng = draft.rng
    if service <= 2:
        return "staff"
    if service <= 5:
        return rng.choices(("staff", "deputy_section"), (70, 30))[0]
    if service <= 9:
        return rng.choices(("staff", "deputy_section", "section"), (30, 55, 15))[0]
    return rng.choices(("staff", "deputy_section", "section"), (10, 50, 40))[0]


def _draw_unit_since(draft: Draft, entry: int) -> int:
    """Month the cadre came to the current unit: ~10% of all cadres are rotation due (R6)."""
    rng = draft.rng
    latest_due = month_of(draft.year - draft.rules.max_tenure_years, 1)
    if entry <= latest_due and rng.random() < 0.16:
        earliest = max(entry, latest_due - 12 * 4)
        since = rng.randint(earliest, latest_due) if rng.random() < 0.6 else entry
        return max(since, entry)
    earliest = max(entry, latest_due + 1)
    if earliest > LAST_HISTORY_MONTH:
        earliest = LAST_HISTORY_MONTH
    if entry >= earliest and rng.random() < 0.5:
        return entry
    return rng.randint(earliest, LAST_HISTORY_MONTH)


def _draw_home_region(draft: Draft, region) -> str:
    """Region of origin: often the current unit's, now and then outside the scenario (SPEC 2)."""
    rng = draft.rng
    if region is not None and rng.random() < 0.45:
        return region.region_id
    if rng.random() < 0.03:
        return f"X{rng.randint(1, 30):02d}"
    return rng.choice(draft.regions).region_id


def _draw_talent_pool(draft: Draft) -> None:
    """About 8% of the cadres; excellent ratings are six times as likely to be in the reservoir (蓄水池)."""
    rng = draft.rng
    pool = [c for c in draft.cadres if not c.recruit and c.rating != "basic"]
    cum = list(accumulate(6 if c.rating == "excellent" else 1 for c in pool))
    n = max(1, round(0.08 * len(draft.cadres)))
    chosen: set = set()
    while len(chosen) < min(n, len(pool)):
        chosen.update(rng.choices(range(len(pool)), cum_weights=cum, k=n - len(chosen)))
    for c in draft.cadres:
        c.talent_pool = False
    for i in sorted(chosen):
        pool[i].talent_pool = True


def build_relations(draft: Draft) -> None:
    """Kin pairs (亲属回避), about a third of them serving in the same unit today.

    Parameters
    ----------
    draft : Draft
        Needs ``cadres``; gets ``relations`` and each cadre's ``relatives``.
    """
    rng = draft.rng
    cadres = draft.cadres
    n_pairs = max(1, round(len(cadres) * 0.012))
    by_unit: dict = {}
    for c in cadres:
        if c.unit is not None:
            by_unit.setdefault(c.unit.unit_id, []).append(c)
    shared_units = [v for _, v in sorted(by_unit.items()) if len(v) >= 2]
    used: set = set()
    for k in range(n_pairs * 4):
        if len(draft.relations) >= n_pairs:
            break
        if k % 3 == 0 and shared_units:
            a, b = rng.sample(rng.choice(shared_units), 2)
        else:
            a, b = rng.sample(cadres, 2)
        if a.index in used or b.index in used:
            continue
        used.update((a.index, b.index))
        if a.gender != b.gender and rng.random() < 0.7:
            relation = SPOUSE
        else:
            relation = SIBLING
            b.surname = a.surname
        a.relatives.append(b)
        b.relatives.append(a)
        draft.relations.append((a, b, relation))
