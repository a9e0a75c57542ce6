"""The command palette finds every app action by the words people search for (issue 15,
item 2), runs it, and says why when it cannot run now; the theme picked in it outlasts a
restart."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from textual.command import CommandList, CommandPalette

from microtui.core.event_states import EventState
from microtui.core.fake_clock import FakeClock
from microtui.core.quiet import QUIET_CHOICES
from microtui.core.routine import routine_to_dict
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.quiet_dialog import QuietChooser
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, type_keys, wait_for, wait_for_screen

DUE = datetime(2026, 11, 25, 9, 30, 5).astimezone()  # a Wednesday: the 09:30 set is due
BEFORE = datetime(2026, 11, 25, 9, 20).astimezone()  # nothing due; 09:30 next
SET_0930 = "2026-11-25:interval:09:30"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def messages(app: MicroTuiApp) -> str:
    return " ".join(f"{n.title}: {n.message}" for n in app._notifications)


async def open_today(pilot) -> TodayScreen:
    today = await wait_for_screen(pilot, TodayScreen)
    await wait_for(pilot, lambda: today._log_ready and today.day_view is not None,
                   "Today's log read")
    return today


def highlighted(app: MicroTuiApp) -> str | None:
    option = app.screen.query_one(CommandList).highlighted_option
    return None if option is None else option.hit.text


async def run_command(pilot, query: str, command: str, *, closes: bool = True) -> None:
    """ctrl+p, type ``query``, pick ``command`` among the hits and run it (``closes``: wait
    for the palette to close)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*type_keys(query))
    await wait_for(pilot, lambda: command in screen_text(app),
                   f"the palette to find {command!r} for {query!r}")
    for _ in range(app.screen.query_one(CommandList).option_count):
        await pilot.press("down")
        await wait_for(pilot, lambda: highlighted(app) is not None, "a hit highlighted")
        if highlighted(app) == command:
            break
    assert highlighted(app) == command
    palette = app.screen
    await pilot.press("enter")
    if closes:
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette),
                       "the palette closed")
    else:
        await wait_for(pilot, lambda: app.screen is not palette, "the palette closed")


async def test_snooze_is_found_and_snoozes_the_due_set(library, store):
    clock = FakeClock(DUE)
    app = MicroTuiApp(library, clock=clock, store=store, mode="library")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        today = await open_today(pilot)
        await wait_for(pilot, lambda: today.day_view.due is not None, "the set due")
        await pilot.press("5")  # from the Library, far from Today's keys
        await run_command(pilot, "snooze", "Snooze the due set")
        await wait_for(pilot, lambda: today.day_view.view_of(SET_0930).state
                       is EventState.SNOOZED, "the due set snoozed")
        assert isinstance(app.screen, TodayScreen)
        assert "Snoozed until 09:35" in messages(app)


async def test_a_command_that_cannot_run_says_why(library):
    clock = FakeClock(BEFORE)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await run_command(pilot, "snooze", "Snooze the due set")
        await wait_for(pilot, lambda: "No set is due now" in messages(app), "the reason")
        assert "The next, Ankle Pumps + Cervical Nod, is at 09:30" in messages(app)
        app.start_quiet(next(c for c in QUIET_CHOICES if c.minutes == 60))
        app.clear_notifications()
        await run_command(pilot, "start", "Start the due set")
        await wait_for(pilot, lambda: "quiet until 10:20" in messages(app), "the reason")
        assert "z ends the quiet" in messages(app)


async def test_routine_is_found_to_go_there_and_to_switch(library, store):
    mine = library.default_routine.without_exercise("ankle-pumps", id="no-ankles",
                                                    name="No ankle pumps")
    store.save_routine(routine_to_dict(mine))
    clock = FakeClock(BEFORE)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await run_command(pilot, "routine", "Switch routine: No ankle pumps")
        await wait_for(pilot, lambda: app.services.settings.current.routine.id == "no-ankles",
                       "Today to follow the routine")
        assert "Today now follows No ankle pumps" in messages(app)
        await wait_for(pilot, lambda: store.user_settings().active_routine_id == "no-ankles",
                       "the choice stored")
        await run_command(pilot, "routine", "Go to Routine")
        await wait_for_screen(pilot, RoutineScreen)


async def test_export_is_found_and_says_where_the_file_went(library, store):
    clock = FakeClock(BEFORE)
    app = MicroTuiApp(library, clock=clock, store=store)
    exports = store.data_dir / "exports"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await run_command(pilot, "export", "Export everything (JSON)")
        await wait_for(pilot, lambda: "Exported (JSON)" in messages(app), "the export done")
        files = list(exports.glob("*.json"))
        assert len(files) == 1
        assert str(files[0]) in messages(app)
        assert json.loads(files[0].read_text(encoding="utf-8"))["sessions"] == []
        assert files[0].stat().st_mode & 0o777 == 0o600
        await run_command(pilot, "spreadsheet", "Export the log (CSV)")
        await wait_for(pilot, lambda: list(exports.glob("*.csv")), "the CSV written")
        assert list(exports.glob("*.csv"))[0].read_text(encoding="utf-8").startswith("started,")


async def test_quiet_is_found_by_its_words_and_ended_there_too(library):
    clock = FakeClock(BEFORE)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await run_command(pilot, "quiet", "Quiet for a while")
        await wait_for_screen(pilot, QuietChooser)
        await pilot.press("enter")  # 30 minutes
        await wait_for(pilot, lambda: "Quiet until 09:50" in screen_text(app), "quiet")
        await run_command(pilot, "unmute", "End the quiet")
        await wait_for(pilot, lambda: app.quiet_until() is None, "the quiet ended")
        await run_command(pilot, "do not disturb", "Quiet for a while")
        await wait_for_screen(pilot, QuietChooser)


async def test_the_theme_picked_in_the_palette_outlasts_a_restart(library, store):
    clock = FakeClock(BEFORE)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        assert app.theme != "nord"
        await run_command(pilot, "theme", "Theme", closes=False)
        await wait_for_screen(pilot, CommandPalette, "the themes")
        await pilot.press(*type_keys("nord"))
        await wait_for(pilot, lambda: "nord" in screen_text(app), "nord offered")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.theme == "nord", "the theme changed")
        await wait_for(pilot, lambda: store.user_settings().theme == "nord", "it stored")
    again = MicroTuiApp(library, clock=clock, store=store)
    async with again.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        assert again.theme == "nord"


async def test_play_an_exercise_record_mobility_and_add_a_meeting(library):
    from microtui.ui.screens.checkin import MobilityScreen
    from microtui.ui.screens.meeting_dialog import MeetingDialog
    from microtui.ui.screens.player import PlayerScreen

    clock = FakeClock(BEFORE)
    app = MicroTuiApp(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await run_command(pilot, "mobility", "Record the mobility screen")
        await wait_for_screen(pilot, MobilityScreen)
        await pilot.press("escape")
        await run_command(pilot, "meeting", "Add a meeting")
        await wait_for_screen(pilot, MeetingDialog)
        await pilot.press("escape")
        await run_command(pilot, "play shoulder circle", "Play exercise: Shoulder Circle")
        player = await wait_for_screen(pilot, PlayerScreen)
        assert player.event_id is None and "Shoulder Circle" in screen_text(app)
