"""A scenario template to fill in (``planner init``): scenario.yaml with Chinese comments and
scenario.xlsx with one sheet per table — the SPEC 2 headers with a Chinese note on each column,
drop-down lists of Chinese labels for every coded column, an example row, and a 填表说明 sheet."""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from planner.errors import OutputError
from planner.io.plan_files import atomic_write
from planner.labels import GENDER_ZH, HARDSHIP_ZH, KIND_ZH, LEVEL_ZH, POST_TYPE_ZH, RANK_ZH, RATING_ZH
from planner.labels.template import COLUMN_NOTES, EXTRA_EXAMPLES, INSTRUCTIONS, OPTIONAL_NOTE, YAML_TEMPLATE

REQUIRED = ("regions", "units", "cadres", "openings")
YES_NO = ("是", "否")
_ROWS_WITH_LISTS = 1000     # data validation reaches this row

# column name -> the Chinese labels offered in its drop-down list (a code column of SPEC 7)
CHOICES = {
    "remote": YES_NO, "grassroots": YES_NO, "key_shortage": YES_NO, "talent_pool": YES_NO, "exempt": YES_NO,
    "allow_transfer": YES_NO, "talent_pool_only": YES_NO,
    "level": tuple(LEVEL_ZH.values()), "hardship": tuple(HARDSHIP_ZH.values()),
    "gender": tuple(GENDER_ZH.values()), "rank": tuple(RANK_ZH.values()),
    "post_type": tuple(POST_TYPE_ZH.values()), "rating": tuple(RATING_ZH.values()),
    "min_rating": tuple(RATING_ZH.values()), "kind": tuple(KIND_ZH.values()), "lock": ("require", "forbid"),
}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def template_workbook() -> bytes:
    """scenario.xlsx of the template, as bytes."""
    wb = Workbook()
    notes_ws = wb.active
    notes_ws.title = INSTRUCTIONS[0]
    notes_ws.column_dimensions["A"].width = 110
    for row, text in enumerate(INSTRUCTIONS, start=1):
        cell = notes_ws.cell(row=row, column=1, value=text)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=row == 1, size=14 if row == 1 else 11)
    for table, columns in COLUMN_NOTES.items():
        ws = wb.create_sheet(table)
        for col, (name, (note, example)) in enumerate(columns.items(), start=1):
            head = ws.cell(row=1, column=col, value=name)
            head.font = Font(bold=True)
            head.fill = HEADER_FILL
            text = note if table in REQUIRED else note + OPTIONAL_NOTE
            head.comment = Comment(text, "planner init", width=260, height=90)
            cell = ws.cell(row=2, column=col, value=example)
            cell.data_type = "s"          # text, never a formula or a number guessed by Excel
            letter = head.column_letter
            ws.column_dimensions[letter].width = max(12, len(name) + 4)
            if name in CHOICES and not (table == "locks" and name != "lock"):
                choices = ",".join(CHOICES[name])
                dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="请从列表中选择",
                                    error=f"{name}：请从下拉列表中选择")
                dv.add(f"{letter}2:{letter}{_ROWS_WITH_LISTS}")
                ws.add_data_validation(dv)
        extra = EXTRA_EXAMPLES.get(table)
        if extra:
            for col, name in enumerate(columns, start=1):
                ws.cell(row=3, column=col, value=extra.get(name, "")).data_type = "s"
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_template(out_dir) -> list:
    """Write the template into ``out_dir`` (a new or empty folder); return the paths written.

    Raises
    ------
    OutputError
        ``out_dir`` already holds files (a template never overwrites a scenario).
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError([f"{out_dir}: not an empty folder; planner init writes a new scenario folder"])
    paths = [out / "scenario.yaml", out / "scenario.xlsx"]
    atomic_write(paths[0], YAML_TEMPLATE)
    atomic_write(paths[1], template_workbook())
    return paths
