"""Sweeps: the grid of scenario variants, solved in parallel (``planner sweep``).

``--set weights.fairness=0,5,10 --set openings.O12.seats=1,2`` makes an *axis* per ``--set``;
the variants are the cartesian product of the axes (here 3 x 2 = 6), each the base scenario
edited with :func:`planner.edits.with_value` - exactly the scenario a planner would get by editing
the files by hand, so a variant's plan equals a separate ``planner solve`` of that scenario with
the same solver, seed, workers and time limit (the tests check this).

Variants run in parallel processes (``executor="process"``, ``jobs`` of them) or on a Dask
cluster (``executor="dask"``, ``scheduler`` an address such as ``tcp://10.0.0.5:8786`` or a
``distributed.Client``). Workers only solve and hand back the ``Result``; the plan folders and the
table are written here, on the machine that asked, so a remote cluster needs no shared disk.

CP-SAT's own threads multiply with ``jobs``: on a small machine use ``--jobs 2 --workers 1``.
The deterministic time limit of the CP-SAT backend keeps each variant's plan independent of how
busy the machine is.
"""
from __future__ import annotations

import csv
import functools
import io
import itertools
import logging
import math
import multiprocessing
import re
import sys
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from models.scenario import TERMS, Scenario
from planner.edits import EditError, with_value
from planner.errors import SweepError
from planner.io.folder_writer import refuse_out_in_scenario
from planner.whatif.compare import METRIC_ORDER

log = logging.getLogger(__name__)

__all__ = ["Axis", "Variant", "parse_set", "make_variants", "solve_variant", "run_sweep", "SweepResult",
           "EXECUTORS"]

EXECUTORS = ("process", "dask")


@dataclass(frozen=True)
class Axis:
    """One ``--set PATH=V1,V2,...``: a dotted path (see planner.edits.with_value) and its values."""
    path: str
    values: tuple


@dataclass(frozen=True)
class Variant:
    """One point of the grid: its name, the value of each axis, and the edited scenario."""
    index: int
    name: str
    settings: tuple          # ((path, value text), ...) in axis order
    scenario: Scenario


def parse_set(text: str) -> Axis:
    """Parse ``PATH=V1,V2,...`` (values split on ``,``; list values inside use ``;``)."""
    path, sep, values = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise EditError(f"--set {text!r}: expected PATH=V1,V2,... (e.g. weights.fairness=0,5,10)")
    vals = tuple(v.strip() for v in values.split(","))
    if not any(vals) and len(vals) == 1:
        raise EditError(f"--set {text!r}: no values after '='")
    if len(set(vals)) != len(vals):
        raise EditError(f"--set {text!r}: a value is given twice")
    return Axis(path, vals)


_UNSAFE = re.compile(r"[^\w.=+-]+", re.UNICODE)


def _variant_name(index: int, settings) -> str:
    """A folder name that says what the variant is: ``003_weights.fairness=10_openings.O12.seats=2``."""
    parts = [f"{index:03d}"]
    for path, value in settings:
        short = path[len("weights."):] if path.startswith("weights.") else path
        parts.append(_UNSAFE.sub("+", f"{short}={value}"))
    name = "_".join(parts)
    return name[:120]


def make_variants(scenario: Scenario, axes) -> list:
    """The grid of variants (cartesian product of the axes, first axis slowest).

    Raises ``EditError`` for a path or value that does not fit the scenario, before anything runs.
    """
    axes = [a if isinstance(a, Axis) else parse_set(a) for a in axes]
    paths = [a.path for a in axes]
    if len(set(paths)) != len(paths):
        raise EditError(f"--set: a path is given twice ({', '.join(paths)})")
    out = []
    for i, combo in enumerate(itertools.product(*(a.values for a in axes)), start=1):
        sc = scenario
        settings = tuple(zip(paths, combo))
        for path, value in settings:
            try:
                sc = with_value(sc, path, value)
            except EditError as err:
                raise EditError(f"{path}={value}: {err}") from None
        out.append(Variant(i, _variant_name(i, settings), settings, sc))
    return out


def solve_variant(scenario: Scenario, solver: str = "cpsat", time_limit: float | None = None,
                  seed: int | None = None, workers: int | None = None):
    """Solve one variant (runs in a worker process or on a Dask worker); returns the Result."""
    from planner.diagnose import attach_diagnosis
    from planner.solve import solve
    result = solve(scenario, solver=solver, time_limit=time_limit, seed=seed, workers=workers)
    attach_diagnosis(result, scenario)     # in the worker: the built model is not shipped back
    return result


@dataclass
class SweepResult:
    """What a sweep produced: the variants, one row of figures each, and their Results."""
    variants: list
    rows: list               # dicts: variant, each axis, status, objective, gap, seconds, metrics, terms
    results: dict            # variant name -> planner Result
    columns: list

    def csv_text(self) -> str:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for r in self.rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
        return buf.getvalue()


def _row(variant: Variant, result, plan_dir: str | None) -> dict:
    row = {"variant": variant.name}
    for path, value in variant.settings:
        row[path] = value
    row.update({"status": result.status,
                "objective": result.objective,
                "gap": None if result.gap is None else round(result.gap, 6),
                "solve_seconds": round(result.solve_seconds, 3)})
    for name in METRIC_ORDER:
        v = (result.metrics or {}).get(name)
        row[name] = round(v, 6) if isinstance(v, float) else v
    for t in TERMS:
        row[f"term_{t}"] = (result.terms or {}).get(t)
    row["plan_dir"] = plan_dir
    return row


def _columns(axes_paths) -> list:
    return (["variant"] + list(axes_paths) + ["status", "objective", "gap", "solve_seconds"]
            + list(METRIC_ORDER) + [f"term_{t}" for t in TERMS] + ["plan_dir"])


def _process_context():
    # forkserver: workers start from a clean interpreter (no inherited solver threads or
    # notebook state) but fork cheaply after the first; spawn where there is no fork.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods and sys.platform != "win32"
                                       else "spawn")


DASK_CONNECT_SECONDS = 5      # an unreachable scheduler answers within this (SPEC: within 10 s)
DASK_WORKER_SECONDS = 8       # a scheduler without workers is reported after this
MAX_VARIANTS = 200            # larger grids need force=True (--force): each variant is a full solve


def grid_size(axes) -> int:
    """How many variants a list of ``Axis`` makes, computed before any is built."""
    return math.prod(len(a.values) for a in axes) if axes else 1


def _dask_client(scheduler, jobs: int):
    """(client, cluster) for a scheduler address, a ``distributed.Client``, or None (a local
    cluster of ``jobs`` single-threaded worker processes, closed after the sweep)."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        return scheduler, None
    if not scheduler:
        cluster = LocalCluster(n_workers=max(1, int(jobs)), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_SECONDS)
    except (OSError, TimeoutError) as err:
        raise SweepError([f"cannot reach the Dask scheduler at {str(scheduler)[:80]} within "
                          f"{DASK_CONNECT_SECONDS} s ({type(err).__name__}); is it running?"]) from None
    return client, None


def _run_dask(variants, options, scheduler, jobs: int = 1):
    from distributed import as_completed as dask_completed

    client, cluster = _dask_client(scheduler, jobs)
    own = client is not scheduler
    try:
        try:
            client.wait_for_workers(1, timeout=DASK_WORKER_SECONDS)
        except (TimeoutError, OSError):
            raise SweepError([f"the Dask scheduler at {str(scheduler)[:80]} has no workers "
                              f"(none joined within {DASK_WORKER_SECONDS} s); start one with "
                              "`dask worker ADDRESS`"]) from None
        # The options go through partial: submit() has keywords of its own (``workers`` names
        # the Dask workers a task may run on), which must not swallow the solver's.
        task = functools.partial(solve_variant, **options)
        futures = {}
        for v in variants:
            fut = client.submit(task, v.scenario, key=f"planner-sweep-{v.name}-{uuid.uuid4().hex[:8]}", pure=False)
            futures[fut] = v
        for fut in dask_completed(list(futures)):
            yield futures[fut], fut.result()
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()


def _run_processes(variants, options, jobs):
    if jobs <= 1:
        for v in variants:
            yield v, solve_variant(v.scenario, **options)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_process_context()) as pool:
        futures = {pool.submit(solve_variant, v.scenario, **options): v for v in variants}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()


def run_sweep(scenario: Scenario, axes, out_dir=None, jobs: int = 1, executor: str = "process",
              scheduler=None, solver: str = "cpsat", time_limit: float | None = None,
              seed: int | None = None, workers: int | None = None, lang: str = "zh",
              on_done: Callable | None = None, force: bool = False, scenario_dir=None) -> SweepResult:
    """Solve every variant of the grid and collect one row of figures per variant.

    Parameters
    ----------
    scenario : the base scenario.
    axes : list of ``Axis`` or ``"PATH=V1,V2"`` strings (or a list of ``Variant`` from make_variants).
    out_dir : folder, optional
        When given: ``out_dir/<variant>/`` holds each variant's plan.csv and summary.json (or its
        diagnosis), ``out_dir/sweep.csv`` the table, ``out_dir/sweep.json`` the axes and rows.
    jobs : parallel processes (``executor="process"``); 1 solves in this process.
    executor : ``process`` or ``dask``; scheduler : Dask scheduler address or ``distributed.Client``;
        None with ``dask`` starts a local cluster of ``jobs`` workers.
    force : allow a grid of more than ``MAX_VARIANTS`` variants.
    scenario_dir : the base scenario's folder; ``out_dir`` equal to or inside it is refused.
    solver, time_limit, seed, workers : as for ``planner.solve.solve``.
    on_done : callable(row, done, total), called as each variant finishes (progress bars).

    Returns
    -------
    SweepResult
        Rows in grid order whatever order the variants finished in.
    """
    from planner.diagnose import write_diagnosed
    from planner.io.plan_files import atomic_write, json_text

    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    axes = list(axes)
    if axes and all(isinstance(a, Variant) for a in axes):
        variants = axes
        paths = [p for p, _ in variants[0].settings]
    else:
        axes = [a if isinstance(a, Axis) else parse_set(a) for a in axes]
        if grid_size(axes) > MAX_VARIANTS and not force:
            raise SweepError([f"the grid has {grid_size(axes):,} variants, more than {MAX_VARIANTS}: "
                              "each is a full solve; narrow it, or pass force=True (--force)"])
        variants = make_variants(scenario, axes)
        paths = [a.path for a in axes]
    options = {"solver": solver, "time_limit": time_limit, "seed": seed, "workers": workers}
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        refuse_out_in_scenario(out, scenario_dir)
    log.info("sweep: %d variant(s) over %s, executor %s", len(variants), ", ".join(paths) or "-", executor)
    runner = _run_dask(variants, options, scheduler, jobs) if executor == "dask" else \
        _run_processes(variants, options, int(jobs))
    rows: dict = {}
    results: dict = {}
    for done, (v, result) in enumerate(runner, start=1):
        plan_dir = None
        if out is not None:
            vdir = out / v.name
            write_diagnosed(result, v.scenario, vdir, lang=lang)
            plan_dir = v.name
        results[v.name] = result
        rows[v.index] = _row(v, result, plan_dir)
        log.info("variant %s: %s", v.name, result.status)
        if on_done is not None:
            on_done(rows[v.index], done, len(variants))
    sweep = SweepResult(variants, [rows[v.index] for v in variants], results, _columns(paths))
    if out is not None:
        atomic_write(out / "sweep.csv", sweep.csv_text())
        atomic_write(out / "sweep.json", json_text({
            "axes": [{"path": p, "values": list(dict.fromkeys(s[i][1] for s in (v.settings for v in variants)))}
                     for i, p in enumerate(paths)],
            "solver": solver, "time_limit": time_limit, "seed": seed, "workers": workers,
            "executor": executor, "rows": sweep.rows}))
    return sweep
