"""Switching screens does only the work it must: a screen shown again is not styled from
scratch, Today's first frame waits for neither plotext nor the footer's keys, and every
screen's CSS is in before it is first shown."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest
from textual.app import App

from microtui.ui.app import MicroTuiApp
from microtui.ui.screen_preload import SCREEN_CSS
from microtui.ui.screens.library import LibraryScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.timeline import Timeline
from microtui.ui.widgets.week_chart import WeekChart
from tests.functional.helpers import (
    record_calls,
    record_frames,
    settle,
    wait_for,
    wait_for_screen,
)

SIZE = (120, 40)


async def test_a_screen_shown_again_is_not_styled_again(library, clock, monkeypatch):
    from microtui.ui.screens.progress import ProgressScreen
    from microtui.ui.screens.routine import RoutineScreen

    app = MicroTuiApp(library, clock=clock)
    refreshes: list[str] = []
    original = App.refresh_css

    def counted(self: App, animate: bool = True) -> None:
        refreshes.append(self.current_mode)
        original(self, animate)

    monkeypatch.setattr(App, "refresh_css", counted)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        for key, kind in (("3", RoutineScreen), ("4", ProgressScreen),
                          ("5", LibraryScreen), ("1", TodayScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, kind)
        refreshes.clear()
        for key, kind in (("3", RoutineScreen), ("4", ProgressScreen),
                          ("5", LibraryScreen), ("1", TodayScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, kind)
        assert refreshes == []


async def test_every_screens_css_is_in_once_today_has_drawn(library, clock):
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: all(app.stylesheet.has_source(str(path), "")
                                          for path in SCREEN_CSS), "every screen's CSS in")
    assert {path.name for path in SCREEN_CSS} >= {"today.tcss", "routine.tcss",
                                                  "progress.tcss", "player.tcss"}


async def test_the_week_chart_is_plotted_after_the_first_frame(library, clock):
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        chart = app.screen.query_one(WeekChart)
        await wait_for(pilot, lambda: chart.plotted, "the week chart plotted")
        assert chart.plt is not None


@pytest.mark.parametrize("module", ["plotext", "textual_plotext"])
def test_today_does_not_import_plotext(module):
    import subprocess

    code = ("import sys, microtui.ui.app, microtui.ui.screens.today; "
            f"print({module!r} in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(("screen", "later"), [
    # The calendar's reading and fetching (and hashlib) come with a save.
    ("routine", {"microtui.calendar_source", "hashlib"}),
    # The insights' code when they are asked for (i), the mobility check when it is (m).
    ("progress", {"microtui.report_insights", "microtui.core.sensation_patterns",
                  "microtui.ui.screens.checkin"}),
])
def test_a_screens_first_visit_imports_only_what_it_shows(screen, later):
    import subprocess

    code = (f"import sys, microtui.ui.app, microtui.ui.screens.{screen}; "
            f"print(sorted({later!r} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_screen_is_made_with_the_breakpoint_class_textual_would_give_it(library, clock):
    from textual.geometry import Size

    from microtui.ui.screen_preload import breakpoint_classes

    app = MicroTuiApp(library, clock=clock)
    screen = TodayScreen(app.services)
    assert breakpoint_classes(app, screen, Size(120, 40)) == {"-narrow": False, "-wide": True}
    assert breakpoint_classes(app, screen, Size(80, 24)) == {"-narrow": True, "-wide": False}


async def test_today_comes_up_with_its_breakpoint_class(library, clock):
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert app.screen.has_class("-narrow") and not app.screen.has_class("-wide")


async def test_a_screen_shown_again_keeps_its_styles(library, clock, monkeypatch):
    from microtui.ui.screens.routine import RoutineScreen

    app = MicroTuiApp(library, clock=clock)
    restyled: list[object] = []
    original = App.update_styles

    def recorded(self: App, node: object = None, **options: object) -> None:
        restyled.append(node)
        original(self, node, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "update_styles", recorded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        for key, kind in (("3", RoutineScreen), ("5", LibraryScreen), ("1", TodayScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, kind)
        for key, kind in (("3", RoutineScreen), ("5", LibraryScreen), ("1", TodayScreen)):
            restyled.clear()
            await pilot.press(key)
            screen = await wait_for_screen(pilot, kind)
            await pilot.pause()
            assert screen not in restyled  # not styled again from the screen down


def record_footer_draws(monkeypatch) -> list[Footer]:  # type: ignore[no-untyped-def]
    """The footers that draw their line, one entry per draw."""
    drawn: list[Footer] = []
    render = Footer.render

    def recorded(self: Footer):  # type: ignore[no-untyped-def]
        drawn.append(self)
        return render(self)

    monkeypatch.setattr(Footer, "render", recorded)
    return drawn


def labels(footer: Footer) -> tuple[str, ...]:
    """The keys of the line ``footer`` drew last, by their descriptions."""
    return tuple(shown.unit.label for shown in footer.drawn)


async def test_the_footer_keys_are_not_drawn_again_when_a_screen_comes_back(library, clock,
                                                                           monkeypatch):
    app = MicroTuiApp(library, clock=clock)
    drawn = record_footer_draws(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("5")
        library_screen = await wait_for_screen(pilot, LibraryScreen)
        footer = library_screen.query_one(Footer)
        await wait_for(pilot, lambda: "Quit" in labels(footer), "the keys in")
        await pilot.press("1")
        await wait_for_screen(pilot, TodayScreen)
        await settle(pilot)
        drawn.clear()
        await pilot.press("5")
        await wait_for_screen(pilot, LibraryScreen)
        await settle(pilot)
        assert footer not in drawn
        assert labels(footer)[-2:] == ("Help", "Quit")


async def test_a_screen_shown_for_the_first_time_does_not_restyle_the_app(library, clock,
                                                                          monkeypatch):
    """Every screen's CSS is in once Today has drawn: the first visit to a screen styles
    its own widgets as they mount, and does not parse the whole stylesheet again and
    apply it to every widget of every screen (twice, in Textual 8's ``switch_mode``)."""
    from microtui.ui.screens.progress import ProgressScreen
    from microtui.ui.screens.routine import RoutineScreen

    app = MicroTuiApp(library, clock=clock)
    refreshes = record_calls(monkeypatch, App, "refresh_css", lambda app, *_: app.current_mode)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: all(app.stylesheet.has_source(str(path), "")
                                          for path in SCREEN_CSS), "every screen's CSS in")
        refreshes.clear()
        for key, kind in (("3", RoutineScreen), ("4", ProgressScreen), ("5", LibraryScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, kind)
            await pilot.pause()
        assert refreshes == []  # the snapshot tests show each screen styled as before


async def test_a_screen_shown_for_the_first_time_adds_no_css_to_parse(library, clock):
    """The default CSS of every kind of widget the screens are made of is in once Today has
    drawn: a first visit does not make Textual parse the whole stylesheet again for each
    kind new to the app (the routine builder had eight: an Input, a Select, ...)."""
    from microtui.ui.screens.progress import ProgressScreen
    from microtui.ui.screens.routine import RoutineScreen

    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: all(app.stylesheet.has_source(str(path), "")
                                          for path in SCREEN_CSS), "every screen's CSS in")
        sources = set(app.stylesheet.source)
        for key, kind in (("3", RoutineScreen), ("4", ProgressScreen), ("5", LibraryScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, kind)
            await settle(pilot)
            added = [name for _, name in set(app.stylesheet.source) - sources]
            assert added == [], f"{kind.__name__} added {added}"


async def test_the_footer_draws_its_keys_again_only_when_they_change(library, clock,
                                                                     monkeypatch):
    """A screen's bindings change several times while it mounts and takes the focus (the
    focused widget adds keys the footer does not show); its footer draws its line again only
    when the keys it shows would change."""
    app = MicroTuiApp(library, clock=clock)
    drawn = record_footer_draws(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        routine = await open_routine(pilot)
        footer = routine.query_one(Footer)
        await settle(pilot)
        assert labels(footer)[:2] == ("Save", "Back") and labels(footer)[-1] == "Quit"
        assert drawn.count(footer) == 1
        routine.query_one("#set-start-of-day").focus()  # a set's keys: + More - Less ...
        await wait_for(pilot, lambda: "More" in labels(footer), "the set's keys")
        assert drawn.count(footer) == 2


async def test_a_screen_first_shown_has_its_keys_in_its_first_frame(library, clock,
                                                                    monkeypatch):
    """The frame that first shows a screen shows its footer's keys (Textual's footer gets
    them one refresh later)."""
    from microtui.ui.screens.library import LibraryScreen

    frames: list[tuple[type, bool]] = []
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen)
                       and "Quit" in labels(app.screen.query_one(Footer)), "Today's keys")
        record_frames(monkeypatch, frames, lambda screen, _dropped: (
            type(screen), "Quit" in labels(screen.query_one(Footer))))
        await pilot.press("5")
        await wait_for(pilot, lambda: (LibraryScreen, True) in frames, "the Library's keys")
    assert frames[[kind for kind, _keys in frames].index(LibraryScreen)] == (LibraryScreen,
                                                                             True), frames


async def test_no_frame_is_dropped_when_a_screen_is_switched_to(library, clock, monkeypatch):
    """Textual holds every frame for 50 ms after a mode switch (to hide its footer's late
    keys); here the screen a key asks for is written in the first frame that draws it."""
    from microtui.ui.screens.routine import RoutineScreen

    events: list[str] = []
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        record_frames(monkeypatch, events)
        for key, kind in (("3", RoutineScreen), ("1", TodayScreen)):
            await pilot.press(key)
            await wait_for(pilot, lambda kind=kind: isinstance(app.screen, kind)
                           and "frame" in events, f"a frame of {kind.__name__}")
            assert "frame dropped" not in events, events
            events.clear()


async def test_keys_the_footer_does_not_show_leave_it_as_it_is(library, clock, monkeypatch):
    """The focus moving to a widget whose own keys are all hidden (the routine picker)
    changes the screen's bindings but not the footer's keys: they are not drawn again."""
    from textual.widgets import Select

    app = MicroTuiApp(library, clock=clock)
    drawn = record_footer_draws(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        routine = await open_routine(pilot)
        await settle(pilot)
        before = len(drawn)
        picker = routine.query_one("#routine-picker", Select)
        picker.focus()
        await wait_for(pilot, lambda: app.focused is picker, "the picker focused")
        await settle(pilot)
        assert len(drawn) == before


async def open_routine(pilot):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN201
    """From Today, ``3``: the routine builder, mounted."""
    from microtui.ui.screens.routine import RoutineScreen

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TodayScreen))
    await pilot.press("3")
    return await wait_for_screen(pilot, RoutineScreen)


async def test_a_narrow_footer_first_shows_only_the_keys_that_fit(library, clock,
                                                                 monkeypatch):
    """At 60 columns the routine builder's footer cannot show every key: its first frame
    shows the same whole keys as every later one (none cut in the middle, "12345 Scree")."""
    from microtui.ui.screens.routine import RoutineScreen

    shown: list[tuple[str, ...]] = []  # for each written frame: the footer's keys
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        record_frames(monkeypatch, shown, lambda screen, dropped: (
            labels(screen.query_one(Footer))
            if isinstance(screen, RoutineScreen) and not dropped else None))
        routine = await open_routine(pilot)
        await settle(pilot)
        final = labels(routine.query_one(Footer))
        assert "Screens" not in final, "at 60 columns some keys do not fit"
        assert shown and shown[0] == final, shown


async def test_today_has_a_new_routines_rows_before_it_is_shown_again(library, clock):
    """The schedule changed while another screen was in front (the routine builder saved):
    Today's rows follow it then, so the frame that shows Today again never has the old
    ones beside a next-set panel that has the new."""
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        today = await wait_for_screen(pilot, TodayScreen)
        timeline = today.query_one(Timeline)
        await wait_for(pilot, lambda: any(row.name == "Every 30 min" for row in timeline.rows),
                       "the guide's day plan on Today")
        await pilot.press("3")
        await wait_for_screen(pilot, RoutineScreen)
        schedule = app.services.settings.current.schedule
        app.change_settings(schedule=replace(schedule, interval_minutes=20))
        await wait_for(pilot, lambda: any(row.name == "Every 20 min" for row in timeline.rows)
                       and not any(row.name == "Every 30 min" for row in timeline.rows),
                       "Today's rows following the new interval while Routine is in front")
        assert app.screen is not today


async def test_the_other_screens_code_is_imported_once_today_has_drawn(library, clock,
                                                                        monkeypatch):
    """A first visit to Routine, Progress or the Library does not wait for their code."""
    import importlib.util

    from microtui.ui import screen_preload
    from microtui.ui.app import IMPORTED_WHEN_IDLE

    events: list[str] = []
    record_frames(monkeypatch, events)
    monkeypatch.setattr(screen_preload, "import_module", lambda name: events.append(name))
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: set(IMPORTED_WHEN_IDLE) <= set(events),
                       "the screens' code imported")
        # One at a time, each after Today's first written frame.
        imported = [event for event in events if not event.startswith("frame")]
        assert imported == list(IMPORTED_WHEN_IDLE)
        assert "frame" in events[:events.index(imported[0])]
    assert {name.rsplit(".", 1)[1] for name in IMPORTED_WHEN_IDLE} == {
        "routine", "progress", "library", "checkin", "scrollbar"}
    assert all(importlib.util.find_spec(name) is not None for name in IMPORTED_WHEN_IDLE)


FIRST_VISITS = """
import asyncio, sys, tempfile
from datetime import datetime
from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.store import Store
from microtui.ui.app import IMPORTED_WHEN_IDLE, MicroTuiApp
from textual.worker import WorkerCancelled

async def main():
    clock = FakeClock(datetime(2026, 11, 25, 9, 31))
    store = Store.open(tempfile.mkdtemp() + "/data")
    app = MicroTuiApp(load_library([builtin_path()]), clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        while not set(IMPORTED_WHEN_IDLE) <= set(sys.modules):
            await pilot.pause(0.05)
        # Each screen in front with what comes in after its first frame (Routine's lower
        # steps), and its workers done.
        for key, name, last in (("3", "RoutineScreen", "#set-end-of-day"),
                                ("4", "ProgressScreen", "#insights"),
                                ("5", "LibraryScreen", "ExerciseDetail"),
                                ("1", "TodayScreen", "Timeline")):
            before = set(sys.modules)
            await pilot.press(key)
            while type(app.screen).__name__ != name or not app.screen.query(last):
                await pilot.pause(0.05)
            while True:
                try:
                    await app.workers.wait_for_complete()
                    break
                except WorkerCancelled:  # cancelled by a newer one of its group
                    await pilot.pause(0.05)
            print(key, sorted(set(sys.modules) - before))

asyncio.run(main())
"""


def test_a_first_visit_imports_nothing():
    """Once the app has been idle, no screen's first visit waits for an import (Routine's
    used to wait for Textual's scroll bars). In a process of its own: nothing imported."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", FIRST_VISITS], capture_output=True,
                          text=True, check=True, timeout=120)
    assert done.stdout.splitlines() == ["3 []", "4 []", "5 []", "1 []"], done.stderr
