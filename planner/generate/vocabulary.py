"""The Chinese content of a generated scenario: names of people, places, units, posts, and notes.

These are scenario data (what a bureau's own tables would hold), not words of the planner's
interface, so they live here rather than in :mod:`planner.labels`.
"""
from __future__ import annotations

from itertools import accumulate

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
            "郝龚邵万钱严覃武戴莫孔向汤")
# Cumulative weights: earlier surnames are more common (王 most of all).
SURNAME_CUM_WEIGHTS = tuple(accumulate(1.0 / (i + 4) for i in range(len(SURNAMES))))
MALE_NAME_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳志晨博文宏哲睿昊泽轩毅峰昕航诚然瑞远"
FEMALE_NAME_CHARS = "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳倩洁悦欣佳晶璐萌瑶琪蕾薇岚怡宁雯梦晓欢月彤楠诗涵萱"
ETHNIC_GROUPS = (("汉族", 92.0), ("回族", 1.5), ("满族", 1.0), ("壮族", 1.0), ("土家族", 1.0), ("苗族", 0.8),
                 ("蒙古族", 0.6), ("彝族", 0.6), ("藏族", 0.5), ("侗族", 0.4), ("瑶族", 0.3), ("白族", 0.3))
CITY_FIRST_CHARS = "清云临安青泽嘉宁丰华鹤桐兰梧榆松柏杉桂枫晋湘澄沅汶渭淮洛汾漳灵秀"
CITY_SECOND_CHARS = "江川澜平岚阳州源城峡海宁原溪"
REGION_FIRST_CHARS = "东西南北中清平安永长新青白云龙凤金石桥柳桃梅松江河湖山临宁泰丰兴华盛德福高广昌鹤岚溪望和嘉瑞"
REGION_SECOND_CHARS = "湖河江山阳平安宁源城林溪泉州水岭川峰原台田塘口坪陵丘坝关门岩洲浦湾坡堡营"
# Bureau departments (局机关科室) with the specialty they mostly employ.
DEPARTMENTS = (("办公室", "management"), ("综合科", "management"), ("法规与标准科", "law"),
               ("行政审批科", "environment"), ("生态环境监测科", "chemistry"), ("大气环境科", "environment"),
               ("水生态环境科", "environment"), ("土壤生态环境科", "environment"),
               ("固体废物与化学品科", "chemistry"), ("自然生态保护科", "ecology"),
               ("环境影响评价科", "environment"), ("科技与财务科", "finance"), ("宣传教育科", "management"),
               ("人事科", "management"), ("应对气候变化科", "environment"), ("信息中心", "it"))
# Higher bodies that receive cadres for 上派跟班学习.
HIGHER_BODIES = ("省生态环境厅大气环境处", "生态环境部环境影响评价与排放管理司", "省生态环境厅水生态环境处",
                 "生态环境部生态环境监测司", "省生态环境厅法规与标准处", "生态环境部法规与标准司",
                 "省生态环境厅自然生态保护处", "生态环境部大气环境司", "省生态环境厅土壤生态环境处",
                 "生态环境部水生态环境司", "省生态环境厅生态环境监测处", "生态环境部自然生态保护司",
                 "省生态环境厅科技与财务处", "生态环境部土壤生态环境司", "省生态环境厅综合处",
                 "生态环境部固体废物与化学品司", "省生态环境厅环境影响评价处", "生态环境部生态环境执法局",
                 "省生态环境厅应对气候变化处", "生态环境部应对气候变化司", "生态环境部科技与财务司",
                 "生态环境部综合司", "生态环境部海洋生态环境司", "生态环境部核设施安全监管司")
# What a posting for a specialty is called in a branch or a bureau department.
POST_TITLE = {"environment": "环境管理岗位", "chemistry": "监测分析岗位", "law": "法制审核岗位",
              "finance": "财务管理岗位", "it": "信息化岗位", "ecology": "生态保护岗位",
              "biology": "生物多样性保护岗位", "management": "综合管理岗位"}
ENFORCEMENT_POST = "执法检查岗位"
ROTATION_POST = "{year}年轮岗交流岗位"
# A posting that only new recruits can take (R4 基层第一站): 公务员 when it accepts only
# civil-service post types, 人员 when 事业编制 recruits may take it too.
RECRUIT_CIVIL_SERVANT_POST = "{year}年新录用公务员基层岗位"
RECRUIT_POST = "{year}年新录用人员基层岗位"
# Job titles (职务) by rank.
JOB_TITLES = {"staff": ("科员", "一级科员", "二级科员"),
              "deputy_section": ("副科长", "四级主任科员", "副主任"),
              "section": ("科长", "三级主任科员", "主任")}
ENGINEER_TITLES = {"staff": "助理工程师", "deputy_section": "工程师", "section": "高级工程师"}
BRANCH_DEPUTY_HEAD = "副局长"
RECRUIT_TITLE = "试用期公务员"
INSTITUTION_RECRUIT_TITLE = "见习期人员"
SPOUSE, SIBLING = "配偶", "兄弟姐妹"
REQUIRE_NOTES = ("党组会预先研究决定", "组织点名培养", "援派工作需要，组织确定人选", "上级部门商调")
FORBID_NOTES = {"posting": ("本人意愿，但组织另有考虑", "岗位需要，暂不交流", "原单位工作需要，暂缓交流"),
                "temporary": ("家庭原因，组织暂不安排", "本人意愿，但组织另有考虑", "原单位工作需要，暂缓外派"),
                "task": ("家庭原因，组织暂不安排", "原单位工作需要，暂缓外派", "本人意愿，但组织另有考虑")}
FORBID_RECRUIT_NOTE = "综合考虑专业和岗位需要，另行安排"     # a recruit is posted anyway (R4)

_CN_DIGITS = "一二三四五六七八九十"


def chinese_numeral(k: int) -> str:
    """Chinese numeral for 1..99 (一, 十二, 二十三), for round and duplicate numbering.

    Parameters
    ----------
    k : int
        From 1; 100 and above are written in Arabic digits.

    Returns
    -------
    str
    """
    if k <= 10:
        return _CN_DIGITS[k - 1]
    tens, ones = divmod(k, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens - 1] + "十"
    return head + (_CN_DIGITS[ones - 1] if ones else "") if k < 100 else str(k)
