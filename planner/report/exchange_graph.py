"""The exchange graph (打破地域壁垒): which regions send cadres to which, as a NetworkX DiGraph.

Nodes are the regions of regions.csv (every one, so that a region with no exchange shows as
isolated); an edge ``a -> b`` carries ``weight`` = the number of cross-region postings from a
cadre based in a unit of region ``a`` (before the plan) to a unit of region ``b``. This is
SPEC 6's reading of "cross-region": postings only, new recruits left out (they come from no
region), temporary assignments and tasks left out. So the graph's figures agree with
summary.json: total weight = ``cross_region_postings``, regions with an out-edge =
``regions_sending``, with an in-edge = ``regions_receiving``.
"""
from __future__ import annotations

import io
import logging

import networkx as nx

from models.scenario import Scenario

log = logging.getLogger(__name__)

CATEGORIES = ("both", "send_only", "receive_only", "isolated")


def exchange_postings(scenario: Scenario, assignments) -> list:
    """Postings that the exchange figures count: (from region, to region, cadre_id, opening_id).

    Every posting of a cadre who has a current unit, in plan order; same-region ones included
    (the caller decides whether it wants the diagonal).
    """
    sc = scenario
    out = []
    for a in assignments:
        o = sc.opening_by_id[a.opening_id]
        if o.kind != "posting":
            continue
        c = sc.cadre_by_id[a.cadre_id]
        if c.unit_id is None:
            continue
        out.append((sc.unit_by_id[c.unit_id].region_id, sc.unit_by_id[o.unit_id].region_id,
                    a.cadre_id, a.opening_id))
    return out


def exchange_graph(scenario: Scenario, plan) -> nx.DiGraph:
    """The region DiGraph of a plan (``models.Plan`` or an iterable of assignments).

    Node attributes: ``name``, ``remote``. Edge attributes: ``weight`` (postings), ``cadres``
    (their ids joined by ``;``, so that GraphML can hold them). Graph attributes: ``postings``
    (postings of cadres with a current unit) and ``cross_region_postings``.
    """
    assignments = plan.assignments if hasattr(plan, "assignments") else list(plan)
    g = nx.DiGraph(name=scenario.name)
    for r in scenario.regions:
        g.add_node(r.region_id, name=r.name, remote=bool(r.remote))
    moves = exchange_postings(scenario, assignments)
    cadres: dict = {}
    for src, dst, cid, _ in moves:
        if src != dst:
            cadres.setdefault((src, dst), []).append(cid)
    for (src, dst), ids in sorted(cadres.items()):
        g.add_edge(src, dst, weight=len(ids), cadres=";".join(ids))
    g.graph["postings"] = len(moves)
    g.graph["cross_region_postings"] = sum(len(v) for v in cadres.values())
    return g


def region_category(g: nx.DiGraph, region: str) -> str:
    """``both``, ``send_only``, ``receive_only`` or ``isolated`` (no cross-region posting at all)."""
    sends, receives = g.out_degree(region) > 0, g.in_degree(region) > 0
    if sends and receives:
        return "both"
    if sends:
        return "send_only"
    if receives:
        return "receive_only"
    return "isolated"


def regions_by_category(g: nx.DiGraph) -> dict:
    """category -> region ids in node order."""
    out = {k: [] for k in CATEGORIES}
    for v in g.nodes:
        out[region_category(g, v)].append(v)
    return out


def graph_metrics(g: nx.DiGraph) -> dict:
    """Summary figures of an exchange graph.

    - ``regions``: all regions; ``regions_sending`` / ``regions_receiving``: with an out- / in-edge
      (SPEC 6's figures); ``regions_both``, ``regions_send_only``, ``regions_receive_only``,
      ``regions_isolated``: the four categories, which add up to ``regions``.
    - ``reciprocity``: NetworkX's, the share of edges whose reverse edge exists too (0 when there
      are no edges); ``weighted_reciprocity``: the share of cross-region postings matched by a
      posting the other way, sum over pairs of 2 min(w_ab, w_ba) / total weight.
    - ``cross_region_postings`` (total edge weight), ``postings`` (postings of cadres who have a
      current unit), ``cross_region_share`` = the first over the second (0 with no postings).
    - ``largest_scc``: regions in the largest strongly connected component (a region on its own
      counts 1; 0 with no regions): how far cadres can circulate and come back round.
    """
    cats = regions_by_category(g)
    total = sum(d["weight"] for _, _, d in g.edges(data=True))
    matched = sum(min(d["weight"], g[v][u]["weight"]) for u, v, d in g.edges(data=True) if g.has_edge(v, u))
    postings = int(g.graph.get("postings", total))
    return {
        "regions": g.number_of_nodes(),
        "regions_sending": sum(1 for v in g.nodes if g.out_degree(v) > 0),
        "regions_receiving": sum(1 for v in g.nodes if g.in_degree(v) > 0),
        "regions_both": len(cats["both"]),
        "regions_send_only": len(cats["send_only"]),
        "regions_receive_only": len(cats["receive_only"]),
        "regions_isolated": len(cats["isolated"]),
        "edges": g.number_of_edges(),
        "reciprocity": float(nx.reciprocity(g)) if g.number_of_edges() else 0.0,
        "weighted_reciprocity": matched / total if total else 0.0,
        "cross_region_postings": total,
        "postings": postings,
        "cross_region_share": total / postings if postings else 0.0,
        "largest_scc": max((len(c) for c in nx.strongly_connected_components(g)), default=0),
    }


def summary_lines(g: nx.DiGraph, metrics: dict | None = None) -> list:
    """The metrics as lines for a person (English; the CLI prints them)."""
    m = metrics or graph_metrics(g)
    cats = regions_by_category(g)

    def names(key):
        ids = cats[key]
        shown = ", ".join(f"{g.nodes[v].get('name', v)} ({v})" for v in ids[:12])
        return shown + (f", ... ({len(ids) - 12} more)" if len(ids) > 12 else "")

    lines = [
        f"regions: {m['regions']}; sending {m['regions_sending']}, receiving {m['regions_receiving']}, "
        f"both {m['regions_both']}, only sending {m['regions_send_only']}, only receiving "
        f"{m['regions_receive_only']}, isolated {m['regions_isolated']}",
        f"cross-region postings: {m['cross_region_postings']} of {m['postings']} postings "
        f"({m['cross_region_share']:.1%}) on {m['edges']} region pairs",
        f"reciprocity: {m['reciprocity']:.3f} of edges, {m['weighted_reciprocity']:.3f} of postings",
        f"largest strongly connected component: {m['largest_scc']} region(s)",
    ]
    for key, label in (("send_only", "only sending"), ("receive_only", "only receiving"), ("isolated", "isolated")):
        if cats[key]:
            lines.append(f"{label}: {names(key)}")
    return lines


def graphml_bytes(g: nx.DiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()
