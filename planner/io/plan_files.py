"""The plan folder (SPEC 6): its files' columns, reading them, and writing them atomically (every
file goes to a temporary name in the same folder and is renamed into place, so an interrupted run
leaves the previous files whole)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

from models.plan import Assignment, Plan
from planner.errors import PlanFileError
from planner.io.folder_writer import PlanFolderWriter, file_sha256

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


# ------------------------------------------------------------------------------------------
# Reading a plan folder with its scenario
# ------------------------------------------------------------------------------------------
def summary_of(plan_dir) -> dict:
    """summary.json of a plan folder (PlanFileError when missing or unreadable)."""
    path = Path(plan_dir) / "summary.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanFileError([f"{plan_dir}: no summary.json: not a plan folder"]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PlanFileError([f"{path}: unreadable ({type(err).__name__})"]) from None
    if not isinstance(data, dict):
        raise PlanFileError([f"{path}: expected a JSON object"])
    return data


def scenario_path_of(plan_dir) -> Path:
    """The scenario folder a plan folder records (``summary.json`` ``scenario_path``)."""
    summary = summary_of(plan_dir)
    recorded = summary.get("scenario_path")
    if not isinstance(recorded, str) or not recorded:
        raise PlanFileError([f"{plan_dir}: summary.json does not record the scenario's path; "
                             "pass the scenario folder (--scenario DIR)"])
    path = Path(recorded)
    if not path.is_absolute():
        path = (Path(plan_dir) / path).resolve()
    if not path.is_dir():
        raise PlanFileError([f"{plan_dir}: its scenario {recorded} is not there any more; pass the scenario folder"])
    return path


def verify_plan_folder(plan_dir, scenario, summary: dict | None = None) -> list:
    """Problems that make a plan folder unusable with this scenario: a ``scenario_sha256`` other
    than the scenario's, a ``plan_sha256`` other than plan.csv's. Empty when all match."""
    summary = summary if summary is not None else summary_of(plan_dir)
    problems = []
    want = summary.get("scenario_sha256")
    have = getattr(scenario, "sha256", None)
    if want and have and want != have:
        problems.append(f"{plan_dir}: the plan was made from other data (scenario_sha256 {str(want)[:12]}… "
                        f"in summary.json, {have[:12]}… for this scenario); solve again or pass its own scenario")
    plan_csv = Path(plan_dir) / "plan.csv"
    recorded = summary.get("plan_sha256")
    if recorded and plan_csv.is_file() and file_sha256(plan_csv) != recorded:
        problems.append(f"{plan_csv}: changed since it was written (plan_sha256 does not match summary.json)")
    return problems


def read_plan_folder(plan_dir, scenario=None):
    """(scenario, rows, summary) of a plan folder, checked to belong together.

    Parameters
    ----------
    plan_dir : str or Path
    scenario : models.Scenario, str or Path, optional
        The scenario, or its folder; default the one recorded in summary.json.

    Raises
    ------
    PlanFileError
        Unreadable files, no recorded scenario, or hashes that do not match.
    ScenarioError
        The scenario folder is invalid.
    """
    from planner.io.read import read_scenario

    if scenario is None:
        scenario = scenario_path_of(plan_dir)
    if isinstance(scenario, (str, Path)):
        scenario = read_scenario(scenario)
    rows, summary = read_plan(plan_dir)
    problems = verify_plan_folder(plan_dir, scenario, summary)
    if problems:
        raise PlanFileError(problems)
    return scenario, rows, summary


# ------------------------------------------------------------------------------------------
# Writing a result
# ------------------------------------------------------------------------------------------
def summary_for(result, plan_text: str | None, scenario_dir=None) -> dict:
    """summary.json of a result: every SPEC 6 field, with the scenario's path and the plan's hash."""
    summary = {}
    for key, value in result.summary().items():
        summary[key] = value
        if key == "scenario_sha256":
            summary["scenario_path"] = str(Path(os.path.abspath(scenario_dir))) if scenario_dir is not None else None
            summary["plan_sha256"] = (hashlib.sha256(plan_text.encode("utf-8")).hexdigest()
                                      if plan_text is not None else None)
    return summary


def write_result(result, scenario, out_dir, lang: str = "zh", diagnosis_md: str | None = None,
                 scenario_dir=None, before_commit=None) -> list:
    """Write what a result calls for as one plan folder; return the paths written.

    A plan: plan.csv and summary.json. Infeasible: diagnosis.json, diagnosis.md and summary.json.
    No plan within the time limit: nothing (the previous folder stays as it was). Whatever an
    earlier run left in the folder is gone once this returns (SPEC 6: one unit).

    Parameters
    ----------
    result : planner.solve.Result
    scenario : models.Scenario
    out_dir : str or Path
    lang : "zh" or "en"
    diagnosis_md : str, optional
        diagnosis.md, rendered by the diagnosis layer.
    scenario_dir : str or Path, optional
        The scenario folder: recorded in summary.json and refused as ``out_dir``.
    before_commit : callable(staging_dir), optional
        Writes more files (the committee workbook) into the staging folder before the swap; if
        it raises, nothing is replaced.

    Raises
    ------
    OutputError
        The folder cannot be written; the previous one is as it was.
    """
    if result.plan is None and result.status != "INFEASIBLE":
        return []
    with PlanFolderWriter(out_dir, scenario_dir) as folder:
        if result.plan is not None:
            text = plan_csv_text(result.plan)
            folder.write("plan.csv", text)
            folder.write("summary.json", json_text(summary_for(result, text, scenario_dir)))
        else:
            diag = result.diagnosis or {"status": "INFEASIBLE", "rules": [], "checks": [], "core": []}
            folder.write("diagnosis.json", json_text(diag))
            folder.write("diagnosis.md", diagnosis_md or "# 无可行方案 / infeasible\n")
            folder.write("summary.json", json_text(summary_for(result, None, scenario_dir)))
        if before_commit is not None:
            before_commit(folder.staging)
        names = sorted(p.name for p in folder.staging.iterdir())
        out = folder.commit()
    return [out / name for name in names]
