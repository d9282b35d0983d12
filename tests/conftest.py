"""Shared fixtures: the hand-written tiny scenario of tests/data/tiny and its expected objects, and
``solver``, the one backend-parametrised fixture of the solve tests."""
import shutil
from pathlib import Path

import pytest

from models import (
    Cadre,
    Fit,
    HistoryRow,
    Lock,
    Opening,
    Preference,
    Region,
    Relation,
    Rules,
    Scenario,
    SolverSettings,
    Unit,
    Weights,
)
from models import month_index as m

TINY_DIR = Path(__file__).parent / "data" / "tiny"


def tiny_expected() -> Scenario:
    """tests/data/tiny as domain objects, written by hand from the files (sha256 left empty)."""
    return Scenario(
        name="测试市生态环境局 2027 年度交流计划",
        plan_year=2027,
        target_specialties=frozenset({"environment", "law"}),
        rules=Rules(max_away_months=8),
        weights=Weights(fairness=7, fit=0),
        solver=SolverSettings(time_limit_s=5),
        regions=(Region("R1", "北湖区", False), Region("R2", "东山县", True)),
        units=(Unit("U1", "局机关办公室", "R1", "bureau", False, 0, False),
               Unit("U2", "东山分局", "R2", "branch", True, 3, True),
               Unit("U3", "北湖监测站", "R1", "station", True, 1, False)),
        cadres=(
            Cadre("C1", "张伟", "M", m("1995-06"), m("2018-07"), "本科", "environment", "staff", "admin",
                  "U1", m("2021-03"), "R2", "excellent", True, frozenset({"enforcement", "monitoring"}), False,
                  extra=(("民族", "汉族"), ("职务", "科员"))),
            Cadre("C2", "李娜", "F", m("1996-02"), m("2019-07"), "硕士", "law", "deputy_section", "civil",
                  "U2", m("2024-05"), "R1", "competent", False, frozenset({"eia", "enforcement"}), True,
                  extra=(("民族", "回族"), ("职务", "副科长"))),
            Cadre("C3", "王芳", "F", m("2001-09"), m("2026-08"), "本科", "chemistry", "staff", "institution",
                  None, None, "R9", "basic", False, frozenset(), False,
                  extra=(("民族", "汉族"), ("职务", ""))),
        ),
        extra_columns=("民族", "职务"),
        openings=(
            Opening("P1", "东山分局 执法岗位", "posting", "U2", 1, 12, 2, min_seats=1,
                    ranks=frozenset({"staff", "deputy_section"}), specialties=frozenset({"environment", "law"}),
                    post_type="admin", allow_transfer=True, max_age=35),
            Opening("T1", "上派跟班学习", "temporary", "U1", 3, 8, 1, min_rating="excellent",
                    talent_pool_only=True, min_service_years=2, hardship=0, development=4),
            Opening("K1", "2027年第一轮省级生态环保督察", "task", "U2", 4, 5, 3,
                    certificates=frozenset({"enforcement"}), team_needs=(("enforcement", 1), ("law", 1)),
                    development=5),
        ),
        history=(HistoryRow("C1", "U2", "posting", m("2018-07"), m("2021-02")),
                 HistoryRow("C1", "U3", "task", m("2022-05"), m("2022-06")),
                 HistoryRow("C2", "U1", "posting", m("2019-07"), m("2024-04"))),
        relations=(Relation("C1", "C2", "配偶"),),
        preferences=(Preference("C1", "P1", 1), Preference("C1", "K1", 2), Preference("C3", "P1", 1)),
        fit=(Fit("C1", "P1", 80), Fit("C2", "K1", 55)),
        locks=(Lock("C2", "T1", "forbid", "本人身体原因"),),
    )


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A fresh copy of tests/data/tiny that a test may edit."""
    dst = tmp_path / "tiny"
    shutil.copytree(TINY_DIR, dst)
    return dst


# --- every backend -----------------------------------------------------------------------------------
# The backends of planner.solve (planner/backends): CP-SAT (LP-guided), and HiGHS and CBC through
# PuLP. A test that should hold whatever backend finds the plan takes the ``solver`` fixture and
# runs once per backend (as PyJobShop runs its tests on every solver). All three run in the default
# suite: on the tiny scenarios of the tests each solve takes well under a second on every backend.
# Where a backend is slow on a test's instances, ``@pytest.mark.slow_on("cbc")`` marks that
# test's variants on those backends ``slow`` (``pytest -m slow`` runs them).
BACKENDS = ("cpsat", "highs", "cbc")


@pytest.fixture(params=BACKENDS)
def solver(request) -> str:
    """The name of a backend (``planner.solve.solve(..., solver=...)``): the test runs once per backend."""
    return request.param


def pytest_configure(config):
    config.addinivalue_line("markers", "slow_on(*backends): the variants of a test on these backends "
                                       "(the solver fixture) are slow")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark ``slow`` the variants a ``slow_on`` marker names, before ``-m "not slow"`` deselects."""
    for item in items:
        marker = item.get_closest_marker("slow_on")
        callspec = getattr(item, "callspec", None)
        if marker and callspec and callspec.params.get("solver") in marker.args:
            item.add_marker(pytest.mark.slow)
