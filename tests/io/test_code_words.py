"""SPEC 2 as amended (issue 15.1): the Chinese labels of SPEC 7 read wherever a code is; sheet names
and headers in any case; a scenario written with Chinese labels reads back the same, and solves
to the byte-identical plan."""
import openpyxl
import pytest
from conftest import TINY_DIR, tiny_expected
from table_edits import load_rows, problems_of, set_cell

from planner.io import read_scenario, write_scenario
from planner.labels.codes import (
    HARDSHIP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,
    TASK_KINDS_ZH,
    TEMPORARY_UPWARD_ZH,
)

# (table, spreadsheet row, column, what the workbook prints, attribute of the object, its code)
LABEL_CASES = [
    *[("cadres", 2, "rank", zh, "rank", code) for code, zh in RANK_ZH.items()],
    *[("cadres", 2, "post_type", zh, "post_type", code) for code, zh in POST_TYPE_ZH.items()],
    *[("cadres", 2, "rating", zh, "rating", code) for code, zh in RATING_ZH.items()],
    *[("units", 2, "level", zh, "level", code) for code, zh in LEVEL_ZH.items()],
    *[("units", 2, "hardship", zh, "hardship", code) for code, zh in HARDSHIP_ZH.items()],
    *[("openings", 3, "kind", zh, "kind", code) for code, zh in KIND_ZH.items() if code != "posting"],
    *[("openings", 3, "min_rating", zh, "min_rating", code) for code, zh in RATING_ZH.items()],
    *[("openings", 2, "post_type", zh, "post_type", code) for code, zh in POST_TYPE_ZH.items()],
    *[("openings", 4, "hardship", zh, "hardship", code) for code, zh in HARDSHIP_ZH.items()],
    ("openings", 3, "kind", TEMPORARY_UPWARD_ZH, "kind", "temporary"),
    *[("openings", 4, "kind", zh, "kind", "task") for zh in TASK_KINDS_ZH],
    ("openings", 4, "kind", "“四进”工作队", "kind", "task"),        # Chinese quotation marks
    ("openings", 4, "kind", "四进工作队", "kind", "task"),            # none at all
    ("cadres", 2, "rank", "副科", "rank", "deputy_section"),          # SPEC 2's short forms
    ("cadres", 2, "post_type", "参公", "post_type", "civil"),
]


def _object(sc, table, row):
    return getattr(sc, table)[row - 2]


@pytest.mark.parametrize("table,row,column,label,attr,code", LABEL_CASES,
                         ids=[f"{c[0]}.{c[2]}={c[3]}" for c in LABEL_CASES])
def test_chinese_label_reads_as_its_code(tiny, table, row, column, label, attr, code):
    set_cell(tiny, table, row, column, label)
    assert getattr(_object(read_scenario(tiny), table, row), attr) == code


def test_lists_take_labels_too(tiny):
    set_cell(tiny, "openings", 2, "ranks", "科员；副科级")
    assert read_scenario(tiny).openings[0].ranks == {"staff", "deputy_section"}


def test_history_kind_takes_labels(tiny):
    set_cell(tiny, "history", 3, "kind", "督察")
    set_cell(tiny, "history", 2, "kind", "交流任职")
    sc = read_scenario(tiny)
    assert [h.kind for h in sc.history] == ["posting", "task", "posting"]


def test_an_unknown_label_names_the_chinese_ones(tiny):
    set_cell(tiny, "cadres", 2, "rank", "处长")
    (problem,) = problems_of(tiny)
    assert problem == ("cadres.csv:2: rank: '处长' is not one of staff, deputy_section, section "
                       f"(or {', '.join(RANK_ZH.values())})")


@pytest.mark.parametrize("xlsx", [False, True], ids=["csv", "xlsx"])
def test_tiny_written_with_chinese_labels_reads_back_equal(tmp_path, xlsx):
    folder = write_scenario(tiny_expected(), tmp_path / "zh", xlsx=xlsx, labels="zh")
    if not xlsx:
        cadres = (folder / "cadres.csv").read_text(encoding="utf-8")
        assert "科员" in cadres and "行政编制" in cadres and "优秀" in cadres and "男" in cadres
        assert "挂职锻炼" in (folder / "openings.csv").read_text(encoding="utf-8")
        assert "偏远艰苦" in (folder / "units.csv").read_text(encoding="utf-8")
    assert read_scenario(folder).replace(sha256="") == tiny_expected()


def test_demo_in_chinese_labels_gives_the_byte_identical_plan(tmp_path):
    from planner.check import check_plan
    from planner.io.plan_files import plan_csv_text
    from planner.solve import solve

    demo = read_scenario(TINY_DIR.parents[2] / "scenarios" / "demo")
    folder = write_scenario(demo, tmp_path / "demo_zh", labels="zh")
    assert "正科级" in (folder / "cadres.csv").read_text(encoding="utf-8")
    again = read_scenario(folder)
    assert again.replace(sha256="") == demo.replace(sha256="")
    plans = []
    for sc in (demo, again):
        result = solve(sc, time_limit=30)
        assert result.status == "OPTIMAL"
        assert check_plan(sc, result.plan, result.summary()).ok
        plans.append(plan_csv_text(result.plan))
    assert plans[0] == plans[1]


def _workbook_of(folder, titles=None, header_of=None):
    """The CSV tables of ``folder`` as sheets of scenario.xlsx (titles renamed by ``titles``)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for p in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet((titles or {}).get(p.stem, p.stem))
        rows = load_rows(folder, p.stem)
        if header_of:
            rows[0] = [header_of(h) for h in rows[0]]
        for r in rows:
            ws.append(r)
        p.unlink()
    wb.save(folder / "scenario.xlsx")


def test_sheet_names_and_headers_in_any_case(tiny):
    _workbook_of(tiny, titles={"cadres": " Cadres ", "units": "UNITS"}, header_of=lambda h: f" {h.upper()} ")
    assert read_scenario(tiny).replace() == tiny_expected()


def test_a_missing_sheet_lists_the_sheets_found(tiny):
    _workbook_of(tiny, titles={"units": "Unit list"})
    assert problems_of(tiny) == ["scenario.xlsx[units]: (sheet): missing required sheet (sheets found: cadres, "
                                 "fit, history, locks, openings, preferences, regions, relations, Unit list)"]
