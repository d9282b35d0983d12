"""models.facts (SPEC 3) against values computed by hand, with the edges of every window.

Plan year 2027 throughout: 1 January 2027 is the reference day; the default hardship look-back
(5 years) is 2022-01 .. 2026-12; no_return_years 3 means postings that ended in 2024, 2025, 2026.
"""
import pytest

from models import Cadre, HistoryRow, Opening, Region, Rules, Scenario, Unit, facts
from models import month_index as m

Y = 2027


def cadre(cid="C1", birth="1995-06", entry="2018-07", unit="U0", since="2024-01", **kw):
    return Cadre(cid, "张三", "M", m(birth), m(entry), "本科", "environment", "staff", "admin",
                 unit, m(since) if since else None, "R9", "competent", **kw)


def scenario(cadres, history=(), openings=(), **rules):
    units = (
        Unit("U0", "局机关办公室", "R1", "bureau", grassroots=False, hardship=0),
        Unit("U1", "北湖监测站", "R1", "station", grassroots=True, hardship=1),
        Unit("U2", "东山分局", "R2", "branch", grassroots=True, hardship=2),
        Unit("U3", "西山分局", "R2", "branch", grassroots=True, hardship=3),
    )
    return Scenario(name="t", plan_year=Y, regions=(Region("R1", "北湖区"), Region("R2", "东山县", True)),
                    units=units, cadres=tuple(cadres), openings=tuple(openings),
                    history=tuple(HistoryRow(c, u, k, m(s), m(e)) for c, u, k, s, e in history),
                    rules=Rules(**rules))


# --- 3.1 time -----------------------------------------------------------------------------------
@pytest.mark.parametrize("birth,expected", [
    ("1996-01", 31),   # 31st birthday on 1996-01-01 + 31y = 2027-01-01: counts
    ("1996-02", 30),   # SPEC example: born 1996-02 is 30 in 2027
    ("1996-12", 30),
    ("1995-12", 31),
])
def test_age_on_first_of_january(birth, expected):
    assert facts.age(cadre(birth=birth), Y) == expected


@pytest.mark.parametrize("entry,expected", [("2024-12", 3), ("2024-01", 3), ("2027-01", 0), ("2016-07", 11)])
def test_service_years_is_plan_year_minus_entry_year(entry, expected):
    assert facts.service_years(cadre(entry=entry), Y) == expected


@pytest.mark.parametrize("since,expected", [("2022-01", 5), ("2022-02", 4), ("2026-12", 0), ("2027-01", 0)])
def test_years_at_unit(since, expected):
    assert facts.years_at_unit(cadre(since=since), Y) == expected


def test_recruit_has_no_years_at_unit_and_no_region():
    c = cadre(unit=None, since=None)
    sc = scenario([c])
    assert facts.years_at_unit(c, Y) == 0
    assert facts.current_region(sc, c) is None
    assert facts.current_region(sc, cadre(unit="U2")) == "R2"


# --- 3.2 hardship points ----------------------------------------------------------------------
def test_lookback_window_edges():
    assert facts.lookback_window(scenario([])) == (m("2022-01"), m("2026-12"))
    assert facts.lookback_window(scenario([], hardship_lookback_years=1)) == (m("2026-01"), m("2026-12"))


@pytest.mark.parametrize("start,end,expected", [
    ("2022-01", "2022-01", 2 * 1),     # the window's first month
    ("2021-12", "2021-12", 0),         # the month before the window
    ("2026-12", "2026-12", 2 * 1),     # the window's last month
    ("2021-11", "2022-02", 2 * 2),     # straddles the window start: only 2022-01, 2022-02
    ("2015-01", "2026-12", 2 * 60),    # covers the whole window
])
def test_history_row_months_inside_the_window(start, end, expected):
    # The cadre now sits at hardship-0 U0, so only the U2 (hardship 2) history row counts.
    c = cadre(unit="U0", since="2010-01")
    sc = scenario([c], history=[("C1", "U2", "posting", start, end)])
    assert facts.historical_points(sc, c) == expected


@pytest.mark.parametrize("since,expected", [
    ("2020-05", 60),   # since before the window: the whole window, 60 months x hardship 1
    ("2022-01", 60),
    ("2026-12", 1),    # one month, December of the year before the plan
    ("2027-01", 0),    # arrived in the plan year: nothing yet
])
def test_current_unit_counts_from_since_to_december(since, expected):
    c = cadre(unit="U1", since=since)
    assert facts.historical_points(scenario([c]), c) == expected


def test_temporary_during_current_posting_counts_on_top():
    # Posted at U1 (hardship 1) since 2022-01: 60. A temporary at U3 (hardship 3) in
    # 2023-03..2023-05 during that posting adds 3 x 3 = 9 on top, no netting.
    c = cadre(unit="U1", since="2022-01")
    sc = scenario([c], history=[("C1", "U3", "temporary", "2023-03", "2023-05")])
    assert facts.historical_points(sc, c) == 60 + 9


def test_points_add_over_rows_and_ignore_other_cadres():
    c1, c2 = cadre("C1", unit="U0", since="2025-01"), cadre("C2", unit="U3", since="2026-07")
    sc = scenario([c1, c2], history=[
        ("C1", "U2", "posting", "2020-01", "2024-12"),   # 2022-01..2024-12: 36 x 2 = 72
        ("C1", "U3", "task", "2023-04", "2023-04"),      # 1 x 3 = 3
        ("C2", "U2", "posting", "2022-01", "2026-06"),   # C2's: 54 x 2 = 108
    ])
    assert facts.historical_points(sc, c1) == 72 + 3
    assert facts.historical_points(sc, c2) == 108 + 6 * 3


def test_plan_points_posting_counts_twelve_months():
    openings = (
        Opening("P", "p", "posting", "U2", 7, 12, 1),              # posting: 12 months x 2
        Opening("T", "t", "temporary", "U3", 3, 5, 1),             # 3 months x 3
        Opening("K", "k", "task", "U3", 4, 4, 1, hardship=1),      # own hardship 1 x 1 month
    )
    sc = scenario([cadre()], openings=openings)
    assert facts.plan_points(sc, ["P"]) == 24
    assert facts.plan_points(sc, ["T", "K"]) == 9 + 1
    assert facts.plan_points(sc, []) == 0


# --- 3.3 grassroots record ---------------------------------------------------------------------
@pytest.mark.parametrize("unit,history,expected", [
    ("U1", [], True),                                                  # current unit grassroots
    ("U0", [], False),
    ("U0", [("C1", "U2", "task", "2023-01", "2023-02")], False),       # tasks never count
    ("U0", [("C1", "U2", "temporary", "2023-01", "2023-06")], True),
    ("U0", [("C1", "U3", "posting", "2012-01", "2014-06")], True),     # however long ago
    ("U0", [("C1", "U0", "posting", "2012-01", "2014-06")], False),    # not grassroots
])
def test_grassroots_record(unit, history, expected):
    c = cadre(unit=unit)
    assert facts.grassroots_record(scenario([c], history=history), c) is expected


def test_recruit_has_no_record_and_after_plan_only_posting_or_temporary_counts():
    c = cadre(unit=None, since=None, entry="2026-08")
    openings = (Opening("P", "p", "posting", "U2", 1, 12, 1), Opening("K", "k", "task", "U3", 4, 5, 1),
                Opening("B", "b", "posting", "U0", 1, 12, 1), Opening("T", "t", "temporary", "U1", 1, 3, 1))
    sc = scenario([c], openings=openings)
    assert not facts.grassroots_record(sc, c)
    assert facts.first_stop_restricted(sc, c)
    assert facts.grassroots_record_after(sc, c, ["P"])
    assert facts.grassroots_record_after(sc, c, ["T"])
    assert not facts.grassroots_record_after(sc, c, ["K", "B"])


# --- R4, R5, R6 facts ---------------------------------------------------------------------------
@pytest.mark.parametrize("entry,unit,expected", [
    ("2025-03", "U0", True),    # 2 service years, no record
    ("2024-12", "U0", False),   # 3 service years: not below first_stop_years 3
    ("2025-03", "U1", False),   # has a record (current unit grassroots)
])
def test_first_stop_restricted(entry, unit, expected):
    c = cadre(entry=entry, unit=unit, since="2025-03")
    assert facts.first_stop_restricted(scenario([c]), c) is expected


@pytest.mark.parametrize("since,tenure,expected", [
    ("2022-01", 5, True),      # exactly 5 whole years
    ("2022-02", 5, False),     # 4 years 11 months
    ("2024-01", 3, True),
])
def test_rotation_due(since, tenure, expected):
    c = cadre(since=since)
    assert facts.rotation_due(scenario([c], max_tenure_years=tenure), c) is expected


def test_recruit_is_never_rotation_due():
    c = cadre(unit=None, since=None)
    assert not facts.rotation_due(scenario([c], max_tenure_years=0), c)


def test_no_return_boundary_years():
    c = cadre(unit="U0", since="2025-01")
    history = [
        ("C1", "U1", "posting", "2020-01", "2023-12"),    # ended 2023: outside 2024..2026
        ("C1", "U2", "posting", "2024-01", "2024-01"),    # ended 2024: first year inside
        ("C1", "U3", "posting", "2026-01", "2026-12"),    # ended 2026: last year inside
        ("C1", "U0", "temporary", "2025-03", "2025-04"),  # not a posting
    ]
    assert facts.no_return_units(scenario([c], history=history), c) == {"U2", "U3"}
    assert facts.no_return_units(scenario([c], history=history, no_return_years=4), c) == {"U1", "U2", "U3"}
    assert facts.no_return_units(scenario([c], history=history, no_return_years=0), c) == frozenset()
