"""How large a generated scenario is, and how its openings divide by kind.

Sizes (approximate cadres / units / openings)::

    tiny        12 /     8 /     8
    municipal  300 /    40 /    60
    province  5000 /   400 /   900
    national 50000 /  3000 /  8000

Breadth is how much an opening accepts: ``narrow`` openings read like real calls for
applicants (one or two ranks, one to three specialties, often a post type or a certificate);
``broad`` openings accept wide specialty and rank lists, so that about a third of all cadre x
opening pairs pass the eligibility filters (issue 14: the planner must not fall over when a
bureau's openings are broad).
"""
from __future__ import annotations

from dataclasses import dataclass

PLAN_YEAR = 2027
SPECIALTIES = ("environment", "chemistry", "law", "finance", "it", "ecology", "biology", "management")
CERTIFICATES = ("enforcement", "monitoring", "eia")
RANK_ORDER = ("staff", "deputy_section", "section")
POST_TYPES = ("admin", "civil", "institution")
SIZES = ("tiny", "municipal", "province", "national")
BREADTHS = ("narrow", "broad")


@dataclass(frozen=True)
class SizeParams:
    """Shape of a generated scenario (counts are targets; the result is close to them)."""
    name: str
    cities: int
    regions_per_city: int
    depts_per_city: int
    city_level: bool          # a city enforcement detachment and monitoring centre per city
    station_share: float      # share of counties with a monitoring station
    brigade_share: float      # share of counties with an enforcement brigade
    externals: int
    cadres: int
    openings: int


PARAMS = {
    "tiny": SizeParams("清源市生态环境局 {y} 年度交流计划（小样例）", 1, 3, 2, False, 0.34, 0.34, 1, 12, 8),
    "municipal": SizeParams("{city}生态环境局 {y} 年度年轻干部交流计划", 1, 8, 10, True, 1.0, 1.0, 4, 300, 60),
    "province": SizeParams("江岚省生态环境系统 {y} 年度年轻干部交流计划", 12, 8, 10, True, 0.85, 0.85, 10, 5000, 900),
    "national": SizeParams("全国生态环境系统 {y} 年度年轻干部交流计划（规模测试）", 100, 8, 8, True, 0.7, 0.7, 20,
                           50000, 8000),
}

# Share of the openings by kind (of the target count): postings, then the temporary assignments
# (挂职锻炼, 上派跟班学习) and tasks (督察, "四进"工作队, 帮扶执法).
KIND_SHARE = {"posting": 0.55, "guazhi": 0.08, "shangpai": 0.07, "ducha": 0.12, "sijin": 0.09, "bangfu": 0.09}
# The tiny scenario takes one of each away kind but "四进".
TINY_AWAY_COUNTS = {"guazhi": 1, "shangpai": 1, "ducha": 1, "sijin": 0, "bangfu": 1}


def size_params(size: str) -> SizeParams:
    """The shape of ``size``.

    Parameters
    ----------
    size : {"tiny", "municipal", "province", "national"}

    Returns
    -------
    SizeParams

    Raises
    ------
    ValueError
        For an unknown size.
    """
    if size not in PARAMS:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    return PARAMS[size]


def check_breadth(breadth: str) -> str:
    """``breadth`` itself when it is ``narrow`` or ``broad``.

    Parameters
    ----------
    breadth : str

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For any other value.
    """
    if breadth not in BREADTHS:
        raise ValueError(f"unknown breadth {breadth!r}; choose one of {', '.join(BREADTHS)}")
    return breadth
