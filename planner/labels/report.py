"""Every word of the committee pack: the workbook, the memo (请示) and the pictures, zh and en.

Templates are ``str.format`` strings keyed by name; :func:`report_text` fills them. The SPEC 7
words (term, rule and reason names) are never written here: a template names them as fields
(``{term_exchange}``, ``{rule_R4}``, ``{reason_lock}``) and :func:`report_text` takes them from
the tables of :mod:`planner.labels.codes`, so that a term is called the same everywhere.
"""
from __future__ import annotations

from planner.labels.codes import REASON_EN, REASON_ZH, RULE_EN_FULL, RULE_ZH, TERM_ZH

TERM_NAME_EN = {"fairness": "fair hardship", "shortage": "staffing key shortage units",
                "development": "talent pool development", "preference": "wishes",
                "exchange": "cross-region exchange", "stability": "stability", "fit": "fit"}

# --- sheet titles (附录 sheets hold the codes and the technical facts) ---------------------------
SHEET_TITLES = {  # key: (zh, en)
    "notes": ("说明", "Notes"),
    "postings": ("调整名单", "Postings"),
    "away": ("挂职及任务", "Temporary and tasks"),
    "units": ("按单位", "By unit"),
    "fairness": ("公平性", "Fairness"),
    "exchange": ("地域交流", "Exchange"),
    "unmet": ("未满足", "Unmet"),
    "solver": ("附录一 计算信息", "Appendix 1 Solver"),
    "lines": ("附录二 安排明细", "Appendix 2 Lines"),
    "roster": ("附录三 干部名册", "Appendix 3 Roster"),
}
APPENDIX_PREFIX = ("附录", "Appendix")
# Extra columns of cadres.csv that hold the cadre's post (现单位及职务 shows it beside the unit).
POST_TITLE_COLUMNS = ("职务", "现职务", "现任职务", "职务名称", "post", "title")

# --- column headers: (zh, en) ---------------------------------------------------------------------
POSTING_HEADERS = (
    ("序号", "No."), ("姓名", "Name"), ("性别", "Sex"), ("出生年月\n（年龄）", "Born (age)"),
    ("学历\n（专业）", "Education (specialty)"), ("现单位及职务", "Current unit and post"),
    ("任现职\n时间", "In post since"), ("拟任单位及岗位", "New unit and post"), ("类型", "Type"),
    ("理由", "Reasons"), ("回避核查", "Recusal check"), ("备注", "Remarks"),
)
AWAY_HEADERS = (
    ("序号", "No."), ("姓名", "Name"), ("性别", "Sex"), ("出生年月\n（年龄）", "Born (age)"),
    ("现单位及职务", "Current unit and post"), ("安排（单位、岗位、时间）", "Assignments (unit, post, months)"),
    ("外派\n月数", "Months away"), ("理由", "Reasons"), ("回避核查", "Recusal check"), ("备注", "Remarks"),
)
UNIT_HEADERS = (("单位", "Unit"), ("所属地区", "Region"), ("层级", "Level"), ("重点缺人\n单位", "Key shortage"),
                ("艰苦程度", "Hardship"), ("调出人数", "Leaving"), ("调出人员", "Who leaves"),
                ("调入人数", "Arriving"), ("调入人员", "Who arrives"), ("净变化", "Net change"),
                ("挂职任务到岗", "Temporary/task arrivals"), ("岗位名额", "Seats"), ("已安排", "Assigned"),
                ("空缺名额", "Seats unfilled"), ("最低人数缺口", "Min seats unmet"))
FAIR_HEADERS = (("序号", "No."), ("姓名", "Name"), ("现单位", "Current unit"), ("工龄", "Service years"),
                ("调整前\n积分", "Points before"), ("本次\n增加", "Added"), ("调整后\n积分", "Points after"),
                ("本次安排", "Assigned to"), ("基层经历\n（调整后）", "Grassroots after"), ("备注", "Note"))
UNMET_HEADERS = (("序号", "No."), ("岗位名称", "Opening"), ("单位", "Unit"), ("类型", "Type"),
                 ("名额", "Seats"), ("最低人数", "Min seats"), ("已安排", "Assigned"), ("空缺", "Unfilled"),
                 ("最低人数缺口", "Min seats unmet"), ("符合条件人数", "Eligible cadres"), ("原因", "Why"))
REGION_HEADERS = (("地区", "Region"), ("偏远地区", "Remote"), ("跨地域调出", "Sent"), ("跨地域调入", "Received"),
                  ("区内交流", "Within region"), ("新录用到岗", "New recruits"), ("类别", "Category"))
LINE_HEADERS = (("名单", "List"), ("序号", "No."), ("姓名", "Name"), ("干部编号", "cadre_id"),
                ("岗位编号", "opening_id"), ("岗位名称", "Opening"), ("kind", "kind"), ("起止月", "Months"),
                ("理由代码", "reasons"), ("备选干部编号", "alternate cadre_id"))
ROSTER_HEADERS = (("干部编号", "cadre_id"), ("姓名", "Name"), ("现单位编号", "unit_id"), ("specialty", "specialty"),
                  ("certificates", "certificates"), ("rank", "rank"), ("post_type", "post_type"),
                  ("home_region", "home_region"), ("rating", "rating"), ("talent_pool", "talent_pool"),
                  ("exempt", "exempt"))
TERM_TABLE_HEADERS = (("目标", "Term"), ("代码", "code"), ("权重", "Weight"), ("得分", "Value"))
METRIC_TABLE_HEADERS = (("指标", "Metric"), ("代码", "code"), ("数值", "Value"))
KEY_TABLE_HEADERS = (("项目", "Item"), ("内容", "Value"))
MEMO_TABLE_HEADERS = (("序号", "No."), ("姓名", "Name"), ("现单位及职务", "Current unit and post"),
                      ("拟任单位及岗位", "New unit and post"), ("理由", "Reasons"))
MEMO_AWAY_HEADERS = (("序号", "No."), ("姓名", "Name"), ("现单位及职务", "Current unit and post"),
                     ("安排", "Assignments"))

# Labels of the key figures (tests read the values beside them).
GINI_BEFORE = ("基尼系数（调整前）", "Gini before")
GINI_AFTER = ("基尼系数（调整后）", "Gini after")

# Region categories of the exchange graph.
CATEGORY_ZH = {"both": "既调出又调入", "send_only": "只调出", "receive_only": "只调入",
               "isolated": "无跨地域调动"}
CATEGORY_EN = {"both": "sends and receives", "send_only": "only sends", "receive_only": "only receives",
               "isolated": "no exchange"}

# --- templates ------------------------------------------------------------------------------------
REPORT_WORDS: dict[str, tuple[str, str]] = {
    # shared bits
    "yes": ("是", "yes"), "no": ("否", "no"), "none": ("无", "none"), "total": ("合计", "Total"),
    "sep": ("、", ", "), "semi": ("；", "; "), "dash": ("—", "-"),
    "new_recruit": ("新录用", "new recruit"), "new_recruit_unposted": ("新录用（未分配）", "new recruit"),
    "outside_region": ("外地", "outside the scenario"),
    "relative": ("亲属", "relative"),
    "page_footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "ym": ("{year}.{month:02d}", "{year}-{month:02d}"),
    "born": ("{ym}\n（{age}岁）", "{ym}\n({age})"),
    "since": ("{ym}\n（{years}年）", "{ym}\n({years} y)"),
    "education": ("{education}\n{specialty}", "{education}\n{specialty}"),
    "unit_post": ("{unit}\n{post}", "{unit}\n{post}"),
    "target": ("{unit}：{opening}", "{unit}: {opening}"),
    "months_posting": ("{year}.{start:02d}起", "from {year}-{start:02d}"),
    "months_away": ("{year}.{start:02d}—{year}.{end:02d}（{months}个月）",
                    "{year}-{start:02d} to {year}-{end:02d} ({months} months)"),
    "away_line": ("{type}：{target}，{months}", "{type}: {target}, {months}"),
    "away_line_named": ("{target}，{months}", "{target}, {months}"),
    "numbered": ("{n}. {text}", "{n}. {text}"),
    "posting_first": ("新录用人员分配", "first posting of a new recruit"),
    "feature_cross": ("跨地域", "cross-region"),
    "remark_gains": ("本次取得基层经历", "gains a grassroots record"),
    "remark_transfer": ("{from_type}转任{to_type}岗位", "transfer {from_type} -> {to_type}"),
    "remark_lock": ("{reason_lock}：{note}", "committee decision: {note}"),
    "remark_lock_plain": ("{reason_lock}", "committee decision"),
    "remark_also_away": ("另有挂职或任务安排", "also has temporary or task lines"),
    "remark_also_posting": ("另有交流任职安排", "also has a posting"),
    "remark_alternate": ("备选：{name}（{unit}）", "alternate: {name} ({unit})"),
    "list_title": ("{name}\n干部调整名单（交流任职）", "{name}\nPostings"),
    "away_title": ("{name}\n挂职锻炼、跟班学习及专项任务人员名单", "{name}\nTemporary assignments and tasks"),
    "units_title": ("{name}\n各单位人员进出情况", "{name}\nBy unit"),
    "fair_title": ("{name}\n艰苦积分与公平性", "{name}\nHardship and fairness"),
    "exchange_title": ("{name}\n地域交流情况", "{name}\nExchange between regions"),
    "unmet_title": ("{name}\n未满额岗位", "{name}\nOpenings not filled"),
    "empty_list": ("本方案无此类安排", "no such lines in this plan"),
    # recusal
    "kin_same_unit": ("亲属回避：与{who}同在{unit}", "kin: same unit as {who}"),
    "kin_other_unit": ("亲属回避：与{who}不在同一单位", "kin: not in {who}'s unit"),
    "kin_same_team": ("亲属回避：与{who}同在本项安排", "kin: on the same team as {who}"),
    "kin_other_team": ("亲属回避：{who}未同在本项安排", "kin: {who} not on this team"),
    "who": ("{name}（{relation}）", "{name} ({relation})"),
    "region_home": ("地域回避：任务地{region}为本人籍贯地", "region: task in home region {region}"),
    "region_current": ("地域回避：任务地{region}为现单位所在地", "region: task in current region {region}"),
    "region_ok": ("地域回避：{region}非本人籍贯地及现单位所在地",
                  "region: {region} is neither home nor current region"),
    "recusal_failed": ("未通过：", "FAILED: "), "recusal_passed": ("通过", "passed"),
    # 按单位 / 公平性 / 未满足
    "fair_note_still": ("工龄满{years}年仍无基层经历", "{years}+ years of service, still no grassroots record"),
    "fair_most": ("最高积分（调整前 / 调整后）", "Most points (before / after)"),
    "fair_mean": ("人均积分（调整前 / 调整后）", "Mean points (before / after)"),
    "fair_without": ("工龄满{years}年无基层经历（调整前 / 调整后）",
                     "{years}+ years without grassroots (before / after)"),
    "more_items_people": ("等 {k} 人", "and others ({k} in all)"),
    "fair_without_names": ("调整后仍无基层经历的干部", "Still without a grassroots record"),
    "fair_note": ("说明", "Note"),
    "fair_note_text": ("积分 = 艰苦程度（0–3）× 月数，计近{years}年及本次安排；基尼系数越小越均衡（0 为完全均衡）。",
                       "points = hardship (0-3) x months over the last {years} years plus this plan; "
                       "a lower Gini is fairer."),
    "unmet_all_filled": ("所有岗位均已满额", "every opening is filled"),
    "unmet_only_first": ("岗位较多，仅分析前 {limit} 个", "only the first {limit} are analysed"),
    "unmet_below_min": ("未达最低人数 {k}", "below min_seats {k}"),
    "unmet_none_eligible": ("无符合条件的干部", "no cadre is eligible"),
    "unmet_few_eligible": ("符合条件的干部仅 {k} 人", "only {k} eligible"),
    "unmet_filters": ("主要限制：{filters}", "main filters: {filters}"),
    "unmet_filter": ("{filter} {k} 人", "{filter}: {k}"),
    "unmet_elsewhere": ("其余符合条件者中 {k} 人已另有安排", "{k} of the other eligible are assigned elsewhere"),
    "unmet_left": ("{k} 人未调整（按{term_fairness}、{term_stability}等目标权衡）",
                   "{k} left in place by the weighed terms (fairness, stability, ...)"),
    # 地域交流
    "ex_cross": ("{term_exchange}人数", "Cross-region postings"),
    "ex_postings": ("交流任职人数（不含新录用）", "Postings (new recruits left out)"),
    "ex_share": ("跨地域占比", "Cross-region share"),
    "ex_regions": ("有调出 / 有调入的地区数", "Regions sending / receiving"),
    "ex_regions_value": ("{sending} / {receiving}（共 {regions} 个）", "{sending} / {receiving} (of {regions})"),
    "ex_cat_both": ("既调出又调入的地区", "Regions that send and receive"),
    "ex_cat_send_only": ("只调出的地区", "Regions that only send"),
    "ex_cat_receive_only": ("只调入的地区", "Regions that only receive"),
    "ex_cat_isolated": ("无跨地域调动的地区", "Regions with no exchange"),
    "ex_reciprocity": ("互惠度（双向交流的线路占比）", "Reciprocity (share of two-way links)"),
    "ex_scc": ("可循环交流的最大地区群（个）", "Largest strongly connected component"),
    "remote_mark": ("（偏远）", " (remote)"),
    "ex_per_region": ("各地区交流情况", "Per region"),
    "ex_matrix": ("交流任职矩阵（行为调出地区，列为调入地区，灰格为区内交流）",
                  "Postings (rows: from region; columns: to region; diagonal: within)"),
    "ex_matrix_corner": ("调出＼调入", "from \\ to"),
    "ex_matrix_too_big": ("地区超过{limit}个，交流矩阵见 exchange.graphml（planner graph）",
                          "more than {limit} regions: see exchange.graphml (planner graph)"),
    # pictures
    "pic_no_regions": ("没有地区", "no regions"),
    "pic_graph_title": ("{term_exchange}（箭头由调出地区指向调入地区，数字为人数）",
                        "Cross-region postings (arrow: from region to region; number of cadres)"),
    "pic_size_title": ("圆圈大小：调入人数", "circle size: postings received"),
    "pic_colour_title": ("圆圈颜色：", "circle colour:"),
    "pic_size_item": ("{k} 人", "{k}"),
    "pic_no_edges": ("本方案无跨地区交流任职", "no cross-region postings in this plan"),
    "pic_lorenz_equal": ("绝对均衡线", "line of equality"),
    "pic_lorenz_before": ("调整前（基尼系数 {gini:.3f}）", "before (Gini {gini:.3f})"),
    "pic_lorenz_after": ("调整后（基尼系数 {gini:.3f}）", "after (Gini {gini:.3f})"),
    "pic_lorenz_x": ("干部累计占比（按艰苦积分由低到高）", "cumulative share of cadres (fewest points first)"),
    "pic_lorenz_y": ("艰苦积分累计占比", "cumulative share of hardship points"),
    "pic_lorenz_title": ("艰苦积分洛伦兹曲线", "Lorenz curve of hardship points"),
    "pic_hist_before": ("调整前", "before"), "pic_hist_after": ("调整后", "after"),
    "pic_hist_x": ("艰苦积分（艰苦程度 × 月数，近年合计）", "hardship points (hardship x months)"),
    "pic_hist_y": ("干部人数", "cadres"),
    "pic_hist_title": ("艰苦积分分布", "Hardship points per cadre"),
}

# 说明 and the memo share these sentences: what the plan does and what the committee decides.
PLAIN_WORDS: dict[str, tuple[str, str]] = {
    "notes_subtitle": ("方案说明（提请党组会研究）", "What the plan does (for the committee)"),
    "sec_overview": ("一、方案概况", "1. Overview"),
    "sec_effects": ("二、方案成效", "2. What the plan achieves"),
    "sec_unmet": ("三、未满额岗位", "3. Openings not filled"),
    "sec_decide": ("四、提请党组研究决定的事项", "4. For the committee to decide"),
    "sec_principles": ("五、遵循的原则", "5. Principles applied"),
    "sec_words": ("六、名词解释", "6. What the reasons mean"),
    "sec_sheets": ("七、各工作表内容", "7. The sheets"),
    "overview": ("本方案涉及干部 {cadres} 人、单位 {units} 个、岗位 {openings} 个（名额 {seats} 个），"
                 "拟作安排 {lines} 项：交流任职 {postings} 人（其中新录用人员 {recruits} 人），"
                 "挂职锻炼、跟班学习 {temporaries} 人次，专项任务 {tasks} 人次。",
                 "The plan covers {cadres} cadres, {units} units and {openings} openings ({seats} seats): "
                 "{lines} lines, {postings} postings ({recruits} of new recruits), {temporaries} temporary "
                 "assignments and {tasks} tasks."),
    "status_OPTIMAL": ("在全部硬性规则之下，本方案是按所定工作目标统筹权衡后的最佳方案。",
                       "Among the plans that keep every rule, this one is the best by the weighed terms."),
    "status_FEASIBLE": ("本方案符合全部硬性规则；在限定时间内未能证明其为最佳方案（可能的改进空间见附录一）。",
                        "The plan keeps every rule; it was not proven the best within the time limit "
                        "(see appendix 1 for how much better a plan could be)."),
    "status_other": ("本方案的计算状态为“{status}”，请核对附录一。", "Solver status {status}: see appendix 1."),
    "checked_ok": ("经独立校验程序逐条复核，本方案符合全部硬性规则。",
                   "An independent check of every rule found no violation."),
    "checked_bad": ("独立校验发现 {k} 处不符合规则，请勿提交审议（运行 planner check 查看）。",
                    "The independent check found {k} violation(s): do not submit (run planner check)."),
    "hash_mismatch": ("注意：方案文件记录的情景数据与所给数据不一致，请重新计算。",
                      "WARNING: the plan was made for other data; solve again."),
    "eff_grassroots": ("取得基层经历：{gained} 名干部本次取得基层经历；工龄满 {years} 年尚无基层经历的干部由 "
                       "{before} 人减至 {after} 人。",
                       "Grassroots record: {gained} cadres gain one; cadres with {years}+ years of service and "
                       "none go from {before} to {after}."),
    "eff_exchange": ("{term_exchange}：{cross} 人跨地区交流任职（占交流任职 {share}），{sending} 个地区有干部调出、"
                     "{receiving} 个地区有干部调入（共 {regions} 个地区）。",
                     "Cross-region exchange: {cross} postings cross regions ({share} of postings); "
                     "{sending} regions send and {receiving} receive (of {regions})."),
    "eff_fairness": ("{term_fairness}：艰苦积分的基尼系数由调整前 {before:.3f} 变为调整后 {after:.3f}"
                     "（越小越均衡）；个人最高积分由 {max_before} 变为 {max_after}。",
                     "Fair hardship: the Gini of hardship points goes from {before:.3f} to {after:.3f} "
                     "(lower is fairer); the most points from {max_before} to {max_after}."),
    "eff_shortage": ("重点缺人单位：补充 {k} 人，其中重点目标专业 {target} 人。",
                     "Key shortage units: {k} postings, {target} of them in target specialties."),
    "eff_preference": ("本人意愿：{k} 项安排符合本人志愿，其中第一志愿 {first} 项。",
                       "Wishes: {k} lines meet a wish, {first} of them a first wish."),
    "eff_pool": ("蓄水池成员：{k} 名蓄水池成员获得培养锻炼机会。",
                 "Talent pool: {k} members get a development opening."),
    "unmet_some": ("{k} 个岗位尚有 {seats} 个名额未安排，其中 {below} 个岗位低于最低人数要求（共缺 {short} 人）。"
                   "原因见“未满足”表。",
                   "{k} openings keep {seats} seats empty; {below} of them are below min_seats (short by "
                   "{short}). See the unmet sheet."),
    "unmet_some_no_min": ("{k} 个岗位尚有 {seats} 个名额未安排，均不低于最低人数要求。原因见“未满足”表。",
                          "{k} openings keep {seats} seats empty, none below min_seats. See the unmet sheet."),
    "unmet_none": ("所有岗位均已满额。", "Every opening is filled."),
    "decide_list": ("（一）审定调整名单（交流任职 {postings} 人）和挂职及任务人员名单（{away} 人）。",
                    "(1) Approve the postings ({postings} cadres) and the temporary and task list ({away} cadres)."),
    "decide_require": ("（{n}）{reason_lock}“必须安排”{k} 项，方案均已安排，请确认是否继续有效：{items}。",
                       "({n}) {k} 'require' decisions, all kept in the plan; confirm they stand: {items}."),
    "decide_forbid": ("（{n}）{reason_lock}“不得安排”{k} 项，方案均未安排，请确认是否继续有效：{items}。",
                      "({n}) {k} 'forbid' decisions, none in the plan; confirm they stand: {items}."),
    "decide_no_locks": ("（{n}）本次无{reason_lock}事项。如需预先确定或排除某项安排，请党组明确。",
                        "({n}) No committee decisions were given in advance."),
    "decide_unmet": ("（{n}）对未满额的 {k} 个岗位，请研究是暂缓补充、另行选调，还是调整任职条件：{items}。",
                     "({n}) For the {k} openings not filled, decide whether to leave them, recruit "
                     "elsewhere, or change their conditions: {items}."),
    "decide_recusal": ("（{n}）{k} 项安排回避核查未通过，请研究处理。", "({n}) {k} lines fail the recusal check."),
    "lock_require_item": ("{name}—{target}", "{name} -> {target}"),
    "lock_item_note": ("{item}（{note}）", "{item} ({note})"),
    "unmet_item": ("{target}（缺 {k} 人）", "{target} ({k} short)"),
    "more_items": ("等 {k} 项", "and {k} more"),
    "principles_rules": ("（一）硬性规则（每项安排均须满足）：", "(1) Rules every line keeps:"),
    "principle_rule": ("{n}. {rule}{detail}。依据：{source}", "{n}. {rule}{detail}. Source: {source}"),
    "principle_rule_plain": ("{n}. {rule}{detail}。", "{n}. {rule}{detail}."),
    "principles_terms": ("（二）在满足上述规则的前提下，按以下工作目标统筹权衡（按优先程度排列）：",
                         "(2) Within the rules, the plan weighs these aims (most weight first):"),
    "principle_term": ("{n}. {term}。依据：{source}", "{n}. {term}. Source: {source}"),
    "principle_term_plain": ("{n}. {term}。", "{n}. {term}."),
    "memo_rules": ("（一）坚持硬性规则，每项安排均须符合：{groups}。",
                   "(1) Every line keeps the rules: {groups}."),
    "memo_rule_group": ("依据{source}，{rules}", "following {source}: {rules}"),
    "memo_rule_group_plain": ("{rules}", "{rules}"),
    "memo_terms": ("（二）统筹工作目标。在符合上述规则的前提下，依据{sources}，按优先程度依次统筹{terms}。",
                   "(2) Within the rules, following {sources}, the plan weighs in this order: {terms}."),
    "term_off": ("本次未纳入权衡的目标：{terms}。", "Aims not weighed this time: {terms}."),
    "word_item": ("{word}：{meaning}", "{word}: {meaning}"),
    "sheet_item": ("{sheet}：{content}", "{sheet}: {content}"),
    "generated": ("生成日期：{date}", "Generated: {date}"),
}

# The numbers behind a rule, said after its name in 说明 and the memo.
RULE_DETAIL = {
    "R4": ("：新录用人员，及工龄未满 {first_stop} 年且尚无基层经历者，只到基层单位任职",
           ": new recruits, and cadres under {first_stop} years of service without a grassroots record, "
           "go to grassroots units only"),
    "R6": ("：在同一单位任职满 {tenure} 年的，本次须交流", ": {tenure}+ years in one unit: must move"),
    "R8": ("：全年合计不超过 {away} 个月", ": at most {away} months a year"),
}


# What each reason of 理由 means (说明 六). Keys are reason codes of plan.csv.
REASON_MEANING = {
    "R4": ("新录用干部，或工龄未满 {first_stop} 年且尚无基层经历的干部，须先到基层单位任职",
           "new recruits, and cadres with under {first_stop} years of service and no grassroots record, "
           "go to the grassroots first"),
    "R6": ("在现单位任职满 {tenure} 年，须交流", "{tenure}+ years in the current unit: must move"),
    "R7": ("与亲属同在一个单位，须调离其一", "shares a unit with a relative: one must leave"),
    "lock": ("党组已预先确定的安排", "decided by the committee in advance"),
    "shortage": ("到重点缺人单位任职，优先重点目标专业", "staffs a key shortage unit, target specialties first"),
    "preference:1": ("符合本人所报第一志愿（符合第二、第三志愿的，分别注明“本人第二志愿”“本人第三志愿”）",
                     "meets the cadre's first wish (second and third wishes are named as such)"),
    "fairness": ("由艰苦积分较少者承担艰苦岗位，或使工龄已满者取得基层经历",
                 "hardship goes to those who carried least, or a cadre past the first years gains a "
                 "grassroots record"),
    "development": ("蓄水池成员获得培养锻炼机会", "a talent pool member gets a development opening"),
    "exchange": ("跨地区交流任职，打破地域壁垒", "a posting across regions"),
    "fit": ("人选与岗位要求较为相适（据考察情况）", "a good fit by the assessment"),
    "stability": ("减少不必要的调动", "no more moves than needed"),
}
SHEET_CONTENTS = {
    "postings": ("交流任职人员，每人一行：基本情况、现单位及职务、拟任单位及岗位、理由、回避核查",
                 "postings, one row per cadre"),
    "away": ("挂职锻炼、跟班学习和专项任务人员，每人一行，多项安排列在同一格",
             "temporary assignments and tasks, one row per cadre"),
    "units": ("各单位调出、调入人员及人数，净变化，空缺名额", "who leaves and arrives per unit"),
    "fairness": ("每名干部调整前后的艰苦积分、基尼系数、仍无基层经历的干部、洛伦兹曲线",
                 "hardship points before and after, Gini, Lorenz curve"),
    "exchange": ("地区之间的交流任职矩阵，各地区调出、调入情况，交流关系图", "region matrix and the exchange graph"),
    "ledger": ("近年各地区之间交流任职的人数、交流壁垒及本方案打破的壁垒",
               "moves between regions over the years, barriers"),
    "unmet": ("未满额的岗位、符合条件的人数及未满原因", "openings not filled and why"),
    "solver": ("供技术核对的计算信息（计算状态、各项目标的权重与得分、数据校验）",
               "solver facts: status, objective, bound, gap, solver, seed, hash, weights, terms"),
    "lines": ("每项安排的干部编号、岗位编号和理由代码，供核对", "every line with its ids and reason codes"),
    "roster": ("全部干部的编号、代码及名册中的其他信息", "every cadre with codes and extra columns"),
}

# 附录一 (technical facts: codes and solver words are at home here).
SOLVER_WORDS: dict[str, tuple[str, str]] = {
    "title": ("{name}\n计算信息（供核对）", "{name}\nSolver facts"),
    "scenario": ("方案名称", "Scenario"), "year": ("计划年度", "Plan year"),
    "status": ("求解状态", "Status"), "objective": ("目标值", "Objective"), "bound": ("最优界", "Best bound"),
    "gap": ("相对差距", "Gap"), "solver": ("求解器", "Solver"), "seed": ("随机种子", "Seed"),
    "workers": ("线程数", "Workers"), "seconds": ("用时（秒）", "Seconds"),
    "sha": ("情景数据校验码（SHA-256）", "Scenario SHA-256"),
    "sha_mismatch": ("（注意：与所给情景数据不一致）", " (WARNING: not this scenario's)"),
    "plan_sha": ("方案文件校验码（SHA-256）", "plan.csv SHA-256"),
    "sizes": ("干部 / 单位 / 岗位", "Cadres / units / openings"),
    "check": ("独立校验", "Independent check"),
    "check_ok": ("通过：全部硬性规则成立", "passed: every rule holds"),
    "check_bad": ("未通过：{k} 处", "FAILED: {k} violation(s)"),
    "date": ("生成日期", "Date"),
    "terms": ("目标权重与得分", "Weights and terms"),
    "metrics": ("主要指标（summary.json）", "Metrics (summary.json)"),
    "lines_title": ("{name}\n安排明细（编号与代码，供核对）", "{name}\nLines with ids and codes"),
    "roster_title": ("{name}\n干部名册（编号、代码及名册中的其他信息）", "{name}\nRoster with codes and extra columns"),
}

MEMO_WORDS: dict[str, tuple[str, str]] = {
    "title": ("关于{year}年度年轻干部交流计划的请示", "Request for approval: young cadre exchange plan {year}"),
    "to": ("局党组：", "To the Party group of the bureau:"),
    "purpose": ("为加强年轻干部培养锻炼，打破干部交流地域壁垒，根据{sources}等规定，结合我局年轻干部队伍实际，"
                "拟订了《{name}》（草案）。现将有关情况请示如下：",
                "To develop young cadres and break regional barriers, following {sources}, we have drafted "
                "the plan '{name}'. We ask for approval as follows:"),
    "h_principles": ("一、遵循的原则", "1. Principles"),
    "h_numbers": ("二、计划安排情况", "2. The plan in numbers"),
    "h_decide": ("三、需党组研究决定的事项", "3. For the committee to decide"),
    "h_list": ("附件1：干部调整名单（交流任职）", "Annex 1: postings"),
    "h_away": ("附件2：挂职锻炼、跟班学习及专项任务人员名单", "Annex 2: temporary assignments and tasks"),
    "closing": ("以上请示妥否，请批示。", "We ask for your decision."),
    "annex_1": ("附件：1. 干部调整名单（交流任职，{postings} 人）", "Annexes: 1. postings ({postings})"),
    "annex_2": ("2. 挂职及任务人员名单（{away} 人）", "2. temporary assignments and tasks ({away})"),
    "signature": ("〔落款单位〕", "[issuing department]"),
    "date": ("〔    年  月  日〕", "[date]"),
    "contact": ("（联系人：〔    〕　联系电话：〔    〕）", "(Contact: [    ]  Phone: [    ])"),
    "draft": ("（草案，供党组会研究）", "(draft for the committee)"),
}


def _fields(lang: str) -> dict:
    """The SPEC 7 words as template fields: ``term_<code>``, ``rule_<code>``, ``reason_<code>``."""
    if lang == "zh":
        fields = {f"term_{k}": v for k, v in TERM_ZH.items()}
        fields.update({f"rule_{k}": v for k, v in RULE_ZH.items()})
        fields.update({f"reason_{k}": v for k, v in REASON_ZH.items()})
    else:
        fields = {f"term_{k}": v for k, v in TERM_NAME_EN.items()}
        fields.update({f"rule_{k}": v for k, v in RULE_EN_FULL.items()})
        fields.update({f"reason_{k}": v for k, v in REASON_EN.items()})
    return fields


_FIELDS = {"zh": _fields("zh"), "en": _fields("en")}


def report_text(key: str, lang: str = "zh", table: dict | None = None, **values) -> str:
    """The template ``key`` of ``table`` (default :data:`REPORT_WORDS`) in ``lang``, filled.

    Parameters
    ----------
    key : str
        A key of the table.
    lang : "zh" or "en"
    table : dict, optional
        :data:`REPORT_WORDS`, :data:`PLAIN_WORDS`, :data:`SOLVER_WORDS` or :data:`MEMO_WORDS`.
    **values
        The template's own fields; the SPEC 7 words (``term_*``, ``rule_*``, ``reason_*``) are
        filled in from :mod:`planner.labels.codes`.
    """
    zh, en = (table if table is not None else REPORT_WORDS)[key]
    return (zh if lang == "zh" else en).format_map({**_FIELDS["zh" if lang == "zh" else "en"], **values})


def sheet_title(key: str, lang: str = "zh") -> str:
    """The title of one sheet of the workbook (``附录…`` for the appendices)."""
    return SHEET_TITLES[key][0 if lang == "zh" else 1]


def headers(table, lang: str = "zh") -> list:
    """One (zh, en) header tuple in ``lang``."""
    return [zh if lang == "zh" else en for zh, en in table]


def term_name(code: str, lang: str = "zh") -> str:
    """A term of section 5 by its name (SPEC 7 in Chinese)."""
    return TERM_ZH.get(code, code) if lang == "zh" else TERM_NAME_EN.get(code, code)
