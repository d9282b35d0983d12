"""Comparing two plans: who moved differently, and every metric side by side (``planner compare``).

Lines are matched on (cadre_id, opening_id). A line only in plan A is *removed*, a line only in
plan B is *added*; when one cadre has a line of the same kind only in A and one only in B (a
posting to O12 in A, to O15 in B) the two are reported together as one *changed* line, which is
how a committee reads it ("张三 now goes to 东山分局 instead of 北湖分局"). Lines of one cadre and
kind are paired in start-month order; what is left over stays added or removed. A line on the
same pair whose unit or months differ (the opening was edited between the plans) is changed too.
Reasons never make a line differ: they explain a line, they are not part of the decision.

Metrics are taken from each plan's ``summary.json`` (or a Result's ``.metrics``), in SPEC 6
order, each with ``difference = B - A``; so are the objective and the section-5 terms.
"""
from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from models.plan import Assignment, Plan
from planner.labels import KIND_ZH, METRIC_ZH, TERM_ZH
from planner.labels.compare import CHANGE, SECTION, compare_text

__all__ = ["LineChange", "Comparison", "compare", "compare_plans", "PlanSide", "load_side",
           "format_table", "format_csv", "format_json"]

# SPEC 6 order of the metrics; others a summary may hold follow in their own order.
METRIC_ORDER = ("assignments", "postings", "seats_filled", "seats_total", "min_seats_unmet", "hardship_max",
                "hardship_gini", "no_grassroots_after", "cross_region_postings", "regions_sending",
                "regions_receiving", "preference_met", "talent_pool_development", "fit_total")
CSV_COLUMNS = ("section", "cadre_id", "change", "opening_a", "opening_b", "kind_a", "kind_b", "unit_a",
               "unit_b", "months_a", "months_b", "name", "value_a", "value_b", "difference")


@dataclass(frozen=True)
class LineChange:
    """One difference between the plans for one cadre."""
    cadre_id: str
    change: str                      # "added", "removed" or "changed"
    a: Assignment | None = None   # the line in plan A (None when added)
    b: Assignment | None = None   # the line in plan B (None when removed)

    @property
    def kind(self) -> str:
        return (self.b or self.a).kind


@dataclass
class PlanSide:
    """What one side of a comparison brings: its lines and, when known, its summary."""
    label: str
    assignments: tuple
    metrics: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)
    status: str | None = None
    objective: float | None = None
    weights: dict = field(default_factory=dict)
    scenario: object = None          # models.Scenario the plan was made from, when known
    scenario_sha256: str | None = None


@dataclass
class Comparison:
    """The result of :func:`compare`: line changes, unchanged count, metrics and terms side by side."""
    a: PlanSide
    b: PlanSide
    lines: list                      # LineChange, sorted by cadre_id then kind and month
    unchanged: int
    metrics: list                    # (name, value_a, value_b, difference)
    terms: list                      # (name, value_a, value_b, difference)
    weights: list = field(default_factory=list)   # (name, value_a, value_b, difference)

    @property
    def added(self) -> list:
        return [c for c in self.lines if c.change == "added"]

    @property
    def removed(self) -> list:
        return [c for c in self.lines if c.change == "removed"]

    @property
    def changed(self) -> list:
        return [c for c in self.lines if c.change == "changed"]

    @property
    def cadres_affected(self) -> list:
        """Cadres whose lines differ, sorted."""
        return sorted({c.cadre_id for c in self.lines})

    @property
    def identical(self) -> bool:
        return not self.lines

    def counts(self) -> dict:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                "unchanged": self.unchanged, "cadres_affected": len(self.cadres_affected)}

    def metric(self, name: str) -> tuple:
        """(value_a, value_b, difference) of one metric."""
        for n, va, vb, d in self.metrics:
            if n == name:
                return va, vb, d
        raise KeyError(name)

    def as_dict(self) -> dict:
        def side(s: PlanSide):
            return {"label": s.label, "status": s.status, "objective": s.objective, "lines": len(s.assignments)}

        return {
            "a": side(self.a), "b": side(self.b),
            "counts": self.counts(),
            "lines": [{"cadre_id": c.cadre_id, "change": c.change,
                       "a": _line_dict(c.a), "b": _line_dict(c.b)} for c in self.lines],
            "metrics": [{"name": n, "a": va, "b": vb, "difference": d} for n, va, vb, d in self.metrics],
            "terms": [{"name": n, "a": va, "b": vb, "difference": d} for n, va, vb, d in self.terms],
            "weights": [{"name": n, "a": va, "b": vb, "difference": d} for n, va, vb, d in self.weights],
            "objective": {"a": self.a.objective, "b": self.b.objective,
                          "difference": _difference(self.a.objective, self.b.objective)},
        }


def _line_dict(a: Assignment | None):
    if a is None:
        return None
    return {"opening_id": a.opening_id, "kind": a.kind, "unit_id": a.unit_id,
            "start_month": a.start_month, "end_month": a.end_month, "reasons": list(a.reasons)}


def _difference(va, vb):
    """B - A for numbers (rounded to hide float noise), None when either is missing."""
    if isinstance(va, bool) or isinstance(vb, bool):
        return None if va is None or vb is None else int(vb) - int(va)
    if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
        d = vb - va
        if isinstance(d, float):
            d = round(d, 12)
            if d == 0:
                d = 0.0
        return d
    return None


def _side_by_side(a: dict, b: dict, order=()) -> list:
    names = [n for n in order if n in a or n in b]
    names += [n for n in list(a) + list(b) if n not in names]
    seen, out = set(), []
    for n in names:
        if n in seen:
            continue
        seen.add(n)
        va, vb = a.get(n), b.get(n)
        out.append((n, va, vb, _difference(va, vb)))
    return out


def compare_plans(a_rows, b_rows) -> tuple:
    """Line differences between two lists of assignments.

    Returns
    -------
    (changes, unchanged) : (list of LineChange, int)
    """
    a_by = {(r.cadre_id, r.opening_id): r for r in a_rows}
    b_by = {(r.cadre_id, r.opening_id): r for r in b_rows}
    changes: list = []
    unchanged = 0
    only_a: dict = {}
    only_b: dict = {}
    for key, ra in a_by.items():
        rb = b_by.get(key)
        if rb is None:
            only_a.setdefault((ra.cadre_id, ra.kind), []).append(ra)
        elif (ra.kind, ra.unit_id, ra.start_month, ra.end_month) != (rb.kind, rb.unit_id, rb.start_month, rb.end_month):
            changes.append(LineChange(ra.cadre_id, "changed", ra, rb))
        else:
            unchanged += 1
    for key, rb in b_by.items():
        if key not in a_by:
            only_b.setdefault((rb.cadre_id, rb.kind), []).append(rb)
    for key in sorted(set(only_a) | set(only_b)):
        la = sorted(only_a.get(key, []), key=Assignment.sort_key)
        lb = sorted(only_b.get(key, []), key=Assignment.sort_key)
        n = min(len(la), len(lb))
        changes += [LineChange(key[0], "changed", x, y) for x, y in zip(la[:n], lb[:n])]
        changes += [LineChange(key[0], "removed", x, None) for x in la[n:]]
        changes += [LineChange(key[0], "added", None, y) for y in lb[n:]]
    kind_order = {"posting": 0, "temporary": 1, "task": 2}
    changes.sort(key=lambda c: (c.cadre_id, kind_order.get(c.kind, 9), (c.a or c.b).start_month,
                                (c.a or c.b).opening_id))
    return changes, unchanged


def load_side(obj, label: str = "", scenario=None) -> PlanSide:
    """Normalise one side: a plan folder (path), a planner Result, a models.Plan, or a list of rows.

    A Plan or rows carry no metrics; with ``scenario`` given they are computed
    (``planner.model.metrics.compute_metrics``).
    """
    if isinstance(obj, PlanSide):
        return obj
    if isinstance(obj, (str, Path)):
        from planner.errors import PlanFileError
        from planner.io.plan_files import read_plan, read_plan_folder
        if scenario is not None:
            scenario, rows, summary = read_plan_folder(obj, scenario)     # refuses other data
        else:
            rows, summary = read_plan(obj)
            try:
                scenario = read_plan_folder(obj)[0] if summary.get("scenario_path") else None
            except PlanFileError:
                scenario = None      # the recorded scenario moved or changed: compare ids only
        return PlanSide(label or str(obj), tuple(rows), dict(summary.get("metrics") or {}),
                        dict(summary.get("terms") or {}), summary.get("status"), summary.get("objective"),
                        dict(summary.get("weights") or {}), scenario, summary.get("scenario_sha256"))
    if hasattr(obj, "status") and hasattr(obj, "metrics") and hasattr(obj, "plan"):   # a Result
        rows = obj.plan.assignments if obj.plan is not None else ()
        return PlanSide(label or "result", tuple(rows), dict(obj.metrics or {}), dict(obj.terms or {}),
                        obj.status, obj.objective, dict(obj.weights or {}), scenario, obj.scenario_sha256)
    rows = tuple(obj.assignments if isinstance(obj, Plan) else obj)
    metrics = {}
    if scenario is not None:
        from planner.model.metrics import compute_metrics
        metrics = compute_metrics(scenario, Plan(rows))
    return PlanSide(label or "plan", rows, metrics, scenario=scenario,
                    weights=scenario.weights.as_dict() if scenario is not None else {})


def compare(a, b, scenario=None, label_a: str = "", label_b: str = "") -> Comparison:
    """Compare plan A with plan B.

    Parameters
    ----------
    a, b : a plan folder (str/Path), a planner Result, a models.Plan, or a list of Assignment
    scenario : models.Scenario, optional
        Names cadres and units in the text, computes metrics for sides that carry none (a bare
        Plan), and must be the data a plan folder was made from (else ``PlanFileError``). A plan
        folder without it uses the scenario its summary.json records, when that is still there.

    Returns
    -------
    Comparison
        ``lines`` (added / removed / changed), ``unchanged``, ``metrics`` and ``terms`` as
        ``(name, value_a, value_b, difference)`` with ``difference = B - A``.
    """
    sa, sb = load_side(a, label_a or "A", scenario), load_side(b, label_b or "B", scenario)
    changes, unchanged = compare_plans(sa.assignments, sb.assignments)
    return Comparison(sa, sb, changes, unchanged, _side_by_side(sa.metrics, sb.metrics, METRIC_ORDER),
                      _side_by_side(sa.terms, sb.terms), _side_by_side(sa.weights, sb.weights))


# --------------------------------------------------------------------------------------------
# rendering (text for the CLI to print; nothing is printed here)
# --------------------------------------------------------------------------------------------
def _months(a: Assignment) -> str:
    return f"{a.start_month}-{a.end_month}"


def _line_text(a: Assignment | None, scenario=None, lang: str = "en") -> str:
    if a is None:
        return "-"
    if scenario is None or lang != "zh":
        unit = a.unit_id
        if scenario is not None and a.unit_id in scenario.unit_by_id:
            unit = f"{a.unit_id} {scenario.unit_by_id[a.unit_id].name}"
        return compare_text("line", "en", kind=a.kind, opening=a.opening_id, unit=unit, months=_months(a))
    unit = scenario.unit_by_id[a.unit_id].name if a.unit_id in scenario.unit_by_id else a.unit_id
    opening = scenario.opening_by_id.get(a.opening_id)
    what = f"{opening.name}（{a.opening_id}）" if opening is not None else a.opening_id
    unit = "" if opening is not None and unit in opening.name else f" {unit}"   # the name may say where
    return compare_text("line", "zh", kind=KIND_ZH.get(a.kind, a.kind), opening=what, unit=unit,
                        months=_months(a))


def _who(cadre_id: str, scenario, lang: str) -> str:
    cadre = scenario.cadre_by_id.get(cadre_id) if scenario is not None else None
    if cadre is None:
        return cadre_id
    return f"{cadre.name}（{cadre_id}）" if lang == "zh" else f"{cadre_id} {cadre.name}"


def _num(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and not math.isnan(v) and not v.is_integer():
        return f"{v:.4f}"
    if isinstance(v, float):
        return f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _diff_text(d) -> str:
    if d is None:
        return "-"
    if d == 0:
        return "0"
    return ("+" if d > 0 else "") + _num(d)


def format_table(cmp: Comparison, lang: str = "en") -> str:
    """A plain-text report: the two sides, the line changes (with names and units when the
    scenario is known), the weights, metrics and terms side by side (B - A)."""
    out = []
    for tag, side in (("A", cmp.a), ("B", cmp.b)):
        obj = "" if side.objective is None else compare_text("objective_part", lang, value=_num(side.objective))
        out.append(compare_text("side", lang, tag=tag, label=side.label, status=side.status or "-", objective=obj,
                                lines=len(side.assignments)))
    if cmp.a.scenario_sha256 and cmp.b.scenario_sha256 and cmp.a.scenario_sha256 != cmp.b.scenario_sha256:
        out.append(compare_text("other_data", lang, a=cmp.a.scenario_sha256[:8], b=cmp.b.scenario_sha256[:8]))
    c = cmp.counts()
    out.append(compare_text("counts", lang, added=c["added"], removed=c["removed"], changed=c["changed"],
                            unchanged=c["unchanged"], cadres=c["cadres_affected"]))
    scenario_a = cmp.a.scenario or cmp.b.scenario
    scenario_b = cmp.b.scenario or cmp.a.scenario
    if cmp.lines:
        words = CHANGE["zh" if lang == "zh" else "en"]
        who = {ch.cadre_id: _who(ch.cadre_id, scenario_b, lang) for ch in cmp.lines}
        texts_a = {id(ch): _line_text(ch.a, scenario_a, lang) for ch in cmp.lines}
        wid = max(_width(w) for w in who.values())
        wa = max(_width(t) for t in texts_a.values())
        for ch in cmp.lines:
            out.append(f"  {_pad(words[ch.change], 8)} {_pad(who[ch.cadre_id], wid)}  {_pad(texts_a[id(ch)], wa)}  ->  "
                       f"{_line_text(ch.b, scenario_b, lang)}")
    titles = SECTION["zh" if lang == "zh" else "en"]
    for key, rows in (("weight", cmp.weights), ("metric", cmp.metrics), ("term", cmp.terms)):
        if not rows:
            continue
        title = titles[key]
        out.append("")
        names = {n: _row_name(n, lang) for n, *_ in rows}
        w = max(_width(title), *(_width(x) for x in names.values()))
        cells = [(names[n], _num(va), _num(vb), _diff_text(d)) for n, va, vb, d in rows]
        wv = max(8, *(max(len(x[1]), len(x[2]), len(x[3])) for x in cells))
        out.append(f"{_pad(title, w)}  {'A':>{wv}}  {'B':>{wv}}  {'B - A':>{wv}}")
        for n, va, vb, d in cells:
            out.append(f"{_pad(n, w)}  {va:>{wv}}  {vb:>{wv}}  {d:>{wv}}")
    if cmp.a.objective is not None or cmp.b.objective is not None:
        d = _difference(cmp.a.objective, cmp.b.objective)
        out.append(compare_text("objective", lang, a=_num(cmp.a.objective), b=_num(cmp.b.objective),
                                diff=_diff_text(d)))
    return "\n".join(out) + "\n"


def _row_name(name: str, lang: str) -> str:
    """A metric or term in the reader's language (the code stays beside it)."""
    if lang != "zh":
        return name
    word = METRIC_ZH.get(name) or TERM_ZH.get(name)
    return f"{word}（{name}）" if word else name


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_csv(cmp: Comparison) -> str:
    """One tidy CSV: ``section`` is ``line`` (a line change), ``metric``, ``term`` or ``objective``;
    the columns that do not apply to a section are empty."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for ch in cmp.lines:
        a, b = ch.a, ch.b
        w.writerow(["line", ch.cadre_id, ch.change,
                    a.opening_id if a else "", b.opening_id if b else "",
                    a.kind if a else "", b.kind if b else "",
                    a.unit_id if a else "", b.unit_id if b else "",
                    _months(a) if a else "", _months(b) if b else "", "", "", "", ""])
    for section, rows in (("metric", cmp.metrics), ("term", cmp.terms),
                          ("weight", cmp.weights),
                          ("objective", [("objective", cmp.a.objective, cmp.b.objective,
                                          _difference(cmp.a.objective, cmp.b.objective))])):
        for n, va, vb, d in rows:
            w.writerow([section] + [""] * 10 + [n, "" if va is None else va, "" if vb is None else vb,
                                                 "" if d is None else d])
    return buf.getvalue()


def format_json(cmp: Comparison) -> str:
    return json.dumps(cmp.as_dict(), ensure_ascii=False, indent=2) + "\n"
