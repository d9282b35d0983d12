"""A plan: the assignments of SPEC 6, one per (cadre, opening)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Assignment:
    cadre_id: str
    opening_id: str
    kind: str
    unit_id: str
    start_month: int
    end_month: int
    reasons: tuple = ()

    def sort_key(self):
        return (self.cadre_id, self.start_month, self.opening_id)


@dataclass(frozen=True)
class Plan:
    """Assignments sorted by cadre_id then start_month (then opening_id, for a total order)."""
    assignments: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "assignments", tuple(sorted(self.assignments, key=Assignment.sort_key)))

    def by_cadre(self) -> dict:
        out: dict = {}
        for a in self.assignments:
            out.setdefault(a.cadre_id, []).append(a)
        return out

    def by_opening(self) -> dict:
        out: dict = {}
        for a in self.assignments:
            out.setdefault(a.opening_id, []).append(a)
        return out

    def pairs(self) -> set:
        return {(a.cadre_id, a.opening_id) for a in self.assignments}

    def __len__(self):
        return len(self.assignments)
