"""Every word of a diagnosis, zh and en: counting checks, core items, fixes, diagnosis.md, and the
lines ``planner validate`` and ``planner fix`` print.

Templates are ``str.format`` strings keyed by what they say (``check.min_seats``,
``fix.drop_team_need``, ...); :func:`diagnosis_text` fills one in. Rule names (SPEC 7) are never
written here: a template names a rule through the ``{rule_R11}`` style fields, which come from
``planner.labels.codes.RULE_ZH`` / ``RULE_EN``; post types through ``{post_admin}`` /
``{post_civil}`` from ``POST_TYPE_ZH``.
"""
from __future__ import annotations

from collections.abc import Iterable

from models.scenario import Scenario
from planner.labels.codes import CERTIFICATE_ZH, POST_TYPE_ZH, RULE_EN, RULE_EN_FULL, RULE_ZH, SPECIALTY_ZH
from planner.labels.describe import cadre_label, opening_label, unit_label

__all__ = ["CLAUSE_SEP", "COMMA", "DIAGNOSIS_TEMPLATES", "LIST_SEP", "LOCK_WORDS", "OPENINGS_COUNTED",
           "ITEMS_COUNTED", "diagnosis_text", "lock_word", "qualification_name", "rule_name", "rule_names",
           "rule_full_name", "cadre_named", "opening_named", "unit_named"]

# --------------------------------------------------------------------------------------------
# small words
# --------------------------------------------------------------------------------------------
LIST_SEP = {"zh": "、", "en": ", "}
CLAUSE_SEP = {"zh": "；", "en": "; "}
COMMA = {"zh": "，", "en": ", "}
LOCK_WORDS = {"zh": {"require": "必须安排", "forbid": "不得安排"}, "en": {"require": "require", "forbid": "forbid"}}
# What a long list of ids counts in Chinese (``ids_text(..., unit=...)``: "OP1、OP2 等 30 个岗位").
OPENINGS_COUNTED = "个岗位"
ITEMS_COUNTED = "个"


def rule_name(code: str, lang: str = "zh") -> str:
    """The short name of a rule: ``R7`` -> ``回避`` (zh) or ``recusal`` (en); unknown codes as they are."""
    if lang == "zh":
        return RULE_ZH[code].split("（")[0] if code in RULE_ZH else code
    return RULE_EN.get(code, code)


def rule_full_name(code: str, lang: str = "zh") -> str:
    """The full SPEC 7 name of a rule (zh) or its plain English: ``R3`` -> ``岗位名额（...）``."""
    return RULE_ZH.get(code, code) if lang == "zh" else RULE_EN_FULL.get(code, code)


def cadre_named(scenario: Scenario, cadre_id: str, lang: str = "zh") -> str:
    """A cadre in a diagnosis: ``C9（王芳）`` in Chinese, the id in English."""
    return cadre_label(scenario, cadre_id, lang) if lang == "zh" else cadre_id


def opening_named(scenario: Scenario, opening_id: str, lang: str = "zh") -> str:
    """An opening in a diagnosis: ``OP1（东山分局 执法岗位）`` in Chinese, the id in English."""
    return opening_label(scenario, opening_id, lang) if lang == "zh" else opening_id


def unit_named(scenario: Scenario, unit_id: str, lang: str = "zh") -> str:
    """A unit in a diagnosis: ``U2（东山分局）`` in Chinese, the id in English."""
    return unit_label(scenario, unit_id, lang) if lang == "zh" else unit_id


def rule_names(codes: Iterable[str], lang: str = "zh") -> str:
    """Short names of several rules, joined: ``岗位名额、回避``."""
    return LIST_SEP[lang].join(rule_name(c, lang) for c in codes)


def qualification_name(code: str, lang: str = "zh") -> str:
    """A specialty or certificate code in words: ``law`` -> ``法律（law）`` in zh, the code in en."""
    if lang != "zh":
        return code
    name = SPECIALTY_ZH.get(code) or CERTIFICATE_ZH.get(code)
    return f"{name}（{code}）" if name and name != code else code


def lock_word(lock: str, lang: str = "zh") -> str:
    """``require`` -> 必须安排 (zh); the code in en."""
    return LOCK_WORDS["zh" if lang == "zh" else "en"].get(lock, lock)


# --------------------------------------------------------------------------------------------
# templates
# --------------------------------------------------------------------------------------------
DIAGNOSIS_TEMPLATES: dict[str, dict[str, str]] = {
    # --- counting checks -------------------------------------------------------------------
    "check.require_lock_blocked": {
        "zh": "{rule_R11}要求安排 {cadre} 到 {opening}，但其不能担任该岗位：{why}",
        "en": "the committee requires {cadre} on {opening}, but {cadre} may not take it: {why}",
    },
    "check.recruit_no_posting": {
        "zh": "新录用人员 {cadre} 须安排一个基层交流岗位（{rule_R4}），但没有任何交流岗位对其开放（{why}）",
        "en": "new recruit {cadre} must get one grassroots posting, but no posting is open to {cadre} ({why})",
    },
    "check.due_no_posting": {
        "zh": "{cadre} 在现单位任职已满 {years} 年，须交流（{rule_R6}），但没有任何交流岗位对其开放（{why}）",
        "en": "{cadre} is due to rotate ({years} years at the current unit) but no posting is open to {cadre} ({why})",
    },
    "check.postings_closed_by": {"zh": "各岗位的排除原因：{counts}", "en": "postings kept off by {counts}"},
    "check.no_postings": {"zh": "没有交流岗位", "en": "there are no postings"},
    "check.filter_count_postings": {"zh": "{code} {filter} {count} 个", "en": "{code} {filter}: {count}"},
    "check.min_seats": {
        "zh": "{opening} 最少需 {min_seats} 人，但符合条件的只有 {available} 人",
        "en": "{opening} needs at least {min_seats} but only {available} cadre(s) may take it",
    },
    "check.who_may": {"zh": "（{ids}）", "en": " ({ids})"},
    "check.kept_off": {"zh": "；被以下规则排除：{removed}", "en": "; kept off: {removed}"},
    "check.not_eligible": {"zh": "；不具备{rule_R2}：{counts}", "en": "; not eligible: {counts}"},
    "check.filter_count_cadres": {"zh": "{code} {filter} {count} 人", "en": "{code} {filter}: {count}"},
    "check.filter_cadres": {"zh": "{code} {filter}：{ids}", "en": "{code} {filter}: {ids}"},
    "check.cadre_why": {"zh": "{cadre}：{why}", "en": "{cadre}: {why}"},
    "check.recruits_vs_grassroots": {
        "zh": "新录用人员 {count} 人（{ids}）须各安排一个基层交流岗位，但对其开放的基层岗位合计只有 {seats} 个名额",
        "en": "{count} new recruits ({ids}) must each get a grassroots posting, but the grassroots postings "
              "open to them have {seats} seat(s) in all",
    },
    "check.seats_list": {"zh": "（{seats}）", "en": " ({seats})"},
    "check.seats_of": {"zh": "{opening} {seats} 个", "en": "{opening}: {seats}"},
    "check.due_vs_seats": {
        "zh": "任职满 {years} 年须交流的干部 {count} 人（{ids}），但对其开放的交流岗位合计只有 {seats} 个名额",
        "en": "{count} cadres are due to rotate ({ids}) but the postings open to them have {seats} seat(s) in all",
    },
    "check.locks_overlap": {
        "zh": "{rule_R11}（R11）要求 {cadre} 同时参加 {first}（{first_months} 月）和 {second}（{second_months} 月），"
              "两者在 {overlap} 月重叠（R8 {rule_R8}）",
        "en": "require locks (R11) put {cadre} on {first} (months {first_months}) and {second} "
              "(months {second_months}), which overlap in month(s) {overlap}",
    },
    "check.locks_months": {
        "zh": "{rule_R11}（R11）使 {cadre} 全年外派 {months} 个月，超过上限 {cap} 个月（R8 {rule_R8}）",
        "en": "require locks (R11) send {cadre} away {months} months, above the cap of {cap}",
    },
    "check.locks_two_postings": {
        "zh": "{rule_R11}（R11）给 {cadre} 安排了 {count} 个交流岗位（{openings}），违反{rule_R1}（R1）",
        "en": "require locks (R11) give {cadre} {count} postings: {openings}",
    },
    "check.locks_over_seats": {
        "zh": "{rule_R11}（R11）安排 {count} 人到 {opening}，但该岗位只有 {seats} 个名额",
        "en": "{count} require locks (R11) on {opening}, which has {seats} seat(s)",
    },
    "check.locks_kin_team": {
        "zh": "{rule_R11}（R11）安排有{relation}关系的 {first} 与 {second} 同在 {opening}（R7 {rule_R7}）",
        "en": "require locks (R11) put relatives {first} and {second} ({relation}) on the same team {opening}",
    },
    "check.locks_kin_unit": {
        "zh": "{rule_R11}（R11）将有{relation}关系的 {first} 与 {second} 都交流到 {unit}（R7 {rule_R7}）",
        "en": "require locks (R11) post relatives {first} and {second} ({relation}) both to {unit}",
    },
    "check.relation_default": {"zh": "亲属", "en": "kin"},
    "check.team_need": {
        "zh": "{opening} 须安排人员（{forced}），队伍中至少需 {need} 名具备 {code} 的人员，"
              "但可选人员中只有 {qualified} 人具备",
        "en": "{opening} must be staffed ({forced}) and needs at least {need} with {code}, but only {qualified} of "
              "the cadres who may take it qualify",
    },
    "check.forced_min_seats": {"zh": "最少需 {min_seats} 人", "en": "min_seats {min_seats}"},
    "check.forced_lock": {"zh": "{rule_R11}须安排人员", "en": "a require lock"},
    "check.team_need_seats": {"zh": "；且名额只有 {seats} 个", "en": "; and it has only {seats} seat(s)"},
    "check.holders_kept_off": {
        "zh": "；具备 {code} 的人员被以下规则排除：{removed}",
        "en": "; the holders of {code} are kept off: {removed}",
    },
    "check.no_holders": {"zh": "；没有任何干部具备 {code}", "en": "; no cadre holds {code}"},
    "check.hall": {
        "zh": "必须交流的 {count} 人（{ids}；{codes}）只能去 {openings}，"
              "这些岗位合计只有 {seats} 个名额（{seat_list}），有 {short} 人无法安排",
        "en": "{count} must-move cadre(s) ({ids}; {codes}) can only take postings {openings}, which have {seats} "
              "seat(s) in all ({seat_list}): {short} cannot be placed",
    },
    "check.hall_no_openings": {"zh": "（无）", "en": "(none)"},
    "check.hall_short_in_all": {"zh": "（全部必须交流人员中共缺 {short} 个名额）", "en": " ({short} short in all)"},
    # --- core items ---------------------------------------------------------------------------
    "core.seats": {
        "zh": "{opening} 名额 {seats} 个，最少 {min_seats} 人；符合条件的 {count} 人",
        "en": "{opening} takes at most {seats} and at least {min_seats} cadre(s); {count} may take it",
    },
    "core.seats_max": {
        "zh": "{opening} 名额 {seats} 个；符合条件的 {count} 人",
        "en": "{opening} takes at most {seats} cadre(s); {count} may take it",
    },
    "core.recruit": {
        "zh": "新录用人员 {cadre} 须安排一个基层交流岗位；可去的岗位：{openings}",
        "en": "new recruit {cadre} must get exactly one grassroots posting; open to {cadre_id}: {openings}",
    },
    "core.due": {
        "zh": "{cadre} 在 {unit} 任职已满 {years} 年，须交流；可去的岗位：{openings}",
        "en": "{cadre} is due to rotate (R6) and must get a posting; open to {cadre_id}: {openings}",
    },
    "core.opening_seats": {"zh": "{opening}（名额 {seats}）", "en": "{opening} ({seats} seat(s))"},
    "core.none": {"zh": "无", "en": "none"},
    "core.lock": {
        "zh": "{rule_R11}：{cadre} 必须安排到 {opening}",
        "en": "the committee requires {cadre} on {opening}",
    },
    "core.lock_blocked": {"zh": "，但其不能担任该岗位：{why}", "en": ", but {cadre} may not take it: {why}"},
    "core.kin_team": {
        "zh": "{first} 与 {second}（{relation}）不得同在 {opening}",
        "en": "{first} and {second} ({relation}) may not serve on the same team {opening}",
    },
    "core.kin_unit": {
        "zh": "{first} 与 {second}（{relation}）不得同在 {unit}",
        "en": "{first} and {second} ({relation}) may not both be based in {unit}",
    },
    "core.overlap": {
        "zh": "{cadre} 不能同时参加 {openings}：时间重叠",
        "en": "{cadre} cannot take {openings} together: their months overlap",
    },
    "core.away_cap": {
        "zh": "{cadre} 全年外派合计不得超过 {cap} 个月",
        "en": "{cadre} may be away at most {cap} months in the year",
    },
    "core.team_need": {
        "zh": "{opening} 如安排人员，至少需 {need} 人具备 {code}",
        "en": "{opening}, if staffed, needs at least {need} with {code}",
    },
    "core.one_posting": {"zh": "{cadre} 至多安排一个交流岗位", "en": "{cadre} may get at most one posting"},
    "core.group_seats": {
        "zh": "{count} 个岗位合计 {seats} 个名额：{openings}",
        "en": "{count} posting(s) with {seats} seat(s) in all: {openings}",
    },
    "core.group_recruits": {
        "zh": "{count} 人须安排交流岗位（新录用人员）：{ids}",
        "en": "{count} cadre(s) who must get a posting (new recruits): {ids}",
    },
    "core.group_due": {
        "zh": "{count} 人须安排交流岗位（任职满限）：{ids}",
        "en": "{count} cadre(s) who must get a posting (rotation due): {ids}",
    },
    "core.group_other": {"zh": "{rule} {count} 条：{ids}", "en": "{count} instance(s) of {rule}: {ids}"},
    # --- fix steps -------------------------------------------------------------------------
    "fix.add_seats": {
        "zh": "给 {opening} 增加 {added} 个名额（{old} → {new}）",
        "en": "add {added} seat(s) to {opening} ({old} -> {new})",
    },
    "fix.lower_min_seats": {
        "zh": "将 {opening} 的最低人数由 {old} 降为 {new}",
        "en": "lower min_seats of {opening} from {old} to {new}",
    },
    "fix.accept_ranks": {"zh": "{opening} 放宽职级要求，接受{values}", "en": "let {opening} accept rank {values}"},
    "fix.accept_specialties": {
        "zh": "{opening} 放宽专业要求，接受 {values}", "en": "let {opening} accept specialty {values}",
    },
    "fix.drop_certificates": {
        "zh": "{opening} 取消证书要求 {values}", "en": "drop the certificate requirement {values} of {opening}",
    },
    "fix.drop_post_type": {"zh": "{opening} 取消编制类型限制", "en": "drop the post type requirement of {opening}"},
    "fix.allow_transfer": {
        "zh": "{opening} 允许{post_admin}与{post_civil}互相转任",
        "en": "allow transfer (admin <-> civil) for {opening}",
    },
    "fix.lower_rating": {
        "zh": "{opening} 考核等次要求降为{value}", "en": "lower the minimum rating of {opening} to {value}",
    },
    "fix.open_pool": {"zh": "{opening} 不再限蓄水池人员", "en": "open {opening} beyond the talent pool"},
    "fix.lower_service_years": {
        "zh": "{opening} 工龄要求由 {old} 年降为 {new} 年",
        "en": "lower min_service_years of {opening} from {old} to {new}",
    },
    "fix.raise_max_age": {
        "zh": "{opening} 年龄上限由 {old} 岁放宽到 {new} 岁", "en": "raise max_age of {opening} from {old} to {new}",
    },
    "fix.other_field": {"zh": "{opening}：{field} {old} → {new}", "en": "{opening}: {field} {old} -> {new}"},
    "fix.drop_team_need": {
        "zh": "取消 {opening} 的{rule_R9}要求（至少 {need} 人具备 {code}）",
        "en": "drop the team need {code_id}:{need} of {opening}",
    },
    "fix.lower_team_need": {
        "zh": "将 {opening} 的{rule_R9}要求由至少 {old} 人具备 {code} 降为 {new} 人",
        "en": "lower the team need {code_id} of {opening} from {old} to {new}",
    },
    "fix.lift_lock": {
        "zh": "撤销{rule_R11}（{lock}）：{cadre} → {opening}",
        "en": "lift the {lock} lock {cadre_id} -> {opening_id}",
    },
    "fix.raise_away_cap": {
        "zh": "将全年外派上限由 {old} 个月调为 {new} 个月",
        "en": "raise rules.max_away_months from {old} to {new}",
    },
    "fix.other_rule": {"zh": "规则设置 {key}：{old} → {new}", "en": "rules.{key}: {old} -> {new}"},
    "fix.many_seats": {
        "zh": "在 {count} 个岗位共增加 {total} 个名额（{top}{more}；明细见 diagnosis.json）",
        "en": "add {total} seats over {count} postings ({top}{more}; every step in diagnosis.json)",
    },
    "fix.many_more": {"zh": " 等", "en": ", ..."},
    "fix.seat_added": {"zh": "{opening} +{added}", "en": "{opening} +{added}"},
    # --- diagnosis.md ------------------------------------------------------------------------
    "md.title": {"zh": "# 无可行方案：诊断", "en": "# No feasible plan: diagnosis"},
    "md.scenario": {"zh": "方案: {name}", "en": "Scenario: {name}"},
    "md.intro": {
        "zh": "没有任何方案能同时满足全部硬性规则。下面先列出快速核查发现的原因，再列出求解器找到的一组"
              "不能同时成立的规则实例（去掉其中任何一条，其余即可同时满足），最后是经过验证的调整建议。",
        "en": "No plan obeys every hard rule. First the causes found by counting, then a set of rule instances "
              "that cannot all hold (dropping any one lets the rest hold), then suggested fixes, each verified.",
    },
    "md.intro_counting": {
        "zh": "快速核查（只数名额与人选，不调用求解器）已证明没有任何方案能同时满足全部硬性规则。"
              "完整诊断与经验证的调整建议请运行 planner solve。",
        "en": "The counting checks (seats and candidates counted, no solver run) prove that no plan obeys every "
              "hard rule. Run planner solve for the full diagnosis with verified fixes.",
    },
    "md.rules": {"zh": "## 冲突的规则", "en": "## Rules in conflict"},
    "md.rule_line": {"zh": "- {code}: {name}{source}", "en": "- {code}: {name}{source}"},
    "md.source": {"zh": "（依据：{titles}）", "en": " (source: {titles})"},
    "md.checks": {"zh": "## 快速核查", "en": "## Counting checks"},
    "md.core": {"zh": "## 不能同时满足的规则实例", "en": "## Rule instances that cannot all hold"},
    "md.more_items": {"zh": "- （另有 {count} 条，见 diagnosis.json）", "en": "- ({count} more in diagnosis.json)"},
    "md.item_head": {"zh": "{codes}（{names}{source}）", "en": "{codes} ({names}{source})"},
    "md.item_source": {"zh": "；依据{titles}", "en": "; source: {titles}"},
    "md.item_cadres": {"zh": "干部 {ids}", "en": "cadres {ids}"},
    "md.item_openings": {"zh": "岗位 {ids}", "en": "openings {ids}"},
    "md.item": {"zh": "- {head}：{text}", "en": "- {head}: {text}"},
    "md.fixes": {"zh": "## 调整建议（均已验证）", "en": "## Suggested fixes (each verified)"},
    "md.fixes_order": {
        "zh": "按改动大小排列（涉及的岗位、{rule_R11}和规则设置越少、数值改动越小越靠前）。"
              "用 `planner fix 方案目录 诊断目录 --apply 序号 --out 新目录` 写出调整后的方案。",
        "en": "Smallest change first (fewest openings, locks and settings touched, then the smallest numbers). "
              "`planner fix SCENARIO DIAG_DIR --apply N --out NEW` writes the scenario with fix N applied.",
    },
    "md.no_fix": {
        "zh": "未找到经验证可行的调整；请根据上述原因调整岗位设置或{rule_R11}。",
        "en": "No verified fix was found; adjust the openings or locks named above.",
    },
    "md.fix_line": {"zh": "{rank}. {text}（{how}）", "en": "{rank}. {text} ({how})"},
    "md.verified_solve": {
        "zh": "已验证：按调整写出并重新读入方案后完整求解，结果 {status}，得到 {lines} 条安排，经独立核查无违规",
        "en": "verified: the fixed scenario, written and read back, solved in full ({status}): a plan of {lines} "
              "line(s) that the independent checker accepts",
    },
    "md.verified_feasible": {
        "zh": "已验证存在满足全部规则的方案（可行性检查，{lines} 条安排，经独立核查）；"
              "完整求解在 {seconds:.0f} 秒内未完成",
        "en": "a plan obeying every rule exists (feasibility check, {lines} line(s), accepted by the independent "
              "checker); the full solve did not finish within {seconds:.0f} s",
    },
    "md.verified_feasible_not_run": {
        "zh": "已验证存在满足全部规则的方案（可行性检查，{lines} 条安排，经独立核查）；"
              "诊断时限内未做完整求解，请用 planner fix 写出后自行求解",
        "en": "a plan obeying every rule exists (feasibility check, {lines} line(s), accepted by the independent "
              "checker); the full solve did not fit in the diagnosis's time: write the fix with planner fix and "
              "solve it",
    },
    "md.took": {"zh": "诊断用时 {seconds:.1f} 秒。", "en": "Diagnosis took {seconds:.1f} s."},
    # --- command-line lines ---------------------------------------------------------------
    "cli.counting_infeasible": {
        "zh": "无可行方案（快速核查已证明，未调用求解器）：冲突的规则 {rules}",
        "en": "INFEASIBLE (proved by the counting checks; no solver run): rules in conflict: {rules}",
    },
    "cli.infeasible": {
        "zh": "无可行方案：没有任何方案能同时满足全部硬性规则；冲突的规则 {rules}",
        "en": "INFEASIBLE: no plan obeys every rule; rules in conflict: {rules}",
    },
    "cli.item": {"zh": "  {rule}: {text}", "en": "  {rule}: {text}"},
    "cli.counting_only": {
        "zh": "validate 只做快速核查；运行 planner solve 可得到完整诊断和经验证的调整建议（diagnosis.md）",
        "en": "validate runs the counting checks only; planner solve writes the full diagnosis with verified "
              "fixes (diagnosis.md)",
    },
    "cli.fix_list_head": {"zh": "{count} 项经验证的调整建议：", "en": "{count} verified fix(es):"},
    "cli.fix_line": {"zh": "  {rank}. {text}", "en": "  {rank}. {text}"},
    "cli.fix_applied": {
        "zh": "已应用调整 {rank}：{text}\n写出 {out}；"
              "下一步：planner validate {out}，planner solve {out} --out 方案目录",
        "en": "applied fix {rank}: {text}\nwrote {out}; next: planner validate {out} and planner solve {out} --out DIR",
    },
    "cli.fix_none": {"zh": "{folder} 的诊断中没有调整建议", "en": "the diagnosis in {folder} has no fixes"},
    "cli.fix_no_rank": {
        "zh": "没有序号为 {rank} 的调整（可选：{ranks}）", "en": "there is no fix {rank} (choose one of: {ranks})",
    },
    "cli.fix_no_diagnosis": {
        "zh": "{folder} 中没有 diagnosis.json（先运行 planner solve）",
        "en": "{folder} holds no diagnosis.json (run planner solve first)",
    },
    "cli.fix_bad_diagnosis": {"zh": "{path} 不是有效的诊断文件：{what}", "en": "{path} is not a diagnosis: {what}"},
    "cli.fix_other_scenario": {
        "zh": "{folder} 的诊断来自另一份方案数据（scenario_sha256 不符）；请对当前数据重新运行 planner solve",
        "en": "the diagnosis in {folder} was made for other scenario data (scenario_sha256 differs); "
              "run planner solve on this scenario again",
    },
    "cli.fix_same_folder": {
        "zh": "--out 不能是原方案目录 {folder}（原数据保持不变）",
        "en": "--out must not be the scenario folder {folder} (the original stays as it is)",
    },
    "cli.fix_failed": {"zh": "调整 {rank} 无法应用：{what}", "en": "fix {rank} cannot be applied: {what}"},
}


def diagnosis_text(key: str, lang: str = "zh", **fields) -> str:
    """Fill in one template of :data:`DIAGNOSIS_TEMPLATES`.

    Parameters
    ----------
    key : str
        The template's key, e.g. ``"check.min_seats"``.
    lang : str
        ``"zh"`` or ``"en"`` (anything else is English).
    **fields
        The template's fields. The rule names ``rule_R1`` .. ``rule_R11`` and the post-type words
        ``post_admin`` / ``post_civil`` are supplied here and need not be given.

    Returns
    -------
    str
        The filled-in text.
    """
    lang = "zh" if lang == "zh" else "en"
    words = {f"rule_{code}": rule_name(code, lang) for code in RULE_ZH}
    words.update(post_admin=POST_TYPE_ZH["admin"] if lang == "zh" else "admin",
                 post_civil=POST_TYPE_ZH["civil"] if lang == "zh" else "civil")
    words.update(fields)
    return DIAGNOSIS_TEMPLATES[key][lang].format(**words)
