"""Reading and writing: scenario folders (CSV or xlsx, scenario.yaml) and plan folders."""
from planner.io.plan_files import (  # noqa: F401
    PLAN_COLUMNS,
    atomic_write,
    json_text,
    plan_csv_text,
    write_result,
)
from planner.io.scenario_files import (  # noqa: F401
    COLUMNS,
    PLAN_FRAME_COLUMNS,
    REQUIRED_TABLES,
    TABLES,
    XLSX_NAME,
    YAML_NAME,
    ScenarioError,
    metrics_frame,
    parse_bool,
    plan_frame,
    read_scenario,
    scenario_sha256,
    scenario_summary,
    split_list,
    write_scenario,
)
