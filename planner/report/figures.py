"""The committee pictures (matplotlib, Agg): Lorenz curve, hardship histogram, exchange graph.

Chinese labels need a CJK font, or matplotlib draws boxes. The project depends on
``manimgx-fonts-cjk`` (Noto Sans CJK, SIL OFL; see setup.cfg), so a normal install has one;
:func:`cjk_font` registers it with matplotlib, falls back to CJK fonts the system has, and when
there is none logs one clear warning and lets the pictures be drawn anyway (with boxes) - a
missing font must never stop a report.

Every function returns PNG bytes; callers write them with ``planner.io.plan_files.atomic_write`` or
embed them in the workbook. Figures are built on ``matplotlib.figure.Figure`` directly, never
through pyplot, so nothing global (backend, open figures) is touched.
"""
from __future__ import annotations

import dataclasses
import functools
import io
import logging
import warnings
from pathlib import Path

import matplotlib
from matplotlib import font_manager, patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

log = logging.getLogger(__name__)

# Simplified Chinese first (the glyph forms differ between SC, TC and JP), then common
# system fonts on Linux, Windows and macOS.
CJK_FONT_NAMES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", "Microsoft YaHei",
    "PingFang SC", "Heiti SC", "Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN",
    "Noto Sans CJK TC", "Noto Sans CJK JP",
)
_NORMAL_WEIGHT = 400


def _packaged_font_file():
    """The Noto Sans CJK file shipped by the ``manimgx-fonts-cjk`` dependency, or None."""
    try:
        import manimgx_fonts_cjk
    except ImportError:
        return None
    folder = Path(manimgx_fonts_cjk.__file__).parent
    files = sorted(folder.glob("*.ttc")) + sorted(folder.glob("*.otf")) + sorted(folder.glob("*.ttf"))
    return files[0] if files else None


def _register(path: Path) -> None:
    """Add a font file to matplotlib's font list, as a normal-weight face.

    The packaged file is a variable font whose default instance reports weight 100; left so,
    every lookup of a normal-weight face logs "Failed to find font weight normal". FreeType
    draws the default instance whatever we call it, so we record it as normal weight.
    """
    fm = font_manager.fontManager
    fm.addfont(str(path))
    for i, entry in enumerate(fm.ttflist):
        if Path(entry.fname) == path and entry.weight != _NORMAL_WEIGHT:
            fm.ttflist[i] = dataclasses.replace(entry, weight=_NORMAL_WEIGHT)
    # findfont caches its answers; clear them so that the re-weighted faces are seen.
    cache = getattr(fm, "_findfont_cached", None)
    if cache is not None and hasattr(cache, "cache_clear"):
        cache.cache_clear()


@functools.lru_cache(maxsize=1)
def cjk_font():
    """The family name of a CJK font matplotlib can use, or None (after one warning).

    Order: the font the project installs (``manimgx-fonts-cjk``), then system fonts named in
    :data:`CJK_FONT_NAMES`.
    """
    packaged = _packaged_font_file()
    if packaged is not None:
        try:
            _register(packaged)
        except Exception as err:     # a broken font file must not stop a report
            log.warning("could not load the packaged CJK font %s: %s", packaged, err)
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONT_NAMES:
        if name in names:
            log.debug("CJK font for pictures: %s", name)
            return name
    log.warning("no CJK font found: Chinese labels in the pictures will show as boxes. "
                "Install the project's dependencies (pip install manimgx-fonts-cjk) or a system "
                "CJK font (e.g. apt-get install fonts-noto-cjk).")
    return None


def _thin_font() -> bool:
    """True when the CJK font in use is the packaged variable font (drawn Thin)."""
    font = cjk_font()
    packaged = _packaged_font_file()
    return font is not None and packaged is not None and any(
        e.name == font and Path(e.fname) == packaged for e in font_manager.fontManager.ttflist)


def _rc(lang: str) -> dict:
    rc = {"axes.unicode_minus": False, "font.size": 10}
    font = cjk_font()
    if font is not None:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    return rc


def _embolden(fig: Figure) -> None:
    """Stroke every text outline in its own colour.

    Matplotlib draws only the default instance of a variable font, and the packaged Noto Sans
    CJK's default is its Thin weight: pale on screen and in print. A thin stroke of the text's
    own colour brings it to about Regular.
    """
    for t in fig.findobj(Text):
        t.set_path_effects([patheffects.withStroke(linewidth=0.7, foreground=t.get_color())])


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    if _thin_font():
        _embolden(fig)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # Without a CJK font, cjk_font() has already said so once; one warning per glyph adds nothing.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _text(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


# --- Lorenz curve ----------------------------------------------------------------------------
def lorenz_points(values) -> tuple:
    """(x, y) of the Lorenz curve: cumulative share of cadres vs cumulative share of points.

    Cadres are taken from the fewest points to the most; with no points at all the curve is the
    line of equality.
    """
    p = sorted(values)
    n = len(p)
    total = sum(p)
    xs = [i / n for i in range(n + 1)] if n else [0.0, 1.0]
    if n == 0 or total == 0:
        return xs, list(xs)
    ys, acc = [0.0], 0
    for v in p:
        acc += v
        ys.append(acc / total)
    return xs, ys


def lorenz_png(before, after, gini_before: float, gini_after: float, lang: str = "zh") -> bytes:
    """Lorenz curves of hardship points before and after the plan, with the Gini of each."""
    with matplotlib.rc_context(_rc(lang)):
        fig = Figure(figsize=(6.0, 4.6))
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1,
                label=_text(lang, "绝对均衡线", "line of equality"))
        xb, yb = lorenz_points(before)
        xa, ya = lorenz_points(after)
        ax.plot(xb, yb, color="#9e9e9e", linewidth=2,
                label=_text(lang, f"调整前（基尼系数 {gini_before:.3f}）", f"before (Gini {gini_before:.3f})"))
        ax.plot(xa, ya, color="#c62828", linewidth=2,
                label=_text(lang, f"调整后（基尼系数 {gini_after:.3f}）", f"after (Gini {gini_after:.3f})"))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(_text(lang, "干部累计占比（按艰苦积分由低到高）", "cumulative share of cadres (fewest points first)"))
        ax.set_ylabel(_text(lang, "艰苦积分累计占比", "cumulative share of hardship points"))
        ax.set_title(_text(lang, "艰苦积分洛伦兹曲线", "Lorenz curve of hardship points"))
        ax.legend(loc="upper left", frameon=False)
        ax.grid(True, color="0.9")
        return _png(fig)


# --- hardship histogram -------------------------------------------------------------------------
def hardship_histogram_png(before, after, lang: str = "zh") -> bytes:
    """How many cadres carry how many hardship points, before and after the plan."""
    before, after = list(before), list(after)
    with matplotlib.rc_context(_rc(lang)):
        fig = Figure(figsize=(6.0, 4.0))
        ax = fig.add_subplot()
        top = max(before + after + [1])
        bins = min(20, max(1, top))
        ax.hist([before, after], bins=bins, range=(0, top), color=["#9e9e9e", "#c62828"],
                label=[_text(lang, "调整前", "before"), _text(lang, "调整后", "after")])
        ax.set_xlabel(_text(lang, "艰苦积分（艰苦程度 × 月数，近年合计）", "hardship points (hardship x months)"))
        ax.set_ylabel(_text(lang, "干部人数", "cadres"))
        ax.set_title(_text(lang, "艰苦积分分布", "Hardship points per cadre"))
        ax.legend(frameon=False)
        ax.grid(True, axis="y", color="0.9")
        return _png(fig)


# --- exchange graph ------------------------------------------------------------------------------
CATEGORY_COLOURS = {"both": "#2e7d32", "send_only": "#ef6c00", "receive_only": "#1565c0", "isolated": "#bdbdbd"}
CATEGORY_ZH = {"both": "既调出又调入", "send_only": "只调出", "receive_only": "只调入", "isolated": "无跨地域交流"}
CATEGORY_EN = {"both": "sends and receives", "send_only": "only sends", "receive_only": "only receives",
               "isolated": "no exchange"}


def exchange_graph_png(graph, lang: str = "zh", title: str | None = None) -> bytes:
    """Draw the region graph of :func:`planner.report.exchange_graph.exchange_graph`.

    Nodes sit on a circle (stable from run to run), coloured by whether the region sends,
    receives, both or neither; an arrow's width and label give the number of postings.
    """
    import networkx as nx

    from planner.report.exchange_graph import region_category

    with matplotlib.rc_context(_rc(lang)):
        n = graph.number_of_nodes()
        side = 6.5 if n <= 12 else 9.0
        fig = Figure(figsize=(side, side * 0.85))
        ax = fig.add_subplot()
        ax.set_axis_off()
        if n == 0:
            ax.text(0.5, 0.5, _text(lang, "没有地区", "no regions"), ha="center")
            return _png(fig)
        nodes = sorted(graph.nodes)
        pos = nx.circular_layout(nodes) if n > 2 else {v: (i, 0) for i, v in enumerate(nodes)}
        cats = {v: region_category(graph, v) for v in nodes}
        # Node area grows with the postings a region receives, capped so that names stay clear.
        received = {v: graph.in_degree(v, weight="weight") for v in nodes}
        top_in = max(received.values(), default=0) or 1
        sizes = [250 + 900 * received[v] / top_in for v in nodes]
        nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax, node_size=sizes,
                               node_color=[CATEGORY_COLOURS[cats[v]] for v in nodes], alpha=0.9)
        weights = [d["weight"] for _, _, d in graph.edges(data=True)]
        wmax = max(weights, default=1)
        if len(weights) <= 400:
            nx.draw_networkx_edges(graph, pos, ax=ax, width=[1 + 4 * w / wmax for w in weights],
                                   arrowsize=14, edge_color="#455a64", node_size=sizes,
                                   connectionstyle="arc3,rad=0.12", arrows=True)
        else:
            # Hundreds of arrows are unreadable and slow to draw (one patch each): plain lines.
            nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.3 + 2 * w / wmax for w in weights],
                                   edge_color="#455a64", alpha=0.4, arrows=False)
        if n <= 40:
            names = {v: graph.nodes[v].get("name", v) for v in nodes}
            # Names sit outside the circle of nodes, clear of the arrows between them.
            label_pos = {v: (x * 1.3, y * 1.3 + (0.0 if abs(y) > 0.3 else 0.07)) for v, (x, y) in pos.items()}
            nx.draw_networkx_labels(graph, label_pos, labels=names, ax=ax, font_size=10 if n <= 12 else 7,
                                    font_family=_rc(lang).get("font.sans-serif", ["DejaVu Sans"])[0])
            if graph.number_of_edges() <= 60:
                nx.draw_networkx_edge_labels(graph, pos, ax=ax, font_size=8,
                                             edge_labels={(u, v): d["weight"] for u, v, d in graph.edges(data=True)},
                                             connectionstyle="arc3,rad=0.12",
                                             bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
        labels = CATEGORY_ZH if lang == "zh" else CATEGORY_EN
        handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=CATEGORY_COLOURS[k],
                          markeredgecolor="none", label=labels[k]) for k in CATEGORY_COLOURS]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=4, frameon=False)
        ax.set_title(title or _text(lang, "跨地域交流（箭头：调出地区 → 调入地区，数字为人数）",
                                    "Cross-region postings (arrow: from region -> to region, number of cadres)"))
        ax.margins(0.22)
        return _png(fig)
