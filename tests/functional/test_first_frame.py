"""What comes after Today's first frame comes after it: the week chart's plot (plotext is
imported then) and the footer's keys. Textual starts an app inside a batch update (its
compose, first resize and mount); a frame drawn meanwhile is not written, yet a widget's
``call_after_refresh`` calls back as after one. Measured in a terminal, waiting on that
put plotext's import and a full garbage collection before the first frame (about 40 ms)."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Label

from microtui.ui.app import MicroTuiApp
from microtui.ui.textual_compat import Footer
from microtui.ui.widgets.week_chart import WeekChart
from tests.functional.helpers import wait_for


def record_frames(monkeypatch, events: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Each frame Textual would write ("frame") and each one it drops inside a batch
    update ("frame dropped") is added to ``events``."""
    display = App._display

    def recorded(self: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None:
            events.append("frame dropped" if self._batch_count else "frame")
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", recorded)


async def test_textual_still_calls_back_after_a_frame_it_drops_at_start(monkeypatch):
    """Upstream (Textual 8.2.8): fails once a widget's ``call_after_refresh`` waits for a
    frame that is written, or the app no longer starts inside a batch update."""
    events: list[str] = []
    record_frames(monkeypatch, events)

    class Waiting(Label):
        def on_mount(self) -> None:
            self.call_after_refresh(self.call_after_refresh, events.append, "called back")

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Waiting("bare")

        async def on_mount(self) -> None:
            await asyncio.sleep(0.1)  # the app's mount, still inside the start-up batch

    app = Bare()
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: "called back" in events and "frame" in events)
    assert events.index("called back") < events.index("frame"), events


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
