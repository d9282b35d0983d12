"""Step 7: numbers come last. Openings get their ids and unique names, and the numbers the rules
test are derived from the witness so that it keeps every rule: ``seats`` is the witness count plus
slack (R3), ``min_seats`` at most the witness count (R3), ``team_needs`` ask at most what the
witness team holds and only where the witness assigns anyone (R9)."""
from __future__ import annotations

from models.scenario import Opening
from planner.generate.drafts import Draft
from planner.generate.vocabulary import chinese_numeral

_KIND_ORDER = {"posting": 0, "temporary": 1, "task": 2}


def number_openings(draft: Draft) -> tuple:
    """Sort, number and name the openings; set seats, minimum seats and team needs from the witness.

    Postings come first by unit, then temporary assignments and tasks by start month. A name
    that repeats gets a Chinese ordinal (（二）, （三）, ...).

    Parameters
    ----------
    draft : Draft
        Its openings are sorted and completed in place.

    Returns
    -------
    tuple of models.Opening
    """
    rng = draft.rng
    draft.openings.sort(key=lambda o: (_KIND_ORDER[o.kind], o.unit.unit_id if o.kind == "posting" else 0,
                                       o.start, o.sequence))
    id_digits = max(3, len(str(len(draft.openings))))
    name_count: dict = {}
    for i, o in enumerate(draft.openings):
        o.opening_id = f"OP{i + 1:0{id_digits}d}"
        name_count[o.name] = name_count.get(o.name, 0) + 1
        if name_count[o.name] > 1:
            o.name = f"{o.name}（{chinese_numeral(name_count[o.name])}）"
        held = len(o.holders)
        if o.kind == "posting":
            slack = rng.choices((0, 1, 2), (45, 40, 15))[0] + (1 if o.unit.key_shortage else 0)
        elif o.kind == "task":
            slack = rng.choices((0, 1, 2, 3), (30, 30, 25, 15))[0]
        else:
            slack = rng.choices((0, 1), (60, 40))[0]
        o.seats = max(1, held + slack)
        o.min_seats = 0
        if held and rng.random() < (0.4 if o.unit.key_shortage else 0.15):
            o.min_seats = rng.randint(1, held)
        # R9: team needs hold for the witness team (only asked where the witness assigns anyone).
        needs = []
        for code, k in o.team_needs:
            have = sum(1 for c in o.holders if code in c.certificates or c.specialty == code)
            if held and have:
                needs.append((code, min(k, have)))
        o.team_needs = tuple(needs)
    return tuple(
        Opening(opening_id=o.opening_id, name=o.name, kind=o.kind, unit_id=o.unit.unit_id,
                start_month=o.start, end_month=o.end, seats=o.seats, min_seats=o.min_seats,
                team_needs=o.team_needs, hardship=o.hardship, development=o.development, **o.restrictions())
        for o in draft.openings)


def witness_pairs(draft: Draft) -> list:
    """The witness plan as (cadre_id, opening_id) pairs, in opening order.

    Parameters
    ----------
    draft : Draft
        After :func:`number_openings`.

    Returns
    -------
    list of (str, str)
    """
    return [(c.cadre_id, o.opening_id) for o in draft.openings for c in o.holders]
