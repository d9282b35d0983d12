"""Every kind of bad input gives a ``file:row: column: what`` problem, never a traceback.

Each case edits one cell (or line) of the valid tiny scenario in tests/data/tiny and asserts the
exact ``file:row: column:`` prefix of the problem. Rows count as a spreadsheet counts them.
"""
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from table_edits import add_row, assert_problem, drop_column, load_rows, problems_of, save_rows, set_cell

from planner.io import ScenarioError, read_scenario

# --- one cell at a time ------------------------------------------------------------------------
# (id, table, row, column, value, expected prefix, text the message contains)
CELL_CASES = [
    ("duplicate-cadre", "cadres", 3, "cadre_id", "C1", "cadres.csv:3: cadre_id: ", "first at row 2"),
    ("duplicate-unit", "units", 4, "unit_id", "U1", "units.csv:4: unit_id: ", "duplicate"),
    ("duplicate-region", "regions", 3, "region_id", "R1", "regions.csv:3: region_id: ", "duplicate"),
    ("duplicate-opening", "openings", 4, "opening_id", "P1", "openings.csv:4: opening_id: ", "duplicate"),
    ("empty-id", "cadres", 2, "cadre_id", "", "cadres.csv:2: cadre_id: ", "empty"),
    ("unit-region", "units", 3, "region_id", "R7", "units.csv:3: region_id: ", "R7"),
    ("cadre-unit", "cadres", 2, "unit_id", "U9", "cadres.csv:2: unit_id: ", "U9"),
    ("opening-unit", "openings", 3, "unit_id", "U999", "openings.csv:3: unit_id: ", "U999"),
    ("history-cadre", "history", 3, "cadre_id", "C77", "history.csv:3: cadre_id: ", "C77"),
    ("history-unit", "history", 4, "unit_id", "U8", "history.csv:4: unit_id: ", "U8"),
    ("relation-a", "relations", 2, "cadre_a", "C8", "relations.csv:2: cadre_a: ", "C8"),
    ("relation-b", "relations", 2, "cadre_b", "C8", "relations.csv:2: cadre_b: ", "C8"),
    ("preference-cadre", "preferences", 3, "cadre_id", "C8", "preferences.csv:3: cadre_id: ", "C8"),
    ("preference-opening", "preferences", 3, "opening_id", "OP999", "preferences.csv:3: opening_id: ", "OP999"),
    ("fit-cadre", "fit", 2, "cadre_id", "C8", "fit.csv:2: cadre_id: ", "C8"),
    ("fit-opening", "fit", 3, "opening_id", "X1", "fit.csv:3: opening_id: ", "X1"),
    ("lock-cadre", "locks", 2, "cadre_id", "C8", "locks.csv:2: cadre_id: ", "C8"),
    ("lock-opening", "locks", 2, "opening_id", "X1", "locks.csv:2: opening_id: ", "X1"),
    ("level", "units", 2, "level", "office", "units.csv:2: level: ", "office"),
    ("kind", "openings", 2, "kind", "secondment", "openings.csv:2: kind: ", "secondment"),
    ("rank", "cadres", 2, "rank", "chief", "cadres.csv:2: rank: ", "chief"),
    ("ranks-list", "openings", 2, "ranks", "staff;boss", "openings.csv:2: ranks: ", "boss"),
    ("post-type", "cadres", 3, "post_type", "army", "cadres.csv:3: post_type: ", "army"),
    ("opening-post-type", "openings", 2, "post_type", "army", "openings.csv:2: post_type: ", "army"),
    ("rating", "cadres", 2, "rating", "good", "cadres.csv:2: rating: ", "good"),
    ("empty-rating", "cadres", 2, "rating", "", "cadres.csv:2: rating: ", "empty"),
    ("min-rating", "openings", 3, "min_rating", "perfect", "openings.csv:3: min_rating: ", "perfect"),
    ("gender", "cadres", 4, "gender", "X", "cadres.csv:4: gender: ", "X"),
    ("lock", "locks", 2, "lock", "maybe", "locks.csv:2: lock: ", "maybe"),
    ("history-kind", "history", 2, "kind", "study", "history.csv:2: kind: ", "study"),
    ("bool", "units", 3, "grassroots", "sometimes", "units.csv:3: grassroots: ", "sometimes"),
    ("bad-month", "cadres", 3, "entry", "2027-13", "cadres.csv:3: entry: ", "2027-13"),
    ("month-format", "cadres", 2, "birth", "1995/06", "cadres.csv:2: birth: ", "1995/06"),
    ("history-month", "history", 2, "start", "2018-00", "history.csv:2: start: ", "2018-00"),
    ("start-month-0", "openings", 3, "start_month", "0", "openings.csv:3: start_month: ", "outside 1-12"),
    ("end-month-13", "openings", 4, "end_month", "13", "openings.csv:4: end_month: ", "outside 1-12"),
    ("start-after-end", "openings", 3, "start_month", "9", "openings.csv:3: start_month: ", "after end_month 8"),
    ("posting-end", "openings", 2, "end_month", "11", "openings.csv:2: end_month: ", "12"),
    ("negative-seats", "openings", 2, "seats", "-1", "openings.csv:2: seats: ", "negative"),
    ("fractional-seats", "openings", 3, "seats", "1.5", "openings.csv:3: seats: ", "not an integer"),
    ("negative-min-seats", "openings", 3, "min_seats", "-2", "openings.csv:3: min_seats: ", "negative"),
    ("min-seats-above-seats", "openings", 2, "min_seats", "3", "openings.csv:2: min_seats: ", "more than seats 2"),
    ("unit-hardship", "units", 3, "hardship", "4", "units.csv:3: hardship: ", "outside 0-3"),
    ("opening-hardship", "openings", 4, "hardship", "-1", "openings.csv:4: hardship: ", "negative"),
    ("max-age", "openings", 2, "max_age", "thirty", "openings.csv:2: max_age: ", "not an integer"),
    ("history-not-ended", "history", 4, "end", "2027-02", "history.csv:4: end: ", "before 2027-01"),
    ("history-start-after-end", "history", 3, "start", "2022-09", "history.csv:3: start: ", "after end 2022-06"),
    ("team-needs-no-k", "openings", 4, "team_needs", "enforcement", "openings.csv:4: team_needs: ", "CODE:k"),
    ("team-needs-zero", "openings", 4, "team_needs", "law:0", "openings.csv:4: team_needs: ", "positive"),
    ("team-needs-text", "openings", 4, "team_needs", "law:two", "openings.csv:4: team_needs: ", "CODE:k"),
    ("preference-rank", "preferences", 2, "rank", "4", "preferences.csv:2: rank: ", "outside 1-3"),
    ("fit-score-high", "fit", 2, "score", "101", "fit.csv:2: score: ", "outside 0-100"),
    ("fit-score-text", "fit", 3, "score", "high", "fit.csv:3: score: ", "not an integer"),
    ("relation-self", "relations", 2, "cadre_b", "C1", "relations.csv:2: cadre_b: ", "itself"),
    ("unit-id-without-since", "cadres", 2, "unit_since", "", "cadres.csv:2: unit_since: ", "both"),
    ("since-without-unit-id", "cadres", 3, "unit_id", "", "cadres.csv:3: unit_id: ", "both"),
]


@pytest.mark.parametrize("table,row,column,value,prefix,contains",
                         [c[1:] for c in CELL_CASES], ids=[c[0] for c in CELL_CASES])
def test_bad_cell(tiny, table, row, column, value, prefix, contains):
    set_cell(tiny, table, row, column, value)
    assert_problem(tiny, prefix, contains)


def test_valid_fixture_is_valid(tiny):
    read_scenario(tiny)   # the cases above each break a valid scenario


def test_more_than_three_preferences_per_cadre(tiny):
    add_row(tiny, "preferences", cadre_id="C1", opening_id="T1", rank="3")
    add_row(tiny, "preferences", cadre_id="C1", opening_id="P1", rank="3")   # 4th of C1, and a repeat
    probs = assert_problem(tiny, "preferences.csv:6: cadre_id: ", "more than 3")
    assert any(p.startswith("preferences.csv:6: opening_id: ") and "first at row 2" in p for p in probs)
    assert not any(p.startswith("preferences.csv:5: cadre_id") for p in probs)   # 3 are fine


def test_duplicate_fit_pair(tiny):
    add_row(tiny, "fit", cadre_id="C1", opening_id="P1", score="10")
    assert_problem(tiny, "fit.csv:4: opening_id: ", "first at row 2")


def test_missing_column_reported_once(tiny):
    drop_column(tiny, "cadres", "rank")
    probs = problems_of(tiny)
    assert probs == ["cadres.csv:1: rank: missing required column"]


def test_missing_optional_column_takes_the_default(tiny):
    drop_column(tiny, "openings", "min_seats")
    drop_column(tiny, "cadres", "exempt")
    sc = read_scenario(tiny)
    assert all(o.min_seats == 0 for o in sc.openings) and not any(c.exempt for c in sc.cadres)


def test_empty_required_file(tiny):
    (tiny / "units.csv").write_bytes(b"")
    assert_problem(tiny, "units.csv:1: (header): ", "empty")


def test_missing_required_table(tiny):
    (tiny / "regions.csv").unlink()
    assert_problem(tiny, "regions.csv: (file): ", "missing")


def test_csv_and_xlsx_together(tiny):
    openpyxl.Workbook().save(tiny / "scenario.xlsx")
    assert_problem(tiny, "scenario.xlsx: (file): ", "keep one")


def test_undecodable_file(tiny):
    (tiny / "fit.csv").write_bytes(b"cadre_id,opening_id,score\nC1,P1,\xff\xff\n")
    assert_problem(tiny, "fit.csv: (file): ", "cannot decode")


def test_row_with_too_many_cells(tiny):
    with open(tiny / "fit.csv", "a", encoding="utf-8") as fh:
        fh.write("C2,P1,10,extra\n")
    assert_problem(tiny, "fit.csv:4: (row): ", "4 cells")


def test_blank_line_still_counts_as_a_row(tiny):
    rows = load_rows(tiny, "cadres")
    save_rows(tiny, "cadres", rows[:2] + [[]] + rows[2:])     # row 3 blank, C2 now on row 4
    set_cell(tiny, "cadres", 4, "gender", "X")
    assert_problem(tiny, "cadres.csv:4: gender: ")


def test_xlsx_problems_name_the_sheet(tiny):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for p in sorted(tiny.glob("*.csv")):
        ws = wb.create_sheet(p.stem)
        for r in load_rows(tiny, p.stem):
            ws.append(r)
        p.unlink()
    ws = wb["cadres"]
    ws.cell(row=3, column=3, value="X")       # gender of C2
    wb.save(tiny / "scenario.xlsx")
    assert_problem(tiny, "scenario.xlsx[cadres]:3: gender: ", "X")


def test_xlsx_missing_sheet(tiny):
    wb = openpyxl.Workbook()
    wb.active.title = "cadres"
    wb.save(tiny / "scenario.xlsx")
    for p in tiny.glob("*.csv"):
        p.unlink()
    assert_problem(tiny, "scenario.xlsx[units]: (sheet): ", "missing")


# --- scenario.yaml -------------------------------------------------------------------------
YAML_CASES = [
    ("unknown-nested", "weights:\n  fairnes: 3\n", "scenario.yaml: weights.fairnes: ", "unknown key"),
    ("unknown-top", "wieghts: {}\n", "scenario.yaml: wieghts: ", "unknown key"),
    ("unknown-rules", "rules: {max_tenure: 4}\n", "scenario.yaml: rules.max_tenure: ", "unknown key"),
    ("bad-int", "rules: {max_tenure_years: five}\n", "scenario.yaml: rules.max_tenure_years: ", "not an integer"),
    ("negative-weight", "weights: {fit: -1}\n", "scenario.yaml: weights.fit: ", "below 0"),
    ("bool-as-int", "solver: {workers: true}\n", "scenario.yaml: solver.workers: ", "not an integer"),
    ("bad-bool", "rules: {allow_transfer: perhaps}\n", "scenario.yaml: rules.allow_transfer: ", "boolean"),
    ("bad-time-limit", "solver: {time_limit_s: 0}\n", "scenario.yaml: solver.time_limit_s: ", "positive"),
    ("section-not-mapping", "weights: 3\n", "scenario.yaml: weights: ", "mapping"),
    ("bad-specialties", "target_specialties: {a: 1}\n", "scenario.yaml: target_specialties: ", "list"),
]


@pytest.mark.parametrize("extra,prefix,contains", [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES])
def test_bad_yaml_key(tiny, extra, prefix, contains):
    (tiny / "scenario.yaml").write_text("name: 测试\nplan_year: 2027\n" + extra, encoding="utf-8")
    assert_problem(tiny, prefix, contains)


@pytest.mark.parametrize("text,prefix", [
    ("plan_year: 2027\n", "scenario.yaml: name: "),
    ("name: 测试\n", "scenario.yaml: plan_year: "),
    ("name: 测试\nplan_year: next\n", "scenario.yaml: plan_year: "),
    ("name: [unclosed\n", "scenario.yaml: (file): "),
    ("- a\n- b\n", "scenario.yaml: (file): "),
], ids=["no-name", "no-plan-year", "bad-plan-year", "syntax", "not-a-mapping"])
def test_bad_yaml_document(tiny, text, prefix):
    (tiny / "scenario.yaml").write_text(text, encoding="utf-8")
    assert_problem(tiny, prefix)


def test_missing_yaml(tiny):
    (tiny / "scenario.yaml").unlink()
    assert_problem(tiny, "scenario.yaml: (file): ", "missing")


def test_yaml_may_leave_out_everything_but_name_and_plan_year(tiny):
    (tiny / "scenario.yaml").write_text("name: 测试\nplan_year: 2027\n", encoding="utf-8")
    sc = read_scenario(tiny)
    assert sc.rules.max_away_months == 9 and sc.weights.fairness == 10 and sc.solver.time_limit_s == 60
    assert sc.target_specialties == {"environment", "chemistry", "law", "finance"}


# --- all problems, not just the first --------------------------------------------------------
def test_three_unrelated_errors_all_reported(tiny):
    set_cell(tiny, "units", 4, "hardship", "5")
    set_cell(tiny, "cadres", 3, "gender", "X")
    set_cell(tiny, "preferences", 3, "opening_id", "OP999")
    probs = problems_of(tiny)
    assert len(probs) == 3, probs
    assert probs[0].startswith("units.csv:4: hardship: ")
    assert probs[1].startswith("cadres.csv:3: gender: ")
    assert probs[2].startswith("preferences.csv:3: opening_id: ")


def test_problems_across_files_and_yaml_together(tiny):
    (tiny / "scenario.yaml").write_text("name: 测试\nplan_year: 2027\nweights: {fairnes: 3}\n", encoding="utf-8")
    set_cell(tiny, "fit", 2, "score", "-5")
    drop_column(tiny, "openings", "kind")
    probs = problems_of(tiny)
    assert [p.split(": ")[0] for p in probs] == ["scenario.yaml", "openings.csv:1", "fit.csv:2"]


def test_every_bad_cell_of_a_column_is_reported(tiny):
    for row in (2, 3, 4):
        set_cell(tiny, "cadres", row, "birth", "1990-13")
    probs = problems_of(tiny)
    assert [p[:len("cadres.csv:2: birth")] for p in probs] == [f"cadres.csv:{r}: birth" for r in (2, 3, 4)]


# --- never a traceback --------------------------------------------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(["regions", "units", "cadres", "openings", "history", "preferences", "fit",
                              "locks", "relations"]),
       data=st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_garbage_file_gives_problems_not_a_traceback(tiny, table, data):
    original = (tiny / f"{table}.csv").read_bytes()
    try:
        (tiny / f"{table}.csv").write_bytes(data)
        try:
            read_scenario(tiny)
        except ScenarioError as err:
            assert err.problems and all(isinstance(p, str) and ": " in p for p in err.problems)
    finally:
        (tiny / f"{table}.csv").write_bytes(original)


def test_unclosed_quote(tiny):
    with open(tiny / "fit.csv", "a", encoding="utf-8") as fh:
        fh.write('C2,"P1,10\n')
    assert_problem(tiny, "fit.csv:4: (row): ", "never closed")


def test_duplicate_column(tiny):
    rows = load_rows(tiny, "regions")
    save_rows(tiny, "regions", [r + [r[1]] for r in rows])     # a second "name" column
    assert_problem(tiny, "regions.csv:1: name: ", "duplicate column")


def test_wrong_separator_is_one_problem(tiny):
    text = (tiny / "fit.csv").read_text(encoding="utf-8").replace(",", ";")
    (tiny / "fit.csv").write_text(text, encoding="utf-8")
    probs = problems_of(tiny)
    assert len(probs) == 1 and probs[0].startswith("fit.csv:1: (header): ") and "semicolons" in probs[0]


def test_header_case_is_forgiven(tiny):
    rows = load_rows(tiny, "regions")
    rows[0] = ["Region_ID", "NAME", "Remote"]
    save_rows(tiny, "regions", rows)
    assert read_scenario(tiny).regions[1].remote is True


def test_corrupt_workbook(tiny):
    for p in tiny.glob("*.csv"):
        p.unlink()
    (tiny / "scenario.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    assert_problem(tiny, "scenario.xlsx: (file): ", "cannot read workbook")


def test_xlsx_blank_row_still_counts(tiny):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for p in sorted(tiny.glob("*.csv")):
        ws = wb.create_sheet(p.stem)
        rows = load_rows(tiny, p.stem)
        if p.stem == "cadres":
            rows = rows[:1] + [[]] + rows[1:]         # row 2 blank: C1 on row 3, C2 on row 4
            rows[3][rows[0].index("gender")] = "X"
        for r in rows:
            ws.append(r)
        p.unlink()
    wb.save(tiny / "scenario.xlsx")
    probs = problems_of(tiny)
    assert probs == ["scenario.xlsx[cadres]:4: gender: 'X' is not a gender (M/F, 男/女)"]
