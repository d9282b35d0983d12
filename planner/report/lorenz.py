"""The Lorenz curve of hardship points, before and after the plan (公平性)."""
from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure

from planner.labels.report import report_text
from planner.report.figures import figure_png, figure_rc


def lorenz_points(values) -> tuple:
    """(x, y) of the Lorenz curve: cumulative share of cadres vs cumulative share of points.

    Cadres are taken from the fewest points to the most; with no points at all the curve is the
    line of equality.
    """
    points = sorted(values)
    n = len(points)
    total = sum(points)
    xs = [i / n for i in range(n + 1)] if n else [0.0, 1.0]
    if n == 0 or total == 0:
        return xs, list(xs)
    ys, acc = [0.0], 0
    for v in points:
        acc += v
        ys.append(acc / total)
    return xs, ys


def lorenz_png(before, after, gini_before: float, gini_after: float, lang: str = "zh") -> bytes:
    """Lorenz curves of hardship points before and after the plan, with the Gini of each (PNG)."""
    with matplotlib.rc_context(figure_rc(lang)):
        fig = Figure(figsize=(6.0, 4.6))
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1,
                label=report_text("pic_lorenz_equal", lang))
        xb, yb = lorenz_points(before)
        xa, ya = lorenz_points(after)
        ax.plot(xb, yb, color="#9e9e9e", linewidth=2, label=report_text("pic_lorenz_before", lang, gini=gini_before))
        ax.plot(xa, ya, color="#c62828", linewidth=2, label=report_text("pic_lorenz_after", lang, gini=gini_after))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(report_text("pic_lorenz_x", lang))
        ax.set_ylabel(report_text("pic_lorenz_y", lang))
        ax.set_title(report_text("pic_lorenz_title", lang))
        ax.legend(loc="upper left", frameon=False)
        ax.grid(True, color="0.9")
        return figure_png(fig)
