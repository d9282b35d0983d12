"""planner fix: list the verified fixes of a diagnosis, or write the scenario with one applied."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from models.scenario import Scenario
from planner.cli.common import EXIT_INVALID, EXIT_OK, _read_or_exit, main


def _fail(key: str, lang: str, **fields) -> None:
    from planner.labels import diagnosis_text
    click.echo(diagnosis_text(key, lang, **fields), err=True)
    sys.exit(EXIT_INVALID)


def _read_diagnosis(diag_dir: Path, scenario: Scenario, lang: str) -> dict:
    """diagnosis.json of a plan folder, refused when the folder's summary.json names other data."""
    path = diag_dir / "diagnosis.json"
    if not path.is_file():
        _fail("cli.fix_no_diagnosis", lang, folder=diag_dir)
    try:
        diag = json.loads(path.read_text(encoding="utf-8"))
        fixes = diag["fixes"]
        if not isinstance(fixes, list):
            raise TypeError("fixes is not a list")
    except (ValueError, KeyError, TypeError) as err:
        _fail("cli.fix_bad_diagnosis", lang, path=path, what=err)
    summary = diag_dir / "summary.json"
    if summary.is_file() and scenario.sha256:
        try:
            recorded = json.loads(summary.read_text(encoding="utf-8")).get("scenario_sha256")
        except ValueError:
            recorded = None
        if recorded and recorded != scenario.sha256:
            _fail("cli.fix_other_scenario", lang, folder=diag_dir)
    return diag


@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.argument("diag_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--apply", "rank", type=int, default=None, metavar="N",
              help="Apply fix N (its number in diagnosis.md); without it, list the fixes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the fixed scenario (required with --apply).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def fix(scenario: str, diag_dir: str, rank: int | None, out_dir: str | None, lang: str) -> None:
    """Apply a fix that `planner solve` suggested and verified for an infeasible SCENARIO.

    DIAG_DIR is the folder the infeasible solve wrote (diagnosis.json). The scenario is written to
    --out with fix N applied, as CSV files (or scenario.xlsx when SCENARIO is one); SCENARIO
    itself is left as it is. Exit 0 written (or listed), 2 bad input.
    """
    from planner.diagnose import apply_fix
    from planner.edits import EditError
    from planner.io import XLSX_NAME, write_scenario
    from planner.labels import diagnosis_text

    sc = _read_or_exit(scenario)
    diag = _read_diagnosis(Path(diag_dir), sc, lang)
    fixes = diag["fixes"]
    words = "text_zh" if lang == "zh" else "text"
    if rank is None:
        if not fixes:
            _fail("cli.fix_none", lang, folder=diag_dir)
        click.echo(diagnosis_text("cli.fix_list_head", lang, count=len(fixes)))
        for f in fixes:
            click.echo(diagnosis_text("cli.fix_line", lang, rank=f.get("rank"), text=f.get(words, "")))
        sys.exit(EXIT_OK)
    if out_dir is None:
        raise click.UsageError("--apply needs --out NEW (the folder for the fixed scenario)")
    chosen = next((f for f in fixes if f.get("rank") == rank), None)
    if chosen is None:
        _fail("cli.fix_no_rank", lang, rank=rank, ranks=", ".join(str(f.get("rank")) for f in fixes) or "-")
    if Path(out_dir).resolve() == Path(scenario).resolve():
        _fail("cli.fix_same_folder", lang, folder=scenario)
    try:
        fixed = apply_fix(sc, chosen)
    except EditError as err:
        _fail("cli.fix_failed", lang, rank=rank, what=err)
    write_scenario(fixed, out_dir, xlsx=(Path(scenario) / XLSX_NAME).is_file())
    click.echo(diagnosis_text("cli.fix_applied", lang, rank=rank, text=chosen.get(words, ""), out=out_dir))
    sys.exit(EXIT_OK)
