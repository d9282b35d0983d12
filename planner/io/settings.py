"""scenario.yaml: the settings of a scenario (SPEC 2), read into keyword arguments of Scenario.

Every problem reads ``scenario.yaml: key: what`` (``section.key`` inside a section). Where the
SPEC bounds a number the range is its; elsewhere the range is what a bureau could mean:

==============================  ===============  =================================================
key                             range            why
==============================  ===============  =================================================
plan_year                       1900-2999
rules.*_years                   0-50 (1-50 for   a working life; max_tenure_years and
                                tenure, exchange) exchange_lookback_years must be at least 1
rules.max_away_months           0-12             months of one year
weights.*                       0-1000           SPEC 2
solver.time_limit_s             > 0, <= 604800   finite; a week is the most anyone waits
solver.seed                     0-2147483647     what every solver takes (2^31 - 1)
solver.workers                  1-64
labels.CODE                     text, 1-100      Chinese name of a specialty or certificate code
policy.CODE                     title(s), 1-200  R1..R11 or a term; a title or a list of titles
==============================  ===============  =================================================

A key given twice, an alias (``*name``), or a key no section knows is an error.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import yaml

from models.scenario import RULE_CODES, TERMS, FrozenMap, Rules, SolverSettings, Weights
from planner.io.cells import parse_bool as _parse_bool
from planner.io.cells import split_list
from planner.io.grids import decode_text
from planner.io.limits import MAX_YAML_BYTES
from planner.io.problems import BadValue, Problems, quoted, shown
from planner.io.strict_yaml import YamlRefused, load_strict
from planner.io.tables import YAML_NAME

MAX_WEIGHT = 1000
MAX_TIME_LIMIT_S = 7 * 24 * 3600
MAX_SEED = 2**31 - 1
MAX_WORKERS = 64
MAX_YEARS = 50
MAX_LABEL_CHARS = 100
MAX_TITLE_CHARS = 200
MAX_TITLES = 20


def yaml_int(value: object, lo: int, hi: int) -> int:
    """An int (not a bool) within ``lo``-``hi``; an integral float is accepted.

    Parameters
    ----------
    value : object
        As YAML gave it.
    lo, hi : int
        The range, both included.

    Returns
    -------
    int

    Raises
    ------
    BadValue
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not (math.isfinite(value) and value.is_integer())):
        raise BadValue(f"{quoted(value)} is not an integer (expected {lo}-{hi})")
    if value < lo:
        raise BadValue(f"{quoted(value)} is below {lo} (expected {lo}-{hi})")
    if value > hi:
        raise BadValue(f"{quoted(value)} is above {hi} (expected {lo}-{hi})")
    return int(value)


def _yaml_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, str)) and not (isinstance(value, int) and abs(value) > 1):
        return _parse_bool(str(value))
    raise BadValue(f"{quoted(value)} is not a boolean")


def _yaml_seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValue(f"{quoted(value)} is not a positive number of seconds")
    if not math.isfinite(value) or value <= 0:
        raise BadValue(f"{quoted(value)} is not a positive, finite number of seconds")
    if value > MAX_TIME_LIMIT_S:
        raise BadValue(f"{quoted(value)} is above {MAX_TIME_LIMIT_S} (7 days)")
    return value


def _years(lo: int) -> Callable:
    return lambda v: yaml_int(v, lo, MAX_YEARS)


_SECTIONS = {
    "rules": (Rules, {
        "first_stop_years": _years(0),
        "no_return_years": _years(0),
        "max_tenure_years": _years(1),
        "max_away_months": lambda v: yaml_int(v, 0, 12),
        "hardship_lookback_years": _years(0),
        "allow_transfer": _yaml_bool,
        "exchange_lookback_years": _years(1),
    }),
    "weights": (Weights, {term: (lambda v: yaml_int(v, 0, MAX_WEIGHT)) for term in TERMS}),
    "solver": (SolverSettings, {
        "time_limit_s": _yaml_seconds,
        "seed": lambda v: yaml_int(v, 0, MAX_SEED),
        "workers": lambda v: yaml_int(v, 1, MAX_WORKERS),
    }),
}
TOP_KEYS = ("name", "plan_year", "target_specialties", "rules", "weights", "solver", "labels", "policy")


def _text(value: object, most: int, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        raise BadValue(f"{quoted(value)} is not {what}")
    text = str(value).strip()
    if len(text) > most:
        raise BadValue(f"{quoted(text)} is longer than {most} characters")
    return text


def _label_map(doc: dict, bad: Callable) -> FrozenMap:
    """``labels:``: code -> Chinese name of a specialty or certificate."""
    section = doc.get("labels")
    if section is None:
        return FrozenMap()
    if not isinstance(section, dict):
        bad("labels", "expected a mapping of specialty or certificate codes to Chinese names")
        return FrozenMap()
    out = {}
    for code, name in section.items():
        if not isinstance(code, str) or not code.strip() or len(code) > MAX_LABEL_CHARS:
            bad("labels", f"{quoted(code)} is not a code")
            continue
        try:
            out[code.strip()] = _text(name, MAX_LABEL_CHARS, "a name")
        except BadValue as err:
            bad(f"labels.{shown(code)}", str(err))
    return FrozenMap(out)


def _policy_map(doc: dict, bad: Callable) -> FrozenMap:
    """``policy:``: rule or term code -> a title or a list of titles."""
    section = doc.get("policy")
    if section is None:
        return FrozenMap()
    known = RULE_CODES + TERMS
    if not isinstance(section, dict):
        bad("policy", f"expected a mapping of rule or term codes ({', '.join(known)}) to document titles")
        return FrozenMap()
    out = {}
    for code, titles in section.items():
        if code not in known:
            bad(f"policy.{shown(str(code))}", f"unknown code (known: {', '.join(known)})")
            continue
        items = titles if isinstance(titles, list) else [titles]
        if not items or len(items) > MAX_TITLES:
            bad(f"policy.{code}", f"expected a title or a list of 1-{MAX_TITLES} titles")
            continue
        try:
            out[code] = tuple(_text(t, MAX_TITLE_CHARS, "a document title") for t in items)
        except BadValue as err:
            bad(f"policy.{code}", str(err))
    return FrozenMap(out)


def _parse_document(path: Path, problems: Problems):
    """The YAML document of scenario.yaml, or None after reporting why it cannot be read."""
    def bad(what):
        problems.add(YAML_NAME, None, "(file)", what, 0)

    if not path.is_file():
        bad("missing; scenario.yaml with name and plan_year is required")
        return None
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        bad(f"{size:,} bytes; a settings file holds at most {MAX_YAML_BYTES:,}")
        return None
    text = decode_text(path.read_bytes(), YAML_NAME, problems, 0)
    if text is None:
        return None
    try:
        doc, duplicates = load_strict(text)
    except YamlRefused as err:
        bad(str(err))
        return None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        bad(f"not valid YAML{where}: {shown(str(getattr(err, 'problem', None) or err), 80)}")
        return None
    except RecursionError:
        bad("nested too deeply to be settings")
        return None
    for parent, key, first, second in duplicates:
        problems.add(YAML_NAME, None, shown(parent) if parent else "(file)",
                     f"key {quoted(key)} given twice (lines {first} and {second})", 0)
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        bad(f"expected a mapping of keys, found {type(doc).__name__}")
        return None
    return doc


def read_settings(folder: Path, problems: Problems) -> dict:
    """scenario.yaml as keyword arguments of Scenario (only the keys that are valid).

    Parameters
    ----------
    folder : Path
        The scenario folder.
    problems : Problems
        Receives every problem, as ``scenario.yaml: key: what``.

    Returns
    -------
    dict
        ``name``, ``plan_year``, ``target_specialties``, ``rules``, ``weights``, ``solver``,
        ``labels``, ``policy`` - those that could be read.
    """
    def bad(key, what):
        problems.add(YAML_NAME, None, key, what, 0)

    doc = _parse_document(folder / YAML_NAME, problems)
    if doc is None:
        return {}
    out: dict = {}
    for key in doc:
        if key not in TOP_KEYS:
            bad(shown(str(key)), f"unknown key (known: {', '.join(TOP_KEYS)})")
    name = doc.get("name")
    if name is None or (isinstance(name, str) and not name.strip()):
        bad("name", "missing; a scenario name is required")
    elif isinstance(name, (dict, list)):
        bad("name", "expected text")
    else:
        out["name"] = str(name).strip()
    if "plan_year" not in doc or doc["plan_year"] is None:
        bad("plan_year", "missing; the plan year is required")
    else:
        try:
            out["plan_year"] = yaml_int(doc["plan_year"], 1900, 2999)
        except BadValue as err:
            bad("plan_year", str(err))
    if "target_specialties" in doc:
        specialties = doc["target_specialties"]
        if specialties is None:
            out["target_specialties"] = frozenset()
        elif isinstance(specialties, str):
            out["target_specialties"] = frozenset(split_list(specialties))
        elif isinstance(specialties, list) and all(isinstance(x, (str, int)) and not isinstance(x, bool)
                                                   for x in specialties):
            out["target_specialties"] = frozenset(str(x).strip() for x in specialties if str(x).strip())
        else:
            bad("target_specialties", "expected a list of specialty codes")
    for section, (cls, converters) in _SECTIONS.items():
        if section not in doc or doc[section] is None:
            continue
        sub = doc[section]
        if not isinstance(sub, dict):
            bad(section, f"expected a mapping of {', '.join(converters)}")
            continue
        kwargs = {}
        for key, value in sub.items():
            if key not in converters:
                bad(f"{section}.{shown(str(key))}", f"unknown key (known: {', '.join(converters)})")
                continue
            try:
                kwargs[key] = converters[key](value)
            except BadValue as err:
                bad(f"{section}.{key}", str(err))
        out[section] = cls(**kwargs)
    out["labels"] = _label_map(doc, bad)
    out["policy"] = _policy_map(doc, bad)
    return out
