"""Exchange over the years (SPEC 8): the ledger of moves, secondments and barriers between regions,
as tables, text, JSON and a NetworkX MultiDiGraph. The counting itself is ``models.exchange``."""
from planner.ledger.files import ledger_json, write_ledger_files  # noqa: F401
from planner.ledger.graph import graphml_bytes, ledger_graph  # noqa: F401
from planner.ledger.render import barrier_words, ledger_lines, region_word  # noqa: F401
from planner.ledger.tables import (  # noqa: F401
    BARRIER_COLUMNS,
    MOVE_COLUMNS,
    RECORD_COLUMNS,
    SECONDMENT_RECORD_COLUMNS,
    barrier_crossings,
    count_records,
    ledger_of,
    move_records,
    plan_moves,
    plan_rows,
    region_categories,
    secondment_records,
)
