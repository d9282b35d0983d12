"""The exchange graph drawn for print: regions on a circle, postings as curved arrows.

Drawn to be printed at about a third of its size beside the 地域交流 tables (so its fonts are
large), 1,700 px wide: every count sits in a white box beside its arrow's midpoint, on the outer
side of the curve (so the two directions between a pair of regions land on opposite sides),
upright, and pushed apart from other counts and from the nodes. The legend shows only the
categories that occur, and what a circle's size means.
"""
from __future__ import annotations

import math

import matplotlib
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from planner.labels.report import CATEGORY_EN, CATEGORY_ZH, report_text
from planner.report.exchange_graph import CATEGORIES, region_category
from planner.report.figures import figure_png, figure_rc

CATEGORY_COLOURS = {"both": "#2e7d32", "send_only": "#ef6c00", "receive_only": "#1565c0", "isolated": "#bdbdbd"}
FIGSIZE = (10.0, 11.6)       # inches: the circle above, legends below
DPI = 170                    # 1,700 px wide
RADIUS = 1.0                 # of the circle of regions, in data units
BEND = 0.2                   # arc3 rad of every arrow
NODE_MIN, NODE_MAX = 700.0, 4200.0   # scatter sizes (points²) for 0 and the most postings received
LABEL_LIMIT_NODES = 40       # more regions: no names
LABEL_LIMIT_EDGES = 80       # more arrows: no counts
ARROW_LIMIT = 400            # more edges: plain lines
NAME_PT, COUNT_PT, LEGEND_PT, TITLE_PT = 24, 22, 20, 22


def _node_sizes(received: dict) -> dict:
    top = max(received.values(), default=0) or 1
    return {v: NODE_MIN + (NODE_MAX - NODE_MIN) * k / top for v, k in received.items()}


def _count_positions(edges, pos: dict, node_radius: dict) -> dict:
    """Where each count goes: beside its arc's midpoint on the outer side, then pushed apart.

    With equal axes, an ``arc3`` curve from P to Q bulges by ``BEND`` times the chord's normal
    (dy, -dx); its midpoint is the chord's midpoint plus half of that. The label starts a little
    further out along the same normal, then a few rounds push labels that sit too close to each
    other or to a node apart.
    """
    spot = {}
    for u, v in edges:
        (x1, y1), (x2, y2) = pos[u], pos[v]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        nx_, ny_ = dy / length, -dx / length
        mx, my = (x1 + x2) / 2 + 0.5 * BEND * dy, (y1 + y2) / 2 - 0.5 * BEND * dx
        spot[(u, v)] = [mx + 0.075 * nx_, my + 0.075 * ny_]
    keys = list(spot)
    gap = 0.13
    for _ in range(60):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                (ax_, ay), (bx, by) = spot[a], spot[b]
                d = math.hypot(ax_ - bx, ay - by)
                if d < gap:
                    ux, uy = ((ax_ - bx) / d, (ay - by) / d) if d > 1e-9 else (1.0, 0.0)
                    push = (gap - d) / 2 + 1e-3
                    spot[a] = [ax_ + ux * push, ay + uy * push]
                    spot[b] = [bx - ux * push, by - uy * push]
                    moved = True
            for node, (px, py) in pos.items():
                lx, ly = spot[a]
                need = node_radius[node] + 0.1
                d = math.hypot(lx - px, ly - py)
                if d < need:
                    ux, uy = ((lx - px) / d, (ly - py) / d) if d > 1e-9 else (0.0, 1.0)
                    spot[a] = [px + ux * need, py + uy * need]
                    moved = True
        if not moved:
            break
    return {k: tuple(p) for k, p in spot.items()}


def exchange_graph_png(graph, lang: str = "zh", title: str | None = None) -> bytes:
    """Draw the region graph of :func:`planner.report.exchange_graph.exchange_graph` (PNG bytes).

    Nodes sit on a circle in node order (stable from run to run), coloured by whether the region
    sends, receives, both or neither; a circle's area grows with the postings it receives; an
    arrow's width and its boxed number give the postings from one region to another.
    """
    words = CATEGORY_ZH if lang == "zh" else CATEGORY_EN
    with matplotlib.rc_context(figure_rc(lang)):
        fig = Figure(figsize=FIGSIZE)
        ax = fig.add_axes((0.03, 0.16, 0.94, 0.77))
        ax.set_axis_off()
        ax.set_aspect("equal")
        lim = RADIUS * 1.45
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        fig.suptitle(title or report_text("pic_graph_title", lang), fontsize=TITLE_PT, y=0.975, wrap=True)
        nodes = list(graph.nodes)
        if not nodes:
            ax.text(0, 0, report_text("pic_no_regions", lang), ha="center", fontsize=NAME_PT)
            return figure_png(fig, DPI, tight=False)
        n = len(nodes)
        # Start at the top and go clockwise, as one reads a clock.
        pos = {v: (RADIUS * math.sin(2 * math.pi * i / n), RADIUS * math.cos(2 * math.pi * i / n))
               for i, v in enumerate(nodes)}
        received = {v: graph.in_degree(v, weight="weight") for v in nodes}
        sizes = _node_sizes(received)
        # A node's radius in data units: sqrt(size) points across, the axes' width in points.
        axes_pt = min(0.94 * FIGSIZE[0], 0.77 * FIGSIZE[1]) * 72
        node_radius = {v: math.sqrt(s) / 2 / axes_pt * 2 * lim for v, s in sizes.items()}
        cats = {v: region_category(graph, v) for v in nodes}
        weights = {(u, v): d["weight"] for u, v, d in graph.edges(data=True)}
        top_w = max(weights.values(), default=1)
        if len(weights) > ARROW_LIMIT:
            # Hundreds of arrows are unreadable and slow to draw (one patch each): plain lines.
            ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in weights], colors="#455a64", alpha=0.35,
                                             linewidths=[0.4 + 2.5 * w / top_w for w in weights.values()], zorder=1))
        for (u, v), w in (weights.items() if len(weights) <= ARROW_LIMIT else ()):
            ax.add_patch(FancyArrowPatch(
                pos[u], pos[v], connectionstyle=f"arc3,rad={BEND}", arrowstyle="-|>",
                mutation_scale=26 if n <= LABEL_LIMIT_NODES else 12, linewidth=1.2 + 5 * w / top_w,
                color="#455a64", alpha=0.85, shrinkA=math.sqrt(sizes[u]) / 2 + 2,
                shrinkB=math.sqrt(sizes[v]) / 2 + 3, zorder=1))
        ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=[sizes[v] for v in nodes],
                   c=[CATEGORY_COLOURS[cats[v]] for v in nodes], edgecolors="white", linewidths=2, zorder=2)
        if n <= LABEL_LIMIT_NODES:
            for v in nodes:
                x, y = pos[v]
                reach = 1.0 + node_radius[v] / RADIUS + 0.06
                if abs(x) < 0.2:
                    ha, va = "center", ("bottom" if y > 0 else "top")
                else:
                    ha, va = ("left" if x > 0 else "right"), "center"
                ax.text(x * reach, y * reach, graph.nodes[v].get("name", v), ha=ha, va=va,
                        fontsize=NAME_PT if n <= 16 else NAME_PT * 0.7, zorder=3)
        if weights and len(weights) <= LABEL_LIMIT_EDGES:
            for (u, v), (x, y) in _count_positions(list(weights), pos, node_radius).items():
                ax.text(x, y, str(weights[(u, v)]), ha="center", va="center", fontsize=COUNT_PT, zorder=4,
                        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#90a4ae", "lw": 1.0})
        if not weights:
            ax.text(0, 0, report_text("pic_no_edges", lang), ha="center", va="center", fontsize=NAME_PT * 0.8,
                    color="0.35")
        present = [k for k in CATEGORIES if k in set(cats.values())]
        handles = [Line2D([], [], marker="o", linestyle="", markersize=18, markerfacecolor=CATEGORY_COLOURS[k],
                          markeredgecolor="none", label=words[k]) for k in present]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.04, 0.15), ncol=1, frameon=False,
                   fontsize=LEGEND_PT, title=report_text("pic_colour_title", lang), title_fontsize=LEGEND_PT,
                   alignment="left", labelspacing=0.6)
        steps = sorted({0, max(received.values()) // 2, max(received.values())})
        top = max(received.values()) or 1
        size_handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#455a64",
                               markersize=math.sqrt(NODE_MIN + (NODE_MAX - NODE_MIN) * k / top),
                               label=report_text("pic_size_item", lang, k=k)) for k in steps]
        fig.legend(handles=size_handles, loc="upper left", bbox_to_anchor=(0.5, 0.15), ncol=len(size_handles),
                   frameon=False, fontsize=LEGEND_PT, title=report_text("pic_size_title", lang),
                   title_fontsize=LEGEND_PT, alignment="left", columnspacing=1.2, handletextpad=1.0,
                   handleheight=3.4, borderpad=0.6)
        return figure_png(fig, DPI, tight=False)
