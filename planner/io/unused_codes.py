"""Warnings, not errors: a specialty or certificate that nothing else in the scenario uses.

Specialty and certificate codes are free (SPEC 2), so a cadre whose specialty is written 环境
where the openings ask for ``environment`` is valid - and then fails R2 everywhere. A code a
cadre holds is worth a warning when no opening uses it (in ``specialties``, ``certificates`` or
``team_needs``; a specialty also counts as used when it is a target specialty), it is not a code
with a Chinese name (built in or the scenario's ``labels:``), and either no other cadre holds it,
or it is a used code's Chinese name or its spelling in another case. The
warning names the nearest known code: the one whose Chinese name it is (``SPECIALTY_ZH``,
``CERTIFICATE_ZH`` and the scenario's own ``labels:``), else the closest spelling.
"""
from __future__ import annotations

import difflib
from collections import Counter

from models.scenario import Scenario
from planner.io.limits import MAX_PROBLEMS
from planner.io.problems import shown
from planner.labels.codes import CERTIFICATE_ZH, SPECIALTY_ZH


def _nearest(code: str, known: set, names: dict) -> str | None:
    """The known code ``code`` most likely means: by Chinese name, then case, then spelling."""
    for other, name in names.items():
        if name == code and other != code:
            return other
    lowered = {k.lower(): k for k in sorted(known) if k != code}
    if code.lower() in lowered:
        return lowered[code.lower()]
    by_word = {**{k.lower(): k for k in known if k != code},
               **{name.lower(): other for other, name in names.items() if other != code}}
    close = difflib.get_close_matches(code.lower(), sorted(by_word), n=1, cutoff=0.6)
    return by_word[close[0]] if close else None


def _is_alias(code: str, used: set, names: dict) -> bool:
    """``code`` is a used code's Chinese name or its spelling in another case."""
    return any(names.get(u) == code or (u.lower() == code.lower() and u != code) for u in used)


def _unused(column_order: int, held: list, used: set, names: dict) -> tuple[list, set]:
    """(cadre index, column order, code, held by no other cadre) of each code worth a warning,
    and the codes that count as known (used, held by several cadres, or named)."""
    counts = Counter(code for codes in held for code in codes)
    out = []
    for i, codes in enumerate(held):
        for code in sorted(codes):
            if code in used or code in names:
                continue    # used, or a code the bureau names (built in or the scenario's labels)
            alone = counts[code] == 1
            if alone or _is_alias(code, used, names):
                out.append((i, column_order, code, alone))
    return out, used | {code for code, n in counts.items() if n > 1} | set(names)


def scenario_warnings(scenario: Scenario) -> list[str]:
    """What is valid but probably a slip, as ``file:row: column: what`` lines.

    Parameters
    ----------
    scenario : models.Scenario
        Read by ``read_scenario`` (its ``origin`` names file and row) or built in memory (rows
        are then counted as ``write_scenario`` would write cadres.csv).

    Returns
    -------
    list of str
        At most ``MAX_PROBLEMS`` lines, e.g. ``cadres.csv:7: specialty: 环境 is used by no
        opening and no other cadre; did you mean environment?``.
    """
    label, rows = scenario.origin.get("cadres", ("cadres.csv", ()))
    if len(rows) != len(scenario.cadres):
        label, rows = "cadres.csv", tuple(range(2, len(scenario.cadres) + 2))

    def where(i: int) -> str:
        return f"{label}:{rows[i]}"

    team_codes = {code for o in scenario.openings for code, _ in o.team_needs}
    used_specialties = ({s for o in scenario.openings for s in o.specialties} | team_codes
                        | set(scenario.target_specialties))
    used_certificates = {c for o in scenario.openings for c in o.certificates} | team_codes
    labels = dict(scenario.labels)
    columns = ("specialty", "certificates")
    names = ({**SPECIALTY_ZH, **labels}, {**CERTIFICATE_ZH, **labels})
    specialties, known_specialties = _unused(0, [[c.specialty] if c.specialty else [] for c in scenario.cadres],
                                             used_specialties, names[0])
    certificates, known_certificates = _unused(1, [sorted(c.certificates) for c in scenario.cadres],
                                               used_certificates, names[1])
    known = (known_specialties, known_certificates)
    found = sorted(specialties + certificates)
    out = []
    for i, column, code, alone in found[:MAX_PROBLEMS]:
        nearest = _nearest(code, known[column], names[column])
        what = "used by no opening" + (" and no other cadre" if alone else "")
        hint = f"; did you mean {shown(nearest)}?" if nearest else ""
        out.append(f"{where(i)}: {columns[column]}: {shown(code)} is {what}{hint}")
    if len(found) > MAX_PROBLEMS:
        out.append(f"… and {len(found) - MAX_PROBLEMS:,} more warnings")
    return out
