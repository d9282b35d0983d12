"""The table of hostile inputs (issue 11): each case edits a copy of ``base/`` (a tiny valid
scenario, CSV) and says what a correct planner answers.

A case is ``Case(id, cls, edit, command, exit, where)``:

- ``edit(folder)`` changes the scenario copy (or the plan folder, see ``command``);
- ``command``: ``validate`` (the default), ``solve`` (``solve SCEN --out OUT``), or a callable
  ``(scen, out) -> argv`` for anything else;
- ``exit``: the exit status SPEC 6 names;
- ``where``: a regular expression the output must match — the ``file:row: column`` of the
  problem where there is one (SPEC 2), or the words that say what is wrong.

Helpers edit a cell the way a person does in a spreadsheet: ``cell(folder, "units.csv", 3,
"hardship", "5")`` sets row 3 (the header is row 1) of column ``hardship``.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    id: str
    cls: str
    edit: Callable
    exit: int
    where: str = ""
    command: object = "validate"


# ------------------------------------------------------------------------------------------
# editing helpers
# ------------------------------------------------------------------------------------------
def _rows(path: Path) -> list:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def cell(table: str, row: int, column: str, value: str) -> Callable:
    def edit(folder: Path) -> None:
        rows = _rows(folder / table)
        rows[row - 1][rows[0].index(column)] = value
        _write(folder / table, rows)
    return edit


def column_renamed(table: str, column: str, new: str) -> Callable:
    def edit(folder: Path) -> None:
        rows = _rows(folder / table)
        rows[0][rows[0].index(column)] = new
        _write(folder / table, rows)
    return edit


def column_dropped(table: str, column: str) -> Callable:
    def edit(folder: Path) -> None:
        rows = _rows(folder / table)
        k = rows[0].index(column)
        _write(folder / table, [r[:k] + r[k + 1:] for r in rows])
    return edit


def raw(table: str, data: bytes) -> Callable:
    def edit(folder: Path) -> None:
        (folder / table).write_bytes(data)
    return edit


def appended(table: str, line: str) -> Callable:
    def edit(folder: Path) -> None:
        with open(folder / table, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return edit


def yaml_line(old: str, new: str) -> Callable:
    """Replace the first line of scenario.yaml that starts with ``old`` (after spaces)."""
    def edit(folder: Path) -> None:
        lines = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip().startswith(old):
                lines[i] = line[: len(line) - len(line.lstrip())] + new
                break
        else:
            raise AssertionError(f"no line {old!r} in scenario.yaml")
        (folder / "scenario.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return edit


def yaml_text(text: str) -> Callable:
    def edit(folder: Path) -> None:
        (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return edit


def yaml_appended(text: str) -> Callable:
    def edit(folder: Path) -> None:
        with open(folder / "scenario.yaml", "a", encoding="utf-8") as fh:
            fh.write(text)
    return edit


def removed(name: str) -> Callable:
    def edit(folder: Path) -> None:
        (folder / name).unlink()
    return edit


def both(*edits) -> Callable:
    def edit(folder: Path) -> None:
        for e in edits:
            e(folder)
    return edit


def nothing(folder: Path) -> None:
    return None


# ------------------------------------------------------------------------------------------
# the table
# ------------------------------------------------------------------------------------------
HEADER_CADRES = ("cadre_id,name,gender,birth,entry,education,specialty,rank,post_type,unit_id,unit_since,"
                 "home_region,rating,talent_pool,certificates,exempt")

CASES: list = []


def add(cls: str, id: str, edit, exit: int, where: str = "", command="validate") -> None:
    CASES.append(Case(f"{cls}-{id}", cls, edit, exit, where, command))


# -- CSV structure ------------------------------------------------------------------------
S = "csv"
add(S, "missing-required-column", column_dropped("units.csv", "hardship"), 2, r"units\.csv.*hardship")
add(S, "renamed-column", column_renamed("cadres.csv", "birth", "born"), 2, r"cadres\.csv.*birth")
add(S, "header-case-and-spaces", column_renamed("units.csv", "hardship", "  Hardship "), 0)
add(S, "empty-file", raw("units.csv", b""), 2, r"units\.csv")
add(S, "header-only-units", raw("units.csv", b"unit_id,name,region_id,level,grassroots,hardship,key_shortage\n"),
    2, r"unit")
add(S, "binary-garbage", raw("regions.csv", bytes(range(256)) * 8), 2, r"regions\.csv")
add(S, "nul-bytes", raw("regions.csv", b"region_id,name,remote\nR01,\x00\x00,0\n"), 2, r"regions\.csv")
add(S, "ragged-row-short-optional-cells", appended("regions.csv", "R09,短行"), 0)
add(S, "ragged-row-long", appended("regions.csv", "R09,长行,0,extra,more"), 2, r"regions\.csv:5")
add(S, "unclosed-quote", appended("regions.csv", 'R09,"unclosed,0'), 2, r"regions\.csv")
add(S, "quoted-newline-name", appended("regions.csv", 'R09,"北\n湖",0'), 0)
add(S, "crlf-line-ends", lambda f: (f / "regions.csv").write_bytes(
    (f / "regions.csv").read_bytes().replace(b"\n", b"\r\n")), 0)
add(S, "utf8-bom", lambda f: (f / "units.csv").write_bytes(b"\xef\xbb\xbf" + (f / "units.csv").read_bytes()), 0)
add(S, "gb18030", lambda f: (f / "cadres.csv").write_bytes(
    (f / "cadres.csv").read_text(encoding="utf-8").encode("gb18030")), 0)
add(S, "duplicate-header", lambda f: (f / "regions.csv").write_text(
    "region_id,name,name\nR01,a,b\n", encoding="utf-8"), 2, r"regions\.csv")
add(S, "missing-required-table", removed("openings.csv"), 2, r"openings")
add(S, "missing-yaml", removed("scenario.yaml"), 2, r"scenario\.yaml")
add(S, "csv-and-xlsx-both", lambda f: (f / "scenario.xlsx").write_bytes(b"PK\x03\x04"), 2, r"scenario\.xlsx")
add(S, "blank-lines", lambda f: (f / "regions.csv").write_text(
    (f / "regions.csv").read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8"), 0)
add(S, "very-long-line", appended("regions.csv", "R09," + "长" * 200_000 + ",0"), 0)
add(S, "optional-table-absent", removed("fit.csv"), 0)
add(S, "optional-table-empty", raw("fit.csv", b""), 0)
add(S, "unknown-extra-file", lambda f: (f / "notes.txt").write_text("备注", encoding="utf-8"), 0)
add(S, "extra-cadre-column-kept", lambda f: None, 0)
add(S, "directory-named-csv", lambda f: ((f / "fit.csv").unlink(), (f / "fit.csv").mkdir()), 0)

# -- ids ----------------------------------------------------------------------------------
S = "ids"
for ch, name in (("=", "equals"), ("+", "plus"), ("-", "minus"), ("@", "at")):
    add(S, f"cadre-id-starts-{name}", both(cell("cadres.csv", 13, "cadre_id", f"{ch}C9")), 2,
        r"cadres\.csv:13: cadre_id")
add(S, "unit-id-formula", cell("units.csv", 9, "unit_id", "=cmd|' /C calc'!A0"), 2, r"units\.csv:9: unit_id")
add(S, "region-id-hyperlink", cell("regions.csv", 4, "region_id", '=HYPERLINK("http://x")'), 2,
    r"regions\.csv:4: region_id")
add(S, "opening-id-space", cell("openings.csv", 9, "opening_id", "OP 008"), 2, r"openings\.csv:9: opening_id")
add(S, "cadre-id-zero-width", cell("cadres.csv", 13, "cadre_id", "C00\u200b12"), 2, r"cadres\.csv:13: cadre_id")
add(S, "cadre-id-control", cell("cadres.csv", 13, "cadre_id", "C00\x0712"), 2, r"cadres\.csv:13: cadre_id")
add(S, "cadre-id-tab", cell("cadres.csv", 13, "cadre_id", "C00\t12"), 2, r"cadres\.csv:13: cadre_id")
add(S, "duplicate-cadre-id", cell("cadres.csv", 13, "cadre_id", "C0001"), 2, r"cadres\.csv:13: cadre_id")
add(S, "empty-cadre-id", cell("cadres.csv", 13, "cadre_id", ""), 2, r"cadres\.csv:13: cadre_id")
add(S, "huge-id", cell("regions.csv", 4, "region_id", "R" * 100_000), 2, r"units\.csv:8: region_id")
add(S, "unit-unknown-region", cell("units.csv", 9, "region_id", "R99"), 2, r"units\.csv:9: region_id")
add(S, "cadre-unknown-unit", cell("cadres.csv", 13, "unit_id", "U999"), 2, r"cadres\.csv:13: unit_id")
add(S, "opening-unknown-unit", cell("openings.csv", 9, "unit_id", "U999"), 2, r"openings\.csv:9: unit_id")
add(S, "history-unknown-cadre", cell("history.csv", 2, "cadre_id", "C9999"), 2, r"history\.csv:2: cadre_id")
add(S, "preference-unknown-opening", cell("preferences.csv", 2, "opening_id", "OP999"), 2,
    r"preferences\.csv:2: opening_id")
add(S, "lock-unknown-cadre", cell("locks.csv", 2, "cadre_id", "C9999"), 2, r"locks\.csv:2: cadre_id")
add(S, "relation-unknown-cadre", cell("relations.csv", 2, "cadre_b", "C9999"), 2, r"relations\.csv:2: cadre_b")
add(S, "relation-with-self", cell("relations.csv", 2, "cadre_b", "C0005"), 2, r"relations\.csv:2")
add(S, "free-text-formula-name-ok", cell("cadres.csv", 2, "name", "=HYPERLINK(\"x\")"), 0)
add(S, "free-text-dde-unit-name-ok", cell("units.csv", 2, "name", "=cmd|' /C calc'!A0"), 0)

# -- values and ranges --------------------------------------------------------------------
S = "values"
for value, label in (("9" * 5000, "5000-digits"), ("1e19", "1e19"), ("-1", "negative"), ("10001", "above-10000"),
                     ("1.5", "fraction"), ("nan", "nan"), ("inf", "inf"), ("二", "chinese-numeral")):
    add(S, f"seats-{label}", cell("openings.csv", 9, "seats", value), 2, r"openings\.csv:9: seats")
add(S, "min-seats-above-seats", cell("openings.csv", 9, "min_seats", "99"), 2, r"openings\.csv:9: min_seats")
add(S, "min-seats-negative", cell("openings.csv", 9, "min_seats", "-2"), 2, r"openings\.csv:9: min_seats")
for value in ("5", "-1", "1.5", "x"):
    add(S, f"hardship-{value}", cell("units.csv", 9, "hardship", value), 2, r"units\.csv:9: hardship")
add(S, "hardship-chinese-label", cell("units.csv", 9, "hardship", "偏远艰苦"), 0)
for value in ("13", "0", "-3", "x"):
    add(S, f"start-month-{value}", cell("openings.csv", 9, "start_month", value), 2,
        r"openings\.csv:9: start_month")
add(S, "birth-too-young", cell("cadres.csv", 13, "birth", "2030-01"), 2, r"cadres\.csv:13: birth")
add(S, "birth-bad-month", cell("cadres.csv", 13, "birth", "1995-13"), 2, r"cadres\.csv:13: birth")
add(S, "birth-free-text", cell("cadres.csv", 13, "birth", "九五年"), 2, r"cadres\.csv:13: birth")
add(S, "entry-after-plan-year", cell("cadres.csv", 13, "entry", "2028-01"), 2, r"cadres\.csv:13: entry")
add(S, "unit-since-after-plan-year", cell("cadres.csv", 2, "unit_since", "2029-05"), 2,
    r"cadres\.csv:2: unit_since")
add(S, "fit-above-100", cell("fit.csv", 2, "score", "101"), 2, r"fit\.csv:2: score")
add(S, "fit-negative", cell("fit.csv", 2, "score", "-1"), 2, r"fit\.csv:2: score")
add(S, "preference-rank-4", cell("preferences.csv", 2, "rank", "4"), 2, r"preferences\.csv:2: rank")
add(S, "max-age-text", cell("openings.csv", 9, "max_age", "abc"), 2, r"openings\.csv:9: max_age")
add(S, "max-age-huge", cell("openings.csv", 9, "max_age", "1" * 400), 2, r"openings\.csv:9: max_age")
add(S, "min-service-negative", cell("openings.csv", 9, "min_service_years", "-3"), 2,
    r"openings\.csv:9: min_service_years")
add(S, "development-huge", cell("openings.csv", 9, "development", "1000000000"), 2,
    r"openings\.csv:9: development")
add(S, "gender-x", cell("cadres.csv", 13, "gender", "X"), 2, r"cadres\.csv:13: gender")
add(S, "rating-unknown", cell("cadres.csv", 13, "rating", "great"), 2, r"cadres\.csv:13: rating")
add(S, "rank-unknown", cell("cadres.csv", 13, "rank", "boss"), 2, r"cadres\.csv:13: rank")
add(S, "kind-unknown", cell("openings.csv", 9, "kind", "holiday"), 2, r"openings\.csv:9: kind")
add(S, "level-unknown", cell("units.csv", 9, "level", "castle"), 2, r"units\.csv:9: level")
add(S, "team-needs-malformed", cell("openings.csv", 9, "team_needs", "law"), 2, r"openings\.csv:9: team_needs")
add(S, "team-needs-zero", cell("openings.csv", 9, "team_needs", "law:0"), 2, r"openings\.csv:9: team_needs")
add(S, "posting-ends-in-june", cell("openings.csv", 2, "end_month", "6"), 2, r"openings\.csv:2: end_month")
add(S, "start-after-end", both(cell("openings.csv", 9, "start_month", "9"), cell("openings.csv", 9, "end_month", "3")),
    2, r"openings\.csv:9")
add(S, "boolean-garbage", cell("units.csv", 9, "grassroots", "maybe"), 2, r"units\.csv:9: grassroots")
add(S, "history-ends-in-plan-year", cell("history.csv", 2, "end", "2027-03"), 2, r"history\.csv:2: end")
add(S, "history-start-after-end", cell("history.csv", 2, "start", "2024-01"), 2, r"history\.csv:2")
add(S, "lock-word-unknown", cell("locks.csv", 2, "lock", "maybe"), 2, r"locks\.csv:2: lock")
add(S, "chinese-labels-accepted", both(cell("cadres.csv", 2, "rank", "正科级"),
                                       cell("cadres.csv", 2, "post_type", "参公编制"),
                                       cell("cadres.csv", 2, "rating", "基本称职"),
                                       cell("openings.csv", 2, "kind", "交流任职")), 0)
add(S, "error-message-capped", cell("cadres.csv", 13, "rating", "x" * 100_000), 2, r"cadres\.csv:13: rating")

# -- scenario.yaml --------------------------------------------------------------------------
S = "yaml"
BOMB = ("name: bomb\nplan_year: 2027\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "weights:\n  fairness: *h\n")
add(S, "alias-bomb", yaml_text(BOMB), 2, r"scenario\.yaml")
add(S, "simple-alias", yaml_appended("x_anchor: &w 3\n"), 2, r"scenario\.yaml")
add(S, "duplicate-key", yaml_appended("plan_year: 2028\n"), 2, r"scenario\.yaml.*plan_year")
add(S, "duplicate-nested-key", yaml_line("fairness:", "fairness: 10\n  fairness: 20"), 2, r"scenario\.yaml.*fairness")
add(S, "unknown-top-key", yaml_appended("colour: blue\n"), 2, r"scenario\.yaml.*colour")
add(S, "unknown-weight", yaml_line("fairness:", "fairnes: 10"), 2, r"scenario\.yaml.*fairnes")
for value, label in (("1e18", "1e18"), ("-1", "negative"), ("1001", "above-1000"), ("abc", "text"), (".nan", "nan"),
                     (".inf", "inf"), ("2.5", "fraction"), ("[1, 2]", "list"), ("", "empty")):
    add(S, f"weight-{label}", yaml_line("fairness:", f"fairness: {value}"), 2, r"scenario\.yaml.*fairness")
for value, label in ((".nan", "nan"), ("-5", "negative"), ("0", "zero"), ("1e300", "huge"), ("abc", "text")):
    add(S, f"time-limit-{label}", yaml_line("time_limit_s:", f"time_limit_s: {value}"), 2,
        r"scenario\.yaml.*time_limit_s")
for value, label in (("1e30", "1e30"), ("-1", "negative"), ("99999999999999999999", "20-digits"), ("x", "text")):
    add(S, f"seed-{label}", yaml_line("seed:", f"seed: {value}"), 2, r"scenario\.yaml.*seed")
for value, label in (("0", "zero"), ("1000", "1000"), ("-2", "negative")):
    add(S, f"workers-{label}", yaml_line("workers:", f"workers: {value}"), 2, r"scenario\.yaml.*workers")
add(S, "plan-year-missing", yaml_line("plan_year:", "# no plan year"), 2, r"scenario\.yaml.*plan_year")
add(S, "plan-year-text", yaml_line("plan_year:", "plan_year: 明年"), 2, r"scenario\.yaml.*plan_year")
add(S, "plan-year-absurd", yaml_line("plan_year:", "plan_year: 99999"), 2, r"scenario\.yaml.*plan_year")
add(S, "name-missing", yaml_line("name:", "# no name"), 2, r"scenario\.yaml.*name")
add(S, "syntax-error", yaml_appended("weights: [unclosed\n"), 2, r"scenario\.yaml")
add(S, "not-a-mapping", yaml_text("- just\n- a list\n"), 2, r"scenario\.yaml")
add(S, "binary", lambda f: (f / "scenario.yaml").write_bytes(b"\xff\xfe\x00\x01" * 100), 2, r"scenario\.yaml")
add(S, "python-tag", yaml_appended("evil: !!python/object/apply:os.system ['echo hi']\n"), 2, r"scenario\.yaml")
add(S, "target-specialties-not-list", yaml_appended("target_specialties_x: 1\n"), 2, r"scenario\.yaml")
add(S, "target-specialties-number", yaml_text("name: x\nplan_year: 2027\ntarget_specialties: 5\n"), 2,
    r"scenario\.yaml.*target_specialties")
add(S, "first-stop-negative", yaml_line("first_stop_years:", "first_stop_years: -1"), 2,
    r"scenario\.yaml.*first_stop_years")
add(S, "allow-transfer-text", yaml_line("allow_transfer:", "allow_transfer: perhaps"), 2,
    r"scenario\.yaml.*allow_transfer")
add(S, "huge-name", yaml_line("name:", "name: " + "长" * 200_000), 0)

# -- xlsx -------------------------------------------------------------------------------------
S = "xlsx"   # built in test_hostile.py (they need openpyxl to write); listed there.

# -- command-line options ----------------------------------------------------------------------
S = "options"


def solve_with(*extra):
    return lambda scen, out: ["solve", str(scen), "--out", str(out), "--quiet", *extra]


add(S, "workers-0", nothing, 2, r"workers", solve_with("--workers", "0"))
add(S, "workers-huge", nothing, 2, r"workers", solve_with("--workers", "100000"))
add(S, "time-limit-negative", nothing, 2, r"time-limit", solve_with("--time-limit", "-5"))
add(S, "time-limit-nan", nothing, 2, r"time-limit", solve_with("--time-limit", "nan"))
add(S, "time-limit-zero", nothing, 2, r"time-limit", solve_with("--time-limit", "0"))
add(S, "seed-20-digits", nothing, 2, r"seed", solve_with("--seed", "99999999999999999999"))
add(S, "seed-negative", nothing, 2, r"seed", solve_with("--seed", "-1"))
add(S, "solver-unknown", nothing, 2, r"solver", solve_with("--solver", "gurobi"))
add(S, "lock-malformed", nothing, 2, r"lock", solve_with("--lock", "C0001"))
add(S, "lock-unknown-cadre", nothing, 2, r"lock", solve_with("--lock", "C9999=OP001"))
add(S, "forbid-unknown-opening", nothing, 2, r"forbid", solve_with("--forbid", "C0001=OP999"))
add(S, "baseline-missing", nothing, 2, r"baseline", solve_with("--baseline", "/nonexistent/plan"))
add(S, "lang-unknown", nothing, 2, r"lang", solve_with("--lang", "fr"))
add(S, "sweep-bad-path", nothing, 2, r"set",
    lambda scen, out: ["sweep", str(scen), "--out", str(out), "--set", "weights.nope=1"])
add(S, "sweep-million", nothing, 2, r"--force",
    lambda scen, out: ["sweep", str(scen), "--out", str(out), "--set", "weights.fit=" + ",".join(map(str, range(1000))),
                       "--set", "weights.fairness=" + ",".join(map(str, range(1000)))])
add(S, "generate-size-unknown", nothing, 2, r"size",
    lambda scen, out: ["generate", "--size", "planet", "--out", str(out)])
add(S, "explain-unknown-cadre", nothing, 1, r"C9999",
    lambda scen, out: ["explain", str(scen), str(out), "--cadre", "C9999"])
