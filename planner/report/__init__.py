"""The committee pack: the workbook (one module per sheet), the memo, the pictures, the exchange graph."""
from planner.errors import ReportError as ReportError
from planner.report.files import DEFAULT_NAME as DEFAULT_NAME
from planner.report.files import MEMO_NAME as MEMO_NAME
from planner.report.files import load_plan as load_plan
from planner.report.files import memo_path as memo_path
from planner.report.files import write_report as write_report
from planner.report.memo import memo_bytes as memo_bytes
from planner.report.memo import memo_of as memo_of
from planner.report.workbook import build_workbook as build_workbook
from planner.report.workbook import workbook_bytes as workbook_bytes
