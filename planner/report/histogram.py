"""How many cadres carry how many hardship points, before and after the plan (公平性)."""
from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure

from planner.labels.report import report_text
from planner.report.figures import figure_png, figure_rc


def hardship_histogram_png(before, after, lang: str = "zh") -> bytes:
    """Histogram of hardship points per cadre, before and after the plan side by side (PNG)."""
    before, after = list(before), list(after)
    with matplotlib.rc_context(figure_rc(lang)):
        fig = Figure(figsize=(6.0, 4.6))
        ax = fig.add_subplot()
        top = max(before + after + [1])
        bins = min(20, max(1, top))
        ax.hist([before, after], bins=bins, range=(0, top), color=["#9e9e9e", "#c62828"],
                label=[report_text("pic_hist_before", lang), report_text("pic_hist_after", lang)])
        ax.set_xlabel(report_text("pic_hist_x", lang))
        ax.set_ylabel(report_text("pic_hist_y", lang))
        ax.set_title(report_text("pic_hist_title", lang))
        ax.legend(frameon=False)
        ax.grid(True, axis="y", color="0.9")
        return figure_png(fig)
