"""The words of ``planner explain`` (zh and en templates).

Every sentence the explanations print is a template here, filled with ``explain_words(key,
lang, **fields)``. The SPEC 7 words (rule and term names) are never written here: a template
takes them as fields, filled from the tables of ``planner.labels.codes`` (``rule_name``,
``term_name``), and every rule or term a sentence names carries its policy source
(``with_source``, from ``planner.labels.policy``).
"""
from __future__ import annotations

from planner.labels.codes import (
    CERTIFICATE_ZH,
    FILTER_EN,
    FILTER_ZH,
    HARDSHIP_EN,
    HARDSHIP_ZH,
    KIND_EN,
    KIND_ZH,
    LEVEL_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,
    REASON_EN,
    REASON_ZH,
    RULE_EN,
    RULE_ZH,
    SPECIALTY_ZH,
    TERM_ZH,
    reason_text,
)
from planner.labels.describe import region_name
from planner.labels.policy import policy_titles

# key -> (zh, en). Fields in braces; ``{rule}`` / ``{term}`` are filled from planner.labels.codes.
EXPLAIN_TEMPLATES: dict[str, tuple[str, str]] = {
    # --- the command line -------------------------------------------------------------------------
    "cli.unknown_cadre": ("未知的干部编号 {id}", "unknown cadre {id}"),
    "cli.unknown_opening": ("未知的岗位编号 {id}", "unknown opening {id}"),
    "cli.give_one": ("请给出 --cadre ID 或 --opening ID", "give --cadre ID or --opening ID"),
    # --- yes / no, lists -----------------------------------------------------------------------
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "none": ("无", "none"),
    "list_sep": ("、", ", "),
    "clause_sep": ("；", "; "),
    "comma": ("，", ", "),
    "period": ("。", "."),
    "colon": ("：", ": "),
    "source": ("（依据{titles}）", " (source: {titles})"),
    # --- reasons of a line (plan.csv codes in words) -----------------------------------------
    "reason.R4": ("R4 {rule}：新录用人员须先到基层，{unit} 是基层单位",
                  "R4 {rule}: a new recruit's first posting must be at the grassroots; {unit} is grassroots"),
    "reason.R6": ("R6 {rule}：在 {unit} 已任职 {years} 年（满 {limit} 年须交流）",
                  "R6 {rule}: {years} years at {unit} (a posting is due after {limit})"),
    "reason.R7": ("R7 {rule}：{partners} 留在 {unit}，本人须交流出去",
                  "R7 {rule}: {partners} stays in {unit}, so this cadre moves"),
    "reason.R3": ("R3 {rule}：{opening}最少需 {min_seats} 人",
                  "R3 {rule}: {opening} needs at least {min_seats}"),
    "reason.R9": ("R9 {rule}：队伍需要 {needs}，本人具备",
                  "R9 {rule}: the team needs {needs}, which this cadre meets"),
    "reason.lock": ("R11 {rule}：必须安排", "R11 {rule}: required"),
    "reason.lock_note": ("R11 {rule}：必须安排（{note}）", "R11 {rule}: required ({note})"),
    "reason.shortage": ("shortage {term}：{unit} 是重点缺人单位", "{term}: {unit} is a key shortage unit"),
    "reason.shortage_target": ("shortage {term}：{unit} 是重点缺人单位，本人专业（{specialty}）为重点目标专业",
                               "{term}: {unit} is a key shortage unit, and {specialty} is a target specialty"),
    "reason.preference": ("preference {wish}", "preference: {wish}"),
    "reason.fairness_points": ("此岗位艰苦积分 {points}，本人此前积分 {carried}",
                               "{points} hardship points, {carried} carried before"),
    "reason.fairness_record": ("取得基层经历", "gains a grassroots record"),
    "reason.fairness": ("fairness {term}：{detail}", "{term}: {detail}"),
    "reason.development": ("development {term}：岗位培养价值 {points} 分",
                           "{term}: talent pool member, {points} development points"),
    "reason.exchange": ("exchange {term}：{src} → {dst}", "{term}: {src} -> {dst}"),
    "reason.fit": ("fit {term}：{score} 分", "{term}: score {score}"),
    "relative": ("亲属", "relative"),
    # --- rules that bind through the rest of the plan ----------------------------------------
    "conflict.R1": ("R1 {rule}：已安排交流到 {opening}，一人至多一处", "R1 {rule}: already posted to {opening}"),
    "conflict.R1_locked": ("R1 {rule}：已安排交流到 {opening}（{lock}），一人至多一处",
                           "R1 {rule}: already posted to {opening} (a committee lock)"),
    "conflict.R7_stays": ("R7 {rule}：{relation} {cadre} 在 {unit}",
                          "R7 {rule}: {relation} {cadre} is based in {unit}"),
    "conflict.R7_moves": ("R7 {rule}：{relation} {cadre} 将交流到 {unit}",
                          "R7 {rule}: {relation} {cadre} is posted to {unit} by the plan"),
    "conflict.R7_team": ("R7 {rule}：{relation} {cadre} 已在该队伍中", "R7 {rule}: {relation} {cadre} is on this team"),
    "conflict.R8_overlap": ("R8 {rule}：与已安排的 {opening}（{start}-{end} 月）时间重叠",
                            "R8 {rule}: overlaps {opening} (months {start}-{end}) already given"),
    "conflict.R8_cap": ("R8 {rule}：全年外派将达 {months} 个月，超过上限 {cap} 个月",
                        "R8 {rule}: would be away {months} months, above the cap of {cap}"),
    "conflict.R3_full": ("R3 {rule}：{seats} 个名额已满（{holders}）",
                         "R3 {rule}: all {seats} seat(s) taken ({holders})"),
    "conflict.R3_none": ("R3 {rule}：该岗位没有名额", "R3 {rule}: the opening has no seats"),
    "conflict.R9_alone": ("R9 {rule}：该岗位尚无人安排，队伍中至少需 {k} 名具备{need}的人员，须另有人员同去",
                          "R9 {rule}: nobody holds it yet and the team needs {k} with {need}: others must join"),
    "block.R9": ("R9 {rule}：队伍中至少需 {k} 名具备{need}的人员，岗位只有 {seats} 个名额，本人不具备{need}",
                 "R9 {rule}: the team needs {k} with {need} in {seats} seat(s), and the cadre has no {need}"),
    # --- alternatives --------------------------------------------------------------------------
    "alt.blocked": ("不能安排：{rules}", "ruled out: {rules}"),
    "alt.infeasible": ("强制安排后无可行方案：{rules}", "no valid plan has this pair: {rules}"),
    "alt.infeasible_bare": ("强制安排后无可行方案（线性松弛已无解）",
                            "no valid plan has this pair (even the LP relaxation has none)"),
    "alt.held": ("受本方案其他安排约束：{rules}。", "held by the rest of the plan: {rules}. "),
    "alt.resolved": ("强制安排后重新求解（已证明最优）：目标值变化 {delta:+,}（{terms}），需调整 {changed} 条安排",
                     "re-solved with the pair forced (proven optimal): objective {delta:+,} ({terms}); "
                     "{changed} line(s) change"),
    "alt.resolved_zero": ("强制安排后重新求解（已证明最优）：目标值不变，需调整 {changed} 条安排",
                          "re-solved with the pair forced (proven optimal): objective unchanged; "
                          "{changed} line(s) change"),
    "alt.improvement": ("强制安排后重新求解（已证明最优）：目标值提高 {delta:,}（{terms}），需调整 {changed} 条安排；"
                        "原方案未证明最优，这是原求解未找到的改进",
                        "re-solved with the pair forced (proven optimal): objective {delta:+,} ({terms}); {changed} "
                        "line(s) change. The plan was not proven optimal: this is an improvement its search missed"),
    "alt.found_better": ("强制安排后找到比本方案更好的方案：目标值至少提高 {found:,}，至多提高 {gain:,}（{how}）；"
                         "原方案未证明最优，这是原求解未找到的改进",
                         "a plan with the pair forced beats this plan: the objective rises by at least {found:,} "
                         "and at most {gain:,} ({how}). The plan was not proven optimal: this is an improvement "
                         "its search missed"),
    "alt.not_resolved": ("未重新求解；", "not re-solved; "),
    "alt.bound": ("至少使目标值减少 {loss:,}（{how}）", "costs at least {loss:,} ({how})"),
    "alt.bound_zero": ("已证明强制安排不能提高目标值，损失至少为 0（{how}）",
                       "forcing it provably cannot raise the objective: costs at least 0 ({how})"),
    "alt.bound_range": ("至少使目标值减少 {loss:,}，至多减少 {most:,}（{how}）",
                        "costs at least {loss:,} and at most {most:,} ({how})"),
    "alt.bound_gain": ("目标值至多提高 {gain:,}（{how}；原方案未证明最优）",
                       "could raise the objective by at most {gain:,} ({how}; the plan is not "
                       "proven optimal)"),
    "alt.no_bound": ("未重新求解，线性松弛未能求出界", "not re-solved, and the LP relaxation gave no bound"),
    "how.plan_bound": ("本方案的最优性界", "the plan's own optimality bound"),
    "how.lp": ("强制安排后的线性松弛界", "LP relaxation with the pair forced"),
    "how.lp_reduced": ("线性松弛的对偶界", "dual bound of the LP relaxation"),
    "how.timeout": ("限时 {seconds:g} 秒重新求解未证明最优", "a {seconds:g}s re-solve did not prove optimality"),
    "term_delta": ("{term} {delta:+,}", "{term} {delta:+,}"),
    "term_delta_weighted": ("{term} {delta:+,}×{weight}", "{term} {delta:+,} x{weight}"),
    # --- what was done, per explanation ----------------------------------------------------------
    "policy.none": ("除本方案的安排外，没有其他可担任的岗位。", "There is no other opening the cadre may take."),
    "policy.opening_none": ("没有其他可担任人选。", "Nobody else could take it."),
    "policy.head": ("符合任职资格的其他 {n} 个岗位：", "The {n} other openings the cadre is eligible for: "),
    "policy.opening_head": ("符合任职资格的其他 {n} 名人选：", "The {n} other eligible cadres: "),
    "policy.resolved": ("{n} {unit}强制安排后重新求解，得到确切变化（每次限时 {seconds:g} 秒）",
                        "{n} re-solved with the pair forced, exact change ({seconds:g}s each)"),
    "policy.infeasible": ("{n} {unit}强制安排后无可行方案", "{n} with no valid plan when forced"),
    "policy.timeout": ("{n} {unit}限时内未证明最优，给出界", "{n} not proven within the time limit, bounded"),
    "policy.bounded": ("{n} {unit}未重新求解，给出证明的损失下界",
                       "{n} not re-solved, with a proven lower bound on the loss"),
    "policy.order": ("；按证明的下界依次重新求解，可能损失最小的在前。",
                     "; re-solved in the order of the proven bound, the likely cheapest first."),
    "unit.opening": ("个", ""),
    "unit.cadre": ("名", ""),
    "plan.optimal": ("本方案目标值 {objective:,}，已证明最优。",
                     "The plan's objective is {objective:,}, proven optimal."),
    "plan.no_bound": ("本方案目标值 {objective:,}，未证明最优。",
                      "The plan's objective is {objective:,}, not proven optimal."),
    "plan.not_proven": ("本方案目标值 {objective:,}，未证明最优（任何方案不超过 {bound:,}）。",
                        "The plan's objective is {objective:,}, not proven optimal (no plan exceeds {bound:,})."),
    # --- cadre facts -----------------------------------------------------------------------------
    "title": ("# {id} {name}", "# {id} {name}"),
    "recruit_unit": ("新录用人员，尚未分配", "new recruit, not yet posted"),
    "facts.unit": ("- 现单位：{unit}；职级 {rank}；编制 {post_type}；专业 {specialty}；考核 {rating}；年龄 {age}",
                   "- unit: {unit}; rank {rank}; post type {post_type}; specialty {specialty}; rating {rating}; "
                   "age {age}"),
    "facts.years": ("- 工龄 {service} 年；在现单位 {at_unit} 年；{r6}（R6）：{due}；新录用人员（R4）：{recruit}",
                    "- service years {service}; years at unit {at_unit}; {r6} (R6): {due}; "
                    "new recruit (R4): {recruit}"),
    "facts.record": ("- 基层经历：方案前 {before}，方案后 {after}；须先到基层（R4）：{restricted}",
                     "- grassroots record: before {before}, after {after}; first stop restricted (R4): {restricted}"),
    "facts.points": ("- 艰苦积分：方案前 {before}，本方案 +{plan}，方案后 {after}",
                     "- hardship points: before {before}, this plan +{plan}, after {after}"),
    "facts.care": ("- 照顾对象（R10）：{exempt}；蓄水池：{pool}；籍贯地区 {home}；{r5}（R5）：{units}",
                   "- exempt (R10): {exempt}; talent pool: {pool}; home region {home}; {r5} (R5): {units}"),
    "facts.relation": ("- 回避关系（R7）：{relation} {cadre}，方案后在 {after}",
                       "- relation (R7): {relation} {cadre}, based after the plan in {after}"),
    "facts.relation_moved": ("- 回避关系（R7）：{relation} {cadre}，方案后在 {after}（原在 {before}）",
                             "- relation (R7): {relation} {cadre}, based after the plan in {after} (before: {before})"),
    "facts.sources": ("- 规则依据：{sources}", "- rule sources: {sources}"),
    # --- sections ------------------------------------------------------------------------------
    "head.lines": ("## 本方案的安排及理由", "## Lines in the plan and why"),
    "head.path": ("## 成长轨迹", "## Path"),
    "head.alternatives": ("## 其他可担任的岗位", "## Other openings the cadre may take"),
    "head.blocked": ("## 不能担任的岗位（硬性规则）", "## Openings a hard rule rules out"),
    "head.taken": ("## 安排人选及理由", "## Who took it and why"),
    "head.candidates": ("## 其他可担任人选", "## Who else could have taken it"),
    "head.ineligible": ("## 不符合条件的人数（按规则）", "## Kept off by rule"),
    "no_lines": ("- 本方案未作安排（不交流）", "- none (the cadre stays)"),
    "nobody": ("- 无人安排", "- nobody"),
    "line": ("- {opening_id} {name}（{kind}，{unit}，{start}-{end} 月，艰苦积分 {points}）",
             "- {opening_id} {name} ({kind}, {unit}, months {start}-{end}, {points} points)"),
    "line_terms": ("  - 各项得分（未加权）：{terms}", "  - term points (unweighted): {terms}"),
    "more": ("- 另有 {n} 个", "- {n} more"),
    "opening.head": ("- {kind}；{unit}；{start}-{end} 月；名额 {seats}，最少 {min_seats}；艰苦程度 {hardship}"
                     "（积分 {points}）；培养价值 {development}",
                     "- {kind}; {unit}; months {start}-{end}; seats {seats}, min {min_seats}; hardship {hardship} "
                     "({points} points); development {development}"),
    "opening.needs": ("；队伍构成 {needs}", "; team needs {needs}"),
    "need": ("{k} 名{need}", "{k} x {need}"),
    "ineligible": ("- {rule}：{n} 人（如 {examples}）", "- {rule}: {n} (e.g. {examples})"),
    "examples_more": ("{ids} 等", "{ids}, ..."),
    # --- the path (成长轨迹) ---------------------------------------------------------------------
    "path.row": ("- {year} 年：{kind} {unit}（{region}；{level}；艰苦程度 {hardship}；{months} 个月；"
                 "艰苦积分 {points}）",
                 "- {year}: {kind} {unit} ({region}; {level}; hardship {hardship}; {months} months; {points} points)"),
    "path.outside": ("，不在近 {years} 年统计期内", ", outside the {years}-year look-back"),
    "path.stays": ("- {year} 年：留任 {unit}（{region}；{level}；艰苦程度 {hardship}；本方案不计积分）",
                   "- {year}: stays at {unit} ({region}; {level}; hardship {hardship}; no plan points)"),
    "path.record": ("（取得基层经历）", " (grassroots record gained)"),
    "path.empty": ("- 无任职记录（新录用人员，本方案未作安排）",
                   "- no posting on record (a new recruit without a line)"),
    "path.no_record": ("- 至方案后仍无基层经历", "- no grassroots record, even after the plan"),
    "path.record_year": ("- 基层经历：{year} 年在 {unit} 取得", "- grassroots record: gained {year} at {unit}"),
    "source.history": ("历史", "history"),
    "source.current": ("现任", "current"),
    "source.plan": ("本方案", "plan"),
}


def explain_words(key: str, lang: str = "zh", **fields) -> str:
    """The template ``key`` in ``lang`` (``zh`` or ``en``) filled with ``fields``."""
    zh, en = EXPLAIN_TEMPLATES[key]
    return (zh if lang == "zh" else en).format(**fields)


def rule_name(code: str, lang: str = "zh") -> str:
    """The short name of a rule (``R5``), the SPEC 7 name of ``RULE_ZH`` without its gloss."""
    if lang == "zh":
        return RULE_ZH.get(code, code).split("（")[0]
    return RULE_EN.get(code, code)


def term_name(code: str, lang: str = "zh") -> str:
    """The name of a term (``fairness``), from the SPEC 7 table ``TERM_ZH``."""
    return TERM_ZH.get(code, code) if lang == "zh" else code


def recusal_name(lang: str = "zh") -> str:
    """R7 as a reason for a move: 亲属回避须调离 (``REASON_ZH``)."""
    return REASON_ZH["R7"] if lang == "zh" else REASON_EN["R7"]


def lock_name(lang: str = "zh") -> str:
    """A require lock as a reason (``REASON_ZH["lock"]``)."""
    return REASON_ZH["lock"] if lang == "zh" else REASON_EN["lock"]


def wish_words(rank: int, lang: str = "zh") -> str:
    """``本人第一志愿`` / ``wish no. 1``."""
    return reason_text(f"preference:{rank}", lang)


def need_words(code: str, lang: str = "zh") -> str:
    """A team-need code in words: a specialty or a certificate, as the committee names it."""
    if lang != "zh":
        return code
    if code in SPECIALTY_ZH:
        return f"{SPECIALTY_ZH[code]}专业"
    return CERTIFICATE_ZH.get(code, code)


def specialty_words(code: str, lang: str = "zh") -> str:
    """A specialty code in words (``law`` -> 法律); an unknown code as it is."""
    return SPECIALTY_ZH.get(code, code) if lang == "zh" else code


def region_words(scenario, region_id, lang: str = "zh") -> str:
    """``R01 北湖区``; the word for none when there is no region (a new recruit)."""
    return region_name(scenario, region_id) if region_id else explain_words("none", lang)


def _coded(table_zh: dict, code, lang: str, table_en: dict | None = None) -> str:
    """A code in words: the SPEC 7 Chinese label, or in English the plain English or the code."""
    if lang == "zh":
        return table_zh.get(code, str(code))
    return (table_en or {}).get(code, str(code))


def kind_words(kind: str, lang: str = "zh") -> str:
    """A kind (``posting``) in words (交流任职)."""
    return _coded(KIND_ZH, kind, lang, KIND_EN)


def hardship_words(level: int, lang: str = "zh") -> str:
    """A hardship level 0-3 in words."""
    return _coded(HARDSHIP_ZH, level, lang, HARDSHIP_EN)


def rank_words(rank: str, lang: str = "zh") -> str:
    """A rank code in words (科员 ...); the code in English."""
    return _coded(RANK_ZH, rank, lang)


def post_type_words(post_type: str, lang: str = "zh") -> str:
    """A post type code in words; the code in English."""
    return _coded(POST_TYPE_ZH, post_type, lang)


def rating_words(rating: str, lang: str = "zh") -> str:
    """A rating code in words; the code in English."""
    return _coded(RATING_ZH, rating, lang)


def level_words(level: str, lang: str = "zh") -> str:
    """A unit level code in words; the code in English."""
    return _coded(LEVEL_ZH, level, lang)


def filter_words_short(name: str, lang: str = "zh") -> str:
    """A candidate filter's name as the reason it keeps cadres off (``FILTER_ZH`` / ``FILTER_EN``)."""
    return _coded(FILTER_ZH, name, lang, FILTER_EN)


def yes_no(value: bool, lang: str = "zh") -> str:
    """是 / 否, yes / no."""
    return explain_words("yes" if value else "no", lang)


def join_words(items, lang: str = "zh", sep: str = "list_sep") -> str:
    """Items joined for a sentence; the word for none when there are none (never an empty gap)."""
    items = [str(i) for i in items if str(i)]
    return explain_words(sep, lang).join(items) if items else explain_words("none", lang)


def with_source(text: str, code: str, scenario=None, lang: str = "zh") -> str:
    """``text`` followed by the documents behind rule or term ``code``: ``…（依据《公务员回避规定》）``.
    Unchanged when no document is known for the code."""
    return with_sources(text, [code], scenario, lang)


def with_sources(text: str, codes, scenario=None, lang: str = "zh") -> str:
    """``text`` followed by the documents behind every rule or term of ``codes`` (each title once)."""
    titles: list = []
    for code in codes:
        for title in policy_titles(code, scenario):
            if title not in titles:
                titles.append(title)
    if not titles:
        return text
    joined = explain_words("list_sep", lang).join(f"《{t}》" for t in titles)
    return text + explain_words("source", lang, titles=joined)
