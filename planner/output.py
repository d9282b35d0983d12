"""Writing a plan folder atomically: every file goes to a temporary name in the same folder and
is renamed into place, so an interrupted run leaves the previous files whole."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from models.plan import Plan

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


def write_result(result, scenario, out_dir, lang: str = "zh") -> list:
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
        from planner.diagnose import diagnosis_markdown
        diag = result.diagnosis or {"status": "INFEASIBLE", "rules": [], "checks": [], "core": []}
        atomic_write(out / "diagnosis.json", json_text(diag))
        atomic_write(out / "diagnosis.md", diagnosis_markdown(diag, scenario, lang))
        atomic_write(out / "summary.json", json_text(result.summary()))
        written += [out / "diagnosis.json", out / "diagnosis.md", out / "summary.json"]
        if (out / "plan.csv").exists():
            (out / "plan.csv").unlink()
    return written
