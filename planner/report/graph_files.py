"""The exchange graph as files: ``PREFIX.graphml`` and ``PREFIX.png``."""
from __future__ import annotations

import logging
from pathlib import Path

from models.scenario import Scenario
from planner.io.plan_files import atomic_write
from planner.report.exchange_drawing import exchange_graph_png
from planner.report.exchange_graph import exchange_graph, graph_metrics, graphml_bytes

log = logging.getLogger(__name__)


def write_graph(scenario: Scenario, plan, prefix, lang: str = "zh") -> tuple:
    """Write ``PREFIX.graphml`` and ``PREFIX.png`` atomically; return (graph, metrics, paths)."""
    prefix = Path(prefix)
    g = exchange_graph(scenario, plan)
    metrics = graph_metrics(g)
    graphml = prefix.with_name(prefix.name + ".graphml")
    png = prefix.with_name(prefix.name + ".png")
    atomic_write(graphml, graphml_bytes(g))
    atomic_write(png, exchange_graph_png(g, lang=lang))
    log.info("exchange graph: %d regions, %d edges -> %s, %s", g.number_of_nodes(), g.number_of_edges(), graphml, png)
    return g, metrics, [graphml, png]
