"""The tables of a scenario folder (SPEC 2): names, columns, and how each column is read.

Where the SPEC bounds a number, the range is its; where it leaves one open, the range here is
what a bureau could mean (issue 11), wide enough for every real case:

=====================  ==========  ============================================================
column                 range       why
=====================  ==========  ============================================================
seats, min_seats       0-10,000    SPEC 2
hardship               0-3         SPEC 2 (or its SPEC 7 label)
start/end_month        1-12        SPEC 2
fit score              0-100       SPEC 2
preference rank        1-3         SPEC 2
development            0-100       value points; 上派跟班 and 督察 are typically 3-5
min_service_years      0-50        a working life
max_age                16-100      nobody serves younger than 16 (cadres.birth is checked so)
team_needs k           1-10,000    at most the seats
=====================  ==========  ============================================================
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models.scenario import KINDS, LEVELS, LOCKS, POST_TYPES, RANKS, RATINGS
from planner.io.cells import (
    check_id,
    enum_cell,
    gender_cell,
    int_cell,
    month_cell,
    parse_bool,
    ref_optional,
    ref_required,
    set_cell,
    team_needs_cell,
    text_cell,
)

TABLES = ("regions", "units", "cadres", "openings", "history", "relations", "preferences", "fit", "locks")
REQUIRED_TABLES = ("regions", "units", "cadres", "openings")
YAML_NAME = "scenario.yaml"
XLSX_NAME = "scenario.xlsx"

MAX_SEATS = 10_000

# Column order of each table as written by ``write_scenario`` (SPEC 2).
COLUMNS = {
    "regions": ("region_id", "name", "remote"),
    "units": ("unit_id", "name", "region_id", "level", "grassroots", "hardship", "key_shortage"),
    "cadres": ("cadre_id", "name", "gender", "birth", "entry", "education", "specialty", "rank",
               "post_type", "unit_id", "unit_since", "home_region", "rating", "talent_pool",
               "certificates", "exempt"),
    "openings": ("opening_id", "name", "kind", "unit_id", "start_month", "end_month", "seats",
                 "min_seats", "ranks", "specialties", "certificates", "post_type", "allow_transfer",
                 "min_rating", "talent_pool_only", "min_service_years", "max_age", "team_needs",
                 "hardship", "development"),
    "history": ("cadre_id", "unit_id", "kind", "start", "end"),
    "relations": ("cadre_a", "cadre_b", "relation"),
    "preferences": ("cadre_id", "opening_id", "rank"),
    "fit": ("cadre_id", "opening_id", "score"),
    "locks": ("cadre_id", "opening_id", "lock", "note"),
}


@dataclass(frozen=True)
class ColumnSpec:
    """How one column is read: ``required`` columns must be present; an absent optional column
    gives every row ``default``; ``convert`` turns a cell's text into its value."""

    name: str
    required: bool
    convert: Callable
    default: object = None


_Col = ColumnSpec

SPECS: dict[str, tuple[ColumnSpec, ...]] = {
    "regions": (
        _Col("region_id", True, check_id), _Col("name", True, text_cell, ""),
        _Col("remote", False, parse_bool, False)),
    "units": (
        _Col("unit_id", True, check_id), _Col("name", True, text_cell, ""),
        _Col("region_id", True, ref_required), _Col("level", True, enum_cell(LEVELS, "level")),
        _Col("grassroots", False, parse_bool, False),
        _Col("hardship", True, int_cell(0, 3, label_kind="hardship")),
        _Col("key_shortage", False, parse_bool, False)),
    "cadres": (
        _Col("cadre_id", True, check_id), _Col("name", True, text_cell, ""),
        _Col("gender", True, gender_cell),
        _Col("birth", True, month_cell()), _Col("entry", True, month_cell()),
        _Col("education", False, text_cell, ""), _Col("specialty", True, text_cell),
        _Col("rank", True, enum_cell(RANKS, "rank")), _Col("post_type", True, enum_cell(POST_TYPES, "post_type")),
        _Col("unit_id", True, ref_optional), _Col("unit_since", True, month_cell(optional=True)),
        _Col("home_region", True, text_cell), _Col("rating", True, enum_cell(RATINGS, "rating")),
        _Col("talent_pool", False, parse_bool, False), _Col("certificates", False, set_cell(), frozenset()),
        _Col("exempt", False, parse_bool, False)),
    "openings": (
        _Col("opening_id", True, check_id), _Col("name", True, text_cell, ""),
        _Col("kind", True, enum_cell(KINDS, "kind")),
        _Col("unit_id", True, ref_required), _Col("start_month", True, int_cell(1, 12)),
        _Col("end_month", True, int_cell(1, 12)), _Col("seats", True, int_cell(0, MAX_SEATS)),
        _Col("min_seats", False, int_cell(0, MAX_SEATS, default=0), 0),
        _Col("ranks", False, set_cell(RANKS, "rank"), frozenset()),
        _Col("specialties", False, set_cell(), frozenset()),
        _Col("certificates", False, set_cell(), frozenset()),
        _Col("post_type", False, enum_cell(POST_TYPES, "post_type", default=None), None),
        _Col("allow_transfer", False, parse_bool, False),
        _Col("min_rating", False, enum_cell(RATINGS, "rating", default="competent"), "competent"),
        _Col("talent_pool_only", False, parse_bool, False),
        _Col("min_service_years", False, int_cell(0, 50, default=0), 0),
        _Col("max_age", False, int_cell(16, 100, default=None), None),
        _Col("team_needs", False, team_needs_cell, ()),
        _Col("hardship", False, int_cell(0, 3, default=None, label_kind="hardship"), None),
        _Col("development", False, int_cell(0, 100, default=0), 0)),
    "history": (
        _Col("cadre_id", True, ref_required), _Col("unit_id", True, ref_required),
        _Col("kind", True, enum_cell(KINDS, "kind")), _Col("start", True, month_cell()),
        _Col("end", True, month_cell())),
    "relations": (
        _Col("cadre_a", True, ref_required), _Col("cadre_b", True, ref_required),
        _Col("relation", False, text_cell, "")),
    "preferences": (
        _Col("cadre_id", True, ref_required), _Col("opening_id", True, ref_required),
        _Col("rank", True, int_cell(1, 3))),
    "fit": (
        _Col("cadre_id", True, ref_required), _Col("opening_id", True, ref_required),
        _Col("score", True, int_cell(0, 100))),
    "locks": (
        _Col("cadre_id", True, ref_required), _Col("opening_id", True, ref_required),
        _Col("lock", True, enum_cell(LOCKS)), _Col("note", False, text_cell, "")),
}

# (table, column) -> the table whose ids it names
REFS = {
    ("units", "region_id"): "regions",
    ("cadres", "unit_id"): "units",
    ("openings", "unit_id"): "units",
    ("history", "cadre_id"): "cadres",
    ("history", "unit_id"): "units",
    ("relations", "cadre_a"): "cadres",
    ("relations", "cadre_b"): "cadres",
    ("preferences", "cadre_id"): "cadres",
    ("preferences", "opening_id"): "openings",
    ("fit", "cadre_id"): "cadres",
    ("fit", "opening_id"): "openings",
    ("locks", "cadre_id"): "cadres",
    ("locks", "opening_id"): "openings",
}
ID_COLUMN = {"regions": "region_id", "units": "unit_id", "cadres": "cadre_id", "openings": "opening_id"}
SINGULAR = {"regions": "region", "units": "unit", "cadres": "cadre", "openings": "opening"}
