"""Tests of the committee workbook (planner/report.py), the Chinese labels and the CJK font.

A small scenario is solved (the shared case b_valid_utf8_bom, else the generated tiny scenario),
checked with planner.check, and its workbook opened with openpyxl and compared with the plan:
every plan row once with its cadre's and opening's facts, unit sums, the Gini of summary.json,
the exchange figures, the unfilled openings. Also: the recusal column on a hand-made plan, the
CLI (exit codes, --out, solve --report) and that a CJK font resolves here.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from models import Cadre, Opening, Region, Relation, Scenario, Unit, facts, month_index
from models.plan import Assignment, Plan
from planner import labels as L
from planner.check import check_dir, read_plan, recompute_metrics
from planner.check import gini as check_gini
from planner.check import total_points as check_points
from planner.cli import main
from planner.report.workbook import (
    GINI_AFTER,
    GINI_BEFORE,
    ReportError,
    _Facts,
    build_workbook,
    load_plan,
    recusal_check,
    write_report,
)

REPO = Path(__file__).resolve().parents[1]
CASES = Path("/work/shared/cases")
if not CASES.is_dir():                      # CI keeps a copy of shared/ beside the clone
    CASES = REPO.parent / "shared" / "cases"
CASE_B = CASES / "b_valid_utf8_bom"


# ------------------------------------------------------------------------------------------------
# A solved plan, shared by the tests of this module
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """(scenario, scenario_dir, plan_dir, plan rows, summary, workbook) of a solved small scenario."""
    from planner.io import read_scenario, write_scenario
    from planner.io.plan_files import write_result
    from planner.solve import solve

    base = tmp_path_factory.mktemp("report")
    if CASE_B.is_dir():
        sc_dir = CASE_B
    else:
        from planner.generate import generate_scenario
        sc_dir = base / "scenario"
        write_scenario(generate_scenario("tiny", 1), sc_dir)
    sc = read_scenario(sc_dir)
    result = solve(sc, time_limit=30, seed=0, workers=1)
    assert result.plan is not None and len(result.plan) > 0
    plan_dir = base / "plan"
    write_result(result, sc, plan_dir, lang="zh")
    report = check_dir(sc, plan_dir)
    assert report.ok, [str(v) for v in report.violations] + [str(d) for d in report.metric_diffs]
    path = write_report(plan_dir, scenario_dir=sc_dir, lang="zh")
    assert path == plan_dir / "committee.xlsx" and path.is_file()
    rows, summary = read_plan(plan_dir)
    wb = openpyxl.load_workbook(path)
    return sc, sc_dir, plan_dir, rows, summary, wb


def table(ws, first_header: str):
    """(header row number, {header: column}, data rows as lists) of the table whose first header
    cell (column A) is ``first_header``; data rows run until column A is empty."""
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == first_header:
            headers = {}
            for c in range(1, ws.max_column + 1):
                v = ws.cell(row=r, column=c).value
                if v is not None:
                    headers[v] = c - 1
            data = []
            rr = r + 1
            while rr <= ws.max_row and ws.cell(row=rr, column=1).value is not None:
                data.append([ws.cell(row=rr, column=c).value for c in range(1, ws.max_column + 1)])
                rr += 1
            return r, headers, data
    raise AssertionError(f"no table starting with {first_header!r} in sheet {ws.title}")


def key_value(ws, label: str):
    """The value beside a label in a key-figure block (first non-empty cell right of it)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                for c in range(cell.column + 1, ws.max_column + 1):
                    v = ws.cell(row=cell.row, column=c).value
                    if v is not None:
                        return v
    raise AssertionError(f"no {label!r} in sheet {ws.title}")


# ------------------------------------------------------------------------------------------------
# The workbook against the plan
# ------------------------------------------------------------------------------------------------
def test_sheets_in_order(solved):
    wb = solved[5]
    assert wb.sheetnames == ["说明", "调整名单", "按单位", "公平性", "地域交流", "未满足"]
    assert wb.active.title == "调整名单"


def test_every_plan_row_once_with_its_facts(solved):
    sc, _, _, rows, _, wb = solved
    ws = wb["调整名单"]
    _, h, data = table(ws, "序号")
    assert len(data) == len(rows)
    # Each (cadre, opening) of the plan exactly once.
    seen = Counter((d[h["干部编号"]], d[h["岗位编号"]]) for d in data)
    assert seen == Counter((a.cadre_id, a.opening_id) for a in rows)
    assert [d[h["序号"]] for d in data] == list(range(1, len(rows) + 1))
    by_pair = {(a.cadre_id, a.opening_id): a for a in rows}
    for d in data:
        a = by_pair[(d[h["干部编号"]], d[h["岗位编号"]])]
        c, o = sc.cadre_by_id[a.cadre_id], sc.opening_by_id[a.opening_id]
        u = sc.unit_by_id[o.unit_id]
        assert d[h["姓名"]] == c.name
        assert d[h["性别"]] == {"M": "男", "F": "女"}[c.gender]
        assert d[h["出生年月（年龄）"]].startswith(f"{c.birth // 12}.{c.birth % 12 + 1:02d}")
        assert f"{facts.age(c, sc.plan_year)}岁" in d[h["出生年月（年龄）"]]
        assert d[h["学历"]] == c.education
        assert d[h["职级"]] == L.RANK_ZH[c.rank]
        assert d[h["编制"]] == L.POST_TYPE_ZH[c.post_type]
        if c.unit_id is None:
            assert "新录用" in d[h["现单位"]]
        else:
            assert d[h["现单位"]] == sc.unit_by_id[c.unit_id].name
            assert f"{facts.years_at_unit(c, sc.plan_year)}年" in d[h["任现职时间"]]
        assert d[h["基层经历"]].startswith("有" if facts.grassroots_record(sc, c) else "无")
        assert u.name in d[h["拟任单位/岗位"]] or o.name in d[h["拟任单位/岗位"]]
        assert d[h["类型"]] == L.opening_type(o, u)
        assert d[h["起止月份"]].startswith(f"{sc.plan_year}.{o.start_month:02d}")
        assert d[h["重点缺人单位"]] == ("是" if u.key_shortage else "否")
        assert d[h["艰苦程度"]] == L.HARDSHIP_ZH[sc.opening_hardship(o)]
        assert d[h["理由"]] == L.reasons_text(a.reasons)
        assert "R" not in d[h["理由"]] and "preference" not in d[h["理由"]]   # codes turned into words
        assert d[h["回避核查"]].startswith("通过")       # the plan passed planner.check
        for col, value in c.extra:
            assert (d[h[col]] or "") == value


def test_extra_columns_follow_the_fixed_ones(solved):
    sc, *_, wb = solved
    _, h, _ = table(wb["调整名单"], "序号")
    assert sc.extra_columns, "the test scenario should carry extra cadre columns"
    order = sorted(h, key=h.get)
    i = order.index("回避核查")
    assert order[i + 1:i + 1 + len(sc.extra_columns)] == list(sc.extra_columns)


def test_unit_sheet_sums_agree_with_the_plan(solved):
    sc, _, _, rows, summary, wb = solved
    _, h, data = table(wb["按单位"], "单位")
    units = [d for d in data if d[h["单位"]] != "合计"]
    total = next(d for d in data if d[h["单位"]] == "合计")
    assert len(units) == len(sc.units)
    postings = [a for a in rows if a.kind == "posting"]
    recruits = [a for a in postings if sc.cadre_by_id[a.cadre_id].unit_id is None]
    arrivals = sum(d[h["调入人数"]] for d in units)
    leaving = sum(d[h["调出人数"]] for d in units)
    assert arrivals == len(postings) == summary["metrics"]["postings"]
    assert leaving == len(postings) - len(recruits)
    assert sum(d[h["净变化"]] for d in units) == len(recruits)
    for d in units:
        assert d[h["净变化"]] == d[h["调入人数"]] - d[h["调出人数"]]
        names_in = [n for n in (d[h["调入人员"]] or "").split("、") if n]
        assert len(names_in) == d[h["调入人数"]]
    assert sum(d[h["已安排"]] for d in units) == len(rows)
    assert sum(d[h["岗位名额"]] for d in units) == summary["metrics"]["seats_total"]
    assert sum(d[h["空缺名额"]] for d in units) == summary["metrics"]["seats_total"] - summary["metrics"]["seats_filled"]
    assert sum(d[h["最低人数缺口"]] for d in units) == summary["metrics"]["min_seats_unmet"]
    for col in ("调出人数", "调入人数", "净变化", "岗位名额", "已安排", "空缺名额"):
        assert total[h[col]] == sum(d[h[col]] for d in units)


def test_gini_matches_summary_and_points_match_the_checker(solved):
    sc, _, _, rows, summary, wb = solved
    ws = wb["公平性"]
    after = key_value(ws, GINI_AFTER[0])
    before = key_value(ws, GINI_BEFORE[0])
    assert after == pytest.approx(summary["metrics"]["hardship_gini"], abs=1e-9)
    assert before == pytest.approx(check_gini([facts.historical_points(sc, c) for c in sc.cadres]), abs=1e-9)
    points = check_points(sc, rows)           # the checker's own reading of SPEC 3.2
    _, h, data = table(ws, "序号")
    assert len(data) == len(sc.cadres)
    for d in data:
        cid = d[h["干部编号"]]
        assert d[h["调整后积分"]] == points[cid]
        assert d[h["调整前积分"]] + d[h["本次增加"]] == d[h["调整后积分"]]
    assert max(d[h["调整后积分"]] for d in data) == summary["metrics"]["hardship_max"]
    # Most points first.
    assert [d[h["调整后积分"]] for d in data] == sorted((d[h["调整后积分"]] for d in data), reverse=True)
    no_record = sum(1 for d in data if "仍无基层经历" in (d[h["备注"]] or ""))
    assert no_record == summary["metrics"]["no_grassroots_after"]
    assert len(ws._images) == 2               # Lorenz curve and histogram


def test_exchange_sheet_agrees_with_summary(solved):
    sc, _, _, rows, summary, wb = solved
    ws = wb["地域交流"]
    m = summary["metrics"]
    assert key_value(ws, "跨地域交流人数") == m["cross_region_postings"]
    assert key_value(ws, "有调出 / 有调入的地区数").startswith(f"{m['regions_sending']} / {m['regions_receiving']}")
    _, h, per_region = table(ws, "地区")
    assert sum(d[h["跨地域调出"]] for d in per_region) == m["cross_region_postings"]
    assert sum(d[h["跨地域调入"]] for d in per_region) == m["cross_region_postings"]
    # The matrix: off-diagonal cells of region rows add up to the cross-region postings.
    _, hm, matrix = table(ws, "调出地区＼调入地区")
    names = [r.name for r in sc.regions]
    region_rows = [d for d in matrix if d[0] in names]
    off = sum(d[hm[col]] for d in region_rows for col in names if col != d[0])
    assert off == m["cross_region_postings"]
    total = next(d for d in matrix if d[0] == "合计")
    assert total[hm["合计"]] == m["postings"]
    assert len(ws._images) == 1


def test_unmet_sheet_lists_openings_below_seats(solved):
    sc, _, _, rows, _, wb = solved
    assigned = Counter(a.opening_id for a in rows)
    expected = {o.opening_id for o in sc.openings if assigned[o.opening_id] < o.seats}
    ws = wb["未满足"]
    if not expected:
        assert ws.cell(row=3, column=1).value == "所有岗位均已满额"
        return
    _, h, data = table(ws, "岗位编号")
    assert {d[h["岗位编号"]] for d in data} == expected
    for d in data:
        o = sc.opening_by_id[d[h["岗位编号"]]]
        assert d[h["已安排"]] == assigned[o.opening_id]
        assert d[h["空缺"]] == o.seats - assigned[o.opening_id]
        assert d[h["符合条件人数"]] >= 0 and d[h["原因"]]


def test_notes_sheet(solved):
    sc, _, _, _, summary, wb = solved
    ws = wb["说明"]
    assert key_value(ws, "方案名称") == sc.name
    assert key_value(ws, "计划年度") == sc.plan_year
    assert summary["status"] in key_value(ws, "求解状态")
    assert key_value(ws, "情景数据校验码（SHA-256）") == summary["scenario_sha256"]
    _, h, terms = table(ws, "目标")
    by_term = {d[0]: d for d in terms}
    for t, w in summary["weights"].items():
        assert by_term[L.TERM_ZH[t]][h["权重"]] == w


def test_layout_and_print_setup(solved):
    wb = solved[5]
    ws = wb["调整名单"]
    assert ws.freeze_panes == "C3"
    assert ws.print_title_rows == "$2:$2"
    for sheet in ("调整名单", "按单位", "公平性", "地域交流", "未满足"):
        s = wb[sheet]
        assert s.page_setup.orientation == "landscape"
        assert s.sheet_properties.pageSetUpPr.fitToPage
        assert int(s.page_setup.fitToWidth) == 1 and int(s.page_setup.fitToHeight) == 0
    # Widths set, none absurd; wrapped long text gets taller rows.
    widths = [d.width for d in ws.column_dimensions.values()]
    assert widths and all(4 <= w <= 40 for w in widths)
    _, h, data = table(ws, "序号")
    assert any((ws.row_dimensions[3 + i].height or 0) > 15 for i in range(len(data)))


def test_english_workbook(solved, tmp_path):
    _, sc_dir, plan_dir, rows, _, _ = solved
    out = write_report(plan_dir, scenario_dir=sc_dir, lang="en", out=tmp_path / "en.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Notes", "Assignments", "By unit", "Fairness", "Exchange", "Unmet"]
    _, h, data = table(wb["Assignments"], "No.")
    assert len(data) == len(rows)
    assert list(tmp_path.iterdir()) == [out]          # atomic: no temporary file left behind


# ------------------------------------------------------------------------------------------------
# Errors and the CLI
# ------------------------------------------------------------------------------------------------
def test_report_needs_a_scenario(solved):
    plan_dir = solved[2]
    with pytest.raises(ReportError, match="--scenario"):
        write_report(plan_dir)
    res = CliRunner().invoke(main, ["report", str(plan_dir)])
    assert res.exit_code == 2
    assert "--scenario" in res.output


def test_report_of_a_plan_for_other_data(solved, tiny):
    plan_dir = solved[2]
    from planner.io import read_scenario
    with pytest.raises(ReportError, match="not in the scenario"):
        load_plan(plan_dir, read_scenario(tiny))
    res = CliRunner().invoke(main, ["report", str(plan_dir), "--scenario", str(tiny)])
    assert res.exit_code == 2 and "other data" in res.output      # refused by its hash (SPEC 6)


def test_report_of_an_infeasible_folder(tiny, tmp_path):
    # tests/data/tiny is infeasible: its new recruit C3 has no grassroots posting open to him.
    runner = CliRunner()
    res = runner.invoke(main, ["solve", str(tiny), "--out", str(tmp_path / "p"), "--quiet"])
    assert res.exit_code == 3
    res = runner.invoke(main, ["report", str(tmp_path / "p"), "--scenario", str(tiny)])
    assert res.exit_code == 2 and "infeasible" in res.output
    assert not (tmp_path / "p" / "committee.xlsx").exists()


def test_cli_report_out_and_solve_report(solved, tmp_path):
    _, sc_dir, plan_dir, rows, _, _ = solved
    runner = CliRunner()
    out = tmp_path / "会议材料.xlsx"
    res = runner.invoke(main, ["report", str(plan_dir), "--scenario", str(sc_dir), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert str(out) in res.output and out.is_file()
    res = runner.invoke(main, ["solve", str(sc_dir), "--out", str(tmp_path / "p"), "--quiet", "--report",
                               "--time-limit", "30", "--workers", "1"])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(tmp_path / "p" / "committee.xlsx")
    _, _, data = table(wb["调整名单"], "序号")
    assert len(data) == len(read_plan(tmp_path / "p")[0])


# ------------------------------------------------------------------------------------------------
# Labels and the recusal column, by hand
# ------------------------------------------------------------------------------------------------
def test_reason_codes_in_plain_chinese():
    assert L.reason_text("R4") == "基层第一站"
    assert L.reason_text("R6") == "任职满限须交流"
    assert L.reason_text("preference:1") == "本人第一志愿"
    assert L.reason_text("preference:3") == "本人第三志愿"
    assert L.reason_text("shortage") == "补充重点缺人单位"
    assert L.reason_text("lock") == "党组预定"
    assert L.reason_text("exchange") == "跨地域交流"
    assert L.reason_text("R9") == L.RULE_ZH["R9"]
    assert L.reason_text("something_new") == "something_new"     # never silently dropped
    assert L.reasons_text(["R4", "fairness", "preference:2"]) == "基层第一站；艰苦均衡；本人第二志愿"
    assert L.reason_text("preference:1", "en") == "wish no. 1"


def test_opening_types():
    u_ext = Unit("X", "省厅大气处", "R", "external")
    u_br = Unit("B", "东山分局", "R", "branch", True, 3)
    mk = lambda name, kind, unit: (Opening("O", name, kind, unit.unit_id, 3, 12, 1), unit)  # noqa: E731
    assert L.opening_type(*mk("岗位", "posting", u_br)) == "交流任职"
    assert L.opening_type(*mk("挂职", "temporary", u_br)) == "挂职锻炼"
    assert L.opening_type(*mk("上派", "temporary", u_ext)) == "跟班学习"
    assert L.opening_type(*mk("2027年第一轮省级生态环保督察", "task", u_br)) == "督察"
    assert L.opening_type(*mk('2027年"四进"工作队', "task", u_br)) == '"四进"工作队'
    assert L.opening_type(*mk("帮扶执法", "task", u_br)) == "帮扶执法"
    assert L.opening_type(*mk("调研", "task", u_br)) == "专项任务"


def _kin_scenario():
    m = month_index
    regions = (Region("RA", "甲区"), Region("RB", "乙县", True))
    units = (Unit("UA", "甲区分局", "RA", "branch", True, 1), Unit("UB", "乙县分局", "RB", "branch", True, 3),
             Unit("UC", "甲区监测站", "RA", "station", True, 1))

    def cadre(cid, unit, home):
        return Cadre(cid, f"干部{cid}", "F", m("1995-01"), m("2018-07"), "本科", "law", "staff", "admin",
                     unit, m("2022-01"), home, "competent")

    cadres = (cadre("C1", "UA", "RA"), cadre("C2", "UB", "RB"), cadre("C3", "UC", "RB"))
    openings = (Opening("P1", "乙县分局 岗位", "posting", "UB", 1, 12, 2),
                Opening("P2", "甲区分局 岗位", "posting", "UA", 1, 12, 2),
                Opening("K1", "督察（乙县）", "task", "UB", 4, 5, 2),
                Opening("K2", "督察（甲区）", "task", "UA", 6, 6, 2))
    return Scenario("回避测试", 2027, regions, units, cadres, openings,
                    relations=(Relation("C1", "C2", "配偶"),))


def test_recusal_check_names_the_check_that_applied():
    sc = _kin_scenario()

    def check(plan_rows):
        plan = Plan(tuple(Assignment(c, o, sc.opening_by_id[o].kind, sc.opening_by_id[o].unit_id,
                                     sc.opening_by_id[o].start_month, sc.opening_by_id[o].end_month)
                          for c, o in plan_rows))
        f = _Facts(sc, plan)
        return {(a.cadre_id, a.opening_id): recusal_check(sc, f, a) for a in plan.assignments}

    # C1 posted to UB where spouse C2 stays: kin recusal fails.
    out = check([("C1", "P1")])
    assert out[("C1", "P1")].startswith("未通过") and "干部C2（配偶）" in out[("C1", "P1")]
    # C1 and C2 both on task K1 (region RB is C2's home and current region too).
    out = check([("C1", "K1"), ("C2", "K1")])
    assert "同在本项安排" in out[("C1", "K1")]
    assert "籍贯地" in out[("C2", "K1")] and out[("C2", "K1")].startswith("未通过")
    # C2 posted into UA, where C1 stays and takes only a task: both lines show the shared base.
    out = check([("C2", "P2"), ("C1", "K1")])
    assert out[("C2", "P2")] == "未通过：亲属回避：与干部C1（配偶）同在甲区分局"
    assert out[("C1", "K1")].startswith("未通过：亲属回避：与干部C2（配偶）同在甲区分局")
    # C3 (home RB, based in RA) on a task in RA: regional recusal fails on the current region.
    out = check([("C3", "K2")])
    assert out[("C3", "K2")] == "未通过：地域回避：任务地甲区为现单位所在地"
    # C1 on K1 alone: kin passes (C2 not on it), the region check passes and is named.
    out = check([("C1", "K1")])
    assert out[("C1", "K1")].startswith("通过（") and "地域回避" in out[("C1", "K1")]
    # No relative, no task: plain 通过.
    out = check([("C3", "P1")])
    assert out[("C3", "P1")] == "通过"


def test_workbook_of_a_hand_made_plan_in_memory():
    sc = _kin_scenario()
    plan = Plan((Assignment("C3", "P1", "posting", "UB", 1, 12, ("exchange",)),))
    summary = {"status": "OPTIMAL", "metrics": recompute_metrics(sc, plan.assignments), "weights": {}, "terms": {}}
    wb = build_workbook(sc, plan, summary)
    _, h, data = table(wb["调整名单"], "序号")
    assert [(d[h["干部编号"]], d[h["理由"]]) for d in data] == [("C3", "跨地域交流")]
    assert key_value(wb["公平性"], GINI_AFTER[0]) == pytest.approx(summary["metrics"]["hardship_gini"])
    with pytest.raises(ValueError):
        build_workbook(sc, plan, summary, lang="fr")


# ------------------------------------------------------------------------------------------------
# The CJK font
# ------------------------------------------------------------------------------------------------
def test_cjk_font_resolves_and_has_the_glyphs():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from planner.report.figures import cjk_font

    name = cjk_font()
    assert name is not None, "no CJK font: install the project (manimgx-fonts-cjk) or fonts-noto-cjk"
    entry = next(e for e in font_manager.fontManager.ttflist if e.name == name)
    font = FT2Font(entry.fname, face_index=entry.index) if entry.fname.endswith(".ttc") else FT2Font(entry.fname)
    for ch in "艰苦积分洛伦兹曲线跨地域交流":
        assert font.get_char_index(ord(ch)) != 0, ch


def test_pictures_are_png():
    from planner.report.figures import hardship_histogram_png, lorenz_png, lorenz_points

    png = lorenz_png([0, 10, 30], [20, 10, 30], 0.4, 0.2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert hardship_histogram_png([0, 0], [0, 0])[:4] == b"\x89PNG"
    xs, ys = lorenz_points([0, 10, 30])
    assert xs == pytest.approx([0, 1 / 3, 2 / 3, 1]) and ys == pytest.approx([0, 0, 0.25, 1])
    assert lorenz_points([0, 0]) == ([0, 0.5, 1], [0, 0.5, 1])
    # The Gini is one minus twice the area under the Lorenz curve (trapezoids): 1 - 1/3 (0 + 0.25 + 1.25).
    area = sum((xs[k] - xs[k - 1]) * (ys[k] + ys[k - 1]) / 2 for k in range(1, len(xs)))
    assert math.isclose(1 - 2 * area, check_gini([0, 10, 30])) and math.isclose(1 - 2 * area, 0.5)


def test_no_cjk_font_warns_and_still_draws(monkeypatch, caplog):
    from planner.report import figures

    monkeypatch.setattr(figures, "_packaged_font_file", lambda: None)
    monkeypatch.setattr(figures, "CJK_FONT_NAMES", ("No Such CJK Font",))
    figures.cjk_font.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="planner.report.figures"):
            assert figures.cjk_font() is None
            png = figures.lorenz_png([1, 2], [2, 2], 0.1, 0.0)
        assert png[:4] == b"\x89PNG"
        assert "no CJK font found" in caplog.text
    finally:
        monkeypatch.undo()
        figures.cjk_font.cache_clear()
    assert figures.cjk_font() is not None
