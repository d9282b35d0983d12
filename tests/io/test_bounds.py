"""Every value SPEC 2 bounds is checked with ``file:row: column: what`` (issue 11 point 3), messages
never quote more than 40 characters (point 2), and through the CLI bad input exits 2 with no
traceback and nothing written."""
import pytest
from click.testing import CliRunner
from table_edits import add_row, assert_problem, load_rows, problems_of, save_rows, set_cell

from planner import cli
from planner.io import read_scenario

# (id, table, row, column, value, exact problem prefix)
BOUND_CASES = [
    ("id-formula", "cadres", 2, "cadre_id", "=cmd|' /C calc'!A0",
     "cadres.csv:2: cadre_id: \"=cmd|' /C calc'!A0\" begins with '=', which a spreadsheet reads as a formula"),
    ("id-plus", "units", 2, "unit_id", "+U1", "units.csv:2: unit_id: '+U1' begins with '+'"),
    ("id-minus", "regions", 2, "region_id", "-R1", "regions.csv:2: region_id: '-R1' begins with '-'"),
    ("id-at", "openings", 2, "opening_id", "@P1", "openings.csv:2: opening_id: '@P1' begins with '@'"),
    ("id-space", "cadres", 2, "cadre_id", "C 1", "cadres.csv:2: cadre_id: 'C 1' holds U+0020 SPACE; an id is"),
    ("id-ideographic-space", "cadres", 2, "cadre_id", "C\u30001",
     "cadres.csv:2: cadre_id: 'C\\u30001' holds U+3000 IDEOGRAPHIC SPACE"),
    ("id-zero-width", "cadres", 2, "cadre_id", "C\u200b1",
     "cadres.csv:2: cadre_id: 'C\\u200b1' holds U+200B ZERO WIDTH"),
    ("id-control", "openings", 3, "opening_id", "T\x071", "openings.csv:3: opening_id: 'T\\x071' holds U+0007"),
    ("seats-above", "openings", 2, "seats", "10001", "openings.csv:2: seats: 10001 is outside 0-10000"),
    ("seats-5000-digits", "openings", 2, "seats", "9" * 5000,
     "openings.csv:2: seats: '" + "9" * 40 + "'… is far outside 0-10000"),
    ("seats-1e19", "openings", 2, "seats", "1e19", "openings.csv:2: seats: '1e19' is not an integer"),
    ("seats-19-digits", "openings", 2, "seats", "10000000000000000000",
     "openings.csv:2: seats: '10000000000000000000' is far outside 0-10000"),
    ("seats-nan", "openings", 2, "seats", "NaN", "openings.csv:2: seats: 'NaN' is not an integer"),
    ("min-seats-above", "openings", 3, "min_seats", "10001", "openings.csv:3: min_seats: 10001 is outside 0-10000"),
    ("development", "openings", 3, "development", "101", "openings.csv:3: development: 101 is outside 0-100"),
    ("service-years", "openings", 3, "min_service_years", "51",
     "openings.csv:3: min_service_years: 51 is outside 0-50"),
    ("max-age-low", "openings", 2, "max_age", "15", "openings.csv:2: max_age: 15 is outside 16-100"),
    ("max-age-high", "openings", 2, "max_age", "101", "openings.csv:2: max_age: 101 is outside 16-100"),
    ("team-needs-k", "openings", 4, "team_needs", "law:99999999999999999999",
     "openings.csv:4: team_needs: 'law:99999999999999999999' is not CODE:k"),
    ("birth-too-young", "cadres", 2, "birth", "2011-02",
     "cadres.csv:2: birth: 2011-02 makes the cadre younger than 16 on 2027-01-01"),
    ("birth-future", "cadres", 2, "birth", "2030-01", "cadres.csv:2: birth: 2030-01 makes the cadre younger than 16"),
    ("birth-too-old", "cadres", 2, "birth", "1926-01", "cadres.csv:2: birth: 1926-01 makes the cadre older than 100"),
    ("entry-after-plan-year", "cadres", 3, "entry", "2028-01",
     "cadres.csv:3: entry: 2028-01 is after December of plan_year 2027"),
    ("since-after-plan-year", "cadres", 2, "unit_since", "2028-03",
     "cadres.csv:2: unit_since: 2028-03 is after December of plan_year 2027"),
    ("long-value-quoted", "cadres", 2, "rank", "x" * 10_000, "cadres.csv:2: rank: '" + "x" * 40 + "'… is not one of"),
    ("long-reference", "cadres", 2, "unit_id", "U" * 10_000, "cadres.csv:2: unit_id: unknown unit " + "U" * 40 + "… ("),
]


@pytest.mark.parametrize("table,row,column,value,prefix", [c[1:] for c in BOUND_CASES],
                         ids=[c[0] for c in BOUND_CASES])
def test_bound(tiny, table, row, column, value, prefix):
    set_cell(tiny, table, row, column, value)
    probs = assert_problem(tiny, prefix)
    assert all(len(p) < 300 for p in probs), probs


@pytest.mark.parametrize("table,row,column,value", [
    ("cadres", 2, "birth", "2011-01"),          # 16 on 1 January of plan_year
    ("cadres", 2, "birth", "1926-02"),          # 100 on that day (101 in February)
    ("cadres", 3, "entry", "2027-12"),
    ("openings", 2, "seats", "10000"),
    ("openings", 2, "max_age", "100"),
    ("openings", 2, "opening_id", "P1-a=@+"),   # only the first character is a spreadsheet's
], ids=["birth-16", "birth-100", "entry-december", "seats-10000", "max-age-100", "id-inner-signs"])
def test_edge_of_the_range_is_valid(tiny, table, row, column, value):
    if column == "opening_id":   # keep the references to P1 pointing at it
        for t in ("preferences", "fit"):
            rows = load_rows(tiny, t)
            save_rows(tiny, t, [[value if c == "P1" else c for c in r] for r in rows])
    set_cell(tiny, table, row, column, value)
    read_scenario(tiny)


def test_problems_stop_at_200_and_count_the_rest(tiny):
    rows = load_rows(tiny, "fit")
    save_rows(tiny, "fit", rows[:1] + [["C1", "P1", f"x{i}"] for i in range(1000)])
    probs = problems_of(tiny)
    assert len(probs) == 201
    assert probs[0] == "fit.csv:2: score: 'x0' is not an integer; expected an integer 0-100"
    # in file, row and column order: row 2 has one problem, rows 3 on two (the pair repeats row 2)
    assert probs[198:200] == ["fit.csv:101: score: 'x99' is not an integer; expected an integer 0-100",
                              "fit.csv:102: opening_id: fit score for C1 and P1 given twice (first at row 2)"]
    # 1000 bad scores and 999 pairs given twice: 1,999 problems, 200 listed.
    assert probs[200] == "… and 1,799 more problems (only the first 200 are listed)"


def test_preferences_cap_counts_too(tiny):
    for i in range(300):
        add_row(tiny, "preferences", cadre_id=f"X{i}", opening_id="P1", rank="1")
    probs = problems_of(tiny)
    assert probs[0] == "preferences.csv:5: cadre_id: unknown cadre X0 (not in cadres.csv)"
    assert probs[-1] == "… and 100 more problems (only the first 200 are listed)"


@pytest.mark.parametrize("command", ["validate", "solve"])
@pytest.mark.parametrize("column,value", [("seats", "9" * 5000), ("seats", "1e19"), ("opening_id", "=HYPERLINK(1)")],
                         ids=["seats-5000-digits", "seats-1e19", "formula-id"])
def test_cli_exits_2_without_traceback_and_writes_nothing(tiny, tmp_path, command, column, value):
    set_cell(tiny, "openings", 2, column, value)
    out = tmp_path / "out"
    args = [command, str(tiny)] + (["--out", str(out)] if command == "solve" else [])
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"openings.csv:2: {column}: " in result.output
    assert max(len(line) for line in result.output.splitlines()) < 300
    assert not out.exists()
