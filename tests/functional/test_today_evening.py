"""Out of hours: Today says when the next set is, and ``2`` plays without the start-of-day
check-in."""

from __future__ import annotations

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, wait_for, wait_for_screen
from tests.functional.test_today import SIZE, local, make, settle


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


async def test_after_hours_today_says_when_the_next_set_is(library, store):
    # First seen at 19:00 on a Wednesday: the day is over before it began.
    app = make(library, store, FakeClock(local(19, 0)), first_seen=local(19, 0))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "The workday ended at 17:30" in text
        assert "Next set: Thursday 09:00" in text


async def test_once_the_days_sets_are_past_the_next_one_is_named(library, store):
    app = make(library, store, FakeClock(local(19, 0)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "No more sets today · Next set: Thursday 09:00" in screen_text(app)


async def test_friday_evening_names_monday(library, store):
    app = make(library, store, FakeClock(local(18, 0, day=27)), first_seen=local(18, 0, day=27))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Next set: Monday 09:00" in screen_text(app)


async def test_2_in_the_evening_plays_without_the_start_of_day_checkin(library, store):
    app = MicroTuiApp(library, clock=FakeClock(local(19, 0)), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayerScreen | CheckinScreen),
                       "the player (or a check-in)")
        assert isinstance(app.screen, PlayerScreen)
