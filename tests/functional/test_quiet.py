"""Quiet for a while (issue 15, item 6): ``z`` asks how long, nothing rings until then
(no bell, no toast, no autostart), Today and the title say until when, the sets inside are
quiet (not missed), and the quiet ends by itself, or with ``z`` again; it outlasts a
restart. Time passes on the fake clock only."""

from __future__ import annotations

from datetime import datetime

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.quiet_dialog import QuietChooser
from microtui.ui.screens.today import TodayScreen
from microtui.ui.terminal import terminal_for
from microtui.ui.today_answers import DUE_TOAST
from tests.functional.helpers import screen_text, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 9, 20).astimezone()  # a Wednesday; the 09:30 set is next


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def due_toasts(app: MicroTuiApp) -> list[str]:
    return [n.title for n in app._notifications if n.title.endswith(DUE_TOAST)]


async def open_today(pilot) -> TodayScreen:
    today = await wait_for_screen(pilot, TodayScreen)
    await wait_for(pilot, lambda: today._log_ready and today.day_view is not None,
                   "Today's log read")
    return today


async def be_quiet(pilot, *downs: str) -> None:
    """``z``, then the choice ``downs`` arrows below the first (30 minutes)."""
    await pilot.press("z")
    await wait_for_screen(pilot, QuietChooser)
    await pilot.press(*downs, "enter")
    await wait_for_screen(pilot, TodayScreen, "the chooser closed")


async def test_quiet_rings_nothing_and_ends_by_itself(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, autostart_seconds=5)
    async with app.run_test(size=(120, 40)) as pilot:
        today = await open_today(pilot)
        terminal = terminal_for(app)
        await be_quiet(pilot)  # 30 minutes: until 09:50
        await wait_for(pilot, lambda: "☾ Quiet until 09:50 · z ends it" in screen_text(app),
                       "Today to say it is quiet")
        assert terminal.last_title == "microtui · quiet until 09:50"
        bells = terminal.bells

        clock.advance(11 * 60)  # 09:31: the 09:30 set's time, in the quiet
        await wait_for(pilot, lambda: "☾ quiet" in screen_text(app), "the set marked quiet")
        clock.advance(20)  # long past the autostart's 5 s
        await wait_for(pilot, lambda: today.day_view.now >= clock.now(), "a tick after that")
        assert terminal.bells == bells
        assert due_toasts(app) == []
        assert isinstance(app.screen, TodayScreen)  # nothing started by itself
        quiet_set = today.day_view.view_of("2026-11-25:interval:09:30")
        assert quiet_set is not None and quiet_set.state.value == "quiet"  # not missed

        clock.advance(30 * 60)  # 10:01: the quiet ended at 09:50, the 10:00 set is due
        await wait_for(pilot, lambda: terminal.bells > bells, "the 10:00 set to ring")
        assert due_toasts(app)
        assert "Quiet until" not in screen_text(app)
        assert terminal.last_title.endswith(" due")
        view = today.day_view
        assert view.view_of("2026-11-25:interval:09:30").state.value == "quiet"
        await wait_for_screen(pilot, PlayerScreen, "the due set started by itself")


async def test_the_same_key_ends_the_quiet(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        await be_quiet(pilot, "down", "down")  # 2 hours: until 11:20
        await wait_for(pilot, lambda: "Quiet until 11:20" in screen_text(app),
                       "Today to say it is quiet")
        await wait_for(pilot, lambda: store.user_settings().quiet.until(clock.now()),
                       "the quiet stored")
        clock.advance(5 * 60)
        await pilot.press("z")  # no chooser: it ends now
        await wait_for(pilot, lambda: "Quiet until" not in screen_text(app), "the quiet over")
        assert not isinstance(app.screen, QuietChooser)
        assert app.quiet_until() is None
        assert "Quiet ended" in " ".join(str(n.message) for n in app._notifications)
        await wait_for(pilot, lambda: store.user_settings().quiet.until(clock.now()) is None,
                       "the end stored")
        clock.advance(6 * 60)  # 09:31: the 09:30 set rings as ever
        await wait_for(pilot, lambda: "▶ due" in screen_text(app), "the 09:30 set due")


async def test_quiet_outlasts_a_restart(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        await be_quiet(pilot, "down")  # 1 hour: until 10:20
        await wait_for(pilot, lambda: store.user_settings().quiet.until(clock.now()),
                       "the quiet stored")
    clock.advance(15 * 60)
    again = MicroTuiApp(library, clock=clock, store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        await wait_for(pilot, lambda: "Quiet until 10:20" in screen_text(again),
                       "the quiet still in force")
        assert "☾ quiet" in screen_text(again)  # the 09:30 set
        assert terminal_for(again).bells == 0


async def test_escape_leaves_it_as_it_was(library):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_today(pilot)
        await pilot.press("z")
        await wait_for_screen(pilot, QuietChooser)
        assert "Until tomorrow" in screen_text(app) and "quiet until tomorrow" in screen_text(app)
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen, "the chooser closed")
        assert app.quiet_until() is None


async def test_quiet_takes_down_the_due_toast_and_the_due_set_goes_quiet(library):
    clock = FakeClock(datetime(2026, 11, 25, 9, 30, 5).astimezone())  # the 09:30 set due
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        today = await open_today(pilot)
        await wait_for(pilot, lambda: due_toasts(app), "the set due announced")
        await be_quiet(pilot)  # the toast waits while the chooser is open ...
        await wait_for(pilot, lambda: "Quiet until 10:00" in screen_text(app), "quiet")
        assert due_toasts(app) == []  # ... and is not shown again after it
        assert today.day_view.due is None
        assert "First set at" not in screen_text(app)


async def test_quiet_keeps_the_routine_builders_unsaved_changes(library, store):
    from textual.widgets import Input

    from microtui.ui.screens.routine import RoutineScreen

    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await pilot.press("3")
        builder = await wait_for_screen(pilot, RoutineScreen)
        builder.query_one("#name", Input).focus()
        await pilot.press("ctrl+u", *"Wrists week")
        assert builder.dirty
        builder.query_one("#pain-points").focus()
        await pilot.press("1")
        await open_today(pilot)
        await be_quiet(pilot)
        await wait_for(pilot, lambda: app.quiet_until() is not None, "quiet")
        await pilot.press("3")
        again = await wait_for_screen(pilot, RoutineScreen)
        assert again is builder and again.dirty
        assert again.query_one("#name", Input).value == "Wrists week"
