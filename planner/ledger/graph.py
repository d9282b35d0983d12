"""The ledger as a NetworkX MultiDiGraph of regions: one edge per year and kind with its count."""
from __future__ import annotations

import io

import networkx as nx

from models.exchange import Ledger
from models.scenario import Scenario

KINDS = ("move", "secondment")


def ledger_graph(scenario: Scenario, ledger: Ledger) -> nx.MultiDiGraph:
    """Regions as nodes (every region of regions.csv and every region holding a unit; attributes
    ``name``, ``remote``, ``moves_out``, ``moves_in``); an edge ``a -> b`` keyed ``"{kind}-{year}"``
    for each year and kind (``move`` or ``secondment``) with ``year``, ``kind`` and ``count``.
    Graph attributes: ``name``, ``years`` ("2023-2027"), ``with_plan`` and ``barriers`` ("R02-R05;...")."""
    totals = ledger.region_totals()
    g = nx.MultiDiGraph(name=scenario.name, years=f"{ledger.years[0]}-{ledger.years[-1]}",
                        with_plan=bool(ledger.with_plan),
                        barriers=";".join(f"{a}-{b}" for a, b in ledger.barriers))
    known = {r.region_id: r for r in scenario.regions}
    for rid in sorted(set(known) | set(ledger.regions)):
        r = known.get(rid)
        out, into = totals.get(rid, (0, 0))
        g.add_node(rid, name=r.name if r else rid, remote=bool(r.remote) if r else False,
                   moves_out=int(out), moves_in=int(into))
    for kind, rows in (("move", ledger.moves), ("secondment", ledger.secondments)):
        for year, src, dst, count in rows:
            g.add_edge(src, dst, key=f"{kind}-{year}", year=int(year), kind=kind, count=int(count))
    return g


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML (UTF-8)."""
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()
