"""Scenario objects in words: a cadre, an opening, a unit, a rule, and why a filter keeps a cadre
off an opening (with the numbers)."""
from __future__ import annotations

from models import facts
from planner.labels.codes import (
    FILTER_EN,
    FILTER_ZH,
    HARDSHIP_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,
    RULE_EN_FULL,
    RULE_ZH,
    certificate_text,
    specialty_text,
)

R2_FILTERS = ("rank", "specialty", "certificates", "post_type", "rating", "talent_pool", "service_years", "age")



def rule_label(code: str, lang: str = "zh") -> str:
    """``R7`` -> ``R7 回避（亲属回避、地域回避）`` (zh) or ``R7 recusal (...)`` (en)."""
    table = RULE_ZH if lang == "zh" else RULE_EN_FULL
    return f"{code} {table[code]}" if code in table else code


def cadre_label(scenario, cadre_id: str, lang: str = "zh") -> str:
    """``C9（王芳）`` in Chinese output, ``C9 (王芳)`` in English: ids always shown, names help a reader."""
    c = scenario.cadre_by_id.get(cadre_id)
    if c is None:
        return cadre_id
    return f"{cadre_id}（{c.name}）" if lang == "zh" else f"{cadre_id} ({c.name})"


def opening_label(scenario, opening_id: str, lang: str = "zh") -> str:
    o = scenario.opening_by_id.get(opening_id)
    if o is None:
        return opening_id
    return f"{opening_id}（{o.name}）" if lang == "zh" else f"{opening_id} ({o.name})"


def unit_label(scenario, unit_id, lang: str = "zh") -> str:
    u = scenario.unit_by_id.get(unit_id) if unit_id else None
    if u is None:
        return unit_id or ("无" if lang == "zh" else "none")
    return f"{unit_id}（{u.name}）" if lang == "zh" else f"{unit_id} ({u.name})"


def region_name(scenario, region_id) -> str:
    r = scenario.region_by_id.get(region_id)
    return f"{region_id} {r.name}" if r else str(region_id)


def filter_words(scenario, cadre_id: str, opening_id: str, rule: str, name: str, lang: str = "zh") -> str:
    """One blocking filter of ``Eligibility.blocking_filters`` in plain words, with the numbers:
    ``R2 职级不符：本人正科级，岗位要求科员、副科级``."""
    c = scenario.cadre_by_id[cadre_id]
    o = scenario.opening_by_id[opening_id]
    y = scenario.plan_year
    zh = lang == "zh"

    def lst(items, table=None, name_of=None):
        items = sorted(items)
        if zh:
            return "、".join(name_of(i) if name_of else table.get(i, i) if table else i for i in items)
        return ", ".join(items)

    def specialty(code):
        return specialty_text(code, "zh", scenario)

    def certificate(code):
        return certificate_text(code, "zh", scenario)

    if name == "rank":
        w = (f"职级不符：本人{RANK_ZH[c.rank]}，岗位要求{lst(o.ranks, RANK_ZH)}" if zh
             else f"rank {c.rank} not accepted (accepts {lst(o.ranks)})")
    elif name == "specialty":
        w = (f"专业不符：本人{specialty(c.specialty)}，岗位要求{lst(o.specialties, name_of=specialty)}" if zh
             else f"specialty {c.specialty} not accepted (accepts {lst(o.specialties)})")
    elif name == "certificates":
        missing = sorted(set(o.certificates) - set(c.certificates))
        w = (f"缺少证书：{lst(missing, name_of=certificate)}" if zh
             else f"lacks certificate(s) {lst(missing)}")
    elif name == "post_type":
        transfer = o.allow_transfer and scenario.rules.allow_transfer
        if zh:
            w = (f"编制不符：本人{POST_TYPE_ZH[c.post_type]}，岗位要求{POST_TYPE_ZH.get(o.post_type, o.post_type)}"
                 + ("" if transfer else "（未开放转任）"))
        else:
            w = (f"post type {c.post_type} does not match {o.post_type}"
                 + ("" if transfer else " (no transfer allowed)"))
    elif name == "rating":
        w = (f"考核等次不够：本人{RATING_ZH[c.rating]}，岗位要求{RATING_ZH[o.min_rating]}及以上" if zh
             else f"rating {c.rating} below {o.min_rating}")
    elif name == "talent_pool":
        w = "岗位限蓄水池人员，本人不在蓄水池" if zh else "talent pool members only"
    elif name == "service_years":
        s = facts.service_years(c, y)
        w = (f"工龄不足：本人 {s} 年，岗位要求 {o.min_service_years} 年" if zh
             else f"{s} service years, below {o.min_service_years}")
    elif name == "age":
        a = facts.age(c, y)
        w = f"超过年龄上限：本人 {a} 岁，上限 {o.max_age} 岁" if zh else f"age {a} above {o.max_age}"
    elif name == "current_unit":
        w = (f"已在 {unit_label(scenario, c.unit_id)} 任职（交流须离开原单位）" if zh
             else f"already serves in {c.unit_id} (a posting must leave the current unit)")
    elif name == "first_stop":
        if c.is_recruit:
            w = ("新录用人员，只能交流到基层单位，该岗位不在基层" if zh
                 else "a new recruit may be posted only to a grassroots unit, and this one is not")
        else:
            s = facts.service_years(c, y)
            w = (f"无基层经历且工龄 {s} 年（不足 {scenario.rules.first_stop_years} 年），只能交流到基层单位" if zh
                 else f"no grassroots record and {s} service years (< {scenario.rules.first_stop_years}): "
                      "grassroots postings only")
    elif name == "no_return":
        w = (f"近 {scenario.rules.no_return_years} 年内在该单位任职过（{RULE_ZH['R5'].split('（')[0]}）" if zh
             else f"held a posting in {o.unit_id} within the last {scenario.rules.no_return_years} years")
    elif name == "task_region":
        region = scenario.unit_by_id[o.unit_id].region_id
        if c.home_region == region:
            w = (f"任务地 {region_name(scenario, region)} 是本人籍贯地区（地域回避）" if zh
                 else f"task in {region}, the cadre's home region")
        else:
            w = (f"任务地 {region_name(scenario, region)} 是本人现单位所在地区（地域回避）" if zh
                 else f"task in {region}, the region of the cadre's current unit")
    elif name == "too_long":
        w = (f"时长 {o.months} 个月，超过全年外派上限 {scenario.rules.max_away_months} 个月" if zh
             else f"{o.months} months, above the yearly cap of {scenario.rules.max_away_months}")
    elif name == "exempt":
        h = scenario.opening_hardship(o)
        w = (f"照顾对象，不派艰苦岗位（该岗位艰苦程度：{HARDSHIP_ZH[h]}）" if zh
             else f"exempt cadre, and the assignment's hardship is {h}")
    elif name == "forbid":
        notes = [lk.note for lk in scenario.locks
                 if lk.cadre_id == cadre_id and lk.opening_id == opening_id and lk.lock == "forbid" and lk.note]
        w = ("党组决定不得安排" if zh else "forbidden by a committee lock") + (f"（{notes[0]}）" if zh and notes
                                                                            else f" ({notes[0]})" if notes else "")
    else:
        w = FILTER_ZH.get(name, name) if zh else FILTER_EN.get(name, name)
    return f"{rule} {w}"


def ids_text(ids, lang, limit=12, unit="人") -> str:
    """At most ``limit`` ids, then how many in all: ``C1、C2 等 30 人``."""
    ids = list(ids)
    sep = "、" if lang == "zh" else ", "
    if len(ids) <= limit:
        return sep.join(ids)
    more = len(ids) - limit
    return sep.join(ids[:limit]) + (f" 等 {len(ids)} {unit}" if lang == "zh" else f" and {more} more")
