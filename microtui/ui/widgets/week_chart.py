"""The week chart: sets done on each of the last days, today last, as bars.

Re-plotted only when it is handed new counts (never on a timer): the screen keeps the
counts in a reactive attribute and calls :meth:`WeekChart.show_week` when they change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual_plotext import PlotextPlot


class WeekChart(PlotextPlot):
    """Bars of sets done per day, labelled with the days' short names and ``today``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Sets done · last 7 days"

    def show_week(self, week: Sequence[tuple[str, int]]) -> None:
        """Plot ``week``: (day label, sets done) from the oldest day to today (whose label
        shows as ``today``); nothing for an empty week."""
        plt = self.plt
        plt.clear_figure()
        if week:
            labels = [label for label, _ in week[:-1]] + ["today"]
            counts = [count for _, count in week]
            positions: list[float] = list(range(1, len(counts) + 1))
            plt.bar(positions, counts, width=0.5)
            plt.xticks(positions, labels)
            top = max(max(counts), 1)
            ticks: list[float] = sorted({0, math.ceil(top / 2), top})
            plt.yticks(ticks)
            plt.ylim(0, top * 1.1)
        self.refresh()
