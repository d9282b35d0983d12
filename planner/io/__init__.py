"""Reading and writing: scenario folders (CSV or xlsx, scenario.yaml) and plan folders.

The only package that imports pandas. Its modules, by what they hold:

- ``tables``: the tables of SPEC 2, their columns and how each is read; ``cells``: the cell
  converters; ``code_words``: SPEC 7 Chinese labels read back as codes.
- ``grids``: CSV files and workbook sheets as trimmed text, bounded by ``limits``;
  ``checks``: conversion and the checks across rows; ``settings`` (with ``strict_yaml``):
  scenario.yaml; ``problems``: the ``file:row: column: what`` lines.
- ``read``: ``read_scenario``; ``write``: ``write_scenario``; ``hashing``: ``scenario_sha256``;
  ``unused_codes``: ``scenario_warnings``; ``overview``: ``scenario_summary``;
  ``frames``: ``plan_frame``, ``metrics_frame``; ``plan_files``: the plan folder.
"""
from planner.errors import ScenarioError as ScenarioError
from planner.io.cells import parse_bool as parse_bool
from planner.io.cells import split_list as split_list
from planner.io.frames import PLAN_FRAME_COLUMNS as PLAN_FRAME_COLUMNS
from planner.io.frames import metrics_frame as metrics_frame
from planner.io.frames import plan_frame as plan_frame
from planner.io.hashing import scenario_sha256 as scenario_sha256
from planner.io.overview import scenario_summary as scenario_summary
from planner.io.plan_files import PLAN_COLUMNS as PLAN_COLUMNS
from planner.io.plan_files import atomic_write as atomic_write
from planner.io.plan_files import json_text as json_text
from planner.io.plan_files import plan_csv_text as plan_csv_text
from planner.io.plan_files import write_result as write_result
from planner.io.read import read_scenario as read_scenario
from planner.io.tables import COLUMNS as COLUMNS
from planner.io.tables import REQUIRED_TABLES as REQUIRED_TABLES
from planner.io.tables import TABLES as TABLES
from planner.io.tables import XLSX_NAME as XLSX_NAME
from planner.io.tables import YAML_NAME as YAML_NAME
from planner.io.unused_codes import scenario_warnings as scenario_warnings
from planner.io.write import write_scenario as write_scenario
