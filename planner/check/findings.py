"""What the checker reports: one broken rule instance (``Violation``), one metric that summary.json
gets wrong (``MetricDiff``), and the whole verdict (``CheckReport``)."""
from __future__ import annotations

from dataclasses import dataclass, field

# The codes a violation may carry besides the rules R1..R11 of SPEC 4.
FORMAT = "FORMAT"      # the files themselves: unknown ids, rows that disagree with their opening, keys
REASON = "REASON"      # a reason code of a plan line that the facts do not bear out
SUMMARY = "SUMMARY"    # summary.json claims (objective, terms, weights, plan hash) the plan does not bear out


@dataclass(frozen=True)
class Violation:
    """One broken rule instance: a SPEC 4 code (``R1``..``R11``), ``FORMAT``, ``REASON`` or ``SUMMARY``."""
    rule: str
    cadres: tuple
    openings: tuple
    message: str

    def __str__(self) -> str:
        head = f"{self.rule}: " + (", ".join(self.cadres) + ": " if self.cadres else "")
        tail = f" (openings {', '.join(self.openings)})" if self.openings else ""
        return head + self.message + tail

    def as_dict(self) -> dict:
        """The violation as plain JSON types."""
        return {"rule": self.rule, "cadres": list(self.cadres), "openings": list(self.openings),
                "message": self.message}


@dataclass(frozen=True)
class MetricDiff:
    """A metric whose value in summary.json differs from the one recomputed from the plan."""
    name: str
    summary: object          # None when summary.json does not report the metric
    recomputed: object

    def __str__(self) -> str:
        if self.summary is None:
            return f"metric {self.name}: missing from summary.json, recomputed {self.recomputed!r}"
        return f"metric {self.name}: summary.json says {self.summary!r}, recomputed {self.recomputed!r}"

    def as_dict(self) -> dict:
        """The difference as plain JSON types."""
        return {"name": self.name, "summary": self.summary, "recomputed": self.recomputed}


@dataclass
class CheckReport:
    """What the checker found.

    ``violations`` and ``metric_diffs`` decide ``ok``; ``metrics`` and ``terms`` are the values
    recomputed from the plan; ``notes`` say what could not be checked and why (they do not fail
    the plan).
    """
    violations: list = field(default_factory=list)
    metric_diffs: list = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no rule is broken and every metric agrees."""
        return not self.violations and not self.metric_diffs

    def rules(self) -> set:
        """The set of rule codes broken (handy in tests and summaries)."""
        return {v.rule for v in self.violations}

    def as_dict(self) -> dict:
        """The report as plain JSON types (``planner check --json``)."""
        return {"ok": self.ok, "violations": [v.as_dict() for v in self.violations],
                "metric_diffs": [d.as_dict() for d in self.metric_diffs], "metrics": dict(self.metrics),
                "terms": dict(self.terms), "notes": list(self.notes)}
