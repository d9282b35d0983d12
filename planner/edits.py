"""Scenario edits for what-if questions: each returns a NEW scenario and touches no file.

Every edit is built on :meth:`models.Scenario.replace` (which clears ``sha256``: the data is no
longer the folder's) and on :func:`dataclasses.replace` for the row it changes, so the models'
own invariants (``min_seats <= seats``, a posting ends in December, ...) are re-checked and a bad
edit raises ``ValueError`` at once instead of surfacing later in the solver.

>>> sc2 = with_seats(sc, "O12", 3)
>>> sc3 = with_weights(sc2, fairness=20)
>>> sc4 = with_lock(sc3, "C017", "O12", "require")

``with_value(sc, "openings.O12.seats", "3")`` is the same edit addressed by a dotted path with the
value as text; ``planner sweep --set PATH=V1,V2`` and ``planner solve --lock`` use it.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any

from models.months import month_index
from models.scenario import LOCKS, TERMS, Lock, Scenario
from planner.errors import EditError

log = logging.getLogger(__name__)

__all__ = ["with_weights", "with_rules", "with_solver", "with_seats", "with_opening", "with_unit",
           "with_cadre", "with_lock", "without_lock", "with_team_need", "without_team_need", "with_value",
           "parse_value", "EditError"]

# Tables whose rows can be addressed as ``table.ID.field`` and the id attribute of their rows.
_ROW_TABLES = {"openings": "opening_id", "units": "unit_id", "cadres": "cadre_id", "regions": "region_id"}
_SECTIONS = ("weights", "rules", "solver")
_LIST_SEP = re.compile(r"[;；、]")
_TRUE = {"1", "true", "yes", "是", "y", "t"}
_FALSE = {"0", "false", "no", "否", "n", "f", ""}


# --------------------------------------------------------------------------------------------
# settings sections
# --------------------------------------------------------------------------------------------
def _with_section(scenario: Scenario, section: str, changes: dict) -> Scenario:
    obj = getattr(scenario, section)
    known = {f.name for f in dataclasses.fields(obj)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise EditError(f"{section}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return scenario.replace(**{section: dataclasses.replace(obj, **changes)})


def with_weights(scenario: Scenario, **weights) -> Scenario:
    """A copy with some weights of SPEC 5 changed, e.g. ``with_weights(sc, fairness=20, fit=0)``.

    Weights are non-negative integers (0 switches a term off), as in scenario.yaml.
    """
    for name, value in weights.items():
        if name not in TERMS:
            raise EditError(f"weights: unknown term {name!r} (known: {', '.join(TERMS)})")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise EditError(f"weights.{name}: {value!r} is not a non-negative integer")
    return _with_section(scenario, "weights", weights)


def with_rules(scenario: Scenario, **rules) -> Scenario:
    """A copy with some ``rules`` settings changed, e.g. ``with_rules(sc, max_tenure_years=4)``."""
    return _with_section(scenario, "rules", rules)


def with_solver(scenario: Scenario, **settings) -> Scenario:
    """A copy with some ``solver`` settings changed (``time_limit_s``, ``seed``, ``workers``)."""
    return _with_section(scenario, "solver", settings)


# --------------------------------------------------------------------------------------------
# rows
# --------------------------------------------------------------------------------------------
def _with_row(scenario: Scenario, table: str, row_id: str, changes: dict) -> Scenario:
    id_attr = _ROW_TABLES[table]
    rows = getattr(scenario, table)
    i = next((k for k, row in enumerate(rows) if getattr(row, id_attr) == row_id), None)
    if i is None:
        raise EditError(f"{table}: no row with {id_attr} {row_id!r}")
    row = rows[i]
    known = {f.name for f in dataclasses.fields(row)} - {id_attr}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise EditError(f"{table}.{row_id}: unknown field(s) {', '.join(unknown)} "
                        f"(known: {', '.join(sorted(known))})")
    try:
        new = dataclasses.replace(row, **changes)
    except ValueError as err:          # the model's invariant, e.g. min_seats > seats
        raise EditError(str(err)) from err
    return scenario.replace(**{table: rows[:i] + (new,) + rows[i + 1:]})


_SET_FIELDS = ("ranks", "specialties", "certificates")


def with_opening(scenario: Scenario, opening_id: str, **changes) -> Scenario:
    """A copy with fields of one opening changed, e.g. ``with_opening(sc, "O12", development=5)``.

    Parameters
    ----------
    scenario : Scenario
    opening_id : str
    **changes
        New field values. ``ranks``, ``specialties`` and ``certificates`` may be given as any
        list of codes and ``team_needs`` as ``[[code, k], ...]``, so that an edit kept as JSON
        (a fix in diagnosis.json) applies as it was written.

    Returns
    -------
    Scenario
        The new scenario; ``EditError`` when the opening or a field is unknown or the new row
        breaks the opening's invariants.
    """
    if "unit_id" in changes and changes["unit_id"] not in scenario.unit_by_id:
        raise EditError(f"openings.{opening_id}.unit_id: no unit {changes['unit_id']!r}")
    for key in _SET_FIELDS:
        if key in changes and not isinstance(changes[key], frozenset):
            changes[key] = frozenset(changes[key])
    if "team_needs" in changes:
        changes["team_needs"] = _team_needs(opening_id, changes["team_needs"])
    return _with_row(scenario, "openings", opening_id, changes)


def _team_needs(opening_id: str, needs) -> tuple:
    """``[[code, k], ...]`` as the tuple of pairs an opening holds; k must be a positive integer
    (what the scenario reader accepts: a need of 0 is no need, drop it instead)."""
    out = []
    for item in needs:
        code, count = item
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise EditError(f"openings.{opening_id}.team_needs: {code}:{count!r} is not CODE:k with k a positive "
                            "integer (drop the need instead)")
        out.append((str(code), count))
    return tuple(out)


def with_team_need(scenario: Scenario, opening_id: str, code: str, count: int) -> Scenario:
    """A copy where the opening's team need ``code`` asks for ``count`` people (R9), added when
    the opening has no need for ``code`` yet.

    Parameters
    ----------
    scenario : Scenario
    opening_id : str
    code : str
        A specialty or certificate code.
    count : int
        At least 1; to remove a need use :func:`without_team_need`.

    Returns
    -------
    Scenario
    """
    if opening_id not in scenario.opening_by_id:
        raise EditError(f"openings: no row with opening_id {opening_id!r}")
    needs = list(scenario.opening_by_id[opening_id].team_needs)
    codes = [c for c, _ in needs]
    if code in codes:
        needs[codes.index(code)] = (code, count)
    else:
        needs.append((code, count))
    return with_opening(scenario, opening_id, team_needs=needs)


def without_team_need(scenario: Scenario, opening_id: str, code: str) -> Scenario:
    """A copy where the opening no longer has a team need for ``code`` (R9).

    Parameters
    ----------
    scenario : Scenario
    opening_id : str
    code : str
        The need's specialty or certificate code; ``EditError`` when the opening has no such need.

    Returns
    -------
    Scenario
    """
    if opening_id not in scenario.opening_by_id:
        raise EditError(f"openings: no row with opening_id {opening_id!r}")
    needs = scenario.opening_by_id[opening_id].team_needs
    if code not in {c for c, _ in needs}:
        raise EditError(f"openings.{opening_id}.team_needs: no need for {code!r}")
    return with_opening(scenario, opening_id, team_needs=[(c, k) for c, k in needs if c != code])


def with_unit(scenario: Scenario, unit_id: str, **changes) -> Scenario:
    """A copy with fields of one unit changed, e.g. ``with_unit(sc, "U3", key_shortage=True)``."""
    return _with_row(scenario, "units", unit_id, changes)


def with_cadre(scenario: Scenario, cadre_id: str, **changes) -> Scenario:
    """A copy with fields of one cadre changed, e.g. ``with_cadre(sc, "C017", exempt=True)``."""
    return _with_row(scenario, "cadres", cadre_id, changes)


def with_seats(scenario: Scenario, opening_id: str, seats: int, min_seats: int | None = None) -> Scenario:
    """A copy where one opening offers ``seats`` seats (and ``min_seats``, when given).

    When ``min_seats`` is not given and the opening's current ``min_seats`` exceeds the new
    ``seats``, it is lowered to ``seats``: "what if only one seat" should not fail on a minimum
    that was set for more seats.
    """
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 0:
        raise EditError(f"openings.{opening_id}.seats: {seats!r} is not a non-negative integer")
    if opening_id not in scenario.opening_by_id:
        raise EditError(f"openings: no row with opening_id {opening_id!r}")
    changes: dict = {"seats": seats}
    current_min = scenario.opening_by_id[opening_id].min_seats
    if min_seats is not None:
        changes["min_seats"] = min_seats
    elif current_min > seats:
        log.info("opening %s: min_seats %d lowered to the new seats %d", opening_id, current_min, seats)
        changes["min_seats"] = seats
    return _with_row(scenario, "openings", opening_id, changes)


def with_lock(scenario: Scenario, cadre_id: str, opening_id: str, lock: str = "require",
              note: str = "") -> Scenario:
    """A copy with a committee pre-decision (R11): ``require`` puts the pair in the plan,
    ``forbid`` keeps it out. An existing lock on the same pair is replaced."""
    if lock not in LOCKS:
        raise EditError(f"lock {lock!r} is not one of {', '.join(LOCKS)}")
    if cadre_id not in scenario.cadre_by_id:
        raise EditError(f"lock: no cadre {cadre_id!r}")
    if opening_id not in scenario.opening_by_id:
        raise EditError(f"lock: no opening {opening_id!r}")
    kept = tuple(lk for lk in scenario.locks if (lk.cadre_id, lk.opening_id) != (cadre_id, opening_id))
    return scenario.replace(locks=kept + (Lock(cadre_id, opening_id, lock, note),))


def without_lock(scenario: Scenario, cadre_id: str, opening_id: str) -> Scenario:
    """A copy without the lock on (cadre, opening), if there is one.

    Parameters
    ----------
    scenario : Scenario
    cadre_id, opening_id : str
        The pair; a ``require`` or ``forbid`` lock on it is removed.

    Returns
    -------
    Scenario
    """
    kept = tuple(lk for lk in scenario.locks if (lk.cadre_id, lk.opening_id) != (cadre_id, opening_id))
    return scenario.replace(locks=kept)


# --------------------------------------------------------------------------------------------
# dotted paths with text values (sweeps, command line)
# --------------------------------------------------------------------------------------------
def _parse_bool(text: str) -> bool:
    v = text.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise EditError(f"{text!r} is not a boolean (1/0, true/false, yes/no, 是/否)")


def _parse_int(text: str) -> int:
    try:
        f = float(text)
    except ValueError:
        raise EditError(f"{text!r} is not an integer") from None
    if not f.is_integer():
        raise EditError(f"{text!r} is not an integer")
    return int(f)


def parse_value(text: Any, annotation: str, field_name: str = "") -> Any:
    """Turn a text value into the type a dataclass field is annotated with.

    Non-text values pass through unchanged (the API may hand over ints directly).
    """
    if not isinstance(text, str):
        return text
    t = text.strip()
    ann = annotation.replace(" ", "")
    optional = ann.startswith("Optional[") or ann.endswith("|None")
    if optional and t == "":
        return None
    base = ann[len("Optional["):-1] if ann.startswith("Optional[") else ann.replace("|None", "")
    if field_name in ("birth", "entry", "unit_since"):
        try:
            return month_index(t)
        except ValueError as err:
            raise EditError(str(err)) from None
    if base == "bool":
        return _parse_bool(t)
    if base in ("int", "MonthIndex"):
        return _parse_int(t)
    if base == "float":
        try:
            return float(t)
        except ValueError:
            raise EditError(f"{t!r} is not a number") from None
    if base == "frozenset":
        return frozenset(p.strip() for p in _LIST_SEP.split(t) if p.strip())
    if base == "tuple" and field_name == "team_needs":
        out = []
        for item in (p.strip() for p in _LIST_SEP.split(t) if p.strip()):
            code, _, k = item.replace("：", ":").rpartition(":")
            out.append((code.strip(), _parse_int(k)))
        return tuple(out)
    return t


def _annotation(obj, name: str) -> str:
    for f in dataclasses.fields(obj):
        if f.name == name:
            return f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    raise EditError(f"{type(obj).__name__} has no field {name!r}")


def with_value(scenario: Scenario, path: str, value: Any) -> Scenario:
    """A copy with one value changed, addressed by a dotted path; text values are parsed.

    Paths: ``weights.TERM``, ``rules.KEY``, ``solver.KEY``, ``openings.ID.FIELD``,
    ``units.ID.FIELD``, ``cadres.ID.FIELD``, ``regions.ID.FIELD``, ``plan_year``, ``name``,
    ``target_specialties`` (a ``;``-separated list). Ids may themselves hold dots: the first
    part names the table, the last the field, and everything between the id.
    """
    parts = path.strip().split(".")
    head = parts[0]
    if head in _SECTIONS and len(parts) == 2:
        obj = getattr(scenario, head)
        key = parts[1]
        v = parse_value(value, _annotation(obj, key), key)
        if head == "weights":
            return with_weights(scenario, **{key: v})
        if head == "rules" and (isinstance(v, bool) is False and isinstance(v, int) and v < 0):
            raise EditError(f"rules.{key}: {v} is negative")
        return _with_section(scenario, head, {key: v})
    if head in _ROW_TABLES and len(parts) >= 3:
        row_id, key = ".".join(parts[1:-1]), parts[-1]
        rows = {getattr(r, _ROW_TABLES[head]): r for r in getattr(scenario, head)}
        if row_id not in rows:
            raise EditError(f"{path}: no {head[:-1]} {row_id!r}")
        v = parse_value(value, _annotation(rows[row_id], key), key)
        if head == "openings" and key == "seats":
            return with_seats(scenario, row_id, v)
        if head == "openings":
            return with_opening(scenario, row_id, **{key: v})
        return _with_row(scenario, head, row_id, {key: v})
    if path in ("plan_year", "name", "target_specialties") and len(parts) == 1:
        ann = {"plan_year": "int", "name": "str", "target_specialties": "frozenset"}[path]
        return scenario.replace(**{path: parse_value(value, ann, path)})
    raise EditError(f"{path!r} is not an editable path (weights.TERM, rules.KEY, solver.KEY, "
                    "openings.ID.FIELD, units.ID.FIELD, cadres.ID.FIELD, regions.ID.FIELD, "
                    "plan_year, name, target_specialties)")
