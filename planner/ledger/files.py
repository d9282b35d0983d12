"""The ledger as files: ``ledger.json`` (SPEC 8) and ``ledger.graphml`` (the yearly flows)."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from models.exchange import Ledger
from models.scenario import Scenario
from planner.io.plan_files import atomic_write
from planner.ledger.graph import graphml_bytes, ledger_graph

log = logging.getLogger(__name__)


def ledger_json(ledger: Ledger) -> str:
    """SPEC 8's JSON on one line (what ``planner ledger --json`` prints)."""
    return json.dumps(ledger.as_dict(), ensure_ascii=False)


def write_ledger_files(scenario: Scenario, ledger: Ledger, out_dir) -> list:
    """Write ``ledger.json`` and ``ledger.graphml`` into ``out_dir`` (created if need be); return the paths."""
    out = Path(out_dir)
    paths = [out / "ledger.json", out / "ledger.graphml"]
    atomic_write(paths[0], json.dumps(ledger.as_dict(), ensure_ascii=False, indent=1) + "\n")
    atomic_write(paths[1], graphml_bytes(ledger_graph(scenario, ledger)))
    log.info("ledger %d-%d: %d move pair-years, %d barrier(s) -> %s", ledger.years[0], ledger.years[-1],
             len(ledger.moves), len(ledger.barriers), out)
    return paths
