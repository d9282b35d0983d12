"""Pictures of the exchange ledger (SPEC 8): a region x region heat map of the moves over the
window, and the moves (and secondments) per year. Chinese by default; PNG bytes, drawn on a
``matplotlib.figure.Figure`` with the CJK font set-up of :mod:`planner.report.figures`."""
from __future__ import annotations

import logging
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from models.exchange import Ledger
from models.scenario import Scenario
from planner.io.plan_files import atomic_write
from planner.labels.ledger import ledger_text
from planner.report.figures import figure_png, figure_rc

log = logging.getLogger(__name__)

HEATMAP_NAME = "ledger_heatmap.png"
YEARS_NAME = "ledger_years.png"
LABELLED_CELLS = 30     # regions up to which each cell shows its number


def _region_label(scenario: Scenario, region_id: str) -> str:
    r = scenario.region_by_id.get(region_id)
    return r.name if r else region_id


def ledger_heatmap_png(scenario: Scenario, ledger: Ledger, lang: str = "zh") -> bytes:
    """Moves over the window as a region x region heat map (rows: from, columns: to); a barrier
    shows as a pair of empty cells, mirrored about the diagonal."""
    regions = list(ledger.regions)
    n = len(regions)
    index = {r: i for i, r in enumerate(regions)}
    grid = np.zeros((n, n), dtype=int)
    for (src, dst), count in ledger.pair_totals().items():
        if src in index and dst in index:
            grid[index[src], index[dst]] += count
    first, last = ledger.years[0], ledger.years[-1]
    with matplotlib.rc_context(figure_rc(lang)):
        side = min(11.0, 3.0 + 0.45 * n)
        fig = Figure(figsize=(side + 1.2, side))
        ax = fig.add_subplot()
        # The diagonal is masked (grey): a move is between two regions.
        cmap = matplotlib.colormaps["YlOrRd"].with_extremes(bad="#e0e0e0")
        shown = np.ma.masked_array(grid, mask=np.eye(n, dtype=bool))
        image = ax.imshow(shown, cmap=cmap, vmin=0, vmax=max(1, int(grid.max())))
        labels = [_region_label(scenario, r) for r in regions]
        ax.set_xticks(range(n), labels=labels, rotation=45 if n > 6 else 0, ha="right" if n > 6 else "center",
                      fontsize=9 if n <= 20 else 6)
        ax.set_yticks(range(n), labels=labels, fontsize=9 if n <= 20 else 6)
        if n <= LABELLED_CELLS:
            top = grid.max() or 1
            for i in range(n):
                for j in range(n):
                    if i != j:
                        ax.text(j, i, str(grid[i, j]), ha="center", va="center", fontsize=8,
                                color="white" if grid[i, j] > 0.6 * top else "black")
        ax.set_xlabel(ledger_text("fig_heat_x", lang))
        ax.set_ylabel(ledger_text("fig_heat_y", lang))
        ax.set_title(ledger_text("fig_heat_title", lang, first=first, last=last))
        bar = fig.colorbar(image, ax=ax, shrink=0.8)
        bar.set_label(ledger_text("fig_heat_bar", lang))
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
        return figure_png(fig)


def moves_per_year_png(scenario: Scenario, ledger: Ledger, lang: str = "zh") -> bytes:
    """Moves and secondments per year of the window, the plan year (when there is a plan) marked."""
    years = list(ledger.years)
    moves = ledger.moves_per_year()
    seconded = {y: 0 for y in years}
    for y, _, _, count in ledger.secondments:
        seconded[y] += count
    x = np.arange(len(years))
    with matplotlib.rc_context(figure_rc(lang)):
        fig = Figure(figsize=(max(5.0, 1.0 + 0.8 * len(years)), 4.0))
        ax = fig.add_subplot()
        ax.bar(x - 0.2, [moves[y] for y in years], width=0.4, color="#c62828",
               label=ledger_text("fig_year_moves", lang))
        ax.bar(x + 0.2, [seconded[y] for y in years], width=0.4, color="#90a4ae",
               label=ledger_text("fig_year_secondments", lang))
        ticks = [ledger_text("fig_year_plan", lang, year=y) if ledger.with_plan and y == scenario.plan_year
                 else str(y) for y in years]
        ax.set_xticks(x, labels=ticks)
        for xi, y in zip(x, years):
            ax.text(xi - 0.2, moves[y], str(moves[y]), ha="center", va="bottom", fontsize=8)
        ax.set_xlabel(ledger_text("fig_year_x", lang))
        ax.set_ylabel(ledger_text("fig_year_y", lang))
        ax.set_title(ledger_text("fig_year_title", lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(frameon=False)
        ax.grid(True, axis="y", color="0.9")
        return figure_png(fig)


def write_ledger_pictures(scenario: Scenario, ledger: Ledger, out_dir, lang: str = "zh") -> list:
    """Write :data:`HEATMAP_NAME` and :data:`YEARS_NAME` into ``out_dir``; return the paths."""
    out = Path(out_dir)
    paths = [out / HEATMAP_NAME, out / YEARS_NAME]
    atomic_write(paths[0], ledger_heatmap_png(scenario, ledger, lang))
    atomic_write(paths[1], moves_per_year_png(scenario, ledger, lang))
    log.info("ledger pictures -> %s", out)
    return paths
