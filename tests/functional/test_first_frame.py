"""What comes after Today's first frame comes after it: the week chart's plot (plotext is
imported then, :func:`microtui.ui.textual_compat.after_first_frame`). Measured in a
terminal, waiting on a frame Textual drops at start put plotext's import and a full garbage
collection before the first frame (about 40 ms). The footer's keys, one line drawn by one
widget, are in the first frame."""

from __future__ import annotations

from microtui.ui.app import MicroTuiApp
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.week_chart import WeekChart
from tests.functional.helpers import record_frames, screen_text, wait_for


async def test_the_plot_comes_after_the_first_frame_and_the_keys_with_it(library, clock,
                                                                          monkeypatch):
    events: list[str] = []
    record_frames(monkeypatch, events, lambda screen, dropped: "frame dropped" if dropped else
                  f"frame keys={[shown.unit.label for shown in screen.query_one(Footer).drawn]}")
    make_plot = WeekChart._make_plot

    async def plotted(self: WeekChart) -> None:
        events.append("plot")
        await make_plot(self)

    monkeypatch.setattr(WeekChart, "_make_plot", plotted)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "plot" in events, "the plot")
    frames = [event for event in events if event.startswith("frame keys=")]
    assert frames, events
    first = events.index(frames[0])
    assert first < events.index("plot"), events
    assert frames[0].endswith("'Help', 'Quit']"), frames[0]


async def test_the_week_charts_frame_is_empty_until_its_plot_comes(library, clock,
                                                                   monkeypatch):
    """Before its plot the week chart shows its border and title and nothing inside (it
    showed its own name, ``WeekChart#week-chart``, for a moment on every start)."""
    events: list[str] = []
    record_frames(monkeypatch, events, lambda screen, dropped: None if dropped else
                  screen_text(screen.app))
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one(WeekChart).plotted, "the plot")
    first = events[0]
    assert "Sets done · last 7 days" in first, first
    assert "WeekChart" not in first and "week-chart" not in first, first


async def test_the_stylesheet_is_parsed_once_before_todays_first_frame(library, clock,
                                                                        monkeypatch):
    """Today's widgets' default CSS comes in with the app's (``TodayScreen.COMPOSED_OF``):
    no widget new to the app makes Textual parse the stylesheet again as it mounts."""
    from textual.css.stylesheet import Stylesheet

    from microtui.ui.screens.today import TodayScreen
    from microtui.ui.textual_compat import screen_parts

    events: list[str] = []
    record_frames(monkeypatch, events)
    parse = Stylesheet.parse

    def parsed(self: Stylesheet) -> None:
        if "frame" not in events:
            events.append("parse")
        parse(self)

    monkeypatch.setattr(Stylesheet, "parse", parsed)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "frame" in events, "the first frame")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        kinds = {type(node) for node in screen.walk_children()}
    assert events.count("parse") == 1, events
    covered = (*TodayScreen.COMPOSED_OF, *screen_parts())
    assert [kind for kind in kinds if not issubclass(kind, covered)] == []
