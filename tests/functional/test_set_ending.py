"""How a set ends: a brief mental break after it (on by default, a setting turns it off),
and quitting late offers the End of Day set (``p`` plays it, ``x`` skips it)."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Checkbox

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.player_dialogs import SetSummaryScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from microtui.ui.widgets.mental_break import BREAK_SECONDS, MentalBreak
from tests.functional.helpers import screen_text, settle, wait_for, wait_for_screen

EVENING = datetime(2026, 11, 25, 18, 0).astimezone()  # a Wednesday; the day ended at 17:30
LAST_HOUR = datetime(2026, 11, 25, 16, 45).astimezone()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


async def play_a_set(pilot, app: MicroTuiApp, clock: FakeClock) -> None:
    """``2`` plays a set (no check-in in the evening); played out, its summary closed."""
    await wait_for_screen(pilot, TodayScreen)
    await pilot.press("2")
    player = await wait_for_screen(pilot, PlayerScreen)
    clock.advance(int(player.player.plan.total_seconds) + 2)
    await wait_for_screen(pilot, SetSummaryScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, TodayScreen)


def breaks(app: MicroTuiApp) -> list[MentalBreak]:
    return list(app.screen.query(MentalBreak))


async def test_a_mental_break_follows_a_set_and_ends_by_itself(library, store):
    clock = FakeClock(EVENING)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_a_set(pilot, app, clock)
        await wait_for(pilot, lambda: breaks(app), "the break shown")
        assert len(store.sessions()) == 1  # the set was logged before the pause
        assert "Look away from the screen and breathe · 10 s" in screen_text(app)
        clock.advance(3)
        await wait_for(pilot, lambda: "breathe · 7 s" in screen_text(app), "the countdown")
        clock.advance(BREAK_SECONDS)
        await wait_for(pilot, lambda: not breaks(app), "the break over")


async def test_any_key_ends_the_break_early(library, store):
    clock = FakeClock(EVENING)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_a_set(pilot, app, clock)
        await wait_for(pilot, lambda: breaks(app), "the break shown")
        await pilot.press("down")
        await wait_for(pilot, lambda: not breaks(app), "the break ended by a key")


async def test_the_setting_turns_the_break_off(library, store):
    store.update_settings(lambda saved: saved.with_mental_break(False))
    clock = FakeClock(EVENING)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.services.settings.current.mental_break,
                       "the stored setting read")
        await play_a_set(pilot, app, clock)
        await settle(pilot)
        assert not breaks(app)


async def test_the_routine_screen_turns_the_break_off_and_stores_it(library, store):
    app = MicroTuiApp(library, clock=FakeClock(EVENING), store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("3")
        builder = await wait_for_screen(pilot, RoutineScreen)
        await settle(pilot)
        checkbox = builder.query_one("#mental-break", Checkbox)
        assert checkbox.value
        checkbox.focus()
        await pilot.press("space")
        await wait_for(pilot, lambda: store.user_settings().mental_break is False,
                       "the setting stored")
        assert app.services.settings.current.mental_break is False


# -- quitting late: the End of Day set -----------------------------------------------------




async def test_q_in_the_last_hour_offers_the_end_of_day_set_and_x_skips_it(library, store):
    app = MicroTuiApp(library, clock=FakeClock(LAST_HOUR), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("q")
        dialog = await wait_for_screen(pilot, CheckinScreen)
        offer = str(dialog.query_one("#checkin-end-set").render())
        assert offer == ("Before logging off: your End of Day set is not done. p plays it "
                         "now, x skips it.")
        assert not dialog.rows  # no set moved today: no ratings asked
        await pilot.press("x")
        await wait_for(pilot, lambda: [s["outcome"] for s in store.sessions()] == ["skipped"],
                       "the skip written at once, the dialog still open")
        assert isinstance(app.screen, CheckinScreen)
        assert store.sessions()[0]["trigger"] == "end-of-day"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")


async def test_p_plays_the_end_of_day_set_then_asks_the_checkin_and_leaves(library, store):
    store.add_session({"started": LAST_HOUR.isoformat(), "event_id": "x", "trigger":
                       "interval", "outcome": "completed"})  # a set moved: check-in due
    clock = FakeClock(LAST_HOUR)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("q")
        dialog = await wait_for_screen(pilot, CheckinScreen)
        assert dialog.rows and dialog.end_set == "End of Day"
        await pilot.press("p")
        player = await wait_for_screen(pilot, PlayerScreen)
        assert player.trigger == "end-of-day"
        clock.advance(int(player.player.plan.total_seconds) + 2)
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckinScreen)  # the check-in, after the set
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    outcomes = {s["trigger"]: s["outcome"] for s in store.sessions()}
    assert outcomes["end-of-day"] == "completed"
