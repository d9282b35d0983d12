"""Deterministic synthetic scenarios that are feasible by construction (``planner generate``).

``generate_scenario(size, seed)`` builds a whole :class:`models.Scenario` in memory - no pandas,
no files - from ``random.Random`` seeded with the size and the seed, so the same size and seed
always give an equal scenario. The content reads like a real Ecology and Environment system: one
or more cities (市), each with its bureau departments (局机关科室), a city enforcement detachment
(执法支队) and monitoring centre, and districts and counties (区/县, some remote) that each hold a
branch (分局), a monitoring station (监测站) and an enforcement brigade (执法大队); higher bodies
(省生态环境厅xx处, 生态环境部xx司) receive cadres for 上派跟班学习.

Sizes (approximate cadres / units / openings)::

    tiny        12 /     8 /     8
    municipal  300 /    40 /    60
    province  5000 /   400 /   900
    national 50000 /  3000 /  8000

How feasibility is ensured
--------------------------
The generator never draws openings first and hopes that a plan exists. It builds a *witness
plan* - a list of (cadre, opening) pairs - while it creates the openings, keeps every hard rule
of SPEC section 4 true for the witness at each step, and only then derives the numbers that the
rules test (seats, min_seats, team_needs, locks) from the witness:

1. **Who must move.** Every new recruit (R4), every cadre whose years at the current unit reach
   ``max_tenure_years`` (R6), and one cadre of each kin pair serving in the same unit (R7) is a
   *mover*. Derived facts come from :mod:`models.facts` on the cadres and history just drawn.
2. **Postings grow from a seed cadre.** For each mover still without a posting, a target unit
   is drawn among the units that mover may go to: not the current unit (R1), not a unit of a
   posting that ended in the ``no_return_years`` before the plan (R5), a grassroots unit for a
   recruit or a first-stop-restricted cadre (R4), and not the unit where any relative is based
   (the relative's witness posting, else current unit: R7). A posting opening is then *tailored*
   to the seed: its accepted ranks include the seed's rank, its specialties the seed's
   specialty, its certificates are a subset of the seed's, its post type, minimum rating, age
   and service limits all admit the seed (R2). The seed takes it in the witness (R1, R4, R6),
   and other unposted movers who pass the same checks fill further seats. When an opening would
   admit too many cadres (estimated from head counts by specialty, rank, post type and
   certificate), it is narrowed step by step - fewer specialties, one rank, the seed's post
   type, a certificate, an age limit, ... - each step again admitting the seed.
3. **Temporary assignments and tasks grow the same way.** The unit is drawn by kind (挂职锻炼:
   remote hard branches; 上派跟班学习: external bodies; 督察/"四进"/帮扶执法: branches), the
   months are drawn, and a seed is searched whose months are free and whose total stays within
   ``max_away_months`` (R8), who is not exempt when the hardship is above 0 (R10), and, for a
   task, whose home region and current region differ from the unit's region (R7). Further
   members pass the same checks and are never a relative of someone already on the team (R7).
   A 督察 or 帮扶执法 seed is drawn among holders of the enforcement certificate.
4. **Numbers come last.** ``seats`` is the witness count plus slack, ``min_seats`` is at most the
   witness count, ``team_needs`` ask at most what the witness team holds (R9, and only on
   openings the witness uses), ``require`` locks are drawn from witness pairs and ``forbid``
   locks from non-witness pairs (R11). Extra posting openings, seeded from cadres who need not
   move, give the solver choices; most have no witness holder and therefore ``min_seats`` 0.

The witness therefore satisfies R1-R11 by construction; ``generate_with_witness`` returns it so
the tests can verify that independently (``tests/test_generate.py``).

Openings are kept narrow (one or two ranks, one to three specialties, often a post type or a
certificate), so that at province size an opening has at most a few hundred eligible cadres, as
real posting announcements do; this also keeps the solver's candidate list sparse.
"""
from __future__ import annotations

import logging
import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from models import facts
from models.months import month_of
from models.scenario import (
    RATING_ORDER,
    Cadre,
    Fit,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Relation,
    Rules,
    Scenario,
    SolverSettings,
    Unit,
    Weights,
)

log = logging.getLogger(__name__)

PLAN_YEAR = 2027
SPECIALTIES = ("environment", "chemistry", "law", "finance", "it", "ecology", "biology", "management")
CERTIFICATES = ("enforcement", "monitoring", "eia")
SIZES = ("tiny", "municipal", "province", "national")


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

# Share of the openings by kind (of the target count).
_SHARE = {"posting": 0.55, "guazhi": 0.08, "shangpai": 0.07, "ducha": 0.12, "sijin": 0.09, "bangfu": 0.09}

# --------------------------------------------------------------------------------------------
# Chinese content
# --------------------------------------------------------------------------------------------
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
             "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
             "郝龚邵万钱严覃武戴莫孔向汤")
_SURNAME_CUM = tuple(accumulate(1.0 / (i + 4) for i in range(len(_SURNAMES))))
_MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳志晨博文宏哲睿昊泽轩毅峰昕航诚然瑞远"
_FEMALE_CHARS = "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳倩洁悦欣佳晶璐萌瑶琪蕾薇岚怡宁雯梦晓欢月彤楠诗涵萱"
_ETHNIC = (("汉族", 92.0), ("回族", 1.5), ("满族", 1.0), ("壮族", 1.0), ("土家族", 1.0), ("苗族", 0.8),
           ("蒙古族", 0.6), ("彝族", 0.6), ("藏族", 0.5), ("侗族", 0.4), ("瑶族", 0.3), ("白族", 0.3))
_CITY_FIRST = "清云临安青泽嘉宁丰华鹤桐兰梧榆松柏杉桂枫晋湘澄沅汶渭淮洛汾漳灵秀"
_CITY_SECOND = "江川澜平岚阳州源城峡海宁原溪"
_REGION_FIRST = "东西南北中清平安永长新青白云龙凤金石桥柳桃梅松江河湖山临宁泰丰兴华盛德福高广昌鹤岚溪望和嘉瑞"
_REGION_SECOND = "湖河江山阳平安宁源城林溪泉州水岭川峰原台田塘口坪陵丘坝关门岩洲浦湾坡堡营"
# Bureau departments (局机关科室) with the specialty they mostly employ.
_DEPTS = (("办公室", "management"), ("综合科", "management"), ("法规与标准科", "law"),
          ("行政审批科", "environment"), ("生态环境监测科", "chemistry"), ("大气环境科", "environment"),
          ("水生态环境科", "environment"), ("土壤生态环境科", "environment"), ("固体废物与化学品科", "chemistry"),
          ("自然生态保护科", "ecology"), ("环境影响评价科", "environment"), ("科技与财务科", "finance"),
          ("宣传教育科", "management"), ("人事科", "management"), ("应对气候变化科", "environment"),
          ("信息中心", "it"))
_EXTERNALS = ("省生态环境厅大气环境处", "生态环境部环境影响评价与排放管理司", "省生态环境厅水生态环境处",
              "生态环境部生态环境监测司", "省生态环境厅法规与标准处", "生态环境部法规与标准司",
              "省生态环境厅自然生态保护处", "生态环境部大气环境司", "省生态环境厅土壤生态环境处",
              "生态环境部水生态环境司", "省生态环境厅生态环境监测处", "生态环境部自然生态保护司",
              "省生态环境厅科技与财务处", "生态环境部土壤生态环境司", "省生态环境厅综合处",
              "生态环境部固体废物与化学品司", "省生态环境厅环境影响评价处", "生态环境部生态环境执法局",
              "省生态环境厅应对气候变化处", "生态环境部应对气候变化司", "生态环境部科技与财务司",
              "生态环境部综合司", "生态环境部海洋生态环境司", "生态环境部核设施安全监管司")
# What a posting for a specialty is called.
_POST_TITLE = {"environment": "环境管理岗位", "chemistry": "监测分析岗位", "law": "法制审核岗位",
               "finance": "财务管理岗位", "it": "信息化岗位", "ecology": "生态保护岗位",
               "biology": "生物多样性保护岗位", "management": "综合管理岗位"}
# Specialties that an opening for one specialty plausibly also accepts.
_RELATED = {"environment": ("ecology", "chemistry", "biology", "law"),
            "chemistry": ("environment", "biology"),
            "law": ("management", "environment"),
            "finance": ("management", "it"),
            "it": ("management", "finance"),
            "ecology": ("biology", "environment"),
            "biology": ("ecology", "environment", "chemistry"),
            "management": ("law", "finance", "it")}
# Specialty mix by unit level.
_SPEC_MIX = {
    "bureau": (20, 5, 15, 15, 10, 10, 5, 20),
    "branch": (30, 10, 15, 5, 5, 15, 5, 15),
    "station": (30, 35, 2, 2, 6, 10, 13, 2),
    "brigade": (35, 10, 35, 2, 3, 5, 2, 8),
    "centre": (30, 35, 2, 2, 10, 8, 10, 3),
    "detachment": (35, 10, 35, 2, 5, 5, 2, 6),
    "recruit": (25, 12, 15, 10, 10, 12, 8, 8),
}
_POST_TYPE_MIX = {
    "bureau": (("admin", 85), ("civil", 15)),
    "branch": (("admin", 60), ("civil", 35), ("institution", 5)),
    "station": (("institution", 85), ("civil", 15)),
    "brigade": (("civil", 85), ("admin", 15)),
    "centre": (("institution", 85), ("civil", 15)),
    "detachment": (("civil", 80), ("admin", 20)),
    "recruit": (("admin", 50), ("civil", 40), ("institution", 10)),
}
_CERT_P = {  # probability of enforcement, monitoring, eia by unit kind
    "bureau": (0.10, 0.05, 0.10), "branch": (0.55, 0.15, 0.10), "station": (0.08, 0.75, 0.05),
    "brigade": (0.85, 0.05, 0.05), "centre": (0.05, 0.75, 0.05), "detachment": (0.85, 0.05, 0.05),
    "recruit": (0.0, 0.0, 0.0),
}
_TITLES = {"staff": ("科员", "一级科员", "二级科员"), "deputy_section": ("副科长", "四级主任科员", "副主任"),
           "section": ("科长", "三级主任科员", "主任")}
_CN_NUM = "一二三四五六七八九十"
_ENTRY_AGE = {"大专": (20, 21), "本科": (22, 23), "硕士": (25, 26), "博士": (28, 30)}
_LAST_HISTORY_MONTH = month_of(PLAN_YEAR - 1, 12)
_REQUIRE_NOTES = ("党组会预先研究决定", "组织点名培养", "援派工作需要，组织确定人选", "上级部门商调")
_FORBID_NOTES = {"posting": ("本人意愿，但组织另有考虑", "岗位需要，暂不交流", "原单位工作需要，暂缓交流"),
                 "temporary": ("家庭原因，组织暂不安排", "本人意愿，但组织另有考虑", "原单位工作需要，暂缓外派"),
                 "task": ("家庭原因，组织暂不安排", "原单位工作需要，暂缓外派", "本人意愿，但组织另有考虑")}


# --------------------------------------------------------------------------------------------
# Working records (mutable while generating; frozen dataclasses are built at the end)
# --------------------------------------------------------------------------------------------
class _U:
    __slots__ = ("unit_id", "name", "region", "level", "kind", "grassroots", "hardship", "key_shortage",
                 "dept_spec", "city")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)


class _P:
    """A cadre while generating, with the facts the witness needs."""
    __slots__ = ("idx", "cadre_id", "surname", "given", "gender", "birth", "entry", "education", "specialty",
                 "rank", "post_type", "unit", "unit_since", "home", "rating", "talent", "certs", "exempt",
                 "ethnic", "title", "no_gr", "history", "partners",
                 # facts and witness state
                 "cadre", "service", "age", "rating_ord", "region", "restricted", "due", "no_return",
                 "posting", "busy", "away", "away_ops")

    def __init__(self):
        self.partners = []
        self.history = []
        self.posting = None
        self.busy = 0
        self.away = 0
        self.away_ops = []

    @property
    def recruit(self) -> bool:
        return self.unit is None

    def base(self):
        """Unit the cadre is based in after the witness: the new posting, else the current unit."""
        if self.posting is not None:
            return self.posting.unit
        return self.unit


class _O:
    """An opening while generating; ``unit`` is a ``_U``, ``witness`` the cadres holding it."""
    __slots__ = ("seq", "name", "kind", "unit", "start", "end", "ranks", "specialties", "certificates",
                 "post_type", "allow_transfer", "min_rating", "talent_pool_only", "min_service_years",
                 "max_age", "team_needs", "hardship", "development", "witness", "opening_id",
                 "seats", "min_seats")

    def __init__(self, **kw):
        self.witness = []
        self.team_needs = ()
        self.hardship = None
        for k, v in kw.items():
            setattr(self, k, v)

    def eff_hardship(self) -> int:
        return self.unit.hardship if self.hardship is None else self.hardship

    def mask(self) -> int:
        return ((1 << (self.end + 1)) - 1) ^ ((1 << self.start) - 1)


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------
class _Generator:
    def __init__(self, size: str, seed: int):
        if size not in PARAMS:
            raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
        self.size = size
        self.p = PARAMS[size]
        self.rng = random.Random(f"planner-generate/{size}/{seed}")
        self.rules = Rules()
        self.year = PLAN_YEAR
        self.regions: list = []
        self.units: list = []
        self.people: list = []
        self.openings: list = []
        self.relations: list = []
        self._seq = 0

    # ---- regions and units -----------------------------------------------------------------
    def _unique_names(self, first: str, second: str, n: int, taken: set) -> list:
        rng, out = self.rng, []
        while len(out) < n:
            a, b = rng.choice(first), rng.choice(second)
            if a == b or a + b in taken:
                continue
            taken.add(a + b)
            out.append(a + b)
        return out

    def build_units(self) -> None:
        p, rng = self.p, self.rng
        taken: set = set()
        cities = ["清江"] if self.size == "municipal" else ["清源"] if self.size == "tiny" else []
        taken.update(cities)
        cities += self._unique_names(_CITY_FIRST, _CITY_SECOND, p.cities - len(cities), taken)
        self.city_names = [c + "市" for c in cities]
        n_regions = p.cities * p.regions_per_city
        rw = max(2, len(str(n_regions)))
        shorts = self._unique_names(_REGION_FIRST, _REGION_SECOND, n_regions, set(taken))
        uw = max(3, len(str(int(n_regions * 3.4 + p.cities * (p.depts_per_city + 2) + p.externals))))
        units = self.units

        def add_unit(**kw):
            u = _U(unit_id=f"U{len(units) + 1:0{uw}d}", dept_spec=None, **kw)
            units.append(u)
            return u

        multi = p.cities > 1
        self.external_units = []
        for ci, city in enumerate(self.city_names):
            city_regions = []
            for k in range(p.regions_per_city):
                short = shorts[ci * p.regions_per_city + k]
                central = k == 0
                # Each city keeps at least one remote county, so hard branches exist everywhere.
                remote = (not central) and (k == 1 or rng.random() < 0.35)
                suffix = "区" if central or (not remote and rng.random() < 0.4) else "县"
                r = Region(f"R{len(self.regions) + 1:0{rw}d}", short + suffix, remote)
                self.regions.append(r)
                city_regions.append((r, short, central))
            central_region = city_regions[0][0]
            prefix = "局机关" if not multi else f"{city}局"
            depts = list(_DEPTS[:p.depts_per_city]) if not multi else rng.sample(_DEPTS, p.depts_per_city)
            for dname, dspec in depts:
                u = add_unit(name=prefix + dname, region=central_region, level="bureau", kind="bureau",
                             grassroots=False, hardship=0, key_shortage=False, city=ci)
                u.dept_spec = dspec
            if p.city_level:
                add_unit(name=f"{city}生态环境保护综合执法支队", region=central_region, level="brigade",
                         kind="detachment", grassroots=False, hardship=0, key_shortage=False, city=ci)
                add_unit(name=f"{city}生态环境监测中心", region=central_region, level="station",
                         kind="centre", grassroots=False, hardship=0, key_shortage=False, city=ci)
            if ci == 0:
                for name in _EXTERNALS[:p.externals]:
                    self.external_units.append(add_unit(
                        name=name, region=central_region, level="external", kind="external",
                        grassroots=False, hardship=0, key_shortage=False, city=ci))
            n_st = max(1, round(p.station_share * len(city_regions)))
            n_br = max(1, round(p.brigade_share * len(city_regions)))
            with_station = set(rng.sample(range(len(city_regions)), n_st))
            with_brigade = set(rng.sample(range(len(city_regions)), n_br))
            for k, (r, short, central) in enumerate(city_regions):
                if central:
                    bh = 0
                elif r.remote:
                    bh = rng.choice((2, 2, 3, 3, 1)) if k != 1 else rng.choice((2, 3))
                else:
                    bh = rng.choice((0, 0, 1))
                short_name = short      # 望州县 -> 望州分局
                ks = rng.random() < (0.5 if r.remote else 0.15)
                add_unit(name=f"{short_name}分局", region=r, level="branch", kind="branch", grassroots=True,
                         hardship=bh, key_shortage=ks, city=ci)
                if k in with_station:
                    sh = rng.choice((1, 2)) if r.remote else 0
                    add_unit(name=f"{short_name}生态环境监测站", region=r, level="station", kind="station",
                             grassroots=True, hardship=sh, key_shortage=rng.random() < (0.4 if r.remote else 0.1),
                             city=ci)
                if k in with_brigade:
                    hh = rng.choice((1, 2)) if r.remote else rng.choice((0, 0, 1))
                    add_unit(name=f"{short_name}生态环境执法大队", region=r, level="brigade", kind="brigade",
                             grassroots=True, hardship=hh, key_shortage=rng.random() < (0.4 if r.remote else 0.15),
                             city=ci)
        # Make sure a key shortage unit exists even in the smallest scenario.
        grass = [u for u in units if u.grassroots]
        if not any(u.key_shortage for u in grass):
            max(grass, key=lambda u: (u.hardship, u.unit_id)).key_shortage = True
        self.grass_units = grass
        self.post_units = [u for u in units if u.level != "external"]
        self.branches = [u for u in units if u.kind == "branch"]
        self.hard_branches = [u for u in self.branches if u.hardship >= 2] or \
            sorted(self.branches, key=lambda u: -u.hardship)[:1]
        self.remote_branches = [u for u in self.branches if u.hardship >= 1] or self.branches
        self.non_grass_post_units = [u for u in self.post_units if not u.grassroots]

    # ---- cadres ----------------------------------------------------------------------------
    _UNIT_WEIGHT = {"bureau": 4, "detachment": 8, "centre": 8, "branch": 10, "station": 6, "brigade": 6,
                    "external": 0}

    def _name(self, gender: str) -> tuple:
        rng = self.rng
        surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
        chars = _MALE_CHARS if gender == "M" else _FEMALE_CHARS
        given = rng.choice(chars) if rng.random() < 0.35 else rng.choice(chars) + rng.choice(chars)
        return surname, given

    def build_cadres(self) -> None:
        p, rng = self.p, self.rng
        n_recruits = max(1, round(p.cadres * rng.uniform(0.03, 0.05)))
        n_existing = p.cadres - n_recruits
        units = [u for u in self.units if self._UNIT_WEIGHT[u.kind] > 0]
        weights = [self._UNIT_WEIGHT[u.kind] for u in units]
        drawn = rng.choices(range(len(units)), weights, k=n_existing)
        # A tiny scenario should still have people in most units.
        if self.size == "tiny":
            drawn = list(range(len(units))) + drawn[: max(0, n_existing - len(units))]
        drawn.sort()
        placed = [units[i] for i in drawn] + [None] * n_recruits
        cw = max(4, len(str(p.cadres)))
        seen_names: set = set()
        for i, u in enumerate(placed):
            q = _P()
            q.idx = i
            q.cadre_id = f"C{i + 1:0{cw}d}"
            q.gender = "M" if rng.random() < 0.55 else "F"
            for _ in range(6):
                q.surname, q.given = self._name(q.gender)
                if q.surname + q.given not in seen_names or p.cadres > 5000:
                    break
            seen_names.add(q.surname + q.given)
            q.ethnic = rng.choices([e for e, _ in _ETHNIC], [w for _, w in _ETHNIC])[0]
            if u is None:
                self._recruit(q)
            else:
                self._existing(q, u)
            self.people.append(q)
        self._talent_pool()

    def _recruit(self, q: _P) -> None:
        rng = self.rng
        q.unit, q.unit_since = None, None
        q.education = rng.choices(("本科", "硕士", "博士"), (55, 40, 5))[0]
        lo, hi = _ENTRY_AGE[q.education]
        entry_year = self.year - 1
        birth_year = min(2003, entry_year - rng.randint(lo, hi + 2))
        q.birth = month_of(birth_year, rng.randint(1, 12))
        q.entry = month_of(entry_year, rng.randint(7, 12))
        q.specialty = rng.choices(SPECIALTIES, _SPEC_MIX["recruit"])[0]
        q.rank = "staff"
        q.post_type = rng.choices(*zip(*_POST_TYPE_MIX["recruit"]))[0]
        q.rating = "competent"
        q.certs = frozenset()
        q.exempt = rng.random() < 0.01
        q.title = "试用期公务员" if q.post_type != "institution" else "见习期人员"
        q.home = self._home(None)
        q.no_gr = True

    def _existing(self, q: _P, u: _U) -> None:
        rng = self.rng
        q.unit = u
        q.education = rng.choices(("本科", "硕士", "博士", "大专"), (55, 33, 4, 8))[0]
        birth_year = rng.randint(1985, 2003)
        lo, hi = _ENTRY_AGE[q.education]
        if birth_year + lo > self.year - 1:
            q.education = "本科" if birth_year + 22 <= self.year - 1 else "大专"
            lo, hi = _ENTRY_AGE[q.education]
        entry_year = min(self.year - 1, birth_year + rng.randint(lo, hi + 1))
        q.birth = month_of(birth_year, rng.randint(1, 12))
        q.entry = month_of(entry_year, rng.choice((7, 7, 8, 8, 9, 3, 12)))
        if q.entry > _LAST_HISTORY_MONTH:
            q.entry = _LAST_HISTORY_MONTH
        service = self.year - entry_year
        spec_mix = _SPEC_MIX[u.kind]
        if u.dept_spec and rng.random() < 0.5:
            q.specialty = u.dept_spec
        else:
            q.specialty = rng.choices(SPECIALTIES, spec_mix)[0]
        if service <= 2:
            q.rank = "staff"
        elif service <= 5:
            q.rank = rng.choices(("staff", "deputy_section"), (70, 30))[0]
        elif service <= 9:
            q.rank = rng.choices(("staff", "deputy_section", "section"), (30, 55, 15))[0]
        else:
            q.rank = rng.choices(("staff", "deputy_section", "section"), (10, 50, 40))[0]
        q.post_type = rng.choices(*zip(*_POST_TYPE_MIX[u.kind]))[0]
        q.rating = rng.choices(("excellent", "competent", "basic"), (15, 80, 5))[0]
        pe, pm, pi = _CERT_P[u.kind]
        q.certs = frozenset(c for c, pr in zip(CERTIFICATES, (pe, pm, pi)) if rng.random() < pr)
        q.exempt = rng.random() < 0.03
        titles = _TITLES[q.rank]
        if u.kind in ("station", "centre") and q.post_type == "institution":
            q.title = {"staff": "助理工程师", "deputy_section": "工程师", "section": "高级工程师"}[q.rank]
        elif u.kind == "branch" and q.rank == "section" and rng.random() < 0.4:
            q.title = "副局长"
        else:
            q.title = rng.choice(titles)
        q.home = self._home(u.region)
        # About 45% of the cadres outside grassroots units never served at one (R4, fairness).
        q.no_gr = (not u.grassroots) and rng.random() < 0.45
        # unit_since: ~10% of all cadres are rotation due (>= max_tenure_years at the unit, R6).
        latest_due = month_of(self.year - self.rules.max_tenure_years, 1)
        if q.entry <= latest_due and rng.random() < 0.16:
            lo_m = max(q.entry, latest_due - 12 * 4)
            q.unit_since = rng.randint(lo_m, latest_due) if rng.random() < 0.6 else q.entry
            if q.unit_since < q.entry:
                q.unit_since = q.entry
        else:
            lo_m = max(q.entry, latest_due + 1)
            if lo_m > _LAST_HISTORY_MONTH:
                lo_m = _LAST_HISTORY_MONTH
            q.unit_since = q.entry if (q.entry >= lo_m and rng.random() < 0.5) else rng.randint(lo_m, _LAST_HISTORY_MONTH)
        self._history(q)

    def _home(self, region) -> str:
        rng = self.rng
        if region is not None and rng.random() < 0.45:
            return region.region_id
        if rng.random() < 0.03:
            # Home regions may lie outside the scenario (SPEC 2: cadres.home_region).
            return f"X{rng.randint(1, 30):02d}"
        return rng.choice(self.regions).region_id

    def _pick_unit(self, pool: list, avoid: set):
        for _ in range(30):
            u = self.rng.choice(pool)
            if u.unit_id not in avoid:
                return u
        return None

    def _history(self, q: _P) -> None:
        """Past postings fill entry..unit_since-1; temporary assignments and tasks lie in between."""
        rng = self.rng
        span = q.unit_since - q.entry
        rows = []
        if span >= 6:
            k = 1 if span < 30 else 2 if span < 66 else 3
            k = min(k, span // 6)
            cuts = sorted(rng.sample(range(q.entry + 6, q.unit_since - 5), k - 1)) if k > 1 else []
            # Keep every segment at least 6 months long.
            bounds = [q.entry] + cuts + [q.unit_since]
            if any(b - a < 6 for a, b in zip(bounds, bounds[1:])):
                bounds = [q.entry, q.unit_since]
            pool_ng = self.non_grass_post_units
            nxt = q.unit
            segs = []
            for a, b in reversed(list(zip(bounds, bounds[1:]))):
                first = a == q.entry
                if q.no_gr:
                    pool = pool_ng
                else:
                    pool = self.grass_units if (first and rng.random() < 0.7) else self.post_units
                u = self._pick_unit(pool, {nxt.unit_id}) or self._pick_unit(self.post_units, {nxt.unit_id})
                segs.append(("posting", u, a, b - 1))
                nxt = u
            rows.extend(reversed(segs))
        elif span > 0:
            q.unit_since = q.entry
        # Temporary assignments and tasks in the past, not overlapping each other.
        service = self.year - q.entry // 12
        n_away = rng.choice((0, 0, 1, 1, 2, 3)) if service >= 2 else 0
        taken = []
        for _ in range(n_away):
            if rng.random() < 0.4:
                kind = "temporary"
                if q.no_gr:
                    u = rng.choice(self.external_units) if self.external_units else None
                else:
                    u = rng.choice(self.hard_branches + self.external_units)
                length = rng.randint(3, 12)
            else:
                kind = "task"
                u = rng.choice(self.branches)
                length = rng.randint(1, 3)
            if u is None or u is q.unit:
                continue
            lo, hi = q.entry, _LAST_HISTORY_MONTH - length + 1
            if hi < lo:
                continue
            s = rng.randint(lo, hi)
            e = s + length - 1
            if any(not (e < a or s > b) for a, b in taken):
                continue
            taken.append((s, e))
            rows.append((kind, u, s, e))
        rows.sort(key=lambda r: (r[2], r[3]))
        q.history = rows

    def _talent_pool(self) -> None:
        rng = self.rng
        pool = [q for q in self.people if not q.recruit and q.rating != "basic"]
        cum = list(accumulate(6 if q.rating == "excellent" else 1 for q in pool))
        n = max(1, round(0.08 * len(self.people)))
        chosen: set = set()
        while len(chosen) < min(n, len(pool)):
            # Excellent ratings are six times as likely to be in the reservoir (蓄水池).
            chosen.update(rng.choices(range(len(pool)), cum_weights=cum, k=n - len(chosen)))
        for q in self.people:
            q.talent = False
        for i in sorted(chosen):
            pool[i].talent = True

    def build_relations(self) -> None:
        """Kin pairs (亲属回避), about a third of them serving in the same unit today."""
        rng = self.rng
        people = self.people
        n_pairs = max(1, round(len(people) * 0.012))
        by_unit: dict = {}
        for q in people:
            if q.unit is not None:
                by_unit.setdefault(q.unit.unit_id, []).append(q)
        multi = [v for k, v in sorted(by_unit.items()) if len(v) >= 2]
        used: set = set()
        for k in range(n_pairs * 4):
            if len(self.relations) >= n_pairs:
                break
            if k % 3 == 0 and multi:
                grp = rng.choice(multi)
                a, b = rng.sample(grp, 2)
            else:
                a, b = rng.sample(people, 2)
            if a.idx in used or b.idx in used:
                continue
            used.update((a.idx, b.idx))
            if a.gender != b.gender and rng.random() < 0.7:
                rel = "配偶"
            else:
                rel = "兄弟姐妹"
                b.surname = a.surname
            a.partners.append(b)
            b.partners.append(a)
            self.relations.append((a, b, rel))

    # ---- frozen cadres, history, and facts -------------------------------------------------
    def freeze_cadres(self) -> None:
        for q in self.people:
            q.cadre = Cadre(
                cadre_id=q.cadre_id, name=q.surname + q.given, gender=q.gender, birth=q.birth, entry=q.entry,
                education=q.education, specialty=q.specialty, rank=q.rank, post_type=q.post_type,
                unit_id=q.unit.unit_id if q.unit else None, unit_since=q.unit_since, home_region=q.home,
                rating=q.rating, talent_pool=q.talent, certificates=q.certs, exempt=q.exempt,
                extra=(("民族", q.ethnic), ("职务", q.title)))
        self.history_rows = tuple(HistoryRow(q.cadre_id, u.unit_id, kind, s, e)
                                  for q in self.people for kind, u, s, e in q.history)
        self.region_objs = tuple(self.regions)
        self.unit_objs = tuple(Unit(u.unit_id, u.name, u.region.region_id, u.level, u.grassroots, u.hardship,
                                    u.key_shortage) for u in self.units)
        base = Scenario(name="", plan_year=self.year, regions=self.region_objs, units=self.unit_objs,
                        cadres=tuple(q.cadre for q in self.people), openings=(), history=self.history_rows,
                        rules=self.rules)
        self.unit_by_id = {u.unit_id: u for u in self.units}
        y = self.year
        for q in self.people:
            c = q.cadre
            q.service = facts.service_years(c, y)
            q.age = facts.age(c, y)
            q.rating_ord = RATING_ORDER[q.rating]
            q.region = q.unit.region.region_id if q.unit else None
            q.restricted = facts.first_stop_restricted(base, c)
            q.due = facts.rotation_due(base, c)
            q.no_return = facts.no_return_units(base, c)
        self._build_counts()

    def _build_counts(self) -> None:
        """Head counts by (specialty, rank) -> (post type, certificates), to estimate how many
        cadres an opening admits without looping over cadres (see ``_narrow``)."""
        counts: dict = {}
        for q in self.people:
            key = (q.specialty, q.rank)
            sub = counts.setdefault(key, {})
            k2 = (q.post_type, _cert_mask(q.certs))
            sub[k2] = sub.get(k2, 0) + 1
        self.counts = {k: tuple((pt, cm, n) for (pt, cm), n in sorted(v.items())) for k, v in counts.items()}
        n = len(self.people)
        self.ages = sorted(q.age for q in self.people)
        self.services = sorted(q.service for q in self.people)
        self.rating_share = {r: sum(q.rating_ord >= v for q in self.people) / n for r, v in RATING_ORDER.items()}
        self.talent_share = sum(q.talent for q in self.people) / n
        # At province size an opening should admit at most a few hundred cadres (a real call for
        # applicants is narrow, and the solver's candidate list stays sparse).
        self.cap = min(400, max(60, round(0.05 * n)))

    # ---- eligibility -----------------------------------------------------------------------
    def _eligible(self, q: _P, o: _O) -> bool:
        """R2, as SPEC 4 words it."""
        if o.ranks and q.rank not in o.ranks:
            return False
        if o.specialties and q.specialty not in o.specialties:
            return False
        if o.certificates and not o.certificates <= q.certs:
            return False
        if o.post_type and o.post_type != q.post_type:
            if not (o.allow_transfer and self.rules.allow_transfer
                    and {o.post_type, q.post_type} <= {"admin", "civil"}):
                return False
        if q.rating_ord < RATING_ORDER[o.min_rating]:
            return False
        if o.talent_pool_only and not q.talent:
            return False
        if q.service < o.min_service_years:
            return False
        if o.max_age is not None and q.age > o.max_age:
            return False
        return True

    def _unit_ok(self, q: _P, u: _U) -> bool:
        """May ``q`` be posted to ``u`` in the witness? R1 other unit, R4 grassroots, R5, R7 kin."""
        if u is q.unit or u.level == "external":
            return False
        if (q.recruit or q.restricted) and not u.grassroots:
            return False
        if u.unit_id in q.no_return:
            return False
        return all(p.base() is not u for p in q.partners)

    def _away_ok(self, q: _P, o: _O) -> bool:
        """May ``q`` take temporary/task ``o`` in the witness? R7, R8, R10 (R2 is separate)."""
        if q.recruit or q.unit is o.unit:
            return False
        if q.exempt and o.eff_hardship() > 0:
            return False
        if o.kind == "task" and o.unit.region.region_id in (q.home, q.region):
            return False
        m = o.mask()
        if q.busy & m or q.away + (o.end - o.start + 1) > self.rules.max_away_months:
            return False
        return all(p not in o.witness for p in q.partners)

    def _take(self, q: _P, o: _O) -> None:
        o.witness.append(q)
        if o.kind == "posting":
            q.posting = o
        else:
            q.busy |= o.mask()
            q.away += o.end - o.start + 1
            q.away_ops.append(o)

    # ---- tailoring an opening to a seed ----------------------------------------------------
    def _tailor(self, q: _P, kind: str, *, recruit: bool = False, strict: bool = False) -> dict:
        """Restrictions that admit ``q`` (R2) and look like a real announcement."""
        rng = self.rng
        ranks = {q.rank}
        if not recruit and rng.random() < 0.6:
            order = ("staff", "deputy_section", "section")
            i = order.index(q.rank)
            ranks.add(order[min(2, i + 1)] if rng.random() < 0.5 else order[max(0, i - 1)])
        n_spec = rng.choices((1, 2, 3), (30, 40, 30))[0]
        specs = [q.specialty]
        for s in rng.sample(_RELATED[q.specialty], len(_RELATED[q.specialty])):
            if len(specs) >= n_spec:
                break
            specs.append(s)
        certs = frozenset()
        if q.certs and rng.random() < (0.4 if strict else 0.15):
            certs = frozenset({rng.choice(sorted(q.certs))})
        post_type, allow_transfer = None, rng.random() < 0.6
        if rng.random() < (0.4 if kind == "posting" else 0.2):
            post_type = q.post_type
        min_rating = "competent"
        if q.rating == "basic":
            min_rating = "basic"
        elif rng.random() < 0.1:
            min_rating = "basic"
        elif q.rating == "excellent" and rng.random() < (0.5 if strict else 0.1):
            min_rating = "excellent"
        max_age = None
        if rng.random() < (0.4 if strict else 0.15):
            max_age = next(a for a in (30, 32, 35, 38, 40, 45) if a >= q.age)
        min_service = 0
        if not recruit and q.service >= 2 and rng.random() < 0.15:
            min_service = rng.randint(1, min(q.service, 5))
        return dict(ranks=frozenset(ranks), specialties=frozenset(specs), certificates=certs,
                    post_type=post_type, allow_transfer=allow_transfer, min_rating=min_rating,
                    talent_pool_only=False, min_service_years=min_service, max_age=max_age)

    def _estimate(self, o: _O) -> float:
        """About how many cadres pass R2 for ``o`` (independence assumed between the filters)."""
        if o.post_type is None:
            pts = None
        elif o.allow_transfer and o.post_type in ("admin", "civil"):
            pts = ("admin", "civil")
        else:
            pts = (o.post_type,)
        need = _cert_mask(o.certificates)
        total = 0
        for sp in (o.specialties or SPECIALTIES):
            for rk in (o.ranks or ("staff", "deputy_section", "section")):
                for pt, cm, k in self.counts.get((sp, rk), ()):
                    if (pts is None or pt in pts) and cm & need == need:
                        total += k
        n = len(self.people)
        share = self.rating_share[o.min_rating]
        if o.max_age is not None:
            share *= bisect_right(self.ages, o.max_age) / n
        if o.min_service_years:
            share *= 1 - bisect_left(self.services, o.min_service_years) / n
        if o.talent_pool_only:
            share *= self.talent_share
        return total * share

    def _narrow(self, o: _O, q: _P) -> None:
        """Tighten ``o`` step by step until it admits at most ``self.cap`` cadres by estimate.

        Every step keeps the seed ``q`` eligible (R2), so the witness stays valid.
        """
        for _ in self._tightenings(o, q):
            if self._estimate(o) <= self.cap:
                return

    @staticmethod
    def _tightenings(o: _O, q: _P):
        """Yield once before and once after each tightening of ``o`` that keeps ``q`` eligible."""
        yield
        extra = sorted(o.specialties - {q.specialty})
        if extra:
            o.specialties = frozenset(extra[1:]) | {q.specialty}
            yield
        if len(o.ranks) > 1:
            o.ranks = frozenset({q.rank})
            yield
        if len(o.specialties) > 1:
            o.specialties = frozenset({q.specialty})
            yield
        if o.post_type != q.post_type or o.allow_transfer:
            o.post_type, o.allow_transfer = q.post_type, False
            yield
        missing = sorted(q.certs - o.certificates)
        if missing:
            o.certificates = o.certificates | {missing[0]}
            yield
        if o.max_age is None or o.max_age > q.age + 2:
            o.max_age = next(a for a in (28, 30, 32, 35, 38, 40, 45) if a >= q.age)
            yield
        if q.service > o.min_service_years + 1:
            o.min_service_years = min(q.service, 8)
            yield
        if q.rating == "excellent" and o.min_rating != "excellent":
            o.min_rating = "excellent"
            yield
        if q.talent and not o.talent_pool_only:
            o.talent_pool_only = True
            yield

    def _new_opening(self, kind: str, unit: _U, start: int, end: int, name: str, **kw) -> _O:
        self._seq += 1
        o = _O(seq=self._seq, kind=kind, unit=unit, start=start, end=end, name=name, **kw)
        self.openings.append(o)
        return o

    # ---- witness postings ------------------------------------------------------------------
    def _choose_target(self, q: _P) -> _U | None:
        rng = self.rng
        pool = self.grass_units if (q.recruit or q.restricted) else self.post_units
        for _ in range(60):
            u = rng.choice(pool)
            if u.key_shortage is False and rng.random() < 0.3:
                # Key shortage units receive more openings (重点缺人单位).
                continue
            if q.region and u.region.region_id == q.region and rng.random() < 0.5:
                continue          # mostly across regions (打破地域壁垒)
            if self._unit_ok(q, u):
                return u
        for u in pool:
            if self._unit_ok(q, u):
                return u
        return None

    def _posting_name(self, q: _P, u: _U, recruit: bool, o: _O) -> str:
        if recruit:
            return f"{u.name} {self.year}年新录用公务员基层岗位"
        if "enforcement" in o.certificates or (u.kind in ("brigade", "detachment")
                                               and q.specialty in ("law", "environment")):
            return f"{u.name} 执法检查岗位"
        if self.rng.random() < 0.25:
            return f"{u.name} {self.year}年轮岗交流岗位"
        if u.kind in ("station", "centre"):
            title = "监测分析岗位" if q.specialty in ("chemistry", "environment", "biology", "ecology") \
                else "质量管理岗位" if q.specialty != "it" else "信息化岗位"
        elif u.kind in ("brigade", "detachment"):
            title = "综合保障岗位" if q.specialty not in ("chemistry", "ecology", "biology") else "执法监测岗位"
        else:
            title = _POST_TITLE[q.specialty]
        return f"{u.name} {title}"

    def build_postings(self) -> None:
        rng, people = self.rng, self.people
        movers = [q for q in people if q.recruit or q.due]
        mover_set = {q.idx for q in movers}
        for a, b, _ in self.relations:
            if a.unit is not None and a.unit is b.unit and a.idx not in mover_set and b.idx not in mover_set:
                m = a if rng.random() < 0.5 else b
                movers.append(m)
                mover_set.add(m.idx)
        rng.shuffle(movers)
        # Unposted movers by specialty, for filling further seats.
        by_spec: dict = {}
        for q in movers:
            by_spec.setdefault(q.specialty, []).append(q)
        target_postings = max(1, round(self.p.openings * _SHARE["posting"]))
        for q in movers:
            if q.posting is not None:
                continue
            u = self._choose_target(q)
            if u is None:      # pragma: no cover - every scenario has several grassroots units
                raise RuntimeError(f"no unit for mover {q.cadre_id}")
            o = self._posting_for(q, u, recruit=q.recruit)
            # Aim at about 80% of the posting openings being seeded by movers; the rest are extras.
            want = max(1, round(rng.uniform(0.4, 1.6) * len(movers) / (0.8 * target_postings)))
            self._fill(o, want, lambda c: c.posting is None and self._unit_ok(c, o.unit),
                       [by_spec.get(s, ()) for s in sorted(o.specialties)])
        # Extra openings seeded from cadres who need not move, so that the solver has choices.
        n_post = sum(1 for o in self.openings if o.kind == "posting")
        stayers = [q for q in people if q.idx not in mover_set and not q.recruit]
        tries = 0
        while n_post < target_postings and stayers and tries < target_postings * 5:
            tries += 1
            q = rng.choice(stayers)
            if q.posting is not None:
                continue
            u = self._choose_target(q)
            if u is None:
                continue
            o = self._posting_for(q, u, recruit=False)
            n_post += 1
            if rng.random() >= 0.3:
                # Most stay where they are; the rest make a voluntary exchange in the witness.
                o.witness.remove(q)
                q.posting = None

    def _posting_for(self, q: _P, u: _U, recruit: bool) -> _O:
        r = self._tailor(q, "posting", recruit=recruit)
        if recruit:
            r.update(ranks=frozenset({"staff"}), certificates=frozenset(), min_service_years=0)
        o = self._new_opening("posting", u, 1, 12, "", hardship=None, development=0, **r)
        self._narrow(o, q)
        o.name = self._posting_name(q, u, recruit, o)
        if u.level == "bureau":
            o.development = self.rng.choice((0, 1, 1))
        self._take(q, o)
        return o

    def _fill(self, o: _O, want: int, ok, pools, scan: int = 120) -> None:
        """Give ``o`` up to ``want`` witness holders drawn from ``pools`` that pass R2 and ``ok``."""
        if len(o.witness) >= want:
            return
        rng = self.rng
        cands = []
        for pool in pools:
            if pool:
                k = min(len(pool), scan)
                start = rng.randrange(len(pool))
                cands.extend(pool[(start + i) % len(pool)] for i in range(k))
        rng.shuffle(cands)
        for c in cands[:scan]:
            if len(o.witness) >= want:
                break
            if c in o.witness:
                continue
            if self._eligible(c, o) and ok(c):
                self._take(c, o)

    # ---- witness temporary assignments and tasks -------------------------------------------
    def build_away(self) -> None:
        rng, p = self.rng, self.p
        self.by_spec_all: dict = {}
        for q in self.people:
            if not q.recruit:
                self.by_spec_all.setdefault(q.specialty, []).append(q)
        for v in self.by_spec_all.values():
            rng.shuffle(v)
        self.enforcers = [q for q in self.people if "enforcement" in q.certs and not q.recruit]
        self.veterans = [q for q in self.people if not q.recruit]
        self.talents = [q for q in self.people if q.talent]
        counts = {k: max(1, round(p.openings * s)) for k, s in _SHARE.items() if k != "posting"}
        if self.size == "tiny":
            counts = {"guazhi": 1, "shangpai": 1, "ducha": 1, "sijin": 0, "bangfu": 1}
        self._round = 0
        for kind, n in counts.items():
            made = 0
            for _ in range(n * 4):
                if made >= n:
                    break
                made += bool(getattr(self, f"_away_{kind}")())

    def _months(self, lengths, weights) -> tuple:
        length = self.rng.choices(lengths, weights)[0]
        start = self.rng.randint(1, 13 - length)
        return start, start + length - 1

    def _seed_for(self, o: _O, pool: list, extra_ok=None) -> _P | None:
        for _ in range(200):
            q = self.rng.choice(pool)
            if self._away_ok(q, o) and (extra_ok is None or extra_ok(q)):
                return q
        return None

    def _grow_away(self, o: _O, pool: list, want: int, strict: bool, extra_ok=None, keep=None) -> bool:
        """Seed ``o`` from ``pool``, tailor it to the seed, fill it to ``want``; False if no seed."""
        q = self._seed_for(o, pool, extra_ok)
        if q is None:
            self.openings.remove(o)
            return False
        r = self._tailor(q, o.kind, strict=strict)
        if keep:
            r.update(keep(q, r))
        for k, v in r.items():
            setattr(o, k, v)
        self._narrow(o, q)
        self._take(q, o)
        self._fill(o, want, lambda c: self._away_ok(c, o),
                   [self.by_spec_all.get(s, ()) for s in sorted(o.specialties)], scan=150)
        return True

    def _away_guazhi(self) -> bool:
        """挂职锻炼 at a remote, hard branch."""
        u = self.rng.choice(self.hard_branches)
        s, e = self._months((3, 4, 6, 9), (25, 25, 40, 10))
        o = self._new_opening("temporary", u, s, e, f"{self.year}年{u.name}挂职锻炼",
                              development=self.rng.choice((1, 2, 2)))
        return self._grow_away(o, self.veterans, self.rng.choice((1, 1, 2)), strict=False,
                               extra_ok=lambda q: q.rank != "section" or self.rng.random() < 0.3)

    def _away_shangpai(self) -> bool:
        """上派跟班学习 at a higher body; development 3-5; often for the talent pool."""
        rng = self.rng
        u = rng.choice(self.external_units)
        s, e = self._months((3, 4, 6), (30, 30, 40))
        o = self._new_opening("temporary", u, s, e, f"{self.year}年{u.name}上派跟班学习",
                              development=rng.randint(3, 5))
        pool = self.talents if (self.talents and rng.random() < 0.6) else self.veterans

        def keep(q, r):
            out = {}
            if q.talent and rng.random() < 0.4:
                out["talent_pool_only"] = True
            return out
        return self._grow_away(o, pool, rng.choice((1, 2)), strict=True,
                               extra_ok=lambda q: q.rating != "basic", keep=keep)

    def _away_ducha(self) -> bool:
        """生态环保督察: a team with at least one enforcement holder (team_needs enforcement:1)."""
        rng = self.rng
        u = rng.choice(self.branches)
        s, e = self._months((1, 2), (40, 60))
        self._round += 1
        o = self._new_opening("task", u, s, e, "", development=rng.randint(3, 5),
                              hardship=rng.choice((None, None, 1)))
        o.name = f"{self.year}年第{_cn(1 + (self._round - 1) % 3)}轮生态环保督察（{u.region.name}）"

        def keep(q, r):
            # A 督察 team takes several specialties and both junior ranks.
            specs = {q.specialty, rng.choice(("environment", "law", "chemistry", "ecology"))}
            ranks = set(r["ranks"]) | {"staff", "deputy_section"}
            return {"specialties": frozenset(specs), "ranks": frozenset(ranks), "certificates": frozenset(),
                    "max_age": None, "min_service_years": 0}
        ok = self._grow_away(o, self.enforcers or self.veterans, rng.randint(2, 5), strict=False,
                             keep=keep)
        if ok:
            held = sum("enforcement" in q.certs for q in o.witness)
            if held:
                o.team_needs = (("enforcement", min(held, rng.choice((1, 1, 2)))),)
        return ok

    def _away_sijin(self) -> bool:
        """"四进"工作队 (进企业、进园区、进社区、进乡村), months 2-5."""
        rng = self.rng
        u = rng.choice(self.branches)
        s, e = self._months((2, 3, 4, 5), (25, 35, 25, 15))
        o = self._new_opening("task", u, s, e, f"{self.year}年“四进”工作队（{u.name}）", development=1)
        ok = self._grow_away(o, self.veterans, rng.randint(2, 4), strict=False)
        if ok and rng.random() < 0.4:
            spec = o.witness[0].specialty
            o.team_needs = ((spec, 1),)
        return ok

    def _away_bangfu(self) -> bool:
        """帮扶执法 at a remote branch: enforcement holders help the local branch."""
        rng = self.rng
        u = rng.choice(self.remote_branches)
        s, e = self._months((1, 2, 3), (30, 40, 30))
        o = self._new_opening("task", u, s, e, f"{self.year}年{u.name}帮扶执法", development=2)

        def keep(q, r):
            return {"certificates": frozenset({"enforcement"}) if rng.random() < 0.3 else frozenset(),
                    "specialties": frozenset({q.specialty} | ({"law", "environment"} if rng.random() < 0.5
                                                             else {rng.choice(("law", "environment"))}))}
        ok = self._grow_away(o, self.enforcers or self.veterans, rng.randint(1, 3), strict=False, keep=keep)
        if ok:
            held = sum("enforcement" in q.certs for q in o.witness)
            if held and not o.certificates:
                o.team_needs = (("enforcement", rng.randint(1, held)),)
        return ok

    # ---- numbers from the witness ----------------------------------------------------------
    def finalize_openings(self) -> None:
        rng = self.rng
        kind_order = {"posting": 0, "temporary": 1, "task": 2}
        self.openings.sort(key=lambda o: (kind_order[o.kind], o.unit.unit_id if o.kind == "posting" else 0,
                                          o.start, o.seq))
        ow = max(3, len(str(len(self.openings))))
        names: dict = {}
        for i, o in enumerate(self.openings):
            o.opening_id = f"OP{i + 1:0{ow}d}"
            names[o.name] = names.get(o.name, 0) + 1
            if names[o.name] > 1:
                o.name = f"{o.name}（{_cn(names[o.name])}）"
            w = len(o.witness)
            if o.kind == "posting":
                extra = rng.choices((0, 1, 2), (45, 40, 15))[0] + (1 if o.unit.key_shortage else 0)
            elif o.kind == "task":
                extra = rng.choices((0, 1, 2, 3), (30, 30, 25, 15))[0]
            else:
                extra = rng.choices((0, 1), (60, 40))[0]
            o.seats = max(1, w + extra)
            o.min_seats = 0
            if w and rng.random() < (0.4 if o.unit.key_shortage else 0.15):
                o.min_seats = rng.randint(1, w)
            # R9: team needs hold for the witness team (only asked where the witness assigns anyone).
            needs = []
            for code, k in o.team_needs:
                have = sum(1 for q in o.witness if code in q.certs or q.specialty == code)
                if w and have:
                    needs.append((code, min(k, have)))
            o.team_needs = tuple(needs)
        self.witness = [(q.cadre_id, o.opening_id) for o in self.openings for q in o.witness]
        self.opening_objs = tuple(
            Opening(opening_id=o.opening_id, name=o.name, kind=o.kind, unit_id=o.unit.unit_id,
                    start_month=o.start, end_month=o.end, seats=o.seats, min_seats=o.min_seats,
                    ranks=o.ranks, specialties=o.specialties, certificates=o.certificates,
                    post_type=o.post_type, allow_transfer=o.allow_transfer, min_rating=o.min_rating,
                    talent_pool_only=o.talent_pool_only, min_service_years=o.min_service_years,
                    max_age=o.max_age, team_needs=o.team_needs, hardship=o.hardship,
                    development=o.development)
            for o in self.openings)

    # ---- preferences, fit, locks -----------------------------------------------------------
    def _pair_ok(self, q: _P, o: _O) -> bool:
        """R2 plus the single-pair parts of R1, R4, R5, R7 (task region) and R10."""
        if not self._eligible(q, o):
            return False
        if o.kind == "posting":
            if o.unit is q.unit or o.unit.unit_id in q.no_return:
                return False
            return not ((q.recruit or q.restricted) and not o.unit.grassroots)
        if q.recruit or o.unit is q.unit:
            return False
        if q.exempt and o.eff_hardship() > 0:
            return False
        return not (o.kind == "task" and o.unit.region.region_id in (q.home, q.region))

    def _plausible(self, q: _P, k: int, tries: int, ok=None) -> list:
        """Up to ``k`` openings that pass ``ok`` (default: ``q`` could take them), found by
        sampling the openings of ``q``'s specialty, rank and post type."""
        ok = ok or self._pair_ok
        rng = self.rng
        pool = self.open_index.get((q.specialty, q.rank, q.post_type), ())
        out: list = []
        if len(pool) <= tries:
            # Small scenario: look at every opening of the specialty, in random order.
            for o in rng.sample(pool, len(pool)):
                if ok(q, o):
                    out.append(o)
                    if len(out) >= k:
                        break
            return out
        for _ in range(tries):
            o = pool[rng.randrange(len(pool))]
            if o not in out and ok(q, o):
                out.append(o)
                if len(out) >= k:
                    break
        return out

    def build_wishes_and_fit(self) -> None:
        rng = self.rng
        # Openings by the (specialty, rank, post type) they accept, so that sampling a cadre's
        # plausible openings mostly hits eligible ones even at national size.
        self.open_index: dict = {}
        all_ranks = ("staff", "deputy_section", "section")
        for o in self.openings:
            if o.post_type is None:
                pts = ("admin", "civil", "institution")
            elif o.allow_transfer and self.rules.allow_transfer and o.post_type in ("admin", "civil"):
                pts = ("admin", "civil")
            else:
                pts = (o.post_type,)
            for sp in (sorted(o.specialties) or SPECIALTIES):
                for rk in (sorted(o.ranks) or all_ranks):
                    for pt in pts:
                        self.open_index.setdefault((sp, rk, pt), []).append(o)
        mine: dict = {}
        for o in self.openings:
            for q in o.witness:
                mine.setdefault(q.idx, []).append(o)
        prefs, fits = [], []
        self.pref_pairs = []
        for q in self.people:
            own = mine.get(q.idx, [])
            # Preferences: ~30% of cadres, up to 3 eligible openings.
            if rng.random() < 0.3:
                k = rng.choices((1, 2, 3), (30, 35, 35))[0]
                wish = [o for o in own if o.kind != "task" and rng.random() < 0.6][:1]
                for o in self._plausible(q, k + 2, 12 + 4 * k):
                    if len(wish) >= k:
                        break
                    if o not in wish and (not q.recruit or o.kind == "posting"):
                        wish.append(o)
                rng.shuffle(wish)
                for r, o in enumerate(wish, 1):
                    prefs.append(Preference(q.cadre_id, o.opening_id, r))
                    self.pref_pairs.append((q, o))
            # Fit: the witness openings and ~5-10 plausible others (人岗相适度 from 考察).
            k = rng.randint(5, 10)
            chosen = list(own)
            # 考察 rates the person against the post's requirements (R2), whatever R1/R4/R5 say.
            for o in self._plausible(q, k, 3 * k, ok=self._eligible):
                if len(chosen) >= k:
                    break
                if o not in chosen:
                    chosen.append(o)
            for o in sorted(chosen, key=lambda o: o.opening_id):
                fits.append(Fit(q.cadre_id, o.opening_id, self._fit_score(q, o)))
        self.preference_objs = tuple(prefs)
        self.fit_objs = tuple(fits)

    def _fit_score(self, q: _P, o: _O) -> int:
        score = 55 + (10 if sorted(o.specialties)[:1] == [q.specialty] or len(o.specialties) == 1 else 0)
        score += 8 * len(o.certificates & q.certs) + (8 if "enforcement" in q.certs and o.team_needs else 0)
        score += {3: 10, 2: 0, 1: -10, 0: -20}[q.rating_ord]
        score += self.rng.randint(-20, 20)
        return max(0, min(100, score))

    def build_locks(self) -> None:
        rng = self.rng
        witness_set = set(self.witness)
        # A few pre-decisions (党组会预定): about 1% of the witness pairs, at least two from
        # municipal size up.
        n = max(2 if len(self.witness) >= 40 else 1, round(len(self.witness) * 0.01))
        locks = []
        if self.witness:
            for cid, oid in sorted(rng.sample(self.witness, min(n, len(self.witness)))):
                locks.append(Lock(cid, oid, "require", rng.choice(_REQUIRE_NOTES)))
        # forbid: a wish the committee has decided against, never a witness pair.
        cands = [(q.cadre_id, o.opening_id) for q, o in self.pref_pairs
                 if (q.cadre_id, o.opening_id) not in witness_set]
        locked = {(lk.cadre_id, lk.opening_id) for lk in locks}
        kind = {o.opening_id: o.kind for o in self.openings}
        recruits = {q.cadre_id for q in self.people if q.recruit}
        for cid, oid in sorted(rng.sample(cands, min(n, len(cands)))):
            if (cid, oid) not in locked:
                notes = _FORBID_NOTES[kind[oid]]
                note = rng.choice(notes)
                if cid in recruits:
                    note = "综合考虑专业和岗位需要，另行安排"     # a recruit is posted anyway (R4)
                locks.append(Lock(cid, oid, "forbid", note))
        self.lock_objs = tuple(locks)

    # ---- everything ------------------------------------------------------------------------
    def run(self) -> tuple:
        self.build_units()
        self.build_cadres()
        self.build_relations()
        self.freeze_cadres()
        self.build_postings()
        self.build_away()
        self.finalize_openings()
        self.build_wishes_and_fit()
        self.build_locks()
        name = self.p.name.format(y=self.year, city=self.city_names[0])
        scenario = Scenario(
            name=name, plan_year=self.year, regions=self.region_objs, units=self.unit_objs,
            cadres=tuple(q.cadre for q in self.people), openings=self.opening_objs,
            history=self.history_rows,
            relations=tuple(Relation(a.cadre_id, b.cadre_id, rel) for a, b, rel in self.relations),
            preferences=self.preference_objs, fit=self.fit_objs, locks=self.lock_objs,
            target_specialties=frozenset({"environment", "chemistry", "law", "finance"}),
            rules=self.rules, weights=Weights(), solver=SolverSettings(time_limit_s=60, seed=0, workers=2),
            extra_columns=("民族", "职务"))
        log.info("generated %s seed scenario: %d cadres, %d units, %d openings, witness %d pairs",
                 self.size, len(scenario.cadres), len(scenario.units), len(scenario.openings), len(self.witness))
        return scenario, list(self.witness)


def _cert_mask(certs) -> int:
    return sum(1 << i for i, c in enumerate(CERTIFICATES) if c in certs)


def _cn(k: int) -> str:
    """Chinese numeral for 1..99 (一, 十二, 二十三), for round and duplicate numbering."""
    if k <= 10:
        return _CN_NUM[k - 1]
    tens, ones = divmod(k, 10)
    head = "十" if tens == 1 else _CN_NUM[tens - 1] + "十"
    return head + (_CN_NUM[ones - 1] if ones else "") if k < 100 else str(k)


def generate_with_witness(size: str, seed: int) -> tuple:
    """A scenario and the witness plan that proves it feasible.

    Parameters
    ----------
    size : {"tiny", "municipal", "province", "national"}
    seed : int

    Returns
    -------
    (models.Scenario, list of (cadre_id, opening_id))
        The witness obeys every hard rule R1-R11 of SPEC 4 (see the module docstring).
    """
    return _Generator(size, seed).run()


def generate_scenario(size: str, seed: int) -> Scenario:
    """A deterministic synthetic scenario: same ``size`` and ``seed``, equal scenario.

    Pure: no files, no pandas. Raises ``ValueError`` for an unknown size.
    """
    return generate_with_witness(size, seed)[0]
