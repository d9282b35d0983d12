"""The committee workbook against the plan it shows (issue 12 point 1).

The shared solved plan (conftest ``solved``) is opened with openpyxl and read as the committee
would: one row per person on each list, every plan line traced back through 附录二, at most 14
columns, 10 pt or more, no code or solver word outside the 附录 sheets, the figures equal to
summary.json and to the checker's own recomputation.
"""
from __future__ import annotations

import sys
import types
from collections import Counter

import openpyxl
import pytest
import report_fixtures
from xlsx_checks import assert_no_formulas, code_words_outside_appendix, is_appendix

from models import facts
from models.plan import Assignment, Plan
from planner import labels as L
from planner.check import gini as check_gini
from planner.check import recompute_metrics
from planner.check import total_points as check_points
from planner.labels.report import GINI_AFTER, GINI_BEFORE
from planner.report import build_workbook, write_report
from planner.report.layout import A4_LANDSCAPE_UNITS

# Fixtures shared by the report tests (tests/report/report_fixtures.py).
cheap_pictures = report_fixtures.cheap_pictures
solved = report_fixtures.solved

SHEETS_ZH = ["说明", "调整名单", "挂职及任务", "按单位", "公平性", "地域交流", "历年交流", "未满足",
             "附录一 计算信息", "附录二 安排明细", "附录三 干部名册"]


def table(ws, first_header: str):
    """(header row, {header: 0-based column}, data rows) of the table whose column A header is
    ``first_header``; data rows run until column A is empty."""
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


def lines_by_row(wb) -> dict:
    """(list sheet, 序号) -> [(cadre_id, opening_id)] from 附录二, the key between a list row and plan.csv."""
    _, h, data = table(wb["附录二 安排明细"], "名单")
    out: dict = {}
    for d in data:
        out.setdefault((d[h["名单"]], d[h["序号"]]), []).append((d[h["干部编号"]], d[h["岗位编号"]]))
    return out


# ------------------------------------------------------------------------------------------------
# The two lists
# ------------------------------------------------------------------------------------------------
def test_sheets_in_order_and_one_tab_selected(solved):
    wb = solved[5]
    assert wb.sheetnames == SHEETS_ZH
    assert wb.active.title == "调整名单"
    assert [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected] == ["调整名单"]


def test_postings_list_one_row_per_person(solved):
    sc, _, _, rows, _, wb = solved
    ws = wb["调整名单"]
    _, h, data = table(ws, "序号")
    postings = [a for a in rows if a.kind == "posting"]
    assert len(data) == len({a.cadre_id for a in postings}) == len(postings)   # R1: one posting each
    assert [d[h["序号"]] for d in data] == list(range(1, len(data) + 1))
    keys = lines_by_row(wb)
    seen = Counter()
    by_pair = {(a.cadre_id, a.opening_id): a for a in rows}
    for d in data:
        [(cadre_id, opening_id)] = keys[("调整名单", d[h["序号"]])]
        seen[(cadre_id, opening_id)] += 1
        a = by_pair[(cadre_id, opening_id)]
        c, o = sc.cadre_by_id[cadre_id], sc.opening_by_id[opening_id]
        u = sc.unit_by_id[o.unit_id]
        assert d[h["姓名"]] == c.name
        assert d[h["性别"]] == {"M": "男", "F": "女"}[c.gender]
        born = d[h["出生年月\n（年龄）"]]
        assert born.startswith(f"{c.birth // 12}.{c.birth % 12 + 1:02d}") and f"{facts.age(c, sc.plan_year)}岁" in born
        assert d[h["学历\n（专业）"]] == f"{c.education}\n{L.SPECIALTY_ZH[c.specialty]}"
        post = dict(c.extra).get("职务") or L.RANK_ZH[c.rank]
        if c.unit_id is None:
            assert "新录用" in d[h["现单位及职务"]]
        else:
            assert d[h["现单位及职务"]] == f"{sc.unit_by_id[c.unit_id].name}\n{post}"
            assert f"{facts.years_at_unit(c, sc.plan_year)}年" in d[h["任现职\n时间"]]
        assert u.name in d[h["拟任单位及岗位"]] or o.name == d[h["拟任单位及岗位"]]
        assert d[h["类型"]].split("\n")[0] in ("交流任职", "新录用人员分配")
        assert d[h["理由"]] == "；".join(L.reason_text(code) for code in a.reasons)
        assert d[h["回避核查"]].startswith("通过")          # the plan passed planner.check
    assert seen == Counter((a.cadre_id, a.opening_id) for a in postings)


def test_away_list_one_row_per_person_lines_in_one_cell(solved):
    sc, _, _, rows, _, wb = solved
    _, h, data = table(wb["挂职及任务"], "序号")
    away = [a for a in rows if a.kind != "posting"]
    people = {a.cadre_id for a in away}
    assert len(data) == len(people)
    keys = lines_by_row(wb)
    seen = Counter()
    for d in data:
        pairs = keys[("挂职及任务", d[h["序号"]])]
        assert len({cid for cid, _ in pairs}) == 1
        cadre_id = pairs[0][0]
        assert d[h["姓名"]] == sc.cadre_by_id[cadre_id].name
        openings = [sc.opening_by_id[o] for _, o in pairs]
        cell = d[h["安排（单位、岗位、时间）"]]
        assert all(o.name in cell for o in openings)
        assert cell.count("\n") == len(openings) - 1            # one line each, in one cell
        assert d[h["外派\n月数"]] == sum(o.months for o in openings)
        seen.update(pairs)
    assert seen == Counter((a.cadre_id, a.opening_id) for a in away)


def test_columns_fonts_and_print_layout(solved):
    wb = solved[5]
    ws = wb["调整名单"]
    r, h, data = table(ws, "序号")
    assert len(h) <= 14
    assert list(h)[:4] == ["序号", "姓名", "性别", "出生年月\n（年龄）"]
    assert list(h)[-3:] == ["理由", "回避核查", "备注"]
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, len(h) + 1)]
    assert sum(widths) <= A4_LANDSCAPE_UNITS       # fits the page at 100 %: no shrinking to fit
    for sheet in ("调整名单", "挂职及任务"):
        s = wb[sheet]
        assert s.page_setup.orientation == "landscape" and int(s.page_setup.paperSize) == 9      # A4
        assert s.sheet_properties.pageSetUpPr.fitToPage
        assert int(s.page_setup.fitToWidth) == 1 and int(s.page_setup.fitToHeight) == 0
        assert s.print_title_rows == "$2:$2"
    # Data at 10 pt or more, everywhere a committee member reads.
    for s in wb.worksheets:
        if is_appendix(s.title):
            continue
        small = [c.coordinate for row in s.iter_rows() for c in row if c.value is not None and c.font.sz < 10]
        assert not small, (s.title, small[:5])
    # Wrapped text gets rows tall enough for its lines.
    assert all((ws.row_dimensions[r + 1 + i].height or 0) >= 18 for i in range(len(data)))


LEDGER_SHEET = "历年交流"        # planner/report/sheet_ledger.py, the ledger's own sheet (issue 13)


def test_no_formula_and_no_code_words_outside_appendix(solved):
    sc, _, plan_dir, *_ = solved
    assert assert_no_formulas(plan_dir / "committee.xlsx") > 100
    found = code_words_outside_appendix(plan_dir / "committee.xlsx", sc)
    assert [w for w in found if not w.startswith(LEDGER_SHEET + "!")] == []


def test_no_code_words_in_the_ledger_sheet(solved):
    sc, _, plan_dir, *_ = solved
    found = code_words_outside_appendix(plan_dir / "committee.xlsx", sc)
    assert [w for w in found if w.startswith(LEDGER_SHEET + "!")] == []


def test_extra_columns_and_ids_in_the_appendices(solved):
    sc, *_, wb = solved
    assert sc.extra_columns, "the test scenario should carry extra cadre columns"
    _, h, data = table(wb["附录三 干部名册"], "干部编号")
    assert [d[0] for d in data] == [c.cadre_id for c in sc.cadres]
    for d, c in zip(data, sc.cadres):
        for col, value in c.extra:
            assert (d[h[col]] or "") == value
    # Outside 附录 no extra column is listed (职务 is read into 现单位及职务).
    for ws in wb.worksheets:
        if not is_appendix(ws.title):
            assert not {c.value for row in ws.iter_rows() for c in row} & set(sc.extra_columns), ws.title


# ------------------------------------------------------------------------------------------------
# The figures against the plan
# ------------------------------------------------------------------------------------------------
def test_unit_sheet_sums_agree_with_the_plan(solved):
    sc, _, _, rows, summary, wb = solved
    _, h, data = table(wb["按单位"], "单位")
    units = [d for d in data if d[h["单位"]] != "合计"]
    total = next(d for d in data if d[h["单位"]] == "合计")
    assert len(units) == len(sc.units)
    postings = [a for a in rows if a.kind == "posting"]
    recruits = [a for a in postings if sc.cadre_by_id[a.cadre_id].unit_id is None]
    assert sum(d[h["调入人数"]] for d in units) == len(postings) == summary["metrics"]["postings"]
    assert sum(d[h["调出人数"]] for d in units) == len(postings) - len(recruits)
    assert sum(d[h["净变化"]] for d in units) == len(recruits)
    for d in units:
        assert d[h["净变化"]] == d[h["调入人数"]] - d[h["调出人数"]]
        assert len([n for n in (d[h["调入人员"]] or "").split("、") if n]) == d[h["调入人数"]]
    assert sum(d[h["已安排"]] for d in units) == len(rows)
    assert sum(d[h["岗位名额"]] for d in units) == summary["metrics"]["seats_total"]
    m = summary["metrics"]
    assert sum(d[h["空缺名额"]] for d in units) == m["seats_total"] - m["seats_filled"]
    assert sum(d[h["最低人数缺口"]] for d in units) == summary["metrics"]["min_seats_unmet"]
    for col in ("调出人数", "调入人数", "净变化", "岗位名额", "已安排", "空缺名额"):
        assert total[h[col]] == sum(d[h[col]] for d in units)


def test_gini_matches_summary_and_points_match_the_checker(solved):
    sc, _, _, rows, summary, wb = solved
    ws = wb["公平性"]
    assert key_value(ws, GINI_AFTER[0]) == pytest.approx(summary["metrics"]["hardship_gini"], abs=1e-9)
    assert key_value(ws, GINI_BEFORE[0]) == pytest.approx(
        check_gini([facts.historical_points(sc, c) for c in sc.cadres]), abs=1e-9)
    points = check_points(sc, rows)           # the checker's own reading of SPEC 3.2
    _, h, data = table(ws, "序号")
    assert len(data) == len(sc.cadres)
    by_name_unit = {(c.name, sc.unit_by_id[c.unit_id].name if c.unit_id else "新录用"): c for c in sc.cadres}
    assert len(by_name_unit) == len(sc.cadres)          # (name, unit) tells the cadres apart here
    for d in data:
        cid = by_name_unit[(d[h["姓名"]], d[h["现单位"]])].cadre_id
        assert d[h["调整后\n积分"]] == points[cid]
        assert d[h["调整前\n积分"]] + d[h["本次\n增加"]] == d[h["调整后\n积分"]]
    assert max(d[h["调整后\n积分"]] for d in data) == summary["metrics"]["hardship_max"]
    assert sum(1 for d in data if "仍无基层经历" in (d[h["备注"]] or "")) == summary["metrics"]["no_grassroots_after"]
    assert len(ws._images) == 2               # Lorenz curve and histogram


def test_exchange_sheet_agrees_with_summary_and_prints_on_one_page(solved):
    sc, _, _, _, summary, wb = solved
    ws = wb["地域交流"]
    m = summary["metrics"]
    assert key_value(ws, "跨地域交流人数") == m["cross_region_postings"]
    assert key_value(ws, "有调出 / 有调入的地区数").startswith(f"{m['regions_sending']} / {m['regions_receiving']}")
    _, h, matrix = table(ws, "调出＼调入")
    names = [r.name for r in sc.regions]
    region_rows = [d for d in matrix if d[0] != "合计"]
    assert len(region_rows) == len(sc.regions)
    assert sum(d[h["跨地域调出"]] for d in region_rows) == m["cross_region_postings"]
    assert sum(d[h["跨地域调入"]] for d in region_rows) == m["cross_region_postings"]
    off = sum(d[h[col]] for i, d in enumerate(region_rows) for col in names if col != names[i])
    assert off == m["cross_region_postings"]
    total = next(d for d in matrix if d[0] == "合计")
    assert sum(total[h[col]] for col in names) == m["postings"] - sum(d[h["新录用到岗"]] for d in region_rows)
    assert len(ws._images) == 1
    # Few regions: the drawing beside the table, both in the print area, fitted to one page.
    assert int(ws.page_setup.fitToHeight) == 1 and int(ws.page_setup.fitToWidth) == 1
    anchor = ws._images[0].anchor._from
    area_end = ws.print_area.split(":")[-1]
    assert openpyxl.utils.column_index_from_string("".join(ch for ch in area_end if ch.isalpha())) > anchor.col


def test_unmet_sheet_lists_openings_below_seats(solved):
    sc, _, _, rows, _, wb = solved
    assigned = Counter(a.opening_id for a in rows)
    expected = [o for o in sc.openings if assigned[o.opening_id] < o.seats]
    ws = wb["未满足"]
    if not expected:
        assert ws.cell(row=3, column=1).value == "所有岗位均已满额"
        return
    _, h, data = table(ws, "序号")
    assert sorted(d[h["岗位名称"]] for d in data) == sorted(o.name for o in expected)
    for d in data:
        o = next(o for o in expected if o.name == d[h["岗位名称"]])
        assert d[h["已安排"]] == assigned[o.opening_id]
        assert d[h["空缺"]] == o.seats - assigned[o.opening_id]
        assert d[h["符合条件人数"]] >= 0 and d[h["原因"]]


def test_notes_say_what_the_plan_does_in_plain_words(solved):
    sc, _, _, rows, summary, wb = solved
    text = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value is not None)
    m = summary["metrics"]
    postings = sum(1 for a in rows if a.kind == "posting")
    assert f"交流任职 {postings} 人" in text
    assert f"{m['cross_region_postings']} 人跨地区交流任职" in text
    before = check_gini([facts.historical_points(sc, c) for c in sc.cadres])
    assert f"调整前 {before:.3f} 变为调整后 {m['hardship_gini']:.3f}" in text
    assert "由 " in text and f"减至 {m['no_grassroots_after']} 人" in text
    assert "提请党组研究决定的事项" in text and "审定调整名单" in text
    for lock in sc.locks:                       # every committee decision is put to the committee
        assert sc.cadre_by_id[lock.cadre_id].name in text
    assert "《公务员回避规定》" in text and "《公务员交流规定》" in text
    assert "本人第一志愿：符合本人所报第一志愿" in text or "本人第一志愿" not in text
    assert "经独立校验程序逐条复核，本方案符合全部硬性规则。" in text


def test_solver_facts_only_in_the_appendix(solved):
    _, _, _, _, summary, wb = solved
    ws = wb["附录一 计算信息"]
    assert key_value(ws, "求解状态") == summary["status"]
    assert key_value(ws, "情景数据校验码（SHA-256）") == summary["scenario_sha256"]
    assert key_value(ws, "随机种子") == summary["seed"]
    _, h, terms = table(ws, "目标")
    by_code = {d[h["代码"]]: d for d in terms}
    for t, w in summary["weights"].items():
        assert by_code[t][h["权重"]] == w and by_code[t][h["得分"]] == summary["terms"][t]


def test_english_workbook(solved, tmp_path, cheap_pictures):
    _, sc_dir, plan_dir, rows, _, _ = solved
    out = write_report(plan_dir, scenario_dir=sc_dir, lang="en", out=tmp_path / "en.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Notes", "Postings", "Temporary and tasks", "By unit", "Fairness", "Exchange",
                             "Exchange over the years", "Unmet", "Appendix 1 Solver", "Appendix 2 Lines",
                             "Appendix 3 Roster"]
    _, _, data = table(wb["Postings"], "No.")
    assert len(data) == len({a.cadre_id for a in rows if a.kind == "posting"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.xlsx", "memo.docx"]     # atomic: nothing else


# ------------------------------------------------------------------------------------------------
# In memory: alternates, the ledger sheet's place, a hand-made plan
# ------------------------------------------------------------------------------------------------
def test_alternates_show_in_remarks_and_the_appendix(solved, cheap_pictures):
    sc, _, _, rows, summary, _ = solved
    plan = Plan(tuple(rows))
    line = next(a for a in rows if a.kind == "posting")
    other = next(c for c in sc.cadres if c.cadre_id != line.cadre_id)
    wb = build_workbook(sc, plan, summary, alternates={(line.cadre_id, line.opening_id): other.cadre_id})
    _, h, data = table(wb["调整名单"], "序号")
    row = next(d for d in data if d[h["姓名"]] == sc.cadre_by_id[line.cadre_id].name)
    assert f"备选：{other.name}" in row[h["备注"]]
    _, h2, lines = table(wb["附录二 安排明细"], "名单")
    assert [d[h2["备选干部编号"]] for d in lines if d[h2["岗位编号"]] == line.opening_id
            and d[h2["干部编号"]] == line.cadre_id] == [other.cadre_id]


def test_ledger_sheet_goes_after_the_exchange_sheet(solved, monkeypatch, cheap_pictures):
    sc, _, _, rows, summary, _ = solved
    calls = []

    def add_ledger_sheet(wb, scenario, plan, lang):
        calls.append((scenario, len(plan.assignments), lang))
        wb.create_sheet("历年交流")

    fake = types.ModuleType("planner.report.sheet_ledger")
    fake.add_ledger_sheet = add_ledger_sheet
    monkeypatch.setitem(sys.modules, "planner.report.sheet_ledger", fake)
    wb = build_workbook(sc, Plan(tuple(rows)), summary)
    assert calls == [(sc, len(rows), "zh")]
    assert wb.sheetnames.index("历年交流") == wb.sheetnames.index("地域交流") + 1


def test_workbook_of_a_hand_made_plan_in_memory(cheap_pictures):
    from models import Cadre, Opening, Region, Scenario, Unit, month_index

    m = month_index
    sc = Scenario("手工方案", 2027, (Region("RA", "甲区"), Region("RB", "乙县", True)),
                  (Unit("UA", "甲区分局", "RA", "branch", True, 1), Unit("UB", "乙县分局", "RB", "branch", True, 3)),
                  (Cadre("C3", "干部丙", "F", m("1995-01"), m("2018-07"), "本科", "law", "staff", "admin", "UA",
                         m("2022-01"), "RB", "competent"),),
                  (Opening("P1", "乙县分局 岗位", "posting", "UB", 1, 12, 2),))
    plan = Plan((Assignment("C3", "P1", "posting", "UB", 1, 12, ("exchange",)),))
    summary = {"status": "OPTIMAL", "metrics": recompute_metrics(sc, plan.assignments), "weights": {}, "terms": {}}
    wb = build_workbook(sc, plan, summary)
    _, h, data = table(wb["调整名单"], "序号")
    assert [(d[h["姓名"]], d[h["理由"]], d[h["类型"]]) for d in data] == [
        ("干部丙", "跨地域交流", "交流任职\n跨地域\n偏远艰苦")]
    assert key_value(wb["公平性"], GINI_AFTER[0]) == pytest.approx(summary["metrics"]["hardship_gini"])
    assert table(wb["挂职及任务"], "序号")[2] == [["本方案无此类安排"] + [None] * 9]
    with pytest.raises(ValueError):
        build_workbook(sc, plan, summary, lang="fr")
