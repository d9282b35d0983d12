"""Words of the scenario template (``planner init``): a Chinese note on every column, the
comments of scenario.yaml and the 填表说明 sheet."""
from __future__ import annotations

from planner.labels.codes import HARDSHIP_ZH, POST_TYPE_ZH, RULE_ZH, TERM_ZH

_LOCKS = RULE_ZH["R11"].split("（")[0]
_FIT = TERM_ZH["fit"]
_TYPES = "/".join(POST_TYPE_ZH.values())

SHEET_ZH = {"regions": "地区", "units": "单位", "cadres": "干部", "openings": "岗位", "history": "任职经历",
            "relations": "亲属关系", "preferences": "本人意愿", "fit": _FIT + "度", "locks": _LOCKS}

# table -> column -> (note, example value). Every column of SPEC 2, in its order.
COLUMN_NOTES = {
    "regions": {
        "region_id": ("地区编号，唯一，如 R01（不含空格，不以 = + - @ 开头）", "R01"),
        "name": ("地区名称，如 北湖区", "北湖区"),
        "remote": ("是否偏远地区：是/否", "否"),
    },
    "units": {
        "unit_id": ("单位编号，唯一，如 U001", "U001"),
        "name": ("单位名称，如 北湖分局", "北湖分局"),
        "region_id": ("所在地区编号（地区表中的编号）", "R01"),
        "level": ("单位层级：局机关/分局/监测站/执法队/上级或外单位", "分局"),
        "grassroots": ("是否基层单位：是/否", "是"),
        "hardship": ("艰苦程度：" + "/".join(HARDSHIP_ZH.values()) + "（或 0–3）", HARDSHIP_ZH[1]),
        "key_shortage": ("是否列入重点缺人单位名单：是/否", "否"),
    },
    "cadres": {
        "cadre_id": ("干部编号，唯一，如 C0001", "C0001"),
        "name": ("姓名", "张三"),
        "gender": ("性别：男/女", "男"),
        "birth": ("出生年月，格式 YYYY-MM，如 1995-03", "1995-03"),
        "entry": ("入职年月，格式 YYYY-MM", "2018-08"),
        "education": ("学历：本科、硕士、博士等", "硕士"),
        "specialty": ("专业代码，如 environment（环境）、law（法律）、finance（财务）", "environment"),
        "rank": ("职级：科员/副科级/正科级", "科员"),
        "post_type": ("编制：" + _TYPES, POST_TYPE_ZH["admin"]),
        "unit_id": ("现单位编号；新录用尚未分配的留空", "U001"),
        "unit_since": ("到现单位年月 YYYY-MM；新录用留空", "2023-09"),
        "home_region": ("籍贯地区编号（用于地域回避，可为本市以外的地区）", "R02"),
        "rating": ("最近一次年度考核：优秀/称职/基本称职/不称职", "称职"),
        "talent_pool": ("是否蓄水池成员：是/否", "否"),
        "certificates": ("持有证书代码，多个用 ; 分隔，如 enforcement;monitoring", "enforcement"),
        "exempt": ("是否照顾对象（孕期、家庭照护、疾病），不派艰苦的挂职和任务：是/否", "否"),
    },
    "openings": {
        "opening_id": ("岗位编号，唯一，如 OP001", "OP001"),
        "name": ("岗位或任务名称", "南山监测站 监测岗位"),
        "kind": ("类型：交流任职/挂职锻炼/专项任务", "交流任职"),
        "unit_id": ("岗位所在单位编号", "U002"),
        "start_month": ("开始月份 1–12（交流任职填 1）", "1"),
        "end_month": ("结束月份 1–12（交流任职填 12）", "12"),
        "seats": ("名额（最多安排人数）", "1"),
        "min_seats": ("最少安排人数，默认 0", "0"),
        "ranks": ("可接受职级，多个用 ; 分隔；留空为不限", "科员;副科级"),
        "specialties": ("可接受专业代码，多个用 ; 分隔；留空为不限", "environment;law"),
        "certificates": ("必须持有的证书代码；留空为不要求", ""),
        "post_type": ("要求的编制；留空为不限", "行政编制"),
        "allow_transfer": (f"是否允许{POST_TYPE_ZH['admin']}与{POST_TYPE_ZH['civil']}互相转任：是/否", "是"),
        "min_rating": ("最低考核等次；留空为称职", "称职"),
        "talent_pool_only": ("是否仅限蓄水池成员：是/否", "否"),
        "min_service_years": ("最低工龄（年），默认 0", "0"),
        "max_age": ("年龄上限（岁）；留空为不限", ""),
        "team_needs": ("队伍构成要求，如 law:1 表示至少 1 名法律专业或持 law 证书者；多个用 ; 分隔", ""),
        "hardship": ("艰苦程度；留空取单位的艰苦程度", ""),
        "development": ("培养价值分（上派跟班、督察一般 3–5），默认 0", "0"),
    },
    "history": {
        "cadre_id": ("干部编号", "C0001"),
        "unit_id": ("过去任职或挂职的单位编号", "U002"),
        "kind": ("类型：交流任职/挂职锻炼/专项任务", "交流任职"),
        "start": ("开始年月 YYYY-MM", "2018-08"),
        "end": ("结束年月 YYYY-MM（须早于计划年度）", "2023-08"),
    },
    "relations": {
        "cadre_a": ("干部编号", "C0001"),
        "cadre_b": ("与之有亲属关系的干部编号", "C0002"),
        "relation": ("关系，如 配偶、兄弟姐妹", "配偶"),
    },
    "preferences": {
        "cadre_id": ("干部编号", "C0001"),
        "opening_id": ("希望去的岗位编号", "OP001"),
        "rank": ("志愿顺序 1–3（1 为第一志愿）", "1"),
    },
    "fit": {
        "cadre_id": ("干部编号", "C0001"),
        "opening_id": ("岗位编号", "OP001"),
        "score": (_FIT + "度 0–100（考察结果）", "80"),
    },
    "locks": {
        "cadre_id": ("干部编号", "C0002"),
        "opening_id": ("岗位编号", "OP001"),
        "lock": (_LOCKS + "：require（必须安排）/ forbid（不得安排）", "require"),
        "note": ("说明", "党组会研究决定"),
    },
}

OPTIONAL_NOTE = "（可选表：不需要时删除本表或保留表头即可）"

# More example rows where one row cannot show a table's use (a relation needs two cadres).
EXTRA_EXAMPLES = {
    "units": {"unit_id": "U002", "name": "南山监测站", "region_id": "R01", "level": "监测站", "grassroots": "是",
              "hardship": "一般艰苦", "key_shortage": "是"},
    "cadres": {"cadre_id": "C0002", "name": "李四", "gender": "女", "birth": "1998-11", "entry": "2026-08",
               "education": "本科", "specialty": "law", "rank": "科员", "post_type": "行政编制", "unit_id": "",
               "unit_since": "", "home_region": "R01", "rating": "称职", "talent_pool": "否", "certificates": "",
               "exempt": "否"},
}

YAML_TEMPLATE = """\
# 年轻干部交流计划 —— 方案设置（请填写 name 和 plan_year，其余可保持默认）
name:                         # 计划名称，如：清江市生态环境局 2027 年度年轻干部交流计划（必填）
plan_year:                    # 计划年度，如 2027（必填）
target_specialties: [environment, chemistry, law, finance]   # 重点目标专业（专业代码）
rules:
  first_stop_years: 3          # {r4}：工龄不足此年数且无基层经历者只能去基层
  no_return_years: 3           # 近几年内任职过的单位不再交流回去
  max_tenure_years: 5          # 在同一单位任职满此年数须交流
  max_away_months: 9           # 全年挂职、任务合计最多月数
  hardship_lookback_years: 5   # 统计艰苦积分回看的年数
  allow_transfer: true         # 是否允许{admin}与{civil}互相转任
  exchange_lookback_years: 5   # 判断地区之间是否有交流壁垒回看的年数
weights:                       # 各目标项的权重（0–1000；0 表示不考虑）
  fairness: 10                 # {fairness}
  shortage: 5                  # {shortage}
  development: 3               # {development}
  preference: 2                # {preference}
  exchange: 2                  # {exchange}
  stability: 1                 # {stability}
  fit: 1                       # {fit}
solver:
  time_limit_s: 60             # 求解时间上限（秒）
  seed: 0
  workers: 2
""".format(r4=RULE_ZH["R4"], admin=POST_TYPE_ZH["admin"], civil=POST_TYPE_ZH["civil"], **TERM_ZH)

INSTRUCTIONS = (
    "填表说明",
    "1. 本文件每个工作表是一张表：地区（regions）、单位（units）、干部（cadres）、岗位（openings）为必填；"
    "任职经历、亲属关系、本人意愿、" + _FIT + "度、" + _LOCKS + "为可选。工作表名称请勿修改。",
    "2. 第 1 行是列名，请勿修改；鼠标停在列名上可看到该列的填写说明。第 2 行是示例，请改为本单位的数据。",
    "3. 有下拉箭头的列请从列表中选择；多个值之间用英文分号 ; 分隔。",
    "4. 年月一律写成 YYYY-MM，如 2021-09；编号不含空格，不以 = + - @ 开头。",
    "5. 同一文件夹中的 scenario.yaml 填写计划名称和计划年度等设置。",
    "6. 填好后运行：planner validate 本文件夹 —— 会逐条列出需要修改的地方（文件:行: 列: 问题）。",
    "7. 校验通过后运行：planner solve 本文件夹 --out 方案文件夹 --report，生成调整方案和党组会材料。",
)
