"""The pictures: the CJK font, the Lorenz curve and histogram, the exchange graph drawn for print."""
from __future__ import annotations

import io
import math

import networkx as nx
import pytest
from PIL import Image

from planner.check import gini as check_gini
from planner.report.exchange_drawing import exchange_graph_png
from planner.report.histogram import hardship_histogram_png
from planner.report.lorenz import lorenz_png, lorenz_points


def test_cjk_font_resolves_and_has_the_glyphs():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from planner.report.figures import cjk_font

    name = cjk_font()
    assert name is not None, "no CJK font: install the project (manimgx-fonts-cjk) or fonts-noto-cjk"
    entry = next(e for e in font_manager.fontManager.ttflist if e.name == name)
    font = FT2Font(entry.fname, face_index=entry.index) if entry.fname.endswith(".ttc") else FT2Font(entry.fname)
    for ch in "艰苦积分洛伦兹曲线跨地域交流圆圈大小":
        assert font.get_char_index(ord(ch)) != 0, ch


def test_pictures_are_png_and_the_lorenz_area_is_the_gini():
    png = lorenz_png([0, 10, 30], [20, 10, 30], 0.4, 0.2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert hardship_histogram_png([0, 0], [0, 0])[:4] == b"\x89PNG"
    xs, ys = lorenz_points([0, 10, 30])
    assert xs == pytest.approx([0, 1 / 3, 2 / 3, 1]) and ys == pytest.approx([0, 0, 0.25, 1])
    assert lorenz_points([0, 0]) == ([0, 0.5, 1], [0, 0.5, 1])
    # The Gini is one minus twice the area under the Lorenz curve (trapezoids): 1 - 1/3 (0 + 0.25 + 1.25).
    area = sum((xs[k] - xs[k - 1]) * (ys[k] + ys[k - 1]) / 2 for k in range(1, len(xs)))
    assert math.isclose(1 - 2 * area, check_gini([0, 10, 30])) and math.isclose(1 - 2 * area, 0.5)


def _graph(edges, regions="ABCDEFGH"):
    g = nx.DiGraph()
    for r in regions:
        g.add_node(r, name=f"{r}区", remote=False)
    for u, v, w in edges:
        g.add_edge(u, v, weight=w, cadres="")
    return g


def test_exchange_graph_drawn_for_print():
    g = _graph([("A", "B", 9), ("B", "A", 6), ("C", "A", 1), ("D", "E", 2), ("E", "D", 3), ("F", "A", 4)])
    with Image.open(io.BytesIO(exchange_graph_png(g))) as img:
        assert img.width >= 1600 and img.height >= 1600


def test_count_labels_sit_apart_beside_their_arrows():
    from planner.report.exchange_drawing import _count_positions

    g = _graph([(u, v, 1) for u in "ABCDEFGH" for v in "ABCDEFGH" if u != v][:30])
    n = g.number_of_nodes()
    pos = {v: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n)) for i, v in enumerate(g.nodes)}
    spots = _count_positions(list(g.edges), pos, {v: 0.08 for v in g.nodes})
    # Two directions between one pair land on opposite sides of the chord, not on each other.
    a, b = spots[("A", "B")], spots[("B", "A")]
    assert math.dist(a, b) > 0.1
    # No two labels closer than about a label's width, none on a node.
    close = [(p, q) for i, p in enumerate(spots) for q in list(spots)[i + 1:] if math.dist(spots[p], spots[q]) < 0.1]
    assert len(close) <= len(spots) // 10
    assert all(math.dist(s, pos[v]) >= 0.17 for s in spots.values() for v in g.nodes)


def test_legend_shows_only_categories_that_occur(monkeypatch):
    from planner.report import exchange_drawing

    shown = []
    real = exchange_drawing.Line2D

    def spy(*args, **kwargs):
        shown.append(kwargs.get("label"))
        return real(*args, **kwargs)

    monkeypatch.setattr(exchange_drawing, "Line2D", spy)
    exchange_graph_png(_graph([("A", "B", 1), ("B", "A", 1)], regions="AB"))
    assert "既调出又调入" in shown and "只调出" not in shown and "无跨地域调动" not in shown
    assert any(label and label.endswith("人") for label in shown)          # node sizes explained


def test_no_cjk_font_warns_and_still_draws(monkeypatch, caplog):
    from planner.report import figures

    monkeypatch.setattr(figures, "_packaged_font_file", lambda: None)
    monkeypatch.setattr(figures, "CJK_FONT_NAMES", ("No Such CJK Font",))
    figures.cjk_font.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="planner.report.figures"):
            assert figures.cjk_font() is None
            png = lorenz_png([1, 2], [2, 2], 0.1, 0.0)
        assert png[:4] == b"\x89PNG"
        assert "no CJK font found" in caplog.text
    finally:
        monkeypatch.undo()
        figures.cjk_font.cache_clear()
    assert figures.cjk_font() is not None
