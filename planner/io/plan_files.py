"""The plan folder (SPEC 6): its files' columns, reading them, and writing them atomically (every
file goes to a temporary name in the same folder and is renamed into place, so an interrupted run
leaves the previous files whole)."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from models.plan import Assignment, Plan
from planner.errors import PlanFileError

PLAN_COLUMNS = ("cadre_id", "opening_id", "kind", "unit_id", "start_month", "end_month", "reasons")


def plan_csv_text(plan: Plan) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(PLAN_COLUMNS)
    for a in plan.assignments:
        w.writerow([a.cadre_id, a.opening_id, a.kind, a.unit_id, a.start_month, a.end_month, ";".join(a.reasons)])
    return buf.getvalue()


def atomic_write(path, data) -> None:
    """Write ``data`` (str or bytes) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600; a plan is an ordinary file (0666 less the umask).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def json_text(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write_result(result, scenario, out_dir, lang: str = "zh", diagnosis_md: str | None = None) -> list:
    """Write what a result calls for; return the paths written.

    A plan: plan.csv and summary.json. Infeasible: diagnosis.json, diagnosis.md and summary.json
    (a stale plan.csv from an earlier run is removed so that it cannot be mistaken for this one).
    No plan within the time limit: nothing (the previous files stay as they were).
    """
    out = Path(out_dir)
    written = []
    if result.plan is not None:
        # summary last: its presence says the plan beside it is complete.
        atomic_write(out / "plan.csv", plan_csv_text(result.plan))
        atomic_write(out / "summary.json", json_text(result.summary()))
        written += [out / "plan.csv", out / "summary.json"]
        for stale in ("diagnosis.json", "diagnosis.md"):
            if (out / stale).exists():
                (out / stale).unlink()
    elif result.status == "INFEASIBLE":
        diag = result.diagnosis or {"status": "INFEASIBLE", "rules": [], "checks": [], "core": []}
        atomic_write(out / "diagnosis.json", json_text(diag))
        atomic_write(out / "diagnosis.md", diagnosis_md or "# 无可行方案 / infeasible\n")
        atomic_write(out / "summary.json", json_text(result.summary()))
        written += [out / "diagnosis.json", out / "diagnosis.md", out / "summary.json"]
        if (out / "plan.csv").exists():
            (out / "plan.csv").unlink()
    return written


def _parse_month(text: str, where: str, column: str, problems: list) -> int | None:
    try:
        value = int(text.strip())
    except ValueError:
        problems.append(f"{where}: {column}: {text!r} is not a whole number")
        return None
    if not 1 <= value <= 12:
        problems.append(f"{where}: {column}: {value} is outside 1-12")
        return None
    return value


def _read_plan_csv(path: Path, problems: list) -> list:
    rows: list = []
    if not path.is_file():
        problems.append(f"{path.name}: file is missing")
        return rows
    try:
        # utf-8-sig: accept a BOM if an editor (Excel) added one on the way.
        with open(path, newline="", encoding="utf-8-sig") as fh:
            records = list(csv.reader(fh))
    except UnicodeDecodeError as err:
        problems.append(f"{path.name}: not UTF-8 text ({err.reason} at byte {err.start})")
        return rows
    except csv.Error as err:
        problems.append(f"{path.name}: not a readable CSV file ({err})")
        return rows
    if not records:
        problems.append(f"{path.name}: file is empty (expected the header {','.join(PLAN_COLUMNS)})")
        return rows
    header = tuple(c.strip() for c in records[0])
    if header != PLAN_COLUMNS:
        problems.append(f"{path.name}:1: header must be exactly {','.join(PLAN_COLUMNS)}, "
                        f"got {','.join(header)}")
        return rows
    # Rows are counted as a spreadsheet counts them: the header is row 1 (SPEC 2).
    for number, record in enumerate(records[1:], start=2):
        if not record or all(not cell.strip() for cell in record):
            continue        # a blank line (often a trailing one) carries no assignment
        where = f"{path.name}:{number}"
        if len(record) != len(PLAN_COLUMNS):
            problems.append(f"{where}: expected {len(PLAN_COLUMNS)} fields, got {len(record)}")
            continue
        cells = dict(zip(PLAN_COLUMNS, (c.strip() for c in record)))
        before = len(problems)
        for column in ("cadre_id", "opening_id", "kind", "unit_id"):
            if not cells[column]:
                problems.append(f"{where}: {column}: empty")
        start = _parse_month(cells["start_month"], where, "start_month", problems)
        end = _parse_month(cells["end_month"], where, "end_month", problems)
        if len(problems) > before:
            continue
        reasons = tuple(r.strip() for r in cells["reasons"].split(";") if r.strip())
        rows.append(Assignment(cells["cadre_id"], cells["opening_id"], cells["kind"], cells["unit_id"],
                               start, end, reasons))
    return rows


def _read_summary(path: Path, problems: list) -> dict | None:
    if not path.is_file():
        problems.append(f"{path.name}: file is missing")
        return None
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        problems.append(f"{path.name}: not UTF-8 text ({err.reason} at byte {err.start})")
        return None
    except json.JSONDecodeError as err:
        problems.append(f"{path.name}:{err.lineno}: not valid JSON ({err.msg})")
        return None
    if not isinstance(summary, dict):
        problems.append(f"{path.name}: expected a JSON object, got {type(summary).__name__}")
        return None
    return summary


def read_plan(plan_dir) -> tuple:
    """Read ``plan.csv`` and ``summary.json`` from a plan directory (SPEC 6).

    Parameters
    ----------
    plan_dir : str or Path
        The directory ``planner solve --out`` wrote.

    Returns
    -------
    (rows, summary) : (list of models.plan.Assignment, dict)
        The rows in file order (so that the checker can verify the order) and the summary.

    Raises
    ------
    PlanFileError
        When either file is missing or malformed; ``problems`` names every problem found,
        each as ``file:row: column: what is wrong``.
    """
    plan_dir = Path(plan_dir)
    problems: list = []
    if not plan_dir.is_dir():
        raise PlanFileError([f"{plan_dir}: not a directory"])
    rows = _read_plan_csv(plan_dir / "plan.csv", problems)
    summary = _read_summary(plan_dir / "summary.json", problems)
    if problems:
        raise PlanFileError(problems)
    return rows, summary
