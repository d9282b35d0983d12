"""scenario.yaml (SPEC 2, issue 11 points 2-3): new keys, ranges, keys given twice, aliases, size."""
import time

import pytest
from table_edits import assert_problem, problems_of

from models import Scenario
from planner.io import read_scenario, write_scenario
from planner.labels.policy import policy_text

HEAD = "name: 测试\nplan_year: 2027\n"


def _yaml(folder, text):
    (folder / "scenario.yaml").write_text(HEAD + text, encoding="utf-8")


def test_labels_policy_and_exchange_lookback(tiny, tmp_path):
    _yaml(tiny, "rules: {exchange_lookback_years: 8}\n"
                "labels:\n  radiation: 辐射安全\n  environment: 生态环境\n"
                "policy:\n  R7: 某市公务员回避实施办法\n  fairness: [办法一, 办法二]\n")
    sc = read_scenario(tiny)
    assert sc.rules.exchange_lookback_years == 8
    assert sc.labels == {"radiation": "辐射安全", "environment": "生态环境"}
    assert sc.policy == {"R7": ("某市公务员回避实施办法",), "fairness": ("办法一", "办法二")}
    assert policy_text("R7", sc) == "《某市公务员回避实施办法》"
    assert policy_text("fairness", sc) == "《办法一》、《办法二》"
    again = read_scenario(write_scenario(sc, tmp_path / "again"))
    assert again.replace(sha256="") == sc.replace(sha256="")
    assert hash(again.replace(sha256="")) == hash(sc.replace(sha256=""))


def test_defaults_of_the_new_keys(tiny):
    _yaml(tiny, "")
    sc = read_scenario(tiny)
    assert sc.rules.exchange_lookback_years == 5 and sc.labels == {} and sc.policy == {}


def test_a_scenario_built_by_hand_takes_dicts():
    sc = Scenario(name="x", plan_year=2027, regions=(), units=(), cadres=(), openings=(),
                  labels={"a": "甲"}, policy={"R1": "文件", "fit": ["甲", "乙"]})
    assert sc.policy["R1"] == ("文件",) and sc.policy["fit"] == ("甲", "乙")
    assert hash(sc) == hash(sc.replace())


# (id, yaml text after name and plan_year, exact problem prefix)
YAML_CASES = [
    ("weight-above", "weights: {fairness: 1001}\n", "scenario.yaml: weights.fairness: 1001 is above 1000"),
    ("weight-1e18", "weights: {fairness: 1.0e+18}\n", "scenario.yaml: weights.fairness: 1e+18 is above 1000"),
    ("weight-5000-digits", "weights: {fit: " + "9" * 5000 + "}\n",
     "scenario.yaml: weights.fit: '" + "9" * 40 + "'… is not an integer"),
    ("weight-nan", "weights: {fit: .nan}\n", "scenario.yaml: weights.fit: nan is not an integer"),
    ("time-limit-nan", "solver: {time_limit_s: .nan}\n",
     "scenario.yaml: solver.time_limit_s: nan is not a positive, finite number of seconds"),
    ("time-limit-inf", "solver: {time_limit_s: .inf}\n", "scenario.yaml: solver.time_limit_s: inf is not a positive"),
    ("time-limit-negative", "solver: {time_limit_s: -5}\n", "scenario.yaml: solver.time_limit_s: -5 is not a posit"),
    ("time-limit-week", "solver: {time_limit_s: 604801}\n", "scenario.yaml: solver.time_limit_s: 604801 is above"),
    ("seed-1e30", "solver: {seed: 1e30}\n", "scenario.yaml: solver.seed: '1e30' is not an integer"),
    ("seed-float-1e30", "solver: {seed: 1.0e+30}\n", "scenario.yaml: solver.seed: 1e+30 is above 2147483647"),
    ("seed-2^31", "solver: {seed: 2147483648}\n", "scenario.yaml: solver.seed: 2147483648 is above 2147483647"),
    ("seed-negative", "solver: {seed: -1}\n", "scenario.yaml: solver.seed: -1 is below 0"),
    ("workers-0", "solver: {workers: 0}\n", "scenario.yaml: solver.workers: 0 is below 1"),
    ("workers-65", "solver: {workers: 65}\n", "scenario.yaml: solver.workers: 65 is above 64"),
    ("lookback-0", "rules: {exchange_lookback_years: 0}\n",
     "scenario.yaml: rules.exchange_lookback_years: 0 is below 1"),
    ("tenure-years", "rules: {max_tenure_years: 51}\n", "scenario.yaml: rules.max_tenure_years: 51 is above 50"),
    ("away-months", "rules: {max_away_months: 13}\n", "scenario.yaml: rules.max_away_months: 13 is above 12"),
    ("policy-unknown", "policy: {R12: 文件}\n", "scenario.yaml: policy.R12: unknown code (known: R1, R2"),
    ("policy-empty-list", "policy: {R1: []}\n", "scenario.yaml: policy.R1: expected a title or a list of 1-20"),
    ("policy-not-text", "policy: {R1: {a: b}}\n", "scenario.yaml: policy.R1: a mapping of 1 keys is not a document"),
    ("policy-not-mapping", "policy: [R1]\n", "scenario.yaml: policy: expected a mapping of rule or term codes"),
    ("labels-empty-name", "labels: {radiation: ''}\n", "scenario.yaml: labels.radiation: '' is not a name"),
    ("labels-long-name", "labels: {radiation: " + "辐" * 101 + "}\n",
     "scenario.yaml: labels.radiation: '" + "辐" * 40 + "'… is longer than 100 characters"),
    ("labels-not-mapping", "labels: 辐射\n", "scenario.yaml: labels: expected a mapping of specialty"),
    ("unknown-key", "lables: {}\n", "scenario.yaml: lables: unknown key (known: name, plan_year, target_specialties, "
                                    "rules, weights, solver, labels, policy)"),
    ("unknown-long-key", "x" * 500 + ": 1\n", "scenario.yaml: " + "x" * 40 + "…: unknown key"),
]


@pytest.mark.parametrize("text,prefix", [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES])
def test_bad_setting(tiny, text, prefix):
    _yaml(tiny, text)
    probs = assert_problem(tiny, prefix)
    assert all(len(p) < 300 for p in probs), probs


def test_key_given_twice(tiny):
    _yaml(tiny, "weights:\n  fairness: 3\n  fit: 1\n  fairness: 4\n")
    assert problems_of(tiny) == ["scenario.yaml: weights: key 'fairness' given twice (lines 4 and 6)"]


def test_top_level_key_given_twice(tiny):
    (tiny / "scenario.yaml").write_text(HEAD + "plan_year: 2028\n", encoding="utf-8")
    assert problems_of(tiny) == ["scenario.yaml: (file): key 'plan_year' given twice (lines 2 and 3)"]


BILLION_LAUGHS = """name: 测试
plan_year: 2027
weights:
  fairness: &a [x, x, x, x, x, x, x, x, x]
  shortage: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  development: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  preference: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  exchange: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  stability: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  fit: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""


def test_alias_bomb_is_refused_at_once(tiny):
    (tiny / "scenario.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    start = time.perf_counter()
    probs = problems_of(tiny)
    assert time.perf_counter() - start < 5
    assert probs == ["scenario.yaml: (file): an alias (*a) at line 5: anchors and aliases are not accepted; "
                     "write the value out"]


def test_settings_file_over_1_mb(tiny):
    (tiny / "scenario.yaml").write_text(HEAD + "#" * (1024 * 1024) + "\n", encoding="utf-8")
    size = (tiny / "scenario.yaml").stat().st_size
    assert_problem(tiny, f"scenario.yaml: (file): {size:,} bytes; a settings file holds at most 1,048,576")


def test_nesting_too_deep(tiny):
    (tiny / "scenario.yaml").write_text(HEAD + "x: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    assert_problem(tiny, "scenario.yaml: (file): nested too deeply")
