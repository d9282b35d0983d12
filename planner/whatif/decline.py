"""When a cadre declines (SPEC 9): the fewest changes that keep every rule, the chain of who moves
instead, and the alternate (备选) of every line of a plan.

``decline(scenario, plan, cadre_id, opening_id=None)`` re-plans with the approved plan as baseline
and the declined line barred (every line of the cadre without ``opening_id``), through
:class:`planner.whatif.replan.MinimalChangeModel`: first the fewest changes, then the best plan
by the scenario's weights. ``write_decline`` writes the new plan folder (plan.csv, summary.json -
checked by ``planner check`` against the same scenario - decline.md and decline.json, which lists
the declined lines so that a later decline on this folder keeps them barred).

``alternates(scenario, plan)`` re-plans once per line of the plan with that line declined, on one
model built once: ``{(cadre_id, opening_id): the cadre who takes the seat, or None}``.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from models.scenario import Scenario
from planner.errors import PlannerError
from planner.labels.decline import decline_text
from planner.labels.describe import cadre_label, opening_label
from planner.whatif.replan import MinimalChangeModel, Replan

log = logging.getLogger(__name__)

DECLINE_JSON = "decline.json"
DECLINE_MD = "decline.md"


class DeclineError(PlannerError, ValueError):
    """A decline that cannot be asked: an unknown cadre, a line not in the plan, a locked line."""

    default = "the decline cannot be made"


def _pairs(rows) -> list:
    if hasattr(rows, "plan") and not hasattr(rows, "assignments"):
        rows = rows.plan
    rows = list(rows.assignments if hasattr(rows, "assignments") else rows)
    return rows


def earlier_declines(plan_dir) -> list:
    """The lines declined before, from ``decline.json`` of a plan folder a decline wrote ([] if none)."""
    path = Path(plan_dir) / DECLINE_JSON if plan_dir is not None else None
    if path is None or not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [tuple(p) for p in data.get("barred", [])]


def declined_lines(scenario: Scenario, rows, cadre_id: str, opening_id: str | None = None) -> list:
    """The plan lines a decline bars: the cadre's line on ``opening_id``, or all the cadre's lines.

    Raises
    ------
    DeclineError
        Unknown cadre or opening, no such line in the plan, or a declined line the committee
        required (a ``require`` lock: lift it in locks.csv first, since the new plan must keep every rule).
    """
    sc = scenario
    if cadre_id not in sc.cadre_by_id:
        raise DeclineError([f"--cadre {cadre_id}: no such cadre in the scenario"])
    if opening_id is not None and opening_id not in sc.opening_by_id:
        raise DeclineError([f"--opening {opening_id}: no such opening in the scenario"])
    lines = sorted((a.cadre_id, a.opening_id) for a in rows if a.cadre_id == cadre_id
                   and (opening_id is None or a.opening_id == opening_id))
    if not lines:
        what = f"a line on {opening_id}" if opening_id else "any line"
        raise DeclineError([f"{cadre_id} has no {what} in the plan: nothing to decline"])
    required = {(lk.cadre_id, lk.opening_id) for lk in sc.locks if lk.lock == "require"}
    locked = [f"{c}/{o}" for c, o in lines if (c, o) in required]
    if locked:
        raise DeclineError([f"{', '.join(locked)} is required by locks.csv (a committee lock, R11): lift the "
                            "lock in the scenario first, then decline (the new plan must keep every rule)"])
    return lines


@dataclass
class Decline:
    """A decline and its re-plan: ``replan`` (Result, dropped, added, changes), the chains of who
    moves instead, the other changes, and the lines barred earlier."""
    scenario: Scenario
    baseline: tuple
    replan: Replan
    chains: list
    others: list
    earlier: tuple = ()
    baseline_dir: str = ""
    baseline_objective: float | None = None
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def result(self):
        return self.replan.result

    @property
    def declined(self) -> tuple:
        return self.replan.declined

    def chain_words(self, lang: str = "zh") -> list:
        """Each chain in words: ``张三 谢绝 OP012 → 李四 接任 OP012（原安排 OP020）→ 王五 接任 OP020``."""
        sc = self.scenario
        out = []
        for chain in self.chains:
            parts = []
            for step in chain:
                who = cadre_label(sc, step["cadre"], lang) if step.get("cadre") else ""
                what = opening_label(sc, step["opening"], lang)
                if step["step"] == "declines":
                    parts.append(decline_text("declines", lang, who=who, opening=what))
                elif step["step"] == "empty":
                    parts.append(decline_text("stays_empty", lang, opening=what))
                elif step["step"] == "replaces":
                    parts.append(decline_text("replaces", lang, who=who, opening=what,
                                              replaced=cadre_label(sc, step["replaced"], lang)))
                elif step["step"] == "stops":
                    parts.append(decline_text("stops", lang, who=who, opening=step["opening"]))
                elif step.get("leaves"):
                    parts.append(decline_text("takes_leaving", lang, who=who, opening=what,
                                              left=decline_text("sep", lang).join(step["leaves"])))
                else:
                    parts.append(decline_text("takes", lang, who=who, opening=what))
            out.append(decline_text("arrow", lang).join(parts))
        return out

    def lines(self, lang: str = "zh") -> list:
        """What ``planner decline`` prints."""
        sc, r = self.scenario, self.replan
        sep = decline_text("sep", lang)
        declined = sep.join(f"{c}/{o}" for c, o in self.declined)
        out = []
        if self.earlier:
            out.append(decline_text("earlier", lang, lines=sep.join(f"{c}/{o}" for c, o in self.earlier)))
        if r.result.plan is None:
            key = "infeasible" if r.result.status == "INFEASIBLE" else "no_plan"
            return out + [decline_text(key, lang, lines=declined, status=r.result.status)]
        out.append(decline_text("chain_header", lang))
        out += ["  " + w for w in self.chain_words(lang)]
        if self.others:
            out.append(decline_text("other_header", lang))
            for kind, c, o in self.others:
                out.append(decline_text(kind, lang, who=cadre_label(sc, c, lang), opening=opening_label(sc, o, lang)))
        filled = sum(1 for chain in self.chains if chain[0]["step"] == "declines" and chain[1]["step"] == "takes")
        out.append(decline_text("changes", lang, changes=r.changes, declined=len(self.declined),
                                dropped=len(r.dropped) - len(self.declined), added=len(r.added), filled=filled))
        if self.baseline_objective is not None and r.result.objective is not None:
            out.append(decline_text("objective", lang, before=self.baseline_objective, after=r.result.objective,
                                    delta=r.result.objective - self.baseline_objective))
        out.append(decline_text("status", lang, status=r.result.status, seconds=self.seconds))
        return out

    def markdown(self, lang: str = "zh") -> str:
        """decline.md: the title, the approved plan it started from, then :meth:`lines`."""
        sc = self.scenario
        who = decline_text("sep", lang).join(sorted({cadre_label(sc, c, lang) for c, _ in self.declined}))
        body = [decline_text("title", lang, name=sc.name, who=who), ""]
        if self.baseline_dir:
            body += [decline_text("md_baseline", lang, path=self.baseline_dir), ""]
        body += [line if line.startswith("  ") else line for line in self.lines(lang)]
        body += ["", decline_text("md_note", lang)]
        return "\n".join(body).replace("\n  ", "\n- ") + "\n"


def decline_chains(baseline, replan: Replan) -> tuple:
    """The chains of who moves instead, and the changes outside them.

    A chain starts at a declined line; the cadre who takes that seat follows, and if that cadre left
    a line of the approved plan to do so, whoever takes that seat follows, and so on, until a seat
    stays empty or the last taker left nothing. Returns ``(chains, others)``: each chain a list of
    steps (dicts with ``step`` - declines, takes, empty, replaces, stops -, ``cadre``, ``opening``,
    ``leaves``, ``replaced``). Other new lines make chains of their own: X takes a seat in place of
    Y (whose line there is dropped), then Y's new line, ... until Y has none (``stops``).
    ``others``: dropped lines in no chain, as ``("dropped", cadre_id, opening_id)``.
    """
    added = {}
    for c, o in replan.added:
        added.setdefault(o, []).append(c)
    dropped = {}
    for c, o in replan.dropped:
        if (c, o) not in replan.declined:
            dropped.setdefault(c, []).append(o)
    used_added, used_dropped = set(), set()
    chains = []
    for c, o in replan.declined:
        chain = [{"step": "declines", "cadre": c, "opening": o}]
        seat = o
        while True:
            takers = [x for x in sorted(added.get(seat, [])) if (x, seat) not in used_added]
            if not takers:
                chain.append({"step": "empty", "cadre": None, "opening": seat})
                break
            x = takers[0]
            used_added.add((x, seat))
            leaves = [s for s in dropped.get(x, []) if (x, s) not in used_dropped]
            chain.append({"step": "takes", "cadre": x, "opening": seat, "leaves": leaves})
            if not leaves:
                break
            used_dropped.update((x, s) for s in leaves)
            seat = leaves[0]
        chains.append(chain)
    # Then the other new lines, the declining cadres' first: who takes whose place, and what the
    # replaced cadre does instead.
    decliners = {c for c, _ in replan.declined}
    dropped_on = {}
    for c, o in replan.dropped:
        if (c, o) not in replan.declined:
            dropped_on.setdefault(o, []).append(c)
    starts = sorted(replan.added, key=lambda p: (p[0] not in decliners, p[0], p[1]))
    for x, o in starts:
        if (x, o) in used_added:
            continue
        chain = []
        while True:
            used_added.add((x, o))
            victims = [y for y in sorted(dropped_on.get(o, [])) if (y, o) not in used_dropped]
            if not victims:
                leaves = [s for s in dropped.get(x, []) if (x, s) not in used_dropped]
                used_dropped.update((x, s) for s in leaves)
                chain.append({"step": "takes", "cadre": x, "opening": o, "leaves": leaves})
                break
            y = victims[0]
            used_dropped.add((y, o))
            chain.append({"step": "replaces", "cadre": x, "opening": o, "replaced": y})
            nexts = [(y, s) for c, s in sorted(replan.added) if c == y and (y, s) not in used_added]
            if not nexts:
                chain.append({"step": "stops", "cadre": y, "opening": o})
                break
            x, o = nexts[0]
        chains.append(chain)
    others = [("dropped", c, o) for c, o in replan.dropped
              if (c, o) not in used_dropped and (c, o) not in replan.declined]
    others.sort(key=lambda t: (t[1], t[2], t[0]))
    return chains, others


def decline(scenario: Scenario, plan, cadre_id: str, opening_id: str | None = None, time_limit: float | None = None,
            seed: int | None = None, workers: int | None = None, earlier=None, baseline_objective=None) -> Decline:
    """Re-plan after ``cadre_id`` declines ``opening_id`` (every line of the cadre when None).

    Parameters
    ----------
    scenario : models.Scenario
        The scenario the approved plan was made for.
    plan : models.Plan, a planner Result or rows
        The approved plan (the baseline).
    earlier : path of the approved plan's folder, optional
        Read for ``decline.json``: lines declined before stay barred.
    baseline_objective : float, optional
        The approved plan's objective, to say what the decline costs.

    Returns
    -------
    Decline
        ``result`` is a planner Result (``plan`` None when no plan keeps every rule).
    """
    t0 = time.perf_counter()
    rows = _pairs(plan)
    lines = declined_lines(scenario, rows, cadre_id, opening_id)
    barred = earlier_declines(earlier)
    base = [(a.cadre_id, a.opening_id) for a in rows]
    try:
        model = MinimalChangeModel(scenario, base, barred=barred, time_limit=time_limit, seed=seed, workers=workers)
    except ValueError as err:
        raise DeclineError([str(err), "the plan was made for other data"]) from None
    replan = model.replan(lines)
    chains, others = decline_chains(base, replan) if replan.result.plan is not None else ([], [])
    if earlier is not None and baseline_objective is None:
        summary = Path(earlier) / "summary.json"
        if summary.is_file():
            baseline_objective = json.loads(summary.read_text(encoding="utf-8")).get("objective")
    return Decline(scenario, tuple(rows), replan, chains, others, tuple(barred),
                   str(earlier) if earlier is not None else "", baseline_objective, time.perf_counter() - t0)


def write_decline(outcome: Decline, out_dir, lang: str = "zh", scenario_dir=None) -> list:
    """Write the re-plan as one plan folder (SPEC 6): plan.csv, summary.json, decline.md and
    decline.json - or, when no plan keeps every rule without the declined lines, diagnosis.json/.md
    with decline.md. ``scenario_dir`` is recorded in summary.json. Returns the paths written.

    Raises
    ------
    planner.errors.OutputError
        The folder cannot be written (the previous one is as it was).
    """
    from planner.diagnose import write_diagnosed
    from planner.edits import with_lock

    sc = outcome.scenario
    result = outcome.result
    if result.plan is None and result.status == "INFEASIBLE":
        # The diagnosis is of the scenario with the declined lines forbidden.
        for c, o in outcome.declined + outcome.earlier:
            sc = with_lock(sc, c, o, "forbid")
    barred = sorted(set(outcome.earlier) | set(outcome.declined))
    record = {"declined": [list(p) for p in outcome.declined], "barred": [list(p) for p in barred],
              "baseline": outcome.baseline_dir, "changes": outcome.replan.changes,
              "dropped": [list(p) for p in outcome.replan.dropped], "added": [list(p) for p in outcome.replan.added],
              "chains": outcome.chains}

    def add_decline_files(staging):
        from planner.io.plan_files import json_text
        (Path(staging) / DECLINE_MD).write_text(outcome.markdown(lang), encoding="utf-8")
        (Path(staging) / DECLINE_JSON).write_text(json_text(record), encoding="utf-8")

    return write_diagnosed(result, sc, out_dir, lang=lang, scenario_dir=scenario_dir,
                           before_commit=add_decline_files)


def alternates(scenario: Scenario, plan, lines=None, time_limit: float | None = None, seed: int | None = None,
               workers: int | None = 1, progress=None) -> dict:
    """The alternate (备选) of each plan line: who takes the seat when the chosen cadre declines.

    One :class:`MinimalChangeModel` is built for the plan and re-solved once per line with that line
    declined (its require lock lifted): the alternate is the cadre who takes the seat in that
    fewest-change re-plan, None when the seat stays empty (or no plan keeps every rule without
    the line).

    Parameters
    ----------
    lines : iterable of (cadre_id, opening_id), optional
        The lines to ask about (default: every line of the plan).
    progress : callable(done, total), optional

    Returns
    -------
    dict
        ``{(cadre_id, opening_id): alternate cadre_id or None}``.
    """
    rows = _pairs(plan)
    base = [(a.cadre_id, a.opening_id) for a in rows]
    model = MinimalChangeModel(scenario, base, time_limit=time_limit, seed=seed, workers=workers)
    todo = sorted(set(base) if lines is None else set(lines))
    out = {}
    t0 = time.perf_counter()
    for k, (c, o) in enumerate(todo, start=1):
        r = model.replan([(c, o)])
        takers = sorted(x for x, seat in r.added if seat == o)
        out[(c, o)] = takers[0] if takers else None
        if progress:
            progress(k, len(todo))
    log.info("alternates of %d line(s) in %.1fs (%d with none)", len(todo), time.perf_counter() - t0,
             sum(1 for v in out.values() if v is None))
    return out
