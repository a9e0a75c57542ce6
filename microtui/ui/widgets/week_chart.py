"""The week chart: sets done on each of the last days, today last, as bars.

Re-plotted only when it is handed new counts (never on a timer): the screen keeps the
counts in a reactive attribute and calls :meth:`WeekChart.show_week` when they change.

The chart is a frame (its border and title) whose plot is made once the screen has been
drawn: plotext and its Textual widget are only imported then, so Today's first frame does
not wait for them. Counts handed over before that are plotted when the plot comes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.app import RenderResult
from textual.widget import Widget

from microtui.ui.screen_preload import after_start

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot


class WeekChart(Widget):
    """Bars of sets done per day, labelled with the days' short names and ``today``."""

    DEFAULT_CSS = """
    WeekChart > PlotextPlot {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Sets done · last 7 days"
        self._plot: PlotextPlot | None = None
        self._week: Sequence[tuple[str, int]] = ()

    def on_mount(self) -> None:
        after_start(self.app, self._make_plot, then_on=self)

    def render(self) -> RenderResult:
        """Nothing inside the frame until the plot comes (a widget with nothing to show
        would otherwise show its own name there: ``WeekChart#week-chart``)."""
        return ""

    async def _make_plot(self) -> None:
        if not self.is_attached:
            return
        from textual_plotext import PlotextPlot

        plot = PlotextPlot()
        await self.mount(plot)
        self._plot = plot
        self._draw()

    @property
    def plotted(self) -> bool:
        """Whether the plot is there (it comes after the screen's first frame)."""
        return self._plot is not None

    @property
    def plt(self) -> Any:
        """plotext, as :attr:`textual_plotext.PlotextPlot.plt` (once :attr:`plotted`)."""
        if self._plot is None:
            raise RuntimeError("the week chart has no plot yet")
        return self._plot.plt

    def show_week(self, week: Sequence[tuple[str, int]]) -> None:
        """Plot ``week``: (day label, sets done) from the oldest day to today (whose label
        shows as ``today``); nothing for an empty week."""
        self._week = week
        if self._plot is not None:
            self._draw()

    def _draw(self) -> None:
        assert self._plot is not None
        week = self._week
        plt = self._plot.plt
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
        self._plot.refresh()
