"""What a Chinese reader sees for each code (SPEC 7), in one place.

The committee workbook, the pictures, ``diagnosis.md`` and the explanations all take their
Chinese words from here, so that a rule or a term is called the same everywhere. English output
uses the codes or the plain English of the ``*_EN`` tables.

Everything here is plain data plus a few small functions that turn a code into words; nothing
imports the solver.
"""
from __future__ import annotations

# --- SPEC 7 tables -----------------------------------------------------------------------------
KIND_ZH = {"posting": "交流任职", "temporary": "挂职锻炼", "task": "专项任务"}
KIND_EN = {"posting": "posting", "temporary": "temporary assignment", "task": "task"}
# A temporary assignment at a higher-level body (上派单位) is 跟班学习, not 挂职锻炼 (SPEC 7).
TEMPORARY_UPWARD_ZH = "跟班学习"
TASK_KINDS_ZH = ("督察", '"四进"工作队', "帮扶执法")

RANK_ZH = {"staff": "科员", "deputy_section": "副科级", "section": "正科级"}
POST_TYPE_ZH = {"admin": "行政编制", "civil": "参公编制", "institution": "事业编制"}
RATING_ZH = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
LEVEL_ZH = {"bureau": "局机关", "branch": "分局", "station": "监测站", "brigade": "执法队",
            "external": "上级或外单位"}
HARDSHIP_ZH = {0: "无", 1: "一般艰苦", 2: "艰苦", 3: "偏远艰苦"}
HARDSHIP_EN = {0: "none", 1: "mild", 2: "hard", 3: "remote and hard"}
GENDER_ZH = {"M": "男", "F": "女"}

RULE_ZH = {
    "R1": "一人一岗（交流任职至多一处，且须离开原单位）",
    "R2": "任职资格（职级、专业、证书、编制、考核、蓄水池、工龄、年龄）",
    "R3": "岗位名额（不超过名额，不少于最低人数）",
    "R4": "基层第一站",
    "R5": "不回原单位（近 N 年内任职过的单位）",
    "R6": "任职满限须交流",
    "R7": "回避（亲属回避、地域回避）",
    "R8": "外派时间（不重叠，全年合计上限）",
    "R9": "队伍构成（所需证书或专业人数）",
    "R10": "照顾对象不派艰苦岗位",
    "R11": "党组预定（必须安排 / 不得安排）",
}
RULE_EN_FULL = {
    "R1": "one posting (at most one, and away from the current unit)",
    "R2": "eligibility (rank, specialty, certificates, post type, rating, talent pool, service, age)",
    "R3": "seats (at most seats, at least min_seats)",
    "R4": "first stop at the grassroots",
    "R5": "no return to a recent unit",
    "R6": "rotation due",
    "R7": "recusal (kin, home and current region)",
    "R8": "time away (no overlap, yearly cap)",
    "R9": "team needs",
    "R10": "exempt cadres take no hardship assignment",
    "R11": "committee locks (require / forbid)",
}
RULE_EN = {
    "R1": "one posting", "R2": "eligibility", "R3": "seats", "R4": "first stop at the grassroots",
    "R5": "no return", "R6": "rotation due", "R7": "recusal", "R8": "time away", "R9": "team needs",
    "R10": "exemption", "R11": "committee locks",
}

TERM_ZH = {"fairness": "艰苦均衡", "shortage": "补充重点缺人单位", "development": "蓄水池培养",
           "preference": "本人意愿", "exchange": "跨地域交流", "stability": "保持稳定", "fit": "人岗相适"}

# Specialty and certificate codes are free in SPEC 2; these are the usual ones of an ecology and
# environment bureau. A scenario adds or overrides names under ``labels:`` in scenario.yaml (code ->
# name), read by :func:`code_name`; an unknown code is shown as it is.
SPECIALTY_ZH = {
    "environment": "环境", "chemistry": "化学", "law": "法律", "finance": "财务",
    "it": "信息技术", "monitoring": "环境监测", "enforcement": "环境执法", "radiation": "辐射防护",
    "management": "管理", "ecology": "生态", "biology": "生物", "hydrology": "水文水资源",
    "geology": "地质学", "atmosphere": "大气科学", "soil": "土壤学", "water": "水环境",
    "noise": "噪声与振动控制", "solid_waste": "固体废物处理", "eia": "环境影响评价",
    "statistics": "统计学", "economics": "经济学", "planning": "城乡规划", "public_health": "公共卫生",
    "agriculture": "农学", "forestry": "林学", "marine": "海洋科学", "physics": "物理学",
    "engineering": "工程", "chinese": "汉语言文学", "accounting": "会计学", "audit": "审计学",
    "journalism": "新闻传播", "safety": "安全工程", "energy": "能源与动力工程", "climate": "气候变化",
}
CERTIFICATE_ZH = {
    "enforcement": "执法证", "monitoring": "监测上岗证", "eia": "环评工程师", "radiation": "辐射安全培训合格证",
    "law": "法律职业资格证", "finance": "会计专业技术资格证", "accounting": "会计专业技术资格证",
    "it": "计算机技术与软件专业资格证", "safety": "注册安全工程师证", "emergency": "应急处置培训合格证",
    "sampling": "采样上岗证", "laboratory": "实验室检测上岗证", "driving": "驾驶证",
    "chemistry": "化学检验员证", "audit": "审计专业技术资格证", "soil": "土壤调查上岗证",
    "water": "水质检测上岗证", "noise": "噪声监测上岗证", "solid_waste": "危险废物经营许可培训合格证",
    "ecology": "生态调查上岗证", "atmosphere": "大气监测上岗证", "hydrology": "水文勘测上岗证",
    "geology": "地质勘查上岗证", "biology": "生物监测上岗证", "management": "管理培训合格证",
}


def _scenario_labels(scenario) -> dict:
    """``scenario.labels`` (scenario.yaml ``labels:``) as one flat code -> name mapping.

    A flat mapping is used as it is; a mapping of mappings (by kind: ``specialties:``,
    ``certificates:`` ...) is flattened, later kinds winning.
    """
    raw = getattr(scenario, "labels", None) or {}
    if not isinstance(raw, dict):
        return {}
    flat: dict = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            flat.update({str(k): str(v) for k, v in value.items()})
        else:
            flat[str(key)] = str(value)
    return flat


def code_name(code: str, table: dict, scenario=None, lang: str = "zh") -> str:
    """A specialty or certificate code by its name: the scenario's own label, else ``table``.

    English output keeps the code. An unknown code is shown as it is, so nothing is dropped.
    """
    if lang != "zh":
        return code
    own = _scenario_labels(scenario).get(code) if scenario is not None else None
    return own or table.get(code, code)


# Eligibility filters (planner.model.eligibility.FILTERS) as the reason a cadre cannot take an opening.
FILTER_ZH = {
    "rank": "职级不符", "specialty": "专业不符", "certificates": "缺少所需证书", "post_type": "编制不符",
    "rating": "考核等次不够", "talent_pool": "非蓄水池成员", "service_years": "工龄不足",
    "age": "超过年龄上限", "current_unit": "已在该单位", "first_stop": "须先到基层（基层第一站）",
    "no_return": "近年在该单位任职（不回原单位）", "task_region": "地域回避（籍贯地或现单位所在地）",
    "too_long": "超过全年外派上限", "exempt": "照顾对象不派艰苦岗位", "forbid": "党组预定不得安排",
}
FILTER_EN = {
    "rank": "rank not accepted", "specialty": "specialty not accepted",
    "certificates": "lacks a required certificate", "post_type": "post type does not match",
    "rating": "rating below the minimum", "talent_pool": "not in the talent pool",
    "service_years": "too few service years", "age": "above the age limit",
    "current_unit": "already serves in that unit", "first_stop": "must first serve at the grassroots",
    "no_return": "held a posting there in the no-return years",
    "task_region": "task in home region or current region", "too_long": "longer than the yearly away limit",
    "exempt": "exempt from hardship assignments", "forbid": "forbidden by a committee lock",
}

# --- reasons (plan.csv ``reasons``) ---------------------------------------------------------------
REASON_ZH = {
    "R4": "基层第一站",
    "R6": "任职满限须交流",
    "R7": "亲属回避须调离",
    "lock": "党组预定",
    "shortage": "补充重点缺人单位",
    "fairness": "艰苦均衡",
    "development": "蓄水池培养",
    "exchange": "跨地域交流",
    "fit": "人岗相适",
    "stability": "保持稳定",
}
REASON_EN = {
    "R4": "first stop at the grassroots", "R6": "rotation due", "R7": "recusal: must leave a relative's unit",
    "lock": "committee decision", "shortage": "staffs a key shortage unit", "fairness": "spreads hardship fairly",
    "development": "talent pool development", "exchange": "cross-region exchange", "fit": "good fit",
    "stability": "stability",
}
_ORDINAL_ZH = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def ordinal_zh(k: int) -> str:
    """1 -> 一, 2 -> 二 ...; numbers above nine stay digits."""
    return _ORDINAL_ZH.get(k, str(k))


def reason_text(code: str, lang: str = "zh") -> str:
    """One reason code of plan.csv in plain words: ``preference:1`` -> 本人第一志愿.

    Rule codes without a reason entry fall back to the rule's SPEC 7 name; an unknown code is
    shown as it is, so that nothing the planner wrote is silently dropped.
    """
    code = code.strip()
    if code.startswith("preference"):
        _, _, k = code.partition(":")
        if lang != "zh":
            return f"wish no. {k}" if k else "wish"
        return f"本人第{ordinal_zh(int(k))}志愿" if k.isdigit() else "本人意愿"
    if lang != "zh":
        return REASON_EN.get(code, RULE_EN.get(code, code))
    if code in REASON_ZH:
        return REASON_ZH[code]
    if code in RULE_ZH:
        return RULE_ZH[code]
    if code in TERM_ZH:
        return TERM_ZH[code]
    return code


def reasons_text(codes, lang: str = "zh") -> str:
    """All reasons of one line, in the order the planner gave them, joined for a cell."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(reason_text(c, lang) for c in codes if c.strip())


def specialty_text(code: str, lang: str = "zh", scenario=None) -> str:
    """A specialty code by its Chinese name (the scenario's ``labels:`` first); English keeps the code."""
    return code_name(code, SPECIALTY_ZH, scenario, lang)


def certificate_text(code: str, lang: str = "zh", scenario=None) -> str:
    """A certificate code by its Chinese name (the scenario's ``labels:`` first); English keeps the code."""
    return code_name(code, CERTIFICATE_ZH, scenario, lang)


def opening_type(opening, unit, lang: str = "zh") -> str:
    """The 类型 of an opening as organisation departments name it (SPEC 7, kind row).

    A posting is 交流任职. A temporary assignment is 挂职锻炼, or 跟班学习 when it is at a
    higher-level or outside body (level ``external``) or its name says 跟班. A task is named
    after what its name shows: 督察, "四进"工作队 or 帮扶执法; else 专项任务.
    """
    if lang != "zh":
        return KIND_EN[opening.kind]
    if opening.kind == "posting":
        return KIND_ZH["posting"]
    name = opening.name or ""
    if opening.kind == "temporary":
        if (unit is not None and unit.level == "external") or "跟班" in name:
            return TEMPORARY_UPWARD_ZH
        return KIND_ZH["temporary"]
    if "督察" in name:
        return "督察"
    if "四进" in name:
        return '"四进"工作队'
    if "帮扶" in name or "执法" in name:
        return "帮扶执法"
    return KIND_ZH["task"]


# --- summary.json ------------------------------------------------------------------------------
STATUS_ZH = {"OPTIMAL": "最优方案", "FEASIBLE": "可行方案（未证明最优）", "INFEASIBLE": "无可行方案",
             "UNKNOWN": "限时内未找到方案"}
METRIC_ZH = {
    "assignments": "安排总条数",
    "postings": "交流任职人数",
    "seats_filled": "已安排名额",
    "seats_total": "岗位名额合计",
    "min_seats_unmet": "最低人数缺口",
    "hardship_max": "最高艰苦积分（调整后）",
    "hardship_gini": "艰苦积分基尼系数（调整后）",
    "no_grassroots_after": "工龄已满仍无基层经历人数（调整后）",
    "cross_region_postings": "跨地域交流人数",
    "regions_sending": "有调出的地区数",
    "regions_receiving": "有调入的地区数",
    "preference_met": "符合本人志愿的安排条数",
    "talent_pool_development": "蓄水池成员培养分值合计",
    "fit_total": "人岗相适度合计",
}
