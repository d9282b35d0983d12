"""Writing a scenario folder that ``read_scenario`` reads back to an equal scenario."""
from __future__ import annotations

import csv
import io as _io
import logging
import os
import shutil
import uuid
from dataclasses import fields
from pathlib import Path

import yaml

from models.months import month_str
from models.scenario import Scenario
from planner.io.code_words import LABEL_OF_CODE
from planner.io.tables import COLUMNS, TABLES, XLSX_NAME, YAML_NAME
from planner.labels.codes import GENDER_ZH

log = logging.getLogger(__name__)

_MONTH_COLS = {("cadres", "birth"), ("cadres", "entry"), ("cadres", "unit_since"),
               ("history", "start"), ("history", "end")}
_INT_COLS = {("units", "hardship"), ("openings", "start_month"), ("openings", "end_month"),
             ("openings", "seats"), ("openings", "min_seats"), ("openings", "min_service_years"),
             ("openings", "max_age"), ("openings", "hardship"), ("openings", "development"),
             ("preferences", "rank"), ("fit", "score")}
# (table, column) -> the SPEC 7 table of its codes, for ``labels="zh"``.
_CODED_COLS = {("units", "level"): "level", ("units", "hardship"): "hardship",
               ("cadres", "rank"): "rank", ("cadres", "post_type"): "post_type", ("cadres", "rating"): "rating",
               ("openings", "kind"): "kind", ("openings", "ranks"): "rank", ("openings", "post_type"): "post_type",
               ("openings", "min_rating"): "rating", ("openings", "hardship"): "hardship",
               ("history", "kind"): "kind"}
_BOOL_ZH = {True: "是", False: "否"}


def _cell_text(value) -> str:
    """A domain value as cell text (inverse of the converters)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, frozenset):
        return ";".join(sorted(value))
    if isinstance(value, tuple):   # team_needs
        return ";".join(f"{code}:{k}" for code, k in value)
    return str(value)


def _chinese_cell(table: str, column: str, value):
    """The cell a committee workbook would print: SPEC 7 labels, 男/女, 是/否; None if the value
    has no label (written as usual)."""
    kind = _CODED_COLS.get((table, column))
    if kind is not None and value is not None:
        words = LABEL_OF_CODE[kind]
        if isinstance(value, frozenset):
            return ";".join(sorted(words.get(v, v) for v in value))
        return words.get(value, value)
    if table == "cadres" and column == "gender":
        return GENDER_ZH.get(value, value)
    if isinstance(value, bool):
        return _BOOL_ZH[value]
    return None


def _table_rows(scenario: Scenario, name: str, extra_columns: tuple, chinese: bool) -> tuple:
    """Header and rows (as cell values) of one table."""
    cols = COLUMNS[name]
    header = list(cols) + (list(extra_columns) if name == "cadres" else [])
    rows = []
    for obj in getattr(scenario, name):
        row = []
        for c in cols:
            v = getattr(obj, c)
            label = _chinese_cell(name, c, v) if chinese else None
            if label is not None:
                row.append(label)
            elif (name, c) in _MONTH_COLS:
                row.append(month_str(v) if v is not None else "")
            elif (name, c) in _INT_COLS and v is not None:
                row.append(int(v))
            else:
                row.append(_cell_text(v))
        if name == "cadres":
            extra = dict(obj.extra)
            row.extend(_cell_text(extra.get(c, "")) for c in extra_columns)
        rows.append(row)
    return header, rows


def _extra_columns(scenario: Scenario) -> tuple:
    cols = list(scenario.extra_columns)
    seen = set(cols)
    for c in scenario.cadres:
        for k, _ in c.extra:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    return tuple(cols)


def settings_document(scenario: Scenario) -> dict:
    """scenario.yaml of a scenario as a mapping (``labels`` and ``policy`` only when set).

    Parameters
    ----------
    scenario : models.Scenario

    Returns
    -------
    dict
    """
    def section(obj):
        return {f.name: getattr(obj, f.name) for f in fields(obj)}
    doc = {
        "name": scenario.name,
        "plan_year": scenario.plan_year,
        "target_specialties": sorted(scenario.target_specialties),
        "rules": section(scenario.rules),
        "weights": section(scenario.weights),
        "solver": section(scenario.solver),
    }
    if scenario.labels:
        doc["labels"] = dict(scenario.labels)
    if scenario.policy:
        doc["policy"] = {code: titles[0] if len(titles) == 1 else list(titles)
                         for code, titles in scenario.policy.items()}
    return doc


def _xlsx_bytes(tables: dict) -> bytes:
    """One sheet per table; every text cell stored as a string, never as a formula."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    wb = openpyxl.Workbook(write_only=True)
    for name, (header, rows) in tables.items():
        ws = wb.create_sheet(name)
        for row in [header, *rows]:
            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"    # "=..." stays text (issue 11)
                cells.append(cell)
            ws.append(cells)
    buf = _io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _replace_files(out: Path, files: dict, stale: list) -> None:
    """Write ``files`` into ``out`` atomically: a new folder under a temporary name then renamed;
    in an existing folder each file to a temporary name then replaced, ``stale`` files removed."""
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        # A plain mkdir (not mkdtemp, which makes it 0700) so the folder gets the usual umask.
        tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            os.rename(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return
    for name, data in files.items():
        tmp_name = out / f".{name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            with open(tmp_name, "xb") as fh:
                fh.write(data)
            os.replace(tmp_name, out / name)
        except BaseException:
            tmp_name.unlink(missing_ok=True)
            raise
    for name in stale:
        (out / name).unlink(missing_ok=True)


def write_scenario(scenario: Scenario, out_dir: str | Path, xlsx: bool = False, encoding: str = "utf-8",
                   labels: str = "codes") -> Path:
    """Write a scenario folder that :func:`read_scenario` reads back to an equal scenario.

    Parameters
    ----------
    scenario : models.Scenario
    out_dir : str or Path
        Created if missing. Written atomically: a new folder is filled under a temporary name
        and renamed; in an existing folder each file is written to a temporary name and
        replaced, and tables of the other format (CSV vs ``scenario.xlsx``) are removed so the
        folder stays readable.
    xlsx : bool
        One ``scenario.xlsx`` (a sheet per table) instead of CSV files.
    encoding : str
        Of the CSV files: ``utf-8``, ``utf-8-sig`` (with BOM) or ``gb18030``.
    labels : {"codes", "zh"}
        ``zh`` writes what the committee workbook prints instead of codes: the SPEC 7 labels of
        kind, rank, post type, rating, level and hardship, 男/女 and 是/否. It reads back the same.

    Returns
    -------
    Path
        The folder.
    """
    if labels not in ("codes", "zh"):
        raise ValueError(f"labels must be 'codes' or 'zh', not {labels!r}")
    out = Path(out_dir)
    extra_columns = _extra_columns(scenario)
    tables = {n: _table_rows(scenario, n, extra_columns, labels == "zh") for n in TABLES}
    files: dict = {YAML_NAME: yaml.safe_dump(settings_document(scenario), allow_unicode=True, sort_keys=False)
                   .encode("utf-8")}
    if xlsx:
        files[XLSX_NAME] = _xlsx_bytes(tables)
    else:
        for n, (header, rows) in tables.items():
            buf = _io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
            files[f"{n}.csv"] = buf.getvalue().encode(encoding)
    _replace_files(out, files, [f"{n}.csv" for n in TABLES] if xlsx else [XLSX_NAME])
    log.info("wrote scenario %s (%s, %s)", out, "xlsx" if xlsx else encoding, labels)
    return out
