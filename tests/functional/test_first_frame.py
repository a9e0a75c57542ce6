"""What comes after Today's first frame comes after it: the week chart's plot (plotext is
imported then) and the footer's keys (:func:`microtui.ui.textual_compat.after_first_frame`).
Measured in a terminal, waiting on a frame Textual drops at start put plotext's import and a
full garbage collection before the first frame (about 40 ms)."""

from __future__ import annotations

from textual.app import ComposeResult

from microtui.ui.app import MicroTuiApp
from microtui.ui.textual_compat import Footer
from microtui.ui.widgets.week_chart import WeekChart
from tests.functional.helpers import record_frames, wait_for


async def test_the_plot_and_the_footers_keys_come_after_the_first_frame(library, clock,
                                                                       monkeypatch):
    events: list[str] = []
    record_frames(monkeypatch, events)
    make_plot = WeekChart._make_plot

    async def plotted(self: WeekChart) -> None:
        events.append("plot")
        await make_plot(self)

    compose = Footer.compose

    def composed(self: Footer) -> ComposeResult:
        if self._bindings_ready:
            events.append("keys")
        yield from compose(self)

    monkeypatch.setattr(WeekChart, "_make_plot", plotted)
    monkeypatch.setattr(Footer, "compose", composed)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "plot" in events and "keys" in events,
                       "the plot and the keys")
    assert "frame" in events
    first = events.index("frame")
    assert first < events.index("plot") and first < events.index("keys"), events
